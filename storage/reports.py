"""Problem reports, their co-reporters, attachments and history (the staff's lists, filters,
re-categorising, referring and merging are in storage/report_triage.py)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.queries import count, exists, fetch_one
from storage.rows import from_row

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
    return from_row(Report, row)


async def unused_code(
    db: aiosqlite.Connection, table: str = "reports", digits: int = CODE_DIGITS
) -> str:
    """A tracking code of `digits` digits no row of `table` has (reports; requests for advice).

    Random, not sequential: a code says nothing about how many rows exist. Lookups still
    check ownership, so a guessed code reveals nothing.
    """
    while True:
        code = str(10 ** (digits - 1) + secrets.randbelow(9 * 10 ** (digits - 1)))
        if not await exists(db, f"SELECT 1 FROM {table} WHERE code = ?", (code,)):
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
    row = await fetch_one(
        db, f"SELECT {_COLUMNS} FROM reports WHERE client_key = ?", (client_key,)
    )
    if row is not None:
        return _report(row), False
    now = now_iso()
    async with transaction(db):
        code = await unused_code(db)
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
    row = await fetch_one(
        db, f"SELECT {_COLUMNS} FROM reports WHERE client_key = ?", (client_key,)
    )
    assert row is not None
    return _report(row), created


async def get_by_code(db: aiosqlite.Connection, code: str) -> Report | None:
    """The report with this tracking code (callers check who may see it)."""
    row = await fetch_one(db, f"SELECT {_COLUMNS} FROM reports WHERE code = ?", (code,))
    return _report(row) if row else None


async def get_report(db: aiosqlite.Connection, report_id: int) -> Report | None:
    """The report with this id."""
    row = await fetch_one(db, f"SELECT {_COLUMNS} FROM reports WHERE id = ?", (report_id,))
    return _report(row) if row else None


async def is_party(db: aiosqlite.Connection, report: Report, member_id: int) -> bool:
    """True if the member filed the report or joined it."""
    if report.member_id == member_id:
        return True
    return await exists(
        db,
        "SELECT 1 FROM report_coreporters WHERE report_id = ? AND member_id = ?",
        (report.id, member_id),
    )


async def member_reports(
    db: aiosqlite.Connection, member_id: int, limit: int, offset: int = 0
) -> tuple[list[Report], int]:
    """A member's reports (filed or joined), newest first, and how many there are in all."""
    where = (
        "WHERE member_id = ? OR id IN "
        "(SELECT report_id FROM report_coreporters WHERE member_id = ?)"
    )
    total = await count(db, f"SELECT COUNT(*) FROM reports {where}", member_id, member_id)
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports {where} ORDER BY created_at DESC, id DESC "
        "LIMIT ? OFFSET ?",
        (member_id, member_id, limit, offset),
    ) as cursor:
        reports = [_report(r) for r in await cursor.fetchall()]
    return reports, total


async def open_in_category(
    db: aiosqlite.Connection,
    category: str,
    exclude_member: int,
    limit: int = 500,
    estate_code: str | None = None,
) -> list[Report]:
    """Open reports of one category that this member is not already party to (newest first);
    with `estate_code`, only those filed by members of that estate."""
    in_estate = "AND member_id IN (SELECT id FROM members WHERE estate_code = ?) "
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE category = ? AND status IN (?, ?, ?) "
        "AND member_id != ? AND id NOT IN "
        "(SELECT report_id FROM report_coreporters WHERE member_id = ?) "
        + (in_estate if estate_code is not None else "")
        + "ORDER BY created_at DESC LIMIT ?",
        (
            category,
            *OPEN_STATUSES,
            exclude_member,
            exclude_member,
            *([estate_code] if estate_code is not None else []),
            limit,
        ),
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
    row = await fetch_one(db, "SELECT announced FROM reports WHERE id = ?", (report_id,))
    return bool(row and row[0])


async def unannounced_reports(db: aiosqlite.Connection, platform: str) -> list[Report]:
    """Reports filed on `platform` (their member's, a deleted account's none) stored without
    their cards queued (a crash in between), oldest first."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE announced = 0 AND member_id IN "
        "(SELECT id FROM members WHERE platform = ? AND deleted_at IS NULL) ORDER BY id",
        (platform,),
    ) as cursor:
        return [_report(row) for row in await cursor.fetchall()]


async def card_message(
    db: aiosqlite.Connection, platform: str, chat_id: int, report_id: int
) -> int | None:
    """The first message about a report in one chat (its card), if it was sent."""
    row = await fetch_one(
        db,
        "SELECT MIN(message_id) FROM report_messages WHERE platform = ? AND chat_id = ? "
        "AND report_id = ?",
        (platform, chat_id, report_id),
    )
    return int(row[0]) if row and row[0] is not None else None


async def coreporter_count(db: aiosqlite.Connection, report_id: int) -> int:
    """How many other members said "me too"."""
    return await count(
        db, "SELECT COUNT(*) FROM report_coreporters WHERE report_id = ?", report_id
    )


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
    row = await fetch_one(
        db,
        f"SELECT {_COLUMNS} FROM reports WHERE id = (SELECT report_id FROM report_messages "
        "WHERE platform = ? AND chat_id = ? AND message_id = ?)",
        (platform, chat_id, message_id),
    )
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
