"""What the weekly digest reads: a week of report history, aggregated once for everyone.

Every function takes a window [start, end) as aware datetimes and runs a fixed number of
queries whatever the number of members (GROUP BY over the week, never a query per member):
the digest for 10,000 members is built from the same handful of result sets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import aiosqlite

from storage.audience import ANNOUNCING
from storage.reports import OPEN_STATUSES, Report, _report

# Events a member hears about in their digest (the same ones they were told about live).
NEWS_KINDS = ("status", "reply", "referred")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _in(values: Iterable[str]) -> tuple[str, list[str]]:
    listed = list(values)
    return f"({', '.join('?' * len(listed)) or 'NULL'})", listed


@dataclass(slots=True)
class ReportNews:
    """What happened to one report this week, as its members will read it."""

    report_id: int
    code: str
    summary: str
    status: str
    statuses: list[str] = field(default_factory=list)  # reached this week, in order
    replies: int = 0
    joined: int = 0  # members who joined it this week


@dataclass(frozen=True, slots=True)
class Recipient:
    """A member who gets the digest."""

    member_id: int
    platform: str
    chat_id: int
    cluster_code: str
    language: str


async def digest_recipients(db: aiosqlite.Connection, platforms: Iterable[str]) -> list[Recipient]:
    """Active members on a platform we serve who have not turned the digest off."""
    where, params = _in(platforms)
    async with db.execute(
        "SELECT id, platform, chat_id, cluster_code, language FROM members "
        f"WHERE status = 'active' AND digest = 1 AND deleted_at IS NULL AND platform IN {where} "
        "ORDER BY id",
        params,
    ) as cursor:
        return [Recipient(*row) for row in await cursor.fetchall()]


async def report_news(
    db: aiosqlite.Connection, start: datetime, end: datetime
) -> tuple[dict[int, ReportNews], dict[int, list[int]]]:
    """This week's news per report, and which reports each member is a party to.

    Returns (news by report id, report ids by member id) for reports that had a status
    change, a staff reply or a new co-reporter in the window. Three queries in all.
    """
    window = (_iso(start), _iso(end))
    kinds, kind_params = _in(NEWS_KINDS)
    news: dict[int, ReportNews] = {}
    async with db.execute(
        "SELECT r.id, r.code, r.summary, r.status, e.kind, e.to_status FROM report_events e "
        "JOIN reports r ON r.id = e.report_id "
        f"WHERE e.at >= ? AND e.at < ? AND e.kind IN {kinds} ORDER BY e.at, e.id",
        (*window, *kind_params),
    ) as cursor:
        async for row in cursor:
            item = news.setdefault(row[0], ReportNews(row[0], row[1], row[2], row[3]))
            if row[4] == "reply":
                item.replies += 1
            elif row[5] and (not item.statuses or item.statuses[-1] != row[5]):
                # Every step in order, a reopened one too («حل‌شده ← در حال بررسی»): the
                # last is the status the report has at the end of the window.
                item.statuses.append(row[5])
    async with db.execute(
        "SELECT r.id, r.code, r.summary, r.status, COUNT(*) FROM report_coreporters c "
        "JOIN reports r ON r.id = c.report_id "
        "WHERE c.joined_at >= ? AND c.joined_at < ? GROUP BY r.id",
        window,
    ) as cursor:
        async for row in cursor:
            item = news.setdefault(row[0], ReportNews(row[0], row[1], row[2], row[3]))
            item.joined = int(row[4])
    parties: dict[int, list[int]] = defaultdict(list)
    if news:
        # The parties of the reports with news: the filer and everyone who joined.
        async with db.execute(
            "WITH touched(id) AS (SELECT DISTINCT report_id FROM report_events "
            f"WHERE at >= ? AND at < ? AND kind IN {kinds} UNION "
            "SELECT report_id FROM report_coreporters WHERE joined_at >= ? AND joined_at < ?) "
            "SELECT r.member_id, r.id FROM reports r JOIN touched t ON t.id = r.id UNION "
            "SELECT c.member_id, c.report_id FROM report_coreporters c "
            "JOIN touched t ON t.id = c.report_id",
            (*window, *kind_params, *window),
        ) as cursor:
            async for row in cursor:
                parties[int(row[0])].append(int(row[1]))
    return news, dict(parties)


@dataclass(frozen=True, slots=True)
class Count:
    """How many reports of one cluster and category."""

    cluster_code: str
    category: str
    count: int


async def new_counts(db: aiosqlite.Connection, start: datetime, end: datetime) -> list[Count]:
    """Reports raised in the window, by cluster and category (merged ones included)."""
    async with db.execute(
        "SELECT cluster_code, category, COUNT(*) FROM reports "
        "WHERE created_at >= ? AND created_at < ? GROUP BY cluster_code, category",
        (_iso(start), _iso(end)),
    ) as cursor:
        return [Count(row[0], row[1], int(row[2])) for row in await cursor.fetchall()]


async def resolved_counts(db: aiosqlite.Connection, start: datetime, end: datetime) -> list[Count]:
    """Reports that reached 'resolved' in the window and were still resolved (or closed) at
    its end, by cluster and category (each once): one the member reopened is not resolved."""
    async with db.execute(
        "SELECT r.cluster_code, r.category, COUNT(DISTINCT r.id) FROM report_events e "
        "JOIN reports r ON r.id = e.report_id WHERE e.at >= ? AND e.at < ? "
        "AND e.kind = 'status' AND e.to_status = 'resolved' "
        "AND (SELECT l.to_status FROM report_events l WHERE l.report_id = r.id "
        "AND l.to_status IS NOT NULL AND l.at < ? ORDER BY l.at DESC, l.id DESC LIMIT 1) "
        "IN ('resolved', 'closed') "
        "GROUP BY r.cluster_code, r.category",
        (_iso(start), _iso(end), _iso(end)),
    ) as cursor:
        return [Count(row[0], row[1], int(row[2])) for row in await cursor.fetchall()]


async def open_reports(db: aiosqlite.Connection, as_of: datetime) -> list[Report]:
    """Every report open at `as_of`, with the status it had then (to flag the overdue ones).

    The status is read back from the history (the last status event before `as_of`), so last
    week's overdue reports can be counted after they have since been answered or closed.
    """
    where, params = _in(OPEN_STATUSES)
    moment = _iso(as_of)
    async with db.execute(
        "SELECT * FROM (SELECT id, code, member_id, cluster_code, category, suggested, urgent, "
        "summary, description, COALESCE((SELECT e.to_status FROM report_events e "
        "WHERE e.report_id = reports.id AND e.to_status IS NOT NULL AND e.at < ? "
        "ORDER BY e.at DESC, e.id DESC LIMIT 1), 'new') AS status, outside_body, assignee, "
        "merged_into, satisfaction, created_at, updated_at FROM reports WHERE created_at < ?) "
        f"WHERE status IN {where}",
        (moment, moment, *params),
    ) as cursor:
        return [_report(row) for row in await cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class NewReportText:
    """A report raised this week, for finding its recurring words."""

    cluster_code: str
    text: str


async def new_report_texts(
    db: aiosqlite.Connection, start: datetime, end: datetime
) -> list[NewReportText]:
    """The summary and description of each report raised in the window."""
    async with db.execute(
        "SELECT cluster_code, summary || ' ' || description FROM reports "
        "WHERE created_at >= ? AND created_at < ? ORDER BY id",
        (_iso(start), _iso(end)),
    ) as cursor:
        return [NewReportText(row[0], row[1]) for row in await cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class Joined:
    """An open report and how many members joined it."""

    code: str
    summary: str
    cluster_code: str
    coreporters: int


async def most_joined(
    db: aiosqlite.Connection, clusters: Iterable[str] | None, limit: int = 5
) -> list[Joined]:
    """Open reports with the most co-reporters (within clusters, if given)."""
    statuses, params = _in(OPEN_STATUSES)
    sql = (
        "SELECT r.code, r.summary, r.cluster_code, COUNT(*) AS n FROM report_coreporters c "
        f"JOIN reports r ON r.id = c.report_id WHERE r.status IN {statuses}"
    )
    args: list[object] = [*params]
    if clusters is not None:
        where, codes = _in(clusters)
        sql += f" AND r.cluster_code IN {where}"
        args.extend(codes)
    sql += " GROUP BY r.id ORDER BY n DESC, r.id LIMIT ?"
    async with db.execute(sql, (*args, limit)) as cursor:
        return [Joined(row[0], row[1], row[2], int(row[3])) for row in await cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class Referral:
    """One stretch of time a report spent `referred` to an outside body."""

    body: str
    cluster_code: str
    start: datetime
    end: datetime | None  # still referred


async def referrals(db: aiosqlite.Connection, until: datetime) -> list[Referral]:
    """Every stretch a report spent `referred` (from its history) up to `until`."""
    stretches: list[Referral] = []
    open_since: dict[int, tuple[str, str, datetime]] = {}
    async with db.execute(
        "SELECT e.report_id, e.at, e.from_status, e.to_status, e.text, e.kind, r.cluster_code, "
        "r.outside_body FROM report_events e JOIN reports r ON r.id = e.report_id "
        "WHERE e.at < ? AND (e.to_status = 'referred' OR e.from_status = 'referred') "
        "ORDER BY e.report_id, e.at, e.id",
        (_iso(until),),
    ) as cursor:
        async for row in cursor:
            report_id, at = int(row[0]), datetime.fromisoformat(row[1])
            was, now = row[2], row[3]
            if now == "referred" and was != "referred":
                body = (row[4] if row[5] == "referred" else None) or row[7] or "?"
                open_since[report_id] = (body, row[6], at)
            elif was == "referred" and now != "referred" and report_id in open_since:
                body, cluster, since = open_since.pop(report_id)
                stretches.append(Referral(body, cluster, since, at))
    stretches.extend(
        Referral(body, cluster, since, None) for body, cluster, since in open_since.values()
    )
    return stretches


async def delivery_counts(
    db: aiosqlite.Connection, start: datetime, end: datetime
) -> dict[str, int]:
    """Outcomes of the announcements (and trainings announced) started in the window: not the
    service messages (a report's notices, reminders, digests) that take broadcast rows too."""
    kinds, params = _in(ANNOUNCING)
    async with db.execute(
        "SELECT o.status, COUNT(*) FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id "
        f"WHERE b.started_at >= ? AND b.started_at < ? AND b.kind IN {kinds} GROUP BY o.status",
        (_iso(start), _iso(end), *params),
    ) as cursor:
        return {row[0]: int(row[1]) for row in await cursor.fetchall()}


@dataclass(frozen=True, slots=True)
class StaffRecipient:
    """Someone on the staff side and the clusters they see (None: all)."""

    platform: str
    user_id: int
    clusters: frozenset[str] | None
    language: str


async def staff_recipients(
    db: aiosqlite.Connection, admins: dict[str, frozenset[int]], platforms: Iterable[str]
) -> list[StaffRecipient]:
    """Admins (from settings), staff and cluster agents on the platforms we serve."""
    served = set(platforms)
    grants: dict[tuple[str, int], tuple[set[str], set[str]]] = {}
    async with db.execute("SELECT platform, user_id, role FROM staff_roles") as cursor:
        async for row in cursor:
            grants.setdefault((row[0], int(row[1])), (set(), set()))[0].add(row[2])
    async with db.execute("SELECT platform, user_id, cluster_code FROM agent_clusters") as c:
        async for row in c:
            key = (row[0], int(row[1]))
            if key in grants:
                grants[key][1].add(row[2])
    for platform, ids in admins.items():
        for user_id in ids:
            grants.setdefault((platform, user_id), (set(), set()))[0].add("admin")
    languages: dict[tuple[str, int], str] = {}
    async with db.execute(
        # Every account of a linked member reads in the member's language.
        "SELECT a.platform, a.user_id, m.language FROM member_addresses a "
        "JOIN members m ON m.id = a.member_id"
    ) as cursor:
        async for row in cursor:
            if (row[0], int(row[1])) in grants:
                languages[(row[0], int(row[1]))] = row[2]
    result = []
    for (platform, user_id), (roles, clusters) in sorted(grants.items()):
        if platform not in served:
            continue
        everything = bool(roles & {"admin", "staff"})
        if not everything and not clusters:
            continue  # an agent without clusters has nothing to read
        result.append(
            StaffRecipient(
                platform,
                user_id,
                None if everything else frozenset(clusters),
                languages.get((platform, user_id), "fa"),
            )
        )
    return result
