"""Members' own words in the report flow: Finglish, Azerbaijani, no guess, colloquial "me too"."""

from __future__ import annotations

import pytest

from bot.sandbox import BotMessage, SandboxUser
from tests.conftest import Khooshe, describe, expect, register, shown
from tests.test_reports import file_report, reach_similar


async def category_question(user: SandboxUser, text: str) -> BotMessage:
    """Describe a problem and press "done"; return the category question."""
    await describe(user, text)
    await user.press("✅ تمام شد")
    return await expect(user, "دسته", wait=30)


@pytest.mark.parametrize(
    ("text", "buttons", "quoted"),
    [
        (
            "salam, bargh shahrak az dirooz ghat mishe",
            ["✅ برق و انرژی", "زیرساخت و خدمات شهرک"],
            "bargh",
        ),
        ("ایشچی تاپیلمیر جوانلار هامی گئدیب", ["✅ نیروی انسانی و آموزش"], "ایشچی"),
        # Azerbaijani in the Republic's Latin letters, read as Tabriz writes it in Persian script.
        (
            "ustalarımız gedib, cavanlar bu işi öyrənmir",
            ["✅ نیروی انسانی و آموزش"],
            "ustalarımız",
        ),
        # No word of the category lexicon: the problem types know a software licence.
        ("solidworks license nadarim", ["✅ فناوری و نوآوری"], "solidworks"),
        # No word of any list («our cheques came back»): the learned model has read bounced
        # cheques in Azerbaijani spelled otherwise, and the member's words that weighed are shown.
        ("چکلریمیز قاییدیب", ["✅ تأمین مالی و بانکی"], "چکلریمیز"),
    ],
    ids=["finglish", "azerbaijani", "azerbaijani-latin", "problem-type", "learned"],
)
async def test_finglish_and_azerbaijani_reports_get_the_right_suggestion(
    khooshe: Khooshe, text: str, buttons: list[str], quoted: str
) -> None:
    user = khooshe.member()
    await register(user)
    question = await category_question(user, text)
    assert "به نظر می‌رسد" in shown(question)
    # Beside the guess, only categories the text gave a sign of: no padding.
    assert question.button_texts == [*buttons, "سایر", "📋 همه دسته‌ها"]
    # The explanation quotes the member's own spelling.
    assert quoted in shown(question)


async def test_nothing_matched_asks_from_the_full_list(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    question = await category_question(user, "این چه وضعیه آخه، هیچکس جواب نمیده")
    assert "به نظر می‌رسد" not in shown(question)
    assert "دسته‌ای پیدا نکردیم" in shown(question)
    assert len(question.button_texts) == 11
    assert not any(label.startswith("✅") for label in question.button_texts)
    await user.press_inline(question, "سایر")
    await expect(user, "فوری است", wait=30)


@pytest.mark.parametrize(
    ("formal", "own_words"),
    [
        (
            "برق شهرک هر روز قطع می‌شود و دستگاه‌ها آسیب می‌بینند",
            "برق شهرک مدام قطع میشه و چند تا از دستگاه هامون سوخته",
        ),
        # Old code found no shared word at all (0.0): the Latin letters were not understood.
        (
            "قطعی مکرر برق شهرک رازی به دستگاه‌های ما آسیب زده است",
            "bargh shahrak razi hamash ghat mishe dastgahamun sookht",
        ),
        # Few shared words (0.44 alone): both are the collateral problem of data/problems/.
        (
            "بانک وثیقه ملکی بیش از مبلغ وام درخواست می‌کند",
            "بانک دو برابر پول وام سند میخواد",
        ),
        # 0.34 without data/azerbaijani.toml: «قوم» is «ماسه» (sand), «معدنینی» the «معدن».
        (
            "معدن ماسه را بسته‌اند و نمی‌توانیم بلوک تولید کنیم",
            "قوم معدنینی باغلاییبلار، بلوک کسه بیلمیریک",
        ),
        # The Republic's alphabet: no word in common with the formal text as typed.
        (
            "برق شهرک هر روز قطع می‌شود و دستگاه‌ها آسیب می‌بینند",
            "şəhrəkdə işıq hər gün kəsilir, dəzgahlarımız yanır",
        ),
    ],
    ids=["colloquial", "finglish", "problem-type", "azerbaijani", "azerbaijani-latin"],
)
async def test_a_report_in_own_words_is_offered_me_too_on_the_formal_one(
    khooshe: Khooshe, formal: str, own_words: str
) -> None:
    first, second = khooshe.member(), khooshe.member()
    await register(first, name="فاطمه کریمی")
    await register(second, name="رضا موسوی")
    await file_report(first, formal)
    offer = await reach_similar(second, own_words)
    (filed,) = await khooshe.rows("SELECT id, summary FROM reports")
    assert filed["summary"][:20] in shown(offer)
