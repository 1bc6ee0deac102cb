"""Logging set-up: tokens and phone numbers never reach a log line."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

# Iranian mobiles in any common form, and any long +international number.
_PHONE = re.compile(r"(?<!\d)(?:\+|00)?(?:98|0)?9\d{9}(?!\d)|\+\d{10,15}")


class RedactingFilter(logging.Filter):
    """Replace secrets and phone numbers in the final message with placeholders."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message in place; never drop a record."""
        message = record.getMessage()
        cleaned = message
        for secret in self._secrets:
            cleaned = cleaned.replace(secret, "<token>")
        cleaned = _PHONE.sub("<phone>", cleaned)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def setup_logging(level: str, secrets: Iterable[str]) -> None:
    """Log to stderr at `level`, redacting `secrets`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # APScheduler announces every job run at INFO; that is noise at our volumes.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
