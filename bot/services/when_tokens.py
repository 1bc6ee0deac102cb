"""The words of a typed moment: the tokens `parse_when` (bot/services/when.py) reads.

Text is normalised (Arabic letter forms, digits, separators), then scanned into tokens: a
number, a numeric date or clock, a month or weekday name, a relative day, a part of the day,
`ساعت`, `همین`, `هفته بعد`, a range word. Fillers are dropped; anything else is refused as
unparseable. What the tokens mean together is when.py's business.
"""

from __future__ import annotations

import re
import unicodedata
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
    AMBIGUOUS_DATE = "ambiguous-date"
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

    def __init__(
        self,
        code: WhenErrorCode,
        day: date | None = None,
        hour: int | None = None,
        other: date | None = None,
    ):
        super().__init__(code.value)
        self.code = code
        self.day = day
        self.hour = hour
        self.other = other


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
    # "۳/۱۰": two numbers that could be month/day or day/month.
    either: bool = False


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
    # "دو هفته دیگه", "این هفته" (0): counted in weeks, so a weekday named with it is in that
    # week.
    weeks: int | None = None


@dataclass(frozen=True, slots=True)
class Later:
    """ "۲ ساعت دیگه", "نیم ساعت بعد", "الان": a moment counted from now, in minutes."""

    minutes: int


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
    Later
    | Number
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

# "۵شنبه" and "۵ شنبه" are Thursday (phones type both), except after "ساعت": "ساعت ۵ شنبه"
# is 5 o'clock on Saturday.
DIGIT_WEEKDAY = re.compile(f"(?<![\\d/.:-])(?<!ساعت )(?<!ساعت)([1-5])[ {ZWNJ}]?شنبه")
DIGIT_WEEKDAY_NAMES = {"1": "یک", "2": "دو", "3": "سه", "4": "چهار", "5": "پنج"}

_Replacement = str | Callable[[re.Match[str]], str]
_WEEKS = {"یه": 1, "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "چار": 4}
_LATER = r"(?:دیگه|دیگر|بعد)\b"

# Multi-word phrases joined into one word, so the lexicon needs one spelling per phrase. They
# run after ZWNJ became a space, lower-casing and MATCH_FOLD (so آ is already ا).
PHRASES: list[tuple[re.Pattern[str], _Replacement]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in list[tuple[str, _Replacement]](
        [
            # "سر ساعت ۱۰": at ten sharp; "سال جاری" (this year) says nothing a date without a
            # year doesn't; "۱۵ جاری", "۱۵ ماه جاری" (letters' words) are the 15th of this month.
            (r"\bسر ساعت\b", "ساعت"),
            (r"\bسال ?(?:ی )?جاری\b", ""),
            (r"\b(?:ماه ?(?:ی )?)?جاری\b", "ماهجاری"),
            (r"\b(?:همین ?)?الان\b|\b(?:right )?now\b", "+0m"),  # now
            # "هفته دیگه همین روز", "همین روز هفته بعد": a week from today.
            (r"\bهفته ?(?:ی )?(?:بعد|اینده|دیگه|دیگر) (?:در )?همین روز\b", "+1w"),
            (r"\bهمین روز ?(?:ی )?هفته ?(?:ی )?(?:بعد|اینده|دیگه|دیگر)\b", "+1w"),
            # "پنجشنبه همین هفته", "این هفته چهارشنبه": that day of this week (Saturday to
            # Friday), so one gone already is past.
            (r"\b(?:همین|این) ?هفته\b", "+0w"),
            (r"\bپس ?فردا\b", "پسفردا"),
            (r"\bبعد ?(?:از ?)?ظهر\b", "بعدازظهر"),
            (r"\bقبل ?(?:از ?)?ظهر\b", "قبلازظهر"),
            (r"(?<!\w)ب ?\. ?ظ(?!\w)\.?", "بعدازظهر"),
            (r"(?<!\w)ق ?\. ?ظ(?!\w)\.?", "قبلازظهر"),
            (r"\b(یک|دو|سه|چهار|چار|پنج) ?شنبه\b", r"\1شنبه"),
            # Our own prompts say the time is Tehran's; saying it back changes nothing.
            (r"\b(?:به )?وقت (?:تهران|ایران|محلی)\b", ""),
            (r"\b(?:tehran|iran|local) time\b", ""),
            # "یه هفته دیگه": a week from today, before "هفته دیگه" becomes "next week"; with a
            # weekday ("دو هفته دیگه دوشنبه"), that day of that week.
            (
                r"\b(یه|یک|دو|سه|چهار|چار|[1-4]) هفته ?(?:ی )?(?:بعد|اینده|دیگه|دیگر)\b",
                lambda m: f"+{_WEEKS.get(m[1]) or int(m[1])}w",
            ),
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
    )
]


def _hours_later(match: re.Match[str]) -> str:
    """ "۲ ساعت دیگه", "۱ ساعت و نیم بعد": minutes from now, as a `Later` token."""
    extra = match[2] or ""
    digits = re.match(r"\d+", extra)
    minutes = 30 if extra == "نیم" else 15 if extra == "ربع" else int(digits[0]) if digits else 0
    return f"+{int(match[1]) * 60 + minutes}m"


def _before(match: re.Match[str]) -> str:
    """ "یه ربع به ۱۰", "سه ربع به ۱۰", "۱۰ دقیقه به ۱۱": minutes before an hour."""
    quarters, minutes, hour = match["quarters"], match["minutes"], int(match["hour"])
    before = 15 * int(quarters or 1) if minutes is None else int(minutes)
    if hour < 1 or not 1 <= before <= 59:
        return match[0]
    return f"{hour - 1}:{60 - before:02d}"


# After number words became digits: halves, quarters and minutes said in words.
_MINUTE_PHRASES: list[tuple[re.Pattern[str], _Replacement]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in list[tuple[str, _Replacement]](
        [
            # A while from now, before a half or a quarter is read as a time of day.
            (
                rf"(?<![\d:./-])(\d{{1,2}}) ?ساعت(?: ?و ?(نیم|ربع|\d{{1,2}} ?دقیقه))? ?{_LATER}",
                _hours_later,
            ),
            (rf"\bنیم ساعت ?{_LATER}", "+30m"),
            (
                rf"(?<![\d:./-])(?:([1-3]) ?)?ربع ?(?:ساعت ?)?{_LATER}",
                lambda m: f"+{15 * int(m[1] or 1)}m",
            ),
            (rf"(?<![\d:./-])(\d{{1,3}}) ?دقیقه ?{_LATER}", r"+\1m"),
            (r"(?<![\d:./-])(\d{1,2}) ?و ?نیم\b", r"\1:30"),
            (
                r"(?<![\d:./-])(\d{1,2}) ?و ?(?:([1-3]) ?)?ربع\b",
                lambda m: f"{m[1]}:{15 * int(m[2] or 1):02d}",
            ),
            (
                r"(?<![\d:./-])(\d{1,2}) ?و ?(\d{1,2}) ?دقیقه\b",
                lambda m: f"{m[1]}:{int(m[2]):02d}",
            ),
            (
                r"(?<![\d:./-])(?:(?:(?P<quarters>[1-3]) )?ربع|(?P<minutes>\d{1,2}) ?دقیقه)"
                r" به (?P<hour>\d{1,2})\b",
                _before,
            ),
            # "۳ روز دیگه": a day counted from today.
            (r"(?<![\d:./-])(\d{1,3}) ?روز ?(?:دیگه|دیگر|بعد)\b", r"+\1"),
            # "ساعت ۱۰-۱۲", "۹:۳۰-۱۱:۳۰": a range with a dash, not a month/day.
            (
                r"\bساعت (\d{1,2}(?:[:.]\d{2})?) ?- ?(\d{1,2}(?:[:.]\d{2})?)(?![\d/.:-])",
                r"ساعت \1 تا \2",
            ),
            (r"(?<![\d/.:-])(\d{1,2}:\d{2}) ?- ?(\d{1,2}:\d{2})(?![\d/.:-])", r"\1 تا \2"),
            # "۱۴ - ۱۶" (a dash between spaces), "۱۴-۱۶" (no month 14): hours, not a date.
            (
                r"(?<![\d/.:-])(\d{1,2}(?::\d{2})?) - (\d{1,2}(?::\d{2})?)(?![\d/.:-])",
                r"\1 تا \2",
            ),
            (r"(?<![\d/.:-])(1[3-9]|2[0-3])-(1[4-9]|2[0-4])(?![\d/.:-])", r"\1 تا \2"),
            # "ساعت ۹/۳۰": a slash typed for the colon.
            (r"\bساعت (\d{1,2})/(\d{2})(?![\d/.:-])", r"ساعت \1:\2"),
        ]
    )
]

TOKEN = re.compile(r"\+\d+[mw]?|\d+(?:[/.:-]\d+)*|[^\W\d_]+")
# Punctuation that may sit between the parts without changing their meaning.
IGNORED = frozenset(" ,;.!?()-«»\"'")
_SYMBOLS = frozenset(("So", "Sk", "Cs", "Co"))  # emoji, their skin tones, private use


def normalise(text: str) -> str:
    """Return text with ASCII digits, Persian letters, single spaces and phrases joined."""
    # Emoji and other symbols ("فردا ساعت ۱۰ 🙏") say nothing of the moment.
    text = "".join(ch for ch in fold_digits(text) if unicodedata.category(ch) not in _SYMBOLS)
    text = text.translate(CHARS)
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
    fillers += ["آینده", "بعد", "بعدی", "آتی", "دیگه", "دیگر", "next", "از", "from"]
    # The sentence a date is often typed in ("آموزش رو بذارید برای فردا ساعت ۱۰, لطفا"):
    # words that ask, soften or name the event, never ones that negate or offer a choice
    # ("نه", "یا", "جز", "قبل" stay unknown, so such a sentence is still refused).
    fillers += ["لطفا", "خواهشا", "حدودا", "حدود", "تقریبا", "حوالی", "رو", "را", "برای"]
    fillers += ["واسه", "بذارید", "بزارید", "بگذارید", "بذارین", "بزارین", "بفرستید"]
    fillers += ["بفرستین", "بفرست", "ارسال", "شود", "بشه", "باشه", "باشد", "کنید", "کنین"]
    fillers += ["پیام", "اطلاعیه", "آموزش", "دوره", "جلسه", "کلاس", "کارگاه", "همایش"]
    fillers += ["نشست", "وبینار", "بازدید", "برنامه", "برگزار", "برگزاری", "شروع", "هست"]
    fillers += ["است", "میشه", "please", "مورخ", "مورخه"]
    words.update(dict.fromkeys(fillers))
    return {normalise(word): meaning for word, meaning in words.items()}


LEXICON = build_lexicon()


def scan(text: str) -> list[Token]:
    """Split normalised text into tokens, or reject it if anything in it is unknown."""
    if set(TOKEN.sub("", text)) - IGNORED:
        raise Reject(WhenErrorCode.UNPARSEABLE)
    tokens: list[Token] = []
    for raw in TOKEN.findall(text):
        if raw.startswith("+") and raw.endswith("m"):
            tokens.append(Later(int(raw[1:-1])))
        elif raw.startswith("+") and raw.endswith("w"):
            tokens.append(Relative(7 * int(raw[1:-1]), weeks=int(raw[1:-1])))
        elif raw.startswith("+"):
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
        return DateParts(None, first, second, either=first != second and second <= 12)
    if len(parts) == 3:
        # Iranians write the year first; the day comes first only when the year plainly
        # ends the date, and a two-digit year is too ambiguous to guess.
        if sizes[0] == 4 and max(sizes[1:]) <= 2:
            return DateParts(int(parts[0]), int(parts[1]), int(parts[2]))
        if sizes[2] == 4 and max(sizes[:2]) <= 2:
            return DateParts(int(parts[2]), int(parts[1]), int(parts[0]))
    raise Reject(WhenErrorCode.UNPARSEABLE)
