"""An adviser's side of a request: take it, answer (relayed to the member; `#` keeps a note),
or hand it to another core.

Every press is checked here against the request's core (`Access.advises`): the middleware
has only checked that the presser is an adviser (or staff) in a chat where the card may be,
so an adviser of another core — or a forged press — is refused before anything is read out.
The answer is asked for as the reply to a report is (handlers/triage_input.py): one small
form that keeps the request in user_data and checks the core again when the text comes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, NamedTuple, TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    JobQueue,
    MessageHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.roles import Role, access_of, actor, permitted
from bot.services import notices
from bot.services.notices import Notice
from bot.settings import Platform
from handlers import consult_cards, forms, menu
from handlers.keyboards import chat_id_of, inline, rows
from handlers.triage import NOTE_MARK
from handlers.triage_cards import queue_notices
from handlers.triage_relays import member_notices
from storage.consultations import (
    OPEN_STATUSES,
    Consultation,
    add_event,
    answered,
    get_consultation,
    hand_over,
    take,
)
from storage.cores import get_core, list_cores
from storage.members import get_member_by_id

log = logging.getLogger(__name__)

FORM = "consult_input"
REPLY = "reply"
ABOUT = "consult_input"


async def in_scope(
    update: Update, context: KhoosheContext, consultation_id: int
) -> Consultation | None:
    """The request, if this user advises its core (admins: every core); else refused, told."""
    consultation = await get_consultation(context.db, consultation_id)
    return await permitted(
        update,
        context,
        consultation,
        lambda access, found: access.advises(found.core_id),
        f"consultation {consultation_id}",
        "consult-not-your-core",
    )


class AdviserPress(NamedTuple):
    """An adviser's press on a request's button: the press, the request, who pressed and how
    the request's history names them (bot.roles.actor)."""

    query: CallbackQuery
    consultation: Consultation
    user: User
    by: str


async def pressed_request(
    update: Update, context: KhoosheContext, family: cb.Button
) -> AdviserPress | None:
    """The press on a request's button (of `family`), if this user advises its core; otherwise
    None, the press answered (in_scope)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    consultation = await in_scope(update, context, family.first_int(query.data) or 0)
    if consultation is None:
        return None
    return AdviserPress(query, consultation, user, actor(context, user.id))


R = TypeVar("R")


def adviser_button(
    family: cb.Button,
) -> Callable[
    [Callable[[Update, KhoosheContext, AdviserPress], Awaitable[R]]],
    Callable[[Update, KhoosheContext], Coroutine[Any, Any, R | None]],
]:
    """A button of `family` on a request's card: the handler gets the press only if this user
    advises the request's core (pressed_request); otherwise the press is answered there and
    the handler is not called (None)."""

    def decorate(
        handler: Callable[[Update, KhoosheContext, AdviserPress], Awaitable[R]],
    ) -> Callable[[Update, KhoosheContext], Coroutine[Any, Any, R | None]]:
        @functools.wraps(handler)
        async def pressed(update: Update, context: KhoosheContext) -> R | None:
            found = await pressed_request(update, context, family)
            return None if found is None else await handler(update, context, found)

        return pressed

    return decorate


async def tell_member(
    context: KhoosheContext,
    consultation: Consultation,
    key: str,
    *,
    answer_button: bool = False,
    copy: tuple[int, int] | None = None,
    **values: object,
) -> int:
    """A message for the member who asked, in their language (a long text split)."""
    member = await get_member_by_id(context.db, consultation.member_id)
    if member is None:
        return 0
    platform = Platform(member.platform)
    t = context.texts_for(member.language, platform)
    markup = None
    if answer_button:
        answer_row = [
            InlineKeyboardButton(
                t.label("consult-button-answer"),
                callback_data=cb.CONSULT_ANSWER.pack(consultation.id),
            )
        ]
        rows_ = [answer_row]
        if not consultation.phone_shared:  # the member's own choice, for a call
            phone = InlineKeyboardButton(
                t.label("consult-button-share-phone"),
                callback_data=cb.CONSULT_SHARE_PHONE.pack(consultation.id),
            )
            rows_.append([phone])
        markup = InlineKeyboardMarkup(rows_)
    owed = member_notices(context, member, key, consultation, markup, **values)
    if copy is not None and platform == context.platform:
        owed.append(Notice(platform, member.chat_id, member_id=member.id, copy=copy))
    return await queue_notices(
        context, notices.event_key("consultation", consultation.id, key), owed
    )


# --- take -------------------------------------------------------------------------------------


@adviser_button(cb.ADVISE_TAKE)
async def on_take(update: Update, context: KhoosheContext, pressed: AdviserPress) -> None:
    """«🙋 برمی‌دارم»: the first adviser to press owns the request."""
    query, consultation, user, by = pressed
    if not await take(context.db, consultation.id, by):
        now = await get_consultation(context.db, consultation.id) or consultation
        mine = now.owner == by
        key = "consult-yours-already" if mine else "consult-taken-already"
        await query.answer(context.t(key), show_alert=True)
        return
    await query.answer(context.t("consult-taken-by-you"))
    log.info("consultation %s taken by %s", consultation.id, user.id)
    chat_id = chat_id_of(update)
    await context.bot.send_message(
        chat_id,
        context.t(
            "consult-taken-note",
            code=context.t.digits(consultation.code),
            name=user.full_name,
        ),
    )
    await tell_member(context, consultation, "consult-member-taken")


# --- answer -----------------------------------------------------------------------------------


def _cancel_markup(context: KhoosheContext) -> InlineKeyboardMarkup:
    return inline(context.t, [("button-cancel", cb.ADVISE_INPUT_CANCEL.pack())])


@adviser_button(cb.ADVISE_REPLY)
async def ask_reply(update: Update, context: KhoosheContext, pressed: AdviserPress) -> str | None:
    """«✍️ پاسخ»: taking the request if nobody has; the next message goes to the member."""
    query, consultation, user, me = pressed
    assert context.user_data is not None
    if consultation.owner is None:
        await take(context.db, consultation.id, me)  # another adviser may have won meanwhile
        consultation = await get_consultation(context.db, consultation.id) or consultation
    access = await access_of(context, user.id)
    if consultation.owner != me and not access.has(Role.ADMIN):
        await query.answer(context.t("consult-taken-already"), show_alert=True)
        return None
    await query.answer()
    context.user_data[ABOUT] = consultation.id
    await context.save_form_now(FORM, REPLY)
    chat_id = chat_id_of(update)
    await context.bot.send_message(
        chat_id,
        context.t("consult-reply-ask", code=context.t.digits(consultation.code)),
        reply_markup=_cancel_markup(context),
    )
    return REPLY


async def on_reply(update: Update, context: KhoosheContext) -> int:
    """The answer (text or a file): relayed to the member, or a note if it starts with `#`."""
    message, user = update.message, update.effective_user
    assert message is not None and user is not None and context.user_data is not None
    consultation = await in_scope(update, context, context.user_data.get(ABOUT, 0))
    context.user_data.pop(ABOUT, None)
    if consultation is None:
        return ConversationHandler.END
    me = actor(context, user.id)
    text = message.text or message.caption or ""
    if text.startswith(NOTE_MARK):
        await add_event(context.db, consultation.id, me, "note", text)
        await message.reply_text(context.t("consult-note-kept"))
        return ConversationHandler.END
    await answered(context.db, consultation.id, me, text)
    copy = (message.chat_id, message.message_id) if message.text is None else None
    await tell_member(
        context, consultation, "consult-adviser-said", answer_button=True, copy=copy, text=text
    )
    log.info("consultation %s answered by %s", consultation.id, user.id)
    await message.reply_text(context.t("consult-reply-relayed"))
    return ConversationHandler.END


async def on_wrong_input(update: Update, context: KhoosheContext) -> str:
    """A sticker or a location instead of the answer."""
    assert update.message is not None
    await update.message.reply_text(
        context.t("triage-input-wrong"), reply_markup=_cancel_markup(context)
    )
    return REPLY


# --- hand to another core ---------------------------------------------------------------------


@adviser_button(cb.ADVISE_HAND)
async def on_hand(update: Update, context: KhoosheContext, pressed: AdviserPress) -> None:
    """«↪️ هسته دیگر»: the cores it could go to."""
    query, consultation = pressed.query, pressed.consultation
    await query.answer()
    others = [c for c in await list_cores(context.db) if c.id != consultation.core_id]
    chat_id = chat_id_of(update)
    if not others or consultation.status not in OPEN_STATUSES:
        await context.bot.send_message(chat_id, context.t("consult-hand-nowhere"))
        return
    buttons = [
        InlineKeyboardButton(c.name, callback_data=cb.ADVISE_HAND_TO.pack(consultation.id, c.id))
        for c in others
    ]
    await context.bot.send_message(
        chat_id,
        context.t("consult-hand-ask", code=context.t.digits(consultation.code)),
        reply_markup=InlineKeyboardMarkup(rows(buttons, 1)),
    )


@adviser_button(cb.ADVISE_HAND_TO)
async def on_hand_to(update: Update, context: KhoosheContext, pressed: AdviserPress) -> None:
    """A core chosen: the request moves there, its advisers get the card, the member hears."""
    query, consultation, _, by = pressed
    target = await get_core(context.db, int(cb.ADVISE_HAND_TO.values(query.data)[1]))
    if target is None or not target.active:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    if not await hand_over(context.db, consultation.id, target.id, by):
        await query.answer(context.t("consult-hand-not-now"), show_alert=True)
        return
    await query.answer()
    moved = await get_consultation(context.db, consultation.id)
    assert moved is not None
    await consult_cards.announce(context, moved)
    await tell_member(context, moved, "consult-member-handed", core=target.name)
    chat_id = chat_id_of(update)
    await context.bot.send_message(
        chat_id, context.t("consult-handed", code=context.t.digits(moved.code), core=target.name)
    )


# --- the member's files ---------------------------------------------------------------------


@adviser_button(cb.ADVISE_FILES)
async def on_files(update: Update, context: KhoosheContext, pressed: AdviserPress) -> None:
    """«📎»: the files the member sent with the question, in this chat."""
    query, consultation = pressed.query, pressed.consultation
    await query.answer()
    chat_id = chat_id_of(update)
    await consult_cards.send_files(context, consultation, chat_id, context.t)


# --- registration -----------------------------------------------------------------------------


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The form asking an adviser for the answer."""
    buttons = menu.buttons(app)
    text = buttons.text
    media = menu.MEDIA
    other = buttons.other
    return forms.card_input(
        app,
        FORM,
        ABOUT,
        entry_points=[CallbackQueryHandler(ask_reply, pattern=cb.ADVISE_REPLY.pattern())],
        states={
            REPLY: [MessageHandler(text | media, on_reply), MessageHandler(other, on_wrong_input)]
        },
        cancel_button=cb.ADVISE_INPUT_CANCEL,
    )


def register(app: Application) -> None:
    """Install the adviser's buttons and the answer form."""
    app.add_handler(build(app))
    app.add_handler(CallbackQueryHandler(on_take, pattern=cb.ADVISE_TAKE.pattern()))
    app.add_handler(CallbackQueryHandler(on_hand, pattern=cb.ADVISE_HAND.pattern()))
    app.add_handler(CallbackQueryHandler(on_hand_to, pattern=cb.ADVISE_HAND_TO.pattern()))
    app.add_handler(CallbackQueryHandler(on_files, pattern=cb.ADVISE_FILES.pattern()))
    # Cards of requests stored just before a crash are queued once the outbox starts: in a
    # job on the one scheduler, so start-up (and the first updates) need not wait for it.
    assert isinstance(app, KhoosheApplication)

    async def catch_up(_context: object) -> None:
        await consult_cards.catch_up_cards(app)

    async def at_start(jobs: JobQueue[Any]) -> None:
        jobs.run_once(catch_up, 0, name="consultations: cards a crash left unqueued")

    app.state.outbox.on_scheduler(at_start)
