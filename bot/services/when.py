# Over 500 lines: half of it is this docstring, the list of every form staff type that is read
# and how; the parser itself is one piece (its tokens are in bot/services/when_tokens.py).
"""Parsing a moment typed by staff in Persian: a Jalali date and a local (Tehran) time.

`parse_when(text, now, tz)` returns `When(at)`, with `at` an aware datetime **in UTC**, or a
`WhenError` whose `code` a handler maps to a locale message. It never raises for bad input;
only a naive `now` (a programming error) raises ValueError. The text is read into tokens by
bot/services/when_tokens.py; here they are put together and checked against the calendar.

Accepted (Persian, Arabic-Indic or ASCII digits; Arabic ي/ك; with or without half-spaces):

- numeric dates, year first: `۱۴۰۵/۹/۲۰`, `1405-09-20`, `۱۴۰۵.۹.۲۰`;
  day first only when the last group has four digits: `۲۰/۹/۱۴۰۵`;
  without a year, month first: `۹/۲۰`;
- month names, day first: `۲۰ آذر ۱۴۰۵`, `۲۰ آذر`, `۲۰ دی ماه`, `۲۰ام آذر`, and the
  English transliterations (`20 azar`) so the bot's own English rendering reads back;
- relative days: `امروز`, `فردا`, `پس‌فردا`/`پس فردا`/`پسفردا`, `امشب` (today, at night),
  `دیروز` (so it is reported as past), `today`, `tomorrow`, `tonight`;
- weekday names: `شنبه` … `جمعه`, `یک‌شنبه`/`یک شنبه`/`یکشنبه`, `۵شنبه`, `۵ شنبه` (but
  `ساعت ۵ شنبه` is five on Saturday), English names;
- "this" and "next week": `همین پنجشنبه` (the next one, today included), `شنبه آینده`,
  `شنبه بعد`, `شنبه دیگه` (the next one, as a bare weekday), `هفته بعد سه‌شنبه`,
  `دوشنبه هفته بعد`, `سه‌شنبه هفته آینده/دیگه` (that day in the week after this one, weeks
  starting on Saturday), `سه‌شنبه بعدی`; `پنجشنبه این هفته`/`همین هفته` (that day of this
  week: one gone is past), `دو هفته دیگه دوشنبه`; `۳ روز دیگه`, `هفته دیگه همین روز`;
- numbers in words and ordinal days (bot/services/numbers.py): `ساعت ده`, `اول دی`,
  `بیستم آذر`, `بیست و دوم آذر`; a day of this month or the next: `بیستم همین ماه`,
  `دهم ماه بعد`, and an ordinal day with no month, `۲۵ام`, `بیست و پنجم`: this month's if it
  is still to come (today included), else next month's;
- times: `۱۰`, `۱۰:۳۰`, `۱۰.۳۰`, `۱۰٫۳۰`, `۱۰:۳۰:۰۰`, `۱۰ و نیم`, `۹ و ربع`, `۱۰ و ۳۰ دقیقه`,
  `۱۰ و یک ربع`, `۱۰ و سه ربع`, `یه ربع به ۱۰`, `سه ربع به ۱۰`, `۱۰ دقیقه به ۱۱`,
  `ساعت ۹/۳۰`, with an optional `ساعت`/`at` (`سر ساعت`)
  and an optional part of day before or after it: `صبح`, `بامداد`, `ظهر`, `بعدازظهر`
  (`بعد از ظهر`, `ب.ظ`), `عصر`, `غروب`, `شب`, `قبل از ظهر` (`ق.ظ`), `am`, `pm`;
  `ظهر` alone is 12:00; `به وقت تهران` (our own prompts say it) is read and dropped, and so
  are emoji, the words of letters (`مورخ`, `سال جاری`; `۲۰ جاری` is the 20th of this month);
- a while from now, as the whole moment: `۲ ساعت دیگه`, `۱ ساعت و نیم بعد`, `نیم ساعت دیگه`,
  `یه ربع دیگه`, `۲۰ دقیقه دیگه`, `الان`;
- a range, `ساعت ۱۶ الی ۱۸`, `۴ تا ۶ عصر`, `از ۹ تا ۱۲ ظهر`, `۱۴ لغایت ۱۶`, `ساعت ۱۰-۱۲`,
  `۱۴ - ۱۶`, `۱۴-۱۶` (no month 14):
  `When.end` is the end, on the same day; refused
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
- an end asked for on its own (`after`, its start): a leading `تا`/`الی` says "until" and is
  dropped (`تا ۱۲ و نیم`), and an hour without a part of the day on the start's day is the
  first such hour after the start, as a range's end is (`ساعت ۸` after 16:00 is 20:00, `تا ۶`
  18:00); where neither is after it, as any time (1–6 asked about);
- `۱۲ شب` and 0–5 `شب` (after midnight: which day?) and `۱۲ صبح` are ambiguous-time errors
  rather than guesses; `۱۲ am` is 00:00 and `۱۲ pm` 12:00, as in English;
- a date without a year is this Jalali year, or next year if that day is over by more than two
  months (`۵ فروردین` typed in Esfand); a day gone more recently (`۳ آذر` on 5 Azar) is a slip
  reported as past, as is today's date with a time already gone;
- a weekday name means the next such day, never today: `پنج‌شنبه` typed on a Thursday is a
  week ahead, because sending a week late is recoverable and sending early is not;
- `۹/۲۰` (slash or dash, two numbers) is month/day, unless the first cannot be a month
  (`۱۸/۹` is 18 Azar); but where month/day is over two months away and day/month is within
  two (`۳/۱۰` on 5 Azar: 10 Khordad, or 3 Dey?), which is asked (`AMBIGUOUS_DATE`);
  `۹.۲۰` (dot, two numbers) is 9:20;
- a four-digit year between 1900 and 2199 is taken for a Gregorian year and refused;
- minutes need two digits (`۱۰:۵` is refused: 10:05 or 10:50?);
- a local time that does not exist (a DST gap) is an invalid time; a repeated one (DST fold)
  is its first occurrence. Iran has had no DST since 2022, but the zone is not assumed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime

from bot.services.when_tokens import (
    Clock,
    ClockWord,
    DateParts,
    DayMark,
    Later,
    Month,
    MonthOffset,
    NextWeek,
    Number,
    Period,
    PeriodWord,
    RangeWord,
    Reject,
    Relative,
    This,
    Token,
    Weekday,
    WhenErrorCode,
    normalise,
    scan,
)

__all__ = ["MAX_AHEAD", "When", "WhenError", "WhenErrorCode", "parse_when"]

# One year ahead, leap years included, so "the same day next year" is always within reach.
MAX_AHEAD = timedelta(days=366)

# A date without a year gone this year by at most this long is a slip (reported as past), not
# next year's: nobody plans a training 11 months ahead without saying the year.
SLIP_REACH = timedelta(days=62)

# Longer input is not a date someone typed; refusing it early keeps the regexes cheap.
_MAX_LENGTH = 200


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
    # "۳/۱۰" (AMBIGUOUS_DATE): `day` reads it day/month, `other` month/day.
    other: date | None = None


@dataclass(slots=True)
class _Parsed:
    """What the tokens said, before any of it is checked against the calendar."""

    date: DateParts | None = None
    # "بیستم همین ماه": the date's month is this one (0) or the next (1), not a name.
    month_offset: int | None = None
    # "۲۵ام": a day with no month, this month's or (once it is gone) the next month's.
    month_unsaid: bool = False
    relative: Relative | None = None
    weekday: int | None = None
    clock: Clock | None = None
    period: Period | None = None
    this: bool = False
    next_week: bool = False
    # After "الی"/"تا": the range's end and its own part of the day.
    in_range: bool = False
    end_clock: Clock | None = None
    end_period: Period | None = None
    # "۲ ساعت دیگه": minutes from now, the whole moment.
    later: int | None = None

    def set_period(self, period: Period) -> None:
        """Record a part of the day; two different ones contradict each other."""
        if self.in_range and self.end_clock is not None:
            if self.end_period not in (None, period):
                raise Reject(WhenErrorCode.UNPARSEABLE)
            self.end_period = period
            return
        if self.period not in (None, period):
            raise Reject(WhenErrorCode.UNPARSEABLE)
        self.period = period

    def set_clock(self, clock: Clock) -> None:
        """Record the time (or the range's end); another one means the text is not one moment."""
        if self.in_range:
            if self.end_clock is not None or self.clock is None:
                raise Reject(WhenErrorCode.UNPARSEABLE)
            self.end_clock = clock
            return
        if self.clock is not None:
            raise Reject(WhenErrorCode.UNPARSEABLE)
        self.clock = clock

    def set_date(self, date: DateParts | None, relative: Relative | None) -> None:
        """Record the date; a second one means the text is not one moment."""
        if self.date is not None or self.relative is not None:
            raise Reject(WhenErrorCode.UNPARSEABLE)
        self.date, self.relative = date, relative
        if relative is not None and relative.period is not None:
            self.set_period(relative.period)


def _parse(tokens: list[Token]) -> _Parsed:
    """Assign each token its role: date, weekday, time or part of the day."""
    parsed = _Parsed()
    # «۲۰ام آذر», «بیستم همین ماه»: the month says it is a day already.
    tokens = [
        token
        for token, following in zip(tokens, [*tokens[1:], None], strict=False)
        if not (isinstance(token, DayMark) and isinstance(following, Month | MonthOffset))
    ]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        after_clock = index > 0 and isinstance(tokens[index - 1], ClockWord)
        index += 1
        match token:
            case Number(digits) if isinstance(following, Month) and not after_clock:
                year = None
                index += 1
                if index < len(tokens):
                    match tokens[index]:
                        case Number(year_digits) if len(year_digits) == 4:
                            year = int(year_digits)
                            index += 1
                if len(digits) > 2:
                    raise Reject(WhenErrorCode.INVALID_DATE)
                parsed.set_date(DateParts(year, following.number, int(digits)), None)
            case Number(digits) if isinstance(following, MonthOffset) and not after_clock:
                index += 1
                if len(digits) > 2:
                    raise Reject(WhenErrorCode.INVALID_DATE)
                parsed.set_date(DateParts(None, 0, int(digits)), None)
                parsed.month_offset = following.offset
            case Number(digits) if isinstance(following, DayMark) and not after_clock:
                index += 1
                if len(digits) > 2:
                    raise Reject(WhenErrorCode.INVALID_DATE)
                parsed.set_date(DateParts(None, 0, int(digits)), None)
                parsed.month_unsaid = True
            case Number(digits):
                if len(digits) > 2:
                    raise Reject(WhenErrorCode.INVALID_TIME)
                padded = len(digits) == 2 and digits[0] == "0"
                parsed.set_clock(Clock(int(digits), 0, 0, padded))
            case Clock():
                parsed.set_clock(token)
            case DateParts():
                parsed.set_date(token, None)
            case Relative():
                parsed.set_date(None, token)
            case Later(minutes):
                if parsed.later is not None:
                    raise Reject(WhenErrorCode.UNPARSEABLE)
                parsed.later = minutes
            case Weekday(weekday):
                if parsed.weekday is not None:
                    raise Reject(WhenErrorCode.UNPARSEABLE)
                parsed.weekday = weekday
            case PeriodWord(period):
                parsed.set_period(period)
            case This():
                parsed.this = True
            case NextWeek():
                parsed.next_week = True
            case RangeWord():
                if parsed.in_range or parsed.clock is None:
                    raise Reject(WhenErrorCode.UNPARSEABLE)
                parsed.in_range = True
            case ClockWord() | DayMark():
                pass
            case Month() | MonthOffset():
                # A month with no day before it: "آذر ۲۰" is not a way dates are written.
                raise Reject(WhenErrorCode.UNPARSEABLE)
    if parsed.in_range and parsed.end_clock is None:
        raise Reject(WhenErrorCode.UNPARSEABLE)
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
        raise Reject(WhenErrorCode.UNPARSEABLE)
    if parsed.next_week and parsed.weekday is None:
        # "هفته بعد ساعت ۱۰": which day of it?
        raise Reject(WhenErrorCode.MISSING_DATE)
    if parsed.relative is not None:
        weeks = parsed.relative.weeks
        if weeks is not None and parsed.weekday is not None:
            # "دو هفته دیگه دوشنبه", "پنجشنبه این هفته": that weekday in that week.
            start = today - timedelta(days=jdatetime.date.fromgregorian(date=today).weekday())
            return start + timedelta(days=7 * weeks + parsed.weekday)
        if weeks == 0:
            raise Reject(WhenErrorCode.MISSING_DATE)  # "این هفته ساعت ۱۰": which day?
        return today + timedelta(days=parsed.relative.days)
    if parsed.date is None:
        if parsed.weekday is None:
            return None
        return _resolve_weekday(parsed, today)
    year, month, day = parsed.date.year, parsed.date.month, parsed.date.day
    jalali_today = jdatetime.date.fromgregorian(date=today)
    if parsed.month_unsaid:
        parsed.month_offset = 0 if day >= jalali_today.day else 1
    if parsed.month_offset is not None:
        months = jalali_today.year * 12 + jalali_today.month - 1 + parsed.month_offset
        year, month = divmod(months, 12)
        month += 1
    elif year is None:
        year = jalali_today.year
        if (month, day) < (jalali_today.month, jalali_today.day) and _soon_next_year(
            month, day, jalali_today
        ):
            year += 1
    elif 1900 <= year < 2200:
        raise Reject(WhenErrorCode.GREGORIAN_DATE)
    try:
        gregorian: date = jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError):
        raise Reject(WhenErrorCode.INVALID_DATE) from None
    if parsed.date.either and parsed.date.year is None and gregorian - today > SLIP_REACH:
        _ask_order(parsed.date, gregorian, jalali_today)
    return gregorian


def _ask_order(parts: DateParts, far: date, today: jdatetime.date) -> None:
    """ "۳/۱۰" read month first lands months away ("10 Khordad"): if day first is soon ("3 Dey",
    within `SLIP_REACH`), which was meant is asked, not guessed."""
    year = today.year
    if (parts.day, parts.month) < (today.month, today.day):
        year += 1
    try:
        near: date = jdatetime.date(year, parts.day, parts.month).togregorian()
    except ValueError:
        return
    if timedelta(0) <= near - today.togregorian() <= SLIP_REACH:
        raise Reject(WhenErrorCode.AMBIGUOUS_DATE, near, other=far)


def _soon_next_year(month: int, day: int, today: jdatetime.date) -> bool:
    """Whether a day already gone this year is meant next year: "۱۰ فروردین" typed in Esfand
    is, "۳ آذر" typed on 5 Azar is a slip, reported as past rather than moved a year ahead."""
    try:
        gone = today - jdatetime.date(today.year, month, day)
    except ValueError:  # 30 Esfand this year, in a common year: no such day
        return True
    return gone > SLIP_REACH


def _resolve_hour(hour: int, period: Period | None) -> int:
    """Return the 24-hour hour meant by hour said with a part of the day."""
    if period is None:
        return hour
    match period:
        case Period.AM if hour <= 12:
            return hour % 12
        case Period.PM if 1 <= hour <= 11:
            return hour + 12
        case Period.PM if hour >= 12:
            return hour
        case Period.MORNING if hour <= 11:
            return hour
        case Period.NOON if 1 <= hour <= 4:
            return hour + 12
        case Period.NOON if 11 <= hour <= 16:
            return hour
        case Period.NIGHT if 6 <= hour <= 11:
            return hour + 12
        case Period.NIGHT if hour >= 18:
            return hour
        # Midnight and the small hours "at night", or twelve "in the morning": the day they
        # belong to is anyone's guess.
        case Period.NIGHT | Period.MORNING if hour <= 5 or hour == 12:
            raise Reject(WhenErrorCode.AMBIGUOUS_TIME)
    raise Reject(WhenErrorCode.INVALID_TIME)


def _fits(hour: int, period: Period, parsed: _Parsed) -> bool:
    """Whether a range's start can take the part of the day said after its end."""
    try:
        start = _resolve_hour(hour, period)
    except Reject:
        return False
    end = parsed.end_clock
    try:
        return end is None or start < _resolve_hour(end.hour, period)
    except Reject:
        return True


def _check(clock: Clock) -> None:
    if clock.hour > 23 or clock.minute > 59 or clock.second > 59:
        raise Reject(WhenErrorCode.INVALID_TIME)


def _resolve_time(parsed: _Parsed, day: date | None, after: Clock | None = None) -> Clock | None:
    """Return the 24-hour time meant, or None if the text gave no time (day only names the
    day in the question asked back about an hour from 1 to 6). `after`: the start on the same
    day of an end typed alone."""
    clock = parsed.clock
    if clock is None:
        # "ظهر" alone names a time; "صبح" alone does not.
        return Clock(12, 0, 0) if parsed.period is Period.NOON else None
    _check(clock)
    if after is not None and parsed.period is None and not clock.padded:
        later = _first_after(clock, after)
        if later is not None:
            return later
    # "۴ تا ۶ عصر": the part of the day said once covers both ends, where it fits the start
    # and keeps it before the end ("۹ تا ۱۲ ظهر", "۱۰ تا ۲ بعدازظهر" start in the morning).
    period = parsed.period or parsed.end_period
    if parsed.period is None and period is not None and not _fits(clock.hour, period, parsed):
        period = None
    if period is None and 1 <= clock.hour <= 6 and not clock.padded:
        raise Reject(WhenErrorCode.AMBIGUOUS_HOUR, day, clock.hour)
    return Clock(_resolve_hour(clock.hour, period), clock.minute, clock.second)


def _first_after(clock: Clock, start: Clock) -> Clock | None:
    """The hour said, or twelve hours on, whichever comes first after `start`; None if
    neither does."""
    for hour in (clock.hour, clock.hour + 12) if 1 <= clock.hour <= 11 else (clock.hour,):
        if (hour, clock.minute) > (start.hour, start.minute):
            return Clock(hour, clock.minute, clock.second)
    return None


def _resolve_end(parsed: _Parsed, start: Clock) -> Clock | None:
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
    resolved = Clock(hour, end.minute, end.second)
    if (resolved.hour, resolved.minute) <= (start.hour, start.minute):
        raise Reject(WhenErrorCode.RANGE_ORDER)
    return resolved


def _instant(day: date, clock: Clock, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time, refusing one a DST gap skips."""
    local = datetime(day.year, day.month, day.day, clock.hour, clock.minute, clock.second)
    at = local.replace(tzinfo=tz).astimezone(UTC)
    if at.astimezone(tz).replace(tzinfo=None) != local:
        # The wall-clock time was skipped by a DST change: it never happens there that day.
        raise Reject(WhenErrorCode.INVALID_TIME)
    return at


def _moment(
    text: str, now: datetime, tz: ZoneInfo, default_day: date | None, after: datetime | None
) -> tuple[datetime, datetime | None]:
    """Return the UTC instant text names (and a range's end), or raise Reject saying why."""
    if len(text) > _MAX_LENGTH * 5:
        raise Reject(WhenErrorCode.UNPARSEABLE)
    normalised = normalise(text)
    if not normalised:
        raise Reject(WhenErrorCode.EMPTY)
    if len(normalised) > _MAX_LENGTH:
        raise Reject(WhenErrorCode.UNPARSEABLE)
    tokens = scan(normalised)
    if after is not None and tokens and isinstance(tokens[0], RangeWord):
        tokens = tokens[1:]  # an end typed alone: «تا ۱۸» is "until 18"
    parsed = _parse(tokens)
    if parsed == _Parsed():
        # Only fillers such as "ساعت".
        raise Reject(WhenErrorCode.UNPARSEABLE)
    if parsed.later is not None:
        # "۲ ساعت دیگه" names the whole moment: another date or time beside it contradicts it.
        if dataclasses.replace(parsed, later=None) != _Parsed():
            raise Reject(WhenErrorCode.UNPARSEABLE)
        return now.astimezone(UTC) + timedelta(minutes=parsed.later), None
    day = _resolve_date(parsed, now.astimezone(tz).date())
    if day is None and parsed.weekday is None:
        day = default_day
    start = after.astimezone(tz) if after is not None else None
    if start is not None and day == start.date():
        clock = _resolve_time(parsed, day, Clock(start.hour, start.minute, start.second))
    else:
        clock = _resolve_time(parsed, day)
    if day is None:
        raise Reject(WhenErrorCode.MISSING_DATE)
    if clock is None:
        # Never midnight by default: a broadcast at 00:00 is rarely what was meant.
        raise Reject(WhenErrorCode.MISSING_TIME, day)
    weekday = jdatetime.date.fromgregorian(date=day).weekday()
    if parsed.weekday not in (None, weekday):
        raise Reject(WhenErrorCode.WEEKDAY_MISMATCH)
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
    after: datetime | None = None,
) -> When | WhenError:
    """Return the UTC moment a Jalali date and local time in text names, or why it can't.

    `day` (a local date) is used when the text names only a time; `range_ok` accepts
    "۱۶ الی ۱۸" where the caller asks for a start and an end; `after` (aware) is the start
    of the end being asked for: "تا ۱۸" and "ساعت ۸" are read as an end (see above).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"naive datetime {now.isoformat()}: pass an aware datetime")
    try:
        at, end = _moment(text, now, tz, day, after)
    except Reject as rejection:
        return WhenError(rejection.code, rejection.day, rejection.hour, rejection.other)
    if end is not None and not range_ok:
        return WhenError(WhenErrorCode.RANGE)
    if at < now:
        return WhenError(WhenErrorCode.PAST)
    if at < now + min_ahead:
        return WhenError(WhenErrorCode.TOO_SOON)
    if max_ahead is not None and at > now + max_ahead:
        return WhenError(WhenErrorCode.TOO_FAR)
    return When(at, end)
