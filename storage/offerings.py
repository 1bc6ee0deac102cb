# A little over 500 lines: every transaction that changes who holds a seat is here, read together.
"""Trainings and events ("offerings") and members' sign-ups, with capacity and a waitlist.

Every change to who holds a seat happens inside one `transaction` (BEGIN IMMEDIATE, writers
queued on one lock): the seats are counted and the new row written in the same step, so
there are never more confirmed sign-ups than seats, however many members press at once.
Lists that change no seat (a member's own sign-ups, the attendees, attendance) are in
storage/signup_lists.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypedDict, Unpack

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.queries import changed_one, count, fetch_all, fetch_one, insert_once
from storage.rows import from_row

KINDS = ("course", "workshop", "exhibition", "conference", "meeting")
SIGNUP_STATUSES = ("confirmed", "waitlisted", "cancelled")
ACTIVE = ("confirmed", "waitlisted")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class NewOffering:
    """What the staff form collects."""

    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    capacity: int | None
    deadline: datetime | None
    created_by: str
    dedupe_key: str
    # Target clusters and their seat shares (None: no share); empty means every cluster.
    clusters: Mapping[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Offering:
    """A stored offering."""

    id: int
    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    capacity: int | None
    deadline: datetime | None
    status: str
    published_at: datetime | None
    version: int
    created_by: str
    clusters: dict[str, int | None]

    def targets(self, cluster_code: str) -> bool:
        """Whether members of this cluster are invited."""
        return not self.clusters or cluster_code in self.clusters

    @property
    def closes_at(self) -> datetime:
        """When sign-ups close: the deadline, or the start."""
        return self.deadline or self.starts_at


@dataclass(frozen=True, slots=True)
class Seats:
    """How many hold a seat and how many wait."""

    confirmed: int
    waitlisted: int
    capacity: int | None

    @property
    def left(self) -> int | None:
        """Free seats (None: unlimited)."""
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)


@dataclass(frozen=True, slots=True)
class Signup:
    """One member's sign-up for one offering."""

    offering_id: int
    member_id: int
    status: str
    seq: int
    attended: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Notified:
    """A member to be told something (a seat became theirs)."""

    member_id: int
    platform: str
    chat_id: int
    language: str


@dataclass(frozen=True, slots=True)
class SignupOutcome:
    """What a sign-up press did.

    status: confirmed | waitlisted | already_confirmed | already_waitlisted | closed |
    unavailable (not published, cancelled or gone) | not_invited (another cluster's).
    """

    status: str
    position: int | None = None


@dataclass(frozen=True, slots=True)
class CancelOutcome:
    """What giving a sign-up back did.

    status: cancelled | not_signed_up | too_late; `promoted` were moved up from the waitlist.
    """

    status: str
    was: str | None = None
    promoted: tuple[Notified, ...] = ()


_COLUMNS = (
    "id, kind, title, description, starts_at, ends_at, place, capacity, deadline, status, "
    "published_at, version, created_by"
)


async def _targets(db: aiosqlite.Connection, offering_id: int) -> dict[str, int | None]:
    rows = await fetch_all(
        db,
        "SELECT cluster_code, seats FROM offering_clusters WHERE offering_id = ? "
        "ORDER BY cluster_code",
        (offering_id,),
    )
    return {row[0]: row[1] for row in rows}


async def _offering(db: aiosqlite.Connection, row: aiosqlite.Row) -> Offering:
    return from_row(Offering, row, clusters=await _targets(db, row["id"]))


async def create_offering(
    db: aiosqlite.Connection, new: NewOffering, publish_at: datetime | None = None
) -> tuple[Offering, bool]:
    """Store an offering (published from `publish_at` if given, else a draft).

    Idempotent on the dedupe key: a second "publish" tap returns the first row, created=False.
    """
    if new.kind not in KINDS:
        raise ValueError(new.kind)
    now = now_iso()
    async with transaction(db):
        offering_id, created = await insert_once(
            db,
            "offerings",
            new.dedupe_key,
            {
                "kind": new.kind,
                "title": new.title,
                "description": new.description,
                "starts_at": _iso(new.starts_at),
                "ends_at": _iso(new.ends_at) if new.ends_at else None,
                "place": new.place,
                "capacity": new.capacity,
                "deadline": _iso(new.deadline) if new.deadline else None,
                "status": "draft" if publish_at is None else "published",
                "published_at": _iso(publish_at) if publish_at else None,
                "created_by": new.created_by,
                "created_at": now,
                "updated_at": now,
            },
        )
        if created:
            await db.executemany(
                "INSERT INTO offering_clusters (offering_id, cluster_code, seats) "
                "VALUES (?, ?, ?)",
                [(offering_id, code, seats) for code, seats in new.clusters.items()],
            )
    offering = await get_offering(db, offering_id)
    assert offering is not None
    return offering, created


async def get_offering(db: aiosqlite.Connection, offering_id: int) -> Offering | None:
    """An offering by id."""
    row = await fetch_one(db, f"SELECT {_COLUMNS} FROM offerings WHERE id = ?", (offering_id,))
    return await _offering(db, row) if row else None


async def upcoming_for(
    db: aiosqlite.Connection, cluster_code: str, now: datetime
) -> list[Offering]:
    """Published offerings a member of this cluster may see: visible now, not started yet."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM offerings o WHERE status = 'published' "
        "AND published_at <= ? AND starts_at > ? AND (NOT EXISTS (SELECT 1 FROM "
        "offering_clusters c WHERE c.offering_id = o.id) OR EXISTS (SELECT 1 FROM "
        "offering_clusters c WHERE c.offering_id = o.id AND c.cluster_code = ?)) "
        "ORDER BY starts_at, id",
        (_iso(now), _iso(now), cluster_code),
    ) as cursor:
        rows = await cursor.fetchall()
    return [await _offering(db, row) for row in rows]


async def recent_offerings(
    db: aiosqlite.Connection, since: datetime, statuses: Iterable[str] = ("published",)
) -> list[Offering]:
    """Offerings starting after `since` (staff lists), soonest first."""
    wanted = list(statuses)
    async with db.execute(
        f"SELECT {_COLUMNS} FROM offerings WHERE starts_at > ? "
        f"AND status IN ({', '.join('?' * len(wanted))}) ORDER BY starts_at, id",
        (_iso(since), *wanted),
    ) as cursor:
        rows = await cursor.fetchall()
    return [await _offering(db, row) for row in rows]


async def published_starting(
    db: aiosqlite.Connection, start: datetime, end: datetime, now: datetime
) -> list[tuple[Offering, Seats]]:
    """Published offerings visible now that start in [start, end), with their seats."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM offerings o WHERE status = 'published' AND published_at <= ? "
        "AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id",
        (_iso(now), _iso(start), _iso(end)),
    ) as cursor:
        rows = await cursor.fetchall()
    found = []
    for row in rows:
        offering = await _offering(db, row)
        found.append((offering, await seats(db, offering)))
    return found


async def seats(db: aiosqlite.Connection, offering: Offering) -> Seats:
    """Confirmed and waitlisted counts."""
    rows = await fetch_all(
        db,
        "SELECT status, COUNT(*) FROM signups WHERE offering_id = ? GROUP BY status",
        (offering.id,),
    )
    counts = {row[0]: int(row[1]) for row in rows}
    return Seats(counts.get("confirmed", 0), counts.get("waitlisted", 0), offering.capacity)


async def get_signup(db: aiosqlite.Connection, offering_id: int, member_id: int) -> Signup | None:
    """A member's sign-up for an offering, whatever its status."""
    row = await fetch_one(
        db,
        "SELECT offering_id, member_id, status, seq, attended, created_at, updated_at "
        "FROM signups WHERE offering_id = ? AND member_id = ?",
        (offering_id, member_id),
    )
    if row is None:
        return None
    return from_row(Signup, row)


async def waitlist_position(db: aiosqlite.Connection, offering_id: int, member_id: int) -> int:
    """1-based place in the waitlist (0: not waitlisted)."""
    return await count(
        db,
        "SELECT COUNT(*) FROM signups w JOIN signups me ON me.offering_id = w.offering_id "
        "WHERE me.offering_id = ? AND me.member_id = ? AND me.status = 'waitlisted' "
        "AND w.status = 'waitlisted' AND w.seq <= me.seq",
        offering_id,
        member_id,
    )


async def _seat_free(db: aiosqlite.Connection, offering: Offering) -> bool:
    """A free seat overall (call inside a transaction)."""
    if offering.capacity is None:
        return True
    taken = await count(
        db,
        "SELECT COUNT(*) FROM signups WHERE offering_id = ? AND status = 'confirmed'",
        offering.id,
    )
    return taken < offering.capacity


async def _has_room(db: aiosqlite.Connection, offering: Offering, cluster_code: str) -> bool:
    """A free seat overall and within the cluster's share (call inside a transaction)."""
    if not await _seat_free(db, offering):
        return False
    share = offering.clusters.get(cluster_code)
    if share is not None:
        taken = await count(
            db,
            "SELECT COUNT(*) FROM signups WHERE offering_id = ? AND status = 'confirmed' "
            "AND cluster_code = ?",
            offering.id,
            cluster_code,
        )
        if taken >= share:
            return False
    return True


async def sign_up(
    db: aiosqlite.Connection, offering_id: int, member_id: int, cluster_code: str, now: datetime
) -> SignupOutcome:
    """Take a seat if one is free (overall and in the cluster's share), else join the
    waitlist; one transaction, so concurrent presses can never overbook."""
    async with transaction(db):
        offering = await get_offering(db, offering_id)
        if (
            offering is None
            or offering.status != "published"
            or offering.published_at is None
            or offering.published_at > now
        ):
            return SignupOutcome("unavailable")
        if not offering.targets(cluster_code):
            return SignupOutcome("not_invited")
        existing = await get_signup(db, offering_id, member_id)
        if existing is not None and existing.status in ACTIVE:
            position = await waitlist_position(db, offering_id, member_id)
            return SignupOutcome(f"already_{existing.status}", position or None)
        if now >= offering.closes_at:
            return SignupOutcome("closed")
        status = "confirmed" if await _has_room(db, offering, cluster_code) else "waitlisted"
        seq = 1 + await count(
            db, "SELECT COALESCE(MAX(seq), 0) FROM signups WHERE offering_id = ?", offering_id
        )
        stamp = now_iso()
        await db.execute(
            "INSERT INTO signups (offering_id, member_id, cluster_code, status, seq, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (offering_id, member_id) DO UPDATE SET status = excluded.status, "
            "seq = excluded.seq, cluster_code = excluded.cluster_code, "
            "created_at = excluded.created_at, updated_at = excluded.updated_at",
            (offering_id, member_id, cluster_code, status, seq, stamp, stamp),
        )
        position = await waitlist_position(db, offering_id, member_id)
    return SignupOutcome(status, position or None)


async def _promote(db: aiosqlite.Connection, offering: Offering) -> list[Notified]:
    """Fill free seats from the waitlist in order of arrival, skipping those whose cluster's
    share is full (call inside a transaction)."""
    promoted: list[Notified] = []
    while True:
        async with db.execute(
            "SELECT s.member_id, s.cluster_code, m.platform, m.chat_id, m.language "
            "FROM signups s JOIN members m ON m.id = s.member_id "
            "WHERE s.offering_id = ? AND s.status = 'waitlisted' ORDER BY s.seq",
            (offering.id,),
        ) as cursor:
            waiting = await cursor.fetchall()
        chosen = None
        if waiting and await _seat_free(db, offering):
            # The first in line whose cluster's share still has room.
            for row in waiting:
                if await _has_room(db, offering, row["cluster_code"]):
                    chosen = row
                    break
        if chosen is None:
            return promoted
        await db.execute(
            "UPDATE signups SET status = 'confirmed', updated_at = ? "
            "WHERE offering_id = ? AND member_id = ?",
            (now_iso(), offering.id, chosen["member_id"]),
        )
        promoted.append(
            Notified(
                chosen["member_id"], chosen["platform"], chosen["chat_id"], chosen["language"]
            )
        )


async def cancel_signup(
    db: aiosqlite.Connection,
    offering_id: int,
    member_id: int,
    now: datetime,
    cutoff: timedelta,
) -> CancelOutcome:
    """Give a sign-up back; a confirmed seat may be given back until `cutoff` before the
    start, and goes to the first in line (in the same transaction)."""
    async with transaction(db):
        offering = await get_offering(db, offering_id)
        existing = await get_signup(db, offering_id, member_id)
        if offering is None or existing is None or existing.status not in ACTIVE:
            return CancelOutcome("not_signed_up")
        if now >= offering.starts_at or (
            existing.status == "confirmed" and now > offering.starts_at - cutoff
        ):
            return CancelOutcome("too_late", existing.status)
        await db.execute(
            "UPDATE signups SET status = 'cancelled', updated_at = ? "
            "WHERE offering_id = ? AND member_id = ?",
            (now_iso(), offering_id, member_id),
        )
        promoted: list[Notified] = []
        if existing.status == "confirmed" and offering.status == "published":
            promoted = await _promote(db, offering)
    return CancelOutcome("cancelled", existing.status, tuple(promoted))


class OfferingEdit(TypedDict, total=False):
    """What an edit of a published offering may change; what is left out stays."""

    starts_at: datetime
    capacity: int
    place: str
    title: str
    description: str
    ends_at: datetime
    deadline: datetime


async def change_offering(
    db: aiosqlite.Connection, offering_id: int, **edit: Unpack[OfferingEdit]
) -> tuple[Offering, list[Notified]] | None:
    """Edit a published offering; more seats promote from the waitlist at once.

    A new start bumps the version (its reminders are made anew). A capacity below the seats
    already confirmed is refused (None): nobody loses a confirmed seat to an edit; so are an
    end not after the start and a sign-up deadline after it.
    """
    starts_at, capacity = edit.get("starts_at"), edit.get("capacity")
    ends_at, deadline = edit.get("ends_at"), edit.get("deadline")
    async with transaction(db):
        offering = await get_offering(db, offering_id)
        if offering is None or offering.status != "published":
            return None
        start = starts_at or offering.starts_at
        if (ends_at is not None and ends_at <= start) or (
            deadline is not None and deadline > start
        ):
            return None
        if capacity is not None:
            confirmed = await count(
                db,
                "SELECT COUNT(*) FROM signups WHERE offering_id = ? AND status = 'confirmed'",
                offering_id,
            )
            if capacity < confirmed:
                return None
        stamp = now_iso()
        if starts_at is not None:
            await db.execute(
                "UPDATE offerings SET starts_at = ?, version = version + 1, updated_at = ?, "
                # A deadline after the new start would let members sign up for the past.
                "deadline = CASE WHEN deadline > ? THEN NULL ELSE deadline END, "
                "ends_at = CASE WHEN ends_at <= ? THEN NULL ELSE ends_at END WHERE id = ?",
                (_iso(starts_at), stamp, _iso(starts_at), _iso(starts_at), offering_id),
            )
        if capacity is not None:
            await db.execute(
                "UPDATE offerings SET capacity = ?, updated_at = ? WHERE id = ?",
                (capacity, stamp, offering_id),
            )
        # Column names come from this fixed list, never from input.
        for column, value in (
            ("place", edit.get("place")),
            ("title", edit.get("title")),
            ("description", edit.get("description")),
            ("ends_at", _iso(ends_at) if ends_at else None),
            ("deadline", _iso(deadline) if deadline else None),
        ):
            if value is not None:
                await db.execute(
                    f"UPDATE offerings SET {column} = ?, updated_at = ? WHERE id = ?",
                    (value, stamp, offering_id),
                )
        changed = await get_offering(db, offering_id)
        assert changed is not None
        promoted = await _promote(db, changed) if capacity is not None else []
    return changed, promoted


async def cancel_offering(db: aiosqlite.Connection, offering_id: int) -> bool:
    """Cancel a draft or published offering; False if it already was."""
    return await changed_one(
        db,
        "UPDATE offerings SET status = 'cancelled', updated_at = ? "
        "WHERE id = ? AND status != 'cancelled'",
        (now_iso(), offering_id),
    )
