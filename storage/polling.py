"""When each platform last answered getUpdates, kept across restarts.

Stored in ptb_conversations under a name no ConversationHandler has: PTB reads that table
only by the names of its own persistent conversations, and so this needs no migration. (A
table of its own can replace it with the next migration that has another reason to exist.)
"""

from __future__ import annotations

import json
from datetime import datetime

import aiosqlite

from storage.clock import parse_iso
from storage.db import transaction
from storage.queries import fetch_one

_NAME = "khooshe:last-poll"
_KEY = "[]"


async def last_poll(db: aiosqlite.Connection, platform: str) -> datetime | None:
    """When getUpdates last succeeded on a platform, as far as this database knows."""
    row = await fetch_one(
        db,
        "SELECT state FROM ptb_conversations WHERE platform = ? AND name = ? AND key = ?",
        (platform, _NAME, _KEY),
    )
    return parse_iso(json.loads(row["state"])) if row else None


async def record_poll(db: aiosqlite.Connection, platform: str, at: datetime) -> None:
    """Remember that getUpdates succeeded at `at` (an aware datetime)."""
    async with transaction(db):
        await db.execute(
            "INSERT INTO ptb_conversations (platform, name, key, state) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (platform, name, key) DO UPDATE SET state = excluded.state",
            (platform, _NAME, _KEY, json.dumps(at.isoformat(timespec="seconds"))),
        )
