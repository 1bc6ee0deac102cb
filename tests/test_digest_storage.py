"""The digest's week queries over a real database (no bot)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT
from storage.db import connect
from storage.digest import (
    Count,
    digest_recipients,
    most_joined,
    new_counts,
    referrals,
    report_news,
    resolved_counts,
    staff_recipients,
)
from storage.members import NewMember, register_member, update_member
from storage.reports import (
    NewReport,
    Report,
    add_event,
    change_status,
    create_report,
    join_report,
    refer,
)
from storage.roles import grant_role

STAFF = "staff:bale:1"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    connection = await connect(tmp_path / "k.db")
    await seed_places(connection, PROJECT_ROOT / "data" / "clusters.csv")
    yield connection
    await connection.close()


async def _member(db: aiosqlite.Connection, user_id: int, cluster: str = "furniture") -> int:
    new = NewMember("عضو", "واحد", cluster, None, "+989120000000", True, "owner")
    member, _ = await register_member(db, "bale", user_id, user_id, new)
    return member.id


async def _report(
    db: aiosqlite.Connection, member_id: int, key: str, cluster: str = "furniture"
) -> Report:
    new = NewReport("electricity", "electricity", False, "قطعی برق", "قطعی برق")
    report, _ = await create_report(db, member_id, cluster, "bale", new, client_key=key)
    return report


def _this_week() -> tuple[datetime, datetime]:
    now = datetime.now(UTC)
    return now - timedelta(days=1), now + timedelta(days=1)


async def test_news_reaches_the_filer_and_co_reporters_and_nobody_else(
    db: aiosqlite.Connection,
) -> None:
    filer, joiner, bystander = [await _member(db, i) for i in (1, 2, 3)]
    report = await _report(db, filer, "a")
    await _report(db, bystander, "b")  # filed, no news yet
    assert await join_report(db, report.id, joiner)
    await change_status(db, report.id, "new", "in_review", STAFF)
    await add_event(db, report.id, STAFF, "reply", "پیگیری")
    await add_event(db, report.id, STAFF, "reply", "باز هم")
    await add_event(db, report.id, STAFF, "note", "یادداشت داخلی")  # staff-only: not news
    news, parties = await report_news(db, *_this_week())
    assert set(news) == {report.id}
    item = news[report.id]
    assert (item.statuses, item.replies, item.joined) == (["in_review"], 2, 1)
    assert parties == {filer: [report.id], joiner: [report.id]}
    # last week: nothing
    start, _ = _this_week()
    assert await report_news(db, start - timedelta(days=7), start) == ({}, {})


async def test_counts_by_cluster_and_category_and_the_most_joined(
    db: aiosqlite.Connection,
) -> None:
    a, b = await _member(db, 1), await _member(db, 2, "leather_shoes")
    first = await _report(db, a, "a")
    await _report(db, b, "b", "leather_shoes")
    await change_status(db, first.id, "new", "resolved", STAFF)
    assert sorted(await new_counts(db, *_this_week()), key=lambda c: c.cluster_code) == [
        Count("furniture", "electricity", 1),
        Count("leather_shoes", "electricity", 1),
    ]
    assert await resolved_counts(db, *_this_week()) == [Count("furniture", "electricity", 1)]
    second = await _report(db, b, "c", "leather_shoes")
    await join_report(db, second.id, a)
    joined = await most_joined(db, None)
    assert [(j.code, j.coreporters) for j in joined] == [(second.code, 1)]
    assert await most_joined(db, frozenset({"furniture"})) == []


async def test_time_referred_comes_from_the_history(db: aiosqlite.Connection) -> None:
    member = await _member(db, 1)
    done, waiting = await _report(db, member, "a"), await _report(db, member, "b")
    assert await refer(db, done.id, "power", STAFF) == "new"
    await change_status(db, done.id, "referred", "resolved", STAFF)
    await refer(db, waiting.id, "bank", STAFF)
    stretches = {s.body: s for s in await referrals(db, datetime.now(UTC) + timedelta(1))}
    assert set(stretches) == {"power", "bank"}
    assert stretches["power"].end is not None and stretches["bank"].end is None
    assert stretches["power"].cluster_code == "furniture"


async def test_who_reads_the_digest(db: aiosqlite.Connection) -> None:
    reader, quiet = await _member(db, 1), await _member(db, 2)
    await update_member(db, quiet, digest=False)
    assert [r.member_id for r in await digest_recipients(db, ["bale"])] == [reader]
    assert await digest_recipients(db, ["telegram"]) == []
    await grant_role(db, "bale", 50, "cluster_agent", 1, ["furniture"])
    await grant_role(db, "bale", 60, "staff", 1)
    await grant_role(db, "bale", 70, "cluster_agent", 1)  # no clusters yet: nothing to read
    staff = await staff_recipients(db, {"bale": frozenset({99})}, ["bale"])
    assert [(s.user_id, s.clusters) for s in staff] == [
        (50, frozenset({"furniture"})),
        (60, None),
        (99, None),
    ]
