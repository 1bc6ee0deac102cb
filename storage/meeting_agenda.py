"""Reports on a joint meeting's agenda by themselves (not through a proposal): adding one, the
decision on it (text, responsible body, due date), telling its members once, and the decisions
past their due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.clock import now_iso, parse_iso
from storage.db import transaction
from storage.outbox import utc_iso
from storage.queries import fetch_one


@dataclass(frozen=True, slots=True)
class AgendaReport:
    """A report on a meeting's agenda by itself, with the decision on it."""

    meeting_id: int
    report_id: int
    code: str
    summary: str
    cluster_code: str
    status: str
    agenda_order: int
    decision_text: str | None
    decision_body: str | None
    decision_due: datetime | None


_AGENDA_REPORT = (
    "SELECT a.meeting_id, a.report_id, r.code, r.summary, r.cluster_code, r.status, "
    "a.agenda_order, a.decision_text, a.decision_body, a.decision_due "
    "FROM meeting_reports a JOIN reports r ON r.id = a.report_id"
)


def _agenda_report(row: aiosqlite.Row) -> AgendaReport:
    return AgendaReport(*row[:9], decision_due=parse_iso(row[9]) if row[9] else None)  # type: ignore[misc]


async def add_report_to_agenda(
    db: aiosqlite.Connection, meeting_id: int, report_id: int, actor: str
) -> bool:
    """Put a report on the meeting's agenda, after every item there; False if it is there."""
    async with transaction(db):
        row = await fetch_one(
            db,
            "SELECT MAX(COALESCE((SELECT MAX(agenda_order) FROM proposals WHERE meeting_id = ?), "
            "0), COALESCE((SELECT MAX(agenda_order) FROM meeting_reports WHERE meeting_id = ?), "
            "0)) + 1",
            (meeting_id, meeting_id),
        )
        cursor = await db.execute(
            "INSERT OR IGNORE INTO meeting_reports (meeting_id, report_id, agenda_order, "
            "added_by, added_at) VALUES (?, ?, ?, ?, ?)",
            (meeting_id, report_id, int(row[0]) if row else 1, actor, now_iso()),
        )
    return cursor.rowcount == 1


async def agenda_reports(db: aiosqlite.Connection, meeting_id: int) -> list[AgendaReport]:
    """The reports on a meeting's agenda, in order."""
    async with db.execute(
        f"{_AGENDA_REPORT} WHERE a.meeting_id = ? ORDER BY a.agenda_order", (meeting_id,)
    ) as cursor:
        return [_agenda_report(row) for row in await cursor.fetchall()]


async def agenda_report(
    db: aiosqlite.Connection, meeting_id: int, report_id: int
) -> AgendaReport | None:
    """One report on one meeting's agenda."""
    row = await fetch_one(
        db, f"{_AGENDA_REPORT} WHERE a.meeting_id = ? AND a.report_id = ?", (meeting_id, report_id)
    )
    return _agenda_report(row) if row else None


async def decide_report(
    db: aiosqlite.Connection,
    meeting_id: int,
    report_id: int,
    text: str,
    body: str | None,
    due: datetime | None,
    actor: str,
) -> bool:
    """Record the meeting's decision on a report on its agenda (once); an open report named
    to a body is referred to it."""
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE meeting_reports SET decision_text = ?, decision_body = ?, decision_due = ?, "
            "decided_at = ? WHERE meeting_id = ? AND report_id = ? AND decided_at IS NULL",
            (text, body, utc_iso(due) if due else None, now, meeting_id, report_id),
        )
        if cursor.rowcount != 1:
            return False
        if body is not None:
            row = await fetch_one(
                db,
                "SELECT status FROM reports WHERE id = ? AND status IN "
                "('new', 'in_review', 'referred')",
                (report_id,),
            )
            if row is not None:
                await db.execute(
                    "UPDATE reports SET status = 'referred', outside_body = ?, updated_at = ? "
                    "WHERE id = ?",
                    (body, now, report_id),
                )
                await db.execute(
                    "INSERT INTO report_events (report_id, at, actor, kind, from_status, "
                    "to_status, text) VALUES (?, ?, ?, 'referred', ?, 'referred', ?)",
                    (report_id, now, actor, row[0], body),
                )
    return True


async def untold_report_items(db: aiosqlite.Connection) -> list[tuple[int, int, str]]:
    """(meeting, report, 'agenda' or 'decided') whose members were not told yet."""
    async with db.execute(
        "SELECT meeting_id, report_id, 'agenda' FROM meeting_reports WHERE agenda_told = 0 "
        "UNION ALL SELECT meeting_id, report_id, 'decided' FROM meeting_reports "
        "WHERE decided_at IS NOT NULL AND decision_told = 0"
    ) as cursor:
        return [(int(r[0]), int(r[1]), str(r[2])) for r in await cursor.fetchall()]


async def mark_report_item_told(
    db: aiosqlite.Connection, meeting_id: int, report_id: int, step: str
) -> None:
    """The report's members were told of this step (its notices are queued)."""
    column = "agenda_told" if step == "agenda" else "decision_told"
    async with transaction(db):
        await db.execute(
            f"UPDATE meeting_reports SET {column} = 1 WHERE meeting_id = ? AND report_id = ?",
            (meeting_id, report_id),
        )


async def overdue_report_decisions(db: aiosqlite.Connection, now: datetime) -> list[AgendaReport]:
    """Decisions on agenda reports past their due date while the report is still open."""
    async with db.execute(
        f"{_AGENDA_REPORT} WHERE a.decision_due IS NOT NULL AND a.decision_due < ? "
        "AND r.status IN ('new', 'in_review', 'referred') ORDER BY a.decision_due",
        (utc_iso(now),),
    ) as cursor:
        return [_agenda_report(row) for row in await cursor.fetchall()]
