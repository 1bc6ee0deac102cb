"""Announcements: the broadcast form (handlers/broadcast_form.py) and /scheduled
(handlers/scheduled.py) put together, and the buttons under a sent broadcast: its
undelivered list for the sender, "no more announcements" for members.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.services.outbox import REPORTED
from handlers import broadcast_form as compose
from handlers import forms, menu, profile, scheduled
from handlers.broadcast_form import (
    AUDIENCE,
    COMPOSE,
    CONFIRM_TIME,
    FORM,
    PICKER,
    PREVIEW,
    RESCHEDULE,
    WHEN,
)
from handlers.keyboards import chat_id_of, private_command
from handlers.tables import export_pressed, send_columns
from storage.outbox import Broadcast, undelivered

# The undelivered list's columns, in sheet order ("tried": when the bot gave up).
FAILED_COLUMNS = ("name", "company", "cluster", "platform", "phone", "status", "error", "tried")


@scheduled.sent_broadcast_button
async def on_failed_list(update: Update, context: KhoosheContext, broadcast: Broadcast) -> None:
    """The delivery report's button: who did not get it, as a spreadsheet."""
    t = context.t
    recipients = await undelivered(context.db, broadcast.id)
    table = await export_pressed(
        update,
        context,
        recipients,
        "broadcast-failed-none",
        lambda r, cluster: (
            r.name,
            r.company,
            cluster,
            t.label(f"platform-{r.platform}"),
            r.phone,
            t.label(f"delivery-status-{r.status}"),
            r.error or "",
            r.tried_at,
        ),
    )
    if table is None:
        return
    await send_columns(
        context,
        chat_id_of(update),
        FAILED_COLUMNS,
        table,
        labels="failed-col-",
        dated="tried",
        filename=f"broadcast-{broadcast.id}-undelivered.xlsx",
        caption=t(
            f"{REPORTED[broadcast.kind]}-failed-list-caption",
            number=t.digits(broadcast.number),
            title=str(broadcast.template.args.get("title", "")) if broadcast.template else "",
            count=len(recipients),
        ),
    )


async def on_opt_out(update: Update, context: KhoosheContext) -> None:
    """A member's "no more announcements" button under a broadcast."""
    await profile.opt_out(update, context, "announcements")


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The broadcast form's ConversationHandler."""
    buttons = menu.buttons(app)
    text, other = buttons.text, buttons.other
    states: dict[object, list[Any]] = {
        COMPOSE: [
            MessageHandler(text, compose.on_text),
            MessageHandler(filters.PHOTO | filters.Document.ALL, compose.on_media),
            MessageHandler(other, compose.on_unsupported),
        ],
        AUDIENCE: [
            *PICKER.handlers(),
            CallbackQueryHandler(compose.on_continue, pattern=cb.BROADCAST_CONTINUE.pattern()),
        ],
        PREVIEW: [
            CallbackQueryHandler(compose.on_send_now, pattern=cb.BROADCAST_SEND_NOW.pattern()),
            CallbackQueryHandler(compose.on_ask_when, pattern=cb.BROADCAST_SCHEDULE.pattern()),
            CallbackQueryHandler(
                compose.on_change_audience, pattern=cb.BROADCAST_AUDIENCE.pattern()
            ),
        ],
        WHEN: [
            MessageHandler(text, compose.on_when),
            CallbackQueryHandler(compose.on_when, pattern=cb.WHEN_HALF.pattern()),
        ],
        CONFIRM_TIME: [
            CallbackQueryHandler(
                compose.on_confirm_schedule, pattern=cb.BROADCAST_CONFIRM_SCHEDULE.pattern()
            ),
            CallbackQueryHandler(compose.on_ask_when, pattern=cb.BROADCAST_SCHEDULE.pattern()),
        ],
        RESCHEDULE: [
            MessageHandler(text, scheduled.on_new_time),
            CallbackQueryHandler(scheduled.on_new_time, pattern=cb.WHEN_HALF.pattern()),
            CallbackQueryHandler(
                scheduled.on_reschedule_day_ok, pattern=cb.BROADCAST_RESCHEDULE_DAY_OK.pattern()
            ),
        ],
    }
    for step in (AUDIENCE, PREVIEW, WHEN, CONFIRM_TIME, RESCHEDULE):
        states[step].append(MessageHandler(other, compose.on_use_buttons))
    return forms.form(
        app,
        FORM,
        entry_points=[
            private_command("broadcast", compose.start),
            CallbackQueryHandler(
                scheduled.on_reschedule, pattern=cb.BROADCAST_RESCHEDULE.pattern()
            ),
        ],
        states=states,
        cancel=compose.cancel,
        cancel_button=cb.BROADCAST_CANCEL_FORM,
        leave_for_menu=compose.leave_for_menu,
        timeout_key="broadcast-form-timeout",
    )


def register(app: Application) -> None:
    """Install /broadcast, /scheduled and the buttons under broadcasts and reports."""
    app.add_handler(build(app))
    app.add_handler(private_command("scheduled", scheduled.scheduled))
    app.add_handler(
        CallbackQueryHandler(scheduled.on_cancel_ask, pattern=cb.BROADCAST_CANCEL.pattern())
    )
    app.add_handler(
        CallbackQueryHandler(scheduled.on_cancel_yes, pattern=cb.BROADCAST_CANCEL_YES.pattern())
    )
    app.add_handler(
        CallbackQueryHandler(scheduled.on_cancel_keep, pattern=cb.BROADCAST_CANCEL_KEEP.pattern())
    )
    app.add_handler(
        CallbackQueryHandler(
            scheduled.on_send_missed_now, pattern=cb.BROADCAST_SEND_MISSED.pattern()
        )
    )
    app.add_handler(
        CallbackQueryHandler(on_failed_list, pattern=cb.BROADCAST_FAILED_LIST.pattern())
    )
    app.add_handler(CallbackQueryHandler(on_opt_out, pattern=cb.ANNOUNCEMENTS_OFF.pattern()))
