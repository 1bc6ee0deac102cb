"""/scheduled: a staff member's waiting broadcasts, to cancel, send now (a missed one) or move
to another time (a step of the broadcast form, put together in handlers/broadcasts.py).

Only the composer, or staff, may touch a broadcast; every press is checked again here.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Role, access_of, actor, deny, requires
from bot.services.outbox import REPORTED
from bot.text import clip
from handlers.broadcast_form import FORM, RESCHEDULE, draft_of, typed_when
from handlers.keyboards import (
    answer,
    button,
    chat_id_of,
    inline,
    replace_pressed,
    rows,
    staff_button,
)
from handlers.when_input import off_day_line
from storage.outbox import WAITING, Broadcast, broadcasts_in, count_audience, get_broadcast

log = logging.getLogger(__name__)

LISTED = 10
BODY_PREVIEW = 120


async def own_or_staff(
    update: Update,
    context: KhoosheContext,
    broadcast_id: int,
    kinds: Collection[str] = ("announcement",),
) -> Broadcast | None:
    """The broadcast (of one of `kinds`), if this person made it or is staff; otherwise say
    so."""
    user = update.effective_user
    assert user is not None
    broadcast = await get_broadcast(context.db, broadcast_id)
    access = await access_of(context, user.id)
    if broadcast is None or broadcast.kind not in kinds:
        await answer(update, context.t("scheduled-not-waiting"), alert=True)
        return None
    if broadcast.created_by != actor(context, user.id) and not access.has(Role.STAFF):
        log.warning("broadcast %s: user %s is not its composer", broadcast_id, user.id)
        await answer(update, context.t("broadcast-not-yours"), alert=True)
        return None
    return broadcast


def pressed_broadcast(update: Update) -> int:
    """The broadcast id the pressed button carries (0 when it carries none)."""
    assert update.callback_query is not None
    family = cb.family_of(update.callback_query.data)
    return (family.first_int(update.callback_query.data) if family is not None else None) or 0


async def _pressed(update: Update, context: KhoosheContext) -> Broadcast | None:
    return await own_or_staff(update, context, pressed_broadcast(update))


async def _pressed_sent(update: Update, context: KhoosheContext) -> Broadcast | None:
    return await own_or_staff(update, context, pressed_broadcast(update), REPORTED)


# A staff button about a broadcast this person made (or any, for staff).
broadcast_button = staff_button(_pressed)
# The same about anything whose composer is sent a delivery report (a survey's invitation too).
sent_broadcast_button = staff_button(_pressed_sent)


def _body_preview(t: Texts, broadcast: Broadcast) -> str:
    body = clip(broadcast.body.replace("\n", " "), BODY_PREVIEW)
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
    chat_id = chat_id_of(update)
    if not waiting:
        await context.bot.send_message(chat_id, t("scheduled-none"))
        return
    platforms = context.state.outbox.platforms
    for broadcast in waiting[:LISTED]:
        count = await count_audience(context.db, broadcast.audience, platforms)
        key = "scheduled-item-missed" if broadcast.status == "missed" else "scheduled-item"
        i = broadcast.id
        buttons = [
            button(t, "scheduled-button-reschedule", cb.BROADCAST_RESCHEDULE.pack(i)),
            button(t, "scheduled-button-cancel", cb.BROADCAST_CANCEL.pack(i)),
        ]
        if broadcast.status == "missed":
            buttons.insert(
                0, button(t, "scheduled-button-send-now", cb.BROADCAST_SEND_MISSED.pack(i))
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


@broadcast_button
async def on_cancel_ask(update: Update, context: KhoosheContext, broadcast: Broadcast) -> None:
    """Cancel asks first: it cannot be undone."""
    if broadcast.status not in WAITING:
        await answer(update, context.t("scheduled-not-waiting"), alert=True)
        return
    await answer(update)
    t = context.t
    markup = inline(
        t,
        [
            ("scheduled-button-yes-cancel", cb.BROADCAST_CANCEL_YES.pack(broadcast.id)),
            ("scheduled-button-keep", cb.BROADCAST_CANCEL_KEEP.pack(broadcast.id)),
        ],
    )
    await context.bot.send_message(
        chat_id_of(update),
        t("scheduled-confirm-cancel", number=t.digits(broadcast.number)),
        reply_markup=markup,
    )


@broadcast_button
async def on_cancel_yes(update: Update, context: KhoosheContext, broadcast: Broadcast) -> None:
    """Cancel a waiting broadcast."""
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
    broadcast = await get_broadcast(context.db, pressed_broadcast(update))
    if broadcast is None:
        await answer(update, t("button-expired"), alert=True)
        return
    await replace_pressed(update, t("scheduled-kept", number=t.digits(broadcast.number)))


@broadcast_button
async def on_send_missed_now(
    update: Update, context: KhoosheContext, broadcast: Broadcast
) -> None:
    """A broadcast that missed its time: send it now after all."""
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
    broadcast = await own_or_staff(update, context, pressed_broadcast(update))
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
        chat_id_of(update),
        t(
            "scheduled-ask-when",
            number=t.digits(broadcast.number),
            example=context.t.label("when-example"),
        ),
    )
    return RESCHEDULE


async def on_new_time(update: Update, context: KhoosheContext) -> str | int:
    """The new time for a waiting broadcast; a Friday or a holiday needs a confirm."""
    moment = await typed_when(update, context, RESCHEDULE)
    if moment is None:
        return RESCHEDULE
    t = context.t
    warning = off_day_line(context, moment)
    if warning is not None:
        draft_of(context)["pending_at"] = moment.isoformat()
        await context.save_form_now(FORM, RESCHEDULE)
        markup = inline(t, [("broadcast-button-day-ok", cb.BROADCAST_RESCHEDULE_DAY_OK.pack())])
        await context.bot.send_message(
            chat_id_of(update),
            t("scheduled-day-confirm", warning=warning, when=t.datetime(moment)),
            reply_markup=markup,
        )
        return RESCHEDULE
    return await _reschedule(update, context, moment)


async def on_reschedule_day_ok(update: Update, context: KhoosheContext) -> str | int:
    """The new time stays on the Friday or holiday it was warned about."""
    pending = draft_of(context).pop("pending_at", None)
    if not isinstance(pending, str):
        await answer(update, context.t("button-expired"), alert=True)
        return RESCHEDULE
    await answer(update)
    await replace_pressed(update, context.t("when-day-kept"))
    return await _reschedule(update, context, datetime.fromisoformat(pending))


async def _reschedule(update: Update, context: KhoosheContext, moment: datetime) -> int:
    """Move the waiting broadcast to `moment` (checked again: it may have been sent)."""
    t = context.t
    broadcast_id = int(draft_of(context).get("reschedule", 0))
    user = update.effective_user
    assert user is not None and context.user_data is not None
    context.user_data.pop("broadcast", None)
    # Checked again: the composer (or staff) only, still holding a role (it may have been
    # revoked while the new time was being typed), and only while it still waits.
    access = await access_of(context, user.id)
    if not access.has(Role.CLUSTER_AGENT):
        await deny(update, context)
        return ConversationHandler.END
    broadcast = await get_broadcast(context.db, broadcast_id)
    allowed = broadcast is not None and (
        broadcast.created_by == actor(context, user.id) or access.has(Role.STAFF)
    )
    if not allowed or not await context.state.outbox.reschedule(
        broadcast_id, moment, actor(context, user.id)
    ):
        await context.bot.send_message(chat_id_of(update), t("scheduled-not-waiting"))
        return ConversationHandler.END
    assert broadcast is not None
    await context.bot.send_message(
        chat_id_of(update),
        t("scheduled-rescheduled", number=t.digits(broadcast.number), when=t.datetime(moment)),
    )
    return ConversationHandler.END
