"""Backing up a province-sized database while the bot writes to it.

Run by hand: `python -m benchmarks.backup [--members 10000] [--reports 20000]`. Members and
reports are stored through storage/ into a temp database (WAL, as the bot opens it); then one
backup is made (storage/backup.py: the backup API from its own connection in a worker thread,
the integrity check, fsync and rename) while a writer on the bot's own connection keeps
storing a row every few milliseconds. Prints the database's size, the backup's time, and the
writer's p50 and worst write time before and during the backup (the bot is not held up if
they stay alike). Then the same file restored into another folder. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import aiosqlite

from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT
from storage.backup import check_backup, make_backup, restore
from storage.db import connect
from storage.members import NewMember, register_member
from storage.reports import NewReport, create_report

DESCRIPTION = (
    "از دیروز برق کارگاه قطع و وصل می‌شود و دستگاه برش دو بار خاموش شد؛ سفارش‌های این هفته "
    "عقب افتاده و کارگرها بیکار مانده‌اند. لطفاً پیگیری کنید که مشکل از پست برق شهرک است یا نه."
)


async def main(members: int, reports: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="khooshe-backup-bench-"))
    database = folder / "khooshe.db"
    db = await connect(database)
    try:
        await _run(db, database, folder, members, reports)
    finally:
        await db.close()


async def _run(
    db: aiosqlite.Connection, database: Path, folder: Path, members: int, reports: int
) -> None:
    await seed_places(db, PROJECT_ROOT / "data" / "clusters.csv")
    started = time.perf_counter()
    ids = []
    for i in range(members):
        new = NewMember(
            name=f"عضو {i}",
            company=f"واحد {i}",
            cluster_code="leather_shoes",
            estate_code=None,
            phone=f"+98912{i:07d}",
            phone_verified=True,
            job_role="owner",
        )
        member, _ = await register_member(db, "bale", 10_000 + i, 10_000 + i, new)
        ids.append(member.id)
    for i in range(reports):
        report = NewReport("electricity", "electricity", False, f"قطع برق {i}", DESCRIPTION)
        await create_report(db, ids[i % len(ids)], "leather_shoes", "bale", report, f"k{i}")
    print(
        f"seeded {members} members and {reports} reports in {time.perf_counter() - started:.1f} s"
    )
    size = (await asyncio.to_thread(os.path.getsize, database)) / 2**20
    print(f"database: {size:.1f} MiB")

    stop = asyncio.Event()
    timings: list[tuple[float, float]] = []  # (when, seconds)

    async def writer() -> None:
        n = 0
        while not stop.is_set():
            t0 = time.perf_counter()
            report = NewReport("electricity", "electricity", False, "نوشتن حین پشتیبان", "متن")
            await create_report(db, ids[n % len(ids)], "leather_shoes", "bale", report, f"w{n}")
            timings.append((t0, time.perf_counter() - t0))
            n += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(writer())
    await asyncio.sleep(1.0)
    begin = time.perf_counter()
    path = await asyncio.to_thread(make_backup, database, folder / "backups", 7)
    end = time.perf_counter()
    await asyncio.sleep(0.5)
    stop.set()
    await task

    def figures(rows: list[float]) -> str:
        if not rows:
            return "no writes"
        return (
            f"{len(rows)} writes, p50 {statistics.median(rows) * 1000:.1f} ms, "
            f"worst {max(rows) * 1000:.1f} ms"
        )

    before = [s for at, s in timings if at < begin]
    during = [s for at, s in timings if begin <= at <= end]
    info = check_backup(path)
    print(f"backup: {end - begin:.2f} s, {info.size / 2**20:.1f} MiB, version {info.version}")
    print(f"writes before the backup: {figures(before)}")
    print(f"writes during the backup: {figures(during)}")
    began = time.perf_counter()
    restore(path, folder / "restored" / "khooshe.db")
    print(f"restore into a new folder (check included): {time.perf_counter() - began:.2f} s")
    print(f"(files left in {folder})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--reports", type=int, default=20_000)
    args = parser.parse_args()
    asyncio.run(main(args.members, args.reports))
