"""Surveys, proposals and joint meetings for a member who reads Azerbaijani, on both sandbox
flavours: the survey's invitation, its questions and hints, a refused answer, the summary; a
proposal from their report, their support and comment, the agenda and the decision told in
Azerbaijani. Staff compose and decide in Persian; a Persian member beside them reads Persian."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Khooshe, expect, shown, tap
from tests.test_proposals import (
    MEETING,
    decide_on,
    meeting,
    report,
    to_agenda,
    write_proposal_quickly,
)
from tests.test_proposals import TITLE as PROPOSAL
from tests.test_surveys import Q1, Q2, TITLE, answers, compose, digests

# A free-text answer as Tabriz members write it.
WORDS = "ایشیق هر گون گئدیر، گونش انرژیسی لازیمدیر"


async def test_a_member_answers_a_survey_and_supports_a_proposal_in_azerbaijani(
    khooshe: Khooshe,
) -> None:
    tabriz, tehran = await khooshe.seed_members(2, "leather_shoes")
    await khooshe.write("UPDATE members SET language = 'az' WHERE user_id = ?", tabriz.id)
    admin = khooshe.admin()

    # The survey, written once in Persian; the parts around it in each reader's language.
    await compose(admin, ["چرم و کفش"])
    invite = await expect(tabriz, TITLE)
    assert shown(invite).startswith(f"📋 نظرسنجی: {TITLE}\nلطفاً بیر نئچه قیسا سوالا")
    assert "سون واختی:" in shown(invite) and invite.button_texts == ["📝 جواب وئریرم"]
    assert (await expect(tehran, TITLE)).button_texts == ["📝 پاسخ می‌دهم"]

    await tabriz.press_inline(invite, "📝 جواب وئریرم")
    first = shown(await expect(tabriz, "سوال ۱ (۵ سوالدان)"))
    assert Q1 in first and "بیرینی سئچین." in first
    await tabriz.press("آب")  # the options stay as staff wrote them
    second = await expect(tabriz, "سوال ۲ (۵ سوالدان)")
    assert Q2 in shown(second) and "ایشاره‌له‌یین" in shown(second)
    assert "✔️ ثبت ائله و سونراکی" in second.button_texts
    await tap(tabriz, "▫️ اتوماسیون")
    await tap(tabriz, "▫️ انرژی خورشیدی")
    await tabriz.press("✔️ ثبت ائله و سونراکی")
    assert "۱-دن (چوخ آز)" in shown(await expect(tabriz, "سوال ۳ (۵ سوالدان)"))
    await tabriz.press("۴")
    await expect(tabriz, "بیر عدد یازین")
    await tabriz.send_text("اون ایکی نفر")  # not a number: asked again, politely
    await expect(tabriz, "تکجه بیر عدد یازین")
    await tabriz.send_text("۱۲")
    await expect(tabriz, "سوال ۵ (۵ سوالدان)")
    await tabriz.send_text(WORDS)
    summary = await expect(tabriz, f"«{TITLE}» اوچون جوابلارینیز")
    text = shown(summary)
    assert f"{Q1} — آب" in text and "اتوماسیون، انرژی خورشیدی" in text and WORDS in text
    assert "واخت آییردیغینیز اوچون ساغ اولون" in text
    assert "✏️ سوال ۱" in summary.button_texts
    assert await answers(khooshe, tabriz) == {1: 1, 2: [0, 2], 3: 4, 4: 12, 5: WORDS}

    # A proposal made from the member's report: published, supported, commented on.
    code = await report(khooshe, tabriz, "leather_shoes", "قطعی برق در سالن دوخت")
    meeting_id = await meeting(khooshe)
    await write_proposal_quickly(khooshe, admin, code)
    # A reporter in the proposal's clusters gets the proposal itself (no separate note).
    card = await expect(tabriz, f"📣 خوشه‌نین تکلیفی: {PROPOSAL}")
    assert "تکلیف اولونان چاره:" in shown(card)
    assert card.button_texts == ["👍 حمایت ائله / حمایتی گئری آل", "💬 قیسا نظر"]
    published = await expect(tehran, PROPOSAL)
    assert published.button_texts[0] == "👍 حمایت / پس گرفتن حمایت"
    await tehran.press_inline(published, "👍 حمایت / پس گرفتن حمایت")
    answer = await tabriz.press_inline(card, "👍 حمایت ائله / حمایتی گئری آل")
    assert answer is not None
    assert answer.text == f"👍 «{PROPOSAL}» تکلیفینه حمایت ائله‌دینیز. ایندی ۲ حامی‌سی وار."
    await tabriz.press_inline(card, "💬 قیسا نظر")
    await expect(tabriz, "قیسا نظرینیزی یازین")
    await tabriz.send_text(WORDS)
    await expect(tabriz, "نظرینیز ثبت اولدو")
    rows = await khooshe.rows("SELECT comment FROM proposal_supports ORDER BY supported_at")
    assert [r["comment"] for r in rows] == [None, WORDS]
    # The weekly digest: the open proposal in Azerbaijani; the survey they finished is not
    # there, while the Persian member, who has not answered it, finds it in theirs.
    sent = await digests(khooshe).run(datetime.now(UTC) + timedelta(days=7))
    assert sent["members"]
    digest = shown(await expect(tabriz, "هفته‌نین خلاصه‌سی"))
    assert f"📣 خوشه‌نیزین حمایت اوچون آچیق تکلیفلری:\n• {PROPOSAL} (۲ حامی)" in digest
    assert TITLE not in digest
    digest = shown(await expect(tehran, "نظرسنجی‌های باز برای شما"))
    assert TITLE in digest and f"• {PROPOSAL} (۲ حامی)" in digest

    # Staff put it on a meeting's agenda and record the decision; the member reads both.
    await admin.send_command("proposals")
    staff_card = await to_agenda(khooshe, admin, await expect(admin, PROPOSAL), meeting_id)
    told = shown(await expect(tabriz, "دستور کارینا قویولدو"))
    assert told.startswith(f"🗓 «{PROPOSAL}» تکلیفی «{MEETING}» نشستینین")
    await decide_on(
        admin, staff_card, "بخشی از آن پذیرفته شد", "شرکت توزیع برق خط دوم را وصل کند."
    )
    await admin.press("⚖️ ثبت تصمیم")
    decided = shown(await expect(tabriz, "نشستین", wait=15))
    assert decided.startswith(f"⚖️ نشستین «{PROPOSAL}» باره‌ده قراری: بیر حیصه‌سی قبول اولدو")
    assert "شرکت توزیع برق خط دوم را وصل کند." in decided  # the minutes, as written
    assert "پیگیری مسئولو:" in decided and "سون واخت:" in decided
    # The Persian supporter beside them reads Persian.
    assert "در دستور کار جلسه" in shown(await expect(tehran, "در دستور کار جلسه"))
    assert "بخشی از آن پذیرفته شد" in shown(await expect(tehran, "تصمیم جلسه درباره", wait=15))
