"""What PTB keeps between restarts, as rows: conversation states and form drafts.

The SQL behind bot/persistence.py (`SqlitePersistence`, the PTB glue). Both platforms'
Applications share one database, and Telegram and Bale user ids can collide, so every row
carries the platform. Nothing here imports PTB.
"""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from storage.db import transaction
from storage.queries import fetch_one

UserData = dict[str, Any]
# A conversation's key as PTB makes it: (chat_id, user_id) for the forms here.
ConversationKey = tuple[int | str, ...]


async def all_user_data(db: aiosqlite.Connection, platform: str) -> dict[int, UserData]:
    """Every stored user_data of one platform."""
    async with db.execute(
        "SELECT user_id, data FROM ptb_user_data WHERE platform = ?", (platform,)
    ) as cursor:
        return {row["user_id"]: json.loads(row["data"]) for row in await cursor.fetchall()}


async def _write_user_data(
    db: aiosqlite.Connection, platform: str, user_id: int, data: UserData
) -> None:
    # Inside the caller's transaction. An empty dict deletes the row.
    if data:
        await db.execute(
            "INSERT INTO ptb_user_data (platform, user_id, data) VALUES (?, ?, ?) "
            "ON CONFLICT (platform, user_id) DO UPDATE SET data = excluded.data",
            (platform, user_id, json.dumps(data, ensure_ascii=False)),
        )
    else:
        await db.execute(
            "DELETE FROM ptb_user_data WHERE platform = ? AND user_id = ?",
            (platform, user_id),
        )


async def _write_conversation(
    db: aiosqlite.Connection, platform: str, name: str, key: ConversationKey, state: object
) -> None:
    # Inside the caller's transaction. None clears the state.
    encoded_key = json.dumps(list(key))
    if state is None:
        await db.execute(
            "DELETE FROM ptb_conversations WHERE platform = ? AND name = ? AND key = ?",
            (platform, name, encoded_key),
        )
    else:
        await db.execute(
            "INSERT INTO ptb_conversations (platform, name, key, state) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (platform, name, key) "
            "DO UPDATE SET state = excluded.state",
            (platform, name, encoded_key, json.dumps(state)),
        )


async def update_user_data(
    db: aiosqlite.Connection, platform: str, user_id: int, data: UserData
) -> None:
    """Write one user's data (an empty dict deletes the row)."""
    async with transaction(db):
        await _write_user_data(db, platform, user_id, data)


async def stored_user_data(db: aiosqlite.Connection, platform: str, user_id: int) -> UserData:
    """One user's data as last written (empty if never)."""
    row = await fetch_one(
        db,
        "SELECT data FROM ptb_user_data WHERE platform = ? AND user_id = ?",
        (platform, user_id),
    )
    return dict(json.loads(row["data"])) if row else {}


async def conversations(
    db: aiosqlite.Connection, platform: str, name: str
) -> dict[ConversationKey, object]:
    """States of one ConversationHandler."""
    async with db.execute(
        "SELECT key, state FROM ptb_conversations WHERE platform = ? AND name = ?",
        (platform, name),
    ) as cursor:
        rows = await cursor.fetchall()
    return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}


async def update_conversation(
    db: aiosqlite.Connection, platform: str, name: str, key: ConversationKey, state: object
) -> None:
    """Store (or with None, clear) one conversation's state."""
    async with transaction(db):
        await _write_conversation(db, platform, name, key, state)


async def save_form(
    db: aiosqlite.Connection,
    platform: str,
    user_id: int,
    data: UserData,
    conversation: str,
    key: ConversationKey,
    state: object,
) -> None:
    """One user's data and one conversation state, in a single transaction."""
    async with transaction(db):
        # Unlike update_user_data, an empty draft is written as it is (the form's own step).
        await db.execute(
            "INSERT INTO ptb_user_data (platform, user_id, data) VALUES (?, ?, ?) "
            "ON CONFLICT (platform, user_id) DO UPDATE SET data = excluded.data",
            (platform, user_id, json.dumps(data, ensure_ascii=False)),
        )
        await _write_conversation(db, platform, conversation, key, state)
