"""Updates are handled concurrently, one person's at a time.

PTB handles one update after another unless told otherwise, so one staffer's slow export or
a hundred sign-ups at Saturday 09:00 made everyone else wait. Here different people's updates
run side by side, while each person's own updates still run in the order they were sent: a
form's answers, a double tap, a message and the button pressed after it are never reordered,
and nothing in a handler has to think about the same member twice at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates in progress at once (beyond this they wait their turn, as PTB's own processor does).
MAX_CONCURRENT = 256


class UpdateQueue(asyncio.Queue[object]):
    """PTB's update queue, counting the updates received and not yet handled.

    PTB marks an update done (``task_done``) once its handlers have finished, so ``unfinished``
    is what a health check or a test wants to know: is anyone still waiting for an answer?
    """

    def __init__(self) -> None:
        super().__init__()
        self.unfinished = 0

    def put_nowait(self, item: object) -> None:
        """Queue an update (``put`` comes here too)."""
        super().put_nowait(item)
        self.unfinished += 1

    def task_done(self) -> None:
        """One update has been handled (or dropped at shutdown)."""
        super().task_done()
        self.unfinished -= 1


class OnePersonAtATime(BaseUpdateProcessor):
    """Run updates concurrently, except that one user's updates run in arrival order."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT) -> None:
        super().__init__(max_concurrent_updates)
        # Per user: their lock and how many of their updates hold or wait for it.
        self._turns: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this person's earlier updates (a lock queues its waiters in order)."""
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        turn, count = self._turns.get(user.id, (asyncio.Lock(), 0))
        self._turns[user.id] = (turn, count + 1)
        try:
            async with turn:
                await coroutine
        finally:
            turn, count = self._turns[user.id]
            if count == 1:
                del self._turns[user.id]  # nobody else of theirs holds or waits for it
            else:
                self._turns[user.id] = (turn, count - 1)

    @property
    def people(self) -> int:
        """How many people have updates in progress or waiting."""
        return len(self._turns)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: updates in progress finish under the Application's stop."""
