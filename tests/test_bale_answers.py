"""Bale as it really answers (issue #21, docs/bale.md), in the newer features and end to end.

Button presses whose answer the platform refuses (Bale's old clients; any platform's too-old
query): every press still does what it says, and what the answer would have said reaches the
member as a message, so nobody presses a toggle twice for want of a reply. And the one
escaping switch (BALE_ESCAPING): each setting keeps members' text from turning into markup."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox.flavours import BALE_ERRORS
from bot.sandbox.markdown import render_bale
from bot.settings import BaleEscaping, Platform
from storage.outbox import Audience
from storage.proposals import NewProposal, create_proposal, publish
from storage.surveys import NewQuestion, NewSurvey, create_survey
from tests.conftest import Khooshe, expect, register, shown
from tests.test_consult import AI_QUESTION, _adviser, _cores

SURVEY = "کمبودهای واحد"
PROPOSAL = "انبار مشترک مواد اولیه"
SUPPORT = "👍 حمایت / پس گرفتن حمایت"
REFUSED = 0.5  # how long a press waits for an answer that will never come


async def supporters(khooshe: Khooshe) -> int:
    rows = await khooshe.rows("SELECT 1 FROM proposal_supports WHERE withdrawn_at IS NULL")
    return len(rows)


async def test_refused_answers_in_surveys_proposals_and_advice(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1, "leather_shoes")
    now = datetime.now(UTC)
    survey_id, _ = await create_survey(
        khooshe.db,
        NewSurvey(
            SURVEY, Audience(clusters=("leather_shoes",)), now - timedelta(minutes=1),
            now + timedelta(days=2), "staff:test", "survey",
            (NewQuestion("single", "کمبود اصلی؟", ("برق", "آب")), NewQuestion("text", "پیشنهاد؟")),
        ),
    )  # fmt: skip
    proposal_id, _ = await create_proposal(
        khooshe.db,
        NewProposal(PROPOSAL, "مشکل", "راه‌حل", None, ("leather_shoes",), "staff:test", "p"),
    )
    await publish(khooshe.db, proposal_id, "staff:test")
    cores = await _cores(khooshe)
    adviser = await _adviser(khooshe, cores["technology"], "مشاور")
    code, description = BALE_ERRORS["old_query"]
    refusals = khooshe.sandbox.inject(
        "answerCallbackQuery", error=code, description=description, times=1000
    )

    # A survey answered by its buttons: each answer stored, the next question asked.
    await member.send_command("surveys")
    listing = await expect(member, "نظرسنجی‌های باز برای شما")
    assert await member.press_inline(listing, SURVEY, timeout=REFUSED) is None
    await expect(member, "پرسش ۱ از ۲")
    assert await member.press("آب", timeout=REFUSED) is None
    await expect(member, "پرسش ۲ از ۲")
    (row,) = await khooshe.rows(
        "SELECT a.value FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id"
        " WHERE q.survey_id = ? AND q.position = 1",
        survey_id,
    )
    assert json.loads(row["value"]) == 1
    await member.send_command("cancel")
    await member.settle()

    # A proposal supported, then the support withdrawn: each told as a message, once.
    await member.send_command("proposals")
    card = await expect(member, PROPOSAL)
    assert await member.press_inline(card, SUPPORT, timeout=REFUSED) is None
    told = await expect(member, "اکنون ۱ حامی دارد")
    assert "از «" + PROPOSAL + "» حمایت کردید" in shown(told)
    assert await supporters(khooshe) == 1
    assert await member.press_inline(card, SUPPORT, timeout=REFUSED) is None
    await expect(member, "پس گرفته شد")
    assert await supporters(khooshe) == 0
    assert [m for m in await member.settle() if PROPOSAL in shown(m)] == []  # no repeats

    # A request for advice: the suggested core chosen by its button, then sent.
    await member.press("💡 درخواست مشاوره")
    await expect(member, "با کلمات خودتان")
    await member.send_text(AI_QUESTION)
    await expect(member, "دریافت شد")
    await member.press("✅ تمام شد", timeout=REFUSED)
    suggestion = await expect(member, "هسته", wait=30)
    await member.press_inline(suggestion, suggestion.button_texts[0], timeout=REFUSED)
    await expect(member, "ارسال شود")
    await member.press("✅ ارسال درخواست", timeout=REFUSED)
    await expect(member, "کد پیگیری")
    (request,) = await khooshe.rows("SELECT core_id FROM consultations")
    assert request["core_id"] == cores["technology"].id
    card = await expect(adviser, "درخواست مشاوره")
    assert await adviser.press_inline(card, "✍️ پاسخ", timeout=REFUSED) is None
    await expect(adviser, "پاسخ خود")
    (taken,) = await khooshe.rows("SELECT owner FROM consultations")
    assert taken["owner"] == f"staff:{khooshe.platform.value}:{adviser.id}"
    assert refusals.hits >= 6  # every press above was refused its answer


# What a member may type as their name: markup on Bale unless kept from it.
NAME = "*علی* _رضا_ [x](y)"


@pytest.mark.parametrize("escaping", [BaleEscaping.LOOKALIKE, BaleEscaping.BACKSLASH])
async def test_the_escaping_switch_changes_what_goes_to_bale(
    khooshe: Khooshe, escaping: BaleEscaping
) -> None:
    """After the live check, BALE_ESCAPING=lookalike, or backslash for a Bale found to remove
    escapes: the bot sends its text that way, and the member reads their name as typed
    (the fixtures' check fails any markup or backslash shown)."""
    await khooshe.stop()
    await khooshe.start(bale_escaping=escaping.value)
    khooshe.sandbox.removes_backslash_escapes = escaping is BaleEscaping.BACKSLASH
    user = khooshe.member()
    await register(user, name=NAME)
    (summary,) = [m for m in user.messages if m.text == "✔️ تأیید و ثبت"]
    sent = str(summary.edit_history[0].get("text"))
    if khooshe.platform is Platform.BALE:
        mark = "\u2217" if escaping is BaleEscaping.LOOKALIKE else "\\*"
        assert mark + "علی" in sent and "\u200c" + "*" not in sent
        shown_name = render_bale(sent, removes_escapes=khooshe.sandbox.removes_backslash_escapes)
        assert shown_name.markup == ()
        if escaping is BaleEscaping.BACKSLASH:
            assert NAME in shown_name.text  # exactly as typed
    else:
        assert NAME in sent  # Telegram sends no Markdown: nothing to escape
    (row,) = await khooshe.rows("SELECT name FROM members")
    assert row["name"] == NAME


async def test_a_refused_answer_in_a_group_is_not_said_to_the_group(khooshe: Khooshe) -> None:
    """A toast is for the presser alone: when the platform refuses it in a group (an agent of
    another cluster pressing a report card), it is not posted to everyone instead."""
    from tests.test_triage import _setup

    group, outsider, _, card = await _setup(khooshe)
    code, description = BALE_ERRORS["old_query"]
    khooshe.sandbox.inject("answerCallbackQuery", error=code, description=description, times=10)
    seen = len(group.messages)
    assert await outsider.press_inline(card, "🙋 برمی‌دارم", timeout=REFUSED) is None
    await outsider.send_command("help")  # one user's updates run in order: the press is done
    await expect(outsider, "/")
    await group.settle()
    assert group.messages[seen:] == []
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "new"
