"""Reading, building, sending: the weekly job that hands the digests to the outbox once a week."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiosqlite
from telegram.ext import CallbackContext, JobQueue

from bot import callbacks as cb
from bot.context import AppState
from bot.i18n import Locales, Rendered, Texts
from bot.services.delivery import texts
from bot.services.digest import cores
from bot.services.digest.chart import ChartText, render_chart
from bot.services.digest.events import (
    ComingEvents,
    FillRates,
    coming_events,
    fill_rates,
    no_coming_events,
    no_fill_rates,
)
from bot.services.digest.member import (
    ClusterWeek,
    OpenProposal,
    OpenSurvey,
    fit_message,
    member_digest,
)
from bot.services.digest.staff import StaffData, by_field, category_counts, staff_digest, totals
from bot.services.digest.themes import lemmas
from bot.services.digest.week import Week, last_due, reported_week, week_of
from bot.services.outbox import SYSTEM_OWNER, Outbox
from bot.services.reports import CATEGORIES
from bot.services.triage import OutsideBody, overdue
from bot.services.workdays import Holidays
from bot.settings import Platform, Settings
from storage.clusters import list_places
from storage.consultation_lists import core_figures, new_by_core, open_by_member
from storage.digest import (
    Recipient,
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
from storage.meeting_agenda import (
    overdue_report_decisions,
)
from storage.outbox import Audience, NewBroadcast
from storage.outbox_queue import PersonalRow, broadcast_exists, create_personal_broadcast
from storage.proposals import (
    Proposal,
    list_proposals,
    overdue_decisions,
    supports,
)
from storage.reports import Report
from storage.surveys import answer_sets, open_surveys, pending_members

log = logging.getLogger(__name__)


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
            by_field(totals(await new_counts(self.db, week.start, week.end), None), 0),
            by_field(totals(await resolved_counts(self.db, week.start, week.end), None), 0),
        )
        ahead = Week(week.end, week.end + timedelta(days=7))
        coming = await self.coming_events(self.db, ahead)
        names = {p.code: p for p in await list_places(self.db, "cluster", active_only=False)}
        asked = await open_by_member(self.db)  # requests for advice still open (issue 17)
        surveys = await self.open_surveys()
        proposals = await self.open_proposals()
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
                consultations=cores.member_block(t, asked.get(r.member_id, ())),
                surveys=[s for s, askees in surveys if r.member_id in askees],
                proposals=proposals.get(r.cluster_code, ()),
            )
            if built is not None:
                text, buttons = built
                payload: dict[str, object] = {
                    "text": text,
                    "buttons": [[{"text": a, "data": b} for a, b in row] for row in buttons],
                }
                result.append((r, payload))
        return result

    async def open_surveys(self) -> list[tuple[OpenSurvey, set[int]]]:
        """Each open survey, with the members it asks who have not finished it."""
        found = []
        for survey in await open_surveys(self.db, datetime.now(UTC)):
            pending = await pending_members(self.db, survey, self.outbox.platforms)
            shown = OpenSurvey(survey.title, survey.closes_at, cb.SURVEY_ANSWER.pack(survey.id))
            found.append((shown, pending))
        return found

    async def open_proposals(self) -> dict[str, list[OpenProposal]]:
        """Proposals open for support, by cluster."""
        found: dict[str, list[OpenProposal]] = {}
        for proposal in await list_proposals(self.db, ["open"]):
            shown = OpenProposal(proposal.title, (await supports(self.db, proposal.id)).total)
            for code in proposal.clusters:
                found.setdefault(code, []).append(shown)
        return found

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

    async def staff_surveys(self, t: Texts, clusters: frozenset[str] | None) -> str | None:
        """The open surveys a reader may manage, with how many answered so far."""
        lines = []
        for survey in await open_surveys(self.db, datetime.now(UTC)):
            asked = set(survey.audience.clusters)
            if clusters is not None and not (asked and asked <= clusters):
                continue
            lines.append(
                t(
                    "digest-staff-survey",
                    title=survey.title,
                    answers=len(await answer_sets(self.db, survey.id)),
                    closes=survey.closes_at,
                )
            )
        return t.join("\n", [t("digest-staff-surveys"), *lines]) if lines else None

    async def staff_proposals(self, t: Texts, clusters: frozenset[str] | None) -> str | None:
        """Proposals open and on an agenda in the reader's clusters, and decisions past due."""

        def mine(p: Proposal) -> bool:
            return clusters is None or set(p.clusters) <= clusters

        current = [p for p in await list_proposals(self.db, ["open", "agenda"]) if mine(p)]
        now = datetime.now(UTC)
        late: list[tuple[str, datetime | None, str | None]] = [
            (p.title, p.decision_due, p.decision_body)
            for p in await overdue_decisions(self.db, now)
            if mine(p)
        ]
        late += [
            (
                t.label("meeting-pack-report", code=t.digits(r.code)),
                r.decision_due,
                r.decision_body,
            )
            for r in await overdue_report_decisions(self.db, now)
            if clusters is None or r.cluster_code in clusters
        ]
        lines = []
        if current:
            lines.append(
                t(
                    "digest-staff-proposals",
                    open=sum(1 for p in current if p.status == "open"),
                    agenda=sum(1 for p in current if p.status == "agenda"),
                )
            )
        if late:
            lines.append(t("digest-staff-overdue-decisions"))
            names = {b.code: b.name(t.lang) for b in self.bodies}
            lines += [
                t(
                    "digest-staff-overdue-decision",
                    title=title,
                    due=due or now,
                    body=names.get(body or "", body or "—"),
                )
                for title, due, body in late
            ]
        return t.join("\n", lines) if lines else None

    async def _overdue(self, moment: datetime) -> list[Report]:
        reports = await open_reports(self.db, moment)
        flags = await overdue(self.db, reports, self.holidays, self.settings, moment)
        return [r for r in reports if flags.get(r.id)]

    async def staff_digest_for(
        self, data: StaffData, clusters: frozenset[str] | None, lang: str, platform: Platform
    ) -> tuple[str, bytes | None]:
        """(text, chart PNG) for one staff reader; no chart when their clusters had no new
        report this week or the last (an empty chart says nothing, and drawing one is the
        digest's slowest step)."""
        t = texts(self.locales, lang, platform, self.settings.bale_escaping)
        names = {
            p.code: p.name(lang) for p in await list_places(self.db, "cluster", active_only=False)
        }
        joined = await most_joined(self.db, clusters)
        bodies = {b.code: b.name(lang) for b in self.bodies}
        text = staff_digest(t, data, clusters, names, bodies, joined)
        text = await self._with_cores(t, text, data.week)
        for block in (
            await self.staff_surveys(t, clusters),
            await self.staff_proposals(t, clusters),
        ):
            if block:
                text = Rendered(f"{text}\n\n{block}")
        now, before = category_counts(data, clusters)
        if not now and not before:
            return text, None
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

    async def _with_cores(self, t: Texts, text: str, week: Week) -> str:
        """The advisory cores' section after the reports' (issue 17)."""
        start, end = (w.isoformat(timespec="seconds") for w in (week.start, week.end))
        block = cores.staff_block(
            t, await core_figures(self.db, None, end), await new_by_core(self.db, start, end)
        )
        return fit_message(f"{text}\n\n{block}") if block else text

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
        made: dict[tuple[frozenset[str] | None, str, str], tuple[str, int | None]] = {}
        rows = []
        for reader in readers:
            scope = (reader.clusters, reader.language, reader.platform)
            if scope not in made:
                text, chart = await self.staff_digest_for(
                    data, reader.clusters, reader.language, Platform(reader.platform)
                )
                if chart is not None and chart not in stored:  # one file per picture
                    files.append((f"digest-{week.key}.png", chart))
                    stored[chart] = len(files) - 1
                made[scope] = (text, None if chart is None else stored[chart])
            text, index = made[scope]
            t = texts(
                self.locales,
                reader.language,
                Platform(reader.platform),
                self.settings.bale_escaping,
            )
            payload: dict[str, object] = {"text": text}
            if index is not None:
                payload |= {"photo": f"file:{index}", "caption": t("digest-chart-caption")}
            rows.append(PersonalRow(reader.platform, reader.user_id, None, payload))
        return Built(rows, files)

    # --- preview ---------------------------------------------------------------------------

    async def preview(
        self,
        clusters: frozenset[str] | None,
        lang: str,
        platform: Platform,
        now: datetime,
    ) -> tuple[str, bytes | None, Rendered | str | None]:
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
