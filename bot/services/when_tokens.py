"""The words of a typed moment: the tokens `parse_when` (bot/services/when.py) reads.

Text is normalised (Arabic letter forms, digits, separators), then scanned into tokens: a
number, a numeric date or clock, a month or weekday name, a relative day, a part of the day,
`ساعت`, `همین`, `هفته بعد`, a range word. Fillers are dropped; anything else is refused as
unparseable. What the tokens mean together is when.py's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum

from bot.services.numbers import words_to_digits
from bot.text import MATCH_FOLD, ZWNJ, fold_digits


class WhenErrorCode(StrEnum):
    """Why a typed moment was refused; each maps to one locale message."""

    EMPTY = "empty"
    UNPARSEABLE = "unparseable"
    INVALID_DATE = "invalid-date"
    GREGORIAN_DATE = "gregorian-date"
    INVALID_TIME = "invalid-time"
    AMBIGUOUS_TIME = "ambiguous-time"
    AMBIGUOUS_HOUR = "ambiguous-hour"
    RANGE = "range"
    RANGE_ORDER = "range-order"
    MISSING_DATE = "missing-date"
    MISSING_TIME = "missing-time"
    WEEKDAY_MISMATCH = "weekday-mismatch"
    PAST = "past"
    TOO_SOON = "too-soon"
    TOO_FAR = "too-far"


class Reject(Exception):
    """Raised inside the parser to stop at the first problem found."""

    def __init__(self, code: WhenErrorCode, day: date | None = None, hour: int | None = None):
        super().__init__(code.value)
        self.code = code
        self.day = day
        self.hour = hour


class Period(Enum):
    """A part of the day that shifts or qualifies the hour typed with it."""

    AM = "am"
    PM = "pm"
    MORNING = "morning"
    NOON = "noon"
    NIGHT = "night"


@dataclass(frozen=True, slots=True)
class Number:
    """A lone number: a day before a month name, a year after one, or else an hour."""

    digits: str


@dataclass(frozen=True, slots=True)
class DateParts:
    """A date written with numbers or a month name; the year may be missing."""

    year: int | None
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class Clock:
    """A time written with a separator, before any part of the day is applied."""

    hour: int
    minute: int
    second: int
    # "05:00": a leading zero says 24-hour time, so 1–6 is not asked about.
    padded: bool = False


@dataclass(frozen=True, slots=True)
class Month:
    """A Jalali month name (1 = Farvardin)."""

    number: int


@dataclass(frozen=True, slots=True)
class Relative:
    """A day counted from today; `امشب` also says which part of the day."""

    days: int
    period: Period | None = None


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday name, counted as jdatetime does (0 = Saturday)."""

    index: int


@dataclass(frozen=True, slots=True)
class PeriodWord:
    """A part of the day: صبح, عصر, pm, …"""

    period: Period


@dataclass(frozen=True, slots=True)
class ClockWord:
    """`ساعت` or `at`: the number after it is an hour, not a day."""


@dataclass(frozen=True, slots=True)
class This:
    """`همین`/`این`: the weekday named is the next one, today included."""


@dataclass(frozen=True, slots=True)
class NextWeek:
    """`هفته بعد`: the weekday named is in the week after this one."""


@dataclass(frozen=True, slots=True)
class MonthOffset:
    """`همین ماه` (0) or `ماه بعد` (1): the month a day number before it is in."""

    offset: int


class DayMark:
    """`ام` after a number (`۲۵ام`, `بیست و پنجم`): the number is a day of the month."""


@dataclass(frozen=True, slots=True)
class RangeWord:
    """`الی`/`تا`: the time after it is the end of a range."""


Token = (
    Number
    | DateParts
    | Clock
    | Month
    | Relative
    | Weekday
    | PeriodWord
    | ClockWord
    | This
    | NextWeek
    | MonthOffset
    | DayMark
    | RangeWord
)

# Arabic letter forms, separators from Persian and other keyboards, and marks that only split
# words (diacritics, tatweel, direction marks). ZWNJ is kept until "۵‌شنبه" has been read.
CHARS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "٫": ".",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "：": ":",
        "\\": "/",
        "∕": "/",
        "⁄": "/",
        "／": "/",
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys([chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]),
        **dict.fromkeys("\u00ad\u061c\u200b\u200d\u200e\u200f\u2060\ufeff"),
        **dict.fromkeys([chr(c) for c in range(0x202A, 0x202F)]),
        **dict.fromkeys([chr(c) for c in range(0x2066, 0x206A)]),
    }
)

# "۵شنبه" is Thursday, but only with the digit glued on: "۵ شنبه" could be 5 o'clock Saturday.
DIGIT_WEEKDAY = re.compile(f"(?<![\\d/.:-])([1-5]){ZWNJ}?شنبه")
DIGIT_WEEKDAY_NAMES = {"1": "یک", "2": "دو", "3": "سه", "4": "چهار", "5": "پنج"}

# Multi-word phrases joined into one word, so the lexicon needs one spelling per phrase. They
# run after ZWNJ became a space, lower-casing and MATCH_FOLD (so آ is already ا).
PHRASES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"\bپس ?فردا\b", "پسفردا"),
        (r"\bبعد ?(?:از ?)?ظهر\b", "بعدازظهر"),
        (r"\bقبل ?(?:از ?)?ظهر\b", "قبلازظهر"),
        (r"(?<!\w)ب ?\. ?ظ(?!\w)\.?", "بعدازظهر"),
        (r"(?<!\w)ق ?\. ?ظ(?!\w)\.?", "قبلازظهر"),
        (r"\b(یک|دو|سه|چهار|چار|پنج) ?شنبه\b", r"\1شنبه"),
        # Our own prompts say the time is Tehran's; saying it back changes nothing.
        (r"\b(?:به )?وقت (?:تهران|ایران|محلی)\b", ""),
        (r"\b(?:tehran|iran|local) time\b", ""),
        # "یه هفته دیگه": a week from today, before "هفته دیگه" becomes "next week".
        (r"\b(?:یه|یک|1) هفته ?(?:ی )?(?:بعد|دیگه|دیگر)\b", "+7"),
        (r"\b(?:دو|2) هفته ?(?:ی )?(?:بعد|دیگه|دیگر)\b", "+14"),
        (r"\bهفته ?(?:ی )?(?:بعد|اینده|دیگه|دیگر)\b", "هفتهبعد"),
        (r"\b(?:همین|این) ?ماه\b", "ماهجاری"),
        (r"\bماه ?(?:ی )?(?:بعد|اینده|دیگه|دیگر)\b", "ماهبعد"),
        (r"\bساعت ?(?:ها|های|ای|هایی)\b", "ساعت"),
        (r"\bnext week\b", "هفتهبعد"),
        (r"(?<![a-z])([ap])\.?m\b\.?", r"\1m"),
        (r"\bday after tomorrow\b", "dayaftertomorrow"),
        # ISO 8601's "T" between date and time.
        (r"(\d)t(\d)", r"\1 \2"),
    ]
]

# After number words became digits: halves, quarters and minutes said in words.
_Replacement = str | Callable[[re.Match[str]], str]
_MINUTE_PHRASES: list[tuple[re.Pattern[str], _Replacement]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in list[tuple[str, _Replacement]](
        [
            (r"(?<![\d:./-])(\d{1,2}) ?و ?نیم\b", r"\1:30"),
            (r"(?<![\d:./-])(\d{1,2}) ?و ?ربع\b", r"\1:15"),
            (
                r"(?<![\d:./-])(\d{1,2}) ?و ?(\d{1,2}) ?دقیقه\b",
                lambda m: f"{m[1]}:{int(m[2]):02d}",
            ),
            (
                r"(?<![\d:./-])(?:1 )?ربع به (\d{1,2})\b",
                lambda m: f"{int(m[1]) - 1}:45" if int(m[1]) >= 1 else m[0],
            ),
            # "۳ روز دیگه": a day counted from today.
            (r"(?<![\d:./-])(\d{1,3}) ?روز ?(?:دیگه|دیگر|بعد)\b", r"+\1"),
            # "ساعت ۱۰-۱۲", "۹:۳۰-۱۱:۳۰": a range with a dash, not a month/day.
            (
                r"\bساعت (\d{1,2}(?:[:.]\d{2})?) ?- ?(\d{1,2}(?:[:.]\d{2})?)(?![\d/.:-])",
                r"ساعت \1 تا \2",
            ),
            (r"(?<![\d/.:-])(\d{1,2}:\d{2}) ?- ?(\d{1,2}:\d{2})(?![\d/.:-])", r"\1 تا \2"),
        ]
    )
]

TOKEN = re.compile(r"\+\d+|\d+(?:[/.:-]\d+)*|[^\W\d_]+")
# Punctuation that may sit between the parts without changing their meaning.
IGNORED = frozenset(" ,;.!?()-«»\"'")


def normalise(text: str) -> str:
    """Return text with ASCII digits, Persian letters, single spaces and phrases joined."""
    text = fold_digits(text).translate(CHARS)
    text = DIGIT_WEEKDAY.sub(lambda m: DIGIT_WEEKDAY_NAMES[m[1]] + "شنبه", text)
    text = text.replace(ZWNJ, " ").lower().translate(MATCH_FOLD)
    text = " ".join(text.split())
    for pattern, replacement in PHRASES:
        text = pattern.sub(replacement, text)
    text = words_to_digits(text, mark_ordinals=True)
    for minute_pattern, minute_replacement in _MINUTE_PHRASES:
        text = minute_pattern.sub(minute_replacement, text)
    return " ".join(text.split())


def build_lexicon() -> dict[str, Token | None]:
    """Return every known word, spelt as `normalise` leaves it; None marks a filler."""
    words: dict[str, Token | None] = {}
    months = [
        ("فروردین", "فرودین", "farvardin"),
        ("اردیبهشت", "اردبیهشت", "ordibehesht"),
        ("خرداد", "khordad"),
        ("تیر", "tir"),
        ("مرداد", "امرداد", "mordad"),
        ("شهریور", "شهرویر", "shahrivar"),
        ("مهر", "mehr"),
        ("آبان", "aban"),
        ("آذر", "azar"),
        ("دی", "dey", "dei"),
        ("بهمن", "bahman"),
        ("اسفند", "اسپند", "esfand"),
    ]
    for number, spellings in enumerate(months, start=1):
        for spelling in spellings:
            words[spelling] = Month(number)
            if not spelling.isascii():
                # "دیماه": the month glued to the word for month.
                words[spelling + "ماه"] = Month(number)
    weekdays = [
        ("شنبه", "saturday"),
        ("یک‌شنبه", "sunday"),
        ("دوشنبه", "monday"),
        ("سه‌شنبه", "سشنبه", "tuesday"),
        ("چهارشنبه", "چارشنبه", "wednesday"),
        ("پنج‌شنبه", "thursday"),
        ("جمعه", "friday"),
    ]
    for index, spellings in enumerate(weekdays):
        for spelling in spellings:
            words[spelling] = Weekday(index)
    relative: dict[str, Relative] = {
        "دیروز": Relative(-1),
        "امروز": Relative(0),
        "امشب": Relative(0, Period.NIGHT),
        "فردا": Relative(1),
        "پس‌فردا": Relative(2),
        "yesterday": Relative(-1),
        "today": Relative(0),
        "tonight": Relative(0, Period.NIGHT),
        "tomorrow": Relative(1),
        "day after tomorrow": Relative(2),
    }
    words.update(relative)
    periods = {
        "صبح": Period.MORNING,
        "صب": Period.MORNING,
        "بامداد": Period.MORNING,
        "ظهر": Period.NOON,
        "noon": Period.NOON,
        "بعد از ظهر": Period.PM,
        "عصر": Period.PM,
        "غروب": Period.PM,
        "pm": Period.PM,
        "قبل از ظهر": Period.AM,
        "am": Period.AM,
        "شب": Period.NIGHT,
    }
    words.update({word: PeriodWord(period) for word, period in periods.items()})
    words.update({"ساعت": ClockWord(), "at": ClockWord()})
    words.update({"همین": This(), "همون": This(), "این": This(), "this": This()})
    words.update({"هفتهبعد": NextWeek(), "ماهجاری": MonthOffset(0), "ماهبعد": MonthOffset(1)})
    words.update(dict.fromkeys(["الی", "تا", "لغایت", "to", "until", "till"], RangeWord()))
    # "۲۰ام آذر", "سال ۱۴۰۵", "تاریخ …", "رأس ساعت ۱۰" (sharp), "on Saturday"; "شنبه آینده",
    # "شنبه‌ی بعد", "شنبه دیگه" mean the next Saturday, as "شنبه" alone does.
    words["ام"] = DayMark()
    fillers = ["ماه", "سال", "روز", "در", "تاریخ", "رأس", "on", "the", "ی"]
    fillers += ["آینده", "بعد", "دیگه", "دیگر", "next", "از", "from"]
    # The sentence a date is often typed in ("آموزش رو بذارید برای فردا ساعت ۱۰, لطفا"):
    # words that ask, soften or name the event, never ones that negate or offer a choice
    # ("نه", "یا", "جز", "قبل" stay unknown, so such a sentence is still refused).
    fillers += ["لطفا", "خواهشا", "حدودا", "حدود", "تقریبا", "حوالی", "رو", "را", "برای"]
    fillers += ["واسه", "بذارید", "بزارید", "بگذارید", "بذارین", "بزارین", "بفرستید"]
    fillers += ["بفرستین", "بفرست", "ارسال", "شود", "بشه", "باشه", "باشد", "کنید", "کنین"]
    fillers += ["پیام", "اطلاعیه", "آموزش", "دوره", "جلسه", "کلاس", "کارگاه", "همایش"]
    fillers += ["نشست", "وبینار", "بازدید", "برنامه", "برگزار", "برگزاری", "شروع", "هست"]
    fillers += ["است", "میشه", "please"]
    words.update(dict.fromkeys(fillers))
    return {normalise(word): meaning for word, meaning in words.items()}


LEXICON = build_lexicon()


def scan(text: str) -> list[Token]:
    """Split normalised text into tokens, or reject it if anything in it is unknown."""
    if set(TOKEN.sub("", text)) - IGNORED:
        raise Reject(WhenErrorCode.UNPARSEABLE)
    tokens: list[Token] = []
    for raw in TOKEN.findall(text):
        if raw.startswith("+"):
            tokens.append(Relative(int(raw[1:])))
        elif raw.isdigit():
            tokens.append(Number(raw))
        elif raw[0].isdigit():
            tokens.append(numeric(raw))
        else:
            tokens += [word for word in _known_words(raw) if word is not None]
    return tokens


def _known_words(raw: str) -> list[Token | None]:
    """The meaning of a word, or of two known words typed without a space ("فرداساعت")."""
    if raw in LEXICON:
        return [LEXICON[raw]]
    for cut in range(2, len(raw) - 1):
        head, tail = raw[:cut], raw[cut:]
        if head in LEXICON and tail in LEXICON:
            return [LEXICON[head], LEXICON[tail]]
    raise Reject(WhenErrorCode.UNPARSEABLE)


def numeric(raw: str) -> DateParts | Clock:
    """Read numbers joined by separators: a date, a month/day or a time."""
    parts = re.split(r"[/.:-]", raw)
    separators = set(re.findall(r"[/.:-]", raw))
    sizes = [len(part) for part in parts]
    if separators == {":"} or (separators == {"."} and len(parts) == 2):
        if len(parts) > 3 or sizes[0] > 2 or any(size != 2 for size in sizes[1:]):
            raise Reject(WhenErrorCode.INVALID_TIME)
        hour, minute, second = (int(part) for part in [*parts, "0"][:3])
        return Clock(hour, minute, second, padded=sizes[0] == 2 and parts[0][0] == "0")
    if ":" in separators:
        raise Reject(WhenErrorCode.UNPARSEABLE)
    if len(parts) == 2 and max(sizes) <= 2:
        first, second = int(parts[0]), int(parts[1])
        if first > 12 >= second:  # "۱۸/۹": no month 18, so day first
            return DateParts(None, second, first)
        return DateParts(None, first, second)
    if len(parts) == 3:
        # Iranians write the year first; the day comes first only when the year plainly
        # ends the date, and a two-digit year is too ambiguous to guess.
        if sizes[0] == 4 and max(sizes[1:]) <= 2:
            return DateParts(int(parts[0]), int(parts[1]), int(parts[2]))
        if sizes[2] == 4 and max(sizes[:2]) <= 2:
            return DateParts(int(parts[2]), int(parts[1]), int(parts[0]))
    raise Reject(WhenErrorCode.UNPARSEABLE)
