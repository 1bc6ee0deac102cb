"""Needs assessment: training topics members asked for, their suggestions and votes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.queries import exists, fetch_one


@dataclass(frozen=True, slots=True)
class Topic:
    """A training topic with its demand (votes, overall or within the clusters asked for)."""

    id: int
    title: str
    status: str
    votes: int
    offering_id: int | None


async def open_topics(db: aiosqlite.Connection) -> list[tuple[int, str]]:
    """(id, title and every suggestion's text) of open topics, for similarity."""
    async with db.execute(
        "SELECT t.id, t.title || char(10) || COALESCE(group_concat(s.text, char(10)), '') "
        "FROM topics t LEFT JOIN topic_suggestions s ON s.topic_id = t.id "
        "WHERE t.status = 'open' GROUP BY t.id ORDER BY t.id"
    ) as cursor:
        return [(int(row[0]), str(row[1])) for row in await cursor.fetchall()]


async def suggest(
    db: aiosqlite.Connection,
    member_id: int,
    cluster_code: str,
    text: str,
    join_topic: int | None,
) -> tuple[int, bool]:
    """Store a suggestion: into `join_topic` (a similar open one) or as a new topic; either
    way it counts as the member's vote. Returns (topic id, created)."""
    now = now_iso()
    async with transaction(db):
        topic_id = None
        if join_topic is not None:
            row = await fetch_one(
                db, "SELECT id FROM topics WHERE id = ? AND status = 'open'", (join_topic,)
            )
            topic_id = int(row[0]) if row else None
        created = topic_id is None
        if topic_id is None:
            cursor = await db.execute(
                "INSERT INTO topics (title, created_at) VALUES (?, ?)", (text, now)
            )
            assert cursor.lastrowid is not None
            topic_id = cursor.lastrowid
        await db.execute(
            "INSERT INTO topic_suggestions (topic_id, member_id, text, created_at) "
            "VALUES (?, ?, ?, ?)",
            (topic_id, member_id, text, now),
        )
        await db.execute(
            "INSERT OR IGNORE INTO topic_votes (topic_id, member_id, cluster_code, created_at) "
            "VALUES (?, ?, ?, ?)",
            (topic_id, member_id, cluster_code, now),
        )
    return topic_id, created


async def toggle_vote(
    db: aiosqlite.Connection, topic_id: int, member_id: int, cluster_code: str
) -> bool | None:
    """Vote for an open topic, or take the vote back; the new state (None: not open)."""
    async with transaction(db):
        if not await exists(
            db, "SELECT 1 FROM topics WHERE id = ? AND status = 'open'", (topic_id,)
        ):
            return None
        cursor = await db.execute(
            "DELETE FROM topic_votes WHERE topic_id = ? AND member_id = ?", (topic_id, member_id)
        )
        if cursor.rowcount:
            return False
        await db.execute(
            "INSERT INTO topic_votes (topic_id, member_id, cluster_code, created_at) "
            "VALUES (?, ?, ?, ?)",
            (topic_id, member_id, cluster_code, now_iso()),
        )
    return True


async def ranking(
    db: aiosqlite.Connection, clusters: Iterable[str] | None = None, limit: int = 20
) -> list[Topic]:
    """Open topics by votes (only votes from these clusters, if given), most wanted first."""
    params: list[object] = []
    where = ""
    if clusters is not None:
        codes = list(clusters)
        where = f"AND v.cluster_code IN ({', '.join('?' * len(codes)) or 'NULL'})"
        params.extend(codes)
    async with db.execute(
        "SELECT t.id, t.title, t.status, COUNT(v.member_id) AS votes, t.offering_id "
        f"FROM topics t LEFT JOIN topic_votes v ON v.topic_id = t.id {where} "
        "WHERE t.status = 'open' GROUP BY t.id "
        f"{'HAVING votes > 0' if clusters is not None else ''} "
        "ORDER BY votes DESC, t.id LIMIT ?",
        (*params, limit),
    ) as cursor:
        return [Topic(r[0], r[1], r[2], int(r[3]), r[4]) for r in await cursor.fetchall()]


async def votes_of(db: aiosqlite.Connection, member_id: int) -> set[int]:
    """Topics this member voted for."""
    async with db.execute(
        "SELECT topic_id FROM topic_votes WHERE member_id = ?", (member_id,)
    ) as cursor:
        return {int(row[0]) for row in await cursor.fetchall()}


async def get_topic(db: aiosqlite.Connection, topic_id: int) -> Topic | None:
    """A topic with its overall votes."""
    row = await fetch_one(
        db,
        "SELECT t.id, t.title, t.status, (SELECT COUNT(*) FROM topic_votes v "
        "WHERE v.topic_id = t.id), t.offering_id FROM topics t WHERE t.id = ?",
        (topic_id,),
    )
    return Topic(row[0], row[1], row[2], int(row[3]), row[4]) if row else None


async def topic_clusters(db: aiosqlite.Connection, topic_id: int) -> set[str]:
    """The clusters whose members asked for this topic (its votes')."""
    async with db.execute(
        "SELECT DISTINCT cluster_code FROM topic_votes WHERE topic_id = ?", (topic_id,)
    ) as cursor:
        return {str(row[0]) for row in await cursor.fetchall()}


async def mark_offered(db: aiosqlite.Connection, topic_id: int, offering_id: int) -> None:
    """The topic became an offering: it leaves the open list."""
    async with transaction(db):
        await db.execute(
            "UPDATE topics SET status = 'offered', offering_id = ? WHERE id = ?",
            (offering_id, topic_id),
        )
