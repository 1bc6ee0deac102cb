"""Khooshe against a bare python-telegram-bot echo bot, side by side on one sandbox.

Run by hand: `python -m benchmarks.throughput [--rounds 3] [--members 50] [--each 20]`.
Each round spawns Khooshe (`python -m bot`), measures it, stops it, then does the same with
benchmarks/echo_bot.py (the order alternates between rounds, so neither always runs on a
cooler machine). Per bot it measures:

- spawn → the first getUpdates the sandbox receives (the bot is polling), in seconds and in
  processor seconds used by then (the steadier figure when other work shares the machine);
- throughput: `--members` members each send /help `--each` times, one after another in a
  closed loop (the next only once the answer arrived), with Khooshe's rate limit and flood
  guard lifted; messages answered per second over the whole burst, and the bot's processor
  milliseconds per answer (echo's / Khooshe's is the steadier ratio on a shared machine:
  it does not move with what else runs);
- resident memory (VmRSS) once warmed up: after the burst and a report-like text (which
  loads the normaliser and the categoriser), when it stops growing.

Prints each round and the medians with the ratios (Khooshe / echo; the start ratio the other
way round). The members are registered in Khooshe's database before it starts, so /help takes
the registered member's path.

Both bots start with a bytecode cache, as deploy/khooshe.service gives the service (Python
writes compiled modules under PYTHONPYCACHEPREFIX; one uncounted start of each fills it).
`--echo-transport aiohttp` gives the echo bot Khooshe's own transport (bot/transport.py) in
place of PTB's httpx one: the ratios then show Khooshe's overhead on an equal transport.
`--no-bytecode-cache` keeps the caller's environment instead: on a machine that sets
PYTHONDONTWRITEBYTECODE, Khooshe then compiles its ~250 modules at every start (the echo bot's
libraries come compiled with their packages either way). `--root PATH` runs the Khooshe of
another checkout (say, main before a change) against the same echo bot. Figures are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.members import register_users
from bot.sandbox import BotApiSandbox, SandboxUser
from bot.services.places import seed_places
from bot.settings import Settings
from storage.db import connect

ROOT = Path(__file__).resolve().parent.parent
KHOOSHE_ID, ECHO_ID = 91, 92


@dataclass(frozen=True)
class Figures:
    """One bot's measures in one round."""

    start: float  # seconds from spawn to the first getUpdates
    start_cpu: float  # processor seconds the bot used until then (steadier on a busy machine)
    rate: float  # answers per second
    cpu_ms: float  # processor milliseconds the bot used per answer during the burst
    rss: float  # MiB once warmed up


def _cpu_seconds(pid: int) -> float:
    """User and system time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _first_poll(server: BotApiSandbox, token: str, since: int) -> None:
    while not any(c.token == token for c in server.calls[since:] if c.method == "getUpdates"):  # noqa: ASYNC110 - polling a list, by design
        await asyncio.sleep(0.005)


async def _closed_loop(users: list[SandboxUser], each: int) -> float:
    """Answers per second while every user sends /help `each` times, one at a time."""

    async def one(user: SandboxUser) -> None:
        for _ in range(each):
            seen = len(user.chat.messages)
            await user.send_command("help")
            while len(user.chat.messages) == seen:
                await user.chat.next_message(60)

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in users))
    return len(users) * each / (time.perf_counter() - started)


async def _idle(pid: int) -> None:
    """Until the process uses under 5% of a processor over 0.4 s (at most 60 s)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        before = _cpu_seconds(pid)
        await asyncio.sleep(0.4)
        if _cpu_seconds(pid) - before < 0.02:
            return


async def _settled_rss(pid: int) -> float:
    """VmRSS once it has stopped growing for 3 s (at most 40 s)."""
    samples = [_rss_mib(pid)]
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        samples.append(_rss_mib(pid))
        if len(samples) >= 7 and samples[-1] - samples[-7] < 1:
            break
    return samples[-1]


async def _run(
    server: BotApiSandbox, name: str, command: list[str], env: dict[str, str], token: str,
    users: list[SandboxUser], each: int, cwd: str,
) -> Figures:  # fmt: skip
    since = len(server.calls)
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *command, cwd=cwd, env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=None if os.environ.get("BENCH_VERBOSE") else asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await asyncio.wait_for(_first_poll(server, token, since), 60)
        start = time.perf_counter() - started
        start_cpu = _cpu_seconds(process.pid)
        # One answer each first: connections open, handlers imported, the same for both. Then
        # the burst waits for the bot to go idle: Khooshe loads hazm and its lexicon in the
        # background once it polls, and the busy minutes come days after a start, not during it.
        await _closed_loop(users, 1)
        await _idle(process.pid)
        burst_cpu = _cpu_seconds(process.pid)
        rate = await _closed_loop(users, each)
        cpu_ms = (_cpu_seconds(process.pid) - burst_cpu) * 1000 / (len(users) * each)
        await users[0].send_text("برق شهرک از صبح قطع است و دستگاه‌ها خوابیده‌اند")
        await users[0].chat.next_message(60)
        rss = await _settled_rss(process.pid)
    finally:
        process.terminate()
        await process.wait()
    print(
        f"  {name:8} start {start:5.2f} s (CPU {start_cpu:4.2f} s)   {rate:6.1f} msg/s "
        f"(CPU {cpu_ms:4.2f} ms/msg)   RSS {rss:5.0f} MiB",
        flush=True,
    )
    return Figures(start, start_cpu, rate, cpu_ms, rss)


async def _warm(
    server: BotApiSandbox, command: list[str], env: dict[str, str], token: str, cwd: str
) -> None:
    """One uncounted start, which fills the bytecode cache."""
    since = len(server.calls)
    process = await asyncio.create_subprocess_exec(
        *command, cwd=cwd, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await asyncio.wait_for(_first_poll(server, token, since), 60)
    finally:
        process.terminate()
        await process.wait()


async def main(
    rounds: int,
    members: int,
    each: int,
    root: Path = ROOT,
    bytecode_cache: bool = True,
    echo_transport: str = "httpx",
) -> None:
    """Run the rounds and print the figures."""
    async with BotApiSandbox("telegram") as server:
        k_token, e_token = server.make_token(KHOOSHE_ID), server.make_token(ECHO_ID)
        k_users = [server.user(token=k_token) for _ in range(members)]
        e_users = [server.user(token=e_token) for _ in range(members)]
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "bench.db"
            db = await connect(database)
            await seed_places(db, Settings(_env_file=None).clusters_file)  # type: ignore[call-arg]
            await register_users(db, k_users)
            await db.close()
            base = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
            base["PYTHONPATH"] = str(ROOT)
            if bytecode_cache:
                base.pop("PYTHONDONTWRITEBYTECODE", None)
                base["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
            k_env = base | {
                "PYTHONPATH": str(root),
                "TELEGRAM_TOKEN": k_token,
                "TELEGRAM_BASE_URL": server.base_url,
                "TELEGRAM_BASE_FILE_URL": server.base_file_url,
                "DATABASE_PATH": str(database),
                "POLLING_TIMEOUT": "1",
                "TELEGRAM_RATE_LIMIT": "100000",
                "FLOOD_BURST": "100000",
                "FLOOD_RATE": "100000",
            }
            e_env = base | {
                "ECHO_TOKEN": e_token,
                "ECHO_BASE_URL": server.base_url,
                "ECHO_TRANSPORT": echo_transport,
            }
            khooshe_cmd = [sys.executable, "-m", "bot"]
            echo_cmd = [sys.executable, str(ROOT / "benchmarks" / "echo_bot.py")]
            if bytecode_cache:
                await _warm(server, khooshe_cmd, k_env, k_token, folder)
                await _warm(server, echo_cmd, e_env, e_token, folder)
            print(f"bytecode cache: {'yes' if bytecode_cache else 'as the environment says'}")
            print(f"echo bot's transport: {echo_transport}")
            results: dict[str, list[Figures]] = {"khooshe": [], "echo": []}
            for i in range(rounds):
                print(f"round {i + 1}", flush=True)
                runs = [
                    ("khooshe", khooshe_cmd, k_env, k_token, k_users),
                    ("echo", echo_cmd, e_env, e_token, e_users),
                ]
                for name, command, env, token, users in runs if i % 2 == 0 else runs[::-1]:
                    results[name].append(
                        await _run(server, name, command, env, token, users, each, folder)
                    )
    k, e = results["khooshe"], results["echo"]

    def median(figures: list[Figures], field: str) -> float:
        return statistics.median(getattr(f, field) for f in figures)

    rates = [a.rate / b.rate for a, b in zip(k, e, strict=True)]
    starts = [a.start / b.start for a, b in zip(k, e, strict=True)]
    cpus = [a.start_cpu / b.start_cpu for a, b in zip(k, e, strict=True)]
    work = [b.cpu_ms / a.cpu_ms for a, b in zip(k, e, strict=True)]
    print(
        f"\nmedians over {rounds} rounds ({members} members × {each} /help):\n"
        f"  throughput  Khooshe {median(k, 'rate'):.1f} msg/s, echo {median(e, 'rate'):.1f} "
        f"msg/s, ratio {statistics.median(rates):.2f} ({min(rates):.2f}–{max(rates):.2f})"
        f"  goal ≥ 0.8\n"
        f"  per answer  Khooshe {median(k, 'cpu_ms'):.2f} ms CPU, echo {median(e, 'cpu_ms'):.2f} "
        f"ms CPU, ratio {statistics.median(work):.2f} ({min(work):.2f}–{max(work):.2f})\n"
        f"  start       Khooshe {median(k, 'start'):.2f} s, echo {median(e, 'start'):.2f} s, "
        f"ratio {statistics.median(starts):.2f} ({min(starts):.2f}–{max(starts):.2f})"
        f"  goal ≤ 1.5\n"
        f"  start CPU   Khooshe {median(k, 'start_cpu'):.2f} s, "
        f"echo {median(e, 'start_cpu'):.2f} s, ratio {statistics.median(cpus):.2f} "
        f"({min(cpus):.2f}–{max(cpus):.2f})\n"
        f"  memory      Khooshe {median(k, 'rss'):.0f} MiB, echo {median(e, 'rss'):.0f} MiB"
        f"  goal ≤ 200 MiB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--each", type=int, default=20)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout Khooshe runs from")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="start the bots in the caller's environment (PYTHONDONTWRITEBYTECODE as it is)",
    )
    parser.add_argument(
        "--echo-transport",
        choices=("httpx", "aiohttp"),
        default="httpx",
        help="the echo bot's transport: PTB's own (httpx) or Khooshe's (aiohttp)",
    )
    args = parser.parse_args()
    asyncio.run(
        main(
            args.rounds,
            args.members,
            args.each,
            args.root.resolve(),
            not args.no_bytecode_cache,
            args.echo_transport,
        )
    )
