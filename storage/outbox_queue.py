"""The outbox queue: one row per message owed, claimed by the sender and recorded as sent,
retried or undelivered; notices owed after a stored event; messages composed per recipient
(the weekly digest). Broadcasts themselves are in storage/outbox.py.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.outbox import NewBroadcast, insert_broadcast
from storage.queries import exists, fetch_one
from storage.rows import from_row

# --- the outbox -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One message on its way to one chat."""

    id: int
    broadcast_id: int
    member_id: int | None
    platform: str
    chat_id: int
    payload: dict[str, object] | None
    attempts: int
    language: str
    # Why the last attempt did not get through (None: it is the first attempt).
    error: str | None = None


def _not_in(column: str, values: Collection[int]) -> tuple[str, list[object]]:
    if not values:
        return "", []
    return f" AND {column} NOT IN ({', '.join('?' * len(values))})", list(values)


async def claim_next(
    db: aiosqlite.Connection, platform: str, now: str, busy: Collection[int] = ()
) -> OutboxItem | None:
    """Take the next message due on a platform and mark it in flight ('sending').

    Notices (priority 1) go before broadcast rows, then the oldest first. Chats in `busy`
    (one in flight already, or at their own rate limit) are skipped: their rows wait, and
    nobody else's wait behind them.
    """
    skip, skipped = _not_in("chat_id", busy)
    # Idle workers look often: a plain read first keeps them off the write lock.
    if not await exists(
        db,
        "SELECT 1 FROM outbox WHERE platform = ? AND status = 'pending' "
        f"AND (not_before IS NULL OR not_before <= ?){skip} LIMIT 1",
        (platform, now, *skipped),
    ):
        return None
    skip, skipped = _not_in("o.chat_id", busy)
    async with transaction(db):
        row = await fetch_one(
            db,
            "SELECT o.id, o.broadcast_id, o.member_id, o.platform, o.chat_id, o.payload, "
            "o.attempts, COALESCE(m.language, 'fa') AS language, o.error FROM outbox o "
            "LEFT JOIN members m ON m.id = o.member_id "
            "WHERE o.platform = ? AND o.status = 'pending' "
            f"AND (o.not_before IS NULL OR o.not_before <= ?){skip} "
            "ORDER BY o.priority DESC, o.id LIMIT 1",
            (platform, now, *skipped),
        )
        if row is None:
            return None
        await db.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?",
            (row["id"],),
        )
    payload = row["payload"]
    return from_row(
        OutboxItem,
        row,
        payload=json.loads(payload) if payload else None,
        attempts=row["attempts"] + 1,
    )


async def record_sent(
    db: aiosqlite.Connection, item_id: int, message_id: int, report_id: int | None = None
) -> None:
    """The message arrived; a report card (`report_id`) is remembered in the same step, so
    staff replies to it and its buttons work from the moment it is recorded as sent."""
    async with transaction(db):
        await db.execute(
            "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, error = NULL "
            "WHERE id = ?",
            (message_id, now_iso(), item_id),
        )
        if report_id is not None:
            await db.execute(
                "INSERT INTO report_messages (platform, chat_id, message_id, report_id) "
                "SELECT platform, chat_id, ?, ? FROM outbox WHERE id = ? "
                "ON CONFLICT DO NOTHING",
                (message_id, report_id, item_id),
            )


async def record_retry(
    db: aiosqlite.Connection, item_id: int, not_before: str, error: str, *, counts: bool
) -> None:
    """Send it again later; a rate limit (counts=False) is not the message's fault. Only a
    message still in flight: one cancelled meanwhile (its member deleted their account)
    stays cancelled."""
    async with transaction(db):
        await db.execute(
            "UPDATE outbox SET status = 'pending', not_before = ?, error = ?, "
            "attempts = attempts - ? WHERE id = ? AND status = 'sending'",
            (not_before, error, 0 if counts else 1, item_id),
        )


async def record_undelivered(
    db: aiosqlite.Connection, item: OutboxItem, status: str, error: str
) -> None:
    """Give up on a message; a blocked or vanished chat also stops further broadcasts to it."""
    if status not in ("failed", "blocked", "left", "skipped"):
        raise ValueError(status)
    async with transaction(db):
        # sent_at is when the last attempt ended: here, when the message was given up (the
        # undelivered list shows it).
        cursor = await db.execute(
            "UPDATE outbox SET status = ?, error = ?, sent_at = ? "
            "WHERE id = ? AND status = 'sending'",
            (status, error, now_iso(), item.id),
        )
        if cursor.rowcount == 0:
            return  # cancelled while in flight (the member deleted their account)
        if status in ("blocked", "left") and item.member_id is not None:
            # Until they write to the bot again (handlers/middleware.py reactivates them).
            await db.execute(
                "UPDATE members SET status = 'blocked', updated_at = ? WHERE id = ?",
                (now_iso(), item.member_id),
            )


async def requeue_in_flight(db: aiosqlite.Connection) -> int:
    """After a crash: the messages that were in flight go again (at most one each)."""
    async with transaction(db):
        cursor = await db.execute("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")
    return cursor.rowcount


async def next_due(
    db: aiosqlite.Connection, platform: str, busy: Collection[int] = ()
) -> str | None:
    """When the next pending message on a platform may go (None: nothing pending), leaving
    out the chats in `busy` (their wait is the sender's to know)."""
    skip, skipped = _not_in("chat_id", busy)
    row = await fetch_one(
        db,
        "SELECT MIN(COALESCE(not_before, '')) FROM outbox "
        f"WHERE platform = ? AND status = 'pending'{skip}",
        (platform, *skipped),
    )
    return None if row is None or row[0] is None else str(row[0])


async def owes(db: aiosqlite.Connection, platform: str, chat_id: int, now: str) -> bool:
    """Whether a message to this chat is in flight or due by `now`, or a broadcast this chat
    composed is still sending (its status message is edited until the delivery report)."""
    return await exists(
        db,
        "SELECT 1 FROM outbox WHERE platform = ? AND chat_id = ? AND (status = 'sending' "
        "OR (status = 'pending' AND (not_before IS NULL OR not_before <= ?))) "
        "UNION ALL SELECT 1 FROM broadcasts WHERE status = 'sending' AND owner_platform = ? "
        "AND owner_chat_id = ? LIMIT 1",
        (platform, chat_id, now, platform, chat_id),
    )


# --- messages composed per recipient (the weekly digest) --------------------------------------


@dataclass(frozen=True, slots=True)
class PersonalRow:
    """One recipient's own message: `payload` is {"text", "buttons"?, "photo"?, "caption"?},
    already rendered for their platform (see bot/services/outbox_sender.py `_send_payload`)."""

    platform: str
    chat_id: int
    member_id: int | None
    payload: dict[str, object]


async def enqueue_personal(
    db: aiosqlite.Connection, broadcast_id: int, rows: Iterable[PersonalRow], priority: int = 0
) -> int:
    """Queue per-recipient messages of a broadcast (inside the caller's transaction).

    UNIQUE (broadcast_id, platform, chat_id) keeps one row per chat: queuing again adds none.
    """
    cursor = await db.executemany(
        "INSERT OR IGNORE INTO outbox (broadcast_id, member_id, platform, chat_id, payload, "
        "priority) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                broadcast_id, row.member_id, row.platform, row.chat_id,
                json.dumps(row.payload, ensure_ascii=False), priority,
            )
            for row in rows
        ],
    )  # fmt: skip
    return cursor.rowcount


async def create_personal_broadcast(
    db: aiosqlite.Connection,
    new: NewBroadcast,
    rows: Sequence[PersonalRow],
    files: Sequence[tuple[str, bytes]] = (),
) -> tuple[int, bool]:
    """Store a broadcast already 'sending' with its per-recipient rows, in one transaction.

    Returns (broadcast id, created). Idempotent on the dedupe key: a second call (a job
    firing twice, a run after a restart) creates nothing and queues nothing. Payloads may
    name `files` by position as {"photo": "file:<n>"}; they are stored first and the
    reference becomes the stored file's id.
    """
    async with transaction(db):
        broadcast_id, created = await insert_broadcast(db, new, "sending")
        if created:
            ids: dict[str, int] = {}
            for index, (name, data) in enumerate(files):
                stored = await db.execute(
                    "INSERT INTO outbox_files (broadcast_id, name, data) VALUES (?, ?, ?)",
                    (broadcast_id, name, data),
                )
                assert stored.lastrowid is not None
                ids[f"file:{index}"] = stored.lastrowid
            await enqueue_personal(
                db,
                broadcast_id,
                (
                    PersonalRow(
                        r.platform,
                        r.chat_id,
                        r.member_id,
                        {**r.payload, "photo": ids[str(r.payload["photo"])]}
                        if "photo" in r.payload
                        else r.payload,
                    )
                    for r in rows
                ),
            )
    return broadcast_id, created


async def broadcast_exists(db: aiosqlite.Connection, dedupe_key: str) -> bool:
    """Whether a broadcast with this key was ever created."""
    return await exists(db, "SELECT 1 FROM broadcasts WHERE dedupe_key = ?", (dedupe_key,))


async def outbox_file(db: aiosqlite.Connection, file_id: int) -> tuple[str, bytes] | None:
    """(name, bytes) of a file the bot made for a broadcast."""
    row = await fetch_one(db, "SELECT name, data FROM outbox_files WHERE id = ?", (file_id,))
    return (str(row[0]), bytes(row[1])) if row else None


# --- notices: what the bot owes someone after a stored event -----------------------------------

NOTICE = "notice"
NOTICE_PRIORITY = 1


async def queue_notices(
    db: aiosqlite.Connection,
    owner_platform: str,
    batches: Sequence[tuple[str, Sequence[PersonalRow]]],
    *,
    announced_report: int | None = None,
    announced_consultation: int | None = None,
) -> int:
    """Queue the messages one event owes, in one transaction; return how many were queued.

    Each batch is (dedupe key, rows): one 'notice' broadcast already 'sending', with at most
    one row per chat (a long text split in parts is one batch per part, in order). A key
    that exists queues nothing again. `announced_report` marks that report's cards queued in
    the same transaction (see `unannounced_reports`); `announced_consultation` likewise a
    request for advice's cards for its advisers.
    """
    queued = 0
    now = now_iso()
    async with transaction(db):
        for key, rows in batches:
            cursor = await db.execute(
                "INSERT INTO broadcasts (kind, dedupe_key, created_by, owner_platform, "
                "owner_chat_id, owner_lang, body, audience, status, send_at, created_at, "
                "started_at) VALUES (?, ?, 'system', ?, 0, 'fa', '', '{}', 'sending', ?, ?, ?) "
                "ON CONFLICT (dedupe_key) DO NOTHING",
                (NOTICE, key, owner_platform, now, now, now),
            )
            if cursor.rowcount != 1 or cursor.lastrowid is None:
                continue
            queued += await enqueue_personal(db, cursor.lastrowid, rows, NOTICE_PRIORITY)
        if announced_report is not None:
            await db.execute("UPDATE reports SET announced = 1 WHERE id = ?", (announced_report,))
        if announced_consultation is not None:
            await db.execute(
                "UPDATE consultations SET announced = 1 WHERE id = ?", (announced_consultation,)
            )
    return queued


async def notice_chats(db: aiosqlite.Connection, key: str) -> list[tuple[str, int]]:
    """(platform, chat id) a notice was queued for and not given up on (sent or on its way)."""
    async with db.execute(
        "SELECT o.platform, o.chat_id FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id "
        "WHERE b.dedupe_key = ? AND o.status IN ('pending', 'sending', 'sent') ORDER BY o.id",
        (key,),
    ) as cursor:
        return [(str(r[0]), int(r[1])) for r in await cursor.fetchall()]
