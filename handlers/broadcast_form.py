"""/broadcast: staff compose an announcement, pick its audience (handlers/audience.py),
preview it and send it now or schedule it.

Delivery is not done here: a confirmed broadcast goes to the outbox (bot/services/outbox.py).
Every button is checked on the server: the role through bot/roles.py, and a cluster agent's
audience against their own clusters, whatever the (forgeable) callback data says. The form's
steps are put together, with /scheduled's rescheduling step, in handlers/broadcasts.py.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, actor, requires
from bot.services.delivery import Content, send_content
from bot.text import MESSAGE_MAX, utf16_len
from handlers.audience import AudiencePicker
from handlers.form_steps import typed_moment, ways_out
from handlers.keyboards import answer, chat_id_of, inline, replace_pressed, show_card
from handlers.when_input import off_day_line
from storage.outbox import NewBroadcast, count_audience

FORM = "broadcast_form"
COMPOSE, AUDIENCE, PREVIEW, WHEN, CONFIRM_TIME, RESCHEDULE = (
    "compose",
    "audience",
    "preview",
    "when",
    "confirm_time",
    "reschedule",
)
MAX_CAPTION = 1024


PICKER = AudiencePicker(
    form=FORM,
    step=AUDIENCE,
    draft_key="broadcast",
    buttons=cb.BROADCAST_PICKER,
    cancel=cb.BROADCAST_CANCEL_FORM,
)


def draft_of(context: KhoosheContext) -> dict[str, Any]:
    return PICKER.draft(context)


# --- composing ---------------------------------------------------------------------------------


@requires(Role.CLUSTER_AGENT)
async def start(update: Update, context: KhoosheContext) -> str:
    """/broadcast: ask for the message, or go back to the one written before the form timed
    out (or was left for the menu)."""
    assert context.user_data is not None
    kept = context.user_data.get("broadcast") or {}
    if kept.get("body") or kept.get("file_id"):
        await context.bot.send_message(chat_id_of(update), context.t("broadcast-resume"))
        return await PICKER.show(update, context)
    context.user_data["broadcast"] = {"key": uuid.uuid4().hex}
    await context.save_form_now(FORM, COMPOSE)
    await context.bot.send_message(chat_id_of(update), context.t("broadcast-ask-message"))
    return COMPOSE


async def on_text(update: Update, context: KhoosheContext) -> str:
    """The announcement as text."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    # The length that will be sent: on Bale, escaping can make the text longer.
    length = utf16_len(context.t.escape(text))
    if length > MESSAGE_MAX:
        await update.message.reply_text(
            context.t("broadcast-too-long", length=length, limit=MESSAGE_MAX)
        )
        return COMPOSE
    if not text.strip():
        await update.message.reply_text(context.t("broadcast-empty"))
        return COMPOSE
    draft_of(context).update(body=text, media_kind=None, file_id=None, media_name=None)
    return await PICKER.show(update, context)


async def on_media(update: Update, context: KhoosheContext) -> str:
    """The announcement as one photo or one document, with an optional caption."""
    message = update.message
    assert message is not None
    caption = message.caption or ""
    length = utf16_len(context.t.escape(caption))  # as sent (see on_text)
    if length > MAX_CAPTION:
        await message.reply_text(
            context.t("broadcast-caption-too-long", length=length, limit=MAX_CAPTION)
        )
        return COMPOSE
    if message.photo:
        kind, file_id, name = "photo", message.photo[-1].file_id, None
    else:
        assert message.document is not None
        kind, file_id, name = "document", message.document.file_id, message.document.file_name
    draft_of(context).update(body=caption, media_kind=kind, file_id=file_id, media_name=name)
    return await PICKER.show(update, context)


async def on_unsupported(update: Update, context: KhoosheContext) -> str:
    """Stickers, voice notes, albums' extra parts, locations…: not an announcement."""
    assert update.message is not None
    await update.message.reply_text(context.t("broadcast-unsupported"))
    return COMPOSE


def _content(draft: dict[str, Any]) -> Content:
    return Content(
        body=draft.get("body", ""),
        media_kind=draft.get("media_kind"),
        media=draft.get("file_id"),
        media_name=draft.get("media_name"),
    )


async def on_continue(update: Update, context: KhoosheContext) -> str:
    """Audience chosen: send the preview, exactly as members will see it, and ask."""
    text, _, count = await PICKER.card(update, context)
    if count == 0:
        await answer(update, context.t("broadcast-nobody"), alert=True)
        return AUDIENCE
    await answer(update)
    await show_card(update, context, text, None)  # the card stays as a record, without buttons
    draft = draft_of(context)
    await context.save_form_now(FORM, PREVIEW)
    await send_content(
        context.bot, context.platform, chat_id_of(update), _content(draft), context.t
    )
    await _preview_card(update, context, count)
    return PREVIEW


async def _preview_card(update: Update, context: KhoosheContext, count: int) -> None:
    t = context.t
    markup = inline(
        t,
        [
            ("broadcast-button-send-now", cb.BROADCAST_SEND_NOW.pack()),
            ("broadcast-button-schedule", cb.BROADCAST_SCHEDULE.pack()),
        ],
        [
            ("broadcast-button-audience", cb.BROADCAST_AUDIENCE.pack()),
            ("button-cancel", cb.BROADCAST_CANCEL_FORM.pack()),
        ],
    )
    await context.bot.send_message(
        chat_id_of(update), t("broadcast-preview-card", count=count), reply_markup=markup
    )


async def on_change_audience(update: Update, context: KhoosheContext) -> str:
    """From the preview back to the audience."""
    await answer(update)
    return await PICKER.show(update, context)


async def on_send_now(update: Update, context: KhoosheContext) -> str | int:
    """Send it now (the preview and its count were the confirmation)."""
    return await _submit(update, context, datetime.now(UTC))


async def on_ask_when(update: Update, context: KhoosheContext) -> str:
    """Ask for the date and time to send at."""
    await answer(update)
    await context.save_form_now(FORM, WHEN)
    await show_card(
        update,
        context,
        context.t("broadcast-ask-when", example=context.t.label("when-example")),
        None,
    )
    return WHEN


async def typed_when(update: Update, context: KhoosheContext, step: str) -> datetime | None:
    """The moment typed (or completed by a «صبح»/«عصر» press); None when it was refused and
    answered, the form staying on `step` (saved, with the text kept for the question)."""
    return await typed_moment(update, context, draft_of(context), FORM, step)


async def on_when(update: Update, context: KhoosheContext) -> str:
    """A typed date and time: understood and in the future, or the same question again; a
    Friday or a holiday is named in the confirmation."""
    moment = await typed_when(update, context, WHEN)
    if moment is None:
        return WHEN
    draft = draft_of(context)
    draft["send_at"] = moment.isoformat()
    count = await PICKER.count(update, context)
    t = context.t
    markup = inline(
        t,
        [("broadcast-button-confirm-schedule", cb.BROADCAST_CONFIRM_SCHEDULE.pack())],
        [
            ("broadcast-button-other-time", cb.BROADCAST_SCHEDULE.pack()),
            ("button-cancel", cb.BROADCAST_CANCEL_FORM.pack()),
        ],
    )
    await context.save_form_now(FORM, CONFIRM_TIME)
    text = t("broadcast-confirm-schedule", when=t.datetime(moment), count=count)
    warning = off_day_line(context, moment)
    await context.bot.send_message(
        chat_id_of(update),
        f"{warning}\n\n{text}" if warning is not None else text,
        reply_markup=markup,
    )
    return CONFIRM_TIME


async def on_confirm_schedule(update: Update, context: KhoosheContext) -> str | int:
    """The scheduled time confirmed: store it (it is checked again for being ahead)."""
    draft = draft_of(context)
    send_at = datetime.fromisoformat(draft["send_at"])
    if send_at <= datetime.now(UTC):
        await answer(update)
        await replace_pressed(
            update, context.t("when-error-past", example=context.t.label("when-example"))
        )
        await context.save_form_now(FORM, WHEN)
        return WHEN
    return await _submit(update, context, send_at)


async def _submit(update: Update, context: KhoosheContext, send_at: datetime) -> str | int:
    """Hand the confirmed broadcast to the outbox (a double tap finds the first one)."""
    draft = draft_of(context)
    audience = await PICKER.audience(update, context)
    if audience is None or "key" not in draft:
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return AUDIENCE
    outbox = context.state.outbox
    count = await count_audience(context.db, audience, outbox.platforms)
    if count == 0:
        await answer(update, context.t("broadcast-nobody"), alert=True)
        return await PICKER.show(update, context)
    await answer(update)
    user = update.effective_user
    assert user is not None
    new = NewBroadcast(
        created_by=actor(context, user.id),
        owner_platform=context.platform.value,
        owner_chat_id=chat_id_of(update),
        owner_lang=context.t.lang,
        body=draft.get("body", ""),
        audience=audience,
        send_at=send_at,
        dedupe_key=draft["key"],
        media_kind=draft.get("media_kind"),
        media_file_id=draft.get("file_id"),
        media_name=draft.get("media_name"),
    )
    broadcast, _ = await outbox.submit(new)
    assert context.user_data is not None
    context.user_data.pop("broadcast", None)
    t = context.t
    if broadcast.status == "scheduled":
        text = t(
            "broadcast-scheduled",
            number=t.digits(broadcast.number),
            when=t.datetime(broadcast.send_at),
        )
    else:
        text = t("broadcast-sending", number=t.digits(broadcast.number), count=count)
    await show_card(update, context, text, None)
    return ConversationHandler.END


# Cancel drops the draft and says so (on the pressed card, with the menu, or plainly to staff
# who are not members); a menu button drops it and does what it says.
cancel, leave_for_menu = ways_out("broadcast", "broadcast-cancelled")


async def on_use_buttons(update: Update, context: KhoosheContext) -> None:
    """Typing where a button is expected: stay on the step."""
    assert update.message is not None
    await update.message.reply_text(context.t("broadcast-use-buttons"))
