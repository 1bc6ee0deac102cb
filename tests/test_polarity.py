"""What a report says was done and was not (bot/services/polarity.py), and "me too" with it."""

from __future__ import annotations

import pytest

from bot.services.polarity import contradict, polarity
from bot.services.similar import SIMILARITY_THRESHOLD, pair_similarity

REFUSED = "گمرک جلفا اظهارنامه ها رو تایید نمیکنه"
APPROVED_BUT_SLOW = (
    "گمرک جلفا اظهارنامه رو تایید میکنه ولی کارشناس ارزیابی فقط صبحا هست ماشینا تا فردا میمونن"
)
NOT_HELD = "دوره‌های فنی‌وحرفه‌ای مرند برای کارکنان برگزار نشده است."
HELD_NO_CERTIFICATE = "دوره فنی حرفه ای مرند برگزار شد ولی گواهیشو هنوز ندادن کارگرا میپرسن"


@pytest.mark.parametrize(
    ("text", "done", "undone"),
    [
        (REFUSED, set(), {"تایید"}),  # spoken «نمیکنه» is «نمی‌کند»
        (APPROVED_BUT_SLOW, {"تایید"}, set()),
        (NOT_HELD, set(), {"برگزار"}),
        ("برق شهرک از دیروز قطع شد", {"قطع"}, set()),
        ("پروانه بهره برداری صادر نمیشه", set(), {"صادر"}),
        ("vam ma tasvib nashod", set(), {"تصویب"}),
        # «شدید» is severe, no light verb; accepting only one thing refuses all else.
        ("افت فشار شدید گاز", set(), set()),
        ("تأمین‌کنندگان فقط پیش‌پرداخت نقدی کامل قبول می‌کنند", set(), set()),
    ],
)
def test_a_light_verb_says_whether_the_word_before_it_was_done(
    text: str, done: set[str], undone: set[str]
) -> None:
    assert polarity(text) == (done, undone)


def test_one_thing_done_and_not_done_is_two_problems() -> None:
    assert contradict(polarity(REFUSED), polarity(APPROVED_BUT_SLOW))
    # They share all their words but one says approval is refused, the other that it is given.
    assert pair_similarity(REFUSED, APPROVED_BUT_SLOW, "export") < SIMILARITY_THRESHOLD
    assert pair_similarity(NOT_HELD, HELD_NO_CERTIFICATE, "workforce") < SIMILARITY_THRESHOLD
    # Said both ways alike, written or spoken, it is one problem.
    same = "اظهارنامه‌های صادراتی ما در گمرک جلفا تایید نمی‌شود"
    assert pair_similarity(REFUSED, same, "export") >= SIMILARITY_THRESHOLD
    held_not = "دوره فنی و حرفه ای مرند واسه کارگرا برگزار نمیشه"
    assert pair_similarity(NOT_HELD, held_not, "workforce") >= SIMILARITY_THRESHOLD
