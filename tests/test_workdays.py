"""Tests for bot.services.workdays: working days, deadlines and the shipped holidays file."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jdatetime
import pytest

from bot.i18n import TEHRAN
from bot.services.workdays import (
    HOLIDAYS_PATH,
    Holidays,
    add_working_days,
    is_overdue,
    is_working_day,
)


@pytest.fixture(scope="module")
def holidays() -> Holidays:
    return Holidays.load(HOLIDAYS_PATH)


def tehran(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return the aware UTC instant of a Jalali date and Tehran wall-clock time."""
    gregorian = jdatetime.date(year, month, day).togregorian()
    local = datetime(gregorian.year, gregorian.month, gregorian.day, hour, minute, tzinfo=TEHRAN)
    return local.astimezone(UTC)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Wednesday afternoon + 2: Thursday and Friday are off, so Sunday afternoon.
        (tehran(1404, 7, 23, 15), 2, tehran(1404, 7, 27, 15)),
        (tehran(1404, 7, 23, 15), 1, tehran(1404, 7, 26, 15)),
        # Nowruz: 29 Esfand and 1–4 Farvardin are holidays, Thu/Fri off; next is Wed 5 Farvardin.
        (tehran(1404, 12, 27, 10), 1, tehran(1405, 1, 5, 10)),
        # Tasua and Ashura (Sat, Sun) after a Wednesday: the next working day is Monday.
        (tehran(1404, 4, 11, 9), 1, tehran(1404, 4, 16, 9)),
        # Made on a Friday: the clock starts Saturday 00:00; one day is all of Saturday.
        (tehran(1404, 7, 25, 11), 1, tehran(1404, 7, 27)),
        (tehran(1404, 7, 25, 11), 2, tehran(1404, 7, 28)),
        # Made on a Thursday, five days: Saturday to Wednesday, over when Wednesday ends.
        (tehran(1404, 7, 24, 20), 5, tehran(1404, 8, 1)),
        # Midnight starting a Wednesday: one working day is the whole Wednesday.
        (tehran(1404, 7, 23), 1, tehran(1404, 7, 24)),
        (tehran(1404, 7, 23, 15), 0, tehran(1404, 7, 23, 15)),
        # Nowruz on a zero-day target still waits for the next working day's start.
        (tehran(1405, 1, 1, 12), 0, tehran(1405, 1, 5)),
    ],
)
def test_add_working_days(start: datetime, days: int, due: datetime, holidays: Holidays) -> None:
    result = add_working_days(start, days, holidays, TEHRAN)
    assert result == due
    assert result.tzinfo is UTC


def test_add_working_days_zone_of_input_does_not_matter(holidays: Holidays) -> None:
    start = tehran(1404, 7, 23, 15)
    elsewhere = start.astimezone(TEHRAN)
    assert add_working_days(elsewhere, 2, holidays, TEHRAN) == tehran(1404, 7, 27, 15)


def test_add_working_days_uses_the_given_zone() -> None:
    # 22:00 UTC on Wednesday is already Thursday 01:30 in Tehran: off, so the clock waits.
    start = datetime(2025, 10, 15, 22, 0, tzinfo=UTC)
    assert add_working_days(start, 1, Holidays(), TEHRAN) == tehran(1404, 7, 27)
    # In UTC the same instant is Wednesday 22:00: due Saturday 22:00, Thursday and Friday skipped.
    utc = ZoneInfo("UTC")
    assert add_working_days(start, 1, Holidays(), utc) == datetime(2025, 10, 18, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "days"),
    [(datetime(2025, 10, 15, 15), 1), (tehran(1404, 7, 23, 15), -1)],
)
def test_add_working_days_rejects(start: datetime, days: int, holidays: Holidays) -> None:
    with pytest.raises(ValueError):
        add_working_days(start, days, holidays, TEHRAN)


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (tehran(1404, 7, 24, 9), False),  # Thursday: no working time has passed
        (tehran(1404, 7, 27, 14, 59), False),
        (tehran(1404, 7, 27, 15), False),  # exactly on time is not late
        (tehran(1404, 7, 27, 15) + timedelta(seconds=1), True),
        (tehran(1404, 7, 28, 9), True),
    ],
)
def test_is_overdue(now: datetime, overdue: bool, holidays: Holidays) -> None:
    created = tehran(1404, 7, 23, 15)  # Wednesday afternoon, two working days
    assert is_overdue(created, now, 2, holidays, TEHRAN) is overdue


def test_first_response_and_resolution_targets(holidays: Holidays) -> None:
    created = tehran(1404, 7, 23, 15)
    answered = tehran(1404, 7, 26, 10)  # Saturday morning: within 2 working days
    # Still unresolved on Wednesday 7 Aban at 09:00, nine working days and 18 hours later.
    now = tehran(1404, 8, 7, 9)
    assert not is_overdue(created, answered, 2, holidays, TEHRAN)
    assert is_overdue(created, now, 9, holidays, TEHRAN)
    assert not is_overdue(created, now, 10, holidays, TEHRAN)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 10, 18), True),  # Saturday
        (date(2025, 10, 15), True),  # Wednesday
        (date(2025, 10, 16), False),  # Thursday
        (date(2025, 10, 17), False),  # Friday
        (date(2025, 3, 24), False),  # Monday, 4 Farvardin 1404
        (date(2026, 2, 11), False),  # Wednesday, 22 Bahman 1404
    ],
)
def test_is_working_day(day: date, working: bool, holidays: Holidays) -> None:
    assert is_working_day(day, holidays) is working


def test_shipped_holidays_cover_1404_and_1405(holidays: Holidays) -> None:
    assert {1404, 1405} <= holidays.years
    for year in (1404, 1405):
        days = [d for d in holidays.names if jdatetime.date.fromgregorian(date=d).year == year]
        # About 26 holidays a year, fewer when lunar ones fall on Nowruz or on each other.
        assert 20 <= len(days) <= 30, (year, len(days))
        fixed = [(1, 1), (1, 2), (1, 3), (1, 4), (1, 12), (1, 13), (3, 14), (3, 15), (11, 22)]
        for month, day in [*fixed, (12, 29)]:
            assert jdatetime.date(year, month, day).togregorian() in holidays, (year, month, day)
    assert all(name.strip() for name in holidays.names.values())


def test_shipped_holidays_file_lines_are_valid_and_unique() -> None:
    lines = [
        line
        for line in HOLIDAYS_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "date,name_fa"
    dates = [line.split(",", 1)[0] for line in lines[1:]]
    assert all(re.fullmatch(r"14\d\d-\d\d-\d\d", d) for d in dates)
    assert len(dates) == len(set(dates))
    assert dates == sorted(dates)
    for text in dates:
        year, month, day = (int(part) for part in text.split("-"))
        jdatetime.date(year, month, day)  # raises on an impossible Jalali date


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "header"),
        ("day,name\n1404-01-01,x\n", 1, "header"),
        ("date,name_fa\n# ok\n1404-12-30,x\n", 3, "not a Jalali date"),  # 1404 is not leap
        ("date,name_fa\n1404-13-01,x\n", 2, "not a Jalali date"),
        ("date,name_fa\n14040101,x\n", 2, "1405-01-01"),
        ("date,name_fa\n2025-03-21,x\n", 2, "Gregorian"),
        ("date,name_fa\n1404-01-01,\n", 2, "no name"),
        ("date,name_fa\n1404-01-01,a,b\n", 2, "2 fields"),
        ("date,name_fa\n1404-01-01,a\n\n1404-01-01,b\n", 4, "line 2"),
    ],
)
def test_bad_holiday_lines_are_rejected(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"holidays.csv:{line}:")) as raised:
        Holidays.parse(text, source="holidays.csv")
    assert fragment in str(raised.value)


def test_load_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "holidays.csv"
    path.write_text("date,name_fa\n1404-07-31,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{path}:2:")):
        Holidays.load(path)


def test_parse_accepts_persian_digits_slashes_and_bom() -> None:
    holidays = Holidays.parse("\ufeffdate,name_fa\n۱۴۰۵/۰۱/۰۵,روز آزمایشی\n")
    assert holidays.names == {date(2026, 3, 25): "روز آزمایشی"}
    assert date(2026, 3, 25) in holidays
    assert len(holidays) == 1
