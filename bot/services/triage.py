"""Staff views of reports: overdue flags, and the outside bodies reports are referred to."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import aiosqlite

from bot.services.workdays import Holidays, is_overdue
from bot.settings import Settings
from storage.clock import parse_iso
from storage.report_triage import first_staff_action
from storage.reports import OPEN_STATUSES, Report


async def overdue(
    db: aiosqlite.Connection,
    reports: Sequence[Report],
    holidays: Holidays,
    settings: Settings,
    now: datetime,
) -> dict[int, bool]:
    """Which open reports had missed their first-response or resolution target by `now`.

    `now` may lie in the past (last week's digest figures): an answer given after it does not
    count, and `reports` should then carry the status they had at `now`.
    """
    first = await first_staff_action(db, [r.id for r in reports])
    flags = {}
    for report in reports:
        if report.status not in OPEN_STATUSES:
            flags[report.id] = False
            continue
        created = parse_iso(report.created_at)
        answered = min(parse_iso(first[report.id]), now) if report.id in first else now
        late_answer = is_overdue(
            created, answered, settings.first_response_days, holidays, settings.tz
        )
        late_solution = is_overdue(created, now, settings.resolution_days, holidays, settings.tz)
        flags[report.id] = late_answer or late_solution
    return flags


_CODE = re.compile(r"^[a-z0-9_]{1,20}$")


@dataclass(frozen=True, slots=True)
class OutsideBody:
    """A body outside the programme that a report can be referred to."""

    code: str
    name_fa: str
    name_en: str

    def name(self, lang: str) -> str:
        """The name in a staff member's language."""
        return self.name_en if lang == "en" and self.name_en else self.name_fa


def load_outside_bodies(path: Path) -> tuple[OutsideBody, ...]:
    """Read data/outside_bodies.csv (staff extend it); ValueError names a bad line."""
    lines = [
        (number, line)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.reader(line for _, line in lines))
    if not rows or [c.strip() for c in rows[0]][:3] != ["code", "name_fa", "name_en"]:
        raise ValueError(f"{path.name}: the first line must be code,name_fa,name_en")
    bodies, seen = [], set()
    for (number, _), row in zip(lines[1:], rows[1:], strict=True):
        code, name_fa, name_en = ([c.strip() for c in row] + ["", "", ""])[:3]
        if not _CODE.match(code) or code in seen or not name_fa:
            raise ValueError(f"{path.name}:{number}: bad or repeated entry {code!r}")
        seen.add(code)
        bodies.append(OutsideBody(code, name_fa, name_en or name_fa))
    return tuple(bodies)
