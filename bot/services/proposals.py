"""Proposals: publishing one to its clusters' members, and telling everyone concerned (its
supporters and the members whose reports it links) of every status change, exactly once; and
telling a report's members that it is on a joint meeting's agenda by itself, and the decision.

A status change is stored with its event row (storage/proposals.py); its notices are then
queued in the outbox under a key made from that event's id, and the event is marked told. The
outbox skips a key it has seen, so a change whose notices were queued but not yet marked (a
crash between the two) is told at the next start without a second copy, and one stored just
before a crash is told then too (`tell_untold`, armed when the outbox starts). Sending itself
is the outbox's: paced, retried, and resumed after a restart.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import aiosqlite
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks as cb
from bot.i18n import Texts
from bot.services import notices
from bot.services.delivery import texts
from bot.services.notices import Notice
from bot.services.triage import OutsideBody
from bot.settings import Platform
from bot.text import shorten
from storage.meeting_agenda import (
    agenda_report,
    mark_report_item_told,
    untold_report_items,
)
from storage.members import Member, get_member_by_id
from storage.offerings import get_offering
from storage.outbox import Audience, NewBroadcast, Template, owned_broadcast
from storage.proposals import (
    Proposal,
    get_proposal,
    mark_told,
    to_tell,
    untold_events,
)
from storage.reports import parties

if TYPE_CHECKING:
    from bot.context import AppState

log = logging.getLogger(__name__)

# What a title may be in a button.
TITLE_IN_BUTTON = 30


def member_buttons(proposal_id: int) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Under a published proposal: support (or withdraw), and a short comment."""
    return (
        (
            ("proposal-button-support", cb.PROPOSAL_SUPPORT.pack(proposal_id)),
            ("proposal-button-comment", cb.PROPOSAL_COMMENT.pack(proposal_id)),
        ),
    )


def announcement(proposal: Proposal, owner: tuple[str, str, int, str]) -> NewBroadcast:
    """The proposal, sent to the members of its clusters (once: keyed by its id)."""
    template = Template(
        "proposal-published",
        {"title": proposal.title, "problem": proposal.problem, "solution": proposal.solution},
        member_buttons(proposal.id),
    )
    audience = Audience(clusters=proposal.clusters)
    key = f"proposal:{proposal.id}"
    return owned_broadcast(owner, key, audience, datetime.now(UTC), template, "proposal")


def body_name(bodies: tuple[OutsideBody, ...], code: str | None, lang: str) -> str | None:
    """An outside body's name in `lang` (None: none named)."""
    if code is None:
        return None
    return next((b.name(lang) for b in bodies if b.code == code), code)


def _with_who_and_when(
    t: Texts, bodies: tuple[OutsideBody, ...], decided: str, body: str | None, due: datetime | None
) -> str:
    """A decision as told (on a proposal or an agenda report): its line, then who carries it
    out and by when, where the meeting said."""
    lines = [decided]
    name = body_name(bodies, body, t.lang)
    if name is not None:
        lines.append(t("proposal-told-body", body=name))
    if due is not None:
        lines.append(t("proposal-told-due", due=due))
    return "\n".join(lines)


async def _active_readers(
    state: AppState, member_ids: Iterable[int]
) -> AsyncIterator[tuple[Member, Platform, Texts]]:
    """Each member still active among `member_ids`, with their platform and their words."""
    escaping = state.settings.bale_escaping
    for member_id in member_ids:
        member = await get_member_by_id(state.db, member_id)
        if member is None or member.status != "active":
            continue
        platform = Platform(member.platform)
        yield member, platform, texts(state.locales, member.language, platform, escaping)


async def _queue(state: AppState, key: str, owed: list[Notice]) -> int:
    """Queue the notices one change owes under its key (nothing without a platform)."""
    configured = state.settings.platforms()
    if not configured:
        return 0
    return await notices.queue(state.db, configured, configured[0], key, owed)


async def _told_text(
    db: aiosqlite.Connection, t: Texts, proposal: Proposal, status: str,
    bodies: tuple[OutsideBody, ...],
) -> str:  # fmt: skip
    if status == "agenda" and proposal.meeting_id is not None:
        meeting = await get_offering(db, proposal.meeting_id)
        if meeting is not None:
            return t(
                "proposal-told-agenda",
                title=proposal.title,
                meeting=meeting.title,
                when=meeting.starts_at,
            )
    if status == "decided" and proposal.decision is not None:
        decided = t(
            "proposal-told-decided",
            title=proposal.title,
            outcome=t(f"proposal-decision-{proposal.decision}"),
            text=proposal.decision_text or "",
        )
        return _with_who_and_when(
            t, bodies, decided, proposal.decision_body, proposal.decision_due
        )
    return t(f"proposal-told-{status}", title=proposal.title)


async def tell(state: AppState, event_id: int, proposal_id: int, status: str) -> int:
    """Queue the notices one status change owes, then mark it told; how many were queued."""
    db = state.db
    proposal = await get_proposal(db, proposal_id)
    if proposal is None:
        return 0
    owed: list[Notice] = []
    async for member, platform, t in _active_readers(state, await to_tell(db, proposal_id)):
        if status == "open" and member.cluster_code in proposal.clusters:
            continue  # the proposal itself reaches its clusters' members (`announcement`)
        markup = None
        if status == "open":
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(t.label(label), callback_data=data)
                        for label, data in row
                    ]
                    for row in member_buttons(proposal.id)
                ]
            )
        text = await _told_text(db, t, proposal, status, state.outside_bodies)
        owed.append(Notice(platform, member.chat_id, text, member_id=member.id, markup=markup))
    queued = await _queue(state, f"proposal-event:{event_id}", owed)
    await mark_told(db, event_id)
    log.info("proposal %s: %s told to %d chat(s)", proposal_id, status, queued)
    return queued


async def tell_report_item(state: AppState, meeting_id: int, report_id: int, step: str) -> int:
    """Tell a report's members that it is on a meeting's agenda (`step` 'agenda'), or the
    decision on it ('decided'); then mark that step told. How many were queued."""
    db = state.db
    item = await agenda_report(db, meeting_id, report_id)
    meeting = await get_offering(db, meeting_id)
    if item is None or meeting is None:
        return 0
    owed: list[Notice] = []
    async for member, platform, t in _active_readers(state, await parties(db, report_id)):
        code = t.digits(item.code)
        text: str
        if step == "agenda":
            text = t("meeting-report-told-agenda", code=code, meeting=meeting.title,
                     when=meeting.starts_at)  # fmt: skip
        else:
            decided = t("meeting-report-told-decided", code=code, meeting=meeting.title,
                        text=item.decision_text or "")  # fmt: skip
            text = _with_who_and_when(
                t, state.outside_bodies, decided, item.decision_body, item.decision_due
            )
        owed.append(Notice(platform, member.chat_id, text, member_id=member.id))
    queued = await _queue(state, f"meeting-report:{meeting_id}:{report_id}:{step}", owed)
    await mark_report_item_told(db, meeting_id, report_id, step)
    return queued


async def tell_untold(state: AppState) -> int:
    """Tell every change stored but not told (a crash came between); how many."""
    events = await untold_events(state.db)
    for event in events:
        await tell(state, event.id, event.proposal_id, event.to_status)
    items = await untold_report_items(state.db)
    for meeting_id, report_id, step in items:
        await tell_report_item(state, meeting_id, report_id, step)
    return len(events) + len(items)


def short(title: str) -> str:
    """A title for a button."""
    return shorten(title, TITLE_IN_BUTTON)
