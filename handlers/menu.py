"""Main menu, /help, /cancel outside a form, and the catch-alls that keep nobody in silence."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import KhoosheApplication, KhoosheContext
from bot.roles import Role, access_of
from handlers import offerings, profile, triage
from handlers.keyboards import MENU_IDS, main_menu

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Buttons:
    """Filters matching the reply-keyboard buttons in every language."""

    menu: filters.BaseFilter
    cancel: filters.BaseFilter


def label_filter(app: Application, msg_id: str) -> filters.BaseFilter:
    """A filter for one reply-keyboard button, in every language."""
    assert isinstance(app, KhoosheApplication)
    locales = app.state.locales
    return filters.Text([locales.translator(lang)(msg_id) for lang in locales.languages])


def buttons(app: Application) -> Buttons:
    """Build the button filters from the loaded locales."""
    assert isinstance(app, KhoosheApplication)
    locales = app.state.locales
    labels = [locales.translator(lang) for lang in locales.languages]
    return Buttons(
        menu=filters.Text([t(msg_id) for t in labels for msg_id in MENU_IDS]),
        cancel=filters.Text([t("button-cancel") for t in labels]),
    )


async def show_menu(update: Update, context: KhoosheContext, key: str, **kwargs: object) -> None:
    """Send `key` with the main menu keyboard (or, for strangers, the way to register)."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if context.member is None:
        await context.bot.send_message(
            chat.id, context.t("not-registered-hint"), reply_markup=ReplyKeyboardRemove()
        )
        return
    access = await access_of(context, user.id)
    await context.bot.send_message(
        chat.id, context.t(key, **kwargs), reply_markup=main_menu(context.t, access)
    )


async def on_menu_button(update: Update, context: KhoosheContext) -> None:
    """A main-menu button was tapped."""
    assert update.message is not None and update.message.text is not None
    label = update.message.text
    t = context.t
    if context.member is None:
        await show_menu(update, context, "not-registered-hint")
    elif label == t.label("menu-offerings"):
        await offerings.show_list(update, context)
    elif label == t.label("menu-profile"):
        await profile.send_profile(update, context)
    elif label == t.label("menu-help"):
        await help_command(update, context)
    elif label == t.label("menu-staff"):
        await staff_help(update, context)
    else:  # a button from the other language's keyboard
        await show_menu(update, context, "menu-choose")


async def help_command(update: Update, context: KhoosheContext) -> None:
    """/help: what the bot can do for this person (staff see their commands even unregistered)."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if context.member is not None:
        await show_menu(update, context, "help-member")
    elif not access.is_staff_side:
        await show_menu(update, context, "not-registered-hint")
    if access.is_staff_side:
        await staff_help(update, context)


async def staff_help(update: Update, context: KhoosheContext) -> None:
    """The staff commands this user may use."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    access = await access_of(context, user.id)
    if access.has(Role.ADMIN):
        await context.bot.send_message(chat.id, context.t("help-admin"))
    elif access.is_staff_side:
        await context.bot.send_message(chat.id, context.t("help-staff"))
    else:
        await show_menu(update, context, "menu-choose")


async def cancel_outside(update: Update, context: KhoosheContext) -> None:
    """/cancel when nothing is in progress."""
    await show_menu(update, context, "nothing-to-cancel")


async def start_in_group(update: Update, context: KhoosheContext) -> None:
    """/start in a group: registration is private."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("private-only"))


async def fallback_message(update: Update, context: KhoosheContext) -> None:
    """Anything no feature understood: a hint and the menu, never silence.

    Staff replies to report cards arrive here too, being last in order: a reply can only be
    told apart from any other message by looking the replied-to card up in the database, and
    no form or menu step may lose a member's message to that lookup.
    """
    if await triage.relay_card_reply(update, context):
        return
    chat = update.effective_chat
    if chat is None or chat.type != chat.PRIVATE:
        return
    await show_menu(update, context, "menu-choose")


async def stale_button(update: Update, context: KhoosheContext) -> None:
    """A button from an old message, or one whose step has passed."""
    query = update.callback_query
    assert query is not None
    await query.answer(context.t("button-expired"), show_alert=True)


def register_menu(app: Application) -> None:
    """Install /help, menu buttons and /cancel (after the form, which handles its own)."""
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("help", help_command, filters=private))
    app.add_handler(CommandHandler("cancel", cancel_outside, filters=private))
    # In groups the member-facing commands only point to the private chat: a profile card
    # there would show a member's phone number to everyone.
    app.add_handler(
        CommandHandler(["start", "profile", "help", "cancel"], start_in_group, filters=~private)
    )
    app.add_handler(MessageHandler(buttons(app).menu & filters.ChatType.PRIVATE, on_menu_button))
    app.add_handler(MessageHandler(buttons(app).cancel & filters.ChatType.PRIVATE, cancel_outside))


def register_fallbacks(app: Application) -> None:
    """Install the catch-alls; they must come after every feature."""
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_handler(MessageHandler(filters.ALL, fallback_message))  # ignores groups itself
