"""/broadcast and /scheduled: staff compose an announcement, pick its audience, preview it,
send it now or schedule it; waiting ones can be moved or cancelled.

Delivery is not done here: a confirmed broadcast goes to the outbox (bot/services/outbox.py).
Every button is checked on the server: the role through bot/roles.py, and a cluster agent's
audience against their own clusters, whatever the (forgeable) callback data says.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Role, access_of, actor, requires
from bot.services.delivery import Content, send_content
from bot.text import utf16_len
from handlers import forms, menu
from handlers.audience import AudiencePicker
from handlers.keyboards import answer, replace_pressed, rows, show_card
from handlers.tables import send_table
from handlers.when_input import off_day_line, pressed_when, read_when
from storage.clusters import list_places
from storage.members import update_member
from storage.outbox import (
    WAITING,
    Broadcast,
    NewBroadcast,
    broadcasts_in,
    count_audience,
    get_broadcast,
    undelivered,
)

log = logging.getLogger(__name__)

FORM = "broadcast_form"
COMPOSE, AUDIENCE, PREVIEW, WHEN, CONFIRM_TIME, RESCHEDULE = (
    "compose",
    "audience",
    "preview",
    "when",
    "confirm_time",
    "reschedule",
)
MAX_TEXT = 4096
MAX_CAPTION = 1024
LISTED = 10
BODY_PREVIEW = 120


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


def _last_row(t: Texts) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            t.label("broadcast-button-continue"), callback_data=cb.BROADCAST_CONTINUE.pack()
        ),
        InlineKeyboardButton(
            t.label("button-cancel"), callback_data=cb.BROADCAST_CANCEL_FORM.pack()
        ),
    ]


PICKER = AudiencePicker(
    form=FORM,
    step=AUDIENCE,
    draft_key="broadcast",
    dimension=cb.BROADCAST_DIMENSION,
    toggle=cb.BROADCAST_TOGGLE,
    page=cb.BROADCAST_PAGE,
    back=cb.BROADCAST_BACK,
    everyone=cb.BROADCAST_EVERYONE,
    last_row=_last_row,
)


def _draft(context: KhoosheContext) -> dict[str, Any]:
    return PICKER.draft(context)


# --- composing ---------------------------------------------------------------------------------


@requires(Role.CLUSTER_AGENT)
async def start(update: Update, context: KhoosheContext) -> str:
    """/broadcast: ask for the message, or go back to the one written before the form timed
    out (or was left for the menu)."""
    assert context.user_data is not None
    kept = context.user_data.get("broadcast") or {}
    if kept.get("body") or kept.get("file_id"):
        await context.bot.send_message(_chat_id(update), context.t("broadcast-resume"))
        return await PICKER.show(update, context)
    context.user_data["broadcast"] = {"key": uuid.uuid4().hex}
    await context.save_form_now(FORM, COMPOSE)
    await context.bot.send_message(_chat_id(update), context.t("broadcast-ask-message"))
    return COMPOSE


async def on_text(update: Update, context: KhoosheContext) -> str:
    """The announcement as text."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    # The length that will be sent: on Bale, escaping can make the text longer.
    length = utf16_len(context.t.escape(text))
    if length > MAX_TEXT:
        await update.message.reply_text(
            context.t("broadcast-too-long", length=length, limit=MAX_TEXT)
        )
        return COMPOSE
    if not text.strip():
        await update.message.reply_text(context.t("broadcast-empty"))
        return COMPOSE
    _draft(context).update(body=text, media_kind=None, file_id=None, media_name=None)
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
    _draft(context).update(body=caption, media_kind=kind, file_id=file_id, media_name=name)
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
    draft = _draft(context)
    await context.save_form_now(FORM, PREVIEW)
    await send_content(context.bot, context.platform, _chat_id(update), _content(draft), context.t)
    await _preview_card(update, context, count)
    return PREVIEW


async def _preview_card(update: Update, context: KhoosheContext, count: int) -> None:
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("broadcast-button-send-now"),
                    callback_data=cb.BROADCAST_SEND_NOW.pack(),
                ),
                InlineKeyboardButton(
                    t.label("broadcast-button-schedule"),
                    callback_data=cb.BROADCAST_SCHEDULE.pack(),
                ),
            ],
            [
                InlineKeyboardButton(
                    t.label("broadcast-button-audience"),
                    callback_data=cb.BROADCAST_AUDIENCE.pack(),
                ),
                InlineKeyboardButton(
                    t.label("button-cancel"), callback_data=cb.BROADCAST_CANCEL_FORM.pack()
                ),
            ],
        ]
    )
    await context.bot.send_message(
        _chat_id(update), t("broadcast-preview-card", count=count), reply_markup=markup
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


async def _typed_when(update: Update, context: KhoosheContext, step: str) -> datetime | None:
    """The moment typed (or completed by a «صبح»/«عصر» press); None when it was refused and
    answered, the form staying on `step` (saved, with the text kept for the question)."""
    draft = _draft(context)
    if update.message is not None:
        assert update.message.text is not None
        text: str | None = update.message.text
    else:
        text = await pressed_when(update, context, draft)
    if text is None:
        return None
    when = await read_when(update, context, draft, text)
    if when is None:
        await context.save_form_now(FORM, step)
        return None
    return when.at


async def on_when(update: Update, context: KhoosheContext) -> str:
    """A typed date and time: understood and in the future, or the same question again; a
    Friday or a holiday is named in the confirmation."""
    moment = await _typed_when(update, context, WHEN)
    if moment is None:
        return WHEN
    draft = _draft(context)
    draft["send_at"] = moment.isoformat()
    count = await PICKER.count(update, context)
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("broadcast-button-confirm-schedule"),
                    callback_data=cb.BROADCAST_CONFIRM_SCHEDULE.pack(),
                )
            ],
            [
                InlineKeyboardButton(
                    t.label("broadcast-button-other-time"),
                    callback_data=cb.BROADCAST_SCHEDULE.pack(),
                ),
                InlineKeyboardButton(
                    t.label("button-cancel"), callback_data=cb.BROADCAST_CANCEL_FORM.pack()
                ),
            ],
        ]
    )
    await context.save_form_now(FORM, CONFIRM_TIME)
    text = t("broadcast-confirm-schedule", when=t.datetime(moment), count=count)
    warning = off_day_line(context, moment)
    await context.bot.send_message(
        _chat_id(update),
        f"{warning}\n\n{text}" if warning is not None else text,
        reply_markup=markup,
    )
    return CONFIRM_TIME


async def on_confirm_schedule(update: Update, context: KhoosheContext) -> str | int:
    """The scheduled time confirmed: store it (it is checked again for being ahead)."""
    draft = _draft(context)
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
    draft = _draft(context)
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
        owner_chat_id=_chat_id(update),
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


async def cancel(update: Update, context: KhoosheContext) -> int:
    """Throw the draft away; nothing was sent."""
    await answer(update)
    assert context.user_data is not None
    context.user_data.pop("broadcast", None)
    if update.callback_query is not None:
        await show_card(update, context, context.t("broadcast-cancelled"), None)
    elif context.member is not None:
        await menu.show_menu(update, context, "broadcast-cancelled")
    else:  # staff who are not members have no menu
        await context.bot.send_message(_chat_id(update), context.t("broadcast-cancelled"))
    return ConversationHandler.END


async def leave_for_menu(update: Update, context: KhoosheContext) -> int:
    """A menu button mid-broadcast: the draft is dropped, the button does what it says."""
    assert context.user_data is not None
    context.user_data.pop("broadcast", None)
    await menu.on_menu_button(update, context)
    return ConversationHandler.END


async def on_use_buttons(update: Update, context: KhoosheContext) -> None:
    """Typing where a button is expected: stay on the step."""
    assert update.message is not None
    await update.message.reply_text(context.t("broadcast-use-buttons"))


# --- /scheduled: what is waiting -------------------------------------------------------------


async def _own_or_staff(
    update: Update, context: KhoosheContext, broadcast_id: int
) -> Broadcast | None:
    """The broadcast, if this person made it or is staff; otherwise say so."""
    user = update.effective_user
    assert user is not None
    broadcast = await get_broadcast(context.db, broadcast_id)
    access = await access_of(context, user.id)
    if broadcast is None or broadcast.kind != "announcement":
        await answer(update, context.t("scheduled-not-waiting"), alert=True)
        return None
    if broadcast.created_by != actor(context, user.id) and not access.has(Role.STAFF):
        log.warning("broadcast %s: user %s is not its composer", broadcast_id, user.id)
        await answer(update, context.t("broadcast-not-yours"), alert=True)
        return None
    return broadcast


def _broadcast_id(update: Update) -> int:
    assert update.callback_query is not None
    family = cb.family_of(update.callback_query.data)
    return (family.first_int(update.callback_query.data) if family is not None else None) or 0


def _body_preview(t: Texts, broadcast: Broadcast) -> str:
    body = broadcast.body.replace("\n", " ")
    if len(body) > BODY_PREVIEW:
        body = body[:BODY_PREVIEW] + "…"
    if broadcast.media_kind is not None:
        body = f"{t.label(f'scheduled-media-{broadcast.media_kind}')} {body}".strip()
    return body


@requires(Role.CLUSTER_AGENT)
async def scheduled(update: Update, context: KhoosheContext) -> None:
    """/scheduled: waiting broadcasts (staff: everyone's; agents: their own), with buttons."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    mine = None if access.has(Role.STAFF) else actor(context, user.id)
    waiting = [
        b for b in await broadcasts_in(context.db, WAITING, mine) if b.kind == "announcement"
    ]
    t = context.t
    chat_id = _chat_id(update)
    if not waiting:
        await context.bot.send_message(chat_id, t("scheduled-none"))
        return
    platforms = context.state.outbox.platforms
    for broadcast in waiting[:LISTED]:
        count = await count_audience(context.db, broadcast.audience, platforms)
        key = "scheduled-item-missed" if broadcast.status == "missed" else "scheduled-item"
        buttons = [
            InlineKeyboardButton(
                t.label("scheduled-button-reschedule"),
                callback_data=cb.BROADCAST_RESCHEDULE.pack(broadcast.id),
            ),
            InlineKeyboardButton(
                t.label("scheduled-button-cancel"),
                callback_data=cb.BROADCAST_CANCEL.pack(broadcast.id),
            ),
        ]
        if broadcast.status == "missed":
            buttons.insert(
                0,
                InlineKeyboardButton(
                    t.label("scheduled-button-send-now"),
                    callback_data=cb.BROADCAST_SEND_MISSED.pack(broadcast.id),
                ),
            )
        await context.bot.send_message(
            chat_id,
            t(
                key,
                number=t.digits(broadcast.number),
                when=t.datetime(broadcast.send_at),
                count=count,
                body=_body_preview(t, broadcast),
            ),
            reply_markup=InlineKeyboardMarkup(rows(buttons, 3)),
        )
    if len(waiting) > LISTED:
        await context.bot.send_message(chat_id, t("scheduled-more", count=len(waiting) - LISTED))


@requires(Role.CLUSTER_AGENT)
async def on_cancel_ask(update: Update, context: KhoosheContext) -> None:
    """Cancel asks first: it cannot be undone."""
    broadcast = await _own_or_staff(update, context, _broadcast_id(update))
    if broadcast is None:
        return
    if broadcast.status not in WAITING:
        await answer(update, context.t("scheduled-not-waiting"), alert=True)
        return
    await answer(update)
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("scheduled-button-yes-cancel"),
                    callback_data=cb.BROADCAST_CANCEL_YES.pack(broadcast.id),
                ),
                InlineKeyboardButton(
                    t.label("scheduled-button-keep"),
                    callback_data=cb.BROADCAST_CANCEL_KEEP.pack(broadcast.id),
                ),
            ]
        ]
    )
    await context.bot.send_message(
        _chat_id(update),
        t("scheduled-confirm-cancel", number=t.digits(broadcast.number)),
        reply_markup=markup,
    )


@requires(Role.CLUSTER_AGENT)
async def on_cancel_yes(update: Update, context: KhoosheContext) -> None:
    """Cancel a waiting broadcast."""
    broadcast = await _own_or_staff(update, context, _broadcast_id(update))
    if broadcast is None:
        return
    user = update.effective_user
    assert user is not None
    t = context.t
    if not await context.state.outbox.cancel(broadcast.id, actor(context, user.id)):
        await answer(update, t("scheduled-not-waiting"), alert=True)
        return
    await answer(update)
    await replace_pressed(update, t("scheduled-cancelled", number=t.digits(broadcast.number)))


async def on_cancel_keep(update: Update, context: KhoosheContext) -> None:
    """Keep it after all."""
    await answer(update)
    t = context.t
    broadcast = await get_broadcast(context.db, _broadcast_id(update))
    if broadcast is None:
        await answer(update, t("button-expired"), alert=True)
        return
    await replace_pressed(update, t("scheduled-kept", number=t.digits(broadcast.number)))


@requires(Role.CLUSTER_AGENT)
async def on_send_missed_now(update: Update, context: KhoosheContext) -> None:
    """A broadcast that missed its time: send it now after all."""
    broadcast = await _own_or_staff(update, context, _broadcast_id(update))
    if broadcast is None:
        return
    user = update.effective_user
    assert user is not None
    count = None
    if broadcast.status == "missed":
        count = await context.state.outbox.send_now(broadcast.id, actor(context, user.id))
    if count is None:
        await answer(update, context.t("scheduled-not-waiting"), alert=True)
        return
    await answer(update)
    t = context.t
    await replace_pressed(
        update, t("broadcast-sending", number=t.digits(broadcast.number), count=count)
    )


@requires(Role.CLUSTER_AGENT)
async def on_reschedule(update: Update, context: KhoosheContext) -> str | None:
    """Ask for a waiting broadcast's new time."""
    broadcast = await _own_or_staff(update, context, _broadcast_id(update))
    if broadcast is None:
        return None
    if broadcast.status not in WAITING:
        await answer(update, context.t("scheduled-not-waiting"), alert=True)
        return None
    await answer(update)
    assert context.user_data is not None
    context.user_data["broadcast"] = {"reschedule": broadcast.id}
    await context.save_form_now(FORM, RESCHEDULE)
    t = context.t
    await context.bot.send_message(
        _chat_id(update),
        t(
            "scheduled-ask-when",
            number=t.digits(broadcast.number),
            example=context.t.label("when-example"),
        ),
    )
    return RESCHEDULE


async def on_new_time(update: Update, context: KhoosheContext) -> str | int:
    """The new time for a waiting broadcast; a Friday or a holiday needs a confirm."""
    moment = await _typed_when(update, context, RESCHEDULE)
    if moment is None:
        return RESCHEDULE
    t = context.t
    warning = off_day_line(context, moment)
    if warning is not None:
        _draft(context)["pending_at"] = moment.isoformat()
        await context.save_form_now(FORM, RESCHEDULE)
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t.label("broadcast-button-day-ok"),
                        callback_data=cb.BROADCAST_RESCHEDULE_DAY_OK.pack(),
                    )
                ]
            ]
        )
        await context.bot.send_message(
            _chat_id(update),
            t("scheduled-day-confirm", warning=warning, when=t.datetime(moment)),
            reply_markup=markup,
        )
        return RESCHEDULE
    return await _reschedule(update, context, moment)


async def on_reschedule_day_ok(update: Update, context: KhoosheContext) -> str | int:
    """The new time stays on the Friday or holiday it was warned about."""
    pending = _draft(context).pop("pending_at", None)
    if not isinstance(pending, str):
        await answer(update, context.t("button-expired"), alert=True)
        return RESCHEDULE
    await answer(update)
    await replace_pressed(update, context.t("when-day-kept"))
    return await _reschedule(update, context, datetime.fromisoformat(pending))


async def _reschedule(update: Update, context: KhoosheContext, moment: datetime) -> int:
    """Move the waiting broadcast to `moment` (checked again: it may have been sent)."""
    t = context.t
    broadcast_id = int(_draft(context).get("reschedule", 0))
    user = update.effective_user
    assert user is not None and context.user_data is not None
    context.user_data.pop("broadcast", None)
    # Checked again: the composer (or staff) only, and only while it still waits.
    broadcast = await get_broadcast(context.db, broadcast_id)
    access = await access_of(context, user.id)
    allowed = broadcast is not None and (
        broadcast.created_by == actor(context, user.id) or access.has(Role.STAFF)
    )
    if not allowed or not await context.state.outbox.reschedule(
        broadcast_id, moment, actor(context, user.id)
    ):
        await context.bot.send_message(_chat_id(update), t("scheduled-not-waiting"))
        return ConversationHandler.END
    assert broadcast is not None
    await context.bot.send_message(
        _chat_id(update),
        t("scheduled-rescheduled", number=t.digits(broadcast.number), when=t.datetime(moment)),
    )
    return ConversationHandler.END


# --- after sending ---------------------------------------------------------------------------


# The undelivered list's columns, in sheet order ("tried": when the bot gave up).
FAILED_COLUMNS = ("name", "company", "cluster", "platform", "phone", "status", "error", "tried")


@requires(Role.CLUSTER_AGENT)
async def on_failed_list(update: Update, context: KhoosheContext) -> None:
    """The delivery report's button: who did not get it, as a spreadsheet."""
    # Imported on first use: openpyxl (and numpy under it) is staff-only start-up weight.
    from bot.services.export import Column, table_workbook

    broadcast = await _own_or_staff(update, context, _broadcast_id(update))
    if broadcast is None:
        return
    t = context.t
    recipients = await undelivered(context.db, broadcast.id)
    if not recipients:
        await answer(update, t("broadcast-failed-none"), alert=True)
        return
    await answer(update)
    clusters = {
        p.code: p.name(t.lang) for p in await list_places(context.db, "cluster", active_only=False)
    }
    table = [
        (
            r.name,
            r.company,
            clusters.get(r.cluster_code, r.cluster_code),
            t.label(f"platform-{r.platform}"),
            r.phone,
            t.label(f"delivery-status-{r.status}"),
            r.error or "",
            r.tried_at,
        )
        for r in recipients
    ]
    columns = [
        Column(
            t.label(f"failed-col-{c}"),
            gregorian=t.label(f"failed-col-{c}_gregorian") if c == "tried" else None,
        )
        for c in FAILED_COLUMNS
    ]
    tz = context.settings.tz
    await send_table(
        context.bot,
        _chat_id(update),
        lambda: table_workbook(columns, table, t.lang, tz),
        f"broadcast-{broadcast.id}-undelivered.xlsx",
        t(
            "broadcast-failed-list-caption",
            number=t.digits(broadcast.number),
            count=len(recipients),
        ),
    )


async def on_opt_out(update: Update, context: KhoosheContext) -> None:
    """A member's "no more announcements" button under a broadcast."""
    query = update.callback_query
    assert query is not None
    if context.member is None:
        await query.answer(context.t("not-registered-hint"), show_alert=True)
        return
    await update_member(context.db, context.member.id, announcements=False)
    await query.answer(context.t("broadcast-opted-out"), show_alert=True)


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The broadcast form's ConversationHandler."""
    buttons = menu.buttons(app)
    private = filters.ChatType.PRIVATE
    text = filters.TEXT & ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    states: dict[object, list[Any]] = {
        COMPOSE: [
            MessageHandler(text, on_text),
            MessageHandler(filters.PHOTO | filters.Document.ALL, on_media),
            MessageHandler(other, on_unsupported),
        ],
        AUDIENCE: [
            *PICKER.handlers(),
            CallbackQueryHandler(on_continue, pattern=cb.BROADCAST_CONTINUE.pattern()),
        ],
        PREVIEW: [
            CallbackQueryHandler(on_send_now, pattern=cb.BROADCAST_SEND_NOW.pattern()),
            CallbackQueryHandler(on_ask_when, pattern=cb.BROADCAST_SCHEDULE.pattern()),
            CallbackQueryHandler(on_change_audience, pattern=cb.BROADCAST_AUDIENCE.pattern()),
        ],
        WHEN: [
            MessageHandler(text, on_when),
            CallbackQueryHandler(on_when, pattern=cb.WHEN_HALF.pattern()),
        ],
        CONFIRM_TIME: [
            CallbackQueryHandler(
                on_confirm_schedule, pattern=cb.BROADCAST_CONFIRM_SCHEDULE.pattern()
            ),
            CallbackQueryHandler(on_ask_when, pattern=cb.BROADCAST_SCHEDULE.pattern()),
        ],
        RESCHEDULE: [
            MessageHandler(text, on_new_time),
            CallbackQueryHandler(on_new_time, pattern=cb.WHEN_HALF.pattern()),
            CallbackQueryHandler(
                on_reschedule_day_ok, pattern=cb.BROADCAST_RESCHEDULE_DAY_OK.pattern()
            ),
        ],
    }
    for step in (AUDIENCE, PREVIEW, WHEN, CONFIRM_TIME, RESCHEDULE):
        states[step].append(MessageHandler(other, on_use_buttons))
    return forms.form(
        app,
        FORM,
        entry_points=[
            CommandHandler("broadcast", start, filters=private),
            CallbackQueryHandler(on_reschedule, pattern=cb.BROADCAST_RESCHEDULE.pattern()),
        ],
        states=states,
        cancel=cancel,
        cancel_button=cb.BROADCAST_CANCEL_FORM,
        leave_for_menu=leave_for_menu,
        timeout_key="broadcast-form-timeout",
    )


def register(app: Application) -> None:
    """Install /broadcast, /scheduled and the buttons under broadcasts and reports."""
    app.add_handler(build(app))
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("scheduled", scheduled, filters=private))
    app.add_handler(CallbackQueryHandler(on_cancel_ask, pattern=cb.BROADCAST_CANCEL.pattern()))
    app.add_handler(CallbackQueryHandler(on_cancel_yes, pattern=cb.BROADCAST_CANCEL_YES.pattern()))
    app.add_handler(
        CallbackQueryHandler(on_cancel_keep, pattern=cb.BROADCAST_CANCEL_KEEP.pattern())
    )
    app.add_handler(
        CallbackQueryHandler(on_send_missed_now, pattern=cb.BROADCAST_SEND_MISSED.pattern())
    )
    app.add_handler(
        CallbackQueryHandler(on_failed_list, pattern=cb.BROADCAST_FAILED_LIST.pattern())
    )
    app.add_handler(CallbackQueryHandler(on_opt_out, pattern=cb.ANNOUNCEMENTS_OFF.pattern()))
