"""Timestamps as stored: ISO 8601 in UTC."""

from datetime import UTC, datetime


def now_iso() -> str:
    """The current instant as stored in the database."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_iso(value: str) -> datetime:
    """A stored timestamp back as an aware datetime."""
    return datetime.fromisoformat(value)
