"""The staff digest: the week's numbers per category and cluster, slow reports and fill rates."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.i18n import Texts
from bot.services.digest.events import FillRate
from bot.services.digest.member import comma, fit_message, shorten
from bot.services.digest.themes import Lemmas, themes_of
from bot.services.digest.week import Week
from bot.services.reports import CATEGORIES
from storage.digest import Count
from storage.reports import Report

# Rows per table: enough to be useful, few enough for one 4096-character message.
MAX_TABLE_LINES = 12


@dataclass(frozen=True, slots=True)
class Slow:
    """An outside body and how long reports wait on it."""

    body: str
    average_days: float
    referrals: int


@dataclass
class StaffData:
    """Everything the staff digest needs, read once for every staff reader."""

    week: Week
    new: list[Count]
    new_before: list[Count]
    resolved: list[Count]
    resolved_before: list[Count]
    overdue: list[Report]  # open and late at the end of the week
    overdue_before: list[Report]  # open and late at the end of the week before
    lemmas: list[Lemmas]
    slow: list[tuple[str, str, float]]  # (body, cluster, days) per referral stretch
    deliveries: dict[str, int]
    fill_rates: Sequence[FillRate] = ()


def totals(counts: Iterable[Count], clusters: frozenset[str] | None) -> Counter[tuple[str, str]]:
    result: Counter[tuple[str, str]] = Counter()
    for c in counts:
        if clusters is None or c.cluster_code in clusters:
            result[(c.cluster_code, c.category)] += c.count
    return result


def by_field(counter: Counter[tuple[str, str]], index: int) -> Counter[str]:
    result: Counter[str] = Counter()
    for key, value in counter.items():
        result[key[index]] += value
    return result


# The change from last week: in words for the totals, short for table rows read on a phone.
_IN_WORDS = ("digest-delta-up", "digest-delta-down", "digest-delta-same")
_SHORT = ("digest-change-up", "digest-change-down", "digest-change-same")


def _delta(t: Texts, now: int, before: int, ids: tuple[str, str, str] = _IN_WORDS) -> str:
    up, down, same = ids
    if now > before:
        return t(up, count=now - before)
    if now < before:
        return t(down, count=before - now)
    return t(same)


def _change(t: Texts, now: int, before: int) -> str:
    return _delta(t, now, before, _SHORT)


def category_counts(
    data: StaffData, clusters: frozenset[str] | None
) -> tuple[Counter[str], Counter[str]]:
    """New reports per category this week and the week before (for the chart)."""
    return (
        by_field(totals(data.new, clusters), 1),
        by_field(totals(data.new_before, clusters), 1),
    )


def staff_digest(
    t: Texts,
    data: StaffData,
    clusters: frozenset[str] | None,
    cluster_names: Mapping[str, str],
    body_names: Mapping[str, str],
    joined: Sequence[Any],
) -> str:
    """The staff digest text for a reader who sees `clusters` (None: every cluster)."""
    new = totals(data.new, clusters)
    new_before = totals(data.new_before, clusters)
    resolved = totals(data.resolved, clusters)
    resolved_before = totals(data.resolved_before, clusters)
    late, late_before = (
        Counter(
            (r.cluster_code, r.category)
            for r in reports
            if clusters is None or r.cluster_code in clusters
        )
        for reports in (data.overdue, data.overdue_before)
    )
    scope = (
        t("digest-scope-all")
        if clusters is None
        else t.join(comma(t), sorted(cluster_names.get(c, c) for c in clusters))
    )
    n, nb = sum(new.values()), sum(new_before.values())
    s, sb = sum(resolved.values()), sum(resolved_before.values())
    o, ob = sum(late.values()), sum(late_before.values())
    blocks: list[str] = [
        t(
            "digest-staff-title",
            start=t.date(data.week.start),
            end=t.date(data.week.end - timedelta(seconds=1)),
            scope=scope,
        ),
        t(
            "digest-staff-totals",
            new=n,
            new_delta=_delta(t, n, nb),
            resolved=s,
            resolved_delta=_delta(t, s, sb),
            overdue=o,
            overdue_delta=_delta(t, o, ob),
        ),
    ]
    for index, header, names in (
        (0, "digest-staff-by-cluster", cluster_names),
        (1, "digest-staff-by-category", {c: t(f"category-{c}") for c in CATEGORIES}),
    ):
        now_, before_ = by_field(new, index), by_field(new_before, index)
        done_, done_before = by_field(resolved, index), by_field(resolved_before, index)
        late_, was_late = by_field(late, index), by_field(late_before, index)
        keys = sorted(
            set(now_) | set(before_) | set(done_) | set(done_before) | set(late_) | set(was_late),
            key=lambda k: (-now_[k], -late_[k], k),
        )
        if not keys:
            continue
        lines = [t(header)]
        for key in keys[:MAX_TABLE_LINES]:
            lines.append(
                t(
                    "digest-staff-row",
                    name=names.get(key, key),
                    new=now_[key],
                    new_change=_change(t, now_[key], before_[key]),
                    resolved=done_[key],
                    resolved_change=_change(t, done_[key], done_before[key]),
                    overdue=late_[key],
                    overdue_change=_change(t, late_[key], was_late[key]),
                )
            )
        if len(keys) > MAX_TABLE_LINES:
            lines.append(t("digest-more", count=len(keys) - MAX_TABLE_LINES))
        blocks.append("\n".join(lines))
    found = themes_of(r for r in data.lemmas if clusters is None or r.cluster_code in clusters)
    if found:
        lines = [t("digest-staff-themes")]
        for theme in found:
            lines.append(
                t(
                    "digest-staff-theme",
                    word=theme.word,
                    count=theme.count,
                    clusters=t.join(
                        comma(t), [cluster_names.get(c, c) for c in theme.clusters[:4]]
                    ),
                )
            )
        blocks.append("\n".join(lines))
    if joined:
        lines = [t("digest-staff-joined")]
        for item in joined:
            lines.append(
                t(
                    "digest-staff-joined-row",
                    code=t.digits(item.code),
                    summary=shorten(item.summary),
                    count=item.coreporters,
                    cluster=cluster_names.get(item.cluster_code, item.cluster_code),
                )
            )
        blocks.append("\n".join(lines))
    slow = slowest(data.slow, clusters)
    if slow:
        lines = [t("digest-staff-slow")]
        for body in slow:
            lines.append(
                t(
                    "digest-staff-slow-row",
                    body=body_names.get(body.body, body.body),
                    days=t.number(round(body.average_days)),
                    count=body.referrals,
                )
            )
        blocks.append("\n".join(lines))
    rates = [r for r in data.fill_rates if clusters is None or set(r.cluster_codes) & clusters]
    if rates:
        lines = [t("digest-staff-trainings")]
        for rate in rates[:MAX_TABLE_LINES]:
            lines.append(
                t(
                    "digest-staff-training-row",
                    title=shorten(rate.title),
                    registered=rate.registered,
                    capacity=rate.capacity if rate.capacity is not None else 0,
                    waitlist=rate.waitlist,
                )
            )
        blocks.append("\n".join(lines))
    if clusters is None and data.deliveries:
        d = data.deliveries
        blocks.append(
            t(
                "digest-staff-deliveries",
                sent=d.get("sent", 0),
                blocked=d.get("blocked", 0) + d.get("left", 0),
                failed=d.get("failed", 0),
            )
        )
    return fit_message("\n\n".join(blocks))


def slowest(
    stretches: Iterable[tuple[str, str, float]], clusters: frozenset[str] | None, limit: int = 5
) -> list[Slow]:
    """Outside bodies by the average days reports spent referred to them, slowest first."""
    days: dict[str, list[float]] = defaultdict(list)
    for body, cluster, spent in stretches:
        if clusters is None or cluster in clusters:
            days[body].append(spent)
    ranked = [Slow(body, sum(v) / len(v), len(v)) for body, v in days.items()]
    ranked.sort(key=lambda s: (-s.average_days, s.body))
    return ranked[:limit]
