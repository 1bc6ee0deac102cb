# Over 500 lines: reports' SQL with co-reporters, files and history; next to split if it grows.
"""Problem reports, their co-reporters, attachments and history."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction

CODE_DIGITS = 6
OPEN_STATUSES = ("new", "in_review", "referred")

_COLUMNS = (
    "id, code, member_id, cluster_code, category, suggested, urgent, summary, description, "
    "status, outside_body, assignee, merged_into, satisfaction, created_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class Report:
    """A stored report."""

    id: int
    code: str
    member_id: int
    cluster_code: str
    category: str
    suggested: str
    urgent: bool
    summary: str
    description: str
    status: str
    outside_body: str | None
    assignee: str | None
    merged_into: int | None
    satisfaction: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class NewAttachment:
    """A file a member attached (file ids only mean something on their platform)."""

    kind: str
    file_id: str
    file_unique_id: str
    file_name: str | None = None


@dataclass(frozen=True, slots=True)
class NewReport:
    """What the report form collects."""

    category: str
    suggested: str
    urgent: bool
    summary: str
    description: str
    attachments: Sequence[NewAttachment] = ()


@dataclass(frozen=True, slots=True)
class ReportEvent:
    """One line of a report's history."""

    at: str
    actor: str
    kind: str
    from_status: str | None
    to_status: str | None
    text: str | None


def _report(row: aiosqlite.Row) -> Report:
    return Report(
        id=row["id"],
        code=row["code"],
        member_id=row["member_id"],
        cluster_code=row["cluster_code"],
        category=row["category"],
        suggested=row["suggested"],
        urgent=bool(row["urgent"]),
        summary=row["summary"],
        description=row["description"],
        status=row["status"],
        outside_body=row["outside_body"],
        assignee=row["assignee"],
        merged_into=row["merged_into"],
        satisfaction=row["satisfaction"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def _unused_code(db: aiosqlite.Connection) -> str:
    # Random, not sequential: a code says nothing about how many reports exist. Lookups still
    # check ownership, so a guessed code reveals nothing.
    while True:
        code = str(10 ** (CODE_DIGITS - 1) + secrets.randbelow(9 * 10 ** (CODE_DIGITS - 1)))
        async with db.execute("SELECT 1 FROM reports WHERE code = ?", (code,)) as cursor:
            if await cursor.fetchone() is None:
                return code


async def create_report(
    db: aiosqlite.Connection,
    member_id: int,
    cluster_code: str,
    platform: str,
    new: NewReport,
    client_key: str,
) -> tuple[Report, bool]:
    """Store a report with its attachments and first event; return (report, created).

    Idempotent on `client_key` (one per confirmed draft): a double tap on "confirm" finds the
    first report instead of filing a second.
    """
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE client_key = ?", (client_key,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is not None:
        return _report(row), False
    now = now_iso()
    async with transaction(db):
        code = await _unused_code(db)
        cursor = await db.execute(
            "INSERT INTO reports (code, member_id, cluster_code, category, suggested, urgent, "
            "summary, description, client_key, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_key) DO NOTHING",
            (
                code, member_id, cluster_code, new.category, new.suggested, int(new.urgent),
                new.summary, new.description, client_key, now, now,
            ),
        )  # fmt: skip
        created = cursor.rowcount == 1
        if created:
            report_id = cursor.lastrowid
            await db.executemany(
                "INSERT INTO report_attachments (report_id, platform, kind, file_id, "
                "file_unique_id, file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (report_id, platform, a.kind, a.file_id, a.file_unique_id, a.file_name,
                     member_id, now)
                    for a in new.attachments
                ],
            )  # fmt: skip
            await db.execute(
                "INSERT INTO report_events (report_id, at, actor, kind, to_status) "
                "VALUES (?, ?, ?, 'filed', 'new')",
                (report_id, now, f"member:{member_id}"),
            )
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE client_key = ?", (client_key,)
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return _report(row), created


async def get_by_code(db: aiosqlite.Connection, code: str) -> Report | None:
    """The report with this tracking code (callers check who may see it)."""
    async with db.execute(f"SELECT {_COLUMNS} FROM reports WHERE code = ?", (code,)) as cursor:
        row = await cursor.fetchone()
    return _report(row) if row else None


async def get_report(db: aiosqlite.Connection, report_id: int) -> Report | None:
    """The report with this id."""
    async with db.execute(f"SELECT {_COLUMNS} FROM reports WHERE id = ?", (report_id,)) as cursor:
        row = await cursor.fetchone()
    return _report(row) if row else None


async def is_party(db: aiosqlite.Connection, report: Report, member_id: int) -> bool:
    """True if the member filed the report or joined it."""
    if report.member_id == member_id:
        return True
    async with db.execute(
        "SELECT 1 FROM report_coreporters WHERE report_id = ? AND member_id = ?",
        (report.id, member_id),
    ) as cursor:
        return await cursor.fetchone() is not None


async def member_reports(
    db: aiosqlite.Connection, member_id: int, limit: int, offset: int = 0
) -> tuple[list[Report], int]:
    """A member's reports (filed or joined), newest first, and how many there are in all."""
    where = (
        "WHERE member_id = ? OR id IN "
        "(SELECT report_id FROM report_coreporters WHERE member_id = ?)"
    )
    async with db.execute(f"SELECT COUNT(*) FROM reports {where}", (member_id, member_id)) as c:
        row = await c.fetchone()
    total = int(row[0]) if row else 0
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports {where} ORDER BY created_at DESC, id DESC "
        "LIMIT ? OFFSET ?",
        (member_id, member_id, limit, offset),
    ) as cursor:
        reports = [_report(r) for r in await cursor.fetchall()]
    return reports, total


async def open_in_category(
    db: aiosqlite.Connection, category: str, exclude_member: int, limit: int = 500
) -> list[Report]:
    """Open reports of one category that this member is not already party to (newest first)."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE category = ? AND status IN (?, ?, ?) "
        "AND member_id != ? AND id NOT IN "
        "(SELECT report_id FROM report_coreporters WHERE member_id = ?) "
        "ORDER BY created_at DESC LIMIT ?",
        (category, *OPEN_STATUSES, exclude_member, exclude_member, limit),
    ) as cursor:
        return [_report(r) for r in await cursor.fetchall()]


async def join_report(
    db: aiosqlite.Connection, report_id: int, member_id: int, text: str | None = None
) -> bool:
    """Add a co-reporter ("me too") to an open report, keeping what they wrote for staff.

    False if they were already on it or the report is no longer open (checked in the same
    statement, so a report closed a moment ago cannot be joined).
    """
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "INSERT INTO report_coreporters (report_id, member_id, joined_at) "
            "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM reports WHERE id = ? "
            "AND status IN (?, ?, ?)) ON CONFLICT DO NOTHING",
            (report_id, member_id, now, report_id, *OPEN_STATUSES),
        )
        joined = cursor.rowcount == 1
        if joined:
            await db.execute(
                "INSERT INTO report_events (report_id, at, actor, kind, text) "
                "VALUES (?, ?, ?, 'joined', ?)",
                (report_id, now, f"member:{member_id}", text),
            )
    return joined


async def is_announced(db: aiosqlite.Connection, report_id: int) -> bool:
    """Whether the report's cards for staff were queued (storage/outbox_queue.py)."""
    async with db.execute("SELECT announced FROM reports WHERE id = ?", (report_id,)) as cursor:
        row = await cursor.fetchone()
    return bool(row and row[0])


async def unannounced_reports(db: aiosqlite.Connection) -> list[Report]:
    """Reports stored without their cards queued (a crash in between), oldest first."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE announced = 0 ORDER BY id"
    ) as cursor:
        return [_report(row) for row in await cursor.fetchall()]


async def card_message(
    db: aiosqlite.Connection, platform: str, chat_id: int, report_id: int
) -> int | None:
    """The first message about a report in one chat (its card), if it was sent."""
    async with db.execute(
        "SELECT MIN(message_id) FROM report_messages WHERE platform = ? AND chat_id = ? "
        "AND report_id = ?",
        (platform, chat_id, report_id),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


async def coreporter_count(db: aiosqlite.Connection, report_id: int) -> int:
    """How many other members said "me too"."""
    async with db.execute(
        "SELECT COUNT(*) FROM report_coreporters WHERE report_id = ?", (report_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def history(db: aiosqlite.Connection, report_id: int) -> list[ReportEvent]:
    """A report's events, oldest first."""
    async with db.execute(
        "SELECT at, actor, kind, from_status, to_status, text FROM report_events "
        "WHERE report_id = ? ORDER BY at, id",
        (report_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    return [ReportEvent(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]


async def remember_message(
    db: aiosqlite.Connection, platform: str, chat_id: int, message_id: int, report_id: int
) -> None:
    """Note that a staff-facing message is about a report (for replies to it)."""
    async with transaction(db):
        await db.execute(
            "INSERT INTO report_messages (platform, chat_id, message_id, report_id) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (platform, chat_id, message_id, report_id),
        )


async def report_of_message(
    db: aiosqlite.Connection, platform: str, chat_id: int, message_id: int
) -> Report | None:
    """The report a staff-facing message is about, if it is one of ours."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE id = (SELECT report_id FROM report_messages "
        "WHERE platform = ? AND chat_id = ? AND message_id = ?)",
        (platform, chat_id, message_id),
    ) as cursor:
        row = await cursor.fetchone()
    return _report(row) if row else None


async def parties(db: aiosqlite.Connection, report_id: int) -> list[int]:
    """Member ids to tell about a report: who filed it, then who joined it."""
    async with db.execute(
        "SELECT member_id FROM reports WHERE id = ? UNION ALL "
        "SELECT member_id FROM (SELECT member_id FROM report_coreporters WHERE report_id = ? "
        "ORDER BY joined_at)",
        (report_id, report_id),
    ) as cursor:
        return [int(r[0]) for r in await cursor.fetchall()]


async def change_status(
    db: aiosqlite.Connection,
    report_id: int,
    expected: str,
    to_status: str,
    actor: str,
    assignee: str | None = None,
) -> bool:
    """Move a report from `expected` to `to_status` (and record who); False if it had moved.

    The status is compared in the UPDATE itself, so two staff pressing at once cannot both
    apply a change meant for the old status.
    """
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE reports SET status = ?, assignee = COALESCE(?, assignee), updated_at = ? "
            "WHERE id = ? AND status = ?",
            (to_status, assignee, now, report_id, expected),
        )
        if cursor.rowcount != 1:
            return False
        await db.execute(
            "INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status) "
            "VALUES (?, ?, ?, 'status', ?, ?)",
            (report_id, now, actor, expected, to_status),
        )
    return True


async def add_event(
    db: aiosqlite.Connection, report_id: int, actor: str, kind: str, text: str | None
) -> None:
    """Record a reply, a follow-up or another event without a status change."""
    now = now_iso()
    async with transaction(db):
        await db.execute(
            "INSERT INTO report_events (report_id, at, actor, kind, text) VALUES (?, ?, ?, ?, ?)",
            (report_id, now, actor, kind, text),
        )
        await db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", (now, report_id))


async def card_messages(
    db: aiosqlite.Connection, platform: str, report_id: int
) -> list[tuple[int, int]]:
    """(chat id, message id) of the first staff message about a report in each chat."""
    async with db.execute(
        "SELECT chat_id, MIN(message_id) FROM report_messages WHERE platform = ? "
        "AND report_id = ? GROUP BY chat_id ORDER BY chat_id",
        (platform, report_id),
    ) as cursor:
        return [(int(r[0]), int(r[1])) for r in await cursor.fetchall()]


async def add_attachment(
    db: aiosqlite.Connection,
    report_id: int,
    platform: str,
    attachment: NewAttachment,
    member_id: int,
) -> None:
    """A file added to a report after it was filed."""
    async with transaction(db):
        await db.execute(
            "INSERT INTO report_attachments (report_id, platform, kind, file_id, "
            "file_unique_id, file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report_id, platform, attachment.kind, attachment.file_id,
                attachment.file_unique_id, attachment.file_name, member_id, now_iso(),
            ),
        )  # fmt: skip


async def rate(db: aiosqlite.Connection, report_id: int, score: int, actor: str) -> bool:
    """Record the member's 1–5 satisfaction and close a resolved report; False if not resolved."""
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE reports SET satisfaction = ?, status = 'closed', updated_at = ? "
            "WHERE id = ? AND status = 'resolved'",
            (score, now, report_id),
        )
        if cursor.rowcount != 1:
            return False
        await db.execute(
            "INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status, text) "
            "VALUES (?, ?, ?, 'status', 'resolved', 'closed', ?)",
            (report_id, now, actor, str(score)),
        )
    return True


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
    if f.category is not None:
        clauses.append("category = ?")
        params.append(f.category)
    if f.cluster is not None:
        clauses.append("cluster_code = ?")
        params.append(f.cluster)
    if f.created_before is not None:
        clauses.append("created_at < ?")
        params.append(f.created_before)
    if f.outside_body is not None:
        clauses.append("outside_body = ?")
        params.append(f.outside_body)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


async def list_reports(
    db: aiosqlite.Connection, f: ReportFilter, limit: int, offset: int = 0
) -> tuple[list[Report], int]:
    """Reports matching a staff filter, oldest first (the longest-waiting on top), and a count."""
    where, params = _where(f)
    async with db.execute(f"SELECT COUNT(*) FROM reports{where}", params) as cursor:
        row = await cursor.fetchone()
    total = int(row[0]) if row else 0
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports{where} ORDER BY created_at, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ) as cursor:
        return [_report(r) for r in await cursor.fetchall()], total


async def coreporter_counts(db: aiosqlite.Connection, report_ids: Sequence[int]) -> dict[int, int]:
    """Co-reporters per report, for many reports at once."""
    if not report_ids:
        return {}
    marks = ",".join("?" * len(report_ids))
    async with db.execute(
        f"SELECT report_id, COUNT(*) FROM report_coreporters WHERE report_id IN ({marks}) "
        "GROUP BY report_id",
        list(report_ids),
    ) as cursor:
        found = {int(r[0]): int(r[1]) for r in await cursor.fetchall()}
    return {i: found.get(i, 0) for i in report_ids}


async def first_staff_action(
    db: aiosqlite.Connection, report_ids: Sequence[int]
) -> dict[int, str]:
    """When staff first acted on each report (status change or reply), if they have."""
    if not report_ids:
        return {}
    marks = ",".join("?" * len(report_ids))
    async with db.execute(
        f"SELECT report_id, MIN(at) FROM report_events WHERE report_id IN ({marks}) "
        "AND actor LIKE 'staff:%' GROUP BY report_id",
        list(report_ids),
    ) as cursor:
        return {int(r[0]): str(r[1]) for r in await cursor.fetchall()}


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
        async with db.execute("SELECT status FROM reports WHERE id = ?", (report_id,)) as c:
            row = await c.fetchone()
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
    if not report_ids:
        return {}
    marks = ",".join("?" * len(report_ids))
    async with db.execute(
        "SELECT p.report_id, m.cluster_code, COUNT(*) FROM ("
        f"SELECT id AS report_id, member_id FROM reports WHERE id IN ({marks}) UNION "
        f"SELECT report_id, member_id FROM report_coreporters WHERE report_id IN ({marks})"
        ") p JOIN members m ON m.id = p.member_id "
        "GROUP BY p.report_id, m.cluster_code "
        "ORDER BY p.report_id, COUNT(*) DESC, m.cluster_code",
        [*report_ids, *report_ids],
    ) as cursor:
        found: dict[int, dict[str, int]] = {}
        for row in await cursor.fetchall():
            found.setdefault(int(row[0]), {})[str(row[1])] = int(row[2])
    return found


async def merge(db: aiosqlite.Connection, source_id: int, target_id: int, actor: str) -> bool:
    """Merge an open report into another: its members join the target; False if not possible."""
    now = now_iso()
    async with transaction(db):
        async with db.execute(
            "SELECT status, member_id FROM reports WHERE id = ?", (source_id,)
        ) as cursor:
            row = await cursor.fetchone()
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
