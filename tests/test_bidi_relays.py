"""Bidi controls in what a member writes to an adviser (issue 11, point 9: one sanitiser for
all member text): the answer to an adviser's question and the comment after a rating reach
the adviser, and are stored, without U+202E and its kin, which would turn the adviser's line
around; the Persian half-space stays."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot import callbacks as cb
from bot.sandbox import BotMessage
from storage.outbox import Audience
from storage.surveys import NewQuestion, NewSurvey, create_survey
from tests.conftest import (
    UNSEEN_MESSAGE,
    Khooshe,
    add_details,
    expect,
    shown,
    table_of,
    wait_for,
)
from tests.test_consult import _world, answer_card, reply_to_adviser
from tests.test_issue18_forged import supported_proposal
from tests.test_report_attachments import _staff_group
from tests.test_report_followup import _open_my_report
from tests.test_reports import POWER_CUT, file_report

CONTROLS = "\u202e\u2066\u2067\u2068\u2069\u200f\u202b\u061c"
ANSWER = "عکس\u202eها را\u2066 فردا\u2069 می\u200cفرستم"
COMMENT = "\u202bمشاوره خوبی\u200f بود\u202c"


def _clean(text: str) -> bool:
    return not any(c in text for c in CONTROLS)


async def test_a_members_answer_and_comment_reach_the_adviser_without_bidi_controls(
    khooshe: Khooshe,
) -> None:
    world = await _world(khooshe)
    adviser, member = world["first"], world["member"]
    card = await expect(adviser, "درخواست مشاوره")
    await answer_card(adviser, card, "چند عکس از خط تولید بفرستید؟")
    said = await expect(member, "پاسخ مشاور")
    await reply_to_adviser(member, said, lambda: member.send_text(ANSWER))
    back: BotMessage = await expect(adviser, "پاسخ عضو")
    assert "عکسها را فردا می\u200cفرستم" in shown(back) and _clean(shown(back))
    await adviser.press_inline(card, "✅ پایان")
    question = await expect(member, "کمکتان کرد")
    await member.press_inline(question, "۵")
    rated = member.chat.message(question.message_id)
    assert await wait_for(lambda: rated.button("💬 افزودن نظر") is not None, 10)
    await member.press_inline(rated, "💬 افزودن نظر")
    await expect(member, "نظرتان")
    await member.send_text(COMMENT)
    await expect(member, "ثبت شد")
    comment = await expect(adviser, "نظر عضو")
    assert "مشاوره خوبی بود" in shown(comment) and _clean(shown(comment))
    stored = await khooshe.rows("SELECT text FROM consultation_events WHERE text IS NOT NULL")
    assert stored and all(_clean(row["text"]) for row in stored)
    (rating,) = await khooshe.rows("SELECT comment FROM consultation_ratings")
    assert rating["comment"] == "مشاوره خوبی بود"


CAPTION = "کنتور\u202e سوخته\u2066 است"


async def test_a_members_file_is_copied_to_staff_and_adviser_without_bidi_controls(
    khooshe: Khooshe,
) -> None:
    """A follow-up photo reaches the report's card in the staff group, and a photo answering
    an adviser reaches the adviser, as copies whose caption has lost its bidi controls."""
    group, _, member = await _staff_group(khooshe)
    await file_report(member, POWER_CUT)
    await expect(group, "گزارش تازه")
    await _open_my_report(khooshe, member)
    details = await expect(member, "سابقه")
    await add_details(member, details)
    await member.send_photo(b"\xff\xd8 meter", caption=CAPTION)
    await expect(member, "افزوده شد")
    note, copied = sorted(
        [await group.next_message() for _ in range(2)], key=lambda m: m.photo is not None
    )
    for message in (note, copied):
        assert "کنتور سوخته است" in shown(message) and _clean(shown(message)), message
    assert copied.photo is not None and copied.photo.data == b"\xff\xd8 meter"
    # the same member answering an adviser with a photo
    world = await _world(khooshe)
    adviser, asker = world["first"], world["member"]
    card = await expect(adviser, "درخواست مشاوره")
    await answer_card(adviser, card, "عکس کنتور را بفرستید")
    said = await expect(asker, "پاسخ مشاور")
    await reply_to_adviser(
        asker, said, lambda: asker.send_photo(b"\xff\xd8 meter", caption=CAPTION)
    )
    said_back = await expect(adviser, "پاسخ عضو")
    photo = await adviser.next_message()
    assert photo.photo is not None and photo.photo.data == b"\xff\xd8 meter"
    for message in (said_back, photo):
        assert "کنتور سوخته است" in shown(message) and _clean(shown(message)), message


async def test_a_survey_answer_and_a_proposal_comment_reach_staff_without_bidi_controls(
    khooshe: Khooshe,
) -> None:
    """A free-text survey answer (stored, and in the staff's export) and a supporter's
    comment (in the staff's list of supporters) lose their bidi controls."""
    (member,) = await khooshe.seed_members(1, "leather_shoes")
    (row,) = await khooshe.rows("SELECT id FROM members")
    now = datetime.now(UTC)
    survey_id, _ = await create_survey(
        khooshe.db,
        NewSurvey(
            "نیاز واحدها", Audience(clusters=("leather_shoes",)), now - timedelta(minutes=1),
            now + timedelta(days=2), "staff:test", "bidi-survey",
            (NewQuestion("text", "بزرگ‌ترین نیاز فناوری واحد شما چیست؟"),),
        ),
    )  # fmt: skip
    proposal = await supported_proposal(khooshe, row["id"], comment=None)
    # The member's buttons, as the invitation and the announcement carry them.
    await member.press_forged(cb.SURVEY_ANSWER.pack(survey_id), UNSEEN_MESSAGE)
    await expect(member, "بزرگ‌ترین نیاز")
    await member.send_text("\u202eنرم\u200cافزار\u2066 انبار\u2069")
    await member.settle()
    (answer,) = await khooshe.rows("SELECT value FROM survey_answers")
    assert json.loads(answer["value"]) == "نرم\u200cافزار انبار"  # stored as JSON
    await member.press_forged(cb.PROPOSAL_COMMENT.pack(proposal), UNSEEN_MESSAGE)
    await expect(member, "نظر کوتاه خود را")
    await member.send_text(COMMENT)
    await expect(member, "نظر شما ثبت شد")
    admin = khooshe.admin()
    await admin.press_forged(cb.PROPOSAL_SUPPORTERS.pack(proposal), UNSEEN_MESSAGE)
    supporters = await expect(admin, "حامیان")
    assert "مشاوره خوبی بود" in shown(supporters) and _clean(shown(supporters))
    await admin.press_forged(cb.SURVEY_EXPORT.pack(survey_id), UNSEEN_MESSAGE)
    while (sheet := await admin.next_message()).document is None:
        pass
    cells = [str(c) for r in table_of(sheet) for c in r if c is not None]
    assert "نرم\u200cافزار انبار" in cells and all(_clean(c) for c in cells)
