"""The one database connection: open, pragmas, numbered migrations."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import re
import sqlite3
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class DatabaseUnavailable(Exception):
    """The database cannot be opened or brought up to date.

    Its message is one line for the operator: what is wrong and what to do. `python -m bot`
    prints it and exits non-zero instead of a traceback.
    """


class DatabaseInUse(DatabaseUnavailable):
    """Another process holds the database's lock (a running bot, or a restore)."""


class DatabaseLock:
    """Who uses a database: a lock file beside it (`<name>.lock`), held while a bot runs.

    The running bot holds an exclusive `flock` on it for its whole life; the kernel drops the
    lock when the process ends however it ends (kill -9 included), so a stale file never
    blocks anything. `python -m bot restore` takes the same lock, and so refuses to replace
    the database under a running bot; a second bot on the same database refuses to start.
    The file holds the holder's process id, for the message.
    """

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = Path(f"{database}.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise DatabaseUnavailable naming who holds it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseUnavailable(
                f"cannot create the lock file {self.path} ({exc.strerror or exc}): make "
                f"{self.path.parent} writable by this user"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise DatabaseInUse(
                f"a Khooshe bot (process {holder}) is using {self.database}: "
                "stop it first (e.g. systemctl stop khooshe)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Let go (the file stays: removing it could race another process taking it)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None


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
        raise DatabaseUnavailable(
            f"the database is at version {current}, newer than this code ({known[-1][0]}): "
            "run the Khooshe release that upgraded it, or restore a backup made before"
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
    """Open the database (creating its folder), set pragmas and migrate it.

    Any failure is a `DatabaseUnavailable` saying what to do, and leaves no connection open:
    aiosqlite's worker thread is not a daemon, so a connection left open after a failed
    migration would keep the process alive (and looking healthy to a supervisor) for ever.
    """
    prepare_folder(path)
    try:
        # Plain sqlite3 first: a failed aiosqlite.connect leaves its thread to report to a
        # loop that may be closed by then (a traceback after our one line).
        await asyncio.to_thread(_check_writable, path)
        db = await aiosqlite.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise _unavailable(path, exc) from exc
    try:
        db.row_factory = aiosqlite.Row
        await db.execute("PRAGMA journal_mode = WAL")
        await db.execute("PRAGMA foreign_keys = ON")
        await db.execute("PRAGMA busy_timeout = 5000")
        await db.execute("PRAGMA synchronous = NORMAL")
        await migrate(db)
    except BaseException as exc:
        with suppress(Exception):
            await db.close()
        if isinstance(exc, sqlite3.Error):
            raise _unavailable(path, exc) from exc
        raise
    return db


def prepare_folder(path: Path) -> None:
    """Create the database's folder, or say in one line why it cannot be."""
    if str(path) == ":memory:":
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"cannot create the folder {path.parent} for the database "
            f"({exc.strerror or exc}): set DATABASE_PATH to a writable place"
        ) from exc


def _check_writable(path: Path) -> None:
    """Open the file and try a write that is rolled back.

    SQLite opens a file it may not write read-only, without an error, and even BEGIN
    IMMEDIATE succeeds on it: only a real write tells, and it must fail here, not in the
    first member's handler.
    """
    if str(path) == ":memory:":
        return
    if path.is_dir():
        raise DatabaseUnavailable(
            f"DATABASE_PATH {path} is a folder: name a file in it, e.g. {path / 'khooshe.db'}"
        )
    connection = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(f"PRAGMA user_version = {int(version)}")
        finally:
            connection.execute("ROLLBACK")
    finally:
        connection.close()


def _unavailable(path: Path, exc: sqlite3.Error) -> DatabaseUnavailable:
    """SQLite's error as one line an operator can act on."""
    reason = str(exc)
    folder = path.parent
    if "readonly" in reason or "read-only" in reason:
        advice = (
            f"make {path} and its folder {folder} writable by this user "
            f"(SQLite also writes {path.name}-wal and {path.name}-shm beside it)"
        )
    elif "unable to open" in reason:
        advice = (
            f"check that {folder} exists and this user may create files in it "
            "(or set DATABASE_PATH to a writable place)"
        )
    elif "locked" in reason or "busy" in reason:
        advice = "another process holds it (a second Khooshe?): stop that one and start again"
    elif "not a database" in reason or "malformed" in reason:
        advice = "point DATABASE_PATH at Khooshe's database, or restore it from a backup"
    else:
        advice = f"check the file and the disk it is on ({folder})"
    return DatabaseUnavailable(f"cannot use the database {path} ({reason}): {advice}")


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
        try:
            # Inside the try: a caller cancelled while waiting for BEGIN (a platform stopping
            # its outbox workers) leaves the BEGIN queued on the connection's thread, where it
            # still runs; the rollback below is queued after it and closes what it opened.
            # Outside, the connection stayed in a transaction and every later write failed.
            await db.execute("BEGIN IMMEDIATE")
            yield db
            await db.commit()
        except BaseException:
            # A failed rollback must not hide the error that caused it.
            with suppress(Exception):
                await db.rollback()
            raise
