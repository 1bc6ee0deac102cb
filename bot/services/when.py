"""Parsing a moment typed by staff in Persian: a Jalali date and a local (Tehran) time.

`parse_when(text, now, tz)` returns `When(at)`, with `at` an aware datetime **in UTC**, or a
`WhenError` whose `code` a handler maps to a locale message. It never raises for bad input;
only a naive `now` (a programming error) raises ValueError.

Accepted (Persian, Arabic-Indic or ASCII digits; Arabic ي/ك; with or without half-spaces):

- numeric dates, year first: `۱۴۰۵/۹/۲۰`, `1405-09-20`, `۱۴۰۵.۹.۲۰`;
  day first only when the last group has four digits: `۲۰/۹/۱۴۰۵`;
  without a year, month first: `۹/۲۰`;
- month names, day first: `۲۰ آذر ۱۴۰۵`, `۲۰ آذر`, `۲۰ دی ماه`, `۲۰ام آذر`, and the
  English transliterations (`20 azar`) so the bot's own English rendering reads back;
- relative days: `امروز`, `فردا`, `پس‌فردا`/`پس فردا`/`پسفردا`, `امشب` (today, at night),
  `دیروز` (so it is reported as past), `today`, `tomorrow`, `tonight`;
- weekday names: `شنبه` … `جمعه`, `یک‌شنبه`/`یک شنبه`/`یکشنبه`, `۵شنبه`, English names;
- "this" and "next week": `همین پنجشنبه` (the next one, today included), `شنبه آینده`,
  `شنبه بعد`, `شنبه دیگه` (the next one, as a bare weekday), `هفته بعد سه‌شنبه`,
  `دوشنبه هفته بعد`, `سه‌شنبه هفته آینده/دیگه` (that day in the week after this one, weeks
  starting on Saturday); `۳ روز دیگه`;
- numbers in words and ordinal days (bot/services/numbers.py): `ساعت ده`, `اول دی`,
  `بیستم آذر`, `بیست و دوم آذر`;
- times: `۱۰`, `۱۰:۳۰`, `۱۰.۳۰`, `۱۰٫۳۰`, `۱۰:۳۰:۰۰`, `۱۰ و نیم`, `۹ و ربع`, `۱۰ و ۳۰ دقیقه`,
  `یه ربع به ۱۰`, with an optional `ساعت`/`at`
  and an optional part of day before or after it: `صبح`, `بامداد`, `ظهر`, `بعدازظهر`
  (`بعد از ظهر`, `ب.ظ`), `عصر`, `غروب`, `شب`, `قبل از ظهر` (`ق.ظ`), `am`, `pm`;
  `ظهر` alone is 12:00; `به وقت تهران` (our own prompts say it) is read and dropped;
- a range, `ساعت ۱۶ الی ۱۸`, `۴ تا ۶ عصر`: `When.end` is the end, on the same day; refused
  (`RANGE`) unless the caller asks for both (`range_ok`);
- a weekday next to a date (`شنبه ۱۵ آذر ۱۴۰۵، ساعت ۱۶:۳۰`, as `format_datetime` writes it) is
  checked against that date.

Parts may come in any order (`ساعت ۱۰ صبح فردا`). Decisions on ambiguous input:

- a bare hour is 24-hour time from 7 on (`فردا ۹` is 09:00, `فردا ۱۷` 17:00), but 1–6 with no
  part of the day is asked about, not guessed (`AMBIGUOUS_HOUR`): `فردا ۵` is as often 17:00
  as 05:00. `۰۵:۰۰` (a leading zero) is plainly 24-hour time. A range's end without a part of
  the day is the first such hour after its start (`۱۰ تا ۲` ends at 14:00);
- a part of the day without an hour (`سه‌شنبه عصر`) is a missing time, reported with the day
  understood (`WhenError.day`) so the question can name it;
- text without a date may take the caller's `day` (a training's end: `ساعت ۱۳`);
- `۱۲ شب` and 0–5 `شب` (after midnight: which day?) and `۱۲ صبح` are ambiguous-time errors
  rather than guesses; `۱۲ am` is 00:00 and `۱۲ pm` 12:00, as in English;
- a date without a year is this Jalali year, or next year if that day is already over; if it
  is today, it stays today (and a time already gone is "past", not a year ahead);
- a weekday name means the next such day, never today: `پنج‌شنبه` typed on a Thursday is a
  week ahead, because sending a week late is recoverable and sending early is not;
- `۹/۲۰` (slash or dash, two numbers) is month/day, `۹.۲۰` (dot, two numbers) is 9:20;
- a four-digit year between 1900 and 2199 is taken for a Gregorian year and refused;
- minutes need two digits (`۱۰:۵` is refused: 10:05 or 10:50?);
- a local time that does not exist (a DST gap) is an invalid time; a repeated one (DST fold)
  is its first occurrence. Iran has had no DST since 2022, but the zone is not assumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum, StrEnum
from zoneinfo import ZoneInfo

import jdatetime

from bot.services.numbers import words_to_digits
from bot.services.workdays import Holidays
from bot.text import MATCH_FOLD, ZWNJ, fold_digits

__all__ = ["MAX_AHEAD", "OffDay", "When", "WhenError", "WhenErrorCode", "off_day", "parse_when"]

# One year ahead, leap years included, so "the same day next year" is always within reach.
MAX_AHEAD = timedelta(days=366)

# Longer input is not a date someone typed; refusing it early keeps the regexes cheap.
_MAX_LENGTH = 200


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


@dataclass(frozen=True, slots=True)
class When:
    """A moment that was understood, as an aware UTC datetime (and a range's end)."""

    at: datetime
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class WhenError:
    """A moment that was refused, and why; with the local day (and hour) understood, if any,
    so the question asked back can name them."""

    code: WhenErrorCode
    day: date | None = None
    hour: int | None = None


class _Reject(Exception):
    """Raised inside the parser to stop at the first problem found."""

    def __init__(self, code: WhenErrorCode, day: date | None = None, hour: int | None = None):
        super().__init__(code.value)
        self.code = code
        self.day = day
        self.hour = hour


class _Period(Enum):
    """A part of the day that shifts or qualifies the hour typed with it."""

    AM = "am"
    PM = "pm"
    MORNING = "morning"
    NOON = "noon"
    NIGHT = "night"


@dataclass(frozen=True, slots=True)
class _Number:
    """A lone number: a day before a month name, a year after one, or else an hour."""

    digits: str


@dataclass(frozen=True, slots=True)
class _DateParts:
    """A date written with numbers or a month name; the year may be missing."""

    year: int | None
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class _Clock:
    """A time written with a separator, before any part of the day is applied."""

    hour: int
    minute: int
    second: int
    # "05:00": a leading zero says 24-hour time, so 1–6 is not asked about.
    padded: bool = False


@dataclass(frozen=True, slots=True)
class _Month:
    """A Jalali month name (1 = Farvardin)."""

    number: int


@dataclass(frozen=True, slots=True)
class _Relative:
    """A day counted from today; `امشب` also says which part of the day."""

    days: int
    period: _Period | None = None


@dataclass(frozen=True, slots=True)
class _Weekday:
    """A weekday name, counted as jdatetime does (0 = Saturday)."""

    index: int


@dataclass(frozen=True, slots=True)
class _PeriodWord:
    """A part of the day: صبح, عصر, pm, …"""

    period: _Period


@dataclass(frozen=True, slots=True)
class _ClockWord:
    """`ساعت` or `at`: the number after it is an hour, not a day."""


@dataclass(frozen=True, slots=True)
class _This:
    """`همین`/`این`: the weekday named is the next one, today included."""


@dataclass(frozen=True, slots=True)
class _NextWeek:
    """`هفته بعد`: the weekday named is in the week after this one."""


@dataclass(frozen=True, slots=True)
class _RangeWord:
    """`الی`/`تا`: the time after it is the end of a range."""


_Token = (
    _Number
    | _DateParts
    | _Clock
    | _Month
    | _Relative
    | _Weekday
    | _PeriodWord
    | _ClockWord
    | _This
    | _NextWeek
    | _RangeWord
)

# Arabic letter forms, separators from Persian and other keyboards, and marks that only split
# words (diacritics, tatweel, direction marks). ZWNJ is kept until "۵‌شنبه" has been read.
_CHARS = str.maketrans(
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
_DIGIT_WEEKDAY = re.compile(f"(?<![\\d/.:-])([1-5]){ZWNJ}?شنبه")
_DIGIT_WEEKDAY_NAMES = {"1": "یک", "2": "دو", "3": "سه", "4": "چهار", "5": "پنج"}

# Multi-word phrases joined into one word, so the lexicon needs one spelling per phrase. They
# run after ZWNJ became a space, lower-casing and MATCH_FOLD (so آ is already ا).
_PHRASES = [
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
        (r"\bهفته ?(?:ی )?(?:بعد|اینده|دیگه|دیگر)\b", "هفتهبعد"),
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
        ]
    )
]

_TOKEN = re.compile(r"\+\d+|\d+(?:[/.:-]\d+)*|[^\W\d_]+")
# Punctuation that may sit between the parts without changing their meaning.
_IGNORED = frozenset(" ,;.!?()-«»\"'")


def _normalise(text: str) -> str:
    """Return text with ASCII digits, Persian letters, single spaces and phrases joined."""
    text = fold_digits(text).translate(_CHARS)
    text = _DIGIT_WEEKDAY.sub(lambda m: _DIGIT_WEEKDAY_NAMES[m[1]] + "شنبه", text)
    text = text.replace(ZWNJ, " ").lower().translate(MATCH_FOLD)
    text = " ".join(text.split())
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    text = words_to_digits(text)
    for minute_pattern, minute_replacement in _MINUTE_PHRASES:
        text = minute_pattern.sub(minute_replacement, text)
    return " ".join(text.split())


def _build_lexicon() -> dict[str, _Token | None]:
    """Return every known word, spelt as `_normalise` leaves it; None marks a filler."""
    words: dict[str, _Token | None] = {}
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
            words[spelling] = _Month(number)
            if not spelling.isascii():
                # "دیماه": the month glued to the word for month.
                words[spelling + "ماه"] = _Month(number)
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
            words[spelling] = _Weekday(index)
    relative: dict[str, _Relative] = {
        "دیروز": _Relative(-1),
        "امروز": _Relative(0),
        "امشب": _Relative(0, _Period.NIGHT),
        "فردا": _Relative(1),
        "پس‌فردا": _Relative(2),
        "yesterday": _Relative(-1),
        "today": _Relative(0),
        "tonight": _Relative(0, _Period.NIGHT),
        "tomorrow": _Relative(1),
        "day after tomorrow": _Relative(2),
    }
    words.update(relative)
    periods = {
        "صبح": _Period.MORNING,
        "بامداد": _Period.MORNING,
        "ظهر": _Period.NOON,
        "noon": _Period.NOON,
        "بعد از ظهر": _Period.PM,
        "عصر": _Period.PM,
        "غروب": _Period.PM,
        "pm": _Period.PM,
        "قبل از ظهر": _Period.AM,
        "am": _Period.AM,
        "شب": _Period.NIGHT,
    }
    words.update({word: _PeriodWord(period) for word, period in periods.items()})
    words.update({"ساعت": _ClockWord(), "at": _ClockWord()})
    words.update({"همین": _This(), "این": _This(), "this": _This(), "هفتهبعد": _NextWeek()})
    words.update(dict.fromkeys(["الی", "تا", "to", "until", "till"], _RangeWord()))
    # "۲۰ام آذر", "سال ۱۴۰۵", "تاریخ …", "رأس ساعت ۱۰" (sharp), "on Saturday"; "شنبه آینده",
    # "شنبه‌ی بعد", "شنبه دیگه" mean the next Saturday, as "شنبه" alone does.
    fillers = ["ام", "ماه", "سال", "روز", "در", "تاریخ", "رأس", "on", "the", "ی"]
    fillers += ["آینده", "بعد", "دیگه", "دیگر", "next"]
    words.update(dict.fromkeys(fillers))
    return {_normalise(word): meaning for word, meaning in words.items()}


_LEXICON = _build_lexicon()


def _scan(text: str) -> list[_Token]:
    """Split normalised text into tokens, or reject it if anything in it is unknown."""
    if set(_TOKEN.sub("", text)) - _IGNORED:
        raise _Reject(WhenErrorCode.UNPARSEABLE)
    tokens: list[_Token] = []
    for raw in _TOKEN.findall(text):
        if raw.startswith("+"):
            tokens.append(_Relative(int(raw[1:])))
        elif raw.isdigit():
            tokens.append(_Number(raw))
        elif raw[0].isdigit():
            tokens.append(_numeric(raw))
        elif raw not in _LEXICON:
            raise _Reject(WhenErrorCode.UNPARSEABLE)
        elif (word := _LEXICON[raw]) is not None:
            tokens.append(word)
    return tokens


def _numeric(raw: str) -> _DateParts | _Clock:
    """Read numbers joined by separators: a date, a month/day or a time."""
    parts = re.split(r"[/.:-]", raw)
    separators = set(re.findall(r"[/.:-]", raw))
    sizes = [len(part) for part in parts]
    if separators == {":"} or (separators == {"."} and len(parts) == 2):
        if len(parts) > 3 or sizes[0] > 2 or any(size != 2 for size in sizes[1:]):
            raise _Reject(WhenErrorCode.INVALID_TIME)
        hour, minute, second = (int(part) for part in [*parts, "0"][:3])
        return _Clock(hour, minute, second, padded=sizes[0] == 2 and parts[0][0] == "0")
    if ":" in separators:
        raise _Reject(WhenErrorCode.UNPARSEABLE)
    if len(parts) == 2 and max(sizes) <= 2:
        return _DateParts(None, int(parts[0]), int(parts[1]))
    if len(parts) == 3:
        # Iranians write the year first; the day comes first only when the year plainly
        # ends the date, and a two-digit year is too ambiguous to guess.
        if sizes[0] == 4 and max(sizes[1:]) <= 2:
            return _DateParts(int(parts[0]), int(parts[1]), int(parts[2]))
        if sizes[2] == 4 and max(sizes[:2]) <= 2:
            return _DateParts(int(parts[2]), int(parts[1]), int(parts[0]))
    raise _Reject(WhenErrorCode.UNPARSEABLE)


@dataclass(slots=True)
class _Parsed:
    """What the tokens said, before any of it is checked against the calendar."""

    date: _DateParts | None = None
    relative: _Relative | None = None
    weekday: int | None = None
    clock: _Clock | None = None
    period: _Period | None = None
    this: bool = False
    next_week: bool = False
    # After "الی"/"تا": the range's end and its own part of the day.
    in_range: bool = False
    end_clock: _Clock | None = None
    end_period: _Period | None = None

    def set_period(self, period: _Period) -> None:
        """Record a part of the day; two different ones contradict each other."""
        if self.in_range and self.end_clock is not None:
            if self.end_period not in (None, period):
                raise _Reject(WhenErrorCode.UNPARSEABLE)
            self.end_period = period
            return
        if self.period not in (None, period):
            raise _Reject(WhenErrorCode.UNPARSEABLE)
        self.period = period

    def set_clock(self, clock: _Clock) -> None:
        """Record the time (or the range's end); another one means the text is not one moment."""
        if self.in_range:
            if self.end_clock is not None or self.clock is None:
                raise _Reject(WhenErrorCode.UNPARSEABLE)
            self.end_clock = clock
            return
        if self.clock is not None:
            raise _Reject(WhenErrorCode.UNPARSEABLE)
        self.clock = clock

    def set_date(self, date: _DateParts | None, relative: _Relative | None) -> None:
        """Record the date; a second one means the text is not one moment."""
        if self.date is not None or self.relative is not None:
            raise _Reject(WhenErrorCode.UNPARSEABLE)
        self.date, self.relative = date, relative
        if relative is not None and relative.period is not None:
            self.set_period(relative.period)


def _parse(tokens: list[_Token]) -> _Parsed:
    """Assign each token its role: date, weekday, time or part of the day."""
    parsed = _Parsed()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        after_clock = index > 0 and isinstance(tokens[index - 1], _ClockWord)
        index += 1
        match token:
            case _Number(digits) if isinstance(following, _Month) and not after_clock:
                year = None
                index += 1
                if index < len(tokens):
                    match tokens[index]:
                        case _Number(year_digits) if len(year_digits) == 4:
                            year = int(year_digits)
                            index += 1
                if len(digits) > 2:
                    raise _Reject(WhenErrorCode.INVALID_DATE)
                parsed.set_date(_DateParts(year, following.number, int(digits)), None)
            case _Number(digits):
                if len(digits) > 2:
                    raise _Reject(WhenErrorCode.INVALID_TIME)
                padded = len(digits) == 2 and digits[0] == "0"
                parsed.set_clock(_Clock(int(digits), 0, 0, padded))
            case _Clock():
                parsed.set_clock(token)
            case _DateParts():
                parsed.set_date(token, None)
            case _Relative():
                parsed.set_date(None, token)
            case _Weekday(weekday):
                if parsed.weekday is not None:
                    raise _Reject(WhenErrorCode.UNPARSEABLE)
                parsed.weekday = weekday
            case _PeriodWord(period):
                parsed.set_period(period)
            case _This():
                parsed.this = True
            case _NextWeek():
                parsed.next_week = True
            case _RangeWord():
                if parsed.in_range or parsed.clock is None:
                    raise _Reject(WhenErrorCode.UNPARSEABLE)
                parsed.in_range = True
            case _ClockWord():
                pass
            case _Month():
                # A month name with no day before it: "آذر ۲۰" is not a way dates are written.
                raise _Reject(WhenErrorCode.UNPARSEABLE)
    if parsed.in_range and parsed.end_clock is None:
        raise _Reject(WhenErrorCode.UNPARSEABLE)
    return parsed


def _resolve_weekday(parsed: _Parsed, today: date) -> date:
    """The day a weekday name means: the next one, today included after "همین", or the one in
    next week (weeks start on Saturday)."""
    assert parsed.weekday is not None
    today_index = jdatetime.date.fromgregorian(date=today).weekday()
    if parsed.next_week:
        return today + timedelta(days=7 - today_index + parsed.weekday)
    ahead = (parsed.weekday - today_index) % 7
    if parsed.this:
        return today + timedelta(days=ahead)
    return today + timedelta(days=ahead or 7)


def _resolve_date(parsed: _Parsed, today: date) -> date | None:
    """Return the Gregorian local date meant, or None if the text gave no day."""
    if parsed.next_week and (parsed.date is not None or parsed.relative is not None):
        raise _Reject(WhenErrorCode.UNPARSEABLE)
    if parsed.next_week and parsed.weekday is None:
        # "هفته بعد ساعت ۱۰": which day of it?
        raise _Reject(WhenErrorCode.MISSING_DATE)
    if parsed.relative is not None:
        return today + timedelta(days=parsed.relative.days)
    if parsed.date is None:
        if parsed.weekday is None:
            return None
        return _resolve_weekday(parsed, today)
    year, month, day = parsed.date.year, parsed.date.month, parsed.date.day
    if year is None:
        jalali_today = jdatetime.date.fromgregorian(date=today)
        year = jalali_today.year
        if (month, day) < (jalali_today.month, jalali_today.day):
            year += 1
    elif 1900 <= year < 2200:
        raise _Reject(WhenErrorCode.GREGORIAN_DATE)
    try:
        gregorian: date = jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError):
        raise _Reject(WhenErrorCode.INVALID_DATE) from None
    return gregorian


def _resolve_hour(hour: int, period: _Period | None) -> int:
    """Return the 24-hour hour meant by hour said with a part of the day."""
    if period is None:
        return hour
    match period:
        case _Period.AM if hour <= 12:
            return hour % 12
        case _Period.PM if 1 <= hour <= 11:
            return hour + 12
        case _Period.PM if hour >= 12:
            return hour
        case _Period.MORNING if hour <= 11:
            return hour
        case _Period.NOON if 1 <= hour <= 4:
            return hour + 12
        case _Period.NOON if 11 <= hour <= 16:
            return hour
        case _Period.NIGHT if 6 <= hour <= 11:
            return hour + 12
        case _Period.NIGHT if hour >= 18:
            return hour
        # Midnight and the small hours "at night", or twelve "in the morning": the day they
        # belong to is anyone's guess.
        case _Period.NIGHT | _Period.MORNING if hour <= 5 or hour == 12:
            raise _Reject(WhenErrorCode.AMBIGUOUS_TIME)
    raise _Reject(WhenErrorCode.INVALID_TIME)


def _check(clock: _Clock) -> None:
    if clock.hour > 23 or clock.minute > 59 or clock.second > 59:
        raise _Reject(WhenErrorCode.INVALID_TIME)


def _resolve_time(parsed: _Parsed, day: date | None) -> _Clock | None:
    """Return the 24-hour time meant, or None if the text gave no time (day only names the
    day in the question asked back about an hour from 1 to 6)."""
    clock = parsed.clock
    if clock is None:
        # "ظهر" alone names a time; "صبح" alone does not.
        return _Clock(12, 0, 0) if parsed.period is _Period.NOON else None
    _check(clock)
    # "۴ تا ۶ عصر": the part of the day said once covers both ends.
    period = parsed.period or parsed.end_period
    if period is None and 1 <= clock.hour <= 6 and not clock.padded:
        raise _Reject(WhenErrorCode.AMBIGUOUS_HOUR, day, clock.hour)
    return _Clock(_resolve_hour(clock.hour, period), clock.minute, clock.second)


def _resolve_end(parsed: _Parsed, start: _Clock) -> _Clock | None:
    """Return a range's 24-hour end: with its own part of the day, or the first such hour
    after the start ("۱۰ تا ۲" ends at 14:00)."""
    end = parsed.end_clock
    if end is None:
        return None
    _check(end)
    if parsed.end_period is not None:
        hour = _resolve_hour(end.hour, parsed.end_period)
    else:
        hour = end.hour
        if (hour, end.minute) <= (start.hour, start.minute) and hour + 12 <= 23:
            hour += 12
    resolved = _Clock(hour, end.minute, end.second)
    if (resolved.hour, resolved.minute) <= (start.hour, start.minute):
        raise _Reject(WhenErrorCode.RANGE_ORDER)
    return resolved


def _instant(day: date, clock: _Clock, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time, refusing one a DST gap skips."""
    local = datetime(day.year, day.month, day.day, clock.hour, clock.minute, clock.second)
    at = local.replace(tzinfo=tz).astimezone(UTC)
    if at.astimezone(tz).replace(tzinfo=None) != local:
        # The wall-clock time was skipped by a DST change: it never happens there that day.
        raise _Reject(WhenErrorCode.INVALID_TIME)
    return at


def _moment(
    text: str, now: datetime, tz: ZoneInfo, default_day: date | None
) -> tuple[datetime, datetime | None]:
    """Return the UTC instant text names (and a range's end), or raise _Reject saying why."""
    if len(text) > _MAX_LENGTH * 5:
        raise _Reject(WhenErrorCode.UNPARSEABLE)
    normalised = _normalise(text)
    if not normalised:
        raise _Reject(WhenErrorCode.EMPTY)
    if len(normalised) > _MAX_LENGTH:
        raise _Reject(WhenErrorCode.UNPARSEABLE)
    parsed = _parse(_scan(normalised))
    if parsed == _Parsed():
        # Only fillers such as "ساعت".
        raise _Reject(WhenErrorCode.UNPARSEABLE)
    day = _resolve_date(parsed, now.astimezone(tz).date())
    if day is None and parsed.weekday is None:
        day = default_day
    clock = _resolve_time(parsed, day)
    if day is None:
        raise _Reject(WhenErrorCode.MISSING_DATE)
    if clock is None:
        # Never midnight by default: a broadcast at 00:00 is rarely what was meant.
        raise _Reject(WhenErrorCode.MISSING_TIME, day)
    weekday = jdatetime.date.fromgregorian(date=day).weekday()
    if parsed.weekday not in (None, weekday):
        raise _Reject(WhenErrorCode.WEEKDAY_MISMATCH)
    end = _resolve_end(parsed, clock)
    return _instant(day, clock, tz), (_instant(day, end, tz) if end is not None else None)


def parse_when(
    text: str,
    now: datetime,
    tz: ZoneInfo,
    *,
    min_ahead: timedelta = timedelta(0),
    max_ahead: timedelta | None = MAX_AHEAD,
    day: date | None = None,
    range_ok: bool = False,
) -> When | WhenError:
    """Return the UTC moment a Jalali date and local time in text names, or why it can't.

    `day` (a local date) is used when the text names only a time; `range_ok` accepts
    "۱۶ الی ۱۸" where the caller asks for a start and an end.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"naive datetime {now.isoformat()}: pass an aware datetime")
    try:
        at, end = _moment(text, now, tz, day)
    except _Reject as rejection:
        return WhenError(rejection.code, rejection.day, rejection.hour)
    if end is not None and not range_ok:
        return WhenError(WhenErrorCode.RANGE)
    if at < now:
        return WhenError(WhenErrorCode.PAST)
    if at < now + min_ahead:
        return WhenError(WhenErrorCode.TOO_SOON)
    if max_ahead is not None and at > now + max_ahead:
        return WhenError(WhenErrorCode.TOO_FAR)
    return When(at, end)


@dataclass(frozen=True, slots=True)
class OffDay:
    """Why a day is off: a Friday, or a public holiday (with its name from the CSV)."""

    holiday: str | None


def off_day(at: datetime, tz: ZoneInfo, holidays: Holidays) -> OffDay | None:
    """Return why the local day of `at` is off (Friday or a listed holiday), or None."""
    local = at.astimezone(tz).date()
    if local in holidays:
        return OffDay(holidays.names[local])
    # Python counts Monday as 0, so Friday is 4.
    return OffDay(None) if local.weekday() == 4 else None
