"""Start-up failures and refused tokens: one clear line, a non-zero exit, never alive and deaf.

The database cases run the real `python -m bot` under a timeout. Tests run as root here, and
root ignores permission bits, so "read-only" is made with `chattr +i` (an immutable file or
folder: no write, create or delete, for root too); as another user plain chmod does it.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.app import Runtime
from bot.sandbox import BotApiSandbox
from bot.settings import Platform
from storage.db import connect
from storage.members import NewMember, register_member
from tests.conftest import (
    ADMIN_ID,
    Khooshe,
    announcement,
    both_platforms,
    expect,
    spawn_bot,
    wait_for,
)

# Generous for a loaded 2-core machine; a hang is what these tests catch, not slowness.
EXIT_WITHIN = 60.0


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable in a way this process respects."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("root ignores permissions and chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


async def _migrated(path: Path) -> None:
    db = await connect(path)
    await db.close()


async def _run_to_exit(
    bale: BotApiSandbox, token: str, db: Path, **settings: str
) -> tuple[int, list[str]]:
    """Run `python -m bot` until it exits by itself; (exit code, stderr lines)."""
    process = await spawn_bot(bale, token, db, stderr=True, settings=settings)
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), EXIT_WITHIN)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError("python -m bot did not exit") from None
    assert process.returncode is not None
    return process.returncode, stderr.decode().splitlines()


def _one_line(lines: list[str]) -> str:
    """The operator's line: exactly one, and no traceback anywhere."""
    assert not any("Traceback" in line for line in lines), "\n".join(lines)
    ours = [line for line in lines if line.startswith("khooshe:")]
    assert len(ours) == 1, "\n".join(lines)
    return ours[0]


def _newer(db: Path) -> Path:
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 999")
    return db


async def test_a_database_newer_than_the_code_exits_with_one_line(tmp_path: Path) -> None:
    db = _newer(tmp_path / "newer.db")
    async with BotApiSandbox("bale") as bale:
        code, lines = await _run_to_exit(bale, bale.make_token(81), db)
    line = _one_line(lines)
    assert code != 0
    assert "version 999" in line and "newer than this code" in line and "backup" in line
    assert not bale.calls_to("getMe")  # it stopped before reaching any platform


async def test_a_database_path_under_a_file_exits_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    async with BotApiSandbox("bale") as bale:
        code, lines = await _run_to_exit(bale, bale.make_token(82), tmp_path / "a-file" / "k.db")
    line = _one_line(lines)
    assert code != 0
    assert "a-file" in line and "DATABASE_PATH" in line


async def test_a_file_that_is_not_a_database_exits_with_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"these are not the pages you are looking for " * 100)
    async with BotApiSandbox("bale") as bale:
        code, lines = await _run_to_exit(bale, bale.make_token(83), junk)
    line = _one_line(lines)
    assert code != 0 and "not a database" in line and "backup" in line


async def test_a_folder_as_the_database_path_exits_with_one_line(tmp_path: Path) -> None:
    async with BotApiSandbox("bale") as bale:
        code, lines = await _run_to_exit(bale, bale.make_token(80), tmp_path)
    line = _one_line(lines)
    assert code != 0 and "is a folder" in line and "khooshe.db" in line


@pytest.mark.parametrize("existing", [False, True], ids=["new-database", "existing-database"])
async def test_a_read_only_folder_exits_with_one_line(tmp_path: Path, existing: bool) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if existing:
        await _migrated(folder / "k.db")  # closed cleanly: no -wal/-shm left to reuse
    async with BotApiSandbox("bale") as bale:
        with read_only(folder):
            code, lines = await _run_to_exit(bale, bale.make_token(84), folder / "k.db")
    line = _one_line(lines)
    assert code != 0 and str(folder) in line and "writable" in line
    assert (folder / "k.db").exists() == existing


@pytest.mark.parametrize("migrated", [True, False], ids=["up-to-date", "needs-migrations"])
async def test_a_read_only_database_file_exits_with_one_line(
    tmp_path: Path, migrated: bool
) -> None:
    db = tmp_path / "k.db"
    if migrated:
        await _migrated(db)  # SQLite opens it read-only without a word: only a write tells
    else:
        sqlite3.connect(db).close()
    async with BotApiSandbox("bale") as bale:
        with read_only(db):
            code, lines = await _run_to_exit(bale, bale.make_token(85), db)
    line = _one_line(lines)
    assert code != 0 and "readonly" in line and "writable" in line


# --- refused tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", [401, 403])
async def test_a_refused_token_at_start_exits_non_zero(tmp_path: Path, code: int) -> None:
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(86)
        bale.revoke(token, code)  # 403 "Bad Request: Token not found" is Bale's answer (2026)
        exit_code, lines = await _run_to_exit(bale, token, tmp_path / "k.db")
    line = _one_line(lines)
    assert exit_code == 2 and "refused" in line and "BALE_TOKEN" in line
    assert not any(token in line for line in lines)
    assert len(bale.calls_to("getMe")) == 1  # not retried for ever


@pytest.mark.parametrize("code", [401, 403])
async def test_a_token_refused_while_polling_exits_non_zero(tmp_path: Path, code: int) -> None:
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(87)
        process = await spawn_bot(bale, token, tmp_path / "k.db", stderr=True)
        try:
            assert await wait_for(lambda: bool(bale.calls_to("getUpdates")), EXIT_WITHIN)
            bale.revoke(token, code)
            _, stderr = await asyncio.wait_for(process.communicate(), EXIT_WITHIN)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    lines = stderr.decode().splitlines()
    assert process.returncode == 2, "\n".join(lines)
    assert _one_line(lines).startswith("khooshe: no platform is left serving")
    assert any("refused the token" in line and "BALE_TOKEN" in line for line in lines)
    assert not any(token in line for line in lines)


@pytest.mark.parametrize("refused", [Platform.BALE, Platform.TELEGRAM])
async def test_a_refused_token_stops_that_platform_and_the_other_tells_its_admins(
    tmp_path: Path, refused: Platform
) -> None:
    async with BotApiSandbox("telegram") as tg, BotApiSandbox("bale") as bale:
        settings = both_platforms(
            tmp_path, tg, bale, admins=f"telegram:{ADMIN_ID},bale:{ADMIN_ID}"
        )
        sandboxes = {Platform.TELEGRAM: tg, Platform.BALE: bale}
        other = Platform.TELEGRAM if refused is Platform.BALE else Platform.BALE
        dead, alive = sandboxes[refused], sandboxes[other]
        dead_token = settings.token(refused).get_secret_value()  # type: ignore[union-attr]
        alive_token = settings.token(other).get_secret_value()  # type: ignore[union-attr]
        runtime = Runtime(settings)
        await runtime.start()
        try:
            assert runtime.db is not None and runtime.outbox is not None
            members = [5_100_000_001 + i for i in range(3)]
            for user_id in members:
                new = NewMember(
                    name="عضو", company="واحد", cluster_code="leather_shoes", estate_code=None,
                    phone=f"+98912{user_id % 10_000_000:07d}", phone_verified=True,
                    job_role="owner",
                )  # fmt: skip
                await register_member(runtime.db, refused.value, user_id, user_id, new)
            dead.revoke(dead_token)  # Bale: 403 "Bad Request: Token not found"; Telegram: 401
            await runtime.outbox.submit(announcement(other.value, "خبر تازه", "refused"))
            admin = alive.user(user_id=ADMIN_ID, token=alive_token)
            alert = await expect(admin, "پذیرفته نشد", wait=30)
            assert ("بله" if refused is Platform.BALE else "تلگرام") in (alert.text or "")
            assert runtime.serving == {other} and not runtime.finished.is_set()

            # members on the refused platform are not "blocked" or "gone": their rows wait
            async with runtime.db.execute(
                "SELECT status FROM members WHERE platform = ?", (refused.value,)
            ) as cursor:
                assert {row[0] for row in await cursor.fetchall()} == {"active"}
            async with runtime.db.execute(
                "SELECT status FROM outbox WHERE platform = ?", (refused.value,)
            ) as cursor:
                statuses = {row[0] for row in await cursor.fetchall()}
            assert statuses and statuses <= {"pending", "sending"}, statuses

            # the other platform still serves
            member = alive.user(token=alive_token)
            await member.send_command("start")
            await expect(member, "نام و نام خانوادگی", wait=20)
            # and the refused one is not polled any more, once it was refused
            assert await wait_for(lambda: dead.calls_to("getUpdates")[-1].error_code, 20)
            polls = len(dead.calls_to("getUpdates"))
            await member.send_text("مریم رضایی")
            await expect(member, "شرکت", wait=20)
            assert len(dead.calls_to("getUpdates")) == polls
        finally:
            await runtime.stop()


def test_bales_token_not_found_reads_as_a_refused_token_not_a_blocked_member() -> None:
    from bot.platforms import fix_response

    def answer(code: int, description: str) -> int:
        body = {"ok": False, "error_code": code, "description": description}
        return fix_response("sendMessage", code, json.dumps(body).encode())[0]

    assert answer(403, "Bad Request: Token not found") == 401  # PTB: InvalidToken
    assert answer(403, "Forbidden: bot was blocked by the user") == 403  # still Forbidden
    assert answer(401, "Unauthorized") == 401


async def test_a_missing_data_file_exits_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-holidays.csv"
    async with BotApiSandbox("bale") as bale:
        code, lines = await _run_to_exit(
            bale, bale.make_token(88), tmp_path / "k.db", holidays_file=str(missing)
        )
    line = _one_line(lines)
    assert code == 1 and str(missing) in line and "HOLIDAYS_FILE" in line


async def test_one_stray_401_on_get_updates_does_not_leave_the_bot_deaf(khooshe: Khooshe) -> None:
    # PTB stops polling for good on a 401; getMe says the token is fine, so polling resumes.
    khooshe.sandbox.inject("getUpdates", error=401)
    polls = khooshe.sandbox.calls_to
    assert await wait_for(lambda: any(c.error_code == 401 for c in polls("getUpdates")), 20)
    user = khooshe.member()
    await user.send_command("start")
    await expect(user, "نام و نام خانوادگی", wait=20)
    assert khooshe.runtime is not None and khooshe.runtime.serving == {khooshe.platform}
    assert not khooshe.runtime.finished.is_set()
