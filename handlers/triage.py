"""Staff side of reports: the card sent to the staff group and the cluster's agents, with
buttons to take a report and change its status, and staff replies relayed to its members.

Every action is checked here on the server: the buttons' data can be forged, so each press
is checked for the staff role and for the report's cluster (agents act only in theirs).
Cards are built and queued in handlers/triage_cards.py, news told to the parties in
handlers/triage_relays.py. Lists and export are in handlers/staff_lists.py; the whole report
(the card's "full text" button, /show) in handlers/staff_report.py.

Nothing here sends a card, a relay or news itself: each is queued in the outbox (see
bot/services/notices.py) before the action is acknowledged, so a crash loses none and a
staff group at its rate limit keeps no member's handler waiting.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from contextlib import suppress
from typing import Any

from telegram import CallbackQuery, Chat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.i18n import persian_script
from bot.platforms import voice_note
from bot.roles import Role, actor, permitted, requires
from bot.services import notices
from bot.services.notices import Notice
from bot.services.report_files import send_attachments
from bot.services.reports import CATEGORIES, TRANSITIONS, can_move, parse_code
from bot.text import persian_digits
from handlers import staff_lists
from handlers.keyboards import send_choices
from handlers.triage_cards import catch_up_cards, queue_notices
from handlers.triage_relays import member_notices, members_on, tell_parties
from storage.attachments import report_attachments
from storage.report_triage import merge, refer, set_category
from storage.reports import (
    OPEN_STATUSES,
    Report,
    add_event,
    change_status,
    get_by_code,
    get_report,
    report_of_message,
)

log = logging.getLogger(__name__)


# A reply to a card that starts with this is an internal note for staff, not for members.
NOTE_MARK = "#"
# chat_data key: ids of the reports whose attachments are being sent to that chat.
SENDING_FILES = "attachments_sending"


def _actor(update: Update, context: KhoosheContext) -> str:
    user = update.effective_user
    assert user is not None
    return actor(context, user.id)


async def report_in_scope(
    update: Update, context: KhoosheContext, report_id: int
) -> Report | None:
    """The report, if this staff member may act on it; otherwise tell them and return None."""
    report = await get_report(context.db, report_id)
    return await permitted(
        update,
        context,
        report,
        lambda access, found: access.covers_cluster(found.cluster_code),
        f"report {report_id}",
    )


async def pressed_report(
    update: Update, context: KhoosheContext
) -> tuple[CallbackQuery, Report] | None:
    """The pressed button and its report, if this staff member may act on it (else None)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    report = await report_in_scope(update, context, report_id_of(query.data))
    return None if report is None else (query, report)


def report_button(
    handler: Callable[[Update, KhoosheContext, CallbackQuery, Report], Awaitable[None]],
) -> Callable[[Update, KhoosheContext], Coroutine[Any, Any, None]]:
    """A staff button on a report card: only staff, or an agent of the report's cluster, get
    through (checked here, whatever the button says), with the pressed query and the report."""

    @requires(Role.CLUSTER_AGENT)
    @functools.wraps(handler)
    async def pressed(update: Update, context: KhoosheContext) -> None:
        found = await pressed_report(update, context)
        if found is not None:
            await handler(update, context, *found)

    return pressed


def report_id_of(data: str | None) -> int:
    """The report a staff button is about (its first field; 0 for none)."""
    family = cb.family_of(data)
    return (family.first_int(data) if family is not None else None) or 0


def last_word(family: cb.Button, data: str | None) -> str:
    """The last field of a press already checked by the middleware (a status, slug, code)."""
    values = family.unpack(data)
    return str(values[-1]) if values else ""


@report_button
async def on_take(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    """ "I'll take it": assign the report and start reviewing it."""
    user = update.effective_user
    assert user is not None
    moved = report.status == "new" and await change_status(
        context.db,
        report.id,
        "new",
        "in_review",
        _actor(update, context),
        f"{context.platform}:{user.id}",
    )
    if moved:  # the members' news is queued before staff hear it is done
        await tell_parties(context, report, "in_review")
    mine = report.assignee == f"{context.platform}:{user.id}"  # a second tap of one's own
    said = "triage-taken" if moved else "triage-taken-already" if mine else "triage-already-moved"
    await query.answer(context.t(said))


async def _chosen(query: CallbackQuery, said: str) -> None:
    """A menu's choice done: `said` as the press's answer, and the menu's buttons gone."""
    await query.answer(said)
    with suppress(TelegramError):
        await query.edit_message_reply_markup(None)


@report_button
async def on_status_menu(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    """Show the statuses this report may move to."""
    await query.answer()
    t = context.t
    choices = [
        (t.label(f"report-status-{status}"), cb.TRIAGE_SET_STATUS.pack(report.id, status))
        for status in TRANSITIONS.get(report.status, ())
    ]
    status = t(f"report-status-{report.status}")
    asked = t("triage-choose-status", code=t.digits(report.code), status=status)
    await send_choices(update, context, asked, choices)


@report_button
async def on_set_status(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    """Move a report to a new status, then tell everyone on it."""
    to_status = last_word(cb.TRIAGE_SET_STATUS, query.data)
    if to_status == "referred" and can_move(report.status, to_status):
        # Referred to whom? Chosen from the outside bodies, which records it (and the
        # digest's slowest bodies count it); a referral to nobody is no referral.
        await _ask_body(update, context, query, report)
        return
    moved = can_move(report.status, to_status) and await change_status(
        context.db, report.id, report.status, to_status, _actor(update, context)
    )
    if not moved:
        await query.answer(context.t("triage-already-moved"), show_alert=True)
        return
    await tell_parties(context, report, to_status)
    label = context.t(f"report-status-{to_status}")
    # Rejected: the member deserves the reason, which a reply to the card carries to them.
    said = "triage-status-set-rejected" if to_status == "rejected" else "triage-status-set"
    await _chosen(query, context.t(said, status=label))


async def relay_card_reply(update: Update, context: KhoosheContext) -> bool:
    """If this message replies to a report card, relay it to the report's members.

    Returns False for any other message, so the caller (the catch-all, last in order) can
    answer it as usual: a member swiping "reply" on an ordinary bot message is not staff.
    """
    message = update.message
    chat = update.effective_chat
    if message is None or chat is None or message.reply_to_message is None:
        return False
    if message.text is None and not (message.photo or message.document or voice_note(message)):
        return False
    if message.text is not None and message.text.startswith("/"):
        return False
    replied = message.reply_to_message.message_id
    report = await report_of_message(context.db, context.platform, chat.id, replied)
    if report is None and context.state.outbox.flying(context.platform, chat.id):
        # Perhaps the card it answers, on screen and not yet remembered: wait for it.
        with suppress(TimeoutError):
            async with asyncio.timeout(CARD_BOOKING_WAIT):
                await context.state.outbox.landed(context.platform, chat.id)
        report = await report_of_message(context.db, context.platform, chat.id, replied)
    if report is None:
        return False
    await relay(update, context, report)
    return True


# How long a reply waits for the message it answers to be booked: a card is remembered once
# Telegram has answered its sending, and a quick reply (or a slow answer) can come first.
CARD_BOOKING_WAIT = 10.0


async def relay(update: Update, context: KhoosheContext, report: Report) -> None:
    """Relay a staff message (text or a file) to the report's members, or keep it as an
    internal note if it starts with `#`; the role and the cluster are checked here."""
    message, chat = update.message, update.effective_chat
    assert message is not None and chat is not None
    # The role and the cluster are both checked here (covers_cluster is False for members).
    if await report_in_scope(update, context, report.id) is None:
        return
    text = message.text or message.caption or ""
    if text.startswith(NOTE_MARK):
        # Staff talking among themselves under a card: kept in the history, not relayed.
        await add_event(context.db, report.id, _actor(update, context), "note", text)
        await message.reply_text(context.t("triage-note-kept"))
        return
    await add_event(context.db, report.id, _actor(update, context), "reply", text or None)
    owed: list[Notice] = []
    members = await members_on(context, report)
    for member in members:
        owed += member_notices(context, member, "report-staff-reply", report, text=text)
        # Files are per platform: the file itself only reaches members on this one.
        if message.text is None and member.platform == context.platform.value:
            owed.append(
                Notice(
                    context.platform, member.chat_id, member_id=member.id,
                    copy=(chat.id, message.message_id),
                )
            )  # fmt: skip
    await queue_notices(context, notices.event_key("report", report.id, "reply"), owed)
    reached = len({n.chat_id for n in owed})
    # Queued, not yet delivered: the acknowledgement says only that (a member who blocked
    # the bot is marked so by the outbox).
    await message.reply_text(
        context.t("triage-reply-relayed", count=reached)
        if reached
        else context.t("triage-reply-not-relayed")
    )


@report_button
async def on_category_menu(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    """The categories a report can be moved to."""
    await query.answer()
    t = context.t
    choices = [
        (t.label(f"category-{c}"), cb.TRIAGE_SET_CATEGORY.pack(report.id, c))
        for c in CATEGORIES
        if c != report.category
    ]
    await send_choices(update, context, t("triage-choose-category"), choices)


@report_button
async def on_set_category(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    """Re-categorise a report."""
    slug = last_word(cb.TRIAGE_SET_CATEGORY, query.data)
    if slug not in CATEGORIES or not await set_category(
        context.db, report.id, slug, _actor(update, context)
    ):
        await query.answer(context.t("triage-already-moved"), show_alert=True)
        return
    await _chosen(query, context.t("triage-category-set", category=context.t(f"category-{slug}")))


@report_button
async def on_body_menu(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    """The outside bodies (data/outside_bodies.csv) a report can be referred to."""
    await _ask_body(update, context, query, report)


async def _ask_body(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    await query.answer()
    lang = context.t.lang
    choices = [
        (b.name(lang), cb.TRIAGE_SET_BODY.pack(report.id, b.code))
        for b in context.state.outside_bodies
    ]
    await send_choices(update, context, context.t("triage-choose-body"), choices)


@report_button
async def on_set_body(
    update: Update, context: KhoosheContext, query: CallbackQuery, report: Report
) -> None:
    """Refer a report to an outside body; members hear that it was referred."""
    code = last_word(cb.TRIAGE_SET_BODY, query.data)
    body = next((b for b in context.state.outside_bodies if b.code == code), None)
    if body is None or report.status not in OPEN_STATUSES:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    moved_from = await refer(context.db, report.id, code, _actor(update, context))
    if moved_from is not None:
        await tell_parties(context, report, "referred")
    await _chosen(query, context.t("triage-body-set", body=body.name(context.t.lang)))


@requires(Role.CLUSTER_AGENT)
async def merge_command(update: Update, context: KhoosheContext) -> None:
    """/merge <code> <into code>: a duplicate joins the report it repeats."""
    args = context.args or []
    codes = [parse_code(a) for a in args[:2]]
    chat = update.effective_chat
    assert chat is not None
    if len(args) != 2 or None in codes:
        await chat.send_message(context.t("triage-merge-usage"))
        return
    source = await get_by_code(context.db, codes[0] or "")
    target = await get_by_code(context.db, codes[1] or "")
    if source is None or target is None:
        await chat.send_message(context.t("triage-merge-unknown"))
        return
    await merge_reports(update, context, source, target)


async def merge_reports(
    update: Update, context: KhoosheContext, source: Report, target: Report
) -> bool:
    """Merge `source` (the duplicate) into `target` (the original), tell its members and the
    staff member; False (and they are told why) when it may not be done."""
    chat = update.effective_chat
    assert chat is not None
    # Both must be in this staff member's scope (agents: their clusters only).
    if await report_in_scope(update, context, source.id) is None:
        return False
    if await report_in_scope(update, context, target.id) is None:
        return False
    if target.status not in OPEN_STATUSES or not await merge(
        context.db, source.id, target.id, _actor(update, context)
    ):
        await chat.send_message(context.t("triage-merge-refused"))
        return False
    owed: list[Notice] = []
    for member in await members_on(context, source):
        script = persian_script(member.language)
        target_code = persian_digits(target.code) if script else target.code
        owed += member_notices(context, member, "report-merged", source, target=target_code)
    await queue_notices(context, notices.event_key("report", source.id, "merged"), owed)
    await chat.send_message(
        context.t(
            "triage-merged", source=persian_digits(source.code), target=persian_digits(target.code)
        )
    )
    return True


@requires(Role.CLUSTER_AGENT)
async def on_attachments(update: Update, context: KhoosheContext) -> None:
    """«📎 Attachments»: the report's files, sent to the chat where it was pressed."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    report = await report_in_scope(update, context, report_id_of(query.data))
    if report is None:
        return
    files = await report_attachments(context.db, report.id)
    if not files:
        await query.answer(context.t("triage-attachments-none-yet"), show_alert=True)
        return
    # A double tap must not send the files twice, interleaved (the handler does not block):
    # the reports whose files are on their way to this chat (chat_data is never persisted).
    assert context.chat_data is not None
    sending: set[int] = context.chat_data.setdefault(SENDING_FILES, set())
    if report.id in sending:
        await query.answer(context.t("triage-attachments-already-sending"))
        return
    sending.add(report.id)
    try:
        await query.answer(context.t("triage-attachments-sending", count=len(files)))
        # The staff group reads Persian, as its cards do; a private chat its owner's language.
        t = context.t if chat.type == Chat.PRIVATE else context.texts_for("fa")
        await send_attachments(
            context.db,
            context.state.outbox.uploads,
            context.state.bots,
            context.platform,
            chat.id,
            files,
            t,
            report.code,
            reply_to=query.message.message_id if query.message is not None else None,
        )
    finally:
        sending.discard(report.id)


def register(app: Application) -> None:
    """Install the staff buttons and the reply relay."""
    app.add_handler(CommandHandler("merge", merge_command, filters=staff_lists.staff_chats(app)))
    app.add_handler(
        CallbackQueryHandler(on_category_menu, pattern=cb.TRIAGE_CATEGORY_MENU.pattern())
    )
    app.add_handler(
        CallbackQueryHandler(on_set_category, pattern=cb.TRIAGE_SET_CATEGORY.pattern())
    )
    app.add_handler(CallbackQueryHandler(on_body_menu, pattern=cb.TRIAGE_BODY_MENU.pattern()))
    app.add_handler(CallbackQueryHandler(on_set_body, pattern=cb.TRIAGE_SET_BODY.pattern()))
    app.add_handler(CallbackQueryHandler(on_take, pattern=cb.TRIAGE_TAKE.pattern()))
    app.add_handler(CallbackQueryHandler(on_status_menu, pattern=cb.TRIAGE_STATUS_MENU.pattern()))
    app.add_handler(CallbackQueryHandler(on_set_status, pattern=cb.TRIAGE_SET_STATUS.pattern()))
    # Not blocking: several files to a staff group wait for its 20-a-minute limit, and that
    # wait must not hold up every other chat's updates.
    app.add_handler(
        CallbackQueryHandler(on_attachments, pattern=cb.TRIAGE_ATTACHMENTS.pattern(), block=False)
    )
    # Staff replies to cards are picked up by the catch-all in handlers/menu.py (see there).
    # Cards of reports stored just before a crash are queued when the outbox starts.
    assert isinstance(app, KhoosheApplication)
    app.state.outbox.on_scheduler(lambda _jobs: catch_up_cards(app))
