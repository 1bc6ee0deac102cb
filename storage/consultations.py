"""Members' requests for advice (consultations): the request, its files and its history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.queries import count, fetch_one
from storage.reports import NewAttachment, unused_code
from storage.rows import from_row

# Seven digits: never the same as a report's six-digit code, so a code says which it is.
CODE_DIGITS = 7
OPEN_STATUSES = ("new", "taken", "answered")


@dataclass(frozen=True, slots=True)
class Consultation:
    """A stored request for advice."""

    id: int
    code: str
    member_id: int
    cluster_code: str
    platform: str
    core_id: int
    suggested_core: int | None
    summary: str
    question: str
    status: str
    owner: str | None
    taken_at: str | None
    first_answer_at: str | None
    phone_shared: bool
    report_id: int | None
    from_report_id: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class NewConsultation:
    """What the request form collects."""

    core_id: int
    suggested_core: int | None
    summary: str
    question: str
    attachments: Sequence[NewAttachment] = ()
    from_report_id: int | None = None


@dataclass(frozen=True, slots=True)
class ConsultationEvent:
    """One line of a request's history."""

    at: str
    actor: str
    kind: str
    text: str | None


def consultation_of_row(row: aiosqlite.Row) -> Consultation:
    return from_row(Consultation, row)


async def _by(db: aiosqlite.Connection, column: str, value: object) -> Consultation | None:
    row = await fetch_one(db, f"SELECT * FROM consultations WHERE {column} = ?", (value,))
    return consultation_of_row(row) if row else None


async def is_announced(db: aiosqlite.Connection, consultation_id: int) -> bool:
    """Whether the request's cards for its core's advisers were queued (see the migration
    0014 and storage/outbox_queue.py)."""
    row = await fetch_one(
        db, "SELECT announced FROM consultations WHERE id = ?", (consultation_id,)
    )
    return bool(row and row[0])


async def unannounced_consultations(db: aiosqlite.Connection, platform: str) -> list[Consultation]:
    """Requests asked on `platform` stored without their cards queued (a crash in between),
    oldest first."""
    async with db.execute(
        "SELECT * FROM consultations WHERE announced = 0 AND platform = ? ORDER BY id", (platform,)
    ) as c:
        return [consultation_of_row(row) for row in await c.fetchall()]


async def get_consultation(db: aiosqlite.Connection, consultation_id: int) -> Consultation | None:
    """The request with this id (callers check who may see it)."""
    return await _by(db, "id", consultation_id)


async def get_by_code(db: aiosqlite.Connection, code: str) -> Consultation | None:
    """The request with this tracking code (callers check who may see it)."""
    return await _by(db, "code", code)


async def create_consultation(
    db: aiosqlite.Connection,
    member_id: int,
    cluster_code: str,
    platform: str,
    new: NewConsultation,
    client_key: str,
    *,
    actor: str | None = None,
    history: Sequence[tuple[str, str, str, str | None]] = (),
) -> tuple[Consultation, bool]:
    """Store a request with its files and first event; return (request, created).

    Idempotent on `client_key`: a double tap on "send" finds the first request. `history`
    (at, actor, kind, text) is carried over from a report the request was made from.
    """
    found = await _by(db, "client_key", client_key)
    if found is not None:
        return found, False
    now = now_iso()
    async with transaction(db):
        code = await unused_code(db, "consultations", CODE_DIGITS)
        cursor = await db.execute(
            "INSERT INTO consultations (code, member_id, cluster_code, platform, core_id, "
            "suggested_core, summary, question, from_report_id, client_key, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (client_key) DO NOTHING",
            (
                code, member_id, cluster_code, platform, new.core_id,
                new.suggested_core, new.summary, new.question, new.from_report_id, client_key,
                now, now,
            ),
        )  # fmt: skip
        created = cursor.rowcount == 1
        if created:
            consultation_id = cursor.lastrowid
            await db.executemany(
                "INSERT INTO consultation_attachments (consultation_id, platform, kind, file_id, "
                "file_unique_id, file_name, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (consultation_id, platform, a.kind, a.file_id, a.file_unique_id, a.file_name,
                     now)
                    for a in new.attachments
                ],
            )  # fmt: skip
            await db.executemany(
                "INSERT INTO consultation_events (consultation_id, at, actor, kind, text) "
                "VALUES (?, ?, ?, ?, ?)",
                [(consultation_id, *event) for event in history]
                + [(consultation_id, now, actor or f"member:{member_id}", "asked", None)],
            )
    stored = await _by(db, "client_key", client_key)
    assert stored is not None
    return stored, created


async def log_event(
    db: aiosqlite.Connection,
    consultation_id: int,
    at: str,
    actor: str,
    kind: str,
    text: str | None = None,
) -> None:
    """One line of a request's history, inside the caller's transaction."""
    await db.execute(
        "INSERT INTO consultation_events (consultation_id, at, actor, kind, text) "
        "VALUES (?, ?, ?, ?, ?)",
        (consultation_id, at, actor, kind, text),
    )


# The open statuses as SQL, for statements with named parameters.
_OPEN_SQL = ", ".join(f"'{s}'" for s in OPEN_STATUSES)


async def change_once(
    db: aiosqlite.Connection,
    consultation_id: int,
    actor: str,
    kind: str,
    sql: str,
    text: str | None = None,
    **params: object,
) -> bool:
    """Run one conditional statement on a request and, only if it changed a row, log `kind`
    in its history, in one transaction: of two presses at once exactly one wins (True).

    The statement names :id (the request), :actor, :now and any `params`.
    """
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            sql, {"id": consultation_id, "actor": actor, "now": now, **params}
        )
        if cursor.rowcount != 1:
            return False
        await log_event(db, consultation_id, now, actor, kind, text)
        return True


async def add_event(
    db: aiosqlite.Connection, consultation_id: int, actor: str, kind: str, text: str | None
) -> None:
    """Append to a request's history."""
    now = now_iso()
    async with transaction(db):
        await log_event(db, consultation_id, now, actor, kind, text)
        await db.execute(
            "UPDATE consultations SET updated_at = ? WHERE id = ?", (now, consultation_id)
        )


async def history(db: aiosqlite.Connection, consultation_id: int) -> list[ConsultationEvent]:
    """A request's history, oldest first."""
    async with db.execute(
        "SELECT at, actor, kind, text FROM consultation_events WHERE consultation_id = ? "
        "ORDER BY at, id",
        (consultation_id,),
    ) as cursor:
        return [ConsultationEvent(*row) for row in await cursor.fetchall()]


async def take(db: aiosqlite.Connection, consultation_id: int, owner: str) -> bool:
    """The first adviser to take a request owns it: one conditional UPDATE, so of two
    advisers pressing at once exactly one wins (True for them)."""
    return await change_once(
        db, consultation_id, owner, "taken",
        "UPDATE consultations SET owner = :actor, status = 'taken', taken_at = :now, "
        "updated_at = :now WHERE id = :id AND owner IS NULL AND status = 'new'",
    )  # fmt: skip


async def answered(db: aiosqlite.Connection, consultation_id: int, actor: str, text: str) -> None:
    """An adviser's answer (relayed to the member): kept, and the first one timed."""
    now = now_iso()
    async with transaction(db):
        await log_event(db, consultation_id, now, actor, "reply", text)
        await db.execute(
            "UPDATE consultations SET status = CASE WHEN status IN ('new', 'taken') "
            "THEN 'answered' ELSE status END, first_answer_at = COALESCE(first_answer_at, ?), "
            "updated_at = ? WHERE id = ?",
            (now, now, consultation_id),
        )


async def hand_over(
    db: aiosqlite.Connection, consultation_id: int, core_id: int, actor: str
) -> bool:
    """Move an open request to another core, where it waits to be taken again (and for its
    cards there to be queued: unannounced until they are, so a crash in between leaves them
    to the catch-up at start)."""
    return await change_once(
        db, consultation_id, actor, "handed",
        "UPDATE consultations SET core_id = :core, owner = NULL, status = 'new', announced = 0, "
        f"updated_at = :now WHERE id = :id AND core_id != :core AND status IN ({_OPEN_SQL})",
        str(core_id), core=core_id,
    )  # fmt: skip


async def attachment_count(db: aiosqlite.Connection, consultation_id: int) -> int:
    """How many files came with a request."""
    return await count(
        db,
        "SELECT COUNT(*) FROM consultation_attachments WHERE consultation_id = ?",
        consultation_id,
    )


async def member_consultations(
    db: aiosqlite.Connection, member_id: int, limit: int = 10
) -> list[Consultation]:
    """A member's requests, newest first."""
    async with db.execute(
        "SELECT * FROM consultations WHERE member_id = ? ORDER BY id DESC LIMIT ?",
        (member_id, limit),
    ) as cursor:
        return [consultation_of_row(row) for row in await cursor.fetchall()]


async def close(db: aiosqlite.Connection, consultation_id: int, actor: str) -> bool:
    """The adviser is done with an open request (the member is then asked for a rating)."""
    return await change_once(
        db, consultation_id, actor, "closed",
        f"UPDATE consultations SET status = 'closed', updated_at = :now "
        f"WHERE id = :id AND status IN ({_OPEN_SQL})",
    )  # fmt: skip


async def rate(
    db: aiosqlite.Connection,
    consultation_id: int,
    score: int,
    actor: str,
    booking_id: int | None = None,
) -> bool:
    """«آیا این مشاوره کمکتان کرد؟»: once per request (and per session); False if rated."""
    return await change_once(
        db, consultation_id, actor, "rated",
        "INSERT INTO consultation_ratings (consultation_id, booking_id, score, rated_at) "
        "VALUES (:id, :booking, :score, :now) ON CONFLICT DO NOTHING",
        str(score), booking=booking_id, score=score,
    )  # fmt: skip


async def attachments_of(db: aiosqlite.Connection, consultation_id: int) -> list[NewAttachment]:
    """A request's files, as a report keeps them."""
    async with db.execute(
        "SELECT kind, file_id, file_unique_id, file_name FROM consultation_attachments "
        "WHERE consultation_id = ? ORDER BY id",
        (consultation_id,),
    ) as cursor:
        return [NewAttachment(*row) for row in await cursor.fetchall()]


# How a request's history reads in a report's (handlers/reports.py names these kinds):
# an adviser's answer is a staff reply, the member's answer a follow-up.
_AS_REPORT_EVENT = {"reply": "reply", "member": "follow_up"}


async def mark_turned_into_report(
    db: aiosqlite.Connection, consultation: Consultation, report_id: int, actor: str
) -> bool:
    """The request became this report: its history is copied into the report's (after the
    report's own "filed"), and the request closes as 'to_report'. False if already done."""
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE consultations SET status = 'to_report', report_id = ?, updated_at = ? "
            "WHERE id = ? AND report_id IS NULL",
            (report_id, now, consultation.id),
        )
        if cursor.rowcount != 1:
            return False
        async with db.execute(
            "SELECT at, actor, kind, text FROM consultation_events WHERE consultation_id = ? "
            "ORDER BY at, id",
            (consultation.id,),
        ) as events:
            rows = await events.fetchall()
        await db.executemany(
            "INSERT INTO report_events (report_id, at, actor, kind, text) VALUES (?, ?, ?, ?, ?)",
            [
                (report_id, r["at"], r["actor"], _AS_REPORT_EVENT.get(r["kind"], "consultation"),
                 r["text"] if r["kind"] in _AS_REPORT_EVENT else r["kind"])
                for r in rows
            ]
            + [(report_id, now, actor, "from_consultation", consultation.code)],
        )  # fmt: skip
        await log_event(db, consultation.id, now, actor, "to_report", str(report_id))
        return True


async def close_report_for_consultation(
    db: aiosqlite.Connection, report_id: int, status: str, code: str, actor: str
) -> None:
    """A report that became a request: closed, with the request's code in its history."""
    now = now_iso()
    async with transaction(db):
        await db.execute(
            "UPDATE reports SET status = 'closed', updated_at = ? WHERE id = ? AND status = ?",
            (now, report_id, status),
        )
        await db.executemany(
            "INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status, "
            "text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (report_id, now, actor, "to_consultation", None, None, code),
                (report_id, now, actor, "status", status, "closed", None),
            ],
        )


async def report_history(
    db: aiosqlite.Connection, report_id: int
) -> list[tuple[str, str, str, str | None]]:
    """A report's history as a request's events (at, actor, kind, text), to carry over."""
    async with db.execute(
        "SELECT at, actor, kind, text, to_status FROM report_events WHERE report_id = ? "
        "ORDER BY at, id",
        (report_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    return [
        (r["at"], r["actor"], f"report_{r['kind']}", r["text"] or r["to_status"]) for r in rows
    ]


async def share_phone(db: aiosqlite.Connection, consultation_id: int, actor: str) -> bool:
    """The member agreed to give their phone to the adviser for a call (once: True then)."""
    return await change_once(
        db, consultation_id, actor, "phone_shared",
        "UPDATE consultations SET phone_shared = 1, updated_at = :now "
        "WHERE id = :id AND phone_shared = 0",
    )  # fmt: skip


async def add_comment(
    db: aiosqlite.Connection, consultation_id: int, comment: str, actor: str
) -> bool:
    """The optional comment after a rating (on the latest rating still without one)."""
    return await change_once(
        db, consultation_id, actor, "comment",
        "UPDATE consultation_ratings SET comment = :comment WHERE id = (SELECT id FROM "
        "consultation_ratings WHERE consultation_id = :id AND comment IS NULL "
        "ORDER BY id DESC LIMIT 1)",
        comment, comment=comment,
    )  # fmt: skip


async def attachments_with_platform(
    db: aiosqlite.Connection, consultation_id: int
) -> list[tuple[str, NewAttachment]]:
    """A request's files with the platform each was sent on (its file id means something
    there only)."""
    async with db.execute(
        "SELECT platform, kind, file_id, file_unique_id, file_name FROM consultation_attachments "
        "WHERE consultation_id = ? ORDER BY id",
        (consultation_id,),
    ) as cursor:
        return [(row[0], NewAttachment(*row[1:])) for row in await cursor.fetchall()]
