"""Staff who are not members, and staff commands in the staff group: answered as staff.

An admin or staff member who never registered as a member is not told to register when they
greet the bot, send /cancel or press the opt-out button under their own preview; a staff
command typed in the staff group points to the private chat, and /help there says which
commands work where.
"""

from __future__ import annotations

from tests.conftest import Khooshe, expect, register, shown
from tests.test_broadcasts import compose, preview

NOT_REGISTERED = "هنوز ثبت‌نام نکرده‌اید"


async def test_staff_who_are_not_members_get_their_help_not_registration(
    khooshe: Khooshe,
) -> None:
    admin = khooshe.admin()
    await admin.send_text("سلام")
    (reply,) = await admin.settle()
    assert "دستورهای مدیر" in shown(reply) and NOT_REGISTERED not in shown(reply)
    await admin.send_command("cancel")
    nothing, help_text = await admin.settle()
    assert "کاری در جریان نیست" in shown(nothing)
    assert "دستورهای مدیر" in shown(help_text)

    agent = await khooshe.agent("furniture")
    await agent.send_text("سلام، وقت بخیر")
    (reply,) = await agent.settle()
    assert "دستورهای کارشناسان" in shown(reply) and "/grant" not in shown(reply)

    # members and strangers: as before
    stranger = khooshe.member()
    await stranger.send_text("سلام")
    (reply,) = await stranger.settle()
    assert NOT_REGISTERED in shown(reply)
    await stranger.send_command("cancel")
    (reply,) = await stranger.settle()
    assert NOT_REGISTERED in shown(reply)
    member = khooshe.member()
    await register(member)
    await member.send_text("سلام")
    (reply,) = await member.settle()
    assert "دکمه‌های منو" in shown(reply) and "دستورهای" not in shown(reply)
    await member.send_command("cancel")
    (reply,) = await member.settle()
    assert "کاری در جریان نیست" in shown(reply)


async def test_the_opt_out_under_a_staff_preview_says_it_is_a_preview(khooshe: Khooshe) -> None:
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await compose(admin)
    await preview(admin)
    shown_preview = next(
        m for m in reversed(admin.messages) if "🔕 دیگر اطلاعیه نمی‌خواهم" in m.button_texts
    )
    answer = await admin.press_inline(shown_preview, "🔕 دیگر اطلاعیه نمی‌خواهم")
    assert answer is not None and answer.show_alert
    assert "پیش‌نمایش" in (answer.text or "") and NOT_REGISTERED not in (answer.text or "")
    # the form goes on: the preview card still sends
    await admin.press("📤 ارسال الان")
    await expect(admin, "گزارش ارسال")
