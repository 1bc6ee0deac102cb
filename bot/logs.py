"""Logging set-up: tokens and phone numbers never reach a log line."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

from bot.phones import PHONE

# A Bot API URL carries the token after "/bot" (requests and file downloads alike); an error
# from the HTTP client may quote the URL whole.
_TOKEN_IN_URL = re.compile(r"(/(?:file/)?bot)[^/\s'\"<>]+")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Replace secrets, a token in a Bot API URL, and anything shaped like a phone number."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<token>")
    text = _TOKEN_IN_URL.sub(r"\1<token>", text)
    return PHONE.sub("<phone>", text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts the whole line, traceback included."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        """The redacted log line."""
        return redact(super().format(record), self._secrets)


def _drop_refused_token_noise(record: logging.LogRecord) -> bool:
    """PTB logs a refused token several times, with tracebacks and advice that does not fit
    (polling aborted, its last getUpdates "adjust timeouts"): the runtime's own line says
    what happened and what to do, so PTB's are dropped."""
    from telegram.error import InvalidToken

    exc = record.exc_info[1] if record.exc_info else None
    refused = isinstance(exc, InvalidToken) or getattr(exc, "refused_token", False)
    return not (record.name.startswith("telegram") and refused)


def setup_logging(level: str, secrets: Iterable[str]) -> logging.Handler:
    """Log to stderr at `level`, redacting `secrets`; returns the handler."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # PTB's DEBUG lines carry whole updates and request parameters (members' messages and
    # numbers): even at LOG_LEVEL=DEBUG we keep the library at INFO.
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))
    # aiosqlite's DEBUG lines show every statement with its parameters (members' names,
    # phones, report texts); our own DEBUG lines stay.
    logging.getLogger("aiosqlite").setLevel(max(logging.INFO, root.level))
    handler.addFilter(_drop_refused_token_noise)
    # APScheduler announces every job run at INFO; that is noise at our volumes.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    return handler
