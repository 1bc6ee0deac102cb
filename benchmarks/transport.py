"""PTB's own transport (httpx) against Khooshe's (bot/transport.py, aiohttp), on one sandbox.

Run by hand: `python -m benchmarks.transport [--calls 3000] [--at-once 16] [--rounds 3]`.
The sandbox runs in a child process (`python -m bot sandbox-server`), so this process's
processor time is the transport's and PTB's alone. Each round sends `--calls` getMe calls,
`--at-once` at a time, through a Bot on each transport (16 connections, as a platform's
sending transport has; PTB's keeps them all open too), and prints the processor milliseconds
per call and the calls per second. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from collections.abc import Callable

from telegram import Bot
from telegram.request import BaseRequest, HTTPXRequest

from bot.transport import AiohttpRequest
from bot.wiring import IN_FLIGHT

TRANSPORTS: dict[str, Callable[[], BaseRequest]] = {
    "httpx (PTB's)": lambda: HTTPXRequest(connection_pool_size=IN_FLIGHT),
    "aiohttp (Khooshe's)": lambda: AiohttpRequest(connection_pool_size=IN_FLIGHT),
}


async def _burst(bot: Bot, calls: int, at_once: int) -> tuple[float, float]:
    """(processor ms per call, calls per second)."""
    turns = asyncio.Semaphore(at_once)

    async def one() -> None:
        async with turns:
            await bot.get_me()

    await asyncio.gather(*(one() for _ in range(at_once * 4)))  # connections open
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one() for _ in range(calls)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu * 1000 / calls, calls / wall


async def main(calls: int, at_once: int, rounds: int) -> None:
    """Start the sandbox, run the rounds, print the figures."""
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox-server", "--port", "0",
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert server.stderr is not None
        token = None
        while token is None:
            line = (await asyncio.wait_for(server.stderr.readline(), 60)).decode()
            if not line:
                raise SystemExit("the sandbox stopped before it printed its token")
            found = re.search(r"TELEGRAM_TOKEN=(\S+) TELEGRAM_BASE_URL=(\S+)", line)
            if found:
                token, base_url = found[1], found[2]
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in TRANSPORTS}
        for i in range(rounds):
            names = list(TRANSPORTS) if i % 2 == 0 else list(TRANSPORTS)[::-1]
            for name in names:
                bot = Bot(token, base_url=base_url, request=TRANSPORTS[name]())
                async with bot:
                    cpu_ms, rate = await _burst(bot, calls, at_once)
                results[name].append((cpu_ms, rate))
                print(f"round {i + 1}  {name:20} {cpu_ms:5.2f} ms CPU/call  {rate:6.0f} calls/s")
    finally:
        server.terminate()
        await server.wait()
    print(f"\nmedians over {rounds} rounds ({calls} getMe, {at_once} at a time):")
    for name, figures in results.items():
        cpu_ms = statistics.median(f[0] for f in figures)
        rate = statistics.median(f[1] for f in figures)
        print(f"  {name:20} {cpu_ms:5.2f} ms CPU/call  {rate:6.0f} calls/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--at-once", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.calls, args.at_once, args.rounds))
