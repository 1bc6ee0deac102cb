"""The member digest: one personal summary of the week, built from data already read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import callbacks as cb
from bot.i18n import Texts
from bot.services.digest.events import ComingEvent
from bot.services.digest.week import Week
from bot.text import MESSAGE_MAX
from bot.text import shorten as text_shorten
from storage.digest import ReportNews

# Lines per list: long enough to be useful, short enough for one 4096-character message.
MAX_REPORT_LINES = 8
MAX_SUMMARY = 60


@dataclass(frozen=True, slots=True)
class ClusterWeek:
    """A cluster's week in numbers."""

    raised: int = 0
    resolved: int = 0


@dataclass(frozen=True, slots=True)
class OpenSurvey:
    """An open survey a member has not finished (and its answer button's data)."""

    title: str
    closes_at: datetime
    answer_data: str


@dataclass(frozen=True, slots=True)
class OpenProposal:
    """A proposal open for support in a member's cluster."""

    title: str
    supports: int


def comma(t: Texts) -> str:
    return f"{t.label('digest-comma')} "


def shorten(text: str) -> str:
    """A title or summary on one line, cut between words."""
    return text_shorten(text, MAX_SUMMARY)


def member_digest(
    t: Texts,
    week: Week,
    news: Sequence[ReportNews],
    cluster_name: str,
    cluster: ClusterWeek,
    coming: Sequence[ComingEvent] = (),
    *,
    without_news: bool = False,
    consultations: str | None = None,
    surveys: Sequence[OpenSurvey] = (),
    proposals: Sequence[OpenProposal] = (),
) -> tuple[str, list[list[tuple[str, str]]]] | None:
    """A member's digest text and its buttons (label, callback data), or None when there is
    nothing for them (unless `without_news`, when their cluster's numbers are enough).
    `consultations`: the block on their open requests for advice (digest/cores.py);
    `surveys` are the open surveys asked of them that they have not finished, `proposals`
    their cluster's proposals open for support."""
    if (
        not news
        and not coming
        and not consultations
        and not surveys
        and not proposals
        and not (without_news and (cluster.raised or cluster.resolved))
    ):
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
                    summary=shorten(item.summary),
                    news=t.join(comma(t), parts),
                )
            )
        if len(news) > MAX_REPORT_LINES:
            lines.append(t("digest-more", count=len(news) - MAX_REPORT_LINES))
        blocks.append("\n".join(lines))
    if consultations:
        blocks.append(consultations)
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
                    title=shorten(event.title),
                    when=t.datetime(event.starts_at),
                    seats=seats,
                )
            )
            if event.seats_left != 0:
                label = t.label("digest-button-signup", title=shorten(event.title)[:30])
                buttons.append([(label, event.signup_data)])
        blocks.append("\n".join(lines))
    if surveys:
        lines = [t("digest-member-surveys")]
        for survey in surveys[:MAX_REPORT_LINES]:
            lines.append(
                t("digest-member-survey", title=shorten(survey.title), closes=survey.closes_at)
            )
        blocks.append("\n".join(lines))
    if proposals:
        lines = [t("digest-member-proposals")]
        lines += [
            t("digest-member-proposal", title=shorten(p.title), count=p.supports)
            for p in proposals[:MAX_REPORT_LINES]
        ]
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
    buttons += [
        [(t.label("survey-button-answer-titled", title=shorten(s.title)[:30]), s.answer_data)]
        for s in surveys[:2]
    ]
    buttons.append([(t.label("digest-button-off"), cb.DIGEST_OFF.pack())])
    return fit_message("\n\n".join(blocks)), buttons


def fit_message(text: str) -> str:
    """Never more than one message: lists are capped, this is the last guard."""
    if len(text) <= MESSAGE_MAX:
        return text
    return text[: MESSAGE_MAX - 1].rsplit("\n", 1)[0] + "\n…"
