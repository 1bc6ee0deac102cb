"""Broadcasts: the broadcast rows and their life (scheduled, sending, done), and what became of
each recipient's message. Who a broadcast reaches is in storage/audience.py; the queue of
single messages (claiming, recording, notices, per-recipient rows) in storage/outbox_queue.py.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

import aiosqlite

from storage.audience import ANNOUNCING as ANNOUNCING
from storage.audience import Audience as Audience
from storage.audience import audience_where
from storage.audience import count_audience as count_audience
from storage.clock import now_iso
from storage.db import transaction
from storage.queries import (
    changed_one,
    fetch_one,
    insert_once,
    platform_file_id,
    remember_platform_file_id,
)
from storage.rows import from_row

# What became of one message; 'pending' and 'sending' are still on their way.
DELIVERY_STATUSES = ("sent", "failed", "blocked", "left", "skipped")
WAITING = ("scheduled", "missed")


@dataclass(frozen=True, slots=True)
class NewBroadcast:
    """What a composer confirmed."""

    created_by: str
    owner_platform: str
    owner_chat_id: int
    owner_lang: str
    body: str
    audience: Audience
    send_at: datetime
    dedupe_key: str
    media_kind: str | None = None
    media_file_id: str | None = None
    media_name: str | None = None
    kind: str = "announcement"
    template: Template | None = None


@dataclass(frozen=True, slots=True)
class Template:
    """A message rendered for each recipient in their language.

    `args` values are str, int, or datetimes (aware; stored as {"$dt": iso}); `buttons` are
    rows of (label message id, callback data).
    """

    msg_id: str
    args: dict[str, str | int | datetime] = field(default_factory=dict)
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()

    def to_json(self) -> str:
        """As stored."""
        args = {
            k: {"$dt": v.isoformat()} if isinstance(v, datetime) else v
            for k, v in self.args.items()
        }
        return json.dumps(
            {"id": self.msg_id, "args": args, "buttons": self.buttons}, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, text: str) -> Template:
        """From the stored form."""
        data = json.loads(text)
        args = {
            k: datetime.fromisoformat(v["$dt"]) if isinstance(v, dict) else v
            for k, v in data.get("args", {}).items()
        }
        buttons = tuple(tuple((str(a), str(b)) for a, b in row) for row in data.get("buttons", ()))
        return cls(data["id"], args, buttons)


@dataclass(frozen=True, slots=True)
class Broadcast:
    """A stored broadcast."""

    id: int
    kind: str
    created_by: str
    owner_platform: str
    owner_chat_id: int
    owner_lang: str
    body: str
    media_kind: str | None
    media_name: str | None
    audience: Audience
    status: str
    send_at: datetime
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    progress_message_id: int | None
    template: Template | None = None
    # What staff call it («اطلاعیه شماره ۲»): see _BROADCAST_COLUMNS.
    number: int = 0


_BROADCAST_COLUMNS = (
    "id, kind, created_by, owner_platform, owner_chat_id, owner_lang, body, media_kind, "
    "media_name, audience, status, send_at, created_at, started_at, finished_at, "
    "progress_message_id, template, "
    # The number staff see: its place among the broadcasts people send (announcements and
    # training announcements), not the row id, which reminders and digests also take.
    "(SELECT COUNT(*) FROM broadcasts n WHERE n.kind IN ("
    + ", ".join(f"'{kind}'" for kind in ANNOUNCING)
    + ") AND n.id <= broadcasts.id) AS number"
)


class Owner(NamedTuple):
    """The staff member acting: recorded on broadcasts, told how they went."""

    actor: str
    platform: str
    chat_id: int
    lang: str


def owned_broadcast(
    owner: tuple[str, str, int, str],
    key: str,
    audience: Audience,
    send_at: datetime,
    template: Template,
    kind: str,
) -> NewBroadcast:
    """A templated broadcast sent on behalf of `owner` (actor, platform, chat id, language:
    an Owner), once per `key`."""
    actor, platform, chat_id, lang = owner
    return NewBroadcast(
        created_by=actor,
        owner_platform=platform,
        owner_chat_id=chat_id,
        owner_lang=lang,
        body="",
        audience=audience,
        send_at=send_at,
        dedupe_key=key,
        kind=kind,
        template=template,
    )


def _broadcast(row: aiosqlite.Row) -> Broadcast:
    template = row["template"]
    return from_row(
        Broadcast,
        row,
        audience=Audience.from_json(row["audience"]),
        template=Template.from_json(template) if template else None,
    )


def utc_iso(moment: datetime) -> str:
    """`moment` as stored: UTC, to the second; a naive datetime is a bug."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


async def insert_broadcast(
    db: aiosqlite.Connection, new: NewBroadcast, status: str = "scheduled"
) -> tuple[int, bool]:
    """Inside the caller's transaction: store `new` unless its dedupe key is taken already;
    return (broadcast id, created). One stored as 'sending' (the digest) starts now."""
    now = now_iso()
    return await insert_once(
        db,
        "broadcasts",
        new.dedupe_key,
        {
            "kind": new.kind,
            "created_by": new.created_by,
            "owner_platform": new.owner_platform,
            "owner_chat_id": new.owner_chat_id,
            "owner_lang": new.owner_lang,
            "body": new.body,
            "media_kind": new.media_kind,
            "media_name": new.media_name,
            "audience": new.audience.to_json(),
            "status": status,
            "send_at": utc_iso(new.send_at),
            "created_at": now,
            "started_at": now if status == "sending" else None,
            "template": new.template.to_json() if new.template else None,
        },
    )


async def create_broadcast(db: aiosqlite.Connection, new: NewBroadcast) -> tuple[Broadcast, bool]:
    """Store a confirmed broadcast as scheduled; return (broadcast, created).

    Idempotent on the dedupe key: a second "send" tap returns the first row, created=False.
    """
    async with transaction(db):
        broadcast_id, created = await insert_broadcast(db, new)
        if created and new.media_file_id is not None:
            await db.execute(
                "INSERT INTO broadcast_files (broadcast_id, platform, file_id) VALUES (?, ?, ?)",
                (broadcast_id, new.owner_platform, new.media_file_id),
            )
    broadcast = await get_broadcast(db, broadcast_id)
    assert broadcast is not None
    return broadcast, created


async def get_broadcast(db: aiosqlite.Connection, broadcast_id: int) -> Broadcast | None:
    """A broadcast by id."""
    sql = f"SELECT {_BROADCAST_COLUMNS} FROM broadcasts WHERE id = ?"
    row = await fetch_one(db, sql, (broadcast_id,))
    return _broadcast(row) if row else None


async def broadcasts_in(
    db: aiosqlite.Connection, statuses: Iterable[str], created_by: str | None = None
) -> list[Broadcast]:
    """Broadcasts in these statuses (optionally one composer's), soonest first."""
    wanted = list(statuses)
    sql = (
        f"SELECT {_BROADCAST_COLUMNS} FROM broadcasts "
        f"WHERE status IN ({', '.join('?' * len(wanted))})"
    )
    params: list[object] = [*wanted]
    if created_by is not None:
        sql += " AND created_by = ?"
        params.append(created_by)
    async with db.execute(sql + " ORDER BY send_at, id", params) as cursor:
        return [_broadcast(row) for row in await cursor.fetchall()]


async def waiting_with_key(db: aiosqlite.Connection, prefix: str) -> list[Broadcast]:
    """Waiting broadcasts whose dedupe key starts with `prefix` (e.g. one offering's
    reminders, to cancel them with it)."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    async with db.execute(
        f"SELECT {_BROADCAST_COLUMNS} FROM broadcasts WHERE dedupe_key LIKE ? ESCAPE '\\' "
        f"AND status IN ({', '.join('?' * len(WAITING))}) ORDER BY send_at, id",
        (pattern, *WAITING),
    ) as cursor:
        return [_broadcast(row) for row in await cursor.fetchall()]


async def start_broadcast(
    db: aiosqlite.Connection, broadcast_id: int, platforms: Sequence[str]
) -> int | None:
    """Move a scheduled broadcast to 'sending' and expand it into the outbox, in one step.

    Returns how many recipients were queued, or None when it was not waiting to be sent (it
    started already, or was cancelled): a job firing twice sends nothing twice.
    """
    async with transaction(db):
        row = await fetch_one(
            db,
            "SELECT audience, kind FROM broadcasts WHERE id = ? AND status = 'scheduled'",
            (broadcast_id,),
        )
        if row is None:
            return None
        audience = Audience.from_json(row["audience"])
        where, params = audience_where(audience, platforms, row["kind"])
        cursor = await db.execute(
            "INSERT OR IGNORE INTO outbox (broadcast_id, member_id, platform, chat_id) "
            f"SELECT ?, id, platform, chat_id FROM members WHERE {where} ORDER BY id",
            (broadcast_id, *params),
        )
        queued = cursor.rowcount
        if audience.booking is not None:
            # An adviser who is not a registered member is reached at their own chat (a
            # private chat's id is the user's): both sides of a session get its reminders.
            chosen = [p for p in platforms if not audience.platforms or p in audience.platforms]
            cursor = await db.execute(
                "INSERT OR IGNORE INTO outbox (broadcast_id, member_id, platform, chat_id) "
                "SELECT DISTINCT ?, NULL, g.platform, g.user_id FROM core_bookings b "
                "JOIN core_slots s ON s.id = b.slot_id JOIN core_advisers g "
                "ON s.adviser = 'staff:' || g.platform || ':' || g.user_id "
                f"WHERE b.id = ? AND b.status = 'booked' AND g.platform IN "
                f"({', '.join('?' * len(chosen)) or 'NULL'}) AND NOT EXISTS (SELECT 1 FROM "
                "member_addresses a WHERE a.platform = g.platform AND a.user_id = g.user_id)",
                (broadcast_id, audience.booking, *chosen),
            )
            queued += cursor.rowcount
        await db.execute(
            "UPDATE broadcasts SET status = 'sending', started_at = ? WHERE id = ?",
            (now_iso(), broadcast_id),
        )
    return queued


async def set_schedule(
    db: aiosqlite.Connection, broadcast_id: int, send_at: datetime, actor: str
) -> bool:
    """Move a waiting (scheduled or missed) broadcast to a new time."""
    return await changed_one(
        db,
        "UPDATE broadcasts SET status = 'scheduled', send_at = ?, changed_by = ? "
        f"WHERE id = ? AND status IN ({', '.join('?' * len(WAITING))})",
        (utc_iso(send_at), actor, broadcast_id, *WAITING),
    )


async def cancel_broadcast(db: aiosqlite.Connection, broadcast_id: int, actor: str) -> bool:
    """Cancel a broadcast that has not started; False if it already has (or is gone)."""
    return await changed_one(
        db,
        "UPDATE broadcasts SET status = 'cancelled', changed_by = ?, finished_at = ? "
        f"WHERE id = ? AND status IN ({', '.join('?' * len(WAITING))})",
        (actor, now_iso(), broadcast_id, *WAITING),
    )


async def mark_missed(db: aiosqlite.Connection, broadcast_id: int) -> bool:
    """A scheduled broadcast fell due too long ago while the bot was down."""
    return await changed_one(
        db,
        "UPDATE broadcasts SET status = 'missed' WHERE id = ? AND status = 'scheduled'",
        (broadcast_id,),
    )


async def finish_broadcast(
    db: aiosqlite.Connection, broadcast_id: int, stopped: Collection[str] = ()
) -> bool:
    """Mark a broadcast done once nothing of it is on its way; True only the first time.

    Rows on `stopped` platforms (their token refused) do not hold it up: they stay pending,
    to be sent once a valid token is set, and the report says they wait.
    """
    skip = f" AND platform NOT IN ({', '.join('?' * len(stopped))})" if stopped else ""
    return await changed_one(
        db,
        "UPDATE broadcasts SET status = 'done', finished_at = ? "
        "WHERE id = ? AND status = 'sending' AND NOT EXISTS (SELECT 1 FROM outbox "
        f"WHERE broadcast_id = ? AND status IN ('pending', 'sending'){skip})",
        (now_iso(), broadcast_id, broadcast_id, *stopped),
    )


async def set_progress_message(
    db: aiosqlite.Connection, broadcast_id: int, message_id: int
) -> None:
    """Remember the status message the composer watches, to edit it after a restart too."""
    async with transaction(db):
        await db.execute(
            "UPDATE broadcasts SET progress_message_id = ? WHERE id = ?",
            (message_id, broadcast_id),
        )


async def media_file_id(db: aiosqlite.Connection, broadcast_id: int, platform: str) -> str | None:
    """The broadcast's file id on a platform, once it exists there."""
    return await platform_file_id(db, "broadcast_files", "broadcast_id", broadcast_id, platform)


async def remember_file_id(
    db: aiosqlite.Connection, broadcast_id: int, platform: str, file_id: str
) -> None:
    """Keep the file id the first upload on a platform produced."""
    await remember_platform_file_id(
        db, "broadcast_files", "broadcast_id", broadcast_id, platform, file_id
    )


@dataclass(frozen=True, slots=True)
class Recipient:
    """One recipient of a broadcast and what became of their message."""

    name: str
    company: str
    cluster_code: str
    platform: str
    phone: str
    status: str
    error: str | None
    # When the bot gave up on the message (None for rows given up before this was recorded).
    tried_at: datetime | None


@dataclass(slots=True)
class Tally:
    """A broadcast's delivery counts so far."""

    counts: dict[str, int] = field(default_factory=dict)
    waiting_on: dict[str, int] = field(default_factory=dict)  # per platform

    def __getitem__(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def total(self) -> int:
        """Every recipient."""
        return sum(self.counts.values())

    @property
    def waiting(self) -> int:
        """Not delivered, not given up on yet."""
        return self["pending"] + self["sending"]

    @property
    def undelivered(self) -> int:
        """Recipients who did not get it."""
        return self["failed"] + self["blocked"] + self["left"]


async def tally(db: aiosqlite.Connection, broadcast_id: int) -> Tally:
    """Delivery counts of one broadcast, and how many wait on each platform."""
    result = Tally()
    async with db.execute(
        "SELECT status, platform, COUNT(*) FROM outbox WHERE broadcast_id = ? "
        "GROUP BY status, platform",
        (broadcast_id,),
    ) as cursor:
        for status, platform, count in await cursor.fetchall():
            result.counts[status] = result.counts.get(status, 0) + int(count)
            if status in ("pending", "sending"):
                result.waiting_on[platform] = result.waiting_on.get(platform, 0) + int(count)
    return result


async def undelivered(db: aiosqlite.Connection, broadcast_id: int) -> list[Recipient]:
    """The recipients a broadcast did not reach, with why."""
    async with db.execute(
        "SELECT m.name, m.company, m.cluster_code, o.platform, m.phone, o.status, o.error, "
        "o.sent_at AS tried_at "
        "FROM outbox o JOIN members m ON m.id = o.member_id "
        "WHERE o.broadcast_id = ? AND o.status IN ('failed', 'blocked', 'left') ORDER BY o.id",
        (broadcast_id,),
    ) as cursor:
        return [from_row(Recipient, row) for row in await cursor.fetchall()]
