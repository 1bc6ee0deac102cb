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
    ],
)
def test_counts_with_units(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "زیاد", "۲۰ کیلو", "۲۰ و خرده‌ای", "-5", "۲.۵", "صد"])
def test_counts_refused(text: str) -> None:
    assert parse_count(text) is None


def test_words_to_digits_leaves_weekdays_and_months_alone() -> None:
    assert words_to_digits("دوشنبه سهشنبه دی مهر") == "دوشنبه سهشنبه دی مهر"
    assert words_to_digits("بیست و دوم دی") == "22 دی"
