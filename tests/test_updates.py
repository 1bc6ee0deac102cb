"""Updates run side by side, one person's at a time (bot/updates.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import TypeVar

import pytest
from telegram import Chat, Message, Update, User
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.app import Runtime
from bot.sandbox import BotMessage, SandboxUser
from bot.updates import OnePersonAtATime
from storage.outbox_queue import PersonalRow, queue_notices
from tests.conftest import Khooshe, expect, wait_for


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


async def _slow_handler(khooshe: Khooshe) -> tuple[Runtime, asyncio.Event, SandboxUser]:
    """A handler for «آهسته» that answers only once the returned event is set, at work on a
    new user's «آهسته»."""
    release = asyncio.Event()
    runtime = khooshe.runtime
    assert runtime is not None
    (app,) = runtime.apps.values()

    async def slow(update: Update, context: object) -> None:
        await release.wait()
        assert update.effective_chat is not None
        await app.bot.send_message(update.effective_chat.id, "دیر ولی رسید")
        raise ApplicationHandlerStop

    app.add_handler(MessageHandler(filters.Regex("^آهسته$"), slow), group=-5)
    user = khooshe.member()
    await user.send_text("آهسته")
    if not await wait_for(lambda: runtime.handling == 1, 10):
        release.set()  # (the bot cannot stop while its handler waits)
        raise AssertionError("the slow handler never took the update")
    return runtime, release, user


async def test_settle_waits_for_a_handler_slower_than_the_quiet_period(khooshe: Khooshe) -> None:
    """A handler still at work is not a quiet chat: settle() waits for its reply."""
    runtime, release, user = await _slow_handler(khooshe)
    settling = asyncio.create_task(user.settle())
    try:
        await asyncio.wait({settling}, timeout=0.5)
        assert not settling.done()  # fetched and quiet, yet the bot says it is still at work
    finally:
        release.set()  # (the bot cannot stop while its handler waits)
    (reply,) = await settling
    assert reply.text == "دیر ولی رسید"
    assert runtime.handling == 0


T = TypeVar("T")


async def _held(waiting: asyncio.Task[T], release: asyncio.Event) -> T:
    """`waiting` is still waiting while the bot's work waits for `release` (the chat is quiet,
    yet the bot says it is still at work); then it returns what it waited for."""
    try:
        await asyncio.wait({waiting}, timeout=0.5)
        assert not waiting.done()
    finally:
        release.set()  # (the bot cannot stop while its work waits)
    return await waiting


def _texts(messages: list[BotMessage]) -> list[str]:
    return [m.text or "" for m in messages]


async def test_settle_waits_for_work_a_handler_left_running_beside_its_update(
    khooshe: Khooshe,
) -> None:
    """A handler that does not block (PTB's block=False) leaves its update handled at once;
    settle() still waits for what it sends."""
    runtime = khooshe.runtime
    assert runtime is not None
    (app,) = runtime.apps.values()
    release = asyncio.Event()

    async def beside(update: Update, context: object) -> None:
        await release.wait()
        assert update.effective_chat is not None
        await app.bot.send_message(update.effective_chat.id, "کار کناری تمام شد")

    app.add_handler(MessageHandler(filters.Regex("^کناری$"), beside, block=False), group=-5)
    user = khooshe.member()
    await user.send_text("کناری")
    assert await wait_for(lambda: bool(app.background), 10)
    assert "کار کناری تمام شد" in _texts(await _held(asyncio.create_task(user.settle()), release))


async def _held_job(khooshe: Khooshe, text: str) -> tuple[SandboxUser, asyncio.Event]:
    """A member past /start, and a job of the scheduler, due now, that sends them `text` once
    the returned event is set."""
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    jobs = runtime.outbox.jobs
    assert jobs is not None
    user = khooshe.member()
    await user.send_command("start")
    await user.settle()
    release = asyncio.Event()

    async def send(context: object) -> None:
        await release.wait()
        await jobs.application.bot.send_message(user.id, text)

    jobs.run_once(send, 0)
    return user, release


async def test_settle_waits_for_a_scheduled_job_at_work(khooshe: Khooshe) -> None:
    """A job of the scheduler (a reminder falling due) is the bot at work too."""
    user, release = await _held_job(khooshe, "یادآوری آزمایشی")
    assert _texts(await _held(asyncio.create_task(user.settle()), release)) == ["یادآوری آزمایشی"]


async def test_settle_waits_for_a_message_due_in_the_outbox(khooshe: Khooshe) -> None:
    """A message queued for this chat and not yet sent: nobody woke the outbox's workers, so
    they find it only when they next look, and settle() waits for it."""
    user = khooshe.member()
    await user.send_command("start")
    await user.settle()
    platform = khooshe.platform.value
    row = PersonalRow(platform, user.id, None, {"text": "پیام در صف"})
    await queue_notices(khooshe.db, platform, [("test:owed", [row])])
    assert [m.text for m in await user.settle()] == ["پیام در صف"]


async def test_waiting_for_a_message_runs_its_clock_only_while_the_bot_is_idle(
    khooshe: Khooshe,
) -> None:
    """On a loaded machine a handler may take longer than a test's patience: while the bot
    says it is still at work on this chat, next_message() keeps waiting; once it is idle,
    the timeout runs out as before."""
    _, release, user = await _slow_handler(khooshe)
    waiting = asyncio.create_task(user.next_message(timeout=0.2))
    try:
        # Much longer than the 0.2 s asked for, and the wait still holds, for the bot is busy.
        await asyncio.wait({waiting}, timeout=1.0)
        assert not waiting.done()
    finally:
        release.set()
    assert (await waiting).text == "دیر ولی رسید"
    # An idle bot: nothing comes, and the short timeout holds.
    with pytest.raises(AssertionError, match="no new bot message"):
        await user.next_message(timeout=0.2)


async def test_waiting_for_a_message_holds_while_work_elsewhere_may_still_send_it(
    khooshe: Khooshe,
) -> None:
    """A message may come from work that is not this chat's: a staff reply handled in the
    group, a job of the scheduler. While the bot is not at rest for this chat, next_message()
    keeps waiting however short its timeout."""
    user, release = await _held_job(khooshe, "پاسخ دیرهنگام")
    waiting = asyncio.create_task(user.next_message(timeout=0.2))
    assert (await _held(waiting, release)).text == "پاسخ دیرهنگام"


async def test_a_slow_export_holds_up_nobody_and_one_persons_quick_taps_stay_in_order(
    khooshe: Khooshe,
) -> None:
    """The staffer's export is on its way (its upload hangs on a slow link) while a member
    asks for help and a newcomer answers two questions in a row: both are answered before the
    export arrives, and the newcomer's two answers are taken in the order they were sent."""
    admin = khooshe.admin()
    (member,) = await khooshe.seed_members(1)
    khooshe.sandbox.inject("sendDocument", delay=15.0)
    await admin.send_command("export_reports")
    assert await wait_for(lambda: khooshe.sandbox.calls_to("sendDocument"), 20)

    await member.send_command("help")
    await expect(member, "ربات خوشه‌های صنعتی استان")
    newcomer = khooshe.member()
    await newcomer.send_command("start")
    await expect(newcomer, "نام و نام خانوادگی")
    await newcomer.send_text("مریم رضایی")  # two taps, the second before any answer
    await newcomer.send_text("کفش آذر")
    await expect(newcomer, "شرکت")
    await expect(newcomer, "کدام خوشه")  # the second answer was taken as the company
    # all while the export was still on its way: one update at a time would have made
    # everyone wait for it
    assert not any(m.document is not None for m in admin.messages)

    export = await expect(admin, "ردیف", wait=30)
    assert export.document is not None
    (draft,) = await khooshe.rows("SELECT COUNT(*) AS n FROM members")
    assert draft["n"] == 1  # the newcomer has not finished registering yet
