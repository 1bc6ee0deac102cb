"""How Khooshe writes numbers and Jalali dates in each language: Persian digits for languages in
Persian script, Jalali month and weekday names, Tehran time. Plain code, used by bot/i18n.py's
Translator (and re-exported there)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import jdatetime

from bot.text import persian_digits

DEFAULT_LANG = "fa"
TEHRAN = ZoneInfo("Asia/Tehran")

# Languages written in Persian script: Persian digits and separators, Persian names of the
# Jalali months, right to left. Azerbaijani here is Tabriz Turkish as its speakers write it.
_PERSIAN_SCRIPT = frozenset({"fa", "az"})

# Week starting on Saturday, as jdatetime's weekday() counts (0 = Saturday).
_WEEKDAYS = {
    "fa": ("شنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنج‌شنبه", "جمعه"),
    "en": ("Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
}
_MONTHS = {
    "fa": (
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ),
    "en": (
        "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
        "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
    ),
}  # fmt: skip


def base_lang(lang: str | None) -> str:
    """Return the primary language subtag: "fa-IR" → "fa", "EN_us" → "en"."""
    return (lang or "").replace("_", "-").split("-")[0].strip().lower()


def persian_script(lang: str | None) -> bool:
    """Whether lang is written in Persian script (Persian digits, right to left): fa, az."""
    return base_lang(lang) in _PERSIAN_SCRIPT


def _names(lang: str) -> str:
    """Return the key of the weekday/month names for lang: Persian or, otherwise, English.

    Azerbaijani takes the Persian names, as Tabriz says and writes them: the Jalali months
    have no other names in common use (the old Turkic «آغلار گولر», «قیزاران آی»… are heard
    only here and there), the purist weekdays («یئل گونو», «سود گونو»…) are not what members
    read in notices, and «جمعه آخشامی», Thursday in Baku, means Thursday evening to many in Tabriz.
    """
    return "fa" if persian_script(lang) else "en"


def _digits(text: str, lang: str) -> str:
    """Return text with Persian digits in Persian script, unchanged for any other language."""
    return persian_digits(text) if persian_script(lang) else text


def format_number(value: int | float, lang: str, *, grouping: bool = False) -> str:
    """Render a number in the language's digits; floats with at most two decimals."""
    if isinstance(value, float):
        text = f"{value:,.2f}" if grouping else f"{value:.2f}"
        text = text.rstrip("0").rstrip(".")
    else:
        # No grouping by default: most numbers in the bot are years, codes and small counts.
        text = f"{value:,}" if grouping else str(value)
    if persian_script(lang):
        # Persian decimal separator (٫) and thousands separator (٬).
        text = text.replace(".", "٫").replace(",", "٬")
    return _digits(text, lang)


def _to_local(dt: datetime, tz: ZoneInfo) -> datetime:
    """Convert an aware datetime to tz; a naive one is a bug, since its zone is unknown."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt.isoformat()}: pass an aware datetime")
    return dt.astimezone(tz)


def format_date(d: date | datetime, lang: str, tz: ZoneInfo) -> str:
    """Render a Jalali date with weekday and month names: «شنبه ۱۵ آذر ۱۴۰۵»."""
    day = _to_local(d, tz).date() if isinstance(d, datetime) else d
    return _jalali_day(day, _names(lang))


# Digests and lists name the same few days for thousands of readers: convert each day once.
@lru_cache(maxsize=4096)
def _jalali_day(day: date, names: str) -> str:
    jalali = jdatetime.date.fromgregorian(date=day)
    text = (
        f"{_WEEKDAYS[names][jalali.weekday()]} {jalali.day} "
        f"{_MONTHS[names][jalali.month - 1]} {jalali.year}"
    )
    return _digits(text, names)


def format_datetime(dt: datetime, lang: str, tz: ZoneInfo) -> str:
    """Render a Jalali date and time in tz: «شنبه ۱۵ آذر ۱۴۰۵، ساعت ۱۶:۳۰»."""
    local = _to_local(dt, tz)
    day = format_date(local.date(), lang, tz)
    clock = _digits(f"{local:%H:%M}", lang)
    return f"{day}، ساعت {clock}" if _names(lang) == "fa" else f"{day}, {clock}"
