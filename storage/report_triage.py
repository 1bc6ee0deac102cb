"""The staff's side of problem reports: filtered lists, counts per cluster, re-categorising,
referring to an outside body and merging duplicates (records themselves: storage/reports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.queries import count, fetch_one
from storage.reports import _COLUMNS, OPEN_STATUSES, Report, _report


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """Which reports a staff list shows; `clusters` None means every cluster."""

    clusters: frozenset[str] | None = None
    statuses: tuple[str, ...] = OPEN_STATUSES
    category: str | None = None
    cluster: str | None = None
    created_before: str | None = None  # ISO UTC: "older than"
    outside_body: str | None = None  # the code of the body it was referred to


def _where(f: ReportFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if f.clusters is not None:
        clauses.append(f"cluster_code IN ({','.join('?' * len(f.clusters)) or 'NULL'})")
        params.extend(sorted(f.clusters))
    if f.statuses:
        clauses.append(f"status IN ({','.join('?' * len(f.statuses))})")
        params.extend(f.statuses)
    # Each narrowing a staff filter may set: one condition with one value, or no condition.
    for clause, value in (
        ("category = ?", f.category),
        ("cluster_code = ?", f.cluster),
        ("created_at < ?", f.created_before),
        ("outside_body = ?", f.outside_body),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


async def list_reports(
    db: aiosqlite.Connection, f: ReportFilter, limit: int, offset: int = 0
) -> tuple[list[Report], int]:
    """Reports matching a staff filter, oldest first (the longest-waiting on top), and a count."""
    where, params = _where(f)
    total = await count(db, f"SELECT COUNT(*) FROM reports{where}", *params)
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports{where} ORDER BY created_at, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ) as cursor:
        return [_report(r) for r in await cursor.fetchall()], total


async def _rows_for(
    db: aiosqlite.Connection, sql: str, report_ids: Sequence[int]
) -> list[aiosqlite.Row]:
    """The rows of `sql` for many reports in one query (a list page): each `{ids}` in it stands
    for the reports' ids. No reports, no rows."""
    if not report_ids:
        return []
    marks = ",".join("?" * len(report_ids))
    async with db.execute(
        sql.replace("{ids}", marks), list(report_ids) * sql.count("{ids}")
    ) as cursor:
        return list(await cursor.fetchall())


async def coreporter_counts(db: aiosqlite.Connection, report_ids: Sequence[int]) -> dict[int, int]:
    """Co-reporters per report, for many reports at once."""
    rows = await _rows_for(
        db,
        "SELECT report_id, COUNT(*) FROM report_coreporters WHERE report_id IN ({ids}) "
        "GROUP BY report_id",
        report_ids,
    )
    found = {int(r[0]): int(r[1]) for r in rows}
    return {i: found.get(i, 0) for i in report_ids}


async def first_staff_action(
    db: aiosqlite.Connection, report_ids: Sequence[int]
) -> dict[int, str]:
    """When staff first acted on each report (status change or reply), if they have."""
    rows = await _rows_for(
        db,
        "SELECT report_id, MIN(at) FROM report_events WHERE report_id IN ({ids}) "
        "AND actor LIKE 'staff:%' GROUP BY report_id",
        report_ids,
    )
    return {int(r[0]): str(r[1]) for r in rows}


async def set_category(
    db: aiosqlite.Connection, report_id: int, category: str, actor: str
) -> bool:
    """Re-categorise a report (recorded in its history); False if it was already that."""
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE reports SET category = ?, updated_at = ? WHERE id = ? AND category != ?",
            (category, now, report_id, category),
        )
        if cursor.rowcount != 1:
            return False
        await db.execute(
            "INSERT INTO report_events (report_id, at, actor, kind, text) "
            "VALUES (?, ?, ?, 'category', ?)",
            (report_id, now, actor, category),
        )
    return True


async def refer(db: aiosqlite.Connection, report_id: int, body: str, actor: str) -> str | None:
    """Name the outside body responsible; an open report becomes `referred`.

    Returns the status the report had if it moved to referred, else None.
    """
    now = now_iso()
    async with transaction(db):
        row = await fetch_one(db, "SELECT status FROM reports WHERE id = ?", (report_id,))
        if row is None:
            return None
        before = str(row[0])
        moved = before in ("new", "in_review")
        await db.execute(
            "UPDATE reports SET outside_body = ?, status = ?, updated_at = ? WHERE id = ?",
            (body, "referred" if moved else before, now, report_id),
        )
        await db.execute(
            "INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status, text) "
            "VALUES (?, ?, ?, 'referred', ?, ?, ?)",
            (report_id, now, actor, before, "referred" if moved else before, body),
        )
    return before if moved else None


async def units_by_cluster(db: aiosqlite.Connection, report_id: int) -> dict[str, int]:
    """How many members (the filer and co-reporters) from each cluster are on a report."""
    return (await units_by_cluster_many(db, [report_id])).get(report_id, {})


async def units_by_cluster_many(
    db: aiosqlite.Connection, report_ids: Sequence[int]
) -> dict[int, dict[str, int]]:
    """Units per cluster for many reports in one query (a list page), largest cluster first."""
    rows = await _rows_for(
        db,
        "SELECT p.report_id, m.cluster_code, COUNT(*) FROM ("
        "SELECT id AS report_id, member_id FROM reports WHERE id IN ({ids}) UNION "
        "SELECT report_id, member_id FROM report_coreporters WHERE report_id IN ({ids})"
        ") p JOIN members m ON m.id = p.member_id "
        "GROUP BY p.report_id, m.cluster_code "
        "ORDER BY p.report_id, COUNT(*) DESC, m.cluster_code",
        report_ids,
    )
    found: dict[int, dict[str, int]] = {}
    for row in rows:
        found.setdefault(int(row[0]), {})[str(row[1])] = int(row[2])
    return found


async def merge(db: aiosqlite.Connection, source_id: int, target_id: int, actor: str) -> bool:
    """Merge an open report into another: its members join the target; False if not possible."""
    now = now_iso()
    async with transaction(db):
        row = await fetch_one(
            db, "SELECT status, member_id FROM reports WHERE id = ?", (source_id,)
        )
        if row is None or row[0] not in OPEN_STATUSES or source_id == target_id:
            return False
        cursor = await db.execute(
            "UPDATE reports SET status = 'merged', merged_into = ?, updated_at = ? "
            "WHERE id = ? AND status = ?",
            (target_id, now, source_id, row[0]),
        )
        if cursor.rowcount != 1:
            return False
        # The source's filer and co-reporters follow the target from now on.
        await db.execute(
            "INSERT INTO report_coreporters (report_id, member_id, joined_at) "
            "SELECT ?, member_id, ? FROM (SELECT member_id FROM reports WHERE id = ? UNION "
            "SELECT member_id FROM report_coreporters WHERE report_id = ?) "
            "WHERE member_id != (SELECT member_id FROM reports WHERE id = ?) "
            "ON CONFLICT DO NOTHING",
            (target_id, now, source_id, source_id, target_id),
        )
        await db.executemany(
            "INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (source_id, now, actor, "status", row[0], "merged", str(target_id)),
                (target_id, now, actor, "merged_in", None, None, str(source_id)),
            ],
        )
    return True
