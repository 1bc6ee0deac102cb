"""Proposals and joint meetings in chat.

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
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, JobQueue, filters

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, Role, access_of, actor, requires
from bot.services import proposals as service
from bot.text import pack_messages, shorten
from handlers import menu
from handlers.keyboards import answer, replace_pressed, rows
from handlers.meeting_forms import managed
from handlers.proposal_form import publish_proposal, tell
from handlers.tables import send_table
from storage.clusters import list_places
from storage.offerings import recent_offerings
from storage.proposals import (
    AgendaReport,
    Proposal,
    agenda,
    agenda_reports,
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


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


def _id(update: Update, family: cb.Button) -> int:
    assert update.callback_query is not None
    return family.first_int(update.callback_query.data) or 0


async def _cluster_names(context: KhoosheContext) -> dict[str, str]:
    places = await list_places(context.db, "cluster", active_only=False)
    return {p.code: p.name(context.t.lang) for p in places}


# --- members -------------------------------------------------------------------------------------


async def on_support(update: Update, context: KhoosheContext) -> None:
    """Support a proposal of one's cluster, or withdraw the support (always the presser's)."""
    member = context.member
    t = context.t
    if member is None:
        await answer(update, t("not-registered-hint"), alert=True)
        return
    proposal_id = _id(update, cb.PROPOSAL_SUPPORT)
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
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if access.is_staff_side:
        await _staff_list(update, context, access)
    elif context.member is not None:
        await _member_list(update, context)
    else:
        await menu.show_menu(update, context, "not-registered-hint")


async def _member_list(update: Update, context: KhoosheContext) -> None:
    member = context.member
    assert member is not None
    t = context.t
    mine = [
        p for p in await list_proposals(context.db, ["open"]) if member.cluster_code in p.clusters
    ]
    if not mine:
        await context.bot.send_message(_chat_id(update), t("proposal-member-none"))
        return
    for proposal in mine[:LISTED]:
        markup = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(t.label(label), callback_data=data) for label, data in row]
                for row in service.member_buttons(proposal.id)
            ]
        )
        await context.bot.send_message(
            _chat_id(update),
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
    names = await _cluster_names(context)
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


def card_markup(t: Texts, proposal: Proposal) -> InlineKeyboardMarkup:
    """The staff's buttons for a proposal in its status."""
    buttons = [
        InlineKeyboardButton(
            t.label("proposal-button-supporters"),
            callback_data=cb.PROPOSAL_SUPPORTERS.pack(proposal.id),
        )
    ]
    if proposal.status == "draft":
        buttons.append(
            InlineKeyboardButton(
                t.label("proposal-button-publish"),
                callback_data=cb.PROPOSAL_PUBLISH_DRAFT.pack(proposal.id),
            )
        )
    if proposal.status == "open":
        buttons.append(
            InlineKeyboardButton(
                t.label("proposal-button-agenda"),
                callback_data=cb.PROPOSAL_AGENDA.pack(proposal.id),
            )
        )
    if proposal.status == "agenda":
        buttons.append(
            InlineKeyboardButton(
                t.label("proposal-button-decide"),
                callback_data=cb.PROPOSAL_DECIDE.pack(proposal.id),
            )
        )
    if proposal.status == "decided":
        buttons.append(
            InlineKeyboardButton(
                t.label("proposal-button-done"), callback_data=cb.PROPOSAL_DONE.pack(proposal.id)
            )
        )
    return InlineKeyboardMarkup(rows(buttons, 2))


async def _staff_list(update: Update, context: KhoosheContext, access: Access) -> None:
    t = context.t
    chat_id = _chat_id(update)
    new = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("proposal-button-new"), callback_data=cb.PROPOSAL_NEW.pack()
                )
            ]
        ]
    )
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
    proposal = await managed(update, context, _id(update, cb.PROPOSAL_SUPPORTERS))
    if proposal is None:
        return
    await answer(update)
    t = context.t
    names = await _cluster_names(context)
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
        await context.bot.send_message(_chat_id(update), text)


async def _meetings(context: KhoosheContext) -> list[tuple[int, str, datetime]]:
    """Published meetings from a week ago on: (id, title, start)."""
    since = datetime.now(UTC) - timedelta(days=7)
    return [
        (o.id, o.title, o.starts_at)
        for o in await recent_offerings(context.db, since)
        if o.kind == "meeting" and o.status == "published"
    ][:MEETINGS]


async def on_agenda(update: Update, context: KhoosheContext) -> None:
    """Which meeting's agenda: the published meetings («جلسه») from a week ago on."""
    proposal = await managed(update, context, _id(update, cb.PROPOSAL_AGENDA))
    if proposal is None:
        return
    t = context.t
    meetings = await _meetings(context)
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
        _chat_id(update), t("proposal-choose-meeting", title=proposal.title), reply_markup=markup
    )


async def on_agenda_set(update: Update, context: KhoosheContext) -> None:
    """Put the proposal on that meeting's agenda; its supporters and reporters are told."""
    assert update.callback_query is not None
    proposal_id, meeting_id = cb.PROPOSAL_AGENDA_SET.ints(update.callback_query.data) or (0, 0)
    proposal = await managed(update, context, proposal_id)
    if proposal is None:
        return
    t = context.t
    if meeting_id not in {m for m, _, _ in await _meetings(context)}:
        await answer(update, t("button-expired"), alert=True)
        return
    user = update.effective_user
    assert user is not None
    event = await put_on_agenda(context.db, proposal.id, meeting_id, actor(context, user.id))
    if event is None:
        await answer(update, t("proposal-not-open"), alert=True)
        return
    await answer(update)
    await tell(context, event, proposal.id, "agenda")
    await replace_pressed(update, t("proposal-on-agenda", title=proposal.title))
    moved = await get_proposal(context.db, proposal.id)
    if moved is not None:  # the card again, with the buttons of its new status
        await context.bot.send_message(
            _chat_id(update), await card_text(context, moved), reply_markup=card_markup(t, moved)
        )


async def on_publish_draft(update: Update, context: KhoosheContext) -> None:
    """A draft opened for support: sent to its clusters' members."""
    proposal = await managed(update, context, _id(update, cb.PROPOSAL_PUBLISH_DRAFT))
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
    proposal = await managed(update, context, _id(update, cb.PROPOSAL_DONE))
    if proposal is None:
        return
    user = update.effective_user
    assert user is not None
    t = context.t
    event = await mark_done(context.db, proposal.id, actor(context, user.id))
    if event is None:
        await answer(update, t("proposal-not-decided"), alert=True)
        return
    await answer(update)
    await tell(context, event, proposal.id, "done")
    await replace_pressed(update, t("proposal-marked-done", title=proposal.title))


# --- /meetings -----------------------------------------------------------------------------------


Item = Proposal | AgendaReport


async def agenda_items(context: KhoosheContext, access: Access, meeting_id: int) -> list[Item]:
    """A meeting's agenda in order: proposals and reports, those of the reader's clusters."""
    proposals: list[Item] = [
        p for p in await agenda(context.db, meeting_id) if access.covers_clusters(set(p.clusters))
    ]
    reports: list[Item] = [
        r
        for r in await agenda_reports(context.db, meeting_id)
        if access.covers_cluster(r.cluster_code)
    ]
    return sorted(proposals + reports, key=lambda item: item.agenda_order or 0)


def _item_line(t: Texts, number: int, item: Item) -> str:
    if isinstance(item, AgendaReport):
        key = "meeting-item-report-decided" if item.decision_text else "meeting-item-report-open"
        return t(
            key,
            number=number,
            code=t.digits(item.code),
            summary=shorten(item.summary, 60),
            status=t(f"report-status-{item.status}"),
        )
    return t(
        "meeting-item",
        number=number,
        title=item.title,
        status=t(f"proposal-status-{item.status}"),
    )


async def meetings_command(update: Update, context: KhoosheContext) -> None:
    """/meetings: the joint meetings with their agendas (only the reader's clusters' items),
    a button to add a report, one to record the decision on each report, and the pack."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    t = context.t
    meetings = await _meetings(context)
    if not meetings:
        await context.bot.send_message(_chat_id(update), t("proposal-no-meetings"))
        return
    for meeting_id, title, at in meetings:
        items = await agenda_items(context, access, meeting_id)
        lines: list[str] = [t("meeting-head", title=title, when=at, count=len(items))]
        lines += [_item_line(t, i, item) for i, item in enumerate(items, start=1)]
        buttons = [
            InlineKeyboardButton(
                t.label("meeting-button-decide-report", code=t.digits(item.code)),
                callback_data=cb.MEETING_REPORT_DECIDE.pack(meeting_id, item.report_id),
            )
            for item in items
            if isinstance(item, AgendaReport) and item.decision_text is None
        ]
        buttons.append(
            InlineKeyboardButton(
                t.label("meeting-button-add-report"),
                callback_data=cb.MEETING_ADD_REPORT.pack(meeting_id),
            )
        )
        if items:
            buttons.append(
                InlineKeyboardButton(
                    t.label("meeting-button-pack"), callback_data=cb.MEETING_PACK.pack(meeting_id)
                )
            )
        await context.bot.send_message(
            _chat_id(update), "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows(buttons, 2))
        )


PACK_COLUMNS = (
    "order", "title", "clusters", "problem", "solution", "body", "supports", "by_cluster",
    "reports", "members", "surveys", "topics", "status", "decision", "due",
)  # fmt: skip


async def on_pack(update: Update, context: KhoosheContext) -> None:
    """The meeting's proposal pack: one row per agenda item, supports and evidence counted."""
    from bot.services.export import Column, Value, table_workbook
    from storage.offerings import get_offering

    meeting = await get_offering(context.db, _id(update, cb.MEETING_PACK))
    t = context.t
    if meeting is None or meeting.kind != "meeting":
        await answer(update, t("button-expired"), alert=True)
        return
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    items = await agenda_items(context, access, meeting.id)
    if not items:
        await answer(update, t("meeting-agenda-empty"), alert=True)
        return
    await answer(update)
    names = await _cluster_names(context)
    bodies = context.state.outside_bodies
    counts = await coreporter_counts(
        context.db,
        [r for item in items for r in (
            [item.report_id] if isinstance(item, AgendaReport) else item.reports
        )],
    )  # fmt: skip
    table: list[tuple[Value, ...]] = []
    for order, item in enumerate(items, start=1):
        if isinstance(item, AgendaReport):
            values: dict[str, Value] = {
                "title": t.label("meeting-pack-report", code=t.digits(item.code)),
                "clusters": names.get(item.cluster_code, item.cluster_code),
                "problem": item.summary,
                "body": service.body_name(bodies, item.decision_body, t.lang) or "",
                "reports": 1,
                "members": 1 + counts.get(item.report_id, 0),
                "status": t.label(f"report-status-{item.status}"),
                "decision": item.decision_text or "",
                "due": item.decision_due,
            }
        else:
            found = await supports(context.db, item.id)
            values = {
                "title": item.title,
                "clusters": t.label("list-separator").join(names.get(c, c) for c in item.clusters),
                "problem": item.problem,
                "solution": item.solution,
                "body": service.body_name(bodies, item.body, t.lang) or "",
                "supports": found.total,
                "by_cluster": t.label("list-separator").join(
                    f"{names.get(c, c)}: {n}" for c, n in sorted(found.by_cluster().items())
                ),
                "reports": len(item.reports),
                "members": len(item.reports) + sum(counts.get(r, 0) for r in item.reports),
                "surveys": len(item.surveys),
                "topics": len(item.topics),
                "status": t.label(f"proposal-status-{item.status}"),
                "decision": t.label(f"proposal-decision-{item.decision}") if item.decision else "",
                "due": item.decision_due,
            }
        values["order"] = order
        table.append(tuple(values.get(c) for c in PACK_COLUMNS))
    columns = [
        Column(
            t.label(f"meeting-col-{c}"),
            40 if c in ("problem", "solution") else 16,
            gregorian=t.label("meeting-col-due_gregorian") if c == "due" else None,
        )
        for c in PACK_COLUMNS
    ]
    tz = context.settings.tz
    await send_table(
        context.bot,
        _chat_id(update),
        lambda: table_workbook(columns, table, t.lang, tz, title=shorten(meeting.title, 30)),
        f"meeting-{meeting.id}-pack.xlsx",
        t("meeting-pack-caption", title=meeting.title, count=len(items)),
    )


def register(app: Application) -> None:
    """Install /proposals, /meetings and their buttons; tell changes a crash left untold."""
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
        told = await service.tell_untold(
            state.db, state.settings, state.locales, state.outside_bodies
        )
        if told:
            state.outbox.wake()

    async def at_start(jobs: JobQueue[Any]) -> None:
        # A job on the one scheduler, so start-up (and the first updates) need not wait for
        # it; each platform's hook may run it: a change is told under one key, never twice.
        jobs.run_once(tell_untold, 0, name="proposals: tell untold changes")

    state.outbox.on_scheduler(at_start)
