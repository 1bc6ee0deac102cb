"""PTB persistence on the shared SQLite database: conversation states and form drafts.

Both platforms' Applications share one database, and Telegram and Bale user ids can collide,
so every row carries the platform. Only conversations and user_data are kept: that is all a
half-finished form needs to survive a restart.
"""

from __future__ import annotations

import json
from typing import Any

import aiosqlite
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from storage.db import transaction

UserData = dict[str, Any]


class SqlitePersistence(BasePersistence[UserData, dict[Any, Any], dict[Any, Any]]):
    """Conversation states and user_data in the `ptb_*` tables, keyed by platform."""

    def __init__(self, db: aiosqlite.Connection, platform: str, update_interval: float) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._db = db
        self._platform = platform

    async def get_user_data(self) -> dict[int, UserData]:
        """Every stored user_data of this platform."""
        async with self._db.execute(
            "SELECT user_id, data FROM ptb_user_data WHERE platform = ?", (self._platform,)
        ) as cursor:
            return {row["user_id"]: json.loads(row["data"]) for row in await cursor.fetchall()}

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        """Write one user's data (an empty dict deletes the row)."""
        async with transaction(self._db):
            if data:
                await self._db.execute(
                    "INSERT INTO ptb_user_data (platform, user_id, data) VALUES (?, ?, ?) "
                    "ON CONFLICT (platform, user_id) DO UPDATE SET data = excluded.data",
                    (self._platform, user_id, json.dumps(data, ensure_ascii=False)),
                )
            else:
                await self._db.execute(
                    "DELETE FROM ptb_user_data WHERE platform = ? AND user_id = ?",
                    (self._platform, user_id),
                )

    async def stored_user_data(self, user_id: int) -> UserData:
        """One user's data as last written (empty if never)."""
        async with self._db.execute(
            "SELECT data FROM ptb_user_data WHERE platform = ? AND user_id = ?",
            (self._platform, user_id),
        ) as cursor:
            row = await cursor.fetchone()
        return dict(json.loads(row["data"])) if row else {}

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data."""
        await self.update_user_data(user_id, {})

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Nothing to refresh: this process is the only writer."""

    async def get_conversations(self, name: str) -> ConversationDict:
        """States of one ConversationHandler."""
        async with self._db.execute(
            "SELECT key, state FROM ptb_conversations WHERE platform = ? AND name = ?",
            (self._platform, name),
        ) as cursor:
            rows = await cursor.fetchall()
        return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store (or with None, clear) one conversation's state."""
        encoded_key = json.dumps(list(key))
        async with transaction(self._db):
            if new_state is None:
                await self._db.execute(
                    "DELETE FROM ptb_conversations WHERE platform = ? AND name = ? AND key = ?",
                    (self._platform, name, encoded_key),
                )
            else:
                await self._db.execute(
                    "INSERT INTO ptb_conversations (platform, name, key, state) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (platform, name, key) "
                    "DO UPDATE SET state = excluded.state",
                    (self._platform, name, encoded_key, json.dumps(new_state)),
                )

    # chat_data, bot_data and callback_data are not stored (see store_data above).
    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        """Not stored."""
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        """Not stored."""
        return {}

    async def get_callback_data(self) -> None:
        """Not stored."""
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        """Not stored."""

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        """Not stored."""

    async def update_callback_data(self, data: Any) -> None:
        """Not stored."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not stored."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        """Not stored."""

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        """Not stored."""

    async def flush(self) -> None:
        """Every update is written as it comes; nothing is buffered here."""

    async def save_now(
        self,
        user_id: int,
        data: UserData,
        conversation: str,
        key: ConversationKey,
        state: object | None,
    ) -> None:
        """Write one user's data and one conversation state in a single transaction.

        PTB writes persistence on a timer, after the reply has gone out. A form calls this
        before it asks its next question, so what the member answered is on disk (with the
        step it leads to) before they see that it was taken: a kill -9 loses nothing.
        """
        encoded_key = json.dumps(list(key))
        async with transaction(self._db):
            await self._db.execute(
                "INSERT INTO ptb_user_data (platform, user_id, data) VALUES (?, ?, ?) "
                "ON CONFLICT (platform, user_id) DO UPDATE SET data = excluded.data",
                (self._platform, user_id, json.dumps(data, ensure_ascii=False)),
            )
            if state is None:
                await self._db.execute(
                    "DELETE FROM ptb_conversations WHERE platform = ? AND name = ? AND key = ?",
                    (self._platform, conversation, encoded_key),
                )
            else:
                await self._db.execute(
                    "INSERT INTO ptb_conversations (platform, name, key, state) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (platform, name, key) "
                    "DO UPDATE SET state = excluded.state",
                    (self._platform, conversation, encoded_key, json.dumps(state)),
                )
