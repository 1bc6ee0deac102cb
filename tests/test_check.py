"""`python -m bot check` against the sandbox: a good configuration passes every check, a broken
one fails exactly the checks that are broken, one line each, with no traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.sandbox import BotApiSandbox
from storage.db import connect
from tests.conftest import BALE_BOT, TELEGRAM_BOT, free_port
from tests.loopback_proxy import LoopbackProxy
from tests.test_backup import cli


def _lines(out: str) -> dict[str, str]:
    """{check name: whole line}; every line is `ok   name: …` or `FAIL name: …`."""
    found = {}
    for line in out.splitlines():
        assert line.startswith(("ok   ", "FAIL ")), line
        found[line[5:].split(":", 1)[0]] = line
    return found


async def _database(path: Path) -> None:
    db = await connect(path)
    await db.close()


async def test_a_good_configuration_passes_every_check(tmp_path: Path) -> None:
    database = tmp_path / "data" / "khooshe.db"
    await _database(database)
    async with (
        BotApiSandbox("telegram") as tg,
        BotApiSandbox("bale") as bale,
        LoopbackProxy() as proxy,
    ):
        group = bale.group(title="ستاد خوشه‌ها", token=bale.make_token(BALE_BOT))
        status, out, err = await cli(
            "check",
            cwd=tmp_path,
            telegram_token=tg.make_token(TELEGRAM_BOT),
            telegram_base_url=tg.base_url,
            telegram_base_file_url=tg.base_file_url,
            telegram_proxy=proxy.url("socks5"),
            bale_token=bale.make_token(BALE_BOT),
            bale_base_url=bale.base_url,
            bale_base_file_url=bale.base_file_url,
            bale_staff_chat_id=str(group.id),
            database_path=database,
        )
    assert status == 0, out + err
    lines = _lines(out)
    assert list(lines) == [
        "settings",
        "bale token",
        "telegram token",
        "bale staff chat",
        "database",
        "clusters file",
        "lexicon file",
        "problem types",
        "learned categories",
        "learned me too",
        "Azerbaijani words",
        "English words",
        "names",
        "holidays file",
        "outside bodies file",
        "backup folder",
    ]
    assert all(line.startswith("ok   ") for line in lines.values())
    assert "telegram through TELEGRAM_PROXY" in lines["settings"]
    assert "@khooshe_bot" in lines["telegram token"]
    assert "ستاد خوشه‌ها" in lines["bale staff chat"]
    assert "migrations current" in lines["database"]
    # getMe on Telegram went through its proxy; Bale's went straight
    assert [c.method for c in tg.calls] == ["getMe"]
    assert tg.calls[0].peer is not None and tg.calls[0].peer[1] in proxy.upstream_ports
    assert [c.method for c in bale.calls] == ["getMe", "getChat"]
    assert err == ""
    assert (tmp_path / "data" / "backups").is_dir()


async def test_a_broken_configuration_fails_each_broken_check(tmp_path: Path) -> None:
    database = tmp_path / "newer.db"
    await _database(database)
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA user_version = 999")
    clusters = tmp_path / "clusters.csv"
    clusters.write_text("kind,code\ncluster,x\n", encoding="utf-8")
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    port = free_port()
    async with BotApiSandbox("telegram") as tg, BotApiSandbox("bale") as bale:
        token = bale.make_token(BALE_BOT)
        bale.revoke(token, 403)  # Bale's "Token not found"
        status, out, err = await cli(
            "check",
            cwd=tmp_path,
            telegram_token=tg.make_token(TELEGRAM_BOT),
            telegram_base_url=tg.base_url,
            telegram_proxy=f"http://me:hunter2secret@127.0.0.1:{port}",
            telegram_staff_chat_id="-100123",
            bale_token=token,
            bale_base_url=bale.base_url,
            database_path=database,
            clusters_file=clusters,
            holidays_file=tmp_path / "missing.csv",
            backup_dir=in_the_way / "backups",
        )
    assert status == 1
    assert "Traceback" not in out + err and "hunter2secret" not in out + err
    assert token not in out + err
    lines = _lines(out)
    passed = {name for name, line in lines.items() if line.startswith("ok")}
    assert passed == {
        "settings",
        "lexicon file",
        "problem types",
        "learned categories",
        "learned me too",
        "Azerbaijani words",
        "English words",
        "names",
        "outside bodies file",
    }
    assert "refused by the server: put a valid BALE_TOKEN" in lines["bale token"]
    assert (
        f"cannot reach its proxy TELEGRAM_PROXY=http://127.0.0.1:{port} (connection refused)"
        in lines["telegram token"]
    )
    assert "-100123 not reachable" in lines["telegram staff chat"]
    assert "TELEGRAM_STAFF_CHAT_ID" in lines["telegram staff chat"]
    assert "version 999, newer than this code" in lines["database"]
    assert "clusters.csv" in lines["clusters file"]
    assert "check HOLIDAYS_FILE" in lines["holidays file"]
    assert "check BACKUP_DIR" in lines["backup folder"]
    assert tg.calls == []  # nothing went around the proxy
    with sqlite3.connect(database) as connection:  # only read
        assert connection.execute("PRAGMA user_version").fetchone() == (999,)


async def test_settings_that_do_not_parse_are_one_failed_line(tmp_path: Path) -> None:
    status, out, err = await cli(
        "check", cwd=tmp_path, log_level="LOUD", bale_proxy="ftp://u:hunter2secret@h:1"
    )
    assert status == 1 and err == ""
    (line,) = out.splitlines()
    assert line.startswith("FAIL settings: ") and "LOG_LEVEL" in line and "BALE_PROXY" in line
    assert "hunter2secret" not in line


async def test_no_database_yet_is_not_a_failure_and_is_not_created(tmp_path: Path) -> None:
    async with BotApiSandbox("bale") as bale:
        status, out, _ = await cli(
            "check",
            cwd=tmp_path,
            bale_token=bale.make_token(BALE_BOT),
            bale_base_url=bale.base_url,
            database_path=tmp_path / "new" / "khooshe.db",
        )
    assert status == 0, out
    assert "created (version" in _lines(out)["database"]
    assert not (tmp_path / "new" / "khooshe.db").exists()
