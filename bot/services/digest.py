"""The weekly digest: one personal summary per member, the numbers and a chart for staff.

Building is pure (text from data already read, see `storage/digest.py`); sending goes through
the outbox like every broadcast: one broadcast per audience and week, created together with
its per-recipient rows in one transaction and keyed `digest:members:<week>` /
`digest:staff:<week>`, so a job firing twice, a restart in the middle of sending or a run
caught up after downtime never sends anyone a second copy.

The digest sent on Saturday morning covers the Iranian week that has just ended (Saturday
00:00 to Saturday 00:00, Tehran time); `/digest_preview` shows the current week so far.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite
import jdatetime
from telegram.ext import CallbackContext, JobQueue

from bot import callbacks as cb
from bot.context import AppState, Rendered, Texts
from bot.i18n import Locales
from bot.services.categorize import tokens_for_similarity
from bot.services.offerings import view_button
from bot.services.outbox import SYSTEM_OWNER, Outbox, texts
from bot.services.reports import CATEGORIES
from bot.services.triage import OutsideBody, overdue
from bot.services.workdays import Holidays
from bot.settings import Platform, Settings
from bot.text import MESSAGE_MAX
from storage.clusters import list_places
from storage.digest import (
    Count,
    NewReportText,
    Recipient,
    ReportNews,
    StaffRecipient,
    delivery_counts,
    digest_recipients,
    most_joined,
    new_counts,
    new_report_texts,
    open_reports,
    referrals,
    report_news,
    resolved_counts,
    staff_recipients,
)
from storage.offerings import published_starting
from storage.outbox import (
    Audience,
    NewBroadcast,
    PersonalRow,
    broadcast_exists,
    create_personal_broadcast,
)
from storage.reports import Report

log = logging.getLogger(__name__)

# Lines per list: long enough to be useful, short enough for one 4096-character message.
MAX_REPORT_LINES = 8
MAX_TABLE_LINES = 12
MAX_THEMES = 8
MAX_SUMMARY = 60
SATURDAY = 5  # datetime.weekday()


# --- the week ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Week:
    """An Iranian week [start, end): Saturday 00:00 to the next Saturday 00:00 (local)."""

    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        """`1405-W10`: the Jalali year and the week's number in it (by its Saturday)."""
        saturday = jdatetime.date.fromgregorian(date=self.start.date())
        return f"{saturday.year}-W{(saturday.yday() - 1) // 7 + 1:02d}"

    @property
    def previous(self) -> Week:
        """The week before."""
        return Week(self.start - timedelta(days=7), self.start)


def week_of(moment: datetime, tz: ZoneInfo) -> Week:
    """The Iranian week `moment` falls in."""
    local = moment.astimezone(tz)
    saturday = local.date() - timedelta(days=(local.weekday() - SATURDAY) % 7)
    start = datetime.combine(saturday, time(0), tzinfo=tz)
    end = datetime.combine(saturday + timedelta(days=7), time(0), tzinfo=tz)
    return Week(start, end)


def reported_week(moment: datetime, tz: ZoneInfo) -> Week:
    """The last full week before `moment`: what a digest sent at `moment` is about."""
    return week_of(moment, tz).previous


def last_due(now: datetime, settings: Settings) -> datetime:
    """The most recent scheduled digest time at or before `now`."""
    tz = settings.tz
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=(local.weekday() - settings.digest_weekday) % 7)
    due = datetime.combine(day, settings.digest_time, tzinfo=tz)
    if due > local:
        due -= timedelta(days=7)
    return due


# --- recurring themes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Theme:
    """A meaningful word that came up in several new reports."""

    word: str
    count: int  # reports it appears in
    clusters: tuple[str, ...]  # most frequent first


_HAZM_STOP_WORDS: frozenset[str] | None = None


def _hazm_stop_words() -> frozenset[str]:
    global _HAZM_STOP_WORDS
    if _HAZM_STOP_WORDS is None:
        from hazm import stopwords_list

        from bot.services.categorize import _fold

        _HAZM_STOP_WORDS = frozenset(_fold(w) for w in stopwords_list())
    return _HAZM_STOP_WORDS


@dataclass(frozen=True, slots=True)
class Lemmas:
    """The meaningful lemmas of one new report, and its cluster."""

    cluster_code: str
    words: frozenset[str]


def lemmas(reports: Iterable[NewReportText]) -> list[Lemmas]:
    """Each report's lemmas (hazm), stop-words (ours and hazm's) and short words removed.

    Lemmatising takes a millisecond or two a report: call it off the event loop."""
    stop = _hazm_stop_words()
    return [
        Lemmas(
            r.cluster_code,
            frozenset(w for w in tokens_for_similarity(r.text) if w not in stop and len(w) >= 3),
        )
        for r in reports
    ]


def themes(reports: Iterable[NewReportText], limit: int = MAX_THEMES) -> list[Theme]:
    """The lemmas found in most new reports (see `themes_of`)."""
    return themes_of(lemmas(reports), limit)


def themes_of(reports: Iterable[Lemmas], limit: int = MAX_THEMES) -> list[Theme]:
    """The lemmas found in most reports, each with its count of reports and the clusters
    they came from (most reports first); a word in one report is no theme."""
    counts: Counter[str] = Counter()
    clusters: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        for word in report.words:
            counts[word] += 1
            clusters[word][report.cluster_code] += 1
    ranked = sorted((w for w, n in counts.items() if n >= 2), key=lambda w: (-counts[w], w))
    return [
        Theme(word, counts[word], tuple(c for c, _ in clusters[word].most_common()))
        for word in ranked[:limit]
    ]


# --- the chart --------------------------------------------------------------------------------


def shape(label: str) -> str:
    """Persian text as a left-to-right renderer must draw it: letters joined (presentation
    forms) and in visual, right-to-left order. Matplotlib does neither by itself."""
    from arabic_reshaper import reshape
    from bidi import get_display

    return str(get_display(reshape(label)))


@dataclass(frozen=True, slots=True)
class ChartText:
    """The chart's words, already in the reader's language."""

    title: str
    this_week: str
    last_week: str
    labels: Mapping[str, str]  # category → label
    digits: Callable[[int], str]


def chart_figure(
    this_week: Mapping[str, int], last_week: Mapping[str, int], words: ChartText
) -> Any:
    """A Matplotlib figure: new reports per category, this week against last week."""
    from matplotlib.figure import Figure

    categories = [c for c in CATEGORIES if this_week.get(c) or last_week.get(c)] or ["other"]
    # Top to bottom in taxonomy order: barh draws the first category at the bottom.
    categories.reverse()
    figure = Figure(figsize=(8, 0.5 * len(categories) + 1.6), dpi=100)
    axes = figure.add_subplot()
    positions = range(len(categories))
    height = 0.38
    now = [this_week.get(c, 0) for c in categories]
    before = [last_week.get(c, 0) for c in categories]
    bars_now = axes.barh(
        [p + height / 2 for p in positions], now, height, label=shape(words.this_week),
        color="#2a7ab0",
    )  # fmt: skip
    bars_before = axes.barh(
        [p - height / 2 for p in positions], before, height, label=shape(words.last_week),
        color="#b8c7d3",
    )  # fmt: skip
    for bars, values in ((bars_now, now), (bars_before, before)):
        for bar, value in zip(bars, values, strict=True):
            if value:
                axes.annotate(
                    words.digits(value),
                    (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(-3, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=9,
                )  # fmt: skip
    axes.set_yticks(list(positions), [shape(words.labels.get(c, c)) for c in categories])
    top = max([*now, *before, 1])
    step = max(1, -(-top // 5))
    ticks = list(range(0, top + step + 1, step))
    axes.set_xticks(ticks, [words.digits(v) for v in ticks])
    # Read from the right, as Persian is: bars grow leftwards from labels on the right.
    axes.set_xlim(top * 1.15 + 0.5, 0)
    axes.yaxis.tick_right()
    axes.set_title(shape(words.title))
    # Right to left as well: this week's key on the right.
    axes.legend(
        handles=[bars_before, bars_now],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncols=2,
        frameon=False,
    )
    axes.spines[["top", "left"]].set_visible(False)
    figure.tight_layout()
    return figure


def render_chart(
    this_week: Mapping[str, int], last_week: Mapping[str, int], words: ChartText
) -> bytes:
    """The chart as PNG bytes (Agg, no display; call it off the event loop)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = chart_figure(this_week, last_week, words)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


# --- the trainings section (issue 5 fills it) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComingEvent:
    """A training or event in the coming week, as a member's digest lists it."""

    offering_id: int
    title: str
    starts_at: datetime
    seats_left: int | None  # None: no capacity limit
    signup_data: str  # callback data of its sign-up button


@dataclass(frozen=True, slots=True)
class FillRate:
    """How full a training is, for the staff digest."""

    title: str
    cluster_codes: tuple[str, ...]
    registered: int
    capacity: int | None
    waitlist: int


# The coming week's trainings and events per cluster (for members) and sign-up fill rates
# (for staff) are read through these two sources, so the builders stay plain functions that
# tests can feed directly.
ComingEvents = Callable[
    [aiosqlite.Connection, Week], Awaitable[Mapping[str, Sequence[ComingEvent]]]
]
FillRates = Callable[[aiosqlite.Connection, Week], Awaitable[Sequence[FillRate]]]


async def no_coming_events(
    db: aiosqlite.Connection, week: Week
) -> Mapping[str, Sequence[ComingEvent]]:
    """No trainings to announce (tests of the other sections)."""
    return {}


async def no_fill_rates(db: aiosqlite.Connection, week: Week) -> Sequence[FillRate]:
    """No fill rates (tests of the other sections)."""
    return ()


async def coming_events(
    db: aiosqlite.Connection, week: Week
) -> Mapping[str, Sequence[ComingEvent]]:
    """Per cluster code: published trainings and events starting in `week` (the digest asks
    for the week beginning as it is sent)."""
    upcoming = await published_starting(db, week.start, week.end, datetime.now(UTC))
    by_cluster: dict[str, list[ComingEvent]] = {}
    for place in await list_places(db, "cluster"):
        for offering, seats in upcoming:
            if offering.targets(place.code):
                by_cluster.setdefault(place.code, []).append(
                    ComingEvent(
                        offering_id=offering.id,
                        title=offering.title,
                        starts_at=offering.starts_at,
                        seats_left=seats.left,
                        signup_data=view_button(offering.id)[1],
                    )
                )
    return by_cluster


async def fill_rates(db: aiosqlite.Connection, week: Week) -> Sequence[FillRate]:
    """Trainings that started this week or start in the next: seats taken and waitlists."""
    found = await published_starting(
        db, week.start, week.end + timedelta(days=7), datetime.now(UTC)
    )
    return [
        FillRate(
            title=offering.title,
            cluster_codes=tuple(sorted(offering.clusters)),
            registered=seats.confirmed,
            capacity=offering.capacity,
            waitlist=seats.waitlisted,
        )
        for offering, seats in found
    ]


# --- member digest ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClusterWeek:
    """A cluster's week in numbers."""

    raised: int = 0
    resolved: int = 0


def _comma(t: Texts) -> str:
    return f"{t.label('digest-comma')} "


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1] + "…"


def member_digest(
    t: Texts,
    week: Week,
    news: Sequence[ReportNews],
    cluster_name: str,
    cluster: ClusterWeek,
    coming: Sequence[ComingEvent] = (),
    *,
    without_news: bool = False,
) -> tuple[str, list[list[tuple[str, str]]]] | None:
    """A member's digest text and its buttons (label, callback data), or None when there is
    nothing for them (unless `without_news`, when their cluster's numbers are enough)."""
    if not news and not coming and not (without_news and (cluster.raised or cluster.resolved)):
        return None
    blocks: list[str] = [
        t(
            "digest-member-title",
            start=t.date(week.start),
            end=t.date(week.end - timedelta(seconds=1)),
        )
    ]
    if news:
        lines = [t("digest-member-reports")]
        for item in news[:MAX_REPORT_LINES]:
            parts = []
            if item.statuses:
                arrow = f" {t.label('digest-status-arrow')} "
                steps = t.join(arrow, [t(f"report-status-{s}") for s in item.statuses])
                parts.append(t("digest-news-status", status=steps))
            if item.replies:
                parts.append(t("digest-news-replies", count=item.replies))
            if item.joined:
                parts.append(t("digest-news-joined", count=item.joined))
            lines.append(
                t(
                    "digest-member-report",
                    code=t.digits(item.code),
                    summary=_short(item.summary),
                    news=t.join(_comma(t), parts),
                )
            )
        if len(news) > MAX_REPORT_LINES:
            lines.append(t("digest-more", count=len(news) - MAX_REPORT_LINES))
        blocks.append("\n".join(lines))
    buttons: list[list[tuple[str, str]]] = []
    if coming:
        lines = [t("digest-member-coming")]
        for event in coming[:MAX_REPORT_LINES]:
            seats = (
                t("digest-seats-open")
                if event.seats_left is None
                else t("digest-seats-left", count=event.seats_left)
            )
            lines.append(
                t(
                    "digest-member-event",
                    title=_short(event.title),
                    when=t.datetime(event.starts_at),
                    seats=seats,
                )
            )
            if event.seats_left != 0:
                label = t.label("digest-button-signup", title=_short(event.title)[:30])
                buttons.append([(label, event.signup_data)])
        blocks.append("\n".join(lines))
    blocks.append(
        t(
            "digest-member-cluster",
            cluster=cluster_name,
            raised=cluster.raised,
            resolved=cluster.resolved,
        )
    )
    buttons = buttons[:3]
    buttons.append([(t.label("digest-button-off"), cb.DIGEST_OFF.pack())])
    return _fit("\n\n".join(blocks)), buttons


def _fit(text: str) -> str:
    """Never more than one message: lists are capped, this is the last guard."""
    if len(text) <= MESSAGE_MAX:
        return text
    return text[: MESSAGE_MAX - 1].rsplit("\n", 1)[0] + "\n…"


# --- staff digest -----------------------------------------------------------------------------


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


def _total(counts: Iterable[Count], clusters: frozenset[str] | None) -> Counter[tuple[str, str]]:
    result: Counter[tuple[str, str]] = Counter()
    for c in counts:
        if clusters is None or c.cluster_code in clusters:
            result[(c.cluster_code, c.category)] += c.count
    return result


def _by(counter: Counter[tuple[str, str]], index: int) -> Counter[str]:
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
        _by(_total(data.new, clusters), 1),
        _by(_total(data.new_before, clusters), 1),
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
    new = _total(data.new, clusters)
    new_before = _total(data.new_before, clusters)
    resolved = _total(data.resolved, clusters)
    resolved_before = _total(data.resolved_before, clusters)
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
        else t.join(_comma(t), sorted(cluster_names.get(c, c) for c in clusters))
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
        now_, before_ = _by(new, index), _by(new_before, index)
        done_, done_before = _by(resolved, index), _by(resolved_before, index)
        late_, was_late = _by(late, index), _by(late_before, index)
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
                        _comma(t), [cluster_names.get(c, c) for c in theme.clusters[:4]]
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
                    summary=_short(item.summary),
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
                    title=_short(rate.title),
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
    return _fit("\n\n".join(blocks))


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


# --- reading, building, sending ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Built:
    """One audience's digests, ready for the outbox."""

    rows: list[PersonalRow]
    files: list[tuple[str, bytes]]


class Digests:
    """Builds the week's digests and hands them to the outbox, once a week."""

    def __init__(
        self,
        db: aiosqlite.Connection,
        settings: Settings,
        locales: Locales,
        holidays: Holidays,
        outbox: Outbox,
        bodies: Sequence[OutsideBody] = (),
        coming_events: ComingEvents = no_coming_events,
        fill_rates: FillRates = no_fill_rates,
    ) -> None:
        self.db = db
        self.settings = settings
        self.locales = locales
        self.holidays = holidays
        self.outbox = outbox
        self.bodies = tuple(bodies)
        self.coming_events = coming_events
        self.fill_rates = fill_rates
        self._lock = asyncio.Lock()
        self._charts: dict[tuple[object, ...], bytes] = {}

    # --- scheduling ------------------------------------------------------------------------

    async def arm(self, jobs: JobQueue[Any]) -> None:
        """Arm the weekly job on the outbox's scheduler; catch up a run missed while down."""
        for job in jobs.get_jobs_by_name("digest:weekly"):
            job.schedule_removal()
        at = self.settings.digest_time.replace(tzinfo=self.settings.tz)
        jobs.run_daily(
            self._fire,
            time=at,
            # PTB counts days from Sunday (0) to Saturday (6); Python's weekday from Monday.
            days=((self.settings.digest_weekday + 1) % 7,),
            name="digest:weekly",
            job_kwargs={"misfire_grace_time": None},
        )
        await self.catch_up(datetime.now(UTC))

    async def catch_up(self, now: datetime) -> bool:
        """Send the last scheduled run now if it was missed and is within the grace period."""
        due = last_due(now, self.settings)
        if now - due > timedelta(minutes=self.settings.digest_grace_minutes):
            return False
        week = reported_week(due, self.settings.tz)
        if await broadcast_exists(self.db, self.key("staff", week)) and await broadcast_exists(
            self.db, self.key("members", week)
        ):
            return False
        log.info("digest for %s was missed while down; sending now", week.key)
        await self.run(due)
        return True

    async def _fire(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.run(datetime.now(UTC))

    @staticmethod
    def key(audience: str, week: Week) -> str:
        """The dedupe key of one audience's digest for one week."""
        return f"digest:{audience}:{week.key}"

    async def run(self, now: datetime) -> dict[str, bool]:
        """Create this run's broadcasts (members, staff) unless they exist; wake the outbox.

        Returns {audience: created}. Both are idempotent on their week's key.
        """
        week = reported_week(now, self.settings.tz)
        created: dict[str, bool] = {}
        async with self._lock:  # two firings in one process build once
            for audience, kind, build in (
                ("members", "digest", self.member_rows),
                ("staff", "staff_digest", self.staff_rows),
            ):
                key = self.key(audience, week)
                if await broadcast_exists(self.db, key):
                    created[audience] = False
                    continue
                built = await build(week)
                _, created[audience] = await create_personal_broadcast(
                    self.db, self._broadcast(kind, key, now), built.rows, built.files
                )
                log.info("digest %s: %d message(s) queued", key, len(built.rows))
        self.outbox.wake()
        return created

    def _broadcast(self, kind: str, key: str, now: datetime) -> NewBroadcast:
        platform = self.outbox.platforms[0] if self.outbox.platforms else Platform.BALE.value
        return NewBroadcast(
            created_by="system:digest",
            owner_platform=platform,
            owner_chat_id=SYSTEM_OWNER,
            owner_lang="fa",
            body="",
            audience=Audience(),
            send_at=now,
            dedupe_key=key,
            kind=kind,
        )

    # --- members ---------------------------------------------------------------------------

    async def member_rows(self, week: Week) -> Built:
        """Every member's digest for `week` (those with nothing to read get none)."""
        recipients = await digest_recipients(self.db, self.outbox.platforms)
        digests = await self.member_digests(week, recipients)
        return Built(
            [PersonalRow(r.platform, r.chat_id, r.member_id, payload) for r, payload in digests],
            [],
        )

    async def member_digests(
        self, week: Week, recipients: Sequence[Recipient]
    ) -> list[tuple[Recipient, dict[str, object]]]:
        """(recipient, payload) for each recipient who gets a digest this week."""
        news, parties = await report_news(self.db, week.start, week.end)
        raised, resolved = (
            _by(_total(await new_counts(self.db, week.start, week.end), None), 0),
            _by(_total(await resolved_counts(self.db, week.start, week.end), None), 0),
        )
        ahead = Week(week.end, week.end + timedelta(days=7))
        coming = await self.coming_events(self.db, ahead)
        names = {p.code: p for p in await list_places(self.db, "cluster", active_only=False)}
        translators: dict[tuple[str, str], Texts] = {}
        result = []
        for index, r in enumerate(recipients):
            if index % 500 == 499:
                await asyncio.sleep(0)  # members' replies go on while 10,000 are built
            t = translators.get((r.language, r.platform))
            if t is None:
                t = texts(
                    self.locales, r.language, Platform(r.platform), self.settings.bale_escaping
                )
                translators[(r.language, r.platform)] = t
            place = names.get(r.cluster_code)
            built = member_digest(
                t,
                week,
                [news[i] for i in sorted(parties.get(r.member_id, ()))],
                place.name(t.lang) if place else r.cluster_code,
                ClusterWeek(raised[r.cluster_code], resolved[r.cluster_code]),
                coming.get(r.cluster_code, ()),
                without_news=self.settings.digest_without_news,
            )
            if built is not None:
                text, buttons = built
                payload: dict[str, object] = {
                    "text": text,
                    "buttons": [[{"text": a, "data": b} for a, b in row] for row in buttons],
                }
                result.append((r, payload))
        return result

    # --- staff -----------------------------------------------------------------------------

    async def staff_data(self, week: Week, until: datetime | None = None) -> StaffData:
        """Read everything the staff digest shows (a fixed number of queries).

        `until` (the preview's "now") ends the week early for the title, the overdue flags and
        the referrals still open; the counts read the whole week, whose rest is still empty.
        """
        end = week.end
        before = week.previous
        cutoff = min(end, until if until is not None else datetime.now(UTC))
        late = await self._overdue(cutoff)
        late_before = await self._overdue(week.start)
        stretches = [
            (s.body, s.cluster_code, ((s.end or cutoff) - s.start).total_seconds() / 86400)
            for s in await referrals(self.db, end)
        ]
        return StaffData(
            week=Week(week.start, cutoff),
            new=await new_counts(self.db, week.start, end),
            new_before=await new_counts(self.db, before.start, before.end),
            resolved=await resolved_counts(self.db, week.start, end),
            resolved_before=await resolved_counts(self.db, before.start, before.end),
            overdue=late,
            overdue_before=late_before,
            lemmas=await asyncio.to_thread(
                lemmas, await new_report_texts(self.db, week.start, end)
            ),
            slow=stretches,
            deliveries=await delivery_counts(self.db, week.start, end),
            fill_rates=await self.fill_rates(self.db, week),
        )

    async def _overdue(self, moment: datetime) -> list[Report]:
        reports = await open_reports(self.db, moment)
        flags = await overdue(self.db, reports, self.holidays, self.settings, moment)
        return [r for r in reports if flags.get(r.id)]

    async def staff_digest_for(
        self, data: StaffData, clusters: frozenset[str] | None, lang: str, platform: Platform
    ) -> tuple[str, bytes]:
        """(text, chart PNG) for one staff reader."""
        t = texts(self.locales, lang, platform, self.settings.bale_escaping)
        names = {
            p.code: p.name(lang) for p in await list_places(self.db, "cluster", active_only=False)
        }
        joined = await most_joined(self.db, clusters)
        bodies = {b.code: b.name(lang) for b in self.bodies}
        text = staff_digest(t, data, clusters, names, bodies, joined)
        now, before = category_counts(data, clusters)
        words = ChartText(
            title=t.label("digest-chart-title"),
            this_week=t.label("digest-chart-this-week"),
            last_week=t.label("digest-chart-last-week"),
            labels={c: t.label(f"category-{c}") for c in CATEGORIES},
            digits=t.number,
        )
        # Agents whose clusters had the same week share one picture (drawing takes ~0.1 s).
        key = (lang, tuple(sorted(now.items())), tuple(sorted(before.items())))
        chart = self._charts.get(key)
        if chart is None:
            chart = await asyncio.to_thread(render_chart, dict(now), dict(before), words)
            self._charts[key] = chart
        return text, chart

    async def staff_rows(self, week: Week) -> Built:
        """The staff digest for every staff reader; one chart per distinct scope."""
        data = await self.staff_data(week)
        self._charts.clear()
        readers = await staff_recipients(
            self.db,
            {p.value: ids for p, ids in self.settings.admins.items()},
            self.outbox.platforms,
        )
        # The staff group, where many of them work, reads the all-clusters digest too.
        for platform in self.outbox.platforms:
            group = self.settings.staff_chat_id(Platform(platform))
            if group is not None:
                readers.append(StaffRecipient(platform, group, None, "fa"))
        files: list[tuple[str, bytes]] = []
        stored: dict[bytes, int] = {}
        made: dict[tuple[frozenset[str] | None, str, str], tuple[str, int]] = {}
        rows = []
        for reader in readers:
            scope = (reader.clusters, reader.language, reader.platform)
            if scope not in made:
                text, chart = await self.staff_digest_for(
                    data, reader.clusters, reader.language, Platform(reader.platform)
                )
                if chart not in stored:  # one stored file per distinct picture
                    files.append((f"digest-{week.key}.png", chart))
                    stored[chart] = len(files) - 1
                made[scope] = (text, stored[chart])
            text, index = made[scope]
            t = texts(
                self.locales,
                reader.language,
                Platform(reader.platform),
                self.settings.bale_escaping,
            )
            payload: dict[str, object] = {
                "text": text,
                "photo": f"file:{index}",
                "caption": t("digest-chart-caption"),
            }
            rows.append(PersonalRow(reader.platform, reader.user_id, None, payload))
        return Built(rows, files)

    # --- preview ---------------------------------------------------------------------------

    async def preview(
        self,
        clusters: frozenset[str] | None,
        lang: str,
        platform: Platform,
        now: datetime,
    ) -> tuple[str, bytes, Rendered | str | None]:
        """This week so far: the staff digest for `clusters` and one member's digest from
        within them (None when no member in scope has anything to read yet)."""
        week = week_of(now, self.settings.tz)
        data = await self.staff_data(week, until=now)
        text, chart = await self.staff_digest_for(data, clusters, lang, platform)
        recipients = [
            r
            for r in await digest_recipients(self.db, [platform.value])
            if clusters is None or r.cluster_code in clusters
        ]
        sample = None
        for _recipient, payload in await self.member_digests(week, recipients):
            sample = str(payload["text"])
            break
        return text, chart, sample


def make_digests(state: AppState) -> Digests:
    """The digest service over an Application's state (the scheduler's and the preview's
    are built here alike, so both read the same sources)."""
    return Digests(
        state.db,
        state.settings,
        state.locales,
        state.holidays,
        state.outbox,
        state.outside_bodies,
        coming_events=coming_events,
        fill_rates=fill_rates,
    )
