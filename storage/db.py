"""The one database connection: open, pragmas, numbered migrations."""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every shipped migration, in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001, 0002, … without gaps: {versions}")
    return found


async def migrate(db: aiosqlite.Connection) -> int:
    """Apply migrations newer than `PRAGMA user_version`; return the resulting version."""
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    known = migrations()
    if known and current > known[-1][0]:
        raise RuntimeError(
            f"the database is at version {current}, newer than this code ({known[-1][0]})"
        )
    for version, name, sql in known:
        if version <= current:
            continue
        log.info("applying migration %s", name)
        # executescript commits first, so wrap the script itself in one transaction:
        # a failing migration leaves the previous version intact.
        try:
            await db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
        except Exception:
            if db.in_transaction:
                await db.rollback()
            raise
        current = version
    return current


async def connect(path: Path) -> aiosqlite.Connection:
    """Open the database (creating its folder), set pragmas and migrate it."""
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    db = await aiosqlite.connect(path, isolation_level=None)
    db.row_factory = aiosqlite.Row
    await db.execute("PRAGMA journal_mode = WAL")
    await db.execute("PRAGMA foreign_keys = ON")
    await db.execute("PRAGMA busy_timeout = 5000")
    await db.execute("PRAGMA synchronous = NORMAL")
    await migrate(db)
    return db


_write_locks: weakref.WeakKeyDictionary[aiosqlite.Connection, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


@asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    """Run writes as one transaction.

    Every coroutine shares one connection, so an open transaction would otherwise swallow
    another coroutine's statements (and lose them on rollback): writers queue on one lock.
    """
    lock = _write_locks.setdefault(db, asyncio.Lock())
    async with lock:
        await db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            await db.commit()
        except BaseException:
            # A failed rollback must not hide the error that caused it.
            with suppress(Exception):
                await db.rollback()
            raise
