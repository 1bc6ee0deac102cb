"""bot.services.numbers: counts typed with units or in words."""

from __future__ import annotations

import pytest

from bot.services.numbers import parse_count, words_to_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۲۰", 20),
        ("20", 20),
        ("٢٠", 20),
        ("۱ نفر", 1),
        ("۲۰ نفر", 20),
        ("۲۰نفر", 20),
        ("۳ ساعت", 3),
        ("۲۰ تا", 20),
        ("بیست", 20),
        ("بیست نفر", 20),
        ("بیست و پنج نفر", 25),
        ("ده", 10),
        ("دوازده نفر", 12),
        ("1,000", 1000),
        ("30 people", 30),
        (" ۱۵ صندلی ", 15),
        # Before the number: the same number.
        ("حداکثر ۴۰ نفر", 40),
        ("ظرفیت ۲۵", 25),
        ("حدوداً ۳۰ نفر", 30),
        ("تقریبا ۵۰", 50),
        ("50 nafar", 50),
        # Round hundreds in words, where the whole answer is a count.
        ("صد", 100),
        ("صد نفر", 100),
        ("یکصد", 100),
        ("صد و بیست نفر", 120),
        ("سیصد", 300),
    ],
)
def test_counts_with_units(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "زیاد",
        "۲۰ کیلو",
        "۲۰ و خرده‌ای",
        "-5",
        "۲.۵",
        "صد درصد",
        "هزار",
        "حدود",
        "۲۰ الی ۳۰ نفر",
    ],
)
def test_counts_refused(text: str) -> None:
    assert parse_count(text) is None


def test_words_to_digits_leaves_weekdays_and_months_alone() -> None:
    assert words_to_digits("دوشنبه سهشنبه دی مهر") == "دوشنبه سهشنبه دی مهر"
    assert words_to_digits("بیست و دوم دی") == "22 دی"
