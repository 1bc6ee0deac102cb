"""Advisory cores: their topics (report categories and free keywords) and their advisers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.queries import changed_one, exists, fetch_one
from storage.rows import from_row


@dataclass(frozen=True, slots=True)
class Core:
    """One advisory core (هسته مشاوره)."""

    id: int
    name: str
    description: str
    categories: tuple[str, ...]
    keywords: tuple[str, ...]
    group_platform: str | None
    group_chat_id: int | None
    active: bool


@dataclass(frozen=True, slots=True)
class CoreFields:
    """What the /cores form collects."""

    name: str
    description: str
    categories: Sequence[str]
    keywords: Sequence[str]
    group_platform: str | None = None
    group_chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class Adviser:
    """One adviser of one core."""

    core_id: int
    platform: str
    user_id: int


async def _core(db: aiosqlite.Connection, row: aiosqlite.Row) -> Core:
    async with db.execute(
        "SELECT kind, value FROM core_topics WHERE core_id = ? ORDER BY kind, value", (row["id"],)
    ) as cursor:
        topics = [(r["kind"], r["value"]) for r in await cursor.fetchall()]
    return from_row(
        Core,
        row,
        categories=tuple(v for k, v in topics if k == "category"),
        keywords=tuple(v for k, v in topics if k == "keyword"),
    )


async def list_cores(db: aiosqlite.Connection, *, active_only: bool = True) -> list[Core]:
    """Every core, in the order they were created."""
    where = "WHERE active = 1" if active_only else ""
    async with db.execute(f"SELECT * FROM cores {where} ORDER BY id") as cursor:
        rows = await cursor.fetchall()
    return [await _core(db, row) for row in rows]


async def get_core(db: aiosqlite.Connection, core_id: int) -> Core | None:
    """The core with this id."""
    row = await fetch_one(db, "SELECT * FROM cores WHERE id = ?", (core_id,))
    return await _core(db, row) if row else None


async def _set_topics(db: aiosqlite.Connection, core_id: int, fields: CoreFields) -> None:
    await db.execute("DELETE FROM core_topics WHERE core_id = ?", (core_id,))
    await db.executemany(
        "INSERT INTO core_topics (core_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(core_id, "category", c) for c in fields.categories]
        + [(core_id, "keyword", k) for k in fields.keywords],
    )


async def save_core(db: aiosqlite.Connection, fields: CoreFields, core_id: int | None) -> Core:
    """Create a core (core_id None) or replace an existing one's fields; return it.

    Raises ValueError when another core has this name."""
    now = now_iso()
    async with transaction(db):
        if await exists(
            db, "SELECT id FROM cores WHERE name = ? AND id != ?", (fields.name, core_id or 0)
        ):
            raise ValueError("name taken")
        values = (
            fields.name,
            fields.description,
            fields.group_platform,
            fields.group_chat_id,
            now,
        )
        if core_id is None:
            cursor = await db.execute(
                "INSERT INTO cores (name, description, group_platform, group_chat_id, "
                "updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (*values, now),
            )
            assert cursor.lastrowid is not None
            core_id = cursor.lastrowid
        else:
            await db.execute(
                "UPDATE cores SET name = ?, description = ?, group_platform = ?, "
                "group_chat_id = ?, updated_at = ? WHERE id = ?",
                (*values, core_id),
            )
        await _set_topics(db, core_id, fields)
    core = await get_core(db, core_id)
    assert core is not None
    return core


async def grant_adviser(
    db: aiosqlite.Connection, core_id: int, platform: str, user_id: int, granted_by: int
) -> bool:
    """Make a user an adviser of a core; False if they already were."""
    return await changed_one(
        db,
        "INSERT INTO core_advisers (core_id, platform, user_id, granted_by, granted_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (core_id, platform, user_id, granted_by, now_iso()),
    )


async def revoke_adviser(
    db: aiosqlite.Connection, platform: str, user_id: int, core_id: int | None
) -> bool:
    """Take a user's adviser role for one core (or every core); True if there was one."""
    async with transaction(db):
        if core_id is None:
            cursor = await db.execute(
                "DELETE FROM core_advisers WHERE platform = ? AND user_id = ?",
                (platform, user_id),
            )
        else:
            cursor = await db.execute(
                "DELETE FROM core_advisers WHERE platform = ? AND user_id = ? AND core_id = ?",
                (platform, user_id, core_id),
            )
        return cursor.rowcount > 0


async def advisers_of(db: aiosqlite.Connection, core_id: int) -> list[Adviser]:
    """A core's advisers, on both platforms."""
    async with db.execute(
        "SELECT core_id, platform, user_id FROM core_advisers WHERE core_id = ? "
        "ORDER BY platform, user_id",
        (core_id,),
    ) as cursor:
        return [Adviser(r[0], r[1], int(r[2])) for r in await cursor.fetchall()]


async def is_core_chat(db: aiosqlite.Connection, platform: str, chat_id: int) -> bool:
    """Whether this chat is an active core's group chat."""
    return await exists(
        db,
        "SELECT 1 FROM cores WHERE group_platform = ? AND group_chat_id = ? AND active = 1",
        (platform, chat_id),
    )
