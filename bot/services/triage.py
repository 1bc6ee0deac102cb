"""Staff views of reports: overdue flags and rows for lists and exports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.services.workdays import Holidays, is_overdue
from bot.settings import Settings
from storage.clock import parse_iso
from storage.reports import OPEN_STATUSES, Report, first_staff_action


async def overdue(
    db: aiosqlite.Connection,
    reports: Sequence[Report],
    holidays: Holidays,
    settings: Settings,
    now: datetime,
) -> dict[int, bool]:
    """Which open reports missed their first-response or resolution target."""
    first = await first_staff_action(db, [r.id for r in reports])
    flags = {}
    for report in reports:
        if report.status not in OPEN_STATUSES:
            flags[report.id] = False
            continue
        created = parse_iso(report.created_at)
        answered = parse_iso(first[report.id]) if report.id in first else now
        late_answer = is_overdue(
            created, answered, settings.first_response_days, holidays, settings.tz
        )
        late_solution = is_overdue(created, now, settings.resolution_days, holidays, settings.tz)
        flags[report.id] = late_answer or late_solution
    return flags
