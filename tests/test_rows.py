"""storage/rows.py: a stored row as its dataclass, decoded by the fields' types, on real SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite
import pytest

from storage.rows import from_row


@dataclass(frozen=True, slots=True)
class Thing:
    id: int
    name: str
    active: bool
    seen_at: datetime
    gone_at: datetime | None
    note: str | None = None
    tags: tuple[str, ...] = ()


async def _row(db: aiosqlite.Connection, sql: str) -> aiosqlite.Row:
    async with db.execute(sql) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return row


async def test_columns_are_decoded_by_the_fields_types(db: aiosqlite.Connection) -> None:
    row = await _row(
        db,
        "SELECT 7 AS id, 'کفش آذر' AS name, 1 AS active, "
        "'2026-03-21T06:30:00+00:00' AS seen_at, NULL AS gone_at, 'x' AS note, 'extra' AS other",
    )
    thing = from_row(Thing, row)
    assert thing == Thing(7, "کفش آذر", True, datetime(2026, 3, 21, 6, 30, tzinfo=UTC), None, "x")
    assert thing.active is True
    row = await _row(
        db,
        "SELECT 8 AS id, 'b' AS name, 0 AS active, '2026-03-21T06:30:00+00:00' AS seen_at, "
        "'2026-03-22T00:00:00+00:00' AS gone_at",
    )
    thing = from_row(Thing, row, tags=("a",))
    assert thing.active is False
    assert thing.gone_at == datetime(2026, 3, 22, tzinfo=UTC)
    assert thing.note is None  # no such column: the field's default
    assert thing.tags == ("a",)


async def test_given_values_win_and_a_missing_column_is_named(db: aiosqlite.Connection) -> None:
    row = await _row(
        db, "SELECT 1 AS id, 'a' AS name, 1 AS active, 'not a date' AS seen_at, NULL AS gone_at"
    )
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    assert from_row(Thing, row, seen_at=moment).seen_at == moment
    with pytest.raises(ValueError):
        from_row(Thing, row)  # the stored text is parsed, not passed through
    with pytest.raises(KeyError, match="gone_at"):
        from_row(Thing, await _row(db, "SELECT 1 AS id, 'a' AS name, 1 AS active"), seen_at=moment)


def test_a_mapping_serves_as_a_row() -> None:
    draft = {"id": 3, "name": "n", "active": 1, "seen_at": None, "gone_at": None}
    assert from_row(Thing, draft).active is True
