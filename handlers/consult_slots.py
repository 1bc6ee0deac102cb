"""Sessions: advisers publish slots (/slots), offer them under a request, members book one
with a tap; both sides get an .ics file and reminders; either side may cancel, the member
may move; after the answer or the session the member rates it.

The slot form reads the moment with the staff's Jalali parser (handlers/when_input.py) and
a weekly pattern with bot/services/consult_slots.py; a booking is one insert under a unique
index (storage/core_slots.py), so two members tapping one slot at once cannot both get it.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import TelegramError
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
from bot.roles import Role, access_of, actor
from bot.services import notices
from bot.services.consult_slots import (
    LENGTHS,
    SlotPlan,
    arm_reminders,
    cancel_reminders,
    read_slots,
    session_file,
)
from bot.services.notices import Notice
from bot.services.offerings import Owner
from bot.settings import Platform
from bot.text import normalized
from handlers import consult_advise, forms, menu
from handlers.keyboards import answer, replace_pressed, rows
from handlers.triage_cards import queue_notices
from handlers.when_input import error_text
from storage.consultations import Consultation, close, get_consultation, rate
from storage.core_slots import (
    Booking,
    Slot,
    add_slots,
    adviser_slots,
    book,
    cancel_booking,
    get_booking,
    get_slot,
    open_slots,
)
from storage.cores import get_core, list_cores
from storage.members import get_member_by_id

log = logging.getLogger(__name__)

FORM = "slot_form"
WHEN, LENGTH, MODE, PLACE, CORE, CONFIRM = "when", "length", "mode", "place", "core", "confirm"
DRAFT = "slot_draft"
PLACE_MAX = 300


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def _draft(context: KhoosheContext) -> dict[str, Any]:
    assert context.user_data is not None
    draft: dict[str, Any] = context.user_data.setdefault(DRAFT, {})
    return draft


async def _send(
    update: Update, context: KhoosheContext, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text, reply_markup=markup)


def slot_line(t: Texts, slot: Slot) -> str:
    """«یکشنبه ۱۶ آذر ۱۴۰۵، ساعت ۱۰:۰۰ — ۳۰ دقیقه، حضوری: …»"""
    return t(
        "consult-slot-line",
        when=slot.starts_at,
        minutes=slot.minutes,
        mode=t(f"consult-mode-{slot.mode}"),
        place=slot.place,
    )


def _cancel_row(context: KhoosheContext) -> list[InlineKeyboardButton]:
    return [_button(context.t.label("button-cancel"), cb.SLOT_CANCEL.pack())]


# --- /slots and the form ----------------------------------------------------------------------


async def slots_command(update: Update, context: KhoosheContext) -> None:
    """/slots: the adviser's slots ahead, and «➕ وقت تازه»."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if not access.adviser_cores and not access.has(Role.ADMIN):
        await _send(update, context, context.t("consult-advisers-only"))
        return
    t = context.t
    mine = await adviser_slots(context.db, actor(context, user.id), datetime.now(UTC))
    lines = [slot_line(t, s) for s in mine[:20]]
    text = t("consult-slots-list", lines=t.join("\n", lines)) if mine else t("consult-slots-none")
    markup = InlineKeyboardMarkup(
        [[_button(t.label("consult-button-new-slots"), cb.SLOT_NEW.pack())]]
    )
    await _send(update, context, text, markup)


async def start_form(update: Update, context: KhoosheContext) -> str | None:
    """«➕ وقت تازه»: when?"""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.user_data is not None
    access = await access_of(context, user.id)
    cores = [c for c in await list_cores(context.db) if access.advises(c.id)]
    if not cores:
        await query.answer(context.t("consult-advisers-only"), show_alert=True)
        return None
    await query.answer()
    context.user_data[DRAFT] = {"cores": [c.id for c in cores]}
    return await _step(update, context, WHEN)


async def _step(update: Update, context: KhoosheContext, step: str) -> str:
    t, draft = context.t, _draft(context)
    draft["step"] = step
    await context.save_form_now(FORM, step)
    if step == WHEN:
        await _send(
            update,
            context,
            t("consult-slot-ask-when"),
            InlineKeyboardMarkup([_cancel_row(context)]),
        )
    elif step == LENGTH:
        buttons = [
            _button(t.label("consult-minutes", minutes=m), cb.SLOT_LENGTH.pack(m)) for m in LENGTHS
        ]
        markup = InlineKeyboardMarkup([*rows(buttons, 2), _cancel_row(context)])
        await _send(update, context, t("consult-slot-ask-length"), markup)
    elif step == MODE:
        buttons = [
            _button(t.label(f"consult-mode-{m}"), cb.SLOT_MODE.pack(m))
            for m in ("in_person", "online")
        ]
        await _send(
            update,
            context,
            t("consult-slot-ask-mode"),
            InlineKeyboardMarkup([buttons, _cancel_row(context)]),
        )
    elif step == PLACE:
        key = (
            "consult-slot-ask-link" if draft.get("mode") == "online" else "consult-slot-ask-place"
        )
        await _send(update, context, t(key), InlineKeyboardMarkup([_cancel_row(context)]))
    elif step == CORE:
        cores = [c for c in await list_cores(context.db) if c.id in draft.get("cores", [])]
        buttons = [_button(c.name, cb.SLOT_CORE.pack(c.id)) for c in cores]
        markup = InlineKeyboardMarkup([*rows(buttons, 1), _cancel_row(context)])
        await _send(update, context, t("consult-slot-ask-core"), markup)
    else:
        starts = _starts(draft)
        lines = [t("consult-slot-when", when=s) for s in starts[:6]]
        text = t(
            "consult-slot-confirm",
            count=len(starts),
            lines=t.join("\n", lines),
            minutes=draft["minutes"],
            mode=t(f"consult-mode-{draft['mode']}"),
            place=draft["place"],
        )
        markup = InlineKeyboardMarkup(
            [[_button(t.label("cores-button-save"), cb.SLOT_SAVE.pack())], _cancel_row(context)]
        )
        await _send(update, context, text, markup)
    return step


def _starts(draft: dict[str, Any]) -> list[datetime]:
    plan = SlotPlan(
        datetime.fromisoformat(draft["start"]),
        datetime.fromisoformat(draft["end"]) if draft.get("end") else None,
        draft.get("minutes"),
        bool(draft.get("weekly")),
    )
    return plan.starts(int(draft["minutes"]))


async def on_when(update: Update, context: KhoosheContext) -> str:
    """The moment (or the weekly pattern) typed."""
    message = update.message
    assert message is not None and message.text is not None
    plan = read_slots(message.text, datetime.now(UTC), context.settings.tz)
    if not isinstance(plan, SlotPlan):
        await _send(update, context, error_text(context, plan))
        return await _step(update, context, WHEN)
    draft = _draft(context)
    draft.update(
        start=plan.start.isoformat(),
        end=plan.end.isoformat() if plan.end else None,
        minutes=plan.minutes,
        weekly=plan.weekly,
    )
    if plan.minutes is None or not plan.starts(plan.minutes):
        return await _step(update, context, LENGTH)
    return await _step(update, context, MODE)


async def on_length(update: Update, context: KhoosheContext) -> str:
    """A session length chosen."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    minutes = cb.SLOT_LENGTH.first_int(query.data) or 30
    draft = _draft(context)
    draft["minutes"] = minutes
    if not _starts(draft):  # a span shorter than one session
        await _send(update, context, context.t("consult-slot-too-short"))
        return await _step(update, context, WHEN)
    return await _step(update, context, MODE)


async def on_mode(update: Update, context: KhoosheContext) -> str:
    """In person or online."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    _draft(context)["mode"] = cb.SLOT_MODE.words(query.data)[0]
    return await _step(update, context, PLACE)


async def on_place(update: Update, context: KhoosheContext) -> str:
    """The address or the link."""
    message = update.message
    assert message is not None and message.text is not None
    place = await normalized(message.text)
    if not place or len(place) > PLACE_MAX:
        await _send(update, context, context.t("consult-slot-bad-place"))
        return await _step(update, context, PLACE)
    draft = _draft(context)
    draft["place"] = place
    if len(draft.get("cores", [])) > 1:
        return await _step(update, context, CORE)
    draft["core"] = draft["cores"][0]
    return await _step(update, context, CONFIRM)


async def on_core(update: Update, context: KhoosheContext) -> str:
    """The core these slots are for (an adviser of several)."""
    query = update.callback_query
    assert query is not None
    core_id = cb.SLOT_CORE.first_int(query.data) or 0
    draft = _draft(context)
    if core_id not in draft.get("cores", []):
        await query.answer(context.t("button-expired"), show_alert=True)
        return CORE
    await query.answer()
    draft["core"] = core_id
    return await _step(update, context, CONFIRM)


async def on_save(update: Update, context: KhoosheContext) -> int:
    """Publish the slots (the core checked again: a grant may have been taken meanwhile)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None and context.user_data is not None
    draft = _draft(context)
    access = await access_of(context, user.id)
    if not access.advises(draft.get("core", 0)):
        await query.answer(context.t("consult-not-your-core"), show_alert=True)
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    await query.answer()
    added = await add_slots(
        context.db,
        draft["core"],
        actor(context, user.id),
        _starts(draft),
        int(draft["minutes"]),
        draft["mode"],
        draft["place"],
    )
    context.user_data.pop(DRAFT, None)
    await replace_pressed(update, context.t("consult-slots-saved", count=added))
    return ConversationHandler.END


async def on_wrong_input(update: Update, context: KhoosheContext) -> str:
    """Text where a button is expected (or a file anywhere)."""
    await _send(update, context, context.t("form-use-buttons"))
    return await _step(update, context, _draft(context).get("step", WHEN))


async def cancel(update: Update, context: KhoosheContext) -> int:
    """Nothing is published."""
    await answer(update)
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    await menu.show_menu(update, context, "consult-slots-cancelled")
    return ConversationHandler.END


async def leave_for_menu(update: Update, context: KhoosheContext) -> int:
    """A menu button instead."""
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    await menu.on_menu_button(update, context)
    return ConversationHandler.END


# --- offering slots and booking ---------------------------------------------------------------


async def on_offer(update: Update, context: KhoosheContext) -> None:
    """«📅 پیشنهاد وقت»: the core's open slots go to the member, each a button."""
    query = update.callback_query
    assert query is not None
    consultation = await consult_advise.in_scope(
        update, context, cb.ADVISE_OFFER.first_int(query.data) or 0
    )
    if consultation is None:
        return
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
            _button(
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
    markup = InlineKeyboardMarkup(
        [
            [
                _button(
                    t.label("consult-button-cancel-session"),
                    cb.CONSULT_SESSION_CANCEL.pack(booking.id),
                )
            ]
        ]
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
        markup = InlineKeyboardMarkup(
            [
                [
                    _button(
                        t.label("consult-button-cancel-session"),
                        cb.ADVISE_SESSION_CANCEL.pack(booking.id),
                    )
                ]
            ]
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


async def on_close(update: Update, context: KhoosheContext) -> None:
    """«✅ پایان»: the request is done; the member is asked whether it helped."""
    query = update.callback_query
    assert query is not None
    consultation = await consult_advise.in_scope(
        update, context, cb.ADVISE_CLOSE.first_int(query.data) or 0
    )
    if consultation is None:
        return
    user = update.effective_user
    assert user is not None
    if not await close(context.db, consultation.id, actor(context, user.id)):
        await answer(update, context.t("consult-hand-not-now"), alert=True)
        return
    await answer(update, context.t("consult-closed-short"))
    member = await get_member_by_id(context.db, consultation.member_id)
    if member is None:
        return
    t = context.texts_for(member.language, Platform(member.platform))
    markup = InlineKeyboardMarkup(
        [[_button(t.number(n), cb.CONSULT_RATE.pack(consultation.id, n)) for n in range(1, 6)]]
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
    if not await rate(context.db, consultation.id, score, f"member:{member.id}"):
        await answer(update, context.t("consult-rated-already"), alert=True)
        return
    await answer(update)
    await replace_pressed(update, context.t("consult-rated", score=context.t.number(score)))


# --- registration -----------------------------------------------------------------------------


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The slot form."""
    buttons = menu.buttons(app)
    text = filters.TEXT & ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    wrong = MessageHandler(other, on_wrong_input)
    return forms.form(
        app,
        FORM,
        entry_points=[CallbackQueryHandler(start_form, pattern=cb.SLOT_NEW.pattern())],
        states={
            WHEN: [MessageHandler(text, on_when), wrong],
            LENGTH: [CallbackQueryHandler(on_length, pattern=cb.SLOT_LENGTH.pattern()), wrong],
            MODE: [CallbackQueryHandler(on_mode, pattern=cb.SLOT_MODE.pattern()), wrong],
            PLACE: [MessageHandler(text, on_place), wrong],
            CORE: [CallbackQueryHandler(on_core, pattern=cb.SLOT_CORE.pattern()), wrong],
            CONFIRM: [CallbackQueryHandler(on_save, pattern=cb.SLOT_SAVE.pattern()), wrong],
        },
        cancel=cancel,
        cancel_button=cb.SLOT_CANCEL,
        leave_for_menu=leave_for_menu,
        timeout_key="consult-slots-timeout",
    )


def register(app: Application) -> None:
    """Install /slots, the slot form, booking, cancelling and rating."""
    app.add_handler(build(app))
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("slots", slots_command, filters=private))
    for family, callback in (
        (cb.ADVISE_OFFER, on_offer),
        (cb.ADVISE_CLOSE, on_close),
        (cb.ADVISE_SESSION_CANCEL, on_adviser_cancel),
        (cb.CONSULT_BOOK, on_book),
        (cb.CONSULT_SESSION_CANCEL, on_member_cancel),
        (cb.CONSULT_RATE, on_rate),
    ):
        app.add_handler(CallbackQueryHandler(callback, pattern=family.pattern()))
