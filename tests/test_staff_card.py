"""Staff act on a report from wherever they are: the card comes to them privately when there is
no staff group, /show and every /reports row open it with every action, and the card's
«✍️ پاسخ به عضو» asks for the reply in the staffer's own chat (no reply gesture needed)."""

from __future__ import annotations

from bot.sandbox import BotMessage, SandboxUser
from bot.text import persian_digits
from tests.conftest import Khooshe, expect, register, reply_on_card, shown, walk_to
from tests.test_reports import POWER_CUT, file_report

ACTIONS = (
    "🙋 برمی‌دارم", "🔄 تغییر وضعیت", "🗂 دسته", "🏛 دستگاه مسئول", "✍️ پاسخ به عضو",
    "🔗 ادغام با گزارش دیگر", "📎 پیوست‌ها",
)  # fmt: skip


async def _take_restatus_answer(
    khooshe: Khooshe, staffer: SandboxUser, card: BotMessage, member: SandboxUser
) -> None:
    """From the card in the staffer's private chat: take, move to "referred", answer."""
    assert all(label in card.button_texts for label in ACTIONS), card.button_texts
    answer = await staffer.press_inline(card, "🙋 برمی‌دارم")
    assert answer is not None and "در حال بررسی" in (answer.text or "")
    assert "در حال بررسی" in shown(await expect(member, "وضعیت گزارش"))

    await staffer.press_inline(card, "🔄 تغییر وضعیت")
    menu = await expect(staffer, "وضعیت تازه")
    await staffer.press_inline(menu, "ارجاع‌شده به دستگاه مسئول")
    bodies = await expect(staffer, "دستگاه")
    await staffer.press_inline(bodies, "شرکت توزیع برق")
    assert "ارجاع" in shown(await expect(member, "وضعیت گزارش"))

    # An internal note stays one.
    await reply_on_card(staffer, card, "# اول با مدیر شهرک هماهنگ کنیم")
    await expect(staffer, "یادداشت داخلی")
    await reply_on_card(staffer, card, "با شرکت توزیع برق تماس گرفتیم؛ تا فردا وصل می‌شود.")
    ack = await expect(staffer, "فرستاده می‌شود")
    assert "۱ عضو" in shown(ack)
    reply = await expect(member, "پاسخ کارشناس")
    assert "تا فردا وصل می‌شود" in shown(reply)
    assert [m for m in await member.settle() if "مدیر شهرک" in shown(m)] == []
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "referred"
    kinds = [r["kind"] for r in await khooshe.rows("SELECT kind FROM report_events ORDER BY id")]
    assert kinds == ["filed", "status", "referred", "note", "reply"]


async def test_an_admin_without_a_staff_group_acts_from_show(khooshe: Khooshe) -> None:
    admin, member = khooshe.admin(), khooshe.member()
    await register(member)
    code = await file_report(member, POWER_CUT)
    # No staff group: the new report's card comes to the admin privately, with every action.
    card = await expect(admin, "گزارش تازه")
    assert code in shown(card) and "📄 متن کامل" in card.button_texts
    await admin.send_text(f"/show {code}")
    (full,) = await admin.settle()
    assert "شرح کامل" in shown(full)
    await _take_restatus_answer(khooshe, admin, full, member)


async def test_staff_act_from_a_reports_row(khooshe: Khooshe) -> None:
    admin, staffer, member = khooshe.admin(), khooshe.member(), khooshe.member()
    await admin.send_text(f"/grant {staffer.id} staff")
    await admin.settle()
    await staffer.settle()
    await register(member)
    code = await file_report(member, POWER_CUT, urgent=True)
    # Staff get the card privately too (no staff group), as the admin does.
    await expect(staffer, "گزارش تازه")
    await expect(admin, "گزارش تازه")
    await staffer.send_text("/reports")
    (listing,) = await staffer.settle()
    assert "🔴 فوری" in shown(listing)
    row_button = f"🔴 {code}"
    assert row_button in listing.button_texts
    await staffer.press_inline(listing, row_button)
    card = await expect(staffer, "گزارش تازه")
    assert code in shown(card)
    await _take_restatus_answer(khooshe, staffer, card, member)
    # The card opened from the row is a card like the others: the reply gesture reaches
    # the member as well as the button does.
    await staffer.send_text("قطعی تا ساعت ۱۶ برطرف می‌شود.", reply_to=card.message_id)
    await expect(staffer, "فرستاده می‌شود")
    assert "ساعت ۱۶" in shown(await expect(member, "پاسخ کارشناس"))


async def test_an_agent_acts_only_within_their_clusters(khooshe: Khooshe) -> None:
    outsider, agent = await khooshe.agents(
        ("عامل مبلمان", "furniture"), ("عامل چرم", "leather_shoes")
    )
    member = khooshe.member()
    await register(member)
    code = await file_report(member, POWER_CUT)
    await expect(agent, "گزارش تازه")  # the cluster's agent gets the card
    assert [m for m in await outsider.settle() if "گزارش تازه" in shown(m)] == []
    (row,) = await khooshe.rows("SELECT id FROM reports")
    report_id = row["id"]

    # the outsider's list has no such row, /show refuses, every forged card button too
    await outsider.send_text("/reports")
    (listing,) = await outsider.settle()
    assert persian_digits(code) not in shown(listing) and code not in listing.button_texts
    await outsider.send_text(f"/show {code}")
    (denied,) = await outsider.settle()
    assert "کارشناسان" in shown(denied) and "برق" not in shown(denied)
    for data in (
        f"t:open:{report_id}", f"t:reply:{report_id}", f"t:merge:{report_id}",
        f"t:take:{report_id}", f"t:set:{report_id}:resolved",
    ):  # fmt: skip
        forged = await outsider.press_forged(data)
        assert forged is not None and forged.show_alert, data
    assert [m for m in await outsider.settle() if "بنویسید" in shown(m)] == []
    # the outsider, typing now, is in no form: nothing reaches the member
    await outsider.send_text("پاسخ نامربوط")
    await outsider.settle()
    assert [m for m in await member.settle() if "نامربوط" in shown(m)] == []
    assert await khooshe.rows("SELECT * FROM report_events WHERE kind != 'filed'") == []

    # the cluster's own agent may, from a /reports row
    await agent.send_text("/reports")
    (listing,) = await agent.settle()
    await agent.press_inline(listing, code)
    card = await expect(agent, "گزارش تازه")
    await reply_on_card(agent, card, "کارشناس خوشه پیگیری می‌کند.")
    await expect(agent, "فرستاده می‌شود")
    assert "پیگیری می‌کند" in shown(await expect(member, "پاسخ کارشناس"))


async def test_a_duplicate_is_merged_from_its_card(khooshe: Khooshe) -> None:
    admin, member, other = khooshe.admin(), khooshe.member(), khooshe.member()
    await register(member)
    await walk_to(other, "done", name="رضا موسوی", cluster="مبلمان و صنایع چوب")
    first = await file_report(member, POWER_CUT)
    duplicate = await file_report(other, "آب شهرک قطع است و دستگاه‌های شستشو کار نمی‌کنند")
    await admin.settle()
    await admin.send_text(f"/show {duplicate}")
    (full,) = await admin.settle()
    await admin.press_inline(full, "🔗 ادغام با گزارش دیگر")
    ask = await expect(admin, "کد گزارش اصلی")
    assert duplicate in shown(ask)
    await admin.send_text("کد نمی‌دانم")  # not a code: asked again, nothing merged
    await expect(admin, "کد پیگیری نیست")
    await admin.send_text(duplicate)  # itself: asked again
    await expect(admin, "همان گزارش")
    await admin.send_text(first)
    done = await expect(admin, "ادغام شد")
    assert first in shown(done) and duplicate in shown(done)
    assert duplicate in shown(await expect(other, "یکی شد"))
    rows = await khooshe.rows("SELECT status FROM reports ORDER BY id")
    assert [r["status"] for r in rows] == ["new", "merged"]


async def test_cards_go_where_the_setting_says(khooshe: Khooshe) -> None:
    group = khooshe.sandbox.group(token=khooshe.token)
    admin, member = khooshe.admin(), khooshe.member()
    await khooshe.stop()
    await khooshe.start(**{f"{khooshe.platform.value}_staff_chat_id": group.id})
    await register(member)
    # with a staff group, by default: the group only
    code = await file_report(member, POWER_CUT)
    await expect(group, code)
    assert [m for m in await admin.settle() if "گزارش تازه" in shown(m)] == []

    await khooshe.stop()
    await khooshe.start(
        **{f"{khooshe.platform.value}_staff_chat_id": group.id, "report_cards": "both"}
    )
    second = await file_report(member, "آب شهرک قطع است و دستگاه‌های شستشو کار نمی‌کنند")
    await expect(group, second)
    await expect(admin, second)

    await khooshe.stop()
    await khooshe.start(
        **{f"{khooshe.platform.value}_staff_chat_id": group.id, "report_cards": "private"}
    )
    third = await file_report(member, "مجوز ساخت سوله تمدید نمی‌شود و کار ما خوابیده است")
    await expect(admin, third)
    assert [m for m in await group.settle() if third in shown(m)] == []


async def test_a_reply_asked_for_and_not_written_sends_nothing(khooshe: Khooshe) -> None:
    """«✍️ پاسخ به عضو», then the ❌ button, /cancel or a main-menu button instead of the text:
    nothing reaches the member and the form is closed (the next text is not a reply)."""
    admin, member = khooshe.admin(), khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    card = await expect(admin, "گزارش تازه")
    for leave in ("button", "command", "menu"):
        await admin.press_inline(card, "✍️ پاسخ به عضو")
        asked = await expect(admin, "همین‌جا بنویسید")
        if leave == "button":
            await admin.press_inline(asked, "❌ انصراف")
        elif leave == "command":
            await admin.send_command("cancel")
        else:  # the button does what it says (the admin has not registered as a member)
            await admin.send_text("❓ راهنما")
        await expect(admin, "هنوز ثبت‌نام نکرده‌اید" if leave == "menu" else "چیزی فرستاده نشد")
        await admin.send_text(f"این متن پاسخ نیست ({leave})")
        await admin.settle()
    kinds = [r["kind"] for r in await khooshe.rows("SELECT kind FROM report_events")]
    assert kinds == ["filed"]
    assert [m for m in await member.settle() if "پاسخ کارشناس" in shown(m)] == []
