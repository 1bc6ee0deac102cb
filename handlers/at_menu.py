"""What a member sends in private outside any form, before it is offered as a new problem.

Installed after every feature and the menu, just before the catch-alls (handlers/menu.py), so
an open form still takes its own messages first. In order:
1. a staff reply to a report card (an agent's private chat holds cards too) is relayed;
2. a member's reply to a bot message naming one of their reports (a staff answer, a status
   notice) is a follow-up on that report (handlers/report_followup.py);
3. a tracking code typed on its own («۵۸۲۷۸۶», «کد پیگیری ۵۸۲۷۸۶») is tracked as /track does;
4. anything else is the catch-all's: the words offered as a report, or the menu.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.context import KhoosheContext
from bot.services.reports import typed_code
from handlers import menu, report_followup, reports, triage


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A private message no form or menu button took."""
    if await triage.relay_card_reply(update, context):
        return
    if context.member is not None:
        if await report_followup.on_reply(update, context):
            return
        text = update.message.text if update.message is not None else None
        code = typed_code(text) if text else None
        if code is not None:
            await reports.track_code(update, context, code)
            return
    await menu.answer_loose(update, context)


def register(app: Application) -> None:
    """Install the step (after the menu's handlers, before its catch-alls)."""
    words = filters.ChatType.PRIVATE & ~filters.COMMAND & (filters.TEXT | menu.MEDIA)
    app.add_handler(MessageHandler(words, on_message))
