"""Advisory requests seen from above: scoped lists, per-core figures, the overdue flag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.consultations import (
    OPEN_STATUSES,
    Consultation,
    change_once,
    consultation_of_row,
)


@dataclass(frozen=True, slots=True)
class Listed:
    """A request as /consultations and its export show it."""

    consultation: Consultation
    core_name: str
    member_name: str
    company: str
    sessions: int
    rating: int | None


@dataclass(frozen=True, slots=True)
class CoreFigures:
    """One core's numbers."""

    core_id: int
    name: str
    requests: int
    open: int
    answered: int
    first_answer_hours: float | None
    sessions_held: int
    rating: float | None
    ratings: int


def _scope(core_ids: Sequence[int] | None, column: str) -> tuple[str, list[object]]:
    if core_ids is None:
        return "1 = 1", []
    return f"{column} IN ({', '.join('?' * len(core_ids)) or 'NULL'})", list(core_ids)


async def list_consultations(
    db: aiosqlite.Connection,
    core_ids: Sequence[int] | None,
    *,
    status: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[Listed]:
    """Requests in these cores (None: all), newest first, with who asked and how it went."""
    where, params = _scope(core_ids, "c.core_id")
    if status is not None:
        statuses = OPEN_STATUSES if status == "open" else (status,)
        where += f" AND c.status IN ({', '.join('?' * len(statuses))})"
        params += list(statuses)
    if since is not None:
        where += " AND c.created_at >= ?"
        params.append(since)
    tail = " LIMIT ?" if limit is not None else ""
    async with db.execute(
        "SELECT c.*, k.name AS _core, COALESCE(m.name, '—') AS _member, "
        "COALESCE(m.company, '—') AS _company, "
        "(SELECT COUNT(*) FROM core_bookings b WHERE b.consultation_id = c.id "
        "AND b.status = 'booked') AS _sessions, "
        "(SELECT score FROM consultation_ratings r WHERE r.consultation_id = c.id "
        "ORDER BY r.id DESC LIMIT 1) AS _rating "
        "FROM consultations c JOIN cores k ON k.id = c.core_id "
        "LEFT JOIN members m ON m.id = c.member_id AND m.deleted_at IS NULL "
        f"WHERE {where} ORDER BY c.id DESC{tail}",
        [*params, *([limit] if limit is not None else [])],
    ) as cursor:
        rows = await cursor.fetchall()
    return [
        Listed(
            consultation_of_row(r),
            r["_core"],
            r["_member"],
            r["_company"],
            r["_sessions"],
            r["_rating"],
        )
        for r in rows
    ]


async def core_figures(
    db: aiosqlite.Connection, core_ids: Sequence[int] | None, now: str
) -> list[CoreFigures]:
    """Per core: requests, still open, answered, mean hours to the first answer, sessions
    held (booked and begun by `now`), mean rating."""
    where, params = _scope(core_ids, "k.id")
    statuses = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    async with db.execute(
        "SELECT k.id, k.name, "
        "(SELECT COUNT(*) FROM consultations c WHERE c.core_id = k.id) AS requests, "
        "(SELECT COUNT(*) FROM consultations c WHERE c.core_id = k.id "
        f"AND c.status IN ({statuses})) AS open, "
        "(SELECT COUNT(*) FROM consultations c WHERE c.core_id = k.id "
        "AND c.first_answer_at IS NOT NULL) AS answered, "
        "(SELECT AVG((julianday(c.first_answer_at) - julianday(c.created_at)) * 24) "
        "FROM consultations c WHERE c.core_id = k.id AND c.first_answer_at IS NOT NULL) "
        "AS hours, "
        "(SELECT COUNT(*) FROM core_bookings b JOIN core_slots s ON s.id = b.slot_id "
        "WHERE s.core_id = k.id AND b.status IN ('booked', 'held') AND s.starts_at <= ?) "
        "AS held, "
        "(SELECT AVG(r.score) FROM consultation_ratings r JOIN consultations c "
        "ON c.id = r.consultation_id WHERE c.core_id = k.id) AS rating, "
        "(SELECT COUNT(*) FROM consultation_ratings r JOIN consultations c "
        "ON c.id = r.consultation_id WHERE c.core_id = k.id) AS ratings "
        f"FROM cores k WHERE k.active = 1 AND {where} ORDER BY k.id",
        [now, *params],
    ) as cursor:
        rows = await cursor.fetchall()
    return [
        CoreFigures(
            r["id"], r["name"], r["requests"], r["open"], r["answered"], r["hours"], r["held"],
            r["rating"], r["ratings"],
        )
        for r in rows
    ]  # fmt: skip


async def waiting_unflagged(db: aiosqlite.Connection) -> list[Consultation]:
    """Requests no adviser has taken or answered, not yet flagged overdue."""
    async with db.execute(
        "SELECT * FROM consultations WHERE status = 'new' AND overdue_at IS NULL ORDER BY id"
    ) as cursor:
        return [consultation_of_row(row) for row in await cursor.fetchall()]


async def flag_overdue(db: aiosqlite.Connection, consultation_id: int) -> bool:
    """Mark a request overdue, once (True the first time): the flag is told once."""
    return await change_once(
        db, consultation_id, "system", "overdue",
        "UPDATE consultations SET overdue_at = :now WHERE id = :id AND overdue_at IS NULL "
        "AND status = 'new'",
    )  # fmt: skip


async def new_by_core(db: aiosqlite.Connection, start: str, end: str) -> dict[int, int]:
    """Requests asked between `start` and `end`, per core (the weekly digest)."""
    async with db.execute(
        "SELECT core_id, COUNT(*) FROM consultations WHERE created_at >= ? AND created_at <= ? "
        "GROUP BY core_id",
        (start, end),
    ) as cursor:
        return {int(r[0]): int(r[1]) for r in await cursor.fetchall()}


async def open_by_member(db: aiosqlite.Connection) -> dict[int, list[Consultation]]:
    """Every member's open requests (the weekly digest reads them once for everyone)."""
    statuses = ", ".join("?" for _ in OPEN_STATUSES)
    async with db.execute(
        f"SELECT * FROM consultations WHERE status IN ({statuses}) ORDER BY id", OPEN_STATUSES
    ) as cursor:
        rows = await cursor.fetchall()
    found: dict[int, list[Consultation]] = {}
    for row in rows:
        found.setdefault(int(row["member_id"]), []).append(consultation_of_row(row))
    return found
