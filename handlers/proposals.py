"""Proposals and joint meetings in chat (the /meetings list and its pack: handlers/meetings.py).

Members support a proposal of their cluster once (and may withdraw it) under its
announcement, or from `/proposals`. Staff and cluster agents (`/proposals`) see each proposal
with its supports per cluster and unit and its linked evidence, put it on a joint meeting's
agenda (a published offering of kind «جلسه»), record the meeting's decision
(handlers/meeting_forms.py) and mark it done; every change is told to its supporters and the
members whose reports it links (bot/services/proposals.py). `/meetings` lists the meetings with
their agendas and sends the proposal pack (.xlsx, right to left) before one.

Agents act only on proposals whose clusters are all theirs, whatever a button says.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import aiosqlite
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, JobQueue, filters

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, Role, actor, requires
from bot.services import proposals as service
from bot.text import pack_messages, shorten
from handlers import menu
from handlers.keyboards import answer, button, chat_id_of, inline, replace_pressed, rows
from handlers.meeting_forms import managed
from handlers.proposal_form import publish_proposal, tell
from storage.clusters import cluster_names
from storage.members import Member
from storage.offerings import recent_offerings
from storage.proposals import (
    Proposal,
    get_proposal,
    list_proposals,
    mark_done,
    put_on_agenda,
    supports,
    toggle_support,
)
from storage.report_triage import coreporter_counts

log = logging.getLogger(__name__)

LISTED = 10
MEETINGS = 8


def pressed_id(update: Update, family: cb.Button) -> int:
    assert update.callback_query is not None
    return family.first_int(update.callback_query.data) or 0


# --- members -------------------------------------------------------------------------------------


async def on_support(update: Update, context: KhoosheContext) -> None:
    """Support a proposal of one's cluster, or withdraw the support (always the presser's)."""
    member = context.member
    t = context.t
    if member is None:
        await answer(update, t("not-registered-hint"), alert=True)
        return
    proposal_id = pressed_id(update, cb.PROPOSAL_SUPPORT)
    proposal = await get_proposal(context.db, proposal_id)
    if proposal is None or member.cluster_code not in proposal.clusters:
        await answer(update, t("proposal-not-for-you"), alert=True)
        return
    state = await toggle_support(context.db, proposal.id, member.id, member.cluster_code)
    if state is None:
        await answer(update, t("proposal-support-closed", title=proposal.title), alert=True)
        return
    total = (await supports(context.db, proposal.id)).total
    key = "proposal-supported" if state else "proposal-withdrawn"
    await answer(update, t(key, title=proposal.title, count=total), alert=True)


# --- /proposals ----------------------------------------------------------------------------------


async def proposals_command(update: Update, context: KhoosheContext) -> None:
    """/proposals: staff manage proposals; a member sees those open in their cluster."""
    await menu.staff_or_member(update, context, _staff_list, _member_list)


async def _member_list(update: Update, context: KhoosheContext, member: Member) -> None:
    t = context.t
    mine = [
        p for p in await list_proposals(context.db, ["open"]) if member.cluster_code in p.clusters
    ]
    if not mine:
        await context.bot.send_message(chat_id_of(update), t("proposal-member-none"))
        return
    for proposal in mine[:LISTED]:
        markup = inline(t, *service.member_buttons(proposal.id))
        await context.bot.send_message(
            chat_id_of(update),
            t(
                "proposal-published",
                title=proposal.title,
                problem=proposal.problem,
                solution=proposal.solution,
            ),
            reply_markup=markup,
        )


async def card_text(context: KhoosheContext, proposal: Proposal) -> str:
    """A proposal as staff see it: status, clusters, supports per cluster, evidence."""
    t = context.t
    names = await cluster_names(context.db, context.t.lang)
    found = await supports(context.db, proposal.id)
    counts = await coreporter_counts(context.db, list(proposal.reports))
    by_cluster = t.label("list-separator").join(
        f"{names.get(c, c)}: {t.number(n)}" for c, n in sorted(found.by_cluster().items())
    )
    body = service.body_name(context.state.outside_bodies, proposal.body, t.lang)
    lines = [
        t(
            "proposal-card",
            number=t.digits(proposal.id),
            title=proposal.title,
            status=t(f"proposal-status-{proposal.status}"),
            clusters=t.label("list-separator").join(names.get(c, c) for c in proposal.clusters),
            body=body or "—",
            supports=found.total,
            by_cluster=by_cluster or "—",
            reports=len(proposal.reports),
            members=len(proposal.reports) + sum(counts.get(r, 0) for r in proposal.reports),
            surveys=len(proposal.surveys),
            topics=len(proposal.topics),
        )
    ]
    if proposal.decision is not None:
        lines.append(
            t(
                "proposal-card-decision",
                outcome=t(f"proposal-decision-{proposal.decision}"),
                text=proposal.decision_text or "",
                due=t.datetime(proposal.decision_due) if proposal.decision_due else "—",
            )
        )
    return "\n".join(lines)


# The staff's next step for a proposal in each status (beside «supporters», always offered).
NEXT_STEP: dict[str, tuple[str, cb.Button]] = {
    "draft": ("proposal-button-publish", cb.PROPOSAL_PUBLISH_DRAFT),
    "open": ("proposal-button-agenda", cb.PROPOSAL_AGENDA),
    "agenda": ("proposal-button-decide", cb.PROPOSAL_DECIDE),
    "decided": ("proposal-button-done", cb.PROPOSAL_DONE),
}


def card_markup(t: Texts, proposal: Proposal) -> InlineKeyboardMarkup:
    """The staff's buttons for a proposal in its status."""
    steps = [("proposal-button-supporters", cb.PROPOSAL_SUPPORTERS)]
    if proposal.status in NEXT_STEP:
        steps.append(NEXT_STEP[proposal.status])
    return InlineKeyboardMarkup(
        rows([button(t, label, family.pack(proposal.id)) for label, family in steps])
    )


async def _staff_list(update: Update, context: KhoosheContext, access: Access) -> None:
    t = context.t
    chat_id = chat_id_of(update)
    new = inline(t, [("proposal-button-new", cb.PROPOSAL_NEW.pack())])
    await context.bot.send_message(chat_id, t("proposal-staff-intro"), reply_markup=new)
    visible = [
        p for p in await list_proposals(context.db) if access.covers_clusters(set(p.clusters))
    ]
    for proposal in visible[:LISTED]:
        await context.bot.send_message(
            chat_id, await card_text(context, proposal), reply_markup=card_markup(t, proposal)
        )


async def on_supporters(update: Update, context: KhoosheContext) -> None:
    """Who supports it: per cluster, each unit with its comment."""
    proposal = await managed(update, context, pressed_id(update, cb.PROPOSAL_SUPPORTERS))
    if proposal is None:
        return
    await answer(update)
    t = context.t
    names = await cluster_names(context.db, context.t.lang)
    found = await supports(context.db, proposal.id)
    lines = [t("proposal-supporters-head", title=proposal.title, count=found.total)]
    for supporter in found.supporters:
        lines.append(
            t(
                "proposal-supporter",
                company=supporter.company,
                cluster=names.get(supporter.cluster_code, supporter.cluster_code),
                comment=supporter.comment or "",
            )
        )
    for text in pack_messages(["\n".join(lines)]):
        await context.bot.send_message(chat_id_of(update), text)


async def meetings_ahead(context: KhoosheContext) -> list[tuple[int, str, datetime]]:
    """Published meetings from a week ago on: (id, title, start)."""
    since = datetime.now(UTC) - timedelta(days=7)
    return [
        (o.id, o.title, o.starts_at)
        for o in await recent_offerings(context.db, since)
        if o.kind == "meeting" and o.status == "published"
    ][:MEETINGS]


async def on_agenda(update: Update, context: KhoosheContext) -> None:
    """Which meeting's agenda: the published meetings («جلسه») from a week ago on."""
    proposal = await managed(update, context, pressed_id(update, cb.PROPOSAL_AGENDA))
    if proposal is None:
        return
    t = context.t
    meetings = await meetings_ahead(context)
    if not meetings:
        await answer(update, t("proposal-no-meetings"), alert=True)
        return
    await answer(update)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("proposal-meeting-choice", title=shorten(title, 30), when=t.date(at)),
                    callback_data=cb.PROPOSAL_AGENDA_SET.pack(proposal.id, meeting_id),
                )
            ]
            for meeting_id, title, at in meetings
        ]
    )
    await context.bot.send_message(
        chat_id_of(update), t("proposal-choose-meeting", title=proposal.title), reply_markup=markup
    )


async def on_agenda_set(update: Update, context: KhoosheContext) -> None:
    """Put the proposal on that meeting's agenda; its supporters and reporters are told."""
    assert update.callback_query is not None
    proposal_id, meeting_id = cb.PROPOSAL_AGENDA_SET.ints(update.callback_query.data) or (0, 0)
    proposal = await managed(update, context, proposal_id)
    if proposal is None:
        return
    t = context.t
    if meeting_id not in {m for m, _, _ in await meetings_ahead(context)}:
        await answer(update, t("button-expired"), alert=True)
        return

    async def to_agenda(db: aiosqlite.Connection, proposal_id: int, by: str) -> int | None:
        return await put_on_agenda(db, proposal_id, meeting_id, by)

    if not await _moved(update, context, proposal, to_agenda, "proposal-not-open", "agenda"):
        return
    await replace_pressed(update, t("proposal-on-agenda", title=proposal.title))
    moved = await get_proposal(context.db, proposal.id)
    if moved is not None:  # the card again, with the buttons of its new status
        await context.bot.send_message(
            chat_id_of(update), await card_text(context, moved), reply_markup=card_markup(t, moved)
        )


async def on_publish_draft(update: Update, context: KhoosheContext) -> None:
    """A draft opened for support: sent to its clusters' members."""
    proposal = await managed(update, context, pressed_id(update, cb.PROPOSAL_PUBLISH_DRAFT))
    if proposal is None:
        return
    t = context.t
    if not await publish_proposal(update, context, proposal.id):
        await answer(update, t("proposal-not-draft"), alert=True)
        return
    await answer(update)
    await replace_pressed(
        update, t("proposal-published-staff", title=proposal.title, number=t.digits(proposal.id))
    )


async def on_done(update: Update, context: KhoosheContext) -> None:
    """The decision was carried out."""
    proposal = await managed(update, context, pressed_id(update, cb.PROPOSAL_DONE))
    if proposal is None:
        return
    if await _moved(update, context, proposal, mark_done, "proposal-not-decided", "done"):
        await replace_pressed(update, context.t("proposal-marked-done", title=proposal.title))


async def _moved(
    update: Update,
    context: KhoosheContext,
    proposal: Proposal,
    move: Callable[[aiosqlite.Connection, int, str], Awaitable[int | None]],
    refused: str,
    told: str,
) -> bool:
    """A staff step of the proposal's life (stored with who took it): those concerned are told
    `told`; False, and the presser told `refused`, when the proposal was not where it must be."""
    user = update.effective_user
    assert user is not None
    event = await move(context.db, proposal.id, actor(context, user.id))
    if event is None:
        await answer(update, context.t(refused), alert=True)
        return False
    await answer(update)
    await tell(context, event, proposal.id, told)
    return True


def register(app: Application) -> None:
    """Install /proposals, /meetings and their buttons; tell changes a crash left untold."""
    from handlers.meetings import meetings_command, on_pack  # they use this module's cards

    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("proposals", proposals_command, filters=private))
    app.add_handler(CommandHandler("meetings", requires(Role.CLUSTER_AGENT)(meetings_command),
                                   filters=private))  # fmt: skip
    app.add_handler(CallbackQueryHandler(on_support, pattern=cb.PROPOSAL_SUPPORT.pattern()))
    staff = requires(Role.CLUSTER_AGENT)
    for family, handler in (
        (cb.PROPOSAL_SUPPORTERS, on_supporters),
        (cb.PROPOSAL_AGENDA, on_agenda),
        (cb.PROPOSAL_AGENDA_SET, on_agenda_set),
        (cb.PROPOSAL_DONE, on_done),
        (cb.PROPOSAL_PUBLISH_DRAFT, on_publish_draft),
        (cb.MEETING_PACK, on_pack),
    ):
        app.add_handler(CallbackQueryHandler(staff(handler), pattern=family.pattern()))
    assert isinstance(app, KhoosheApplication)
    state = app.state

    async def tell_untold(_context: object) -> None:
        if await service.tell_untold(state):
            state.outbox.wake()

    async def at_start(jobs: JobQueue[Any]) -> None:
        # A job on the one scheduler, so start-up (and the first updates) need not wait for
        # it; each platform's hook may run it: a change is told under one key, never twice.
        jobs.run_once(tell_untold, 0, name="proposals: tell untold changes")

    state.outbox.on_scheduler(at_start)
