"""Short forms around proposals and joint meetings: writing a proposal (staff or a cluster
agent, from /proposals), recording a meeting's decision on a proposal or on a report on its
agenda, a supporter's short comment, and putting a report on a meeting's agenda by its code.

Writing: a title, the problem, the proposed solution, the outside body it is addressed to
(data/outside_bodies.csv), its clusters (an agent: only theirs), the linked reports by tracking
code (their co-reporters are counted), and surveys or training topics as further evidence;
then a summary and «publish»: it is open for support and goes to its clusters' members.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Access, Role, access_of, actor, requires
from bot.services import proposals as service
from bot.services import surveys as survey_rules
from bot.services.reports import parse_code
from bot.text import clean, fold_digits, shorten
from handlers import forms, menu
from handlers.broadcasts import _choices
from handlers.form_steps import ClusterPicker, drop_buttons, on_use_buttons, ways_out
from handlers.keyboards import answer, rows, show_card
from handlers.when_input import pressed_when, read_when
from storage.needs import ranking
from storage.offerings import get_offering
from storage.proposals import (
    Decision,
    NewProposal,
    add_report_to_agenda,
    agenda_report,
    create_proposal,
    decide,
    decide_report,
    get_proposal,
    is_supporter,
    set_comment,
)
from storage.proposals import publish as publish_row
from storage.reports import coreporter_counts, get_by_code
from storage.surveys import list_surveys

log = logging.getLogger(__name__)

FORM = "proposal_form"
DECISION_FORM = "proposal_decision"
COMMENT_FORM = "proposal_comment"
TITLE, PROBLEM, SOLUTION, BODY, CLUSTERS, REPORTS, LINKS, CONFIRM = (
    "title", "problem", "solution", "body", "clusters", "reports", "links", "confirm",
)  # fmt: skip
OUTCOME, DECISION_TEXT, DECISION_BODY, DUE, DECISION_CONFIRM = (
    "outcome", "decision_text", "decision_body", "due", "decision_confirm",
)  # fmt: skip
COMMENT = "comment"
AGENDA_FORM = "meeting_report"
REPORT_CODE = "report_code"
MAX_TITLE, MAX_TEXT, MAX_COMMENT = 120, 1500, 200
LINK_CHOICES = 6


def _draft(context: KhoosheContext, name: str = "proposal_draft") -> dict[str, Any]:
    assert context.user_data is not None
    draft: dict[str, Any] = context.user_data.setdefault(name, {})
    return draft


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def _access(update: Update, context: KhoosheContext) -> Access:
    user = update.effective_user
    assert user is not None
    return await access_of(context, user.id)


def _cancel_row(context: KhoosheContext) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            context.t.label("button-cancel"), callback_data=cb.PROPOSAL_CANCEL_FORM.pack()
        )
    ]


async def _send(
    update: Update, context: KhoosheContext, form: str, step: str, text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> str:  # fmt: skip
    """Store the form at `step` first (what was typed is kept), then ask."""
    await context.save_form_now(form, step)
    await context.bot.send_message(_chat_id(update), text, reply_markup=markup)
    return step


def _typed(update: Update, limit: int) -> str | None:
    assert update.message is not None and update.message.text is not None
    text = clean(update.message.text).strip()
    return text if 3 <= len(text) <= limit else None


def _bodies_markup(context: KhoosheContext, none_label: str) -> InlineKeyboardMarkup:
    t = context.t
    buttons = [
        InlineKeyboardButton(b.name(t.lang), callback_data=cb.PROPOSAL_BODY.pack(b.code))
        for b in context.state.outside_bodies
    ]
    keyboard = rows(buttons, 2)
    keyboard.append(
        [InlineKeyboardButton(t.label(none_label), callback_data=cb.PROPOSAL_NO_BODY.pack())]
    )
    keyboard.append(_cancel_row(context))
    return InlineKeyboardMarkup(keyboard)


def _pressed_body(update: Update, context: KhoosheContext) -> tuple[bool, str | None]:
    """(valid, body code) of a body press; «none» is (True, None)."""
    query = update.callback_query
    assert query is not None
    if cb.PROPOSAL_NO_BODY.unpack(query.data) is not None:
        return True, None
    (code,) = cb.PROPOSAL_BODY.words(query.data)
    return code in {b.code for b in context.state.outside_bodies}, code


# --- writing a proposal --------------------------------------------------------------------------


@requires(Role.CLUSTER_AGENT)
async def on_new(update: Update, context: KhoosheContext) -> str:
    """A new proposal: ask its title."""
    await answer(update)
    assert context.user_data is not None
    context.user_data["proposal_draft"] = {"key": uuid.uuid4().hex}
    return await _send(update, context, FORM, TITLE, context.t("proposal-ask-title"))


async def on_title(update: Update, context: KhoosheContext) -> str:
    """The title; then the problem."""
    title = _typed(update, MAX_TITLE)
    if title is None:
        return await _send(
            update, context, FORM, TITLE, context.t("proposal-text-length", limit=MAX_TITLE)
        )
    _draft(context)["title"] = " ".join(title.split())
    return await _send(update, context, FORM, PROBLEM, context.t("proposal-ask-problem"))


async def on_problem(update: Update, context: KhoosheContext) -> str:
    """The problem; then the solution."""
    problem = _typed(update, MAX_TEXT)
    if problem is None:
        return await _send(
            update, context, FORM, PROBLEM, context.t("proposal-text-length", limit=MAX_TEXT)
        )
    _draft(context)["problem"] = problem
    return await _send(update, context, FORM, SOLUTION, context.t("proposal-ask-solution"))


async def on_solution(update: Update, context: KhoosheContext) -> str:
    """The proposed solution; then the body it is addressed to."""
    solution = _typed(update, MAX_TEXT)
    if solution is None:
        return await _send(
            update, context, FORM, SOLUTION, context.t("proposal-text-length", limit=MAX_TEXT)
        )
    _draft(context)["solution"] = solution
    markup = _bodies_markup(context, "proposal-button-no-body")
    return await _send(update, context, FORM, BODY, context.t("proposal-ask-body"), markup)


async def on_body(update: Update, context: KhoosheContext) -> str:
    """The body chosen (or none); then the clusters."""
    valid, code = _pressed_body(update, context)
    if not valid:
        await answer(update, context.t("button-expired"), alert=True)
        return BODY
    await answer(update)
    _draft(context)["body"] = code
    t = context.t
    name = service.body_name(context.state.outside_bodies, code, t.lang)
    await show_card(update, context, t("proposal-body-chosen", body=name or "—"), None)
    return await _clusters(update, context)


PICKER = ClusterPicker(
    cb.PROPOSAL_CLUSTER,
    cb.PROPOSAL_CLUSTER_PAGE,
    cb.PROPOSAL_CLUSTERS_DONE,
    "proposal-button-clusters-done",
    cb.PROPOSAL_CANCEL_FORM,
)


async def _clusters(update: Update, context: KhoosheContext) -> str:
    draft = _draft(context)
    draft["page"] = 0
    markup = await PICKER.markup(update, context, draft)
    text = context.t("proposal-pick-clusters")
    return await _send(update, context, FORM, CLUSTERS, text, markup)


async def on_cluster(update: Update, context: KhoosheContext) -> str:
    """Choose or un-choose a cluster (only those this person is offered), or turn a page."""
    title = context.t("proposal-pick-clusters")
    if await PICKER.on_press(update, context, _draft(context), title):
        await context.save_form_now(FORM, CLUSTERS)
    return CLUSTERS


async def on_clusters_done(update: Update, context: KhoosheContext) -> str:
    """At least one cluster; then the linked reports."""
    draft = _draft(context)
    access = await _access(update, context)
    clusters = set(draft.get("clusters", []))
    if not clusters:
        await answer(update, context.t("proposal-pick-one-cluster"), alert=True)
        return CLUSTERS
    if not access.covers_clusters(clusters):
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return CLUSTERS
    await answer(update)
    await show_card(update, context, context.t("proposal-clusters-chosen"), None)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t.label("proposal-button-no-reports"),
                    callback_data=cb.PROPOSAL_NO_REPORTS.pack(),
                )
            ],
            _cancel_row(context),
        ]
    )
    return await _send(update, context, FORM, REPORTS, context.t("proposal-ask-reports"), markup)


async def on_reports(update: Update, context: KhoosheContext) -> str:
    """Tracking codes of the linked reports (each must exist, and be the agent's to see)."""
    assert update.message is not None and update.message.text is not None
    t = context.t
    access = await _access(update, context)
    words = fold_digits(update.message.text).replace("،", " ").replace(",", " ").split()
    found: list[int] = []
    missing: list[str] = []
    for word in words:
        code = "".join(ch for ch in word if ch.isdigit())
        report = await get_by_code(context.db, code) if code else None
        if report is None or not access.covers_cluster(report.cluster_code):
            missing.append(t.digits(word))
        elif report.id not in found:
            found.append(report.id)
    if missing or not found:
        await update.message.reply_text(
            t("proposal-reports-unknown", codes=t.label("list-separator").join(missing) or "—")
        )
        return REPORTS
    _draft(context)["reports"] = found
    return await _links(update, context)


async def on_no_reports(update: Update, context: KhoosheContext) -> str:
    """No linked report."""
    await answer(update)
    _draft(context)["reports"] = []
    await show_card(update, context, context.t("proposal-no-reports"), None)
    return await _links(update, context)


async def _link_choices(update: Update, context: KhoosheContext) -> list[tuple[str, int, str]]:
    """(kind, id, label) of the surveys and training topics offered as evidence."""
    access = await _access(update, context)
    surveys = [
        s
        for s in await list_surveys(context.db, 30)
        if access.covers_clusters(survey_rules.clusters_of(s))
    ][:LINK_CHOICES]
    topics = await ranking(
        context.db, None if access.has(Role.STAFF) else access.agent_clusters, LINK_CHOICES
    )
    t = context.t
    return [
        *(("survey", s.id, t.label("proposal-link-survey", title=shorten(s.title, 30)))
          for s in surveys),
        *(("topic", topic.id, t.label("proposal-link-topic", title=shorten(topic.title, 30)))
          for topic in topics),
    ]  # fmt: skip


async def _links_markup(update: Update, context: KhoosheContext) -> InlineKeyboardMarkup:
    draft = _draft(context)
    chosen = {(k, i) for k, i in draft.get("links", [])}
    keyboard = [
        [
            InlineKeyboardButton(
                ("✅ " if (kind, ref) in chosen else "▫️ ") + label,
                callback_data=cb.PROPOSAL_LINK.pack(kind, ref),
            )
        ]
        for kind, ref, label in await _link_choices(update, context)
    ]
    keyboard.append(
        [
            InlineKeyboardButton(
                context.t.label("proposal-button-links-done"),
                callback_data=cb.PROPOSAL_LINKS_DONE.pack(),
            )
        ]
    )
    keyboard.append(_cancel_row(context))
    return InlineKeyboardMarkup(keyboard)


async def _links(update: Update, context: KhoosheContext) -> str:
    markup = await _links_markup(update, context)
    return await _send(update, context, FORM, LINKS, context.t("proposal-ask-links"), markup)


async def on_link(update: Update, context: KhoosheContext) -> str:
    """Link or unlink a survey or a topic (only those offered to this person)."""
    assert update.callback_query is not None
    kind, ref = cb.PROPOSAL_LINK.values(update.callback_query.data)
    offered = {(k, i) for k, i, _ in await _link_choices(update, context)}
    if (kind, ref) not in offered:
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return LINKS
    await answer(update)
    draft = _draft(context)
    chosen = {(k, i) for k, i in draft.get("links", [])}
    chosen.symmetric_difference_update({(str(kind), int(ref))})
    draft["links"] = sorted(chosen)
    await context.save_form_now(FORM, LINKS)
    await show_card(
        update, context, context.t("proposal-ask-links"), await _links_markup(update, context)
    )
    return LINKS


async def on_links_done(update: Update, context: KhoosheContext) -> str:
    """Evidence chosen: the summary to confirm."""
    await answer(update)
    t = context.t
    draft = _draft(context)
    await show_card(update, context, t("proposal-links-chosen"), None)
    reports = [int(r) for r in draft.get("reports", [])]
    counts = await coreporter_counts(context.db, reports)
    body = service.body_name(context.state.outside_bodies, draft.get("body"), t.lang)
    names = dict(await _choices(context, "c", await _access(update, context)))
    links = draft.get("links", [])
    text = t(
        "proposal-confirm",
        title=draft.get("title", ""),
        problem=draft.get("problem", ""),
        solution=draft.get("solution", ""),
        body=body or "—",
        clusters=t.label("list-separator").join(
            names.get(c, c) for c in draft.get("clusters", [])
        ),
        reports=len(reports),
        members=len(reports) + sum(counts.get(r, 0) for r in reports),
        surveys=sum(1 for k, _ in links if k == "survey"),
        topics=sum(1 for k, _ in links if k == "topic"),
    )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("proposal-button-publish"), callback_data=cb.PROPOSAL_PUBLISH.pack()
                )
            ],
            [
                InlineKeyboardButton(
                    t.label("proposal-button-save-draft"),
                    callback_data=cb.PROPOSAL_SAVE_DRAFT.pack(),
                )
            ],
            _cancel_row(context),
        ]
    )
    return await _send(update, context, FORM, CONFIRM, text, markup)


async def tell(
    context: KhoosheContext, event_id: int | None, proposal_id: int, status: str
) -> None:
    """Queue a status change's notices and wake the outbox."""
    if event_id is None:
        return
    state = context.state
    await service.tell(
        context.db, context.settings, state.locales, state.outside_bodies, event_id,
        proposal_id, status,
    )  # fmt: skip
    state.outbox.wake()


async def on_publish(update: Update, context: KhoosheContext) -> str | int:
    """Store the proposal, open it for support and send it to its clusters' members."""
    draft = _draft(context)
    access = await _access(update, context)
    clusters = tuple(sorted(draft.get("clusters", [])))
    if "key" not in draft or not clusters or not access.covers_clusters(set(clusters)):
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return CONFIRM
    await answer(update)
    user = update.effective_user
    assert user is not None
    who = actor(context, user.id)
    links = draft.get("links", [])
    new = NewProposal(
        title=draft.get("title", ""),
        problem=draft.get("problem", ""),
        solution=draft.get("solution", ""),
        body=draft.get("body"),
        clusters=clusters,
        created_by=who,
        dedupe_key=draft["key"],
        reports=tuple(int(r) for r in draft.get("reports", [])),
        surveys=tuple(int(i) for k, i in links if k == "survey"),
        topics=tuple(int(i) for k, i in links if k == "topic"),
    )
    proposal_id, _ = await create_proposal(context.db, new)
    assert context.user_data is not None
    context.user_data.pop("proposal_draft", None)
    await drop_buttons(update)
    t = context.t
    query = update.callback_query
    if query is not None and cb.PROPOSAL_SAVE_DRAFT.unpack(query.data) is not None:
        await context.bot.send_message(
            _chat_id(update),
            t("proposal-saved-draft", title=new.title, number=t.digits(proposal_id)),
        )
        return ConversationHandler.END
    await publish_proposal(update, context, proposal_id)
    await context.bot.send_message(
        _chat_id(update),
        t("proposal-published-staff", title=new.title, number=t.digits(proposal_id)),
    )
    return ConversationHandler.END


async def publish_proposal(update: Update, context: KhoosheContext, proposal_id: int) -> bool:
    """Open a draft for support: sent to its clusters' members, its reporters told; False if
    it was no draft (published meanwhile)."""
    user = update.effective_user
    assert user is not None
    who = actor(context, user.id)
    event = await publish_row(context.db, proposal_id, who)
    proposal = await get_proposal(context.db, proposal_id)
    if event is None or proposal is None:
        return False
    owner = (who, context.platform.value, _chat_id(update), context.t.lang)
    await context.state.outbox.submit(service.announcement(proposal, owner))
    await tell(context, event, proposal_id, "open")
    return True


# --- recording a decision ------------------------------------------------------------------------


async def managed(update: Update, context: KhoosheContext, proposal_id: int) -> Any:
    """The proposal, if this person may act on it (an agent: all its clusters theirs)."""
    proposal = await get_proposal(context.db, proposal_id)
    access = await _access(update, context)
    if proposal is None:
        await answer(update, context.t("button-expired"), alert=True)
        return None
    if not access.covers_clusters(set(proposal.clusters)):
        log.warning("proposal %s: outside the presser's clusters", proposal_id)
        await answer(update, context.t("access-denied"), alert=True)
        return None
    return proposal


@requires(Role.CLUSTER_AGENT)
async def on_decide(update: Update, context: KhoosheContext) -> str | None:
    """Record the meeting's decision on a proposal on its agenda: first the outcome."""
    assert update.callback_query is not None
    proposal_id = cb.PROPOSAL_DECIDE.first_int(update.callback_query.data) or 0
    proposal = await managed(update, context, proposal_id)
    if proposal is None:
        return None
    if proposal.status != "agenda":
        await answer(update, context.t("proposal-not-on-agenda"), alert=True)
        return None
    await answer(update)
    assert context.user_data is not None
    context.user_data["proposal_decision"] = {"id": proposal.id}
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            *rows(
                [
                    InlineKeyboardButton(
                        t.label(f"proposal-decision-{o}"),
                        callback_data=cb.PROPOSAL_OUTCOME.pack(o),
                    )
                    for o in ("accepted", "partial", "rejected", "referred")
                ],
                2,
            ),
            _cancel_row(context),
        ]
    )
    text = t("proposal-ask-outcome", title=proposal.title)
    return await _send(update, context, DECISION_FORM, OUTCOME, text, markup)


async def on_outcome(update: Update, context: KhoosheContext) -> str:
    """The outcome; then the decision's text."""
    assert update.callback_query is not None
    (outcome,) = cb.PROPOSAL_OUTCOME.words(update.callback_query.data)
    await answer(update)
    _draft(context, "proposal_decision")["outcome"] = outcome
    t = context.t
    await show_card(
        update, context, t("proposal-outcome-chosen", outcome=t(f"proposal-decision-{outcome}")),
        None,
    )  # fmt: skip
    return await _send(
        update, context, DECISION_FORM, DECISION_TEXT, t("proposal-ask-decision-text")
    )


async def on_decision_text(update: Update, context: KhoosheContext) -> str:
    """The decision as the meeting worded it; then the responsible body."""
    text = _typed(update, MAX_TEXT)
    if text is None:
        return await _send(
            update, context, DECISION_FORM, DECISION_TEXT,
            context.t("proposal-text-length", limit=MAX_TEXT),
        )  # fmt: skip
    _draft(context, "proposal_decision")["text"] = text
    markup = _bodies_markup(context, "proposal-button-no-body")
    return await _send(
        update, context, DECISION_FORM, DECISION_BODY, context.t("proposal-ask-decision-body"),
        markup,
    )  # fmt: skip


async def on_decision_body(update: Update, context: KhoosheContext) -> str:
    """The responsible body (or none); then the due date."""
    valid, code = _pressed_body(update, context)
    if not valid:
        await answer(update, context.t("button-expired"), alert=True)
        return DECISION_BODY
    await answer(update)
    _draft(context, "proposal_decision")["body"] = code
    t = context.t
    name = service.body_name(context.state.outside_bodies, code, t.lang)
    await show_card(update, context, t("proposal-body-chosen", body=name or "—"), None)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("proposal-button-no-due"), callback_data=cb.PROPOSAL_NO_DUE.pack()
                )
            ],
            _cancel_row(context),
        ]
    )
    return await _send(
        update, context, DECISION_FORM, DUE,
        t("proposal-ask-due", example=t.label("when-example")), markup,
    )  # fmt: skip


async def on_due(update: Update, context: KhoosheContext) -> str:
    """A typed due date (or none): then the summary to confirm."""
    draft = _draft(context, "proposal_decision")
    query = update.callback_query
    due: datetime | None = None
    if query is not None and cb.PROPOSAL_NO_DUE.unpack(query.data) is not None:
        await answer(update)
    else:
        text = update.message.text if update.message is not None else None
        if text is None:
            text = await pressed_when(update, context, draft)
        if text is None:
            return DUE
        when = await read_when(update, context, draft, text)
        if when is None:
            await context.save_form_now(DECISION_FORM, DUE)
            return DUE
        due = when.at
    draft["due"] = due.isoformat() if due is not None else None
    t = context.t
    body = service.body_name(context.state.outside_bodies, draft.get("body"), t.lang) or "—"
    shown_due = t.datetime(due) if due is not None else "—"
    if "report" in draft:
        item = await agenda_report(context.db, int(draft["meeting"]), int(draft["report"]))
        if item is None:
            return DUE
        text = t(
            "meeting-report-confirm-decision",
            code=t.digits(item.code),
            summary=item.summary,
            text=draft.get("text", ""),
            body=body,
            due=shown_due,
        )
    else:
        proposal = await get_proposal(context.db, int(draft.get("id", 0)))
        if proposal is None:
            return DUE
        text = t(
            "proposal-confirm-decision",
            title=proposal.title,
            outcome=t(f"proposal-decision-{draft.get('outcome', 'accepted')}"),
            text=draft.get("text", ""),
            body=body,
            due=shown_due,
        )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("proposal-button-record-decision"),
                    callback_data=cb.PROPOSAL_DECISION_OK.pack(),
                )
            ],
            _cancel_row(context),
        ]
    )
    return await _send(update, context, DECISION_FORM, DECISION_CONFIRM, text, markup)


async def on_decision_ok(update: Update, context: KhoosheContext) -> str | int:
    """Store the decision (checked again), move the linked reports on, tell everyone."""
    draft = _draft(context, "proposal_decision")
    if "report" in draft:
        return await _report_decision_ok(update, context, draft)
    proposal = await managed(update, context, int(draft.get("id", 0)))
    if proposal is None:
        return DECISION_CONFIRM
    user = update.effective_user
    assert user is not None
    due = draft.get("due")
    decision = Decision(
        outcome=str(draft.get("outcome", "accepted")),
        text=str(draft.get("text", "")),
        body=draft.get("body"),
        due=datetime.fromisoformat(due) if isinstance(due, str) else None,
    )
    event = await decide(context.db, proposal.id, decision, actor(context, user.id))
    t = context.t
    if event is None:
        await answer(update, t("proposal-not-on-agenda"), alert=True)
        return ConversationHandler.END
    await answer(update)
    await tell(context, event, proposal.id, "decided")
    assert context.user_data is not None
    context.user_data.pop("proposal_decision", None)
    await show_card(update, context, t("proposal-decision-recorded", title=proposal.title), None)
    return ConversationHandler.END


# --- reports on a meeting's agenda --------------------------------------------------------------


async def agenda_item(
    update: Update, context: KhoosheContext, meeting_id: int, report_id: int
) -> Any:
    """The report on the meeting's agenda, if this person may act on its cluster."""
    item = await agenda_report(context.db, meeting_id, report_id)
    access = await _access(update, context)
    if item is None:
        await answer(update, context.t("button-expired"), alert=True)
        return None
    if not access.covers_cluster(item.cluster_code):
        log.warning("meeting %s: report %s outside the presser's clusters", meeting_id, report_id)
        await answer(update, context.t("access-denied"), alert=True)
        return None
    return item


@requires(Role.CLUSTER_AGENT)
async def on_decide_report(update: Update, context: KhoosheContext) -> str | None:
    """Record the meeting's decision on a report on its agenda: first its text."""
    assert update.callback_query is not None
    meeting_id, report_id = cb.MEETING_REPORT_DECIDE.ints(update.callback_query.data) or (0, 0)
    item = await agenda_item(update, context, meeting_id, report_id)
    if item is None:
        return None
    t = context.t
    if item.decision_text is not None:
        await answer(update, t("meeting-report-decided-already"), alert=True)
        return None
    await answer(update)
    assert context.user_data is not None
    context.user_data["proposal_decision"] = {"meeting": meeting_id, "report": report_id}
    text = t("meeting-report-ask-decision", code=t.digits(item.code), summary=item.summary)
    return await _send(update, context, DECISION_FORM, DECISION_TEXT, text)


async def _report_decision_ok(
    update: Update, context: KhoosheContext, draft: dict[str, Any]
) -> str | int:
    meeting_id, report_id = int(draft.get("meeting", 0)), int(draft.get("report", 0))
    item = await agenda_item(update, context, meeting_id, report_id)
    if item is None:
        return DECISION_CONFIRM
    user = update.effective_user
    assert user is not None
    due = draft.get("due")
    t = context.t
    stored = await decide_report(
        context.db, meeting_id, report_id, str(draft.get("text", "")), draft.get("body"),
        datetime.fromisoformat(due) if isinstance(due, str) else None, actor(context, user.id),
    )  # fmt: skip
    if not stored:
        await answer(update, t("meeting-report-decided-already"), alert=True)
        return ConversationHandler.END
    await answer(update)
    await tell_item(context, meeting_id, report_id, "decided")
    assert context.user_data is not None
    context.user_data.pop("proposal_decision", None)
    await show_card(
        update, context, t("meeting-report-decision-recorded", code=t.digits(item.code)), None
    )
    return ConversationHandler.END


async def tell_item(context: KhoosheContext, meeting_id: int, report_id: int, step: str) -> None:
    """Queue what a report's members are owed about its agenda item and wake the outbox."""
    state = context.state
    await service.tell_report_item(
        context.db, context.settings, state.locales, state.outside_bodies, meeting_id,
        report_id, step,
    )  # fmt: skip
    state.outbox.wake()


@requires(Role.CLUSTER_AGENT)
async def on_add_report(update: Update, context: KhoosheContext) -> str | None:
    """Put a report on a meeting's agenda: ask for its tracking code."""
    assert update.callback_query is not None
    meeting_id = cb.MEETING_ADD_REPORT.first_int(update.callback_query.data) or 0
    meeting = await get_offering(context.db, meeting_id)
    if meeting is None or meeting.kind != "meeting" or meeting.status != "published":
        await answer(update, context.t("button-expired"), alert=True)
        return None
    await answer(update)
    assert context.user_data is not None
    context.user_data["meeting_report"] = {"meeting": meeting_id}
    text = context.t("meeting-ask-report", title=meeting.title)
    return await _send(update, context, AGENDA_FORM, REPORT_CODE, text)


async def on_report_code(update: Update, context: KhoosheContext) -> str | int:
    """The report's code: on the agenda (a report of the person's clusters only)."""
    assert update.message is not None and update.message.text is not None
    t = context.t
    code = parse_code(update.message.text)
    report = await get_by_code(context.db, code) if code else None
    access = await _access(update, context)
    if report is None or not access.covers_cluster(report.cluster_code):
        await update.message.reply_text(
            t("proposal-reports-unknown", codes=t.digits(update.message.text.strip()))
        )
        return REPORT_CODE
    meeting_id = int(_draft(context, "meeting_report").get("meeting", 0))
    user = update.effective_user
    assert user is not None and context.user_data is not None
    context.user_data.pop("meeting_report", None)
    added = await add_report_to_agenda(context.db, meeting_id, report.id, actor(context, user.id))
    if added:
        await tell_item(context, meeting_id, report.id, "agenda")
    key = "meeting-report-added" if added else "meeting-report-there"
    await update.message.reply_text(t(key, code=t.digits(report.code)))
    return ConversationHandler.END


# --- a supporter's comment -----------------------------------------------------------------------


async def on_comment(update: Update, context: KhoosheContext) -> str | None:
    """Ask a supporter of an open proposal for a short comment."""
    assert update.callback_query is not None
    member = context.member
    proposal_id = cb.PROPOSAL_COMMENT.first_int(update.callback_query.data) or 0
    if member is None:
        await answer(update, context.t("not-registered-hint"), alert=True)
        return None
    proposal = await get_proposal(context.db, proposal_id)
    if proposal is None or member.cluster_code not in proposal.clusters:
        await answer(update, context.t("proposal-not-for-you"), alert=True)
        return None
    if proposal.status != "open" or not await is_supporter(context.db, proposal.id, member.id):
        await answer(update, context.t("proposal-support-first"), alert=True)
        return None
    await answer(update)
    assert context.user_data is not None
    context.user_data["proposal_comment"] = {"id": proposal.id}
    text = context.t("proposal-ask-comment", title=proposal.title, limit=MAX_COMMENT)
    return await _send(update, context, COMMENT_FORM, COMMENT, text)


async def on_comment_text(update: Update, context: KhoosheContext) -> str | int:
    """The comment (stored only on an active support of an open proposal)."""
    assert update.message is not None and update.message.text is not None
    member = context.member
    text = " ".join(clean(update.message.text).split())
    if not 2 <= len(text) <= MAX_COMMENT:
        await update.message.reply_text(context.t("proposal-comment-length", limit=MAX_COMMENT))
        return COMMENT
    proposal_id = int(_draft(context, "proposal_comment").get("id", 0))
    assert context.user_data is not None
    context.user_data.pop("proposal_comment", None)
    stored = member is not None and await set_comment(context.db, proposal_id, member.id, text)
    await update.message.reply_text(
        context.t("proposal-comment-saved" if stored else "proposal-support-first")
    )
    return ConversationHandler.END


# --- ways out and building -----------------------------------------------------------------------


cancel_writing, leave_writing = ways_out("proposal_draft", "proposal-form-cancelled")
cancel_deciding, leave_deciding = ways_out("proposal_decision", "proposal-form-cancelled")
cancel_comment, leave_comment = ways_out("proposal_comment", "proposal-comment-cancelled")
cancel_adding, leave_adding = ways_out("meeting_report", "proposal-form-cancelled")


def build(app: Application) -> list[ConversationHandler[KhoosheContext]]:
    """The proposal, decision and comment forms."""
    buttons = menu.buttons(app)
    text = filters.TEXT & ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    body = cb.any_of(cb.PROPOSAL_BODY, cb.PROPOSAL_NO_BODY)
    writing: dict[object, list[Any]] = {
        TITLE: [MessageHandler(text, on_title)],
        PROBLEM: [MessageHandler(text, on_problem)],
        SOLUTION: [MessageHandler(text, on_solution)],
        BODY: [CallbackQueryHandler(on_body, pattern=body)],
        CLUSTERS: [
            CallbackQueryHandler(
                on_cluster, pattern=cb.any_of(cb.PROPOSAL_CLUSTER, cb.PROPOSAL_CLUSTER_PAGE)
            ),
            CallbackQueryHandler(on_clusters_done, pattern=cb.PROPOSAL_CLUSTERS_DONE.pattern()),
        ],
        REPORTS: [
            MessageHandler(text, on_reports),
            CallbackQueryHandler(on_no_reports, pattern=cb.PROPOSAL_NO_REPORTS.pattern()),
        ],
        LINKS: [
            CallbackQueryHandler(on_link, pattern=cb.PROPOSAL_LINK.pattern()),
            CallbackQueryHandler(on_links_done, pattern=cb.PROPOSAL_LINKS_DONE.pattern()),
        ],
        CONFIRM: [
            CallbackQueryHandler(
                on_publish, pattern=cb.any_of(cb.PROPOSAL_PUBLISH, cb.PROPOSAL_SAVE_DRAFT)
            )
        ],
    }
    deciding: dict[object, list[Any]] = {
        OUTCOME: [CallbackQueryHandler(on_outcome, pattern=cb.PROPOSAL_OUTCOME.pattern())],
        DECISION_TEXT: [MessageHandler(text, on_decision_text)],
        DECISION_BODY: [CallbackQueryHandler(on_decision_body, pattern=body)],
        DUE: [
            MessageHandler(text, on_due),
            CallbackQueryHandler(on_due, pattern=cb.PROPOSAL_NO_DUE.pattern()),
            CallbackQueryHandler(on_due, pattern=cb.WHEN_HALF.pattern()),
        ],
        DECISION_CONFIRM: [
            CallbackQueryHandler(on_decision_ok, pattern=cb.PROPOSAL_DECISION_OK.pattern())
        ],
    }
    commenting: dict[object, list[Any]] = {COMMENT: [MessageHandler(text, on_comment_text)]}
    adding: dict[object, list[Any]] = {REPORT_CODE: [MessageHandler(text, on_report_code)]}
    for states in (writing, deciding, commenting, adding):
        for step in states.values():
            step.append(MessageHandler(other, on_use_buttons))
    return [
        forms.form(
            app, FORM,
            entry_points=[CallbackQueryHandler(on_new, pattern=cb.PROPOSAL_NEW.pattern())],
            states=writing, cancel=cancel_writing,
            cancel_button=cb.PROPOSAL_CANCEL_FORM, leave_for_menu=leave_writing,
            timeout_key="proposal-form-timeout",
        ),
        forms.form(
            app, DECISION_FORM,
            entry_points=[
                CallbackQueryHandler(on_decide, pattern=cb.PROPOSAL_DECIDE.pattern()),
                CallbackQueryHandler(on_decide_report, pattern=cb.MEETING_REPORT_DECIDE.pattern()),
            ],
            states=deciding, cancel=cancel_deciding,
            cancel_button=cb.PROPOSAL_CANCEL_FORM, leave_for_menu=leave_deciding,
            timeout_key="proposal-form-timeout",
        ),
        forms.form(
            app, COMMENT_FORM,
            entry_points=[CallbackQueryHandler(on_comment, pattern=cb.PROPOSAL_COMMENT.pattern())],
            states=commenting, cancel=cancel_comment,
            leave_for_menu=leave_comment, timeout_key="proposal-comment-timeout",
        ),
        forms.form(
            app, AGENDA_FORM,
            entry_points=[
                CallbackQueryHandler(on_add_report, pattern=cb.MEETING_ADD_REPORT.pattern())
            ],
            states=adding, cancel=cancel_adding, leave_for_menu=leave_adding,
            timeout_key="proposal-form-timeout",
        ),
    ]  # fmt: skip


def register(app: Application) -> None:
    """Install the three forms."""
    for form in build(app):
        app.add_handler(form)
