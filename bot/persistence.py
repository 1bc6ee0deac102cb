"""PTB persistence on the shared SQLite database: conversation states and form drafts.

Both platforms' Applications share one database, and Telegram and Bale user ids can collide,
so every row carries the platform. Only conversations and user_data are kept: that is all a
half-finished form needs to survive a restart. This is PTB glue; the SQL is in
storage/ptb_state.py, so storage imports no PTB.
"""

from __future__ import annotations

import copy
from collections.abc import MutableMapping
from typing import Any

import aiosqlite
from telegram.ext import BasePersistence, PersistenceInput

from storage import ptb_state
from storage.ptb_state import ConversationKey, UserData

# PTB's own names for these live in a private module (telegram.ext._utils.types); these are
# the same types, spelled out.
ConversationDict = MutableMapping[ConversationKey, object]


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
        # What each user's row holds, as last read or written (absent: no row). PTB offers
        # every user who sent an update for writing, changed or not; at a peak most have not
        # changed, and rewriting them would queue a transaction per tap behind the real work.
        self._written: dict[int, UserData] = {}

    async def get_user_data(self) -> dict[int, UserData]:
        """Every stored user_data of this platform."""
        stored = await ptb_state.all_user_data(self._db, self._platform)
        self._written = copy.deepcopy(stored)
        return stored

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        """Write one user's data (an empty dict deletes the row), unless the row holds it."""
        if data == self._written.get(user_id, {}):
            return
        await ptb_state.update_user_data(self._db, self._platform, user_id, data)
        self._remember(user_id, data)

    def _remember(self, user_id: int, data: UserData) -> None:
        if data:
            self._written[user_id] = copy.deepcopy(data)
        else:
            self._written.pop(user_id, None)

    async def stored_user_data(self, user_id: int) -> UserData:
        """One user's data as last written (empty if never)."""
        return await ptb_state.stored_user_data(self._db, self._platform, user_id)

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data."""
        await self.update_user_data(user_id, {})

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Nothing to refresh: this process is the only writer."""

    async def get_conversations(self, name: str) -> ConversationDict:
        """States of one ConversationHandler."""
        return await ptb_state.conversations(self._db, self._platform, name)

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store (or with None, clear) one conversation's state."""
        await ptb_state.update_conversation(self._db, self._platform, name, key, new_state)

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
        await ptb_state.save_form(
            self._db, self._platform, user_id, data, conversation, key, state
        )
        self._written[user_id] = copy.deepcopy(data)  # written as it is, even when empty
