"""The outbox's edge cases: an error that is not Telegram's, a graceful stop during a send, a
send that timed out, and a platform whose token is refused in the middle of a broadcast."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.platforms import longest_request
from bot.sandbox import BotApiSandbox
from bot.transport import AiohttpRequest
from storage.members import NewMember, register_member
from storage.outbox_queue import PersonalRow, create_personal_broadcast
from tests.conftest import ADMIN_ID, Khooshe, announcement, expect, on_both_platforms, wait_for


def _sends_to(sandbox: BotApiSandbox, chat_id: int) -> int:
    return sum(1 for c in sandbox.calls_to("sendMessage") if c.params.get("chat_id") == chat_id)


async def test_an_error_that_is_not_telegrams_leaves_no_row_in_flight(khooshe: Khooshe) -> None:
    """A row the sender cannot handle (here a payload without its text: a bug) is put back
    with the reason, to be retried like a 5xx, instead of staying 'sending' until a restart;
    the row behind it is sent."""
    broken, fine = await khooshe.seed_members(2)
    platform = khooshe.platform.value
    await create_personal_broadcast(
        khooshe.db,
        announcement(platform, "", "bug"),
        [
            PersonalRow(platform, broken.id, None, {"caption": "no text"}),
            PersonalRow(platform, fine.id, None, {"text": "پیام سالم"}),
        ],
    )
    assert khooshe.runtime is not None and khooshe.runtime.outbox is not None
    khooshe.runtime.outbox.wake()
    await expect(fine, "پیام سالم")

    rows: dict[int, dict[str, object]] = {}
    for _ in range(400):  # the sender records a result right after the platform's answer
        rows = {r["chat_id"]: r for r in await khooshe.rows("SELECT * FROM outbox")}
        if rows[fine.id]["status"] == "sent" and rows[broken.id]["error"]:
            break
        await asyncio.sleep(0.05)
    assert rows[fine.id]["status"] == "sent"
    # Put back with the reason (the old code left it 'sending', with no error, until a
    # restart); it is tried again after a pause (then 'sending' again, briefly).
    assert "KeyError" in str(rows[broken.id]["error"])
    assert rows[broken.id]["status"] in ("pending", "sending")
    assert not any(c.params.get("chat_id") == broken.id for c in khooshe.sandbox.calls)


async def test_a_message_on_its_way_is_waited_for_however_slow_the_send(
    khooshe: Khooshe,
) -> None:
    """The outbox's send to this chat takes longer than a test's patience (a loaded machine,
    here a slow platform): while it is in flight the wait goes on; the message arrives."""
    (member,) = await khooshe.seed_members(1)
    platform = khooshe.platform.value
    khooshe.sandbox.inject("sendMessage", delay=1.5, chat_id=member.id)
    await create_personal_broadcast(
        khooshe.db,
        announcement(platform, "", "slow"),
        [PersonalRow(platform, member.id, None, {"text": "دیر ولی رسید"})],
    )
    assert khooshe.runtime is not None and khooshe.runtime.outbox is not None
    khooshe.runtime.outbox.wake()
    assert await wait_for(lambda: khooshe.sandbox.calls_to("sendMessage"), 10)
    assert (await member.next_message(timeout=0.3)).text == "دیر ولی رسید"


async def test_a_graceful_stop_lets_a_send_in_flight_finish(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    # The stop waits as long as one call can take, by the transport's own limits.
    (app,) = runtime.apps.values()
    assert isinstance(app.bot.request, AiohttpRequest)
    longest = app.bot.request.longest_call
    assert longest == longest_request(runtime.settings.request_timeout)
    assert runtime.outbox.stop_wait >= longest
    khooshe.sandbox.inject("sendMessage", delay=1.5, chat_id=member.id)
    await runtime.outbox.submit(announcement(khooshe.platform.value, "خبر کند", "slow"))
    assert await wait_for(lambda: _sends_to(khooshe.sandbox, member.id) == 1, 10)
    await khooshe.stop()  # while the send is still waiting for its answer
    with sqlite3.connect(khooshe.db_path) as db:
        rows = db.execute("SELECT status FROM outbox WHERE chat_id = ?", (member.id,)).fetchall()
    assert rows == [("sent",)]
    assert [m.text for m in member.messages] == ["خبر کند"]


@pytest.mark.parametrize("flavour", ["telegram"])  # the transport's timeout, not a platform's
async def test_a_send_that_timed_out_is_sent_once_more_at_most(
    sandbox: BotApiSandbox, harness: Khooshe
) -> None:
    """A timeout may have delivered the message (only the answer was lost): one more try, and
    if that times out too the row is given up, not sent a third time."""
    await harness.start(request_timeout=2.0)
    slow, other = await harness.seed_members(2)
    sandbox.inject("sendMessage", delay=3.0, times=2, chat_id=slow.id)
    assert harness.runtime is not None and harness.runtime.outbox is not None
    await harness.runtime.outbox.submit(announcement("telegram", "خبر", "timeout"))
    await expect(other, "خبر")
    report = await expect(harness.admin(), "گزارش ارسال", wait=30)
    assert "ناموفق: ۱" in (report.text or "")
    assert _sends_to(sandbox, slow.id) == 2  # the first try and one more, never a third
    (row,) = await harness.rows("SELECT status, error FROM outbox WHERE chat_id = ?", slow.id)
    assert row["status"] == "failed" and row["error"].startswith("TimedOut")


async def test_a_refused_token_holds_up_no_broadcast(tmp_path: Path) -> None:
    """Telegram's token is refused mid-way: Bale's members get the announcement, the broadcast
    finishes and its report says who waits on Telegram and why; their rows stay pending."""
    async with on_both_platforms(tmp_path, admins=f"bale:{ADMIN_ID}") as world:
        runtime = world.runtime
        assert runtime.db is not None and runtime.outbox is not None
        on_bale = [world.user("bale") for _ in range(2)]
        new = NewMember("عضو", "واحد", "furniture", None, "+989120000000", True, "owner")
        for user in on_bale:
            await register_member(runtime.db, "bale", user.id, user.id, new)
        on_tg = [5_200_000_001, 5_200_000_002]
        for user_id in on_tg:
            await register_member(runtime.db, "telegram", user_id, user_id, new)
        world.tg.revoke(world.token("telegram"))
        await runtime.outbox.submit(announcement("bale", "جلسه مشترک خوشه", "refused"))
        for user in on_bale:
            await expect(user, "جلسه مشترک خوشه", wait=20)
        admin = world.user("bale", user_id=ADMIN_ID)
        report = await expect(admin, "گزارش ارسال", wait=30)
        assert "رسیده: ۲" in (report.content or "")

        def told_why() -> bool:
            return any(
                "۲ نفر در تلگرام منتظرند" in (m.content or "") and "توکن" in (m.content or "")
                for m in admin.messages
            )

        assert await wait_for(told_why, 10), [m.content for m in admin.messages]
        async with runtime.db.execute("SELECT status FROM broadcasts") as cursor:
            assert [r[0] for r in await cursor.fetchall()] == ["done"]
        async with runtime.db.execute(
            "SELECT status FROM outbox WHERE platform = 'telegram'"
        ) as cursor:
            assert [r[0] for r in await cursor.fetchall()] == ["pending", "pending"]
