"""Between reports and requests for advice, what may not cross (a security probe, session 40):
a report no longer open is never handed to a core, /to_consultation answers only in staff's
own chats, and a closed request's old card files no report."""

from __future__ import annotations

from bot import callbacks as cb
from tests.conftest import UNSEEN_MESSAGE, Khooshe, expect, register
from tests.test_consult import _cores, _world, answer_card
from tests.test_reports import POWER_CUT, file_report


async def test_a_withdrawn_report_is_not_handed_to_a_core_nor_answered_in_a_group(
    khooshe: Khooshe,
) -> None:
    cores = await _cores(khooshe)
    member = khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    await member.press("📋 گزارش‌های من")
    listing = await expect(member, "گزارش‌های شما")
    await member.press_inline(listing, listing.button_texts[0])
    details = await expect(member, "سابقه")
    await member.press_inline(details, "↩️ پس گرفتن گزارش")
    await member.press_inline(await expect(member, "پس می‌گیرید"), "بله، پس می‌گیرم")
    await expect(member, "پس گرفته شد")
    (report,) = await khooshe.rows("SELECT code, status FROM reports")
    agent = await khooshe.agent("leather_shoes")
    command = f"/to_consultation {report['code']} {cores['finance'].id}"

    # In a group that is neither the staff group nor a core's: not a word there.
    other = khooshe.sandbox.group(token=khooshe.token, title="گروه عمومی")
    await agent.send_text(command, chat=other)
    assert await other.settle() == []

    # In private: refused, and why.
    await agent.send_text(command)
    await expect(agent, "فقط گزارش باز")
    assert await khooshe.rows("SELECT id FROM consultations") == []
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "withdrawn"
    assert [m for m in await member.settle() if "مشاوره" in (m.text or "")] == []


async def test_a_closed_requests_old_card_files_no_report(khooshe: Khooshe) -> None:
    world = await _world(khooshe)
    adviser = world["first"]
    card = await expect(adviser, "درخواست مشاوره")
    await answer_card(adviser, card, "پاسخ داده شد")
    await adviser.press_inline(card, "✅ پایان")
    await adviser.settle()
    (request,) = await khooshe.rows("SELECT id, status FROM consultations")
    assert request["status"] == "closed"
    answer = await adviser.press_forged(
        cb.ADVISE_TO_REPORT_YES.pack(request["id"]), UNSEEN_MESSAGE
    )
    assert answer is not None and "بسته شده" in (answer.text or "")
    assert await khooshe.rows("SELECT id FROM reports") == []
