"""What a proposal's form takes: its parts measured as they will be sent (issue 11, 9b)."""

from __future__ import annotations

from tests.conftest import Khooshe, expect, shown
from tests.test_proposals import TITLE


async def test_a_part_is_measured_as_it_will_be_sent(khooshe: Khooshe) -> None:
    """A problem within 1,500 characters but not within 1,500 as sent (an emoji counts two;
    on Bale, escaping adds more) is asked again, so the published proposal fits one message."""
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await admin.send_command("proposals")
    await expect(admin, "پیشنهاد تازه")
    await admin.press("➕ پیشنهاد تازه")
    await expect(admin, "عنوان پیشنهاد")
    await admin.send_text(TITLE)
    await expect(admin, "مشکل را شرح دهید")
    await admin.send_text("🔥 " * 600)  # 1,199 characters, 1,799 UTF-16 units
    asked = await expect(admin, "بین ۳ و ۱۵۰۰ حرف")
    assert "راه‌حل" not in shown(asked)
    await admin.send_text("🔥" * 700 + " برق قطع است")  # 1,400 + 13 units: taken
    await expect(admin, "راه‌حل پیشنهادی")
    (row,) = await khooshe.rows("SELECT count(*) AS n FROM proposals")
    assert row["n"] == 0  # nothing published yet; the form goes on
