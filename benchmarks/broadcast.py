"""A big broadcast through the real stack against the sandbox, with its rate limit set.

Run by hand:

    python -m benchmarks.broadcast                       # 10,000 recipients at 30 msg/s
    python -m benchmarks.broadcast --rate 2000 --no-faults   # our own overhead
    python -m benchmarks.broadcast --kill                # kill -9 half-way, restart, count

Members are seeded straight into the database (registration is not what is measured); 3% of
them have blocked the bot and, unless --no-faults, the sandbox answers a random 0.1% of sends
with 429 (retry_after 1 s). The bot's own limiter is set to the same rate as the sandbox's.

Prints: the achieved send rate as a ratio of the configured limit (requests per second that
reached the server, blocked ones included, and deliveries per second), duplicates and losses
(from the sandbox's log of successful sends), the p95 time for a member's /help to be answered
while the broadcast runs, and peak memory (RSS) of the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.members import register_users
from bot import text
from bot.app import Runtime
from bot.sandbox import BotApiSandbox, SandboxUser
from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT, Settings
from storage.db import connect
from storage.members import NewMember, register_member
from storage.outbox import Audience, NewBroadcast, create_broadcast

ADMIN = 900_000_001
BODY = "📣 نمایشگاه تخصصی مبلمان و صنایع چوب، شنبه ۱۵ آذر، سالن همایش اتاق بازرگانی."


async def _seed(
    server: BotApiSandbox, token: str, db_path: Path, recipients: int, blocked: float
) -> set[int]:
    """Members in the database and the sandbox; a share of them block the bot."""
    rng = random.Random(3)
    db = await connect(db_path)
    chat_ids: set[int] = set()
    try:
        await seed_places(db, PROJECT_ROOT / "data" / "clusters.csv")
        for i in range(recipients):
            user = server.user(token=token, first_name=f"عضو {i}")
            new = NewMember(f"عضو {i}", "واحد", "furniture", None, "+989120000000", True, "owner")
            await register_member(db, "telegram", user.id, user.id, new)
            chat_ids.add(user.id)
            if rng.random() < blocked:
                server.block(user.id)
    finally:
        await db.close()
    return chat_ids


def _broadcast(key: str) -> NewBroadcast:
    return NewBroadcast(
        created_by=f"staff:telegram:{ADMIN}",
        owner_platform="telegram",
        owner_chat_id=ADMIN,
        owner_lang="fa",
        body=BODY,
        audience=Audience(),
        send_at=datetime.now(UTC),
        dedupe_key=key,
    )


def _sends(server: BotApiSandbox, chat_ids: set[int]) -> list[tuple[float, int, int | None]]:
    """(time, chat, error code) of every sendMessage to a member."""
    return [
        (c.at, int(c.params["chat_id"]), c.error_code)
        for c in server.calls_to("sendMessage")
        if c.params.get("chat_id") in chat_ids
    ]


def _report(
    server: BotApiSandbox,
    chat_ids: set[int],
    rate: float,
    share: float,
    latencies: list[float],
) -> None:
    sends = _sends(server, chat_ids)
    delivered = Counter(chat for _, chat, error in sends if error is None)
    blocked = {chat for _, chat, error in sends if error == 403}
    throttled = sum(1 for _, _, error in sends if error == 429)
    reached = [at for at, _, error in sends if error in (None, 403)]
    span = max(reached) - min(reached) if len(reached) > 1 else float("nan")
    lost = chat_ids - set(delivered) - blocked
    duplicates = sum(n - 1 for n in delivered.values())
    print(f"recipients: {len(chat_ids)}; blocked the bot: {len(blocked)}; 429s: {throttled}")
    print(f"sending took {span:.1f} s")
    print(
        f"requests answered 200/403: {len(reached) / span:.2f}/s = "
        f"{len(reached) / span / rate:.3f} of the platform's {rate:g}/s, "
        f"{len(reached) / span / (rate * share):.3f} of the broadcast's {rate * share:g}/s "
        f"(OUTBOX_SHARE {share:g}); deliveries {sum(delivered.values()) / span:.2f}/s"
    )
    print(f"lost: {len(lost)}; duplicates: {duplicates}")
    if latencies:
        ordered = sorted(latencies)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        print(
            f"/help answered during the broadcast ({len(ordered)} tries): "
            f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms"
        )


async def _probe(user: SandboxUser, latencies: list[float], stop: asyncio.Event) -> None:
    """A member asking for /help every half second while the broadcast runs."""
    while not stop.is_set():
        started = time.perf_counter()
        await user.send_command("help")
        while True:
            message = await user.next_message(60)
            if "/report" in (message.content or "") or "راهنما" in (message.content or ""):
                break
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.5)


async def _until(predicate: Callable[[], bool]) -> None:
    """Poll (files and the sandbox's log have no events to wait on)."""
    while True:
        if predicate():
            return
        await asyncio.sleep(0.2)


def _done(db_path: Path) -> bool:
    with sqlite3.connect(db_path) as connection:
        row = connection.execute("SELECT status FROM broadcasts").fetchone()
    return bool(row and row[0] == "done")


@asynccontextmanager
async def _seeded(
    rate: float, recipients: int, blocked: float
) -> AsyncIterator[tuple[BotApiSandbox, str, Path, set[int]]]:
    """A sandbox at `rate` messages a second with the admin and the recipients in a fresh
    database: (sandbox, token, database path, recipients' chat ids)."""
    async with BotApiSandbox("telegram", rate_limit=rate) as server:
        token = server.make_token(77)
        server.user(user_id=ADMIN, token=token)
        with tempfile.TemporaryDirectory() as folder:
            db_path = Path(folder) / "bench.db"
            yield server, token, db_path, await _seed(server, token, db_path, recipients, blocked)


async def in_process(
    recipients: int, rate: float, blocked: float, faults: bool, share: float
) -> None:
    """The bot and the sandbox in this process; /help probed during the broadcast."""
    text.warm_up()
    async with _seeded(rate, recipients, blocked) as (server, token, db_path, chat_ids):
        prober = server.user(token=token, first_name="پرسنده")
        db = await connect(db_path)
        await register_users(db, [prober], name="پرسنده", cluster="food")
        await db.execute("UPDATE members SET announcements = 0 WHERE user_id = ?", (prober.id,))
        await db.close()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            **server.bot_settings(token, db_path),
            flood_burst=10_000,
            telegram_rate_limit=rate,
            outbox_share=share,
        )
        if faults:
            server.inject("sendMessage", error=429, retry_after=1, times=10**9, probability=0.001)
        runtime = Runtime(settings)
        await runtime.start()
        assert runtime.outbox is not None
        latencies: list[float] = []
        stop = asyncio.Event()
        probe = asyncio.create_task(_probe(prober, latencies, stop))
        await runtime.outbox.submit(_broadcast("bench"))
        await _until(lambda: _done(db_path))
        stop.set()
        await probe
        await runtime.stop()
        _report(server, chat_ids, rate, share, latencies)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (bot and sandbox in one process): {peak:.0f} MiB")


async def _spawn(
    server: BotApiSandbox, token: str, db_path: Path, rate: float, share: float
) -> asyncio.subprocess.Process:
    env = server.bot_env(
        token,
        db_path,
        telegram_rate_limit=str(rate),
        outbox_share=str(share),
        log_level="WARNING",
    )
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=db_path.parent, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


def _peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def killed(recipients: int, rate: float, blocked: float, faults: bool, share: float) -> None:
    """The bot as `python -m bot` in a subprocess, killed with SIGKILL half-way."""
    async with _seeded(rate, recipients, blocked) as (server, token, db_path, chat_ids):
        db = await connect(db_path)
        await create_broadcast(db, _broadcast("bench"))
        await db.close()
        if faults:
            server.inject("sendMessage", error=429, retry_after=1, times=10**9, probability=0.001)
        process = await _spawn(server, token, db_path, rate, share)
        await _until(lambda: len(_sends(server, chat_ids)) >= recipients // 2)
        peak_before = _peak_rss_mib(process.pid)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        at_kill = Counter(chat for _, chat, error in _sends(server, chat_ids) if error is None)
        print(f"killed with -9 after {sum(at_kill.values())} deliveries")
        process = await _spawn(server, token, db_path, rate, share)
        await _until(lambda: _done(db_path))
        peak_after = _peak_rss_mib(process.pid)
        process.send_signal(signal.SIGTERM)
        await process.wait()
        _report(server, chat_ids, rate, share, [])
        print(f"peak RSS of the bot: {peak_before:.0f} MiB before the kill, "
              f"{peak_after:.0f} MiB after the restart")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--blocked", type=float, default=0.03)
    parser.add_argument("--no-faults", action="store_true", help="no random 429s")
    parser.add_argument("--share", type=float, default=0.95, help="OUTBOX_SHARE")
    parser.add_argument("--kill", action="store_true", help="kill -9 half-way and restart")
    args = parser.parse_args()
    run = killed if args.kill else in_process
    asyncio.run(run(args.recipients, args.rate, args.blocked, not args.no_faults, args.share))
