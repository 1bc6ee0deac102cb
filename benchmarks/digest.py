"""How long the weekly digest takes to build, and how much memory, as members grow.

Run by hand:

    python -m benchmarks.digest                  # 1,000 and 10,000 members
    python -m benchmarks.digest --sizes 1000     # one size

Each size runs in a fresh process on a fresh database. Members are spread over the clusters
in data/clusters.csv; a fifth of them filed a report (1.2 reports each), every report has 2-4
events (review, staff reply, some referred to an outside body, some resolved) and about half
of them have co-reporters (1-5). Of those reports, half are this week's, a third last week's
and the rest two to four weeks old (so last week's figures and the overdue ones are real).
Trainings: 30 published offerings at every size, starting over the next three weeks, two in
three for a few clusters; a sixth of the members sign up for one (at 10,000 members popular
offerings fill up and keep a waitlist). Staff: 5 staff members, one cluster agent per cluster
and one admin, so the chart is drawn once per distinct scope (one per agent).

Prints, per size: seeding time (not the digest's), the time to build every member digest, to
build the staff digests (text and charts), the whole run (build + storing the outbox rows in
one transaction), the peak Python heap during the member build (tracemalloc, a second pass),
and the number of digests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
from pydantic import SecretStr

from bot import text
from bot.app import LOCALES_DIR
from bot.i18n import Locales
from bot.services.digest.events import coming_events, fill_rates
from bot.services.digest.service import Digests
from bot.services.digest.week import week_of
from bot.services.outbox import Outbox
from bot.services.places import seed_places
from bot.services.triage import load_outside_bodies
from bot.services.workdays import Holidays
from bot.settings import PROJECT_ROOT, Platform, Settings
from storage.clusters import list_places
from storage.db import connect
from storage.members import NewMember, register_member
from storage.offerings import KINDS, NewOffering, create_offering, sign_up
from storage.report_triage import refer
from storage.reports import NewReport, add_event, change_status, create_report, join_report
from storage.roles import grant_role

CATEGORIES = ("electricity", "infrastructure", "finance", "raw_materials", "market", "export")
WORDS = (
    "قطعی برق مکرر در شهرک و توقف خط تولید",
    "تأخیر در پرداخت تسهیلات سرمایه در گردش بانک",
    "کمبود مواد اولیه و افزایش قیمت ورق فولاد",
    "مشکل ترخیص کالا از گمرک و تخصیص ارز",
    "نبود نیروی ماهر و جابه‌جایی کارگران",
    "جاده دسترسی شهرک خراب است و آب قطع می‌شود",
)
ADMIN = 900_000_001
STAFF = f"staff:bale:{ADMIN}"
OFFERINGS = 30


async def _seed(db_path: Path, members: int, settings: Settings) -> float:
    rng = random.Random(6)
    began = time.perf_counter()
    db = await connect(db_path)
    try:
        await seed_places(db, settings.clusters_file)
        clusters = [p.code for p in await list_places(db, "cluster")]
        bodies = [b.code for b in load_outside_bodies(settings.outside_bodies_file)]
        ids: list[tuple[int, str]] = []
        for i in range(members):
            cluster = clusters[i % len(clusters)]
            new = NewMember(f"عضو {i}", f"واحد {i}", cluster, None, "+989120000000", True, "owner")
            member, _ = await register_member(db, "bale", 10_000_000 + i, 10_000_000 + i, new)
            ids.append((member.id, cluster))
        for n, (member_id, cluster) in enumerate(rng.sample(ids, members // 5)):
            for k in range(1 + (rng.random() < 0.2)):
                summary = rng.choice(WORDS)
                report, _ = await create_report(
                    db, member_id, cluster, "bale",
                    NewReport(rng.choice(CATEGORIES), "other", False, summary, summary),
                    client_key=f"bench:{n}:{k}",
                )  # fmt: skip
                await change_status(db, report.id, "new", "in_review", STAFF)
                await add_event(db, report.id, STAFF, "reply", "در حال پیگیری")
                roll = rng.random()
                if roll < 0.3:
                    await refer(db, report.id, rng.choice(bodies), STAFF)
                elif roll < 0.6:
                    await change_status(db, report.id, "in_review", "resolved", STAFF)
                if rng.random() < 0.5:
                    same = [m for m, c in rng.sample(ids, 40) if c == cluster]
                    for other in same[: rng.randint(1, 5)]:
                        await join_report(db, report.id, other)
        await _age_reports(db, rng)
        await _seed_offerings(db, rng, ids, clusters)
        await grant_role(db, "bale", ADMIN + 1, "staff", ADMIN)
        for i in range(4):
            await grant_role(db, "bale", ADMIN + 2 + i, "staff", ADMIN)
        for i, cluster in enumerate(clusters):
            await grant_role(db, "bale", ADMIN + 100 + i, "cluster_agent", ADMIN, [cluster])
    finally:
        await db.close()
    return time.perf_counter() - began


async def _age_reports(db: aiosqlite.Connection, rng: random.Random) -> None:
    """Move a third of the reports (and their histories) to last week, a sixth further back.

    The storage functions stamp everything "now"; only this seeding rewrites the clock.
    """
    async with db.execute("SELECT id FROM reports") as cursor:
        ids = [int(row[0]) for row in await cursor.fetchall()]
    for report_id in ids:
        roll = rng.random()
        if roll >= 0.5:
            continue
        shift = f"-{7 if roll < 1 / 3 else rng.randint(14, 28)} days"
        for table, column, key in (
            ("reports", "created_at", "id"),
            ("report_events", "at", "report_id"),
        ):
            await db.execute(
                f"UPDATE {table} SET {column} = strftime('%Y-%m-%dT%H:%M:%S+00:00', {column}, ?) "
                f"WHERE {key} = ?",
                (shift, report_id),
            )
    await db.commit()


async def _seed_offerings(
    db: aiosqlite.Connection,
    rng: random.Random,
    members: list[tuple[int, str]],
    clusters: list[str],
) -> None:
    now = datetime.now(UTC)
    offerings = []
    # A province's programme is as big as its staff can run, whatever the membership.
    for i in range(OFFERINGS):
        targets = rng.sample(clusters, rng.randint(1, 4)) if rng.random() < 2 / 3 else []
        offering, _ = await create_offering(
            db,
            NewOffering(
                kind=rng.choice(KINDS), title=f"دوره {i}: هوش مصنوعی در کسب‌وکار",
                description="", starts_at=now + timedelta(days=1 + rng.random() * 20),
                ends_at=None, place="اتاق بازرگانی", capacity=rng.choice((20, 30, 50, None)),
                deadline=None, created_by=STAFF, dedupe_key=f"bench:{i}",
                clusters=dict.fromkeys(targets),
            ),
            publish_at=now - timedelta(days=3),
        )  # fmt: skip
        offerings.append(offering)
    for member_id, cluster in rng.sample(members, len(members) // 6):
        open_to = [o for o in offerings if o.targets(cluster)]
        if open_to:
            await sign_up(db, rng.choice(open_to).id, member_id, cluster, now)


async def _measure(members: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "digest.db"
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            bale_token=SecretStr("123456:benchmark-token-not-real"),
            database_path=db_path,
            admins={Platform.BALE: frozenset({ADMIN})},
        )
        seeding = await _seed(db_path, members, settings)
        text.warm_up()
        db = await connect(db_path)
        try:
            locales = Locales.load(LOCALES_DIR, settings.tz)
            holidays = Holidays.load(settings.holidays_file)
            outbox = Outbox(db, settings, locales, {})
            bodies = load_outside_bodies(settings.outside_bodies_file)
            digests = Digests(
                db, settings, locales, holidays, outbox, bodies,
                coming_events=coming_events, fill_rates=fill_rates,
            )  # fmt: skip
            week = week_of(datetime.now(UTC), settings.tz)

            began = time.perf_counter()
            built = await digests.member_rows(week)
            member_build = time.perf_counter() - began
            began = time.perf_counter()
            staff = await digests.staff_rows(week)
            staff_build = time.perf_counter() - began
            began = time.perf_counter()
            await digests.run(datetime.now(UTC) + timedelta(days=7))
            whole_run = time.perf_counter() - began

            tracemalloc.start()
            await digests.member_rows(week)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            longest = max((len(str(r.payload["text"])) for r in built.rows), default=0)
        finally:
            await db.close()
    return {
        "members": members,
        "seeding_s": seeding,
        "member_build_s": member_build,
        "staff_build_s": staff_build,
        "run_s": whole_run,
        "peak_mib": peak / 2**20,
        "member_digests": len(built.rows),
        "staff_digests": len(staff.rows),
        "charts": len(staff.files),
        "longest_chars": longest,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(_measure(args.one))))
        return
    results = []
    for size in args.sizes:
        # A fresh process per size: one size's caches and heap do not flatter the next.
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.digest", "--one", str(size)],
            cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(
        f"{'members':>8} {'digests':>8} {'seed s':>7} {'members s':>10} {'staff s':>8} "
        f"{'charts':>6} {'run s':>6} {'peak MiB':>9} {'longest':>8}"
    )
    for r in results:
        print(
            f"{r['members']:>8} {r['member_digests']:>8} {r['seeding_s']:>7.1f} "
            f"{r['member_build_s']:>10.2f} {r['staff_build_s']:>8.2f} {r['charts']:>6} "
            f"{r['run_s']:>6.2f} {r['peak_mib']:>9.1f} {r['longest_chars']:>8}"
        )
    if len(results) > 1:
        a, b = results[0], results[-1]
        grow = b["members"] / a["members"]
        print(
            f"x{grow:.0f} members: member build x{b['member_build_s'] / a['member_build_s']:.1f}, "
            f"staff build x{b['staff_build_s'] / a['staff_build_s']:.1f}, "
            f"peak memory x{b['peak_mib'] / a['peak_mib']:.1f}"
        )


if __name__ == "__main__":
    main()
