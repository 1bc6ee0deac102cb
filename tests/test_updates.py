"""Updates run side by side, one person's at a time (bot/updates.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.updates import OnePersonAtATime


def _update(update_id: int, user_id: int) -> Update:
    user = User(user_id, "عضو", is_bot=False)
    chat = Chat(user_id, Chat.PRIVATE)
    message = Message(update_id, datetime.now(UTC), chat, from_user=user, text="سلام")
    return Update(update_id, message=message)


async def test_one_persons_updates_wait_for_each_other_and_nobody_else() -> None:
    processor = OnePersonAtATime()
    order: list[str] = []
    release_first = asyncio.Event()

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        order.append(f"{name} starts")
        if wait is not None:
            await wait.wait()
        order.append(f"{name} ends")

    async with processor:
        first = asyncio.create_task(
            processor.process_update(_update(1, 10), handle("A1", release_first))
        )
        second = asyncio.create_task(processor.process_update(_update(2, 10), handle("A2")))
        other = asyncio.create_task(processor.process_update(_update(3, 20), handle("B")))
        await other  # another person's update is not held up by A's slow one
        assert order == ["A1 starts", "B starts", "B ends"]
        release_first.set()
        await asyncio.gather(first, second)
    assert order[3:] == ["A1 ends", "A2 starts", "A2 ends"]  # A's second waited its turn
    assert processor.people == 0  # nothing kept for people with nothing in progress
