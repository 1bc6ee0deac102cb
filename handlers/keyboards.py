"""Keyboard builders shared by the feature modules (at most ~3 buttons a row on a phone), and
who may use a command or a staff button."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Collection, Coroutine, Sequence
from typing import Any, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.callbacks import Button
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, Role, access_of, requires

log = logging.getLogger(__name__)

PAGE_SIZE = 8

T = TypeVar("T")
Pressed = Callable[[Update, KhoosheContext], Coroutine[Any, Any, None]]
Handler = Callable[[Update, KhoosheContext], Coroutine[Any, Any, object]]


def staff_button(
    find: Callable[[Update, KhoosheContext], Awaitable[T | None]],
) -> Callable[[Callable[[Update, KhoosheContext, T], Awaitable[None]]], Pressed]:
    """A staff button about one record (an offering, a broadcast): cluster agents and up only
    (bot/roles.py), then `find` reads the record the press names and checks that this person
    may act on it (answering the press itself when not); the handler gets the record."""

    def decorate(handler: Callable[[Update, KhoosheContext, T], Awaitable[None]]) -> Pressed:
        @requires(Role.CLUSTER_AGENT)
        @functools.wraps(handler)
        async def pressed(update: Update, context: KhoosheContext) -> None:
            found = await find(update, context)
            if found is not None:
                await handler(update, context, found)

        return pressed

    return decorate


async def within_reach(
    update: Update,
    context: KhoosheContext,
    record: T | None,
    clusters: Callable[[T], set[str]],
    what: str,
) -> T | None:
    """The `record` a staff button names, if there is one and its `clusters` are all this
    person's (staff: every cluster); otherwise the press answered («expired», or «denied» and
    logged as `what`) and None."""
    if record is None:
        await answer(update, context.t("button-expired"), alert=True)
        return None
    user = update.effective_user
    assert user is not None
    if not (await access_of(context, user.id)).covers_clusters(clusters(record)):
        log.warning("%s: outside the clusters of user %s", what, user.id)
        await answer(update, context.t("access-denied"), alert=True)
        return None
    return record


def private_command(command: str, callback: Handler) -> CommandHandler[Any, Any]:
    """A member's or staff member's own command: answered in the private chat only (in a group
    start_in_group points there, as what it shows is theirs)."""
    return CommandHandler(command, callback, filters=filters.ChatType.PRIVATE)


def add_presses(app: Application, *presses: tuple[Button, Handler]) -> None:
    """Install each (button family, handler): the handler answers presses of that family
    (its pattern from bot/callbacks.py)."""
    for family, handler in presses:
        app.add_handler(CallbackQueryHandler(handler, pattern=family.pattern()))


async def pressed_word(
    update: Update, context: KhoosheContext, family: Button, allowed: Collection[str]
) -> str | None:
    """The word a press of `family` carries (a field, a category, a language), the press
    answered; one not in `allowed` (forged, or from an older version of the list): None, the
    press answered «expired»."""
    query = update.callback_query
    assert query is not None
    value = str((family.unpack(query.data) or ("",))[0])
    if value not in allowed:
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    return value


def chat_id_of(update: Update) -> int:
    """The id of the chat the update came from (every handler here has one)."""
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def send(
    update: Update,
    context: KhoosheContext,
    text: str,
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None = None,
) -> Message:
    """Send `text` (and its keyboard) to the chat the update came from."""
    return await context.bot.send_message(chat_id_of(update), text, reply_markup=markup)


async def send_choices(
    update: Update, context: KhoosheContext, text: str, choices: Sequence[tuple[str, str]]
) -> None:
    """A menu (a status, a category, a filter…): `text` over its (label, callback data)
    buttons, two a row, as a new message in the chat the update came from."""
    buttons = [InlineKeyboardButton(label, callback_data=data) for label, data in choices]
    await send(update, context, text, InlineKeyboardMarkup(rows(buttons, 2)))


def button(t: Texts, label: str, data: str) -> InlineKeyboardButton:
    """An inline button: its label's message id and its callback data (from bot/callbacks.py)."""
    return text_button(t.label(label), data)


def text_button(label: str, data: str) -> InlineKeyboardButton:
    """An inline button whose label is already in the reader's words (a name, a number, a
    label filled in with values)."""
    return InlineKeyboardButton(label, callback_data=data)


def inline(t: Texts, *lines: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Inline buttons line by line, each (label message id, callback data)."""
    return InlineKeyboardMarkup(
        [[button(t, label, data) for label, data in line] for line in lines]
    )


def rows(
    buttons: Sequence[InlineKeyboardButton], per_row: int = 2
) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out `per_row` to a row."""
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def paged(
    t: Texts,
    items: Sequence[tuple[str, str]],
    page: int,
    page_data: Callable[[int], str],
    extra: Sequence[InlineKeyboardButton] = (),
    per_row: int = 2,
) -> InlineKeyboardMarkup:
    """(label, callback data) items on pages of PAGE_SIZE, with previous/next buttons whose
    data `page_data` makes from the page number."""
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    chunk = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    keyboard = rows(
        [InlineKeyboardButton(label, callback_data=data) for label, data in chunk], per_row
    )
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(
                InlineKeyboardButton(t.label("button-previous"), callback_data=page_data(page - 1))
            )
        nav.append(
            InlineKeyboardButton(
                t.label("page-of", page=page + 1, pages=pages),
                callback_data=page_data(page),
            )
        )
        if page < pages - 1:
            nav.append(
                InlineKeyboardButton(t.label("button-next"), callback_data=page_data(page + 1))
            )
        keyboard.append(nav)
    if extra:
        keyboard.extend(rows(list(extra), per_row))
    return InlineKeyboardMarkup(keyboard)


MENU_IDS = (
    "menu-report",
    "menu-my-reports",
    "menu-offerings",
    "menu-profile",
    "menu-help",
    "menu-staff",
    "menu-consult",
)


def main_menu(t: Texts, access: Access | None) -> ReplyKeyboardMarkup:
    """The member's main menu; entries for features not built yet are not shown."""
    keyboard = [
        [KeyboardButton(t.label("menu-report")), KeyboardButton(t.label("menu-my-reports"))],
        [KeyboardButton(t.label("menu-offerings")), KeyboardButton(t.label("menu-consult"))],
        [KeyboardButton(t.label("menu-profile")), KeyboardButton(t.label("menu-help"))],
    ]
    if access is not None and access.is_staff_side:
        keyboard.append([KeyboardButton(t.label("menu-staff"))])
    return ReplyKeyboardMarkup(keyboard, resize_keyboard=True)


def contact_keyboard(t: Texts) -> ReplyKeyboardMarkup:
    """Share-my-number button (the only way to prove the number is the member's own)."""
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(t.label("button-share-phone"), request_contact=True)],
            [KeyboardButton(t.label("button-cancel"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


async def retire_buttons(update: Update, context: KhoosheContext, message_id: int | None) -> None:
    """Take the buttons off an earlier question, so an old list cannot be tapped later."""
    chat, query = update.effective_chat, update.callback_query
    if message_id is None or chat is None:
        return
    if query is not None and query.message is not None and query.message.message_id == message_id:
        return  # the pressed message is being replaced by the choice anyway
    try:
        await context.bot.edit_message_reply_markup(chat.id, message_id, reply_markup=None)
    except TelegramError as exc:  # too old, or already without buttons: harmless
        log.info("old question kept its buttons (%s)", exc.__class__.__name__)


async def replace_pressed(update: Update, text: str) -> None:
    """Replace the message whose button was pressed by `text` (and so drop its buttons)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_text(text)
    except TelegramError as exc:  # unchanged or too old: not worth failing over
        log.info("pressed message not replaced (%s)", exc.__class__.__name__)


async def answer(update: Update, text: str | None = None, alert: bool = False) -> None:
    """Answer the pressed button (a popup when `alert`); an old query is not worth failing on."""
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=alert)
        except TelegramError as exc:
            log.info("callback not answered (%s)", exc.__class__.__name__)


async def show_card(
    update: Update, context: KhoosheContext, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Edit the pressed message into `text`; send a new one when that is impossible (Bale's
    edits of messages with buttons are reported unreliable; a typed answer or a menu button
    has no pressed message)."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except TelegramError as exc:
            if "not modified" in str(exc).lower():
                return
            log.info("card not edited (%s); sending anew", exc.__class__.__name__)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text, reply_markup=markup)
