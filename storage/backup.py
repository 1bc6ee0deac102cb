"""Backups of the live database, their checks, and restoring one into a stopped bot's place.

A backup is made with SQLite's online backup API from a connection of its own, in a worker
thread: it reads one consistent snapshot while the bot goes on writing (WAL: readers and the
writer do not block each other), and the bot's own connection is never held up. A file copy
of a live database could catch a half-written page or miss what is still in its `-wal` file,
so none is ever made. The copy is written under a temporary name, checked with
`PRAGMA integrity_check`, flushed to disk and only then renamed to `khooshe-<UTC time>.db`:
a backup that is there is whole.

Restoring checks the file first (a SQLite database, intact, with the tables of the Khooshe
migrations it claims, not newer than this code), refuses while a bot holds the database's lock
(storage/db.py `DatabaseLock`), and keeps the database it replaces beside it.

Every failure is a `BackupError` whose message is one line for the operator.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storage.db import DatabaseLock, DatabaseUnavailable, migrations

BACKUP_NAME = re.compile(r"^khooshe-\d{8}-\d{6}(?:-\d+)?\.db$")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is one line saying why."""


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds."""

    path: Path
    version: int  # its migrations (PRAGMA user_version)
    size: int


def backups(folder: Path) -> list[Path]:
    """The backups in a folder, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if BACKUP_NAME.match(p.name))


def make_backup(database: Path, folder: Path, keep: int, now: datetime | None = None) -> Path:
    """Back the database up into `folder`, keep the newest `keep` backups; return the new one.

    Blocking: call it in a worker thread from async code.
    """
    if not database.is_file():
        raise BackupError(f"there is no database at {database} to back up (DATABASE_PATH)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(folder, exc) from exc
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = folder / f"khooshe-{stamp}.db"
    n = 1
    while target.exists():  # two in one second (a manual one beside the scheduled one)
        n += 1
        target = folder / f"khooshe-{stamp}-{n}.db"
    partial = folder / f".{target.name}.partial"
    try:
        _copy(database, partial)
        problem = _integrity(partial)
        if problem is not None:
            raise BackupError(
                f"the backup of {database} failed its integrity check ({problem}): the "
                "database itself may be damaged; run `python -m bot check`"
            )
        _fsync(partial)
        os.replace(partial, target)
        _fsync(folder)
    except OSError as exc:
        raise _unwritable(folder, exc) from exc
    except sqlite3.Error as exc:
        raise BackupError(f"cannot back up {database} ({exc})") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    for old in backups(folder)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def check_backup(path: Path) -> BackupInfo:
    """That a file is an intact Khooshe database this code can run; raises BackupError."""
    if not path.is_file():
        raise BackupError(f"there is no file {path}")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open {path} ({exc})") from exc
    try:
        try:
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.Error as exc:
            if "malformed" in str(exc):
                raise BackupError(f"{path} is damaged ({exc}): use another backup") from exc
            raise BackupError(
                f"{path} is not a Khooshe backup: not a SQLite database ({exc})"
            ) from exc
        problem = _integrity_of(connection)
    finally:
        connection.close()
    if problem is not None:
        raise BackupError(f"{path} is damaged (integrity check: {problem}): use another backup")
    known = migrations()
    latest = known[-1][0]
    if version > latest:
        raise BackupError(
            f"{path} comes from a newer Khooshe (database version {version}, this code knows "
            f"{latest}): restore it with that release"
        )
    missing = _tables_at(version) - tables
    if version < 1 or missing:
        raise BackupError(
            f"{path} is not a Khooshe database (version {version}"
            + (f", missing {', '.join(sorted(missing))}" if missing and version else "")
            + ")"
        )
    return BackupInfo(path, int(version), path.stat().st_size)


def restore(backup: Path, database: Path, now: datetime | None = None) -> Path | None:
    """Put a checked backup in the database's place; return where the replaced one was kept.

    Refuses (BackupError) while a bot holds the database's lock. The database it replaces
    (with its -wal file, which may hold its last writes) is renamed, never deleted.
    """
    check_backup(backup)
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create {database.parent} ({exc.strerror or exc})") from exc
    lock = DatabaseLock(database)
    try:
        lock.acquire()
    except DatabaseUnavailable as exc:
        raise BackupError(f"not restored: {exc}") from exc
    try:
        incoming = database.with_name(f".{database.name}.restoring")
        try:
            _copy(backup, incoming)
            _fsync(incoming)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                incoming.unlink()
            raise BackupError(
                f"cannot write {incoming} ({exc}): nothing was changed; free space or make "
                f"{database.parent} writable"
            ) from exc
        kept: Path | None = None
        if database.exists():
            stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
            kept = database.with_name(f"{database.name}.replaced-{stamp}")
            # The -wal file may hold the last committed writes: it moves with its database,
            # under the name SQLite will look for beside the kept copy.
            for suffix in ("-wal", "-shm", ""):
                old = Path(f"{database}{suffix}")
                if old.exists():
                    os.replace(old, Path(f"{kept}{suffix}"))
        os.replace(incoming, database)
        _fsync(database.parent)
        return kept
    finally:
        lock.release()


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of `source` (live or not) into a new file, by the backup API."""
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    # Not read-only: a read-only connection could not remove the -wal and -shm files it
    # makes beside a stopped bot's database. It only reads.
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # every page in one step: one snapshot
            # A file on its own, no -wal beside it: the copy keeps no WAL mode.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _integrity(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _integrity_of(connection)
    finally:
        connection.close()


def _integrity_of(connection: sqlite3.Connection) -> str | None:
    """None when `PRAGMA integrity_check` says ok; otherwise its first complaint."""
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    return None if rows == [("ok",)] else str(rows[0][0])


def _tables_at(version: int) -> set[str]:
    """The tables the shipped migrations create up to `version`."""
    connection = sqlite3.connect(":memory:")
    try:
        for number, _, sql in migrations():
            if number <= version:
                connection.executescript(sql)
        return {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk, so a rename survives a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unwritable(folder: Path, exc: OSError) -> BackupError:
    return BackupError(
        f"cannot write backups to {folder} ({exc.strerror or exc}): set BACKUP_DIR to a "
        "folder this user may write (ideally on another disk); nothing was changed"
    )
