"""Backups that restore: an online backup taken while a broadcast sends, restored into a fresh
folder with `python -m bot restore`, and a bot started on it that finds every report, sign-up,
outbox row and half-finished form; the scheduled backups; bad folders and bad files."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from bot.app import Runtime
from bot.sandbox import BotApiSandbox
from storage.backup import BackupError, backups, check_backup, make_backup
from storage.db import DatabaseInUse
from tests.conftest import ROOT, Khooshe, expect, register, shown, tap, wait_for, walk_to
from tests.test_broadcasts import NEWS, compose
from tests.test_offerings import TITLE, card_of, offer, statuses
from tests.test_reports import POWER_CUT, file_report


async def cli(*args: str, cwd: Path, **settings: str | Path) -> tuple[int, str, str]:
    """`python -m bot <args>` with these settings; (exit status, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    env.update(PYTHONPATH=str(ROOT), **{k.upper(): str(v) for k, v in settings.items()})
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return [tuple(r) for r in connection.execute(sql)]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_backup_taken_during_a_broadcast_restores_everything(
    sandbox: BotApiSandbox, tmp_path: Path
) -> None:
    harness = Khooshe(sandbox, tmp_path)
    platform = harness.platform.value
    # Slow sending, so the backup is taken with the broadcast half-way.
    await harness.start(**{f"{platform}_rate_limit": 4})
    try:
        member = harness.member()
        await register(member)
        code = await file_report(member, POWER_CUT)
        (joiner,) = await harness.seed_members(1)
        offering = await offer(harness)
        await card_of(joiner)
        await tap(joiner, "✍️ ثبت‌نام")
        await tap(joiner, "✅ بله، ثبت‌نام کن")
        assert await statuses(harness, offering) == [(joiner.id, "confirmed")]
        halfway = harness.member()
        await walk_to(halfway, "company", name="رضا کریمی")  # typed a name, asked the company
        readers = await harness.seed_members(30)
        admin = harness.admin()
        await compose(admin)
        await admin.press("ادامه »")
        await expect(admin, "دقیقاً همین‌طور")
        await admin.press("📤 ارسال الان")

        def news_sent() -> int:
            return sum(1 for c in sandbox.calls_to("sendMessage") if c.params.get("text") == NEWS)

        assert await wait_for(lambda: news_sent() >= 5, 30)
        status, out, err = await cli(
            "backup",
            cwd=tmp_path,
            database_path=harness.db_path,
            backup_dir=tmp_path / "backups",
        )
        assert status == 0, err
        (backup,) = backups(tmp_path / "backups")
        assert f"backup written and checked: {backup}" in out
        assert news_sent() < len(readers) + 3, "the broadcast was still sending"
    finally:
        await harness.stop()

    # In the backup: the broadcast half sent, half waiting.
    states = {
        str(status): int(count)  # type: ignore[call-overload]
        for status, count in _rows(backup, "SELECT status, count(*) FROM outbox GROUP BY status")
    }
    assert states.get("sent", 0) >= 5 and states.get("pending", 0) > 0, states

    fresh = tmp_path / "fresh" / "khooshe.db"
    status, out, err = await cli("restore", str(backup), cwd=tmp_path, database_path=fresh)
    assert status == 0, err
    assert f"restored {backup} into {fresh}" in out and "kept as" not in out

    harness.db_path = fresh
    await harness.start()
    try:
        # The report, the sign-up and the member are all there, as the member sees them.
        await member.send_text(f"/track {code}")
        tracked = await expect(member, code)
        assert "قطع برق" in shown(tracked) or "برق" in shown(tracked)
        assert await statuses(harness, offering) == [(joiner.id, "confirmed")]
        await joiner.send_text("🎓 آموزش‌ها و رویدادها")
        assert TITLE in shown(await expect(joiner, "پیش رو"))
        # The half-finished form goes on where it stopped.
        await halfway.send_text("کفش آذر")
        await expect(halfway, "کدام خوشه")
        # The rows still waiting in the backup are sent by the restored bot: everyone has it.
        assert await wait_for(lambda: all(_got(r, NEWS) for r in readers), 60)
        assert await wait_for(lambda: _pending(fresh) == 0, 30)
    finally:
        await harness.stop()


def _got(user: object, text: str) -> bool:
    return any(m.text == text for m in user.messages)  # type: ignore[attr-defined]


def _pending(db: Path) -> int:
    # Waiting or in flight (a card for an admin the sandbox has not met yet ends "failed").
    sql = "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
    ((count,),) = _rows(db, sql)
    return int(count)  # type: ignore[call-overload]


async def test_restore_refuses_while_the_bot_runs_and_keeps_the_replaced_database(
    khooshe: Khooshe, tmp_path: Path
) -> None:
    member = khooshe.member()
    await register(member)
    backup = make_backup(khooshe.db_path, tmp_path / "b", keep=3)
    before = _rows(khooshe.db_path, "SELECT name FROM members")

    status, _, err = await cli("restore", str(backup), cwd=tmp_path, database_path=khooshe.db_path)
    assert status == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert f"is using {khooshe.db_path}: stop it first" in err
    # a second bot on the same database refuses too
    with pytest.raises(DatabaseInUse):
        await Runtime(khooshe.settings()).start()
    await member.send_command("profile")  # the running bot is untouched
    await expect(member, "مریم رضایی")

    await khooshe.stop()
    status, out, err = await cli(
        "restore", str(backup), cwd=tmp_path, database_path=khooshe.db_path
    )
    assert status == 0, err
    (kept,) = khooshe.db_path.parent.glob("khooshe.db.replaced-*[0-9]")
    assert f"kept as {kept}" in out
    assert _rows(kept, "SELECT name FROM members") == before  # the old one, whole
    await khooshe.start()
    assert await khooshe.rows("SELECT name FROM members") == [{"name": "مریم رضایی"}]


async def test_scheduled_backups_keep_the_newest(khooshe: Khooshe, tmp_path: Path) -> None:
    folder = tmp_path / "scheduled"
    folder.mkdir()
    old = []
    for day in range(1, 4):
        path = folder / f"khooshe-2026010{day}-030000.db"
        make_backup(khooshe.db_path, tmp_path / "tmp", keep=10).rename(path)
        os.utime(path, (time.time() - 3 * 86400, time.time() - 3 * 86400))
        old.append(path)
    (folder / "notes.txt").write_text("not a backup: left alone")
    await khooshe.stop()
    # The newest backup is three days old: one is due at start, then daily.
    runtime = await khooshe.start(backup_dir=folder, backup_interval_hours=24, backup_keep=2)
    assert await wait_for(lambda: len(backups(folder)) == 2 and old[1] not in backups(folder), 30)
    kept = backups(folder)
    assert kept[0] == old[2] and kept[1].name > old[2].name
    assert check_backup(kept[1]).version >= 9
    assert (folder / "notes.txt").exists()
    assert not list(folder.glob(".*partial"))
    first = next(iter(runtime.apps.values()))
    assert first.job_queue is not None
    (job,) = first.job_queue.get_jobs_by_name("backup")
    assert job.next_t is not None and job.next_t.timestamp() > time.time() + 23 * 3600


async def test_a_folder_that_cannot_be_written_is_one_line_and_loses_nothing(
    khooshe: Khooshe, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    member = khooshe.member()
    await register(member)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups should go")
    # root may write anywhere: a file in the way is what no user can write into
    status, out, err = await cli(
        "backup", cwd=tmp_path, database_path=khooshe.db_path, backup_dir=blocker / "sub"
    )
    assert status == 1 and out == "" and "Traceback" not in err
    (line,) = err.splitlines()
    assert line.startswith(f"khooshe: backup failed: cannot write backups to {blocker / 'sub'}")
    assert "BACKUP_DIR" in line

    # The scheduled one says the same in one log line, the admin is told, the bot serves on.
    admin = khooshe.admin()
    await khooshe.stop()
    with caplog.at_level(logging.INFO, logger="bot.services.backups"):
        await khooshe.start(backup_dir=blocker / "sub", backup_interval_hours=24)
        assert await wait_for(lambda: "backup failed" in caplog.text, 30)
    (record,) = [r for r in caplog.records if r.name == "bot.services.backups"]
    assert not [r for r in caplog.records if r.exc_info]
    assert record.levelno == logging.ERROR and record.exc_info is None
    assert "cannot write backups to" in record.getMessage()
    alert = await expect(admin, "پشتیبان‌گیری خودکار از پایگاه داده انجام نشد")
    assert "BACKUP_DIR" in shown(alert)
    await member.send_command("profile")
    await expect(member, "مریم رضایی")


async def test_a_bad_backup_file_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    from storage.db import connect

    database = tmp_path / "live" / "khooshe.db"
    db = await connect(database)
    await db.execute("INSERT INTO clusters (code, name_fa, name_en) VALUES ('x', 'ایکس', 'X')")
    await db.close()
    good = make_backup(database, tmp_path / "b", keep=5)
    before = _digest(database)

    damaged = tmp_path / "damaged.db"
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):  # every page after the schema
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    damaged.write_bytes(bytes(data))
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE things (x)")
        connection.execute("PRAGMA user_version = 3")
    newer = tmp_path / "newer.db"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 999")

    for bad, words in [
        (damaged, "is damaged"),
        (not_sqlite, "not a SQLite database"),
        (foreign, "is not a Khooshe database"),
        (newer, "comes from a newer Khooshe"),
        (tmp_path / "missing.db", "there is no file"),
    ]:
        status, out, err = await cli("restore", str(bad), cwd=tmp_path, database_path=database)
        assert status == 1 and out == "", (bad, err)
        (line,) = err.splitlines()
        assert line.startswith("khooshe: ") and words in line, line
        assert _digest(database) == before
        assert {p.name for p in database.parent.iterdir()} <= {"khooshe.db", "khooshe.db.lock"}
    with pytest.raises(BackupError, match="is damaged"):
        check_backup(damaged)
