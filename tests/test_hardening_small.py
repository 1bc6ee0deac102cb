"""Smaller hardening: DEBUG logs without members' data, a locked database told truthfully, and
what the warm-up loaded kept out of the collector's walks."""

from __future__ import annotations

import asyncio
import re
import signal
import sqlite3
from pathlib import Path

from bot.sandbox import BotApiSandbox
from bot.text import persian_digits
from tests.conftest import Khooshe, expect, register, spawn_bot, wait_for
from tests.test_reports import POWER_CUT, reach_card


async def test_debug_logs_hold_no_names_phones_or_report_texts(tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    name = "نرگس ایزدپناه"
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(91)
        process = await spawn_bot(
            bale, token, tmp_path / "k.db", stderr=log, settings={"log_level": "DEBUG"}
        )
        try:
            assert await wait_for(lambda: bool(bale.calls_to("getUpdates")), 60)
            user = bale.user(token=token)
            # the first name waits for hazm to load; a subprocess on a busy machine is slow
            await register(user, name, wait=30)
            await reach_card(user, POWER_CUT, wait=30)
            await user.press("✅ ثبت گزارش")
            filed = await expect(user, "کد پیگیری", wait=30)
            # Once warm, what the warm-up loaded (hazm, the lexicons) is kept out of the
            # collector's walks: a full collection over it held every chat up (bot/lazy.py).
            warmed = re.compile(r"warmed up; (\d+) more objects kept out of collections")
            assert await wait_for(lambda: warmed.search(log.read_text(encoding="utf-8")), 60)
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
    text = log.read_text(encoding="utf-8")
    assert " DEBUG " in text  # DEBUG is on, and still says something
    assert process.returncode == 0
    assert "کد پیگیری" in (filed.text or "")
    phone = user.phone_number.lstrip("+")
    for secret in (name, "ایزدپناه", phone, phone[-10:], POWER_CUT, "تزریق پلاستیک", token):
        assert secret not in text, secret
    assert persian_digits(phone[-10:]) not in text
    kept = warmed.search(text)
    assert kept is not None and int(kept[1]) > 20_000, kept


async def test_a_report_text_sent_while_the_database_is_locked_is_not_kept(
    khooshe: Khooshe,
) -> None:
    user = khooshe.member()
    await register(user)
    await user.press("📝 ثبت مشکل")
    await expect(user, "با کلمات خودتان")
    # Another process (a backup, a sqlite3 shell) holds the write lock past busy_timeout. It
    # waits for the lock in a thread: the bot may be in the middle of a write of its own, which
    # needs the event loop to finish.
    other = sqlite3.connect(
        khooshe.db_path, isolation_level=None, timeout=60, check_same_thread=False
    )
    try:
        await asyncio.to_thread(other.execute, "BEGIN IMMEDIATE")
        await user.send_text(POWER_CUT)
        apology = await expect(user, "دوباره", wait=60)
        assert "انجام نشد" in (apology.text or "")
    finally:
        other.execute("ROLLBACK")
        other.close()
    # The member does as told: sends it again. It is there once, not twice.
    await user.send_text(POWER_CUT)
    received = await expect(user, "دریافت شد", wait=20)
    assert "۱ پیام" in (received.text or ""), received.text
    # (the draft is stored before the member sees that it was taken)
    rows = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert sum(row["data"].count("تزریق پلاستیک") for row in rows) == 1
