"""A request that is really a problem for the estates company becomes a report, and a report
that needs an adviser becomes a request — each with the other's history carried over.

An adviser turns a request into a report from its card (with a confirm); staff turn a report
into a request with `/to_consultation <report code> <core number>` (the report's cluster
checked as for any staff action). The new record is announced as a new one would be (report
cards for staff, request cards for the core's advisers) and the member is told both codes.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, actor, requires
from bot.services.reports import parse_code
from bot.text import fold_digits
from handlers import consult_advise, consult_cards, staff_lists, triage, triage_cards
from handlers.keyboards import answer, replace_pressed
from storage.consultations import OPEN_STATUSES as CONSULTATION_OPEN
from storage.consultations import (
    NewConsultation,
    attachments_of,
    close_report_for_consultation,
    create_consultation,
    mark_turned_into_report,
    report_history,
)
from storage.cores import get_core
from storage.reports import OPEN_STATUSES as REPORT_OPEN
from storage.reports import NewReport, create_report, get_by_code

log = logging.getLogger(__name__)


@consult_advise.adviser_button(cb.ADVISE_TO_REPORT)
async def ask_to_report(
    update: Update, context: KhoosheContext, pressed: consult_advise.AdviserPress
) -> None:
    """«📝 تبدیل به گزارش»: confirm first (the request closes)."""
    consultation = pressed.consultation
    await answer(update)
    chat = update.effective_chat
    assert chat is not None
    button = InlineKeyboardButton(
        context.t.label("consult-button-to-report-yes"),
        callback_data=cb.ADVISE_TO_REPORT_YES.pack(consultation.id),
    )
    await context.bot.send_message(
        chat.id,
        context.t("consult-to-report-ask", code=context.t.digits(consultation.code)),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )


@consult_advise.adviser_button(cb.ADVISE_TO_REPORT_YES)
async def to_report(
    update: Update, context: KhoosheContext, pressed: consult_advise.AdviserPress
) -> None:
    """Confirmed: file the report (once), copy the history, announce it, tell the member."""
    user = update.effective_user
    assert user is not None
    consultation = pressed.consultation
    if consultation.report_id is not None or consultation.from_report_id is not None:
        # A report made into a request goes back by reopening it, not by filing another.
        await answer(update, context.t("consult-to-report-not-now"), alert=True)
        return
    if consultation.status not in CONSULTATION_OPEN:
        # A closed request's old card: nothing is filed in the member's name after it closed.
        await answer(update, context.t("consult-to-report-closed"), alert=True)
        return
    core = await get_core(context.db, consultation.core_id)
    category = core.categories[0] if core and core.categories else "other"
    report, created = await create_report(
        context.db,
        consultation.member_id,
        consultation.cluster_code,
        consultation.platform,
        NewReport(
            category=category,
            suggested=category,
            urgent=False,
            summary=consultation.summary,
            description=consultation.question,
            attachments=await attachments_of(context.db, consultation.id),
        ),
        f"consultation:{consultation.id}",
    )
    me = actor(context, user.id)
    if created:
        await mark_turned_into_report(context.db, consultation, report.id, me)
        await triage_cards.announce_new_report(context, report)
    await answer(update)
    log.info("consultation %s became report %s", consultation.id, report.id)
    t = context.t
    await replace_pressed(
        update,
        t("consult-turned", code=t.digits(consultation.code), report=t.digits(report.code)),
    )
    await consult_advise.tell_member(
        context, consultation, "consult-became-report", report=t.digits(report.code)
    )


@requires(Role.CLUSTER_AGENT)
async def from_report(update: Update, context: KhoosheContext) -> None:
    """/to_consultation <report code> <core number>: the report goes to a core's advisers."""
    message, user = update.message, update.effective_user
    assert message is not None and user is not None
    args = context.args or []
    code = parse_code(args[0]) if args else None
    number = fold_digits(args[1]) if len(args) > 1 else ""
    core = await get_core(context.db, int(number)) if number.isdigit() else None
    found = await get_by_code(context.db, code) if code else None
    if found is None or core is None or not core.active:
        await message.reply_text(context.t("consult-from-report-usage"))
        return
    report = await triage.report_in_scope(update, context, found.id)
    if report is None:
        return
    if report.status not in REPORT_OPEN:
        # Withdrawn, closed, rejected or merged: the member's words go nowhere new.
        t = context.t
        status = t(f"report-status-{report.status}")
        await message.reply_text(
            t("consult-from-report-closed", report=t.digits(report.code), status=status)
        )
        return
    me = actor(context, user.id)
    consultation, created = await create_consultation(
        context.db,
        report.member_id,
        report.cluster_code,
        context.platform.value,
        NewConsultation(
            core_id=core.id,
            suggested_core=None,
            summary=report.summary,
            question=report.description,
            from_report_id=report.id,
        ),
        f"report:{report.id}",
        actor=me,
        history=await report_history(context.db, report.id),
    )
    if created:
        await close_report_for_consultation(
            context.db, report.id, report.status, consultation.code, me
        )
        await consult_cards.announce(context, consultation)
        await consult_advise.tell_member(
            context,
            consultation,
            "consult-from-report-member",
            report=context.t.digits(report.code),
            core=core.name,
        )
    t = context.t
    await message.reply_text(
        t(
            "consult-from-report-done",
            report=t.digits(report.code),
            code=t.digits(consultation.code),
            core=core.name,
        )
    )


def register(app: Application) -> None:
    """Install the two ways across."""
    app.add_handler(CallbackQueryHandler(ask_to_report, pattern=cb.ADVISE_TO_REPORT.pattern()))
    app.add_handler(CallbackQueryHandler(to_report, pattern=cb.ADVISE_TO_REPORT_YES.pattern()))
    # Staff's own chats only, as /merge and /show: the answer names the report and the core.
    app.add_handler(
        CommandHandler("to_consultation", from_report, filters=staff_lists.staff_chats(app))
    )
