"""The Iranian week a digest covers (Saturday to Saturday, Tehran time) and when it is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import jdatetime

from bot.settings import Settings

SATURDAY = 5  # datetime.weekday()


@dataclass(frozen=True, slots=True)
class Week:
    """An Iranian week [start, end): Saturday 00:00 to the next Saturday 00:00 (local)."""

    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        """`1405-W10`: the Jalali year and the week's number in it (by its Saturday)."""
        saturday = jdatetime.date.fromgregorian(date=self.start.date())
        return f"{saturday.year}-W{(saturday.yday() - 1) // 7 + 1:02d}"

    @property
    def previous(self) -> Week:
        """The week before."""
        return Week(self.start - timedelta(days=7), self.start)


def week_of(moment: datetime, tz: ZoneInfo) -> Week:
    """The Iranian week `moment` falls in."""
    local = moment.astimezone(tz)
    saturday = local.date() - timedelta(days=(local.weekday() - SATURDAY) % 7)
    start = datetime.combine(saturday, time(0), tzinfo=tz)
    end = datetime.combine(saturday + timedelta(days=7), time(0), tzinfo=tz)
    return Week(start, end)


def reported_week(moment: datetime, tz: ZoneInfo) -> Week:
    """The last full week before `moment`: what a digest sent at `moment` is about."""
    return week_of(moment, tz).previous


def last_due(now: datetime, settings: Settings) -> datetime:
    """The most recent scheduled digest time at or before `now`."""
    tz = settings.tz
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=(local.weekday() - settings.digest_weekday) % 7)
    due = datetime.combine(day, settings.digest_time, tzinfo=tz)
    if due > local:
        due -= timedelta(days=7)
    return due
