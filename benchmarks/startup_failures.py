"""How fast `python -m bot` gives up, and how it says so, when it cannot serve.

Run by hand: `python -m benchmarks.startup_failures`. For each case prints the seconds from
spawning the process to its exit (or to its exit after the token is revoked while polling),
the exit status, and how many stderr lines start with "khooshe:" (one is the goal).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.sandbox import BotApiSandbox

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120.0


def _newer(folder: Path) -> Path:
    db = folder / "newer.db"
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 999")
    return db


def _under_a_file(folder: Path) -> Path:
    (folder / "a-file").write_text("not a folder")
    return folder / "a-file" / "k.db"


def _not_a_database(folder: Path) -> Path:
    junk = folder / "junk.db"
    junk.write_bytes(b"junk " * 1000)
    return junk


CASES: dict[str, Callable[[Path], Path]] = {
    "database newer than the code": _newer,
    "database path under a file": _under_a_file,
    "file that is not a database": _not_a_database,
    "folder as the database path": lambda folder: folder,
    "token refused at start (403)": lambda folder: folder / "k.db",
    "token revoked while polling (403)": lambda folder: folder / "k.db",
}


async def _until(predicate: Callable[[], bool]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while loop.time() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.05)


async def one_case(name: str, make_db: Callable[[Path], Path]) -> tuple[float, int | None, int]:
    """(seconds to exit, exit status, lines starting with "khooshe:")."""
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(77)
        if "at start" in name:
            bale.revoke(token, 403)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            env = bale.bot_env(token, make_db(folder))
            start = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=folder, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            if "while polling" in name:
                await _until(lambda: bool(bale.calls_to("getUpdates")))
                start = time.perf_counter()
                bale.revoke(token, 403)
            try:
                _, stderr = await asyncio.wait_for(process.communicate(), TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()
                return TIMEOUT, None, 0
            seconds = time.perf_counter() - start
    ours = [line for line in stderr.decode().splitlines() if line.startswith("khooshe:")]
    return seconds, process.returncode, len(ours)


async def main() -> None:
    """Run every case once and print a table."""
    print(f"{'case':<36} {'seconds':>8} {'status':>7} {'lines':>6}")
    for name, make_db in CASES.items():
        seconds, status, lines = await one_case(name, make_db)
        print(f"{name:<36} {seconds:>8.2f} {status!s:>7} {lines:>6}")


if __name__ == "__main__":
    asyncio.run(main())
