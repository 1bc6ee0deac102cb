"""Proposals: their evidence, members' supports, status changes (each told once), and their
place on joint meetings' agendas. Reports put on an agenda by themselves are in
storage/meeting_agenda.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import aiosqlite

from storage.clock import now_iso, parse_iso
from storage.db import transaction
from storage.outbox import utc_iso
from storage.queries import Params, changed_one, exists, fetch_all, fetch_one, insert_once

STATUSES = ("draft", "open", "agenda", "decided", "done")
DECISIONS = ("accepted", "partial", "rejected", "referred")
EVIDENCE_KINDS = ("report", "survey", "topic")


@dataclass(frozen=True, slots=True)
class Proposal:
    """A stored proposal with its clusters and evidence."""

    id: int
    title: str
    problem: str
    solution: str
    body: str | None
    status: str
    meeting_id: int | None
    agenda_order: int | None
    decision: str | None
    decision_text: str | None
    decision_body: str | None
    decision_due: datetime | None
    created_by: str
    clusters: tuple[str, ...]
    reports: tuple[int, ...] = ()
    surveys: tuple[int, ...] = ()
    topics: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class NewProposal:
    """What a composer confirmed."""

    title: str
    problem: str
    solution: str
    body: str | None
    clusters: tuple[str, ...]
    created_by: str
    dedupe_key: str
    reports: tuple[int, ...] = ()
    surveys: tuple[int, ...] = ()
    topics: tuple[int, ...] = ()


_COLUMNS = (
    "id, title, problem, solution, body, status, meeting_id, agenda_order, decision, "
    "decision_text, decision_body, decision_due, created_by"
)


async def _proposal(db: aiosqlite.Connection, row: aiosqlite.Row) -> Proposal:
    async with db.execute(
        "SELECT cluster_code FROM proposal_clusters WHERE proposal_id = ? ORDER BY cluster_code",
        (row[0],),
    ) as cursor:
        clusters = tuple(str(r[0]) for r in await cursor.fetchall())
    evidence: dict[str, list[int]] = {kind: [] for kind in EVIDENCE_KINDS}
    async with db.execute(
        "SELECT kind, ref_id FROM proposal_evidence WHERE proposal_id = ? ORDER BY kind, ref_id",
        (row[0],),
    ) as cursor:
        for kind, ref in await cursor.fetchall():
            evidence[str(kind)].append(int(ref))
    return Proposal(
        id=row[0],
        title=row[1],
        problem=row[2],
        solution=row[3],
        body=row[4],
        status=row[5],
        meeting_id=row[6],
        agenda_order=row[7],
        decision=row[8],
        decision_text=row[9],
        decision_body=row[10],
        decision_due=parse_iso(row[11]) if row[11] else None,
        created_by=row[12],
        clusters=clusters,
        reports=tuple(evidence["report"]),
        surveys=tuple(evidence["survey"]),
        topics=tuple(evidence["topic"]),
    )


async def create_proposal(db: aiosqlite.Connection, new: NewProposal) -> tuple[int, bool]:
    """Store a draft proposal with its clusters and evidence; (id, created)."""
    now = now_iso()
    async with transaction(db):
        proposal_id, created = await insert_once(
            db,
            "proposals",
            new.dedupe_key,
            {
                "title": new.title,
                "problem": new.problem,
                "solution": new.solution,
                "body": new.body,
                "created_by": new.created_by,
                "created_at": now,
                "updated_at": now,
            },
        )
        if created:
            await db.executemany(
                "INSERT INTO proposal_clusters (proposal_id, cluster_code) VALUES (?, ?)",
                [(proposal_id, code) for code in new.clusters],
            )
            await db.executemany(
                "INSERT OR IGNORE INTO proposal_evidence (proposal_id, kind, ref_id) "
                "VALUES (?, ?, ?)",
                [(proposal_id, "report", r) for r in new.reports]
                + [(proposal_id, "survey", s) for s in new.surveys]
                + [(proposal_id, "topic", t) for t in new.topics],
            )
    return proposal_id, created


async def _proposals(db: aiosqlite.Connection, where: str, params: Params) -> list[Proposal]:
    """The proposals `where` (what follows `FROM proposals`) finds, in its order."""
    rows = await fetch_all(db, f"SELECT {_COLUMNS} FROM proposals {where}", params)
    return [await _proposal(db, row) for row in rows]


async def get_proposal(db: aiosqlite.Connection, proposal_id: int) -> Proposal | None:
    """A proposal by id."""
    row = await fetch_one(db, f"SELECT {_COLUMNS} FROM proposals WHERE id = ?", (proposal_id,))
    return await _proposal(db, row) if row else None


async def list_proposals(
    db: aiosqlite.Connection, statuses: Iterable[str] = STATUSES, limit: int = 50
) -> list[Proposal]:
    """Proposals in these statuses, newest first."""
    wanted = list(statuses)
    return await _proposals(
        db,
        f"WHERE status IN ({', '.join('?' * len(wanted))}) ORDER BY id DESC LIMIT ?",
        (*wanted, limit),
    )


async def agenda(db: aiosqlite.Connection, meeting_id: int) -> list[Proposal]:
    """A meeting's agenda: its proposals in order."""
    return await _proposals(db, "WHERE meeting_id = ? ORDER BY agenda_order, id", (meeting_id,))


async def overdue_decisions(db: aiosqlite.Connection, now: datetime) -> list[Proposal]:
    """Decided proposals whose due date has passed and that are not done."""
    return await _proposals(
        db,
        "WHERE status = 'decided' AND decision_due IS NOT NULL AND decision_due < ? "
        "ORDER BY decision_due",
        (utc_iso(now),),
    )


# --- status changes ------------------------------------------------------------------------------


async def _move(
    db: aiosqlite.Connection, proposal_id: int, expected: str, to_status: str, actor: str,
    sets: str = "", params: Sequence[object] = (),
) -> int | None:  # fmt: skip
    """Inside a transaction: move `expected` → `to_status` and record the event (untold);
    its id, or None if the proposal was not in `expected`."""
    now = now_iso()
    cursor = await db.execute(
        f"UPDATE proposals SET status = ?, updated_at = ?{sets} WHERE id = ? AND status = ?",
        (to_status, now, *params, proposal_id, expected),
    )
    if cursor.rowcount != 1:
        return None
    cursor = await db.execute(
        "INSERT INTO proposal_events (proposal_id, at, actor, from_status, to_status) "
        "VALUES (?, ?, ?, ?, ?)",
        (proposal_id, now, actor, expected, to_status),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def publish(db: aiosqlite.Connection, proposal_id: int, actor: str) -> int | None:
    """Draft → open for support; the event's id (None: not a draft any more)."""
    async with transaction(db):
        return await _move(db, proposal_id, "draft", "open", actor)


async def put_on_agenda(
    db: aiosqlite.Connection, proposal_id: int, meeting_id: int, actor: str
) -> int | None:
    """Open → on the meeting's agenda, last in order; the event's id."""
    async with transaction(db):
        row = await fetch_one(
            db,
            "SELECT COALESCE(MAX(agenda_order), 0) + 1 FROM proposals WHERE meeting_id = ?",
            (meeting_id,),
        )
        order = int(row[0]) if row else 1
        return await _move(
            db, proposal_id, "open", "agenda", actor,
            ", meeting_id = ?, agenda_order = ?", (meeting_id, order),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Decision:
    """What the meeting decided about a proposal."""

    outcome: str
    text: str
    body: str | None
    due: datetime | None


async def decide(
    db: aiosqlite.Connection, proposal_id: int, decision: Decision, actor: str
) -> int | None:
    """On the agenda → decided, with the decision; linked open reports move on (referred to
    the body, when one is named and the proposal is not rejected). The event's id."""
    if decision.outcome not in DECISIONS:
        raise ValueError(decision.outcome)
    async with transaction(db):
        event = await _move(
            db, proposal_id, "agenda", "decided", actor,
            ", decision = ?, decision_text = ?, decision_body = ?, decision_due = ?",
            (decision.outcome, decision.text, decision.body,
             utc_iso(decision.due) if decision.due else None),
        )  # fmt: skip
        if event is None or decision.body is None or decision.outcome == "rejected":
            return event
        now = now_iso()
        async with db.execute(
            "SELECT r.id, r.status FROM reports r JOIN proposal_evidence e ON e.ref_id = r.id "
            "AND e.kind = 'report' WHERE e.proposal_id = ? AND r.status IN "
            "('new', 'in_review', 'referred')",
            (proposal_id,),
        ) as cursor:
            moving = [(int(r[0]), str(r[1])) for r in await cursor.fetchall()]
        for report_id, before in moving:
            await db.execute(
                "UPDATE reports SET status = 'referred', outside_body = ?, updated_at = ? "
                "WHERE id = ?",
                (decision.body, now, report_id),
            )
            await db.execute(
                "INSERT INTO report_events (report_id, at, actor, kind, from_status, to_status, "
                "text) VALUES (?, ?, ?, 'referred', ?, 'referred', ?)",
                (report_id, now, actor, before, decision.body),
            )
    return event


async def mark_done(db: aiosqlite.Connection, proposal_id: int, actor: str) -> int | None:
    """Decided → done; the event's id."""
    async with transaction(db):
        return await _move(db, proposal_id, "decided", "done", actor)


@dataclass(frozen=True, slots=True)
class Event:
    """A status change to tell."""

    id: int
    proposal_id: int
    to_status: str


async def untold_events(db: aiosqlite.Connection) -> list[Event]:
    """Status changes whose notices were never queued (a crash came between), oldest first."""
    async with db.execute(
        "SELECT id, proposal_id, to_status FROM proposal_events WHERE told = 0 ORDER BY id"
    ) as cursor:
        return [Event(int(r[0]), int(r[1]), str(r[2])) for r in await cursor.fetchall()]


async def mark_told(db: aiosqlite.Connection, event_id: int) -> None:
    """The event's notices are in the outbox."""
    async with transaction(db):
        await db.execute("UPDATE proposal_events SET told = 1 WHERE id = ?", (event_id,))


# --- supports ------------------------------------------------------------------------------------


async def toggle_support(
    db: aiosqlite.Connection, proposal_id: int, member_id: int, cluster_code: str
) -> bool | None:
    """Support an open proposal, or withdraw the support; the new state (None: the proposal
    takes no supports now: only an open one does)."""
    now = now_iso()
    async with transaction(db):
        if not await exists(
            db, "SELECT 1 FROM proposals WHERE id = ? AND status = 'open'", (proposal_id,)
        ):
            return None
        row = await fetch_one(
            db,
            "SELECT withdrawn_at IS NULL FROM proposal_supports WHERE proposal_id = ? "
            "AND member_id = ?",
            (proposal_id, member_id),
        )
        if row is None:
            await db.execute(
                "INSERT INTO proposal_supports (proposal_id, member_id, cluster_code, "
                "supported_at) VALUES (?, ?, ?, ?)",
                (proposal_id, member_id, cluster_code, now),
            )
            return True
        active = bool(row[0])
        await db.execute(
            "UPDATE proposal_supports SET withdrawn_at = ?, supported_at = CASE WHEN ? "
            "THEN supported_at ELSE ? END, cluster_code = ? WHERE proposal_id = ? "
            "AND member_id = ?",
            (now if active else None, active, now, cluster_code, proposal_id, member_id),
        )
        return not active


async def set_comment(
    db: aiosqlite.Connection, proposal_id: int, member_id: int, comment: str
) -> bool:
    """A supporter's short comment (only on an active support of an open proposal)."""
    return await changed_one(
        db,
        "UPDATE proposal_supports SET comment = ? WHERE proposal_id = ? AND member_id = ? "
        "AND withdrawn_at IS NULL AND proposal_id IN "
        "(SELECT id FROM proposals WHERE status = 'open')",
        (comment, proposal_id, member_id),
    )


async def is_supporter(db: aiosqlite.Connection, proposal_id: int, member_id: int) -> bool:
    """Whether the member supports it now."""
    return await exists(
        db,
        "SELECT 1 FROM proposal_supports WHERE proposal_id = ? AND member_id = ? "
        "AND withdrawn_at IS NULL",
        (proposal_id, member_id),
    )


@dataclass(frozen=True, slots=True)
class Supporter:
    """An active support, as staff see it."""

    company: str
    cluster_code: str
    comment: str | None


@dataclass(slots=True)
class Supports:
    """A proposal's active supports."""

    supporters: list[Supporter] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many members support it."""
        return len(self.supporters)

    def by_cluster(self) -> Counter[str]:
        """Supports per cluster."""
        return Counter(s.cluster_code for s in self.supporters)


async def supports(db: aiosqlite.Connection, proposal_id: int) -> Supports:
    """The active supports of a proposal, by cluster and unit."""
    async with db.execute(
        "SELECT m.company, s.cluster_code, s.comment FROM proposal_supports s "
        "JOIN members m ON m.id = s.member_id WHERE s.proposal_id = ? AND s.withdrawn_at IS NULL "
        "ORDER BY s.cluster_code, s.supported_at",
        (proposal_id,),
    ) as cursor:
        return Supports([Supporter(r[0], r[1], r[2]) for r in await cursor.fetchall()])


async def to_tell(db: aiosqlite.Connection, proposal_id: int) -> list[int]:
    """Members to tell about a proposal: its active supporters, then the filers and
    co-reporters of its linked reports; each once."""
    async with db.execute(
        "SELECT member_id FROM proposal_supports WHERE proposal_id = ? AND withdrawn_at IS NULL "
        "UNION SELECT r.member_id FROM reports r JOIN proposal_evidence e ON e.ref_id = r.id "
        "AND e.kind = 'report' WHERE e.proposal_id = ? "
        "UNION SELECT c.member_id FROM report_coreporters c JOIN proposal_evidence e "
        "ON e.ref_id = c.report_id AND e.kind = 'report' WHERE e.proposal_id = ?",
        (proposal_id, proposal_id, proposal_id),
    ) as cursor:
        return sorted(int(r[0]) for r in await cursor.fetchall())
