"""A member's reply to a bot message about one of their reports is a follow-up on it."""

from __future__ import annotations

from tests.conftest import Khooshe, expect, register, shown
from tests.test_reports import POWER_CUT, file_report
from tests.test_triage import _setup


async def test_a_reply_to_a_staff_answer_is_a_follow_up_on_that_report(khooshe: Khooshe) -> None:
    group, _, member, card = await _setup(khooshe)
    code = await khooshe.value("SELECT code FROM reports")
    admin = khooshe.admin()
    await admin.send_text("برق شهرک تا ظهر وصل می‌شود", chat=group, reply_to=card.message_id)
    answer = await expect(member, "پاسخ کارشناس")
    await group.settle()
    await member.send_text("ممنون، ولی هنوز وصل نشده", reply_to=answer.message_id)
    saved = await expect(member, "افزوده شد")
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert persian in shown(saved)
    unread = await member.settle()
    assert not [m for m in unread if "ثبت کنیم" in shown(m)]  # not offered as a new problem
    (event,) = await khooshe.rows("SELECT kind, text FROM report_events WHERE kind='follow_up'")
    assert "هنوز وصل نشده" in event["text"]
    (note,) = await group.settle()  # staff hear it under the report's card
    assert "هنوز وصل نشده" in shown(note) and note.reply_to_message_id == card.message_id
    # A status notice names the report too: a reply to it is one more follow-up.
    await admin.press_inline(card, "🙋 برمی‌دارم")
    notice = await expect(member, "وضعیت گزارش")
    await member.send_text("کی وصل می‌شود؟ تولید ما خوابیده", reply_to=notice.message_id)
    await expect(member, "افزوده شد")
    assert len(await khooshe.rows("SELECT id FROM report_events WHERE kind='follow_up'")) == 2


async def test_a_reply_naming_someone_elses_report_is_no_follow_up(khooshe: Khooshe) -> None:
    owner, stranger = khooshe.member(), khooshe.member()
    await register(owner)
    await register(stranger, name="رضا موسوی")
    await file_report(owner, POWER_CUT)
    code = await khooshe.value("SELECT code FROM reports")
    # The stranger gets a message naming the owner's code (and learns nothing from it)…
    await stranger.send_command("track", code)
    not_found = await expect(stranger, "ندارد")
    # …and replies to it: their words are offered as their own problem, never added.
    await stranger.send_text("برق واحد ما هم قطع است", reply_to=not_found.message_id)
    await expect(stranger, "به‌عنوان مشکل ثبت کنیم؟")
    assert await khooshe.rows("SELECT id FROM report_events WHERE kind='follow_up'") == []


async def test_a_reply_on_a_report_no_longer_open_says_so_and_keeps_the_words(
    khooshe: Khooshe,
) -> None:
    member = khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    filed = next(m for m in reversed(member.messages) if "کد پیگیری" in shown(m))
    await khooshe.write("UPDATE reports SET status = 'closed'")
    await member.send_text("برق دوباره قطع شد", reply_to=filed.message_id)
    await expect(member, "دیگر باز نیست")
    await expect(member, "به‌عنوان مشکل ثبت کنیم؟")
    assert await khooshe.rows("SELECT id FROM report_events WHERE kind='follow_up'") == []


async def test_a_reply_to_was_it_solved_is_kept_and_the_buttons_still_decide(
    khooshe: Khooshe,
) -> None:
    """«هنوز درست نشده» typed as a reply to «آیا مشکل شما واقعاً حل شد؟» was offered as a new
    problem (the report is resolved, not open): it is kept for staff as a follow-up."""
    group, _, member, card = await _setup(khooshe)
    admin = khooshe.admin()
    await admin.press_inline(card, "🔄 تغییر وضعیت")
    (status_menu,) = await group.settle()
    await admin.press_inline(status_menu, "حل‌شده")
    question = await expect(member, "واقعاً حل شد")
    await member.send_text("هنوز درست نشده، دیشب هم قطع بود", reply_to=question.message_id)
    await expect(member, "افزوده شد")
    assert not [m for m in await member.settle() if "ثبت کنیم" in shown(m)]
    (event,) = await khooshe.rows("SELECT text FROM report_events WHERE kind='follow_up'")
    assert "دیشب هم قطع بود" in event["text"]
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "resolved"  # the buttons under the question still decide
    await member.press_inline(question, "❌ نه، هنوز نه")
    await expect(member, "هنوز درست نشده")
