"""Working days and deadlines: "first answer within N working days" for reports.

Working days are Saturday to Wednesday, local time (Asia/Tehran by default), except the public
holidays listed in data/holidays.csv: Thursday and Friday are off in government offices and
most of industry.

The rule: a deadline N working days after a moment is reached when N whole days of *working-day
time* have passed, counting only hours that fall on working days. So

- a report made on a working day at 15:00 is due at 15:00 on the Nth working day after it
  (Wednesday 15:00 + 2 → Sunday 15:00, Thursday and Friday skipped);
- a report made on a day off starts the clock at 00:00 of the next working day, and is due when
  the Nth working day from there, that one included, has ended (Friday + 1 → end of Saturday,
  that is Sunday 00:00);
- a report is overdue once the deadline has passed with no answer: `is_overdue(created, t, N)`
  with t the time of the answer, or now while there is none. Being exactly on time is not late.

For anyone answering on a working day this is the same as "same time of day, N working days
later"; it only differs in saying a deadline that runs out at the end of Wednesday is missed on
Thursday already, rather than on Saturday morning.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jdatetime

from bot.settings import PROJECT_ROOT
from bot.text import fold_digits

__all__ = [
    "HOLIDAYS_PATH",
    "Holidays",
    "OffDay",
    "add_working_days",
    "is_overdue",
    "is_working_day",
    "off_day",
]

HOLIDAYS_PATH = PROJECT_ROOT / "data" / "holidays.csv"
COLUMNS = ("date", "name_fa")

# Python's weekday(): Monday is 0, so Thursday is 3 and Friday 4.
WEEKEND = frozenset({3, 4})

# Staff may type 1405/01/01 or Persian digits in a spreadsheet; both mean the same day.
_JALALI = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_YEARS = (1300, 1600)
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Holidays:
    """Public holidays as Gregorian dates, with the names staff gave them."""

    names: Mapping[date, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = HOLIDAYS_PATH) -> Holidays:
        """Read a holidays CSV (`date,name_fa`, Jalali dates); errors name the file and line."""
        return cls.parse(path.read_text(encoding="utf-8"), source=str(path))

    @classmethod
    def parse(cls, text: str, source: str = "<holidays>") -> Holidays:
        """Parse holidays CSV text; raise ValueError naming the line of the first bad row."""
        numbered = [
            (number, line)
            for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
        rows = list(csv.reader(line for _, line in numbered))
        if not rows or tuple(f.strip().lower() for f in rows[0]) != COLUMNS:
            first = numbered[0][0] if numbered else 1
            raise ValueError(f"{source}:{first}: the header must be {','.join(COLUMNS)}")
        names: dict[date, str] = {}
        lines: dict[date, int] = {}
        for (number, _), row in zip(numbered[1:], rows[1:], strict=True):
            where = f"{source}:{number}"
            if len(row) != len(COLUMNS):
                raise ValueError(f"{where}: expected 2 fields (date,name_fa), got {len(row)}")
            raw, name = row[0].strip(), row[1].strip()
            day = _jalali_to_gregorian(raw, where)
            if not name:
                raise ValueError(f"{where}: the holiday on {raw} has no name")
            if day in names:
                raise ValueError(
                    f"{where}: {raw} is already listed on line {lines[day]}; "
                    "put both occasions on one line"
                )
            names[day] = name
            lines[day] = number
        return cls(names)

    def __contains__(self, day: object) -> bool:
        return day in self.names

    def __len__(self) -> int:
        return len(self.names)

    @property
    def years(self) -> frozenset[int]:
        """Return the Jalali years that have at least one holiday listed."""
        # Lets start-up warn when the file has nothing for the current year yet.
        return frozenset(jdatetime.date.fromgregorian(date=day).year for day in self.names)


def _jalali_to_gregorian(raw: str, where: str) -> date:
    """Return the Gregorian date of a Jalali `YYYY-MM-DD`, or raise naming where it was."""
    match = _JALALI.match(fold_digits(raw))
    if match is None:
        raise ValueError(f"{where}: {raw!r} is not a Jalali date written like 1405-01-01")
    year, month, day = (int(part) for part in match.groups())
    # jdatetime happily accepts year 2025, so a Gregorian date typed by mistake would silently
    # become a day six centuries from now.
    if not _YEARS[0] <= year <= _YEARS[1]:
        raise ValueError(f"{where}: {raw!r} looks Gregorian; write the Jalali date (1405-01-01)")
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError as error:
        raise ValueError(f"{where}: {raw!r} is not a Jalali date: {error}") from None


def is_working_day(day: date, holidays: Holidays) -> bool:
    """Return whether day (a local calendar date) is Saturday–Wednesday and not a holiday."""
    return day.weekday() not in WEEKEND and day not in holidays


def add_working_days(start: datetime, days: int, holidays: Holidays, tz: ZoneInfo) -> datetime:
    """Return the deadline `days` working days after start, in UTC (see the module's rule)."""
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError(f"naive datetime {start.isoformat()}: pass an aware datetime")
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    # Walk in local wall-clock time, so "15:00 on Sunday" stays 15:00 even across an offset
    # change; only the final answer is tied back to the zone.
    cursor = start.astimezone(tz).replace(tzinfo=None)
    remaining = timedelta(days=days)
    while True:
        day_end = datetime.combine(cursor.date() + _DAY, time())
        if is_working_day(cursor.date(), holidays):
            if remaining <= day_end - cursor:
                local = cursor + remaining
                break
            remaining -= day_end - cursor
        cursor = day_end
    return local.replace(tzinfo=tz).astimezone(UTC)


def is_overdue(
    created: datetime, now: datetime, days: int, holidays: Holidays, tz: ZoneInfo
) -> bool:
    """Return whether `days` working days after created have run out by now."""
    return now > add_working_days(created, days, holidays, tz)


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
