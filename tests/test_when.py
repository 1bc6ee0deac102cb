"""Tests for bot.services.when: Jalali dates and Tehran times typed by staff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
import pytest

from bot.i18n import TEHRAN, format_datetime
from bot.services.when import (
    MAX_AHEAD,
    When,
    WhenError,
    WhenErrorCode,
    parse_when,
)
from bot.services.workdays import Holidays, OffDay, off_day

# Thursday ۵ آذر ۱۴۰۵, 15:30 in Tehran.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ZWNJ = "\u200c"


def tehran(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return the aware UTC instant of a Jalali date and Tehran wall-clock time."""
    gregorian = jdatetime.date(year, month, day).togregorian()
    local = datetime(gregorian.year, gregorian.month, gregorian.day, hour, minute, tzinfo=TEHRAN)
    return local.astimezone(UTC)


def to_persian(text: str) -> str:
    """Return text with ASCII digits written in Persian digits."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def to_arabic(text: str) -> str:
    """Return text with ASCII digits written in Arabic-Indic digits."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def at(
    text: str,
    now: datetime = NOW,
    min_ahead: timedelta = timedelta(0),
    max_ahead: timedelta | None = MAX_AHEAD,
) -> datetime:
    """Return the instant parse_when finds in text, failing the test on an error."""
    result = parse_when(text, now, TEHRAN, min_ahead=min_ahead, max_ahead=max_ahead)
    assert isinstance(result, When), f"{text!r} gave {result}"
    assert result.at.tzinfo is UTC
    return result.at


def code(text: str, now: datetime = NOW, tz: ZoneInfo = TEHRAN) -> WhenErrorCode:
    """Return the error code parse_when gives for text, failing the test on success."""
    result = parse_when(text, now, tz)
    assert isinstance(result, WhenError), f"{text!r} gave {result}"
    return result.code


def test_now_is_what_the_tests_assume() -> None:
    local = jdatetime.datetime.fromgregorian(datetime=NOW.astimezone(TEHRAN))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (1405, 9, 5, 15, 30)
    assert local.weekday() == 5  # Thursday, counting from Saturday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Exact UTC instants: Tehran is UTC+3:30 all year.
        ("۱۴۰۵/۹/۲۰ ۱۰:۰۰", datetime(2026, 12, 11, 6, 30, tzinfo=UTC)),
        ("امروز ۱۶:۳۰", datetime(2026, 11, 26, 13, 0, tzinfo=UTC)),
        # Just after midnight in Tehran is still the evening before in UTC.
        ("فردا ۰:۱۵", datetime(2026, 11, 26, 20, 45, tzinfo=UTC)),
        ("۱ فروردین ۱۴۰۶ ساعت ۸", datetime(2027, 3, 21, 4, 30, tzinfo=UTC)),
    ],
)
def test_exact_utc_instant(text: str, expected: datetime) -> None:
    assert at(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Numeric dates, year first, with every separator.
        ("۱۴۰۵/۹/۲۰ ۱۰:۰۰", (1405, 9, 20, 10, 0)),
        ("1405/09/20 10:00", (1405, 9, 20, 10, 0)),
        ("1405-09-20 10", (1405, 9, 20, 10, 0)),
        ("۱۴۰۵.۹.۲۰ ساعت ۱۰", (1405, 9, 20, 10, 0)),
        ("١٤٠٥/٩/٢٠ ١٠:٣٠", (1405, 9, 20, 10, 30)),
        ("1405\\9\\20 10:30", (1405, 9, 20, 10, 30)),
        ("1405-09-20T10:00", (1405, 9, 20, 10, 0)),
        ("۱۴۰۵/۰۹/۲۰ - ۱۰:۰۰", (1405, 9, 20, 10, 0)),
        ("۱۴۰۵/۹/۲۰ساعت۱۰", (1405, 9, 20, 10, 0)),
        # Day first only when the year (four digits) ends the date.
        ("۲۰/۹/۱۴۰۵ ۱۰:۳۰", (1405, 9, 20, 10, 30)),
        ("20-9-1405 10:30", (1405, 9, 20, 10, 30)),
        # Hour and minute separators.
        ("۱۴۰۵/۹/۲۰ ۱۰٫۳۰", (1405, 9, 20, 10, 30)),
        ("۱۴۰۵/۹/۲۰ ۱۰.۳۰", (1405, 9, 20, 10, 30)),
        ("۱۴۰۵/۹/۲۰ ۱۰:۳۰:۰۰", (1405, 9, 20, 10, 30)),
        ("۱۴۰۵/۹/۲۰ ۱۰ و نیم", (1405, 9, 20, 10, 30)),
        # Time before the date.
        ("ساعت ۱۰ ۱۴۰۵/۹/۲۰", (1405, 9, 20, 10, 0)),
        ("ساعت ۱۰ ۲۰ آذر", (1405, 9, 20, 10, 0)),
        ("تاریخ ۱۴۰۵/۹/۲۰ رأس ساعت ۱۰", (1405, 9, 20, 10, 0)),
        ("در تاریخ ۲۰ آذر، ساعت ۱۰", (1405, 9, 20, 10, 0)),
        # Without a year: this Jalali year when still ahead, next year otherwise.
        ("۹/۲۰ ۱۰:۰۰", (1405, 9, 20, 10, 0)),
        ("۹-۲۰ ۱۰", (1405, 9, 20, 10, 0)),
        ("۲/۲۰ ۱۰", (1406, 2, 20, 10, 0)),
        # Today's date without a year is today, not a year ahead.
        ("۹/۵ ۱۸", (1405, 9, 5, 18, 0)),
        # No month 18: day first.
        ("تاریخ ۱۸/۰۹ ساعت ۱۰", (1405, 9, 18, 10, 0)),
        # Month names.
        ("۲۰ آذر ۱۴۰۵ ساعت ۱۰", (1405, 9, 20, 10, 0)),
        ("۲۰ آذر ۱۰:۳۰", (1405, 9, 20, 10, 30)),
        ("۲۰ اذر ۱۰:۳۰", (1405, 9, 20, 10, 30)),
        ("۲۰ام آذر ماه سال ۱۴۰۵ ساعت ۱۰", (1405, 9, 20, 10, 0)),
        ("۲۰ آذرماه ۱۰", (1405, 9, 20, 10, 0)),
        ("1 farvardin 1406 9:00", (1406, 1, 1, 9, 0)),
        ("۱ فروردین ۱۰", (1406, 1, 1, 10, 0)),
        ("۱ فرودین ۱۰", (1406, 1, 1, 10, 0)),
        ("۲ اردیبهشت ۱۰", (1406, 2, 2, 10, 0)),
        ("۲ ارديبهشت ۱۰", (1406, 2, 2, 10, 0)),
        ("۲ اردبیهشت ۱۰", (1406, 2, 2, 10, 0)),
        ("۳ خرداد ۱۰", (1406, 3, 3, 10, 0)),
        ("۴ تیر ۱۰", (1406, 4, 4, 10, 0)),
        ("۵ مرداد ۱۰", (1406, 5, 5, 10, 0)),
        ("۵ امرداد ۱۰", (1406, 5, 5, 10, 0)),
        ("۶ شهریور ۱۰", (1406, 6, 6, 10, 0)),
        ("۱ مهر ۱۰", (1406, 7, 1, 10, 0)),  # gone over two months ago: next year's
        ("۱۰ دی ۱۰", (1405, 10, 10, 10, 0)),
        ("۱۰ دي ماه ۱۰", (1405, 10, 10, 10, 0)),
        ("۱۰ دیماه ۱۰", (1405, 10, 10, 10, 0)),
        ("۱۱ بهمن ۱۰", (1405, 11, 11, 10, 0)),
        ("۱۲ اسفند ۱۰", (1405, 12, 12, 10, 0)),
        ("۱۲ اسپند ۱۰", (1405, 12, 12, 10, 0)),
        # Relative days.
        ("امروز ۱۶:۳۰", (1405, 9, 5, 16, 30)),
        ("فردا ۹", (1405, 9, 6, 9, 0)),
        ("فردا ساعت ۹ صبح", (1405, 9, 6, 9, 0)),
        ("فردا صبح ساعت ۹", (1405, 9, 6, 9, 0)),
        ("ساعت ۱۰ صبح فردا", (1405, 9, 6, 10, 0)),
        ("فَردا ۹", (1405, 9, 6, 9, 0)),
        ("پس فردا ۱۰", (1405, 9, 7, 10, 0)),
        (f"پس{ZWNJ}فردا ۱۰", (1405, 9, 7, 10, 0)),
        ("پسفردا ۱۰", (1405, 9, 7, 10, 0)),
        ("امشب ۸", (1405, 9, 5, 20, 0)),
        ("امشب ساعت ۲۲:۱۵", (1405, 9, 5, 22, 15)),
        # Parts of the day.
        ("فردا ۵ عصر", (1405, 9, 6, 17, 0)),
        ("فردا ۵ بعدازظهر", (1405, 9, 6, 17, 0)),
        ("فردا ۵ بعد از ظهر", (1405, 9, 6, 17, 0)),
        (f"فردا ۵ بعد{ZWNJ}از{ZWNJ}ظهر", (1405, 9, 6, 17, 0)),
        ("فردا ۵ ب.ظ", (1405, 9, 6, 17, 0)),
        ("فردا ۱۰ ق.ظ", (1405, 9, 6, 10, 0)),
        ("فردا ۱۰ قبل از ظهر", (1405, 9, 6, 10, 0)),
        ("فردا ۸ شب", (1405, 9, 6, 20, 0)),
        ("فردا ۶ غروب", (1405, 9, 6, 18, 0)),
        ("فردا ۲ بامداد", (1405, 9, 6, 2, 0)),
        ("فردا ظهر", (1405, 9, 6, 12, 0)),
        ("فردا ۱۲ ظهر", (1405, 9, 6, 12, 0)),
        ("فردا ۱ ظهر", (1405, 9, 6, 13, 0)),
        ("فردا ۱۲:۳۰ ظهر", (1405, 9, 6, 12, 30)),
        ("فردا ۱۷ عصر", (1405, 9, 6, 17, 0)),
        ("فردا ۲۱ شب", (1405, 9, 6, 21, 0)),
        # A bare hour from 7 on is 24-hour time; "05" with its zero is too.
        ("فردا ۰۵", (1405, 9, 6, 5, 0)),
        ("فردا ۰۵:۳۰", (1405, 9, 6, 5, 30)),
        ("فردا ۱۷", (1405, 9, 6, 17, 0)),
        # Weekdays: the next one after today (a Thursday).
        ("شنبه ۱۰", (1405, 9, 7, 10, 0)),
        ("یکشنبه ۱۰", (1405, 9, 8, 10, 0)),
        (f"یک{ZWNJ}شنبه ۱۰", (1405, 9, 8, 10, 0)),
        ("یک شنبه ۱۰", (1405, 9, 8, 10, 0)),
        ("دوشنبه ۱۰", (1405, 9, 9, 10, 0)),
        ("سه شنبه ۱۰", (1405, 9, 10, 10, 0)),
        ("سشنبه ۱۰", (1405, 9, 10, 10, 0)),
        ("چهارشنبه ۱۰", (1405, 9, 11, 10, 0)),
        (f"پنج{ZWNJ}شنبه ۱۰", (1405, 9, 12, 10, 0)),
        ("۵شنبه ۱۰", (1405, 9, 12, 10, 0)),
        (f"۵{ZWNJ}شنبه ۱۰", (1405, 9, 12, 10, 0)),
        ("جمعه ۱۰", (1405, 9, 6, 10, 0)),
        ("روز شنبه ساعت ۹ صبح", (1405, 9, 7, 9, 0)),
        # A weekday with a date is a check on the date.
        ("شنبه ۷ آذر ۱۴۰۵، ساعت ۱۶:۳۰", (1405, 9, 7, 16, 30)),
        ("فردا جمعه ۱۰", (1405, 9, 6, 10, 0)),
        # English.
        ("tomorrow 9", (1405, 9, 6, 9, 0)),
        ("today 16:30", (1405, 9, 5, 16, 30)),
        ("Tomorrow 9AM", (1405, 9, 6, 9, 0)),
        ("tomorrow at 5 p.m.", (1405, 9, 6, 17, 0)),
        ("tomorrow 12 am", (1405, 9, 6, 0, 0)),
        ("tomorrow noon", (1405, 9, 6, 12, 0)),
        ("day after tomorrow 10", (1405, 9, 7, 10, 0)),
        ("tonight 9", (1405, 9, 5, 21, 0)),
        ("on Saturday at 10", (1405, 9, 7, 10, 0)),
        # Invisible marks and odd spaces from copy-pasting.
        ("\u200f۱۴۰۵/۹/۲۰\u00a0\u00a0۱۰:۰۰\u200e", (1405, 9, 20, 10, 0)),
    ],
)
def test_accepted_form(text: str, expected: tuple[int, int, int, int, int]) -> None:
    assert at(text) == tehran(*expected)


@pytest.mark.parametrize(
    "text",
    ["1405/9/20 10:30", "9/20 10", "20 آذر 1405 ساعت 10", "فردا 5 عصر", "20/9/1405 10.30"],
)
def test_every_digit_script_gives_the_same_moment(text: str) -> None:
    assert at(to_persian(text)) == at(to_arabic(text)) == at(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Empty or nothing but invisible characters.
        ("", WhenErrorCode.EMPTY),
        ("   ", WhenErrorCode.EMPTY),
        (f"{ZWNJ}\u200f ", WhenErrorCode.EMPTY),
        # Not a moment at all.
        ("سلام", WhenErrorCode.UNPARSEABLE),
        ("فردا ساعت ۱۰ یا ۱۱", WhenErrorCode.UNPARSEABLE),  # a choice, not a moment
        ("فردا نه، پس فردا ساعت ۱۰", WhenErrorCode.UNPARSEABLE),
        ("هر روز جز جمعه ساعت ۱۰", WhenErrorCode.UNPARSEABLE),
        ("۱۴۰۵/۹/۲۰ @ ۱۰", WhenErrorCode.UNPARSEABLE),
        ("ساعت", WhenErrorCode.UNPARSEABLE),
        ("؟", WhenErrorCode.UNPARSEABLE),
        ("فردا ۱۴۰۵/۹/۲۰ ۱۰", WhenErrorCode.UNPARSEABLE),  # two dates
        ("فردا ۱۰ ۱۱", WhenErrorCode.UNPARSEABLE),  # two times
        ("شنبه یکشنبه ۱۰", WhenErrorCode.UNPARSEABLE),
        ("فردا ۸ صبح شب", WhenErrorCode.UNPARSEABLE),  # two parts of the day
        ("امشب ۸ صبح", WhenErrorCode.UNPARSEABLE),
        ("آذر ۲۰ ۱۰", WhenErrorCode.UNPARSEABLE),  # month before day
        ("05/09/20 10", WhenErrorCode.UNPARSEABLE),  # two-digit year
        ("1405/9 10", WhenErrorCode.UNPARSEABLE),
        ("1405/9/20/1 10", WhenErrorCode.UNPARSEABLE),
        ("1405/9:20 10", WhenErrorCode.UNPARSEABLE),
        ("فردا " * 200 + "۱۰", WhenErrorCode.UNPARSEABLE),
        # Dates that do not exist.
        ("۱۴۰۵/۱۳/۱ ۱۰", WhenErrorCode.INVALID_DATE),
        ("۱۴۰۵/۰/۱ ۱۰", WhenErrorCode.INVALID_DATE),
        ("۱۴۰۵/۱۰/۰ ۱۰", WhenErrorCode.INVALID_DATE),
        ("۱۴۰۵/۷/۳۱ ۱۰", WhenErrorCode.INVALID_DATE),  # Mehr has 30 days
        ("۱۴۰۵/۱۲/۳۰ ۱۰", WhenErrorCode.INVALID_DATE),  # 1405 is not a leap year
        ("۲۰/۱۳ ۱۰", WhenErrorCode.INVALID_DATE),  # neither can be the month
        ("۳۲ آذر ۱۰", WhenErrorCode.INVALID_DATE),
        ("۱۲۳ آذر ۱۰", WhenErrorCode.INVALID_DATE),
        ("۱۴۰۵/۱۳/۱", WhenErrorCode.INVALID_DATE),  # the date is wrong before it is incomplete
        # A Gregorian year where a Jalali one belongs.
        ("2026/12/01 10:00", WhenErrorCode.GREGORIAN_DATE),
        ("1/12/2026 10:00", WhenErrorCode.GREGORIAN_DATE),
        # Times that do not exist, or contradict their part of the day.
        ("۱۴۰۵/۱۰/۱ ۲۵:۰۰", WhenErrorCode.INVALID_TIME),
        ("۱۴۰۵/۱۰/۱ ۲۴:۰۰", WhenErrorCode.INVALID_TIME),
        ("۱۴۰۵/۱۰/۱ ۱۰:۷۵", WhenErrorCode.INVALID_TIME),
        ("۱۴۰۵/۱۰/۱ ۱۰:۳۰:۶۰", WhenErrorCode.INVALID_TIME),
        ("۱۴۰۵/۱۰/۱ ۱۰:۵", WhenErrorCode.INVALID_TIME),  # 10:05 or 10:50?
        ("۱۴۰۵/۱۰/۱ ۱۰:۳۰:۰۰:۰۰", WhenErrorCode.INVALID_TIME),
        ("فردا ۱۰۳۰", WhenErrorCode.INVALID_TIME),
        ("فردا ۲۵", WhenErrorCode.INVALID_TIME),
        ("فردا ۱۷ صبح", WhenErrorCode.INVALID_TIME),
        ("فردا ۰ عصر", WhenErrorCode.INVALID_TIME),
        ("فردا ۱۵ شب", WhenErrorCode.INVALID_TIME),
        ("فردا ۸ ظهر", WhenErrorCode.INVALID_TIME),
        ("فردا ۱۳ am", WhenErrorCode.INVALID_TIME),
        # Times whose day is anyone's guess.
        ("فردا ۱۲ شب", WhenErrorCode.AMBIGUOUS_TIME),
        ("فردا ۲ شب", WhenErrorCode.AMBIGUOUS_TIME),
        ("فردا ۵ شب", WhenErrorCode.AMBIGUOUS_TIME),
        ("امشب ۱", WhenErrorCode.AMBIGUOUS_TIME),
        ("فردا ۱۲ صبح", WhenErrorCode.AMBIGUOUS_TIME),
        # A time with no day.
        ("۱۰", WhenErrorCode.MISSING_DATE),
        ("ساعت ۱۰:۳۰", WhenErrorCode.MISSING_DATE),
        ("ظهر", WhenErrorCode.MISSING_DATE),
        ("۹ صبح", WhenErrorCode.MISSING_DATE),
        # A day with no time: never midnight by default.
        ("۱۴۰۵/۱۰/۱", WhenErrorCode.MISSING_TIME),
        ("۲۰ آذر", WhenErrorCode.MISSING_TIME),
        ("فردا", WhenErrorCode.MISSING_TIME),
        ("فردا صبح", WhenErrorCode.MISSING_TIME),
        ("فردا ساعت", WhenErrorCode.MISSING_TIME),
        ("امشب", WhenErrorCode.MISSING_TIME),
        ("شنبه", WhenErrorCode.MISSING_TIME),
        # A weekday that is not the day of the date.
        ("یکشنبه ۷ آذر ۱۴۰۵، ساعت ۱۶:۳۰", WhenErrorCode.WEEKDAY_MISMATCH),
        ("فردا شنبه ۱۰", WhenErrorCode.WEEKDAY_MISMATCH),
        # Before now.
        ("امروز ۱۰", WhenErrorCode.PAST),
        ("امروز ۱۵:۲۹", WhenErrorCode.PAST),
        ("دیروز ۱۸", WhenErrorCode.PAST),
        ("۱۴۰۵/۹/۱ ۱۰", WhenErrorCode.PAST),
        ("۱۴۰۴/۹/۲۰ ۱۰", WhenErrorCode.PAST),
        ("۹/۵ ۱۰", WhenErrorCode.PAST),  # today, not next year
        # Gone within the last two months, without a year: a slip, not a year ahead.
        ("۹/۴ ۱۰", WhenErrorCode.PAST),
        ("۳ آذر ساعت ۱۰", WhenErrorCode.PAST),
        ("۸ آبان ۱۰", WhenErrorCode.PAST),
        ("۷ مهر ۱۰", WhenErrorCode.PAST),
        # More than a year ahead.
        ("۱۴۰۶/۹/۷ ۱۰", WhenErrorCode.TOO_FAR),
        ("۱۵۰۰/۱/۱ ۱۰", WhenErrorCode.TOO_FAR),
    ],
)
def test_error(text: str, expected: WhenErrorCode) -> None:
    assert code(text) == expected


def test_error_codes_are_distinct_message_keys() -> None:
    values = [member.value for member in WhenErrorCode]
    assert len(set(values)) == len(values) == 16


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        # Late Esfand 1405 (not a leap year: Esfand has 29 days).
        (tehran(1405, 12, 25, 12), "۱/۵ ۱۰", (1406, 1, 5, 10, 0)),
        (tehran(1405, 12, 25, 12), "۵ فروردین ساعت ۱۰", (1406, 1, 5, 10, 0)),
        (tehran(1405, 12, 25, 12), "۱۲/۲۸ ۱۰", (1405, 12, 28, 10, 0)),
        (tehran(1405, 12, 25, 12), "۱۲/۲۵ ۱۶", (1405, 12, 25, 16, 0)),
        (tehran(1405, 12, 25, 12), "فردا ۱۰", (1405, 12, 26, 10, 0)),
        (tehran(1405, 12, 25, 12), "۲۹ اسفند ۱۰", (1405, 12, 29, 10, 0)),
        # Late Esfand 1403, a leap year: its 30 Esfand exists.
        (tehran(1403, 12, 25, 12), "۱۲/۳۰ ۱۰", (1403, 12, 30, 10, 0)),
        (tehran(1403, 12, 29, 12), "پس فردا ۱۰", (1404, 1, 1, 10, 0)),
        (tehran(1403, 12, 30, 12), "فردا ۱۰", (1404, 1, 1, 10, 0)),
    ],
)
def test_year_rollover(now: datetime, text: str, expected: tuple[int, int, int, int, int]) -> None:
    assert at(text, now) == tehran(*expected)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (tehran(1405, 12, 25, 12), "۱۲/۳۰ ۱۰", WhenErrorCode.INVALID_DATE),
        (tehran(1405, 12, 25, 12), "۳۰ اسفند ۱۰", WhenErrorCode.INVALID_DATE),
        (tehran(1405, 12, 25, 12), "۱۲/۲۵ ۱۰", WhenErrorCode.PAST),
        (tehran(1405, 12, 25, 12), "۱۲/۲۰ ۱۰", WhenErrorCode.PAST),
        (tehran(1405, 12, 25, 12), "۱۱/۲۰ ۱۰", WhenErrorCode.PAST),
    ],
)
def test_year_rollover_error(now: datetime, text: str, expected: WhenErrorCode) -> None:
    assert code(text, now) == expected


def test_leap_years_are_jdatetimes() -> None:
    # The cases below rely on these; jdatetime is the authority, not our arithmetic.
    leap = [year for year in range(1400, 1410) if jdatetime.date(year, 1, 1).isleap()]
    assert leap == [1403, 1408]


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (tehran(1403, 1, 10), "۱۴۰۳/۱۲/۳۰ ۱۰", (1403, 12, 30, 10, 0)),
        (tehran(1405, 1, 10), "۱۴۰۵/۱۲/۲۹ ۱۰", (1405, 12, 29, 10, 0)),
        (NOW, "۱۴۰۸/۱۲/۳۰ ۱۰", (1408, 12, 30, 10, 0)),
    ],
)
def test_leap_day_exists_in_leap_years(
    now: datetime, text: str, expected: tuple[int, int, int, int, int]
) -> None:
    assert at(text, now, max_ahead=None) == tehran(*expected)


@pytest.mark.parametrize("year", [1404, 1405, 1406, 1407])
def test_leap_day_is_invalid_in_other_years(year: int) -> None:
    result = parse_when(f"{year}/12/30 10", tehran(year - 1, 1, 1), TEHRAN, max_ahead=None)
    assert result == WhenError(WhenErrorCode.INVALID_DATE)


def test_now_itself_is_not_past() -> None:
    assert at("امروز ۱۵:۳۰") == NOW


@pytest.mark.parametrize(
    ("text", "min_ahead", "expected"),
    [
        ("امروز ۱۵:۴۰", timedelta(minutes=15), WhenErrorCode.TOO_SOON),
        ("امروز ۱۵:۴۴", timedelta(minutes=15), WhenErrorCode.TOO_SOON),
        ("امروز ۱۵:۲۰", timedelta(minutes=15), WhenErrorCode.PAST),
    ],
)
def test_too_soon(text: str, min_ahead: timedelta, expected: WhenErrorCode) -> None:
    assert parse_when(text, NOW, TEHRAN, min_ahead=min_ahead) == WhenError(expected)


def test_exactly_min_ahead_is_enough() -> None:
    assert at("امروز ۱۵:۴۵", min_ahead=timedelta(minutes=15)) == NOW + timedelta(minutes=15)
    assert at("امروز ۱۵:۴۰", min_ahead=timedelta(minutes=5)) == NOW + timedelta(minutes=10)


def test_max_ahead() -> None:
    week = timedelta(days=7)
    assert at("۱۴۰۵/۹/۱۲ ۱۵:۳۰", max_ahead=week) == NOW + week
    result = parse_when("۱۴۰۵/۹/۱۲ ۱۵:۳۱", NOW, TEHRAN, max_ahead=week)
    assert result == WhenError(WhenErrorCode.TOO_FAR)
    assert at("۱۴۰۷/۱/۱ ۱۰", max_ahead=None) == tehran(1407, 1, 1, 10)


def test_default_max_ahead_reaches_the_same_day_next_year() -> None:
    assert MAX_AHEAD.days == 366
    assert at("۱۴۰۶/۹/۵ ۱۶:۰۰") == tehran(1406, 9, 5, 16)
    # The day before today, without a year, is a slip, not almost a year ahead.
    assert code("۹/۴ ۲۳:۵۹") == WhenErrorCode.PAST


@pytest.mark.parametrize(
    "moment",
    [tehran(1405, 9, 7, 16, 30), tehran(1405, 12, 29, 8, 5), tehran(1406, 1, 1, 0, 0)],
)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_reads_back_what_the_bot_writes(moment: datetime, lang: str) -> None:
    assert at(format_datetime(moment, lang, TEHRAN)) == moment


def test_other_zones_use_zoneinfo() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    before = datetime(2026, 3, 1, tzinfo=UTC)
    # ۹ فروردین ۱۴۰۵ is 29 March 2026: Berlin's clocks jump from 02:00 to 03:00.
    gap = parse_when("۱۴۰۵/۱/۹ ۰۲:۳۰", before, berlin)
    assert gap == WhenError(WhenErrorCode.INVALID_TIME)
    after_gap = parse_when("۱۴۰۵/۱/۹ ۰۳:۳۰", before, berlin)
    assert after_gap == When(datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
    # ۳ آبان ۱۴۰۵ is 25 October 2026: 02:30 happens twice; the first (summer time) is taken.
    fold = parse_when("۱۴۰۵/۸/۳ ۰۲:۳۰", before, berlin)
    assert fold == When(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))


def test_today_is_the_local_day_not_the_utc_day() -> None:
    # 22:00 UTC on 26 November is already 01:30 on ۶ آذر in Tehran.
    late = datetime(2026, 11, 26, 22, 0, tzinfo=UTC)
    assert at("امروز ۱۰", late) == tehran(1405, 9, 6, 10)
    assert at("فردا ۱۰", late) == tehran(1405, 9, 7, 10)


def test_now_may_be_in_any_zone() -> None:
    assert at("فردا ۹", NOW.astimezone(TEHRAN)) == tehran(1405, 9, 6, 9)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="naive"):
        parse_when("فردا ۹", datetime(2026, 11, 26, 12, 0), TEHRAN)


def test_off_days() -> None:
    holidays = Holidays.parse("date,name_fa\n1405-10-01,روز آزمایشی\n")
    friday = tehran(1405, 9, 6, 10)
    assert off_day(friday, TEHRAN, holidays) == OffDay(None)
    assert off_day(tehran(1405, 10, 1, 10), TEHRAN, holidays) == OffDay("روز آزمایشی")
    assert off_day(tehran(1405, 9, 7, 10), TEHRAN, holidays) is None
    # The local day counts: 01:00 on Friday in Tehran is still Thursday in UTC.
    assert off_day(tehran(1405, 9, 6, 1), TEHRAN, holidays) == OffDay(None)
