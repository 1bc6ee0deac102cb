"""Cross-cutting steps that run once per update, before any feature handler."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.context import KhoosheContext
from storage.members import get_member, set_status

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
        return
    allowed, warn = context.state.flood.check(user.id)
    if not allowed:
        await _throttled(update, context, warn, user.id)
        raise ApplicationHandlerStop
    member = await get_member(context.db, context.platform, user.id)
    context.member = member
    if member is not None:
        context.t = context.texts_for(member.language)
        if member.status == "blocked":
            # They wrote to us, so they unblocked the bot: deliver to them again.
            await set_status(context.db, context.platform, user.id, "active")


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
