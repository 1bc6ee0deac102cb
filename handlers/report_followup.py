"""After filing: members add follow-ups, withdraw, and say whether a resolved report was solved.

Every button names a report id, which can be forged: each press is checked against the
member's own reports (filer or co-reporter: either may say a resolved report is not solved
for them; withdrawing and rating are for the filer only).
"""

from __future__ import annotations

import logging
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
from bot.platforms import is_forwarded
from bot.services.reports import DraftError, clean_follow_up, codes_in
from handlers import forms, menu, triage_relays
from handlers.keyboards import rows
from storage.reports import (
    OPEN_STATUSES,
    Report,
    add_attachment,
    add_event,
    change_status,
    get_by_code,
    get_report,
    is_party,
    rate,
)

log = logging.getLogger(__name__)

WRITING = "writing"
WRITING_TIMEOUT = 30 * 60  # seconds


def _report_id(data: str | None) -> int:
    """The report a member's button is about (its first field; 0 for none)."""
    family = cb.family_of(data)
    return (family.first_int(data) if family is not None else None) or 0


def _code(context: KhoosheContext, report: Report) -> str:
    return context.t.digits(report.code)


async def _own_report(
    update: Update, context: KhoosheContext, *, filer_only: bool, statuses: tuple[str, ...]
) -> Report | None:
    """The pressed button's report if it is this member's and in one of `statuses`."""
    query = update.callback_query
    assert query is not None
    member = context.member
    report = await get_report(context.db, _report_id(query.data))
    allowed = (
        member is not None
        and report is not None
        and report.status in statuses
        and (
            report.member_id == member.id
            if filer_only
            else await is_party(context.db, report, member.id)
        )
    )
    if not allowed:
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    return report


async def _write(
    update: Update, context: KhoosheContext, report: Report | None, kind: str, question: str
) -> str | int:
    """Ask for what the member adds to `report` (as `kind`), or end when it is not theirs."""
    if report is None:
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data["follow_up"] = {"report": report.id, "kind": kind}
    await _ask(update, context, question, report)
    return WRITING


async def start_follow_up(update: Update, context: KhoosheContext) -> str | int:
    """ "Add to this report": ask for the text or file."""
    report = await _own_report(update, context, filer_only=False, statuses=OPEN_STATUSES)
    return await _write(update, context, report, "follow_up", "report-ask-follow-up")


async def start_not_solved(update: Update, context: KhoosheContext) -> str | int:
    """ "Not solved": ask what is still wrong; the answer reopens the report."""
    report = await _own_report(update, context, filer_only=False, statuses=("resolved",))
    return await _write(update, context, report, "reopened", "report-ask-why-not-solved")


async def _ask(update: Update, context: KhoosheContext, key: str, report: Report) -> None:
    chat = update.effective_chat
    assert chat is not None
    cancel = InlineKeyboardButton(
        context.t.label("button-cancel"), callback_data=cb.REPORT_FOLLOW_UP_CANCEL.pack()
    )
    await context.bot.send_message(
        chat.id,
        context.t(key, code=_code(context, report)),
        reply_markup=InlineKeyboardMarkup([[cancel]]),
    )


async def on_writing(update: Update, context: KhoosheContext) -> str | int:
    """The follow-up (text, or a photo, document or voice note)."""
    message, chat, member = update.message, update.effective_chat, context.member
    assert message is not None and chat is not None and context.user_data is not None
    pending: dict[str, Any] = context.user_data.get("follow_up", {})
    report = await get_report(context.db, int(pending.get("report", 0)))
    kind = pending.get("kind", "follow_up")
    expected = ("resolved",) if kind == "reopened" else OPEN_STATUSES
    # Checked again now: the report may have been closed while the member was typing.
    if (
        member is None
        or report is None
        or report.status not in expected
        or not await is_party(context.db, report, member.id)
    ):
        context.user_data.pop("follow_up", None)
        await menu.show_menu(update, context, "report-follow-up-too-late")
        return ConversationHandler.END
    if not await take(update, context, report, kind):
        return WRITING  # said why; the same step again
    context.user_data.pop("follow_up", None)
    return ConversationHandler.END


async def take(update: Update, context: KhoosheContext, report: Report, kind: str) -> bool:
    """The member's message (text, or a photo, document or voice note) stored on `report` as
    `kind` ("follow_up", or "reopened" for a resolved one), queued for staff, and the member
    told with the code; False (and why said) when it cannot be taken. The caller has checked
    that the report is the member's and in a status `kind` fits."""
    message, chat, member = update.message, update.effective_chat, context.member
    assert message is not None and chat is not None and member is not None
    if is_forwarded(message):
        await chat.send_message(context.t("report-no-forwards"))
        return False
    attachment = menu.attachment_of(message)
    text = message.text or message.caption or ""
    if attachment is None and message.text is None:
        await chat.send_message(context.t("report-unsupported"))
        return False
    try:
        value = await clean_follow_up(text) if text or attachment is None else ""
    except DraftError as error:
        await chat.send_message(context.t(error.key))
        return False
    actor = f"member:{member.id}"
    # Stored before the member is told anything.
    if attachment is not None:
        await add_attachment(context.db, report.id, context.platform.value, attachment, member.id)
    await add_event(context.db, report.id, actor, kind, value or None)
    reopened = kind == "reopened" and await change_status(
        context.db, report.id, "resolved", "in_review", actor
    )
    # Queued for staff (split if too long for one message) before the member is told.
    await triage_relays.announce_update(
        context,
        report,
        "triage-member-reopened" if reopened else "triage-member-follow-up",
        text=value or context.t("report-attachment-only"),
    )
    if attachment is not None:
        await triage_relays.forward_attachment(
            context, report, chat.id, message.message_id, message.caption
        )
    if reopened:  # the others on it hear that it is open again
        await triage_relays.tell_parties(context, report, "in_review", told=member.id)
    key = "report-reopened" if reopened else "report-follow-up-saved"
    await menu.show_menu(update, context, key, code=_code(context, report))
    return True


async def replied_report(update: Update, context: KhoosheContext) -> Report | None:
    """The member's own report (filed or joined) that the bot message they replied to names
    by its code (a staff answer, a status notice, the filing's acknowledgement), if it names
    exactly one. Anyone else's report, or a code that does not exist, is as no code at all."""
    message, member = update.message, context.member
    if message is None or member is None or message.reply_to_message is None:
        return None
    replied = message.reply_to_message
    if replied.from_user is not None and replied.from_user.id != context.bot.id:
        return None  # a reply to their own message (or a forward's author) names no notice
    found: dict[int, Report] = {}
    for code in codes_in(replied.text or replied.caption or ""):
        report = await get_by_code(context.db, code)
        if report is not None and await is_party(context.db, report, member.id):
            found[report.id] = report
    # Several (a list of their reports): which one is meant is not known.
    return next(iter(found.values())) if len(found) == 1 else None


async def on_reply(update: Update, context: KhoosheContext) -> bool:
    """A member's reply to a bot message about one of their reports, outside any form: the
    reply is a follow-up on that report (stored, queued for staff, then acknowledged with
    the code), as «➕ افزودن توضیح» takes one; on a resolved one too. A report closed,
    rejected or withdrawn is said so (and the caller offers the words as a new problem).
    False when the reply names no report of theirs."""
    report = await replied_report(update, context)
    if report is None:
        return False
    # Resolved: the reply («هنوز درست نشده», «ممنون») is kept for staff as a follow-up; the
    # solved / not solved buttons still decide whether it is reopened.
    if report.status not in (*OPEN_STATUSES, "resolved"):
        chat = update.effective_chat
        assert chat is not None
        await chat.send_message(context.t("report-reply-not-open", code=_code(context, report)))
        return False
    await take(update, context, report, "follow_up")
    return True


# A menu button mid-form: the draft is dropped, the button does what it says; cancel drops it
# and says so with the menu.
leave_for_menu = forms.leave_dropping("follow_up")
cancel = forms.cancel_dropping("follow_up", "cancelled")


async def on_withdraw(update: Update, context: KhoosheContext) -> None:
    """ "Withdraw": ask once more, since it cannot be undone by the member."""
    report = await _own_report(update, context, filer_only=True, statuses=OPEN_STATUSES)
    if report is None:
        return
    t = context.t
    chat = update.effective_chat
    assert chat is not None
    buttons = [
        InlineKeyboardButton(
            t.label("report-button-withdraw-yes"),
            callback_data=cb.REPORT_WITHDRAW_YES.pack(report.id),
        ),
        InlineKeyboardButton(
            t.label("report-button-keep"), callback_data=cb.REPORT_FOLLOW_UP_CANCEL.pack()
        ),
    ]
    await context.bot.send_message(
        chat.id,
        t("report-withdraw-confirm", code=_code(context, report)),
        reply_markup=InlineKeyboardMarkup([buttons]),
    )


async def on_withdraw_confirmed(update: Update, context: KhoosheContext) -> None:
    """Withdraw the report and tell staff."""
    report = await _own_report(update, context, filer_only=True, statuses=OPEN_STATUSES)
    if report is None or context.member is None:
        return
    moved = await change_status(
        context.db, report.id, report.status, "withdrawn", f"member:{context.member.id}"
    )
    if moved:
        await triage_relays.announce_update(context, report, "triage-member-withdrew")
    await menu.show_menu(
        update,
        context,
        "report-withdrawn" if moved else "triage-already-moved",
        code=_code(context, report),
    )


async def on_solved(update: Update, context: KhoosheContext) -> None:
    """ "Yes, solved": ask the filer for a 1–5 score (which closes the report); thank a member
    who joined it."""
    report = await _own_report(update, context, filer_only=False, statuses=("resolved",))
    if report is None or context.member is None:
        return
    if report.member_id != context.member.id:
        await menu.show_menu(update, context, "report-thanks")
        return
    chat = update.effective_chat
    assert chat is not None
    stars = [
        InlineKeyboardButton(
            context.t.label("report-score", score=n),
            callback_data=cb.REPORT_RATE.pack(report.id, n),
        )
        for n in range(5, 0, -1)
    ]
    await context.bot.send_message(
        chat.id, context.t("report-ask-score"), reply_markup=InlineKeyboardMarkup(rows(stars, 3))
    )


async def on_rate(update: Update, context: KhoosheContext) -> None:
    """The member's satisfaction: stored, and the report is closed."""
    query = update.callback_query
    assert query is not None and query.data is not None
    report_id, score = cb.REPORT_RATE.ints(query.data) or (0, 0)
    member = context.member
    report = await get_report(context.db, report_id)
    if (
        member is None
        or report is None
        or report.member_id != member.id
        or not 1 <= score <= 5
        or not await rate(context.db, report.id, score, f"member:{member.id}")
    ):
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await triage_relays.announce_update(context, report, "triage-member-rated", score=score)
    await query.answer()
    await menu.show_menu(update, context, "report-thanks")


def register(app: Application) -> None:
    """Install follow-ups, withdrawal and the "was it solved?" answers."""
    buttons = menu.buttons(app)
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel & filters.ChatType.PRIVATE
    conversation = forms.form(
        app,
        "report_follow_up",
        entry_points=[
            CallbackQueryHandler(start_follow_up, pattern=cb.REPORT_FOLLOW_UP.pattern()),
            CallbackQueryHandler(start_not_solved, pattern=cb.REPORT_NOT_SOLVED.pattern()),
        ],
        states={WRITING: [MessageHandler(other, on_writing)]},
        cancel=cancel,
        cancel_button=cb.REPORT_FOLLOW_UP_CANCEL,
        leave_for_menu=leave_for_menu,
        timeout_key="report-follow-up-timeout",
        # Not waiting a day: a message hours later is not a follow-up to this report.
        timeout=WRITING_TIMEOUT,
    )
    app.add_handler(conversation)
    app.add_handler(CallbackQueryHandler(on_withdraw, pattern=cb.REPORT_WITHDRAW.pattern()))
    app.add_handler(
        CallbackQueryHandler(on_withdraw_confirmed, pattern=cb.REPORT_WITHDRAW_YES.pattern())
    )
    app.add_handler(CallbackQueryHandler(on_solved, pattern=cb.REPORT_SOLVED.pattern()))
    app.add_handler(CallbackQueryHandler(on_rate, pattern=cb.REPORT_RATE.pattern()))
    # "Keep it" under a withdrawal question, outside any conversation.
    app.add_handler(CallbackQueryHandler(cancel, pattern=cb.REPORT_FOLLOW_UP_CANCEL.pattern()))
