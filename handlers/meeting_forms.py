"""Forms of the joint meetings: recording a meeting's decision on a proposal on its agenda
(outcome, text, responsible body, due date) or on a report on it (text, body, due date), and
putting a report on a meeting's agenda by its tracking code. Every step is told to the members
concerned (bot/services/proposals.py); agents act only within their clusters.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, actor, requires
from bot.services import proposals as service
from bot.services.reports import parse_code
from handlers import forms
from handlers.form_steps import answer_filter, stay_on_step, typed_moment, ways_out
from handlers.keyboards import answer, rows, show_card, within_reach
from handlers.proposal_form import (
    BODY_PATTERN,
    MAX_TEXT,
    access_for,
    bodies_markup,
    cancel_row,
    draft_of,
    pressed_body,
    send_step,
    tell,
    typed_text,
)
from storage.meeting_agenda import (
    add_report_to_agenda,
    agenda_report,
    decide_report,
)
from storage.offerings import get_offering
from storage.proposals import (
    Decision,
    decide,
    get_proposal,
)
from storage.reports import get_by_code

log = logging.getLogger(__name__)

DECISION_FORM = "proposal_decision"
AGENDA_FORM = "meeting_report"
REPORT_CODE = "report_code"
OUTCOME, DECISION_TEXT, DECISION_BODY, DUE, DECISION_CONFIRM = (
    "outcome", "decision_text", "decision_body", "due", "decision_confirm",
)  # fmt: skip


# --- recording a decision ------------------------------------------------------------------------


async def managed(update: Update, context: KhoosheContext, proposal_id: int) -> Any:
    """The proposal, if this person may act on it (an agent: all its clusters theirs)."""
    proposal = await get_proposal(context.db, proposal_id)
    return await within_reach(
        update, context, proposal, lambda p: set(p.clusters), f"proposal {proposal_id}"
    )


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
            cancel_row(context),
        ]
    )
    text = t("proposal-ask-outcome", title=proposal.title)
    return await send_step(update, context, DECISION_FORM, OUTCOME, text, markup)


async def on_outcome(update: Update, context: KhoosheContext) -> str:
    """The outcome; then the decision's text."""
    assert update.callback_query is not None
    (outcome,) = cb.PROPOSAL_OUTCOME.words(update.callback_query.data)
    await answer(update)
    draft_of(context, "proposal_decision")["outcome"] = outcome
    t = context.t
    await show_card(
        update, context, t("proposal-outcome-chosen", outcome=t(f"proposal-decision-{outcome}")),
        None,
    )  # fmt: skip
    return await send_step(
        update, context, DECISION_FORM, DECISION_TEXT, t("proposal-ask-decision-text")
    )


async def on_decision_text(update: Update, context: KhoosheContext) -> str:
    """The decision as the meeting worded it; then the responsible body."""
    text = typed_text(update, context, MAX_TEXT)
    if text is None:
        return await send_step(
            update, context, DECISION_FORM, DECISION_TEXT,
            context.t("proposal-text-length", limit=MAX_TEXT),
        )  # fmt: skip
    draft_of(context, "proposal_decision")["text"] = text
    markup = bodies_markup(context, "proposal-button-no-body")
    return await send_step(
        update, context, DECISION_FORM, DECISION_BODY, context.t("proposal-ask-decision-body"),
        markup,
    )  # fmt: skip


async def on_decision_body(update: Update, context: KhoosheContext) -> str:
    """The responsible body (or none); then the due date."""
    valid, code = pressed_body(update, context)
    if not valid:
        await answer(update, context.t("button-expired"), alert=True)
        return DECISION_BODY
    await answer(update)
    draft_of(context, "proposal_decision")["body"] = code
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
            cancel_row(context),
        ]
    )
    return await send_step(
        update, context, DECISION_FORM, DUE,
        t("proposal-ask-due", example=t.label("when-example")), markup,
    )  # fmt: skip


async def on_due(update: Update, context: KhoosheContext) -> str:
    """A typed due date (or none): then the summary to confirm."""
    draft = draft_of(context, "proposal_decision")
    query = update.callback_query
    due: datetime | None = None
    if query is not None and cb.PROPOSAL_NO_DUE.unpack(query.data) is not None:
        await answer(update)
    else:
        due = await typed_moment(update, context, draft, DECISION_FORM, DUE)
        if due is None:
            return DUE
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
            cancel_row(context),
        ]
    )
    return await send_step(update, context, DECISION_FORM, DECISION_CONFIRM, text, markup)


async def on_decision_ok(update: Update, context: KhoosheContext) -> str | int:
    """Store the decision (checked again), move the linked reports on, tell everyone."""
    draft = draft_of(context, "proposal_decision")
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
    what = f"meeting {meeting_id}: report {report_id}"
    return await within_reach(update, context, item, lambda i: {i.cluster_code}, what)


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
    return await send_step(update, context, DECISION_FORM, DECISION_TEXT, text)


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
    await service.tell_report_item(context.state, meeting_id, report_id, step)
    context.state.outbox.wake()


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
    return await send_step(update, context, AGENDA_FORM, REPORT_CODE, text)


async def on_report_code(update: Update, context: KhoosheContext) -> str | int:
    """The report's code: on the agenda (a report of the person's clusters only)."""
    assert update.message is not None and update.message.text is not None
    t = context.t
    code = parse_code(update.message.text)
    report = await get_by_code(context.db, code) if code else None
    access = await access_for(update, context)
    if report is None or not access.covers_cluster(report.cluster_code):
        await update.message.reply_text(
            t("proposal-reports-unknown", codes=t.digits(update.message.text.strip()))
        )
        return REPORT_CODE
    meeting_id = int(draft_of(context, "meeting_report").get("meeting", 0))
    user = update.effective_user
    assert user is not None and context.user_data is not None
    context.user_data.pop("meeting_report", None)
    added = await add_report_to_agenda(context.db, meeting_id, report.id, actor(context, user.id))
    if added:
        await tell_item(context, meeting_id, report.id, "agenda")
    key = "meeting-report-added" if added else "meeting-report-there"
    await update.message.reply_text(t(key, code=t.digits(report.code)))
    return ConversationHandler.END


cancel_deciding, leave_deciding = ways_out("proposal_decision", "proposal-form-cancelled")
cancel_adding, leave_adding = ways_out("meeting_report", "proposal-form-cancelled")


def build(app: Application) -> list[ConversationHandler[KhoosheContext]]:
    """The decision and agenda forms."""
    text = answer_filter(app)
    deciding: dict[object, list[Any]] = {
        OUTCOME: [CallbackQueryHandler(on_outcome, pattern=cb.PROPOSAL_OUTCOME.pattern())],
        DECISION_TEXT: [MessageHandler(text, on_decision_text)],
        DECISION_BODY: [CallbackQueryHandler(on_decision_body, pattern=BODY_PATTERN)],
        DUE: [
            MessageHandler(text, on_due),
            CallbackQueryHandler(on_due, pattern=cb.PROPOSAL_NO_DUE.pattern()),
            CallbackQueryHandler(on_due, pattern=cb.WHEN_HALF.pattern()),
        ],
        DECISION_CONFIRM: [
            CallbackQueryHandler(on_decision_ok, pattern=cb.PROPOSAL_DECISION_OK.pattern())
        ],
    }
    adding: dict[object, list[Any]] = {REPORT_CODE: [MessageHandler(text, on_report_code)]}
    stay_on_step(app, deciding, adding)
    return [
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
            app, AGENDA_FORM,
            entry_points=[
                CallbackQueryHandler(on_add_report, pattern=cb.MEETING_ADD_REPORT.pattern())
            ],
            states=adding, cancel=cancel_adding, leave_for_menu=leave_adding,
            timeout_key="proposal-form-timeout",
        ),
    ]  # fmt: skip


def register(app: Application) -> None:
    """Install the decision and agenda forms."""
    for form in build(app):
        app.add_handler(form)
