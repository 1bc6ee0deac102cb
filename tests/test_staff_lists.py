"""/reports and /export_reports: scoped, filtered, exported."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.i18n import TEHRAN
from storage.clock import parse_iso
from tests.conftest import UNSEEN_MESSAGE, Khooshe, expect, register, shown, table_of, walk_to
from tests.test_reports import POWER_CUT, POWER_CUT_TOO, file_report, reach_similar

LOAN = "بانک وام سرمایه در گردش ما را با وجود ضمانت‌نامه تمدید نمی‌کند و چک‌ها برگشت خورده"


async def test_agents_see_their_clusters_and_staff_see_all(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    leather, furniture, agent = khooshe.member(), khooshe.member(), khooshe.member()
    await register(leather)
    await walk_to(furniture, "done", name="علی نجار", cluster="مبلمان و صنایع چوب")
    await register(agent, name="عامل چرم")
    await admin.send_text(f"/grant {agent.id} cluster_agent leather_shoes")
    await admin.settle()
    await agent.settle()
    await file_report(leather, POWER_CUT)
    await file_report(furniture, LOAN)

    await agent.send_command("reports")
    listing = await expect(agent, "گزارش‌ها")
    assert "(۱)" in shown(listing) and "چرم و کفش" in shown(listing)
    assert "مبلمان" not in shown(listing)
    # choosing another cluster by forging the filter still shows only the agent's scope
    await agent.press_forged("l:s:cluster:furniture", UNSEEN_MESSAGE)
    empty = await expect(agent, "گزارشی با این فیلتر پیدا نشد")
    assert "مبلمان" in shown(empty)

    await admin.send_command("reports")
    listing = await expect(admin, "گزارش‌ها")
    assert "(۲)" in shown(listing)
    await admin.press_inline(listing, "🗂 دسته")
    choices = await expect(admin, "انتخاب کنید")
    await admin.press_inline(choices, "تأمین مالی و بانکی")
    filtered = await expect(admin, "گزارش‌ها")
    assert "(۱)" in shown(filtered) and "مبلمان" in shown(filtered)


async def test_export_is_an_xlsx_of_the_filtered_list(khooshe: Khooshe) -> None:
    admin, member = khooshe.admin(), khooshe.member()
    await register(member)
    code = await file_report(member, POWER_CUT, urgent=True)
    await admin.send_command("export_reports")
    message = await expect(admin, "ردیف")
    assert message.document is not None and message.document.file_name is not None
    assert message.document.file_name.endswith(".xlsx")
    rows = table_of(message)
    assert rows[0][0] == "کد پیگیری" and len(rows) == 2
    ascii_code = code.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    assert rows[1][0] == ascii_code and rows[1][1] == "چرم و کفش" and rows[1][4] == "بله"
    assert "۱۴۰" in str(rows[1][6])  # a Jalali year in Persian digits
    (stored,) = await khooshe.rows("SELECT description, created_at FROM reports")
    # beside it, the same moment as a date value staff can sort and filter by (Tehran time)
    assert rows[0][7] == "تاریخ ثبت (میلادی)" and isinstance(rows[1][7], datetime)
    filed = parse_iso(stored["created_at"]).astimezone(TEHRAN).replace(tzinfo=None)
    assert abs(rows[1][7] - filed) < timedelta(seconds=1)
    assert rows[0][14] == "شرح کامل" and rows[1][14] == stored["description"]


async def test_members_cannot_list_or_export(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    for command in ("reports", "export_reports"):
        await member.send_command(command)
        (reply,) = await member.settle()
        assert "کارشناسان" in shown(reply) and reply.document is None
    answer = await member.press_forged("l:x")
    assert answer is not None and "کارشناسان" in (answer.text or "")
    assert [m for m in await member.settle() if m.document is not None] == []


async def test_staff_commands_are_ignored_in_a_members_group(khooshe: Khooshe) -> None:
    admin, member = khooshe.admin(), khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    members_group = khooshe.sandbox.group(title="اعضای خوشه چرم", token=khooshe.token)
    for command in ("reports", "export_reports", "merge"):
        await admin.send_command(command, chat=members_group)
    replies = await members_group.settle()
    assert all("گزارش‌ها" not in shown(m) and m.document is None for m in replies)


async def test_list_lines_show_units_per_cluster_when_clusters_share_a_report(
    khooshe: Khooshe,
) -> None:
    admin, leather, furniture = khooshe.admin(), khooshe.member(), khooshe.member()
    await register(leather)
    await walk_to(furniture, "done", name="علی نجار", cluster="مبلمان و صنایع چوب")
    shared = await file_report(leather, POWER_CUT)
    alone = await file_report(furniture, LOAN)
    await reach_similar(furniture, POWER_CUT_TOO)
    await furniture.press("🙋 مشکل من همین است (۱)")
    await expect(furniture, "پیوستید")

    await admin.send_command("reports")
    listing = shown(await expect(admin, "گزارش‌ها"))
    (shared_line,) = [line for line in listing.splitlines() if shared in line]
    assert "۲ واحد (" in shared_line
    assert "چرم و کفش ۱" in shared_line and "مبلمان و صنایع چوب ۱" in shared_line
    (alone_line,) = [line for line in listing.splitlines() if alone in line]
    assert "۱ واحد —" in alone_line and "(" not in alone_line
    rows = await khooshe.rows("SELECT report_id FROM report_coreporters")
    assert len(rows) == 1


async def test_the_list_and_its_export_filter_by_outside_body(khooshe: Khooshe) -> None:
    (agent,) = await khooshe.agents(("عامل چرم", "leather_shoes"))
    member = khooshe.member()
    await register(member)
    power = await file_report(member, POWER_CUT)
    loan = await file_report(member, LOAN)
    card = await expect(agent, power)
    await agent.press_inline(card, "🏛 دستگاه مسئول")
    bodies = await expect(agent, "کدام دستگاه")
    await agent.press_inline(bodies, "شرکت توزیع برق")
    await agent.settle()

    await agent.send_command("reports")
    listing = await expect(agent, "گزارش‌ها")
    header = shown(listing).splitlines()[0]
    assert "(۲)" in header and "دستگاه مسئول" not in header
    await agent.press_inline(listing, "🏛 دستگاه")
    choices = await expect(agent, "انتخاب کنید")
    assert "بانک" in choices.button_texts and "همه" in choices.button_texts
    await agent.press_inline(choices, "شرکت توزیع برق")
    filtered = await expect(agent, "گزارش‌ها")
    header = shown(filtered).splitlines()[0]
    assert "(۱)" in header and "دستگاه مسئول: شرکت توزیع برق" in header
    assert power in shown(filtered) and loan not in shown(filtered)

    # the export is of the filtered list, with the body's name rather than its code
    await agent.press_inline(filtered, "📥 فایل اکسل")
    rows = table_of(await expect(agent, "ردیف"))
    assert len(rows) == 2 and rows[0][12] == "دستگاه مسئول"
    assert rows[1][12] == "شرکت توزیع برق"

    # a forged body code is refused and the filter stays as it was
    forged = await agent.press_forged("l:s:body:nowhere", UNSEEN_MESSAGE)
    assert forged is not None and forged.show_alert
    await agent.press_inline(choices, "بانک")
    assert "گزارشی با این فیلتر پیدا نشد" in shown(await expect(agent, "فیلتر"))
    await agent.press_inline(choices, "همه")
    assert "(۲)" in shown(await expect(agent, "گزارش‌ها"))
    stored = await khooshe.rows("SELECT code, outside_body FROM reports ORDER BY id")
    assert [r["outside_body"] for r in stored] == ["power", None]
