"""The runtime: odd updates, both platforms at once, an unreachable platform, the real CLI."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from bot.app import Runtime
from bot.sandbox import BotApiSandbox
from tests.conftest import (
    BALE_BOT,
    TELEGRAM_BOT,
    Khooshe,
    both_platforms,
    expect,
    free_port,
    on_both_platforms,
    register,
    shown,
    spawn_bot,
    wait_for,
    walk_to,
    watch,
)
from tests.test_reports import POWER_CUT, POWER_CUT_TOO, file_report, reach_similar


async def test_an_unparseable_update_does_not_stall_polling(khooshe: Khooshe) -> None:
    # A message PTB cannot parse (a string id, a chat that is not an object) — then a normal one.
    khooshe.sandbox.enqueue_raw({"message": {"message_id": "x", "chat": 5}}, khooshe.token)
    khooshe.sandbox.enqueue_raw({"callback_query": {"id": "1"}}, khooshe.token)
    user = khooshe.member()
    await user.send_command("start")
    await expect(user, "نام و نام خانوادگی")


async def test_both_platforms_in_one_process_share_one_database(tmp_path: Path) -> None:
    async with on_both_platforms(tmp_path) as world:
        runtime = world.runtime
        # the same numeric id on both platforms is two different members
        on_tg = world.user("telegram", user_id=5_000_000_001)
        on_bale = world.user("bale", user_id=5_000_000_001)
        await asyncio.gather(register(on_tg, name="علی تلگرام"), register(on_bale))
        assert runtime.db is not None
        async with runtime.db.execute(
            "SELECT platform, name FROM members ORDER BY platform"
        ) as cursor:
            rows = [tuple(r) for r in await cursor.fetchall()]
        assert rows == [("bale", "مریم رضایی"), ("telegram", "علی تلگرام")]
        assert all("parse_mode" not in c.params for c in world.bale.calls)


async def test_an_unreachable_platform_does_not_stop_the_other(tmp_path: Path) -> None:
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(33)
        # nothing listens on Telegram's port
        runtime = Runtime(
            both_platforms(
                tmp_path, free_port(), bale, telegram_token="44:" + "T" * 35, bale_token=token
            )
        )
        await runtime.start()
        try:
            user = bale.user(token=token)
            await user.send_command("start")
            await expect(user, "نام و نام خانوادگی")
        finally:
            await runtime.stop()


async def test_python_m_bot_polls_with_a_token_and_stops_cleanly(tmp_path: Path) -> None:
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(55)
        process = await spawn_bot(bale, token, tmp_path / "cli.db", stderr=True)
        try:
            assert await wait_for(lambda: bool(bale.calls_to("getUpdates")), 60)
            user = bale.user(token=token)
            await user.send_command("start")
            await expect(user, "نام و نام خانوادگی", wait=20)
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, stderr.decode()
        assert token not in stderr.decode()
        assert (tmp_path / "cli.db").exists()


def _stored_state(db: Path) -> str | None:
    import sqlite3

    with sqlite3.connect(db) as connection:
        try:
            row = connection.execute(
                "SELECT state FROM ptb_conversations WHERE name = 'member_form'"
            ).fetchone()
        except sqlite3.OperationalError:
            return None
    return str(row[0]) if row else None


async def test_half_finished_form_survives_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(66)
        user = bale.user(token=token)
        process = await spawn_bot(bale, token, db)
        try:
            # (the first name waits for hazm to load)
            await walk_to(user, "cluster", name="علی احمدی", wait=30)
            # stored before the question was sent: no waiting for PTB's persistence timer
            assert _stored_state(db) == '"cluster_code"'
        finally:
            process.kill()  # SIGKILL: no shutdown, no flush
            await process.wait()
        polls_before = len(bale.calls_to("getUpdates"))
        process = await spawn_bot(bale, token, db)
        try:
            assert await wait_for(lambda: len(bale.calls_to("getUpdates")) > polls_before, 60)
            # the list sent before the crash still works
            summary = await walk_to(
                user, "confirm", since="cluster", estate="خارج از شهرک صنعتی", job_role="مدیر",
                wait=30,
            )  # fmt: skip
            assert "علی احمدی" in (summary.text or "")  # typed before the crash, not lost
            assert "کفش آذر" in (summary.text or "")
        finally:
            process.terminate()
            await process.wait()


async def test_members_on_both_platforms_hear_of_one_report(tmp_path: Path) -> None:
    async with BotApiSandbox("telegram") as tg, BotApiSandbox("bale") as bale:
        tg_token, bale_token = tg.make_token(TELEGRAM_BOT), bale.make_token(BALE_BOT)
        admin_id = 5_900_000_001
        staff_group = bale.group(token=bale_token)
        runtime = Runtime(
            both_platforms(
                tmp_path, tg, bale, admins=f"bale:{admin_id}", bale_staff_chat_id=staff_group.id
            )
        )
        await runtime.start()
        watch(runtime, tg, bale)
        try:
            on_bale, on_tg = bale.user(token=bale_token), tg.user(token=tg_token)
            admin = bale.user(user_id=admin_id, token=bale_token)
            await register(on_bale)
            await register(on_tg, name="علی تلگرام")
            await file_report(on_bale, POWER_CUT)
            (card,) = await staff_group.settle()
            await reach_similar(on_tg, POWER_CUT_TOO)  # the Bale member's report is offered
            await on_tg.press("🙋 مشکل من همین است (۱)")
            await on_tg.settle()
            # the Telegram member's "me too" reaches the Bale staff group, under the card
            (note,) = await staff_group.settle()
            assert "۲ واحد" in shown(note) and note.reply_to_message_id == card.message_id

            # staff take it on Bale; the Telegram co-reporter hears through Telegram
            await admin.press_inline(card, "🙋 برمی‌دارم")
            for member in (on_bale, on_tg):
                told = await expect(member, "وضعیت گزارش")
                assert "در حال بررسی" in shown(told)
            telegram_sends = [
                c for c in tg.calls_to("sendMessage") if c.params["chat_id"] == on_tg.id
            ]
            assert any("در حال بررسی" in str(c.params.get("text")) for c in telegram_sends)
        finally:
            await runtime.stop()
