"""Steps the survey, proposal and meeting forms share: picking the clusters a proposal is for
(the values broadcasts offer the same person, `handlers.audience.choices`; a survey's audience
uses the broadcasts' whole picker, handlers/audience.py), the ways out of a form that keeps its
draft under one key, a date and time typed into a form, and taking the buttons off a confirmed
card."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, ConversationHandler, MessageHandler, filters

from bot.callbacks import Button
from bot.context import KhoosheContext
from bot.roles import access_of
from handlers import forms, menu
from handlers.audience import choices
from handlers.keyboards import answer, paged, show_card
from handlers.when_input import pressed_when, read_when

log = logging.getLogger(__name__)


class ClusterPicker:
    """A paged list of the clusters this person may choose, each a toggle (✅ / ▫️), kept in
    `draft["clusters"]` (and the page in `draft["page"]`)."""

    def __init__(
        self, toggle: Button, page: Button, done: Button, done_label: str, cancel: Button
    ) -> None:
        self.toggle, self.page, self.done = toggle, page, done
        self.done_label, self.cancel = done_label, cancel

    async def offered(self, update: Update, context: KhoosheContext) -> dict[str, str]:
        """Code → name of every cluster this person may choose."""
        user = update.effective_user
        assert user is not None
        return dict(await choices(context, "c", await access_of(context, user.id)))

    async def markup(
        self, update: Update, context: KhoosheContext, draft: dict[str, Any]
    ) -> InlineKeyboardMarkup:
        """The picker's buttons on the draft's page."""
        t = context.t
        chosen = set(draft.get("clusters", []))
        items = [
            (("✅ " if code in chosen else "▫️ ") + name, self.toggle.pack(code))
            for code, name in (await self.offered(update, context)).items()
        ]
        extra = [
            InlineKeyboardButton(t.label(self.done_label), callback_data=self.done.pack()),
            InlineKeyboardButton(t.label("button-cancel"), callback_data=self.cancel.pack()),
        ]
        return paged(t, items, int(draft.get("page", 0)), self.page.pack, extra=extra)

    async def on_press(
        self, update: Update, context: KhoosheContext, draft: dict[str, Any], title: str
    ) -> bool:
        """A toggle or a page pressed: the card shown again; False for a cluster this person
        is not offered (answered with an alert)."""
        query = update.callback_query
        assert query is not None
        page = self.page.ints(query.data)
        if page is not None:
            draft["page"] = page[0]
        else:
            (code,) = self.toggle.words(query.data)
            if code not in await self.offered(update, context):
                log.warning("cluster %r not offered on %s", code, context.platform)
                await answer(update, context.t("broadcast-out-of-scope"), alert=True)
                return False
            chosen = set(draft.get("clusters", []))
            chosen.symmetric_difference_update({code})
            draft["clusters"] = sorted(chosen)
        await answer(update)
        await show_card(update, context, title, await self.markup(update, context, draft))
        return True


def ways_out(draft_key: str, said: str) -> tuple[forms.Callback, forms.Callback]:
    """(cancel, leave_for_menu) for a form whose draft is `user_data[draft_key]`."""

    async def cancel(update: Update, context: KhoosheContext) -> int:
        """Drop the draft; nothing was stored."""
        await answer(update)
        assert context.user_data is not None
        context.user_data.pop(draft_key, None)
        chat = update.effective_chat
        assert chat is not None
        if update.callback_query is not None:
            await show_card(update, context, context.t(said), None)
        elif context.member is not None:
            await menu.show_menu(update, context, said)
        else:  # staff who are not members have no menu
            await context.bot.send_message(chat.id, context.t(said))
        return ConversationHandler.END

    # A menu button mid-form: the draft is dropped, the button does what it says.
    return cancel, forms.leave_dropping(draft_key)


async def typed_moment(
    update: Update, context: KhoosheContext, draft: dict[str, Any], form: str, step: str
) -> datetime | None:
    """The moment typed (or completed by a «صبح»/«عصر» press); None when it was refused and
    answered, the form staying on `step` (saved, with the text kept in `draft` for the
    question)."""
    if update.message is not None:
        assert update.message.text is not None
        text: str | None = update.message.text
    else:
        text = await pressed_when(update, context, draft)
    if text is None:
        return None
    when = await read_when(update, context, draft, text)
    if when is None:
        await context.save_form_now(form, step)
        return None
    return when.at


def answer_filter(app: Application) -> filters.BaseFilter:
    """Text typed as a step's answer: not a command, a menu button or the cancel button."""
    buttons = menu.buttons(app)
    return filters.TEXT & ~filters.COMMAND & ~buttons.menu & ~buttons.cancel


def stay_on_step(app: Application, *forms_states: dict[object, list[Any]]) -> None:
    """Append to every step of these forms: anything else typed or sent (not a command, a
    menu button or cancel) is answered «use the buttons» and the step stays."""
    buttons = menu.buttons(app)
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    for states in forms_states:
        for step in states.values():
            step.append(MessageHandler(other, on_use_buttons))


async def on_use_buttons(update: Update, context: KhoosheContext) -> None:
    """Typing where a button is expected (or not text where text is): stay on the step."""
    assert update.message is not None
    await update.message.reply_text(context.t("broadcast-use-buttons"))


async def drop_buttons(update: Update) -> None:
    """Take the buttons off the pressed card (it stays as the record of what was confirmed)."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_reply_markup(None)
    except TelegramError as exc:  # too old, or Bale's unreliable edits: harmless
        log.info("confirmed card kept its buttons (%s)", exc.__class__.__name__)
