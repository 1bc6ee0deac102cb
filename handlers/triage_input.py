"""Staff act on a report from wherever its card is: a /reports row opens the card, and the
card's «✍️ پاسخ به عضو» and «🔗 ادغام» ask for the text in the same chat, so neither needs
Telegram's reply gesture nor a staff group.

The asking is one small form (handlers/forms.py): the report it is about is kept in
user_data, and the role and the cluster are checked again when the answer comes (a grant may
have been revoked meanwhile), as they are on every press (the buttons' data can be forged).
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, requires
from bot.services.reports import parse_code
from handlers import forms, menu, triage, triage_cards
from handlers.keyboards import inline
from storage.reports import get_by_code

FORM = "triage_input"
REPLY, MERGE = "reply", "merge"
# user_data key: the report the staff member is answering or merging.
ABOUT = "triage_input"


@requires(Role.CLUSTER_AGENT)
async def on_open(update: Update, context: KhoosheContext) -> None:
    """A /reports row: the report's card, with every action, in this chat."""
    pressed = await triage.pressed_report(update, context)
    if pressed is None:
        return
    query, report = pressed
    await query.answer()
    await triage_cards.send_card(update, context, report)


def _cancel_markup(context: KhoosheContext) -> InlineKeyboardMarkup:
    return inline(context.t, [("button-cancel", cb.TRIAGE_INPUT_CANCEL.pack())])


async def _ask(update: Update, context: KhoosheContext, step: str) -> str | None:
    pressed = await triage.pressed_report(update, context)
    if pressed is None:
        return None  # refused (and told): no form opens
    query, report = pressed
    await query.answer()
    assert context.user_data is not None
    context.user_data[ABOUT] = {"report": report.id, "step": step}
    await context.save_form_now(FORM, step)
    chat = update.effective_chat
    assert chat is not None
    key = "triage-reply-ask" if step == REPLY else "triage-merge-ask"
    await context.bot.send_message(
        chat.id,
        context.t(key, code=context.t.digits(report.code)),
        reply_markup=_cancel_markup(context),
    )
    return step


@requires(Role.CLUSTER_AGENT)
async def ask_reply(update: Update, context: KhoosheContext) -> str | None:
    """«✍️ پاسخ به عضو»: the next message here goes to the report's members."""
    return await _ask(update, context, REPLY)


@requires(Role.CLUSTER_AGENT)
async def ask_merge(update: Update, context: KhoosheContext) -> str | None:
    """«🔗 ادغام»: this report is a duplicate; the next message names the original."""
    return await _ask(update, context, MERGE)


def _about(context: KhoosheContext) -> dict[str, Any]:
    assert context.user_data is not None
    value = context.user_data.get(ABOUT)
    return value if isinstance(value, dict) else {}


def _report_id(context: KhoosheContext) -> int:
    value = _about(context).get("report")
    return value if isinstance(value, int) else 0


async def on_reply(update: Update, context: KhoosheContext) -> int:
    """The reply (text or a file): relayed, or kept as a note if it starts with `#`."""
    report = await triage.report_in_scope(update, context, _report_id(context))
    if report is not None:
        await triage.relay(update, context, report)
    return _done(context)


async def on_merge_code(update: Update, context: KhoosheContext) -> str | int:
    """The original's code: the duplicate is merged into it."""
    message = update.message
    assert message is not None and message.text is not None
    source = await triage.report_in_scope(update, context, _report_id(context))
    if source is None:
        return _done(context)
    code = parse_code(message.text)
    target = await get_by_code(context.db, code) if code else None
    if target is None or target.id == source.id:
        key = "triage-merge-same" if target is not None else "triage-merge-bad-code"
        await message.reply_text(context.t(key), reply_markup=_cancel_markup(context))
        return MERGE
    await triage.merge_reports(update, context, source, target)
    return _done(context)


async def on_wrong_input(update: Update, context: KhoosheContext) -> str:
    """A sticker, a location… : say what is expected, and ask again."""
    assert update.message is not None
    step = MERGE if _about(context).get("step") == MERGE else REPLY
    key = "triage-merge-bad-code" if step == MERGE else "triage-input-wrong"
    await update.message.reply_text(context.t(key), reply_markup=_cancel_markup(context))
    return step


def _done(context: KhoosheContext) -> int:
    assert context.user_data is not None
    context.user_data.pop(ABOUT, None)
    return ConversationHandler.END


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The form asking for a reply or the original's code."""
    buttons = menu.buttons(app)
    text = buttons.text
    media = menu.MEDIA
    other = buttons.other
    states: dict[object, list[Any]] = {
        REPLY: [MessageHandler(text | media, on_reply), MessageHandler(other, on_wrong_input)],
        MERGE: [MessageHandler(text, on_merge_code), MessageHandler(other, on_wrong_input)],
    }
    return forms.card_input(
        app,
        FORM,
        ABOUT,
        entry_points=[
            CallbackQueryHandler(ask_reply, pattern=cb.TRIAGE_REPLY.pattern()),
            CallbackQueryHandler(ask_merge, pattern=cb.TRIAGE_MERGE.pattern()),
        ],
        states=states,
        cancel_button=cb.TRIAGE_INPUT_CANCEL,
    )


def register(app: Application) -> None:
    """Install the form and the /reports rows' button."""
    app.add_handler(build(app))
    app.add_handler(CallbackQueryHandler(on_open, pattern=cb.TRIAGE_OPEN.pattern()))
