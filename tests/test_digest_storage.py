"""The digest's week queries over a real database (no bot)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.services.triage import overdue
from bot.services.workdays import Holidays
from storage.audience import Audience
from storage.digest import (
    Count,
    delivery_counts,
    digest_recipients,
    most_joined,
    new_counts,
    open_reports,
    referrals,
    report_news,
    resolved_counts,
    staff_recipients,
)
from storage.members import NewMember, register_member, update_member
from storage.outbox import NewBroadcast, create_broadcast, start_broadcast
from storage.report_triage import refer
from storage.reports import NewReport, Report, add_event, change_status, create_report, join_report
from storage.roles import grant_role
from tests.conftest import settings_of

STAFF = "staff:bale:1"


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


TEHRAN = ZoneInfo("Asia/Tehran")


def _tehran(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=TEHRAN)


async def _backdate(
    db: aiosqlite.Connection, report: Report, created: datetime, *events: tuple[str, datetime]
) -> None:
    """Move a report and its history into the past (events: (to_status or kind, when))."""
    iso = created.astimezone(UTC).isoformat(timespec="seconds")
    await db.execute("UPDATE reports SET created_at = ? WHERE id = ?", (iso, report.id))
    await db.execute("UPDATE report_events SET at = ? WHERE report_id = ?", (iso, report.id))
    for what, when in events:
        await db.execute(
            "UPDATE report_events SET at = ? WHERE report_id = ? AND kind != 'filed' "
            "AND (to_status = ? OR (to_status IS NULL AND kind = ?))",
            (when.astimezone(UTC).isoformat(timespec="seconds"), report.id, what, what),
        )
    await db.commit()


async def test_last_weeks_overdue_reports_are_read_back_from_the_history(
    db: aiosqlite.Connection,
) -> None:
    """The staff digest compares overdue counts with the end of last week (Sat 14 Azar 00:00)."""
    member = await _member(db, 1)
    settings = settings_of()
    last_week_end = _tehran(5, 0, month=12)
    now = _tehran(8, 12, month=12)
    # Never answered: late since Monday 2 Azar.
    ignored = await _report(db, member, "a")
    await _backdate(db, ignored, _tehran(21, 10))
    # Answered in time, resolved only this week: open then, past its 10 working days.
    slow = await _report(db, member, "b")
    await change_status(db, slow.id, "new", "in_review", STAFF)
    await change_status(db, slow.id, "in_review", "resolved", STAFF)
    await _backdate(
        db, slow, _tehran(14, 10), ("in_review", _tehran(15, 9)), ("resolved", _tehran(6, 9, 12))
    )
    # Filed on Wednesday, answered late but only after last week ended: not late *then*.
    answered_later = await _report(db, member, "c")
    await add_event(db, answered_later.id, STAFF, "reply", "در حال بررسی")
    await _backdate(db, answered_later, _tehran(2, 10, 12), ("reply", _tehran(7, 9, 12)))
    # Resolved before last week ended; filed after it: neither was open and late then.
    closed = await _report(db, member, "d")
    await change_status(db, closed.id, "new", "resolved", STAFF)
    await _backdate(db, closed, _tehran(14, 10), ("resolved", _tehran(16, 9)))
    fresh = await _report(db, member, "e")
    await _backdate(db, fresh, _tehran(7, 10, month=12))

    then = await open_reports(db, last_week_end)
    assert {r.code: r.status for r in then} == {
        ignored.code: "new", slow.code: "in_review", answered_later.code: "new",
    }  # fmt: skip
    flags = await overdue(db, then, Holidays(), settings, last_week_end)
    assert {r.code for r in then if flags[r.id]} == {ignored.code, slow.code}

    current = await open_reports(db, now)
    assert {r.code for r in current} == {ignored.code, answered_later.code, fresh.code}
    flags = await overdue(db, current, Holidays(), settings, now)
    assert {r.code for r in current if flags[r.id]} == {ignored.code, answered_later.code}


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


async def test_the_weeks_announcements_count_announcements_only(db: aiosqlite.Connection) -> None:
    """«📣 اطلاعیه‌های این هفته: ۱۵ رسیده» after one announcement to three members: a report's
    notices, reminders and digests take broadcast rows too, and were counted."""
    for user_id in (1, 2, 3):
        await _member(db, user_id)
    now = datetime.now(UTC)
    for kind in ("announcement", "reminder", "digest", "notice"):
        new = NewBroadcast(STAFF, "bale", 1, "fa", kind, Audience(), now, f"key-{kind}", kind=kind)
        broadcast, _ = await create_broadcast(db, new)
        assert await start_broadcast(db, broadcast.id, ["bale"]) == 3
    assert await delivery_counts(db, *_this_week()) == {"pending": 3}
