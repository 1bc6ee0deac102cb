"""Advisers' open slots and the sessions members book in them.

No slot is booked twice: a booking row is inserted under a partial unique index on the
slot's live booking (migration 0011), so of two members tapping at once exactly one insert
succeeds, whatever the timing; the other is told the slot is gone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from storage.clock import now_iso
from storage.consultations import log_event
from storage.db import transaction
from storage.queries import fetch_one
from storage.rows import from_row


@dataclass(frozen=True, slots=True)
class Slot:
    """An adviser's slot (a session of `minutes` from `starts_at`)."""

    id: int
    core_id: int
    adviser: str
    starts_at: datetime
    minutes: int
    mode: str
    place: str
    cancelled: bool

    @property
    def ends_at(self) -> datetime:
        """When the session ends."""
        return self.starts_at + timedelta(minutes=self.minutes)


@dataclass(frozen=True, slots=True)
class Booking:
    """A member's session in a slot."""

    id: int
    slot_id: int
    consultation_id: int | None
    member_id: int
    status: str


def _iso(moment: datetime) -> str:
    """As stored (UTC, to the second: compared as text)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _slot(row: aiosqlite.Row) -> Slot:
    return from_row(Slot, row)


def _booking(row: aiosqlite.Row) -> Booking:
    return from_row(Booking, row)


async def add_slots(
    db: aiosqlite.Connection,
    core_id: int,
    adviser: str,
    starts: Sequence[datetime],
    minutes: int,
    mode: str,
    place: str,
) -> int:
    """Publish slots; one the adviser already has at the same moment is kept, not doubled.
    Returns how many were added."""
    now = now_iso()
    async with transaction(db):
        cursor = await db.executemany(
            "INSERT INTO core_slots (core_id, adviser, starts_at, minutes, mode, place, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(core_id, adviser, _iso(s), minutes, mode, place, now) for s in starts],
        )
        return max(cursor.rowcount, 0)


async def get_slot(db: aiosqlite.Connection, slot_id: int) -> Slot | None:
    """The slot with this id."""
    row = await fetch_one(db, "SELECT * FROM core_slots WHERE id = ?", (slot_id,))
    return _slot(row) if row else None


async def open_slots(
    db: aiosqlite.Connection, core_id: int, after: datetime, limit: int = 9
) -> list[Slot]:
    """A core's slots ahead that nobody has booked, soonest first."""
    async with db.execute(
        "SELECT * FROM core_slots s WHERE core_id = ? AND cancelled = 0 AND starts_at > ? "
        "AND NOT EXISTS (SELECT 1 FROM core_bookings b WHERE b.slot_id = s.id "
        "AND b.status = 'booked') ORDER BY starts_at, id LIMIT ?",
        (core_id, _iso(after), limit),
    ) as cursor:
        return [_slot(row) for row in await cursor.fetchall()]


async def adviser_slots(db: aiosqlite.Connection, adviser: str, after: datetime) -> list[Slot]:
    """An adviser's slots ahead, soonest first."""
    async with db.execute(
        "SELECT * FROM core_slots WHERE adviser = ? AND cancelled = 0 AND starts_at > ? "
        "ORDER BY starts_at, id",
        (adviser, _iso(after)),
    ) as cursor:
        return [_slot(row) for row in await cursor.fetchall()]


async def get_booking(db: aiosqlite.Connection, booking_id: int) -> Booking | None:
    """The booking with this id."""
    row = await fetch_one(db, "SELECT * FROM core_bookings WHERE id = ?", (booking_id,))
    return _booking(row) if row else None


async def live_booking(db: aiosqlite.Connection, consultation_id: int) -> Booking | None:
    """A request's booked session, if it has one."""
    row = await fetch_one(
        db,
        "SELECT * FROM core_bookings WHERE consultation_id = ? AND status = 'booked'",
        (consultation_id,),
    )
    return _booking(row) if row else None


async def book(
    db: aiosqlite.Connection, slot_id: int, consultation_id: int, member_id: int, actor: str
) -> tuple[Booking | None, Booking | None]:
    """Book a slot for a request: (the new booking or None if the slot is taken, the booking
    it replaces when the member moves their session)."""
    now = now_iso()
    row = await fetch_one(
        db,
        "SELECT * FROM core_bookings WHERE consultation_id = ? AND status = 'booked'",
        (consultation_id,),
    )
    old = _booking(row) if row else None
    try:
        async with transaction(db):
            if old is not None:
                await db.execute(
                    "UPDATE core_bookings SET status = 'moved', ended_at = ? WHERE id = ?",
                    (now, old.id),
                )
            cursor = await db.execute(
                "INSERT INTO core_bookings (slot_id, consultation_id, member_id, booked_at) "
                "VALUES (?, ?, ?, ?)",
                (slot_id, consultation_id, member_id, now),
            )
            booking_id = cursor.lastrowid
            kind = "moved" if old else "booked"
            await log_event(db, consultation_id, now, actor, kind, str(slot_id))
    except sqlite3.IntegrityError:
        return None, None
    assert booking_id is not None
    return Booking(booking_id, slot_id, consultation_id, member_id, "booked"), old


async def cancel_booking(db: aiosqlite.Connection, booking_id: int, actor: str) -> bool:
    """Cancel a booked session (the slot opens again); False if it was not booked."""
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "UPDATE core_bookings SET status = 'cancelled', ended_at = ? "
            "WHERE id = ? AND status = 'booked'",
            (now, booking_id),
        )
        if cursor.rowcount != 1:
            return False
        await db.execute(
            "INSERT INTO consultation_events (consultation_id, at, actor, kind, text) "
            "SELECT consultation_id, ?, ?, 'session_cancelled', CAST(slot_id AS TEXT) "
            "FROM core_bookings WHERE id = ? AND consultation_id IS NOT NULL",
            (now, actor, booking_id),
        )
        return True


async def hold_session(db: aiosqlite.Connection, consultation_id: int, now: datetime) -> None:
    """The request is done: its booked session, if it has begun, was held."""
    async with transaction(db):
        await db.execute(
            "UPDATE core_bookings SET status = 'held', ended_at = ? WHERE consultation_id = ? "
            "AND status = 'booked' "
            "AND slot_id IN (SELECT id FROM core_slots WHERE starts_at <= ?)",
            (_iso(now), consultation_id, _iso(now)),
        )


async def held_session(db: aiosqlite.Connection, consultation_id: int) -> int | None:
    """The request's latest session held (what a rating is about), if any."""
    row = await fetch_one(
        db,
        "SELECT id FROM core_bookings WHERE consultation_id = ? AND status = 'held' "
        "ORDER BY id DESC LIMIT 1",
        (consultation_id,),
    )
    return int(row[0]) if row else None
