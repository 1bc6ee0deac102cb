"""Greetings and thanks at the menu are answered in kind; titles carry no phone numbers."""

from __future__ import annotations

from tests.conftest import Khooshe, describe, expect, register, shown, urgency


async def test_greetings_and_thanks_are_answered_in_the_members_language(
    khooshe: Khooshe,
) -> None:
    user = khooshe.member()
    await register(user)
    said = {
        "سلام": "سلام مریم رضایی عزیز",
        "سلام وقت بخیر": "سلام مریم رضایی عزیز",
        "ممنون": "خواهش می‌کنم",
        "مرسی": "خواهش می‌کنم",
        "خیلی ممنونم، لطف کردید": "خواهش می‌کنم",
    }
    for text, answer in said.items():
        await user.send_text(text)
        (reply,) = await user.settle()
        assert answer in shown(reply) and "دکمه‌های منو" not in shown(reply), text
        assert reply.reply_keyboard, text  # with the menu
    # Other words alone still get the hint, and a problem is still offered as one.
    await user.send_text("باشه")
    assert "دکمه‌های منو" in shown((await user.settle())[0])
    await user.send_text("سلام، برق شهرک قطع شده")
    await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    # In the member's language.
    await khooshe.write("UPDATE members SET language = 'en'")
    await user.send_text("thanks")
    assert "You're welcome" in shown((await user.settle())[0])
    await user.send_text("سلام")
    assert "Hello, مریم رضایی" in shown((await user.settle())[0])
    await khooshe.write("UPDATE members SET language = 'az'")
    await user.send_text("ساغ اولون")
    assert "دیمز" in shown((await user.settle())[0])
    await user.send_text("سالام")
    assert "خوش گلمیسینیز" in shown((await user.settle())[0])


async def test_a_title_with_a_phone_number_is_asked_again(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    # The number stays in the description, for staff; the proposed title leaves it out.
    await describe(user, "برق شهرک از صبح قطع است. تماس ۰۹۱۴۵۵۵۱۲۳۴")
    await user.press("✅ تمام شد")
    question = await expect(user, "به نظر می‌رسد", wait=30)
    await user.press_inline(question, question.button_texts[0])
    await urgency(user)
    asked = await expect(user, "عنوان کوتاه", wait=30)
    assert "۰۹۱۴" not in shown(asked)
    for title in ("تماس ۰۹۱۴۵۵۵۱۲۳۴", "قطع برق، 0914 555 1234", "برق قطع +989145551234"):
        await user.send_text(title)
        said = await expect(user, "بدون شماره تلفن")
        assert "عنوان" in shown(said)
        await expect(user, "عنوان کوتاه")  # the same step again
    await user.send_text("قطع برق شهرک")
    card = await expect(user, "گزارش شما:")
    assert "قطع برق شهرک" in shown(card)
    await user.press("✅ ثبت گزارش")
    await expect(user, "کد پیگیری")
    (report,) = await khooshe.rows("SELECT summary, description FROM reports")
    assert report["summary"] == "قطع برق شهرک" and "۰۹۱۴۵۵۵۱۲۳۴" in report["description"]
