"""Start-up time and resident memory of `python -m bot`, measured against the sandbox.

Run by hand: `python -m benchmarks.startup [--runs 5]`. Prints, per run, the seconds from
spawning the process to its first getUpdates call (the bot is polling) and to its first reply
to /start, and the resident memory (VmRSS) right after start and once hazm has loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.sandbox import BotApiSandbox

ROOT = Path(__file__).resolve().parent.parent


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def one_run(flavour: str) -> tuple[float, float, float, float]:
    """(seconds to polling, seconds to first reply, RSS after start, RSS after 6 s) of a run."""
    async with BotApiSandbox(flavour) as server:  # type: ignore[arg-type]
        token = server.make_token(99)
        prefix = flavour.upper()
        with tempfile.TemporaryDirectory() as folder:
            env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
            env.update(
                PYTHONPATH=str(ROOT),
                DATABASE_PATH=str(Path(folder) / "bench.db"),
                POLLING_TIMEOUT="1",
                **{
                    f"{prefix}_TOKEN": token,
                    f"{prefix}_BASE_URL": server.base_url,
                    f"{prefix}_BASE_FILE_URL": server.base_file_url,
                },
            )
            start = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=folder, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
            while not server.calls_to("getUpdates"):  # noqa: ASYNC110 - polling a list, by design
                await asyncio.sleep(0.01)
            polling = time.perf_counter() - start
            rss_start = _rss_mib(process.pid)
            user = server.user(token=token)
            await user.send_command("start")
            await user.next_message(timeout=30)
            first_reply = time.perf_counter() - start
            await asyncio.sleep(max(0.0, 6 - (time.perf_counter() - start)))
            rss_later = _rss_mib(process.pid)
            process.terminate()
            await process.wait()
    return polling, first_reply, rss_start, rss_later


async def main(runs: int, flavour: str) -> None:
    """Run and print."""
    results = [await one_run(flavour) for _ in range(runs)]
    for i, (polling, reply, rss0, rss1) in enumerate(results, 1):
        print(
            f"run {i}: polling after {polling:.2f} s, first reply after {reply:.2f} s, "
            f"RSS {rss0:.0f} MiB at start, {rss1:.0f} MiB after 6 s"
        )
    median = [statistics.median(r[i] for r in results) for i in range(4)]
    print(
        f"median ({flavour}, {runs} runs): polling {median[0]:.2f} s, first reply "
        f"{median[1]:.2f} s, RSS {median[2]:.0f} → {median[3]:.0f} MiB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--flavour", choices=["bale", "telegram"], default="bale")
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.flavour))
