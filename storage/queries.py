"""Statements every table family writes the same way, written once: one row, whether there
is one, one row changed, a count, a row stored once per dedupe key, and a file id kept per
platform (a file uploaded on one platform gets another id on the other). Table names come
from the calling module, never from input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import aiosqlite

from storage.db import transaction

# Reads take one trip to the connection's thread (execute_fetchall): a cursor block and a
# fetch take three (execute, fetch, close), and at a peak every trip queues behind the others.
Params = Iterable[object] | Mapping[str, object]


async def fetch_all(
    db: aiosqlite.Connection, sql: str, params: Params = ()
) -> list[aiosqlite.Row]:
    """Every row `sql` finds."""
    return list(await db.execute_fetchall(sql, params))


async def fetch_one(
    db: aiosqlite.Connection, sql: str, params: Params = ()
) -> aiosqlite.Row | None:
    """The first row `sql` finds (None: none)."""
    return next(iter(await db.execute_fetchall(sql, params)), None)


async def exists(db: aiosqlite.Connection, sql: str, params: Params = ()) -> bool:
    """Whether `sql` finds a row."""
    return await fetch_one(db, sql, params) is not None


async def changed_one(db: aiosqlite.Connection, sql: str, params: Params = ()) -> bool:
    """Run one write in a transaction of its own; whether it changed exactly one row (False:
    the row is gone, or not in the state the statement changes it from)."""
    async with transaction(db):
        cursor = await db.execute(sql, params)
    return cursor.rowcount == 1


async def count(db: aiosqlite.Connection, sql: str, *params: object) -> int:
    """The number a `SELECT COUNT(*) …` gives (0 when it gives no row)."""
    row = await fetch_one(db, sql, params)
    return int(row[0]) if row else 0


async def insert_once(
    db: aiosqlite.Connection, table: str, dedupe_key: str, row: Mapping[str, object]
) -> tuple[int, bool]:
    """Inside the caller's transaction: store `row` (column → value) in `table` with
    `dedupe_key` unless that key is taken already; return (the row's id, created). A second
    tap on the same confirm button finds the first row."""
    values = {**row, "dedupe_key": dedupe_key}
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    cursor = await db.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT (dedupe_key) DO NOTHING",
        tuple(values.values()),
    )
    created = cursor.rowcount == 1
    async with db.execute(f"SELECT id FROM {table} WHERE dedupe_key = ?", (dedupe_key,)) as found:
        stored = await found.fetchone()
    assert stored is not None
    return int(stored[0]), created


async def platform_file_id(
    db: aiosqlite.Connection, table: str, owner: str, owner_id: int, platform: str
) -> str | None:
    """The file id of `owner_id`'s file on `platform` (a row of `table`), once it exists."""
    async with db.execute(
        f"SELECT file_id FROM {table} WHERE {owner} = ? AND platform = ?", (owner_id, platform)
    ) as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def remember_platform_file_id(
    db: aiosqlite.Connection, table: str, owner: str, owner_id: int, platform: str, file_id: str
) -> None:
    """Keep the file id the first upload on `platform` produced (a later one is ignored)."""
    async with transaction(db):
        await db.execute(
            f"INSERT OR IGNORE INTO {table} ({owner}, platform, file_id) VALUES (?, ?, ?)",
            (owner_id, platform, file_id),
        )
