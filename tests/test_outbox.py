"""The outbox engine: retries, rate limits, and a crash in the middle of a broadcast."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from collections import Counter
from pathlib import Path

from bot.app import Runtime
from bot.sandbox import BotApiSandbox
from bot.sandbox.flavours import BALE_ERRORS
from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT
from storage.db import connect
from storage.members import NewMember, register_member
from storage.outbox import create_broadcast
from tests.conftest import (
    ADMIN_ID,
    BALE_BOT,
    TELEGRAM_BOT,
    Khooshe,
    announcement,
    both_platforms,
    expect,
    free_port,
    on_both_platforms,
    spawn_bot,
    wait_for,
    watch,
)


async def test_rate_limits_and_server_errors_are_retried_without_duplicates(
    khooshe: Khooshe,
) -> None:
    members = await khooshe.seed_members(4)
    limited, failing, unlucky = members[0], members[1], members[2]
    sandbox = khooshe.sandbox
    sandbox.inject("sendMessage", error=429, retry_after=1, times=3, chat_id=limited.id)
    sandbox.inject("sendMessage", error=502, times=2, chat_id=failing.id)
    sandbox.inject("sendMessage", error=400, description="Bad Request: odd", chat_id=unlucky.id)
    assert khooshe.runtime is not None and khooshe.runtime.outbox is not None
    await khooshe.runtime.outbox.submit(announcement(khooshe.platform.value, "خبر تازه", "k"))
    admin = khooshe.admin()
    report = await expect(admin, "گزارش ارسال", wait=20)
    assert "رسیده: ۳" in (report.text or "") and "ناموفق: ۱" in (report.text or "")
    for member in (limited, failing, members[3]):
        assert [m.text for m in member.messages] == ["خبر تازه"]  # exactly one copy
    rows = {
        r["chat_id"]: r
        for r in await khooshe.rows("SELECT chat_id, status, attempts, error FROM outbox")
    }
    assert rows[failing.id]["status"] == "sent" and rows[failing.id]["attempts"] == 3
    assert rows[limited.id]["status"] == "sent"
    assert rows[unlucky.id]["status"] == "failed" and "odd" in rows[unlucky.id]["error"].lower()
    # a bad request is not a blocked member
    (status,) = await khooshe.rows("SELECT status FROM members WHERE user_id = ?", unlucky.id)
    assert status["status"] == "active"


async def test_bale_errors_are_read_by_their_description(khooshe: Khooshe) -> None:
    """Bale answers rate limits and unknown chats with HTTP 400 (docs/bale.md)."""
    limited, local, ok = await khooshe.seed_members(3)
    ghost = NewMember(
        name="رفته", company="واحد", cluster_code="leather_shoes", estate_code=None,
        phone="+989120000999", phone_verified=True, job_role="owner",
    )  # fmt: skip
    # A member whose chat the platform no longer knows (never a user of this sandbox).
    await register_member(khooshe.db, khooshe.platform.value, 6_999_999_999, 6_999_999_999, ghost)
    sandbox = khooshe.sandbox
    code, limit = BALE_ERRORS["bot_limit"]
    sandbox.inject("sendMessage", error=code, description=limit, retry_after=1, chat_id=limited.id)
    code, local_limit = BALE_ERRORS["local_rate_limited"]
    sandbox.inject("sendMessage", error=code, description=local_limit, chat_id=local.id)
    assert khooshe.runtime is not None and khooshe.runtime.outbox is not None
    await khooshe.runtime.outbox.submit(announcement(khooshe.platform.value, "خبر", "k"))
    await expect(khooshe.admin(), "گزارش ارسال", wait=30)
    for member in (limited, local, ok):  # the limits were waited out, not taken as failures
        assert [m.text for m in member.messages] == ["خبر"]
    rows = {r["chat_id"]: r for r in await khooshe.rows("SELECT chat_id, status FROM outbox")}
    assert rows[6_999_999_999]["status"] == "left"  # gone: never retried
    assert (
        await khooshe.value("SELECT status FROM members WHERE user_id = 6999999999") == "blocked"
    )


def _delivered(bale: BotApiSandbox, chat_ids: set[int]) -> Counter[int]:
    return Counter(
        int(call.params["chat_id"])
        for call in bale.calls_to("sendMessage")
        if call.error_code is None and call.params.get("chat_id") in chat_ids
    )


def _outbox_statuses(db: Path) -> Counter[str]:
    with sqlite3.connect(db) as connection:
        return Counter(row[0] for row in connection.execute("SELECT status FROM outbox"))


def _broadcast_status(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        (status,) = connection.execute("SELECT status FROM broadcasts").fetchone()
    return str(status)


async def test_a_broadcast_resumes_after_kill_9_with_nothing_lost(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.db"
    workers = 4
    async with BotApiSandbox("bale", rate_limit=40) as bale:
        token = bale.make_token(77)
        bale.user(user_id=ADMIN_ID, token=token)
        db = await connect(db_path)
        chat_ids = set()
        try:  # an open aiosqlite connection would keep pytest from exiting
            await seed_places(db, PROJECT_ROOT / "data" / "clusters.csv")
            for i in range(150):
                user = bale.user(token=token)
                new = NewMember(
                    f"عضو {i}", "واحد", "furniture", None, "+989120000000", True, "owner"
                )
                await register_member(db, "bale", user.id, user.id, new)
                chat_ids.add(user.id)
            await create_broadcast(db, announcement("bale", "نمایشگاه مبلمان", "crash"))
        finally:
            await db.close()

        settings = {"bale_rate_limit": "40", "outbox_workers": str(workers)}
        process = await spawn_bot(bale, token, db_path, settings=settings)
        try:
            assert await wait_for(lambda: sum(_delivered(bale, chat_ids).values()) >= 40, 60)
        finally:
            process.send_signal(signal.SIGKILL)  # no shutdown, no flush
            await process.wait()
        before = _delivered(bale, chat_ids)
        assert 40 <= sum(before.values()) < 150  # it really stopped in the middle
        in_flight = _outbox_statuses(db_path)["sending"]
        assert in_flight <= workers

        process = await spawn_bot(bale, token, db_path, settings=settings)
        try:
            assert await wait_for(lambda: _delivered(bale, chat_ids).keys() == chat_ids, 60)
            assert await wait_for(lambda: _outbox_statuses(db_path) == {"sent": 150}, 30)
            assert await wait_for(lambda: _broadcast_status(db_path) == "done", 30)
            # the report is sent just after 'done' is stored: stopping first would cut it off
            admin_chat = bale.chat_view(77, ADMIN_ID)
            assert await wait_for(
                lambda: any("گزارش" in (m.text or "") for m in admin_chat.messages), 30
            )
        finally:
            process.terminate()
            await process.wait()
        copies = _delivered(bale, chat_ids)
        assert set(copies) == chat_ids  # nobody lost
        duplicates = sum(n - 1 for n in copies.values())
        # only a message in flight at the kill can go twice (documented in the outbox)
        assert duplicates <= workers, duplicates
        # the composer got one delivery report, counting everyone once
        (report,) = [m for m in bale.chat_view(77, ADMIN_ID).messages if "گزارش" in (m.text or "")]
        assert "رسیده: ۱۵۰" in (report.text or "")


async def test_interactive_replies_are_not_stuck_behind_a_broadcast(khooshe: Khooshe) -> None:
    await khooshe.stop()
    await khooshe.start(telegram_rate_limit=20, bale_rate_limit=20, outbox_workers=4)
    await khooshe.seed_members(100)
    assert khooshe.runtime is not None and khooshe.runtime.outbox is not None
    await khooshe.runtime.outbox.submit(announcement(khooshe.platform.value, "خبر", "busy"))
    stranger = khooshe.member()
    await asyncio.sleep(0.5)  # the broadcast is under way: 100 messages take 5 s at 20/s
    await stranger.send_command("start")
    await expect(stranger, "نام و نام خانوادگی", wait=3)
    rows = await khooshe.rows("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")
    assert rows[0]["n"] > 0  # it answered while the broadcast was still going


async def test_a_photo_composed_on_telegram_reaches_bale_members_too(tmp_path: Path) -> None:
    async with on_both_platforms(tmp_path, admins=f"telegram:{ADMIN_ID}") as world:
        runtime, bale = world.runtime, world.bale
        assert runtime.db is not None
        on_bale = [world.user("bale") for _ in range(3)]
        on_tg = world.user("telegram")
        for user, platform in [*((u, "bale") for u in on_bale), (on_tg, "telegram")]:
            new = NewMember("عضو", "واحد", "furniture", None, "+989120000000", True, "owner")
            await register_member(runtime.db, platform, user.id, user.id, new)
        admin = world.user("telegram", user_id=ADMIN_ID)
        await admin.send_command("broadcast")
        await expect(admin, "متن اطلاعیه")
        picture = b"\xff\xd8\xff\xe0 exhibition poster"
        await admin.send_photo(picture, caption="پوستر نمایشگاه")
        card = await expect(admin, "برای چه کسانی")
        assert "۴ نفر" in (card.text or "") and "پیام‌رسان" in (card.text or "")
        await admin.press("ادامه »")
        await expect(admin, "دقیقاً همین‌طور")
        await admin.press("📤 ارسال الان")
        report = await expect(admin, "گزارش ارسال", wait=15)
        assert "رسیده: ۴" in (report.text or "")
        for user in on_bale:
            got = await expect(user, "پوستر نمایشگاه")
            assert got.photo is not None and got.photo.data == picture
        got = await expect(on_tg, "پوستر نمایشگاه")
        assert got.photo is not None and got.photo.data == picture
        # Bale got the file uploaded once; the other messages reuse Bale's own file id
        uploads = [c for c in bale.calls_to("sendPhoto") if not isinstance(c.params["photo"], str)]
        assert len(uploads) == 1 and len(bale.calls_to("sendPhoto")) == 3


async def test_members_on_a_platform_that_is_down_get_it_once_it_is_back(tmp_path: Path) -> None:
    """Telegram is often unreachable from Iran: Bale members get the announcement at once, the
    composer is told who waits on Telegram, and they get it when Telegram is reachable."""
    port = free_port()
    async with BotApiSandbox("bale") as bale:
        runtime = Runtime(both_platforms(tmp_path, port, bale, admins=f"bale:{ADMIN_ID}"))
        bale_token = bale.make_token(BALE_BOT)
        await runtime.start()  # Telegram refuses connections: retried in the background
        watch(runtime, port, bale)
        try:
            assert runtime.db is not None
            on_bale = [bale.user(token=bale_token) for _ in range(2)]
            on_tg_id = 5_000_000_001  # more than 32 bits, as ids may be
            new = NewMember("عضو", "واحد", "furniture", None, "+989120000000", True, "owner")
            for user_id, platform in [*((u.id, "bale") for u in on_bale), (on_tg_id, "telegram")]:
                await register_member(runtime.db, platform, user_id, user_id, new)
            admin = bale.user(user_id=ADMIN_ID, token=bale_token)
            await admin.send_command("broadcast")
            await expect(admin, "متن اطلاعیه")
            await admin.send_text("جلسه مشترک خوشه، دوشنبه ساعت ۱۰")
            await expect(admin, "برای چه کسانی")
            await admin.press("ادامه »")
            await expect(admin, "دقیقاً همین‌طور")
            await admin.press("📤 ارسال الان")
            for user in on_bale:
                await expect(user, "جلسه مشترک خوشه")

            def waiting_line() -> bool:
                return any("۱ نفر در تلگرام منتظرند" in (m.content or "") for m in admin.messages)

            assert await wait_for(waiting_line, 10), [m.content for m in admin.messages]
            rows = await _outbox(runtime, "telegram")
            assert rows == [(on_tg_id, "pending")]
            async with BotApiSandbox("telegram", port=port) as tg:
                # the token the bot was given while Telegram was down
                on_tg = tg.user(user_id=on_tg_id, token=tg.make_token(TELEGRAM_BOT))
                await expect(on_tg, "جلسه مشترک خوشه", wait=30)
                report = await expect(admin, "گزارش ارسال", wait=10)
                assert "رسیده: ۳" in (report.content or "")
                assert await _outbox(runtime, "telegram") == [(on_tg_id, "sent")]
        finally:
            await runtime.stop()


async def _outbox(runtime: Runtime, platform: str) -> list[tuple[int, str]]:
    assert runtime.db is not None
    async with runtime.db.execute(
        "SELECT chat_id, status FROM outbox WHERE platform = ?", (platform,)
    ) as cursor:
        return [(int(r[0]), str(r[1])) for r in await cursor.fetchall()]
