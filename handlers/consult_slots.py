"""Advisers publish open slots: /slots lists theirs, a form adds more.

The form reads the moment with the staff's Jalali parser (handlers/when_input.py) and a span
or weekly pattern with bot/services/consult_slots.py, then asks the length (unless typed),
in person or online, the place or link, and the core (for an adviser of several). Offering
and booking the slots is handlers/consult_sessions.py.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, access_of, actor
from bot.services.consult_slots import (
    LENGTHS,
    SlotPlan,
    read_slots,
)
from bot.text import normalized
from handlers import consult_sessions, forms, menu
from handlers.consult_sessions import slot_line
from handlers.keyboards import (
    button,
    inline,
    private_command,
    replace_pressed,
    rows,
    send,
    text_button,
)
from handlers.when_input import error_text
from storage.core_slots import (
    add_slots,
    adviser_slots,
)
from storage.cores import list_cores

log = logging.getLogger(__name__)

FORM = "slot_form"
WHEN, LENGTH, MODE, PLACE, CORE, CONFIRM = "when", "length", "mode", "place", "core", "confirm"
DRAFT = "slot_draft"
PLACE_MAX = 300


def _draft(context: KhoosheContext) -> dict[str, Any]:
    return forms.draft(context, DRAFT)


def _cancel_row(context: KhoosheContext) -> list[InlineKeyboardButton]:
    return [button(context.t, "button-cancel", cb.SLOT_CANCEL.pack())]


# --- /slots and the form ----------------------------------------------------------------------


async def slots_command(update: Update, context: KhoosheContext) -> None:
    """/slots: the adviser's slots ahead, and «➕ وقت تازه»."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if not access.adviser_cores and not access.has(Role.ADMIN):
        await send(update, context, context.t("consult-advisers-only"))
        return
    t = context.t
    mine = await adviser_slots(context.db, actor(context, user.id), datetime.now(UTC))
    lines = [slot_line(t, s) for s in mine[:20]]
    text = t("consult-slots-list", lines=t.join("\n", lines)) if mine else t("consult-slots-none")
    markup = inline(t, [("consult-button-new-slots", cb.SLOT_NEW.pack())])
    await send(update, context, text, markup)


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
        await send(
            update,
            context,
            t("consult-slot-ask-when"),
            InlineKeyboardMarkup([_cancel_row(context)]),
        )
    elif step == LENGTH:
        buttons = [
            text_button(t.label("consult-minutes", minutes=m), cb.SLOT_LENGTH.pack(m))
            for m in LENGTHS
        ]
        markup = InlineKeyboardMarkup([*rows(buttons, 2), _cancel_row(context)])
        await send(update, context, t("consult-slot-ask-length"), markup)
    elif step == MODE:
        buttons = [
            button(t, f"consult-mode-{m}", cb.SLOT_MODE.pack(m)) for m in ("in_person", "online")
        ]
        await send(
            update,
            context,
            t("consult-slot-ask-mode"),
            InlineKeyboardMarkup([buttons, _cancel_row(context)]),
        )
    elif step == PLACE:
        key = (
            "consult-slot-ask-link" if draft.get("mode") == "online" else "consult-slot-ask-place"
        )
        await send(update, context, t(key), InlineKeyboardMarkup([_cancel_row(context)]))
    elif step == CORE:
        cores = [c for c in await list_cores(context.db) if c.id in draft.get("cores", [])]
        buttons = [text_button(c.name, cb.SLOT_CORE.pack(c.id)) for c in cores]
        markup = InlineKeyboardMarkup([*rows(buttons, 1), _cancel_row(context)])
        await send(update, context, t("consult-slot-ask-core"), markup)
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
            [[button(t, "cores-button-save", cb.SLOT_SAVE.pack())], _cancel_row(context)]
        )
        await send(update, context, text, markup)
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
        await send(update, context, error_text(context, plan))
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
        await send(update, context, context.t("consult-slot-too-short"))
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
        await send(update, context, context.t("consult-slot-bad-place"))
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
    await send(update, context, context.t("form-use-buttons"))
    return await _step(update, context, _draft(context).get("step", WHEN))


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The slot form."""
    buttons = menu.buttons(app)
    text, other = buttons.text, buttons.other
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
        cancel=forms.cancel_dropping(DRAFT, "consult-slots-cancelled"),
        cancel_button=cb.SLOT_CANCEL,
        leave_for_menu=forms.leave_dropping(DRAFT),
        timeout_key="consult-slots-timeout",
    )


def register(app: Application) -> None:
    """Install /slots and the slot form (and the buttons of handlers/consult_sessions.py)."""
    app.add_handler(build(app))
    app.add_handler(private_command("slots", slots_command))
    consult_sessions.register(app)
