"""The one error handler: log it, apologise to the member, tell the admins (rate-limited)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from telegram import Update
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import Application, CallbackContext, ExtBot

from bot.context import KhoosheApplication, KhoosheContext
from storage.members import set_status

log = logging.getLogger(__name__)


async def on_error(update: object, context: CallbackContext) -> None:
    """Handle any exception raised while processing an update."""
    assert isinstance(context, KhoosheContext)
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    user = update.effective_user if isinstance(update, Update) else None
    chat = update.effective_chat if isinstance(update, Update) else None
    if isinstance(error, InvalidToken):
        # Our token was refused, not the member's doing: the runtime stops this platform and
        # tells the admins on the other one; an apology or alert here would be refused too.
        log.info("update %s: not handled, the token was refused", update_id)
        return
    if (
        isinstance(error, Forbidden)
        and user is not None
        and chat is not None
        and chat.id == user.id
    ):
        # The member blocked the bot: nothing to say to them; stop sending them broadcasts.
        log.info("user %s blocked the bot on %s", user.id, context.platform)
        await set_status(context.db, context.platform, user.id, "blocked")
        return
    # Only the update id and the exception: update contents may hold phone numbers.
    log.error("update %s failed", update_id, exc_info=error)
    # A lost connection would lose the apology too (BadRequest is a NetworkError subclass in
    # PTB, so test the exact class): apologise for everything else.
    unreachable = type(error) is NetworkError or isinstance(error, TimedOut)
    if chat is not None and not unreachable:
        if isinstance(update, Update) and update.callback_query is not None:
            # Usually answered already by the handler; a second answer fails, harmlessly.
            with suppress(TelegramError):
                await update.callback_query.answer()
        try:
            await context.bot.send_message(chat.id, context.t("error-apology"))
        except TelegramError as exc:
            log.info("apology not delivered (%s)", exc.__class__.__name__)
    await _alert_admins(context, update_id, error)


async def _alert_admins(
    context: KhoosheContext, update_id: int | None, error: BaseException | None
) -> None:
    if not context.state.admin_alerts.allow():
        return
    name = error.__class__.__name__ if error else "?"
    t = context.texts_for("fa")
    admins = context.settings.admins.get(context.platform, frozenset())
    text = t("error-admin-alert", error=name, update=update_id or "—")
    await send_alert(context.bot, admins, text)


async def send_alert(bot: ExtBot[Any], admins: Iterable[int], text: str) -> None:
    """Send an alert to each admin; one who cannot be reached does not stop the others."""
    for admin_id in admins:
        try:
            await bot.send_message(admin_id, text)
        except TelegramError as exc:
            log.info("admin alert not delivered (%s)", exc.__class__.__name__)


def register(app: Application) -> None:
    """Install the error handler."""
    assert isinstance(app, KhoosheApplication)
    app.add_error_handler(on_error)
