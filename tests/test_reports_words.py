"""Members' own words in the report flow: Finglish, Azerbaijani, no guess, colloquial "me too"."""

from __future__ import annotations

from tests.conftest import Khooshe, expect, register, shown
from tests.test_reports import file_report, reach_similar


async def describe(khooshe_user, text: str):  # type: ignore[no-untyped-def]
    """Describe a problem and press "done"; return the category question."""
    await khooshe_user.press("📝 ثبت مشکل")
    await expect(khooshe_user, "با کلمات خودتان")
    await khooshe_user.send_text(text)
    await expect(khooshe_user, "دریافت شد")
    await khooshe_user.press("✅ تمام شد")
    return await expect(khooshe_user, "دسته", wait=30)


async def test_a_finglish_report_gets_the_right_suggestion(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    question = await describe(user, "salam, bargh shahrak az dirooz ghat mishe")
    assert "به نظر می‌رسد" in shown(question)
    assert question.button_texts[0] == "✅ برق و انرژی"
    # The explanation quotes the member's own spelling.
    assert "bargh" in shown(question)


async def test_an_azerbaijani_report_gets_the_right_suggestion(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    question = await describe(user, "ایشچی تاپیلمیر جوانلار هامی گئدیب")
    assert "به نظر می‌رسد" in shown(question)
    assert question.button_texts[0] == "✅ نیروی انسانی و آموزش"
    assert "ایشچی" in shown(question)


async def test_nothing_matched_asks_from_the_full_list(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    question = await describe(user, "این چه وضعیه آخه، هیچکس جواب نمیده")
    assert "به نظر می‌رسد" not in shown(question)
    assert "دسته‌ای پیدا نکردیم" in shown(question)
    assert len(question.button_texts) == 11
    assert not any(label.startswith("✅") for label in question.button_texts)
    await user.press_inline(question, "سایر")
    await expect(user, "فوری است", wait=30)


async def test_a_colloquial_report_is_offered_me_too_on_the_formal_one(khooshe: Khooshe) -> None:
    first, second = khooshe.member(), khooshe.member()
    await register(first, name="فاطمه کریمی")
    await register(second, name="رضا موسوی")
    await file_report(first, "برق شهرک هر روز قطع می‌شود و دستگاه‌ها آسیب می‌بینند")
    offer = await reach_similar(second, "برق شهرک مدام قطع میشه و چند تا از دستگاه هامون سوخته")
    (filed,) = await khooshe.rows("SELECT id, summary FROM reports")
    assert filed["summary"][:20] in shown(offer)


async def test_a_finglish_report_is_offered_me_too_on_the_formal_one(khooshe: Khooshe) -> None:
    first, second = khooshe.member(), khooshe.member()
    await register(first, name="فاطمه کریمی")
    await register(second, name="رضا موسوی")
    await file_report(first, "قطعی مکرر برق شهرک رازی به دستگاه‌های ما آسیب زده است")
    # Old code found no shared word at all (0.0): the Latin letters were not understood.
    offer = await reach_similar(second, "bargh shahrak razi hamash ghat mishe dastgahamun sookht")
    (filed,) = await khooshe.rows("SELECT id, summary FROM reports")
    assert filed["summary"][:20] in shown(offer)
