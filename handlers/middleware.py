"""Cross-cutting steps that run once per update, before any feature handler."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Chat, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.callbacks import Where, family_of
from bot.context import KhoosheContext
from bot.roles import access_of, press_refusal
from storage.cores import is_core_chat
from storage.members import get_member, get_member_with_grant, set_status, use_address

log = logging.getLogger(__name__)

# Runs before the features (group 0) and before nothing else: it may stop the update.
GROUP = -1


async def prepare(update: Update, context: KhoosheContext) -> None:
    """Throttle floods, load the member and pick their language."""
    if update.edited_message is not None or update.edited_channel_post is not None:
        # An edit is not a new answer: a form would take it for the next step's value.
        raise ApplicationHandlerStop
    user = update.effective_user
    if user is None or user.is_bot:
        if update.callback_query is not None:
            raise ApplicationHandlerStop  # no person pressed it: nothing to check it against
        return
    allowed, warn = context.state.flood.check(user.id)
    if not allowed:
        await _throttled(update, context, warn, user.id)
        raise ApplicationHandlerStop
    member, context.grant = await get_member_with_grant(context.db, context.platform, user.id)
    chat = update.effective_chat
    # A linked member is reached where they used the bot last (unless they chose).
    private = chat is not None and chat.type == Chat.PRIVATE
    if (
        member is not None
        and private
        and chat is not None
        and await use_address(context.db, member, context.platform, user.id, chat.id)
    ):
        member = await get_member(context.db, context.platform, user.id)
    context.member = member
    if member is None:
        # Not a member yet: the language chosen under the registration's welcome, if any.
        language = _registration_language(context)
        if language is not None:
            context.t = context.texts_for(language)
    else:
        context.t = context.texts_for(member.language)
        if member.status == "blocked":
            # They wrote to us, so they unblocked the bot: deliver to them again.
            await set_status(context.db, context.platform, user.id, "active")
    if update.callback_query is not None:
        await _check_press(update.callback_query, context, user.id)


def _registration_language(context: KhoosheContext) -> str | None:
    """The language picked under the welcome of a registration under way (onboarding.py)."""
    form = context.user_data.get("form") if context.user_data is not None else None
    if not isinstance(form, dict) or form.get("mode") != "register":
        return None
    draft = form.get("draft")
    language = draft.get("language") if isinstance(draft, dict) else None
    return language if isinstance(language, str) else None


async def _check_press(query: CallbackQuery, context: KhoosheContext, user_id: int) -> None:
    """Let a press through only if its data is a declared button, well formed, on the message
    it claims to be pressed on, by someone who may press it in this chat. Everything else is
    answered here and goes no further: no feature handler sees a forged or junk press."""
    family = family_of(query.data)
    if family is None or family.unpack(query.data) is None:
        log.info("malformed button from user %s on %s", user_id, context.platform)
        await _answer(query, context.t("button-expired"))
        raise ApplicationHandlerStop
    chat = query.message.chat if query.message is not None else None
    private = chat is not None and chat.type == Chat.PRIVATE
    staff_chat = chat is not None and chat.id == context.settings.staff_chat_id(context.platform)
    access = await access_of(context, user_id)
    # An advisory core's group: looked up only for the buttons that may be pressed there.
    core_chat = (
        family.where is Where.CORE_CHATS
        and chat is not None
        and not private
        and await is_core_chat(context.db, context.platform.value, chat.id)
    )
    refusal = press_refusal(
        access, family, private=private, staff_chat=staff_chat, core_chat=core_chat
    )
    if refusal is not None:
        log.warning(
            "refused button %s to user %s on %s (private=%s)",
            family.prefix,
            user_id,
            context.platform,
            private,
        )
        await _answer(query, context.t(refusal))
        raise ApplicationHandlerStop
    if not _on_message(query):
        # A button the message no longer has (a double tap after it changed) or never had.
        log.info("button %s not on its message (user %s)", family.prefix, user_id)
        await _answer(query, context.t("button-expired"))
        raise ApplicationHandlerStop


def _on_message(query: CallbackQuery) -> bool:
    """Is the pressed data one of the buttons of the message it was pressed on? A forged press
    names any message; the message the platform attaches shows its real buttons. A message
    the platform cannot show (Telegram: older than 48 hours) or one attached without its
    buttons (Bale may leave them out) proves nothing either way: the chat and role checks
    above, and the handler's own, still apply."""
    message = query.message
    if message is None or not message.is_accessible:
        return True
    markup = getattr(message, "reply_markup", None)
    if markup is None:
        return True
    return any(
        button.callback_data == query.data for row in markup.inline_keyboard for button in row
    )


async def _answer(query: CallbackQuery, text: str) -> None:
    try:
        await query.answer(text, show_alert=True)
    except TelegramError as exc:  # an old query: the press is refused all the same
        log.info("refused press not answered (%s)", exc.__class__.__name__)


async def _throttled(update: Update, context: KhoosheContext, warn: bool, user_id: int) -> None:
    """One polite notice per flood, in private; the rest is dropped quietly."""
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(context.t("flood-notice") if warn else None)
        elif warn and update.effective_chat is not None and update.effective_chat.id == user_id:
            await context.bot.send_message(update.effective_chat.id, context.t("flood-notice"))
    except TelegramError as exc:
        log.info("flood notice not delivered (%s)", exc.__class__.__name__)


def register(app: Application) -> None:
    """Install the per-update preparation step."""
    app.add_handler(TypeHandler(Update, prepare), group=GROUP)
