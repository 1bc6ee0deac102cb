"""Admins hear of a long gap in polling: the platforms keep a bot's updates for a day only."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox.driver import WAIT_CAP
from storage.db import connect
from storage.polling import last_poll, record_poll
from tests.conftest import Khooshe, expect, shown


async def _polled_last(khooshe: Khooshe, hours_ago: float) -> None:
    """Stop the bot and make its last successful getUpdates `hours_ago` old (as if it had
    been down that long), then start it again."""
    # Its first poll answered is stamped on disk (a stop before then would leave no stamp).
    deadline = asyncio.get_running_loop().time() + WAIT_CAP
    while await last_poll(khooshe.db, khooshe.platform.value) is None:
        assert asyncio.get_running_loop().time() < deadline, "the bot never polled"
        await asyncio.sleep(0.05)
    await khooshe.stop()
    db = await connect(khooshe.db_path)
    try:
        assert await last_poll(db, khooshe.platform.value) is not None  # kept while running
        await record_poll(
            db, khooshe.platform.value, datetime.now(UTC) - timedelta(hours=hours_ago)
        )
    finally:
        await db.close()
    await khooshe.start()


@pytest.mark.parametrize(
    ("hours", "said"),
    [(30, "از دست رفته‌اند"), (3, "همین حالا پاسخ داده می‌شوند")],
)
async def test_admins_are_told_how_long_polling_stopped(
    khooshe: Khooshe, hours: int, said: str
) -> None:
    admin = khooshe.admin()
    await _polled_last(khooshe, hours + 0.5)
    alert = shown(await expect(admin, "پیامی نگرفته بود"))
    assert f"{hours:,}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in alert
    assert said in alert and "۲۴ ساعت" in alert
    # The next poll is no gap: the stamp moved on.
    stamp = await last_poll(khooshe.db, khooshe.platform.value)
    assert stamp is not None and datetime.now(UTC) - stamp < timedelta(minutes=5)
