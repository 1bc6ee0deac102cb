"""Staff who are not members, and staff commands in the staff group: answered as staff.

An admin or staff member who never registered as a member is not told to register when they
greet the bot, send /cancel or press the opt-out button under their own preview; a staff
command typed in the staff group points to the private chat, and /help there says which
commands work where.
"""

from __future__ import annotations

import re

from bot.app import COMMANDS, LOCALES_DIR
from bot.i18n import Locales
from bot.roles import STAFF_COMMANDS
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
    # A member's greeting is answered in kind, with the member's menu, not staff help.
    assert "سلام" in shown(reply) and "دستورهای" not in shown(reply)
    assert "📝 ثبت مشکل" in [b["text"] for row in reply.reply_keyboard or [] for b in row]
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


PRIVATE_ONLY = ("broadcast", "new_offering", "offerings", "scheduled", "surveys")


async def test_private_only_staff_commands_in_the_staff_group_point_to_the_private_chat(
    khooshe: Khooshe,
) -> None:
    group = await khooshe.with_staff_group()
    admin, agent = khooshe.admin(), await khooshe.agent("furniture")
    for staffer in (admin, agent):
        for command in PRIVATE_ONLY:
            await staffer.send_command(command, chat=group)
            (reply,) = await group.settle()
            assert "این دستور را در گفت‌وگوی خصوصی با ربات" in shown(reply), command
            assert "@khooshe_bot" in shown(reply)
        assert await staffer.settle() == []  # nothing started in their private chat
    # a command the group takes still works there
    await admin.send_command("reports", chat=group)
    (listing,) = await group.settle()
    assert "گزارش" in shown(listing) and "گفت‌وگوی خصوصی" not in shown(listing)

    # someone without a role: silence, as before
    member = khooshe.member()
    await register(member)
    for command in PRIVATE_ONLY:
        await member.send_command(command, chat=group)
    assert await group.settle() == []


async def test_help_in_the_staff_group_says_which_commands_work_where(khooshe: Khooshe) -> None:
    group = await khooshe.with_staff_group()
    admin, agent = khooshe.admin(), await khooshe.agent("furniture")
    await admin.send_command("help", chat=group)
    (reply,) = await group.settle()
    here, private = shown(reply).split("دستورهایی که باید در گفت‌وگوی خصوصی")
    for command in ("/reports", "/export_reports", "/show", "/merge", "/grant"):
        assert f"\u200e{command}" in here, command
    for command in ("/broadcast", "/new_offering", "/offerings", "/scheduled", "/surveys"):
        assert f"\u200e{command}" in private and command not in here, command
    assert "@khooshe_bot" in private and "برای ثبت‌نام" not in shown(reply)

    await agent.send_command("help", chat=group)
    (reply,) = await group.settle()
    assert "\u200e/reports" in shown(reply) and "/grant" not in shown(reply)

    # members (and strangers) get what /help in a group always said
    member = khooshe.member()
    await register(member)
    for someone in (member, khooshe.member()):
        await someone.send_command("help", chat=group)
        (reply,) = await group.settle()
        assert "برای ثبت‌نام و کار با ربات" in shown(reply) and "/reports" not in shown(reply)


def test_every_command_staff_help_names_is_in_the_staff_catalogue() -> None:
    """The staff group's /help sorts STAFF_COMMANDS: a staff command added to the help texts
    but not to the catalogue would be missing from it."""
    t = Locales.load(LOCALES_DIR).translator("fa")
    named = {
        name
        for key in ("help-staff", "help-admin", "help-adviser")
        for name in re.findall(r"/([a-z_]+)", t(key))
    }
    assert named - set(COMMANDS) - set(STAFF_COMMANDS) == set()
