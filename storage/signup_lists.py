"""Lists of sign-ups that change no seat: a member's own sign-ups, an offering's attendees for
staff and the export, and attendance marks (seat changes: storage/offerings.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.offerings import (
    SIGNUP_STATUSES,
    Offering,
    Signup,
    _iso,
    get_offering,
    get_signup,
)
from storage.queries import count
from storage.rows import from_row


@dataclass(frozen=True, slots=True)
class Attendee:
    """A sign-up with the member's details, for staff lists and the export."""

    member_id: int
    name: str
    company: str
    cluster_code: str
    phone: str
    status: str
    attended: bool
    signed_up_at: datetime
    seq: int


async def member_signups(
    db: aiosqlite.Connection, member_id: int, now: datetime
) -> list[tuple[Offering, Signup]]:
    """A member's active sign-ups for offerings that have not started, soonest first."""
    async with db.execute(
        "SELECT s.offering_id FROM signups s JOIN offerings o ON o.id = s.offering_id "
        "WHERE s.member_id = ? AND s.status IN ('confirmed', 'waitlisted') "
        "AND o.status = 'published' AND o.starts_at > ? ORDER BY o.starts_at, o.id",
        (member_id, _iso(now)),
    ) as cursor:
        ids = [int(row[0]) for row in await cursor.fetchall()]
    found = []
    for offering_id in ids:
        offering = await get_offering(db, offering_id)
        signup = await get_signup(db, offering_id, member_id)
        if offering is not None and signup is not None:
            found.append((offering, signup))
    return found


async def attendees(
    db: aiosqlite.Connection, offering_id: int, statuses: Iterable[str] = SIGNUP_STATUSES
) -> list[Attendee]:
    """An offering's sign-ups with the members' details, in order of arrival."""
    wanted = list(statuses)
    async with db.execute(
        "SELECT s.member_id, m.name, m.company, s.cluster_code, m.phone, s.status, "
        "s.attended, s.created_at AS signed_up_at, s.seq "
        "FROM signups s JOIN members m ON m.id = s.member_id "
        f"WHERE s.offering_id = ? AND s.status IN ({', '.join('?' * len(wanted))}) "
        "ORDER BY s.seq",
        (offering_id, *wanted),
    ) as cursor:
        rows = await cursor.fetchall()
    return [from_row(Attendee, r) for r in rows]


async def toggle_attended(
    db: aiosqlite.Connection, offering_id: int, member_id: int
) -> bool | None:
    """Flip a confirmed member's attendance; the new value (None: not confirmed)."""
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE signups SET attended = 1 - attended, updated_at = ? "
            "WHERE offering_id = ? AND member_id = ? AND status = 'confirmed'",
            (now_iso(), offering_id, member_id),
        )
        if cursor.rowcount != 1:
            return None
        attended = await count(
            db,
            "SELECT attended FROM signups WHERE offering_id = ? AND member_id = ?",
            offering_id,
            member_id,
        )
    return bool(attended)
