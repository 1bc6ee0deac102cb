"""Sessions and their end: an adviser offers the core's open slots under a request, the member
books one with a tap (both sides get an .ics file and reminders), either side cancels, the
member moves by booking another; «✅ پایان» closes the request and asks the member whether
the advice (or the session held) helped, 1 to 5, with an optional comment.

A booking is one insert under a unique index (storage/core_slots.py), so two members tapping
one slot at once cannot both get it; reminders are stored before either side is told.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Role, access_of, actor
from bot.services import notices
from bot.services.consult_slots import arm_reminders, cancel_reminders, session_file
from bot.services.notices import Notice
from bot.services.offerings import Owner
from bot.settings import Platform
from handlers import consult_advise
from handlers.keyboards import (
    add_presses,
    answer,
    inline,
    replace_pressed,
    show_card,
    text_button,
)
from handlers.triage_cards import queue_notices
from storage.consultations import Consultation, close, get_consultation, rate
from storage.core_slots import (
    Booking,
    Slot,
    book,
    cancel_booking,
    get_booking,
    get_slot,
    held_session,
    hold_session,
    open_slots,
)
from storage.cores import get_core
from storage.members import get_member_by_id

log = logging.getLogger(__name__)


def slot_line(t: Texts, slot: Slot) -> str:
    """«یکشنبه ۱۶ آذر ۱۴۰۵، ساعت ۱۰:۰۰، ۳۰ دقیقه، حضوری: …»"""
    return t(
        "consult-slot-line",
        when=slot.starts_at,
        minutes=slot.minutes,
        mode=t(f"consult-mode-{slot.mode}"),
        place=slot.place,
    )


# --- offering slots and booking ---------------------------------------------------------------


@consult_advise.adviser_button(cb.ADVISE_OFFER)
async def on_offer(
    update: Update, context: KhoosheContext, pressed: consult_advise.AdviserPress
) -> None:
    """«📅 پیشنهاد وقت»: the core's open slots go to the member, each a button."""
    consultation = pressed.consultation
    slots = await open_slots(context.db, consultation.core_id, datetime.now(UTC))
    if not slots:
        await answer(update, context.t("consult-no-open-slots"), alert=True)
        return
    await answer(update, context.t("consult-slots-offered"))
    await _offer_to_member(context, consultation, slots)


async def _offer_to_member(
    context: KhoosheContext, consultation: Consultation, slots: list[Slot]
) -> None:
    member = await get_member_by_id(context.db, consultation.member_id)
    if member is None:
        return
    t = context.texts_for(member.language, Platform(member.platform))
    buttons = [
        [
            text_button(
                t.label("consult-slot-button", when=t.datetime(s.starts_at)),
                cb.CONSULT_BOOK.pack(consultation.id, s.id),
            )
        ]
        for s in slots
    ]
    text = t(
        "consult-slots-for-you",
        code=t.digits(consultation.code),
        lines=t.join("\n", [slot_line(t, s) for s in slots]),
    )
    notice = Notice(
        Platform(member.platform), member.chat_id, text, member_id=member.id,
        markup=InlineKeyboardMarkup(buttons),
    )  # fmt: skip
    key = notices.event_key("consultation", consultation.id, "slots")
    await queue_notices(context, key, [notice])


async def on_book(update: Update, context: KhoosheContext) -> None:
    """A slot tapped: booked if nobody has it (the first tap wins), with the .ics file."""
    query, member = update.callback_query, context.member
    assert query is not None
    consultation_id, slot_id = (int(v) for v in cb.CONSULT_BOOK.values(query.data))
    consultation = await get_consultation(context.db, consultation_id)
    slot = await get_slot(context.db, slot_id)
    if (
        member is None
        or consultation is None
        or consultation.member_id != member.id
        or slot is None
        or slot.core_id != consultation.core_id
        or slot.cancelled
        or slot.starts_at <= datetime.now(UTC)
    ):
        await answer(update, context.t("button-expired"), alert=True)
        return
    booking, old = await book(
        context.db, slot.id, consultation.id, member.id, f"member:{member.id}"
    )
    if booking is None:
        await answer(update, context.t("consult-slot-gone"), alert=True)
        return
    await answer(update, context.t("consult-booked-short"))
    log.info("session %s booked in slot %s", booking.id, slot.id)
    core = await get_core(context.db, consultation.core_id)
    title = context.t("consult-session-title", core=core.name if core else "—")
    chat = update.effective_chat
    assert chat is not None
    t = context.t
    # The reminders are stored before either side hears of the session.
    if old is not None:
        await cancel_reminders(context.state.outbox, old.id, f"member:{member.id}")
    owner = Owner(f"member:{member.id}", context.platform.value, chat.id, t.lang)
    await arm_reminders(context.state.outbox, context.settings, booking.id, slot, title, owner)
    markup = inline(
        t, [("consult-button-cancel-session", cb.CONSULT_SESSION_CANCEL.pack(booking.id))]
    )
    await context.bot.send_message(
        chat.id,
        t("consult-session-booked", code=t.digits(consultation.code), slot=slot_line(t, slot)),
        reply_markup=markup,
    )
    await _send_ics(context, context.platform, chat.id, slot, booking, title, t)
    await _tell_adviser(context, slot, booking, consultation, "moved" if old else "booked", title)


async def _send_ics(
    context: KhoosheContext,
    platform: Platform,
    chat_id: int,
    slot: Slot,
    booking: Booking,
    title: str,
    t: Texts,
) -> None:
    """The session's .ics file (best effort: the message before it says it all)."""
    bot = context.state.bots.get(platform, context.bot)
    data = session_file(slot, booking.id, title, context.settings.tz)
    try:
        await bot.send_document(
            chat_id,
            InputFile(io.BytesIO(data), filename=f"session_{booking.id}.ics"),
            caption=t("consult-session-ics", when=slot.starts_at),
        )
    except TelegramError as exc:
        log.info("session file not delivered (%s)", exc.__class__.__name__)


async def _tell_adviser(
    context: KhoosheContext,
    slot: Slot,
    booking: Booking,
    consultation: Consultation,
    what: str,
    title: str,
) -> None:
    """The slot's adviser hears of a booking, a move or a cancellation (and gets the file)."""
    _, platform_name, user_id = slot.adviser.split(":")
    platform = Platform(platform_name)
    t = context.texts_for("fa", platform)
    member = await get_member_by_id(context.db, consultation.member_id)
    markup = None
    if what != "cancelled":
        markup = inline(
            t, [("consult-button-cancel-session", cb.ADVISE_SESSION_CANCEL.pack(booking.id))]
        )
    text = t(
        f"consult-session-{what}-adviser",
        code=t.digits(consultation.code),
        name=member.name if member else "—",
        slot=slot_line(t, slot),
    )
    key = notices.event_key("session", booking.id, what)
    await queue_notices(context, key, [Notice(platform, int(user_id), text, markup=markup)])
    if what != "cancelled":
        await _send_ics(context, platform, int(user_id), slot, booking, title, t)


async def on_member_cancel(update: Update, context: KhoosheContext) -> None:
    """The member cancels their session: the slot opens again, the adviser is told."""
    query, member = update.callback_query, context.member
    assert query is not None
    booking = await get_booking(context.db, cb.CONSULT_SESSION_CANCEL.first_int(query.data) or 0)
    if member is None or booking is None or booking.member_id != member.id:
        await answer(update, context.t("button-expired"), alert=True)
        return
    await _cancel(update, context, booking, f"member:{member.id}", by_member=True)


async def on_adviser_cancel(update: Update, context: KhoosheContext) -> None:
    """The adviser cancels a session in their slot: the member is told."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    booking = await get_booking(context.db, cb.ADVISE_SESSION_CANCEL.first_int(query.data) or 0)
    slot = await get_slot(context.db, booking.slot_id) if booking else None
    access = await access_of(context, user.id)
    me = actor(context, user.id)
    if booking is None or slot is None or not (slot.adviser == me or access.has(Role.ADMIN)):
        await answer(update, context.t("consult-not-your-core"), alert=True)
        return
    await _cancel(update, context, booking, me, by_member=False)


async def _cancel(
    update: Update, context: KhoosheContext, booking: Booking, by: str, *, by_member: bool
) -> None:
    if not await cancel_booking(context.db, booking.id, by):
        await answer(update, context.t("consult-session-not-booked"), alert=True)
        return
    await answer(update)
    await cancel_reminders(context.state.outbox, booking.id, by)
    await replace_pressed(update, context.t("consult-session-cancelled-short"))
    slot = await get_slot(context.db, booking.slot_id)
    consultation = await get_consultation(context.db, booking.consultation_id or 0)
    if slot is None or consultation is None:
        return
    if by_member:
        await _tell_adviser(context, slot, booking, consultation, "cancelled", "")
    else:
        member = await get_member_by_id(context.db, consultation.member_id)
        t = context.texts_for(member.language if member else "fa")
        await consult_advise.tell_member(
            context, consultation, "consult-session-cancelled-member", slot=slot_line(t, slot)
        )


# --- closing and rating -----------------------------------------------------------------------


@consult_advise.adviser_button(cb.ADVISE_CLOSE)
async def on_close(
    update: Update, context: KhoosheContext, pressed: consult_advise.AdviserPress
) -> None:
    """«✅ پایان»: the request is done; the member is asked whether it helped."""
    consultation = pressed.consultation
    if not await close(context.db, consultation.id, pressed.by):
        await answer(update, context.t("consult-hand-not-now"), alert=True)
        return
    await hold_session(context.db, consultation.id, datetime.now(UTC))
    await answer(update, context.t("consult-closed-short"))
    member = await get_member_by_id(context.db, consultation.member_id)
    if member is None:
        return
    t = context.texts_for(member.language, Platform(member.platform))
    markup = InlineKeyboardMarkup(
        [[text_button(t.number(n), cb.CONSULT_RATE.pack(consultation.id, n)) for n in range(1, 6)]]
    )
    notice = Notice(
        Platform(member.platform), member.chat_id,
        t("consult-rate-ask", code=t.digits(consultation.code)),
        member_id=member.id, markup=markup,
    )  # fmt: skip
    await queue_notices(
        context, notices.event_key("consultation", consultation.id, "rate"), [notice]
    )


async def on_rate(update: Update, context: KhoosheContext) -> None:
    """A score from 1 to 5, once."""
    query, member = update.callback_query, context.member
    assert query is not None
    consultation_id, score = (int(v) for v in cb.CONSULT_RATE.values(query.data))
    consultation = await get_consultation(context.db, consultation_id)
    if member is None or consultation is None or consultation.member_id != member.id:
        await answer(update, context.t("button-expired"), alert=True)
        return
    session = await held_session(context.db, consultation.id)
    if not await rate(context.db, consultation.id, score, f"member:{member.id}", session):
        await answer(update, context.t("consult-rated-already"), alert=True)
        return
    await answer(update)
    t = context.t
    await show_card(
        update,
        context,
        t("consult-rated", score=t.number(score)),
        inline(t, [("consult-button-comment", cb.CONSULT_COMMENT.pack(consultation.id))]),
    )


def register(app: Application) -> None:
    """Install the sessions' buttons: offer, book, cancel, close and rate."""
    add_presses(
        app,
        (cb.ADVISE_OFFER, on_offer),
        (cb.ADVISE_CLOSE, on_close),
        (cb.ADVISE_SESSION_CANCEL, on_adviser_cancel),
        (cb.CONSULT_BOOK, on_book),
        (cb.CONSULT_SESSION_CANCEL, on_member_cancel),
        (cb.CONSULT_RATE, on_rate),
    )
