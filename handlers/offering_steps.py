"""The offering form's shared parts: its steps, limits and the helpers every step uses.

The form (handlers/offering_form.py) asks one thing at a time, persisted before each question
so it survives a restart; bad input gets a hint and the same question again. Its steps are
split by what they do: the questions (offering_form.py), target clusters, shares, preview and
publishing (offering_publish.py), and changing one field of a published one (offering_edit.py).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, access_of, actor
from bot.services import offerings as service
from handlers import forms
from handlers.form_steps import ways_out
from handlers.keyboards import answer, chat_id_of, replace_pressed
from handlers.when_input import off_day_line, pressed_when, read_when

log = logging.getLogger(__name__)

FORM = "offering_form"
(
    KIND,
    TITLE,
    DESCRIPTION,
    START,
    END,
    PLACE,
    CAPACITY,
    DEADLINE,
    CLUSTERS,
    SHARES,
    PREVIEW,
    PUBLISH_AT,
    EDIT,
) = (
    "kind",
    "title",
    "description",
    "start",
    "end",
    "place",
    "capacity",
    "deadline",
    "clusters",
    "shares",
    "preview",
    "publish_at",
    "edit",
)
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_PLACE = 300
MAX_CAPACITY = 10_000


def draft_of(context: KhoosheContext) -> dict[str, Any]:
    return forms.draft(context, "offering")


async def scope_of(update: Update, context: KhoosheContext) -> Access:
    user = update.effective_user
    assert user is not None
    return await access_of(context, user.id)


def owner_of(update: Update, context: KhoosheContext) -> service.Owner:
    user = update.effective_user
    assert user is not None
    return service.Owner(
        actor(context, user.id), context.platform.value, chat_id_of(update), context.t.lang
    )


def label_button(t: Texts, label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(t.label(label), callback_data=data)


def skip_markup(t: Texts, label: str = "offering-button-skip") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                label_button(t, label, cb.NEW_OFFERING_SKIP.pack()),
                label_button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack()),
            ]
        ]
    )


async def ask(
    update: Update,
    context: KhoosheContext,
    step: str,
    key: str,
    markup: InlineKeyboardMarkup | None = None,
    **kwargs: object,
) -> str:
    """Save the form at `step`, then ask its question (stored before it is asked)."""
    await context.save_form_now(FORM, step)
    await context.bot.send_message(
        chat_id_of(update), context.t(key, **kwargs), reply_markup=markup
    )
    return step


async def again(update: Update, context: KhoosheContext, key: str, **kwargs: object) -> None:
    """A polite hint; the same question stays open (sent, not replied: a press may lead here)."""
    await context.bot.send_message(chat_id_of(update), context.t(key, **kwargs))


def typed_text(update: Update) -> str:
    assert update.message is not None and update.message.text is not None
    return update.message.text.strip()


def is_half(update: Update) -> bool:
    """A press of «۵ صبح» / «۵ عصر», asked after an hour from 1 to 6."""
    query = update.callback_query
    return query is not None and cb.WHEN_HALF.unpack(query.data) is not None


async def _typed_moment(update: Update, context: KhoosheContext) -> str | None:
    """The typed text of a date step, or the kept one completed by a half-of-day press."""
    if update.message is not None:
        return typed_text(update)
    return await pressed_when(update, context, draft_of(context))


async def moment_of(
    update: Update,
    context: KhoosheContext,
    step: str,
    *,
    day_of: datetime | None = None,
    range_ok: bool = False,
    after: datetime | None = None,
) -> tuple[datetime, datetime | None] | None:
    """The moment typed (or completed by a press), and a range's end; None when refused,
    answered, and the form saved on the same step. A time alone is on `day_of`'s day; an
    end's `after` (its start) reads «تا ۱۸» and «ساعت ۸» as an end after it."""
    text = await _typed_moment(update, context)
    if text is None:
        return None
    draft = draft_of(context)
    day = day_of.astimezone(context.settings.tz).date() if day_of is not None else None
    when = await read_when(update, context, draft, text, day=day, range_ok=range_ok, after=after)
    if when is None:
        # The text kept for a half-of-day question is on disk before the question is seen.
        await context.save_form_now(FORM, step)
        return None
    return when.at, when.end


def stored_at(draft: dict[str, Any], key: str) -> datetime | None:
    value = draft.get(key)
    return datetime.fromisoformat(value) if value else None


def count_or_hint(text: str) -> int | str:
    """A positive count, or the message id of the hint."""
    count = service.parse_count(text)
    if count is None:
        # "زیاد" or "twenty": words that are not a Persian number up to 99.
        wordy = any(ch.isalpha() for ch in text)
        return "offering-count-words" if wordy else "offering-count-invalid"
    if count == 0:
        return "offering-count-zero"
    if count > MAX_CAPACITY:
        return "offering-count-invalid"
    return count


# The typed fields: their limit and the hint when a value is empty or too long.
TEXT_LIMITS = {
    "title": (MAX_TITLE, "offering-title-length"),
    "description": (MAX_DESCRIPTION, "offering-description-length"),
    "place": (MAX_PLACE, "offering-place-length"),
}


async def count_value(update: Update, context: KhoosheContext) -> int | None:
    """A count (a capacity, a cluster's share) as typed, or None after the hint: the same
    question stays open."""
    count = count_or_hint(typed_text(update))
    if isinstance(count, str):
        await again(update, context, count)
        return None
    return count


async def text_value(update: Update, context: KhoosheContext, field: str) -> str | None:
    """A title, description or place as typed (a title on one line), or None after the hint:
    the same question stays open."""
    text = typed_text(update)
    if field == "title":
        text = " ".join(text.split())
    limit, hint = TEXT_LIMITS[field]
    if not text or len(text) > limit:
        await again(update, context, hint, limit=limit)
        return None
    return text


async def date_refused(
    update: Update, context: KhoosheContext, field: str, moment: datetime, starts_at: datetime
) -> bool:
    """An end not after the start, or a sign-up deadline after it, gets its hint (True)."""
    if field == "end" and moment <= starts_at:
        await again(update, context, "offering-end-before-start")
        return True
    if field == "deadline" and moment > starts_at:
        await again(update, context, "offering-deadline-after-start")
        return True
    return False


async def ask_day_ok(
    update: Update, context: KhoosheContext, step: str, moment: datetime
) -> str | None:
    """A start on a Friday or a holiday: warn and ask to keep it (the step stays open with
    ``day_pending`` set); None on a working day."""
    warning = off_day_line(context, moment)
    draft = draft_of(context)
    if warning is None:
        draft.pop("day_pending", None)
        return None
    draft["day_pending"] = True
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            [
                label_button(t, "offering-button-day-ok", cb.NEW_OFFERING_DAY_OK.pack()),
                label_button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack()),
            ]
        ]
    )
    return await ask(
        update,
        context,
        step,
        "offering-day-confirm",
        markup,
        warning=warning,
        start=t.datetime(moment),
    )


async def day_kept(update: Update, context: KhoosheContext) -> datetime | None:
    """The press that keeps a start warned about: its moment, or None for a stale press."""
    draft = draft_of(context)
    moment = stored_at(draft, "starts_at")
    if not draft.pop("day_pending", False) or moment is None:
        await answer(update, context.t("button-expired"), alert=True)
        return None
    await answer(update)
    await replace_pressed(update, context.t("offering-day-kept", start=context.t.datetime(moment)))
    return moment


# Cancel drops the draft and says so (on the pressed card, with the menu, or plainly to staff
# who are not members); a menu button drops it and does what it says.
cancel, leave_for_menu = ways_out("offering", "offering-form-cancelled")


async def on_need_text(update: Update, context: KhoosheContext) -> None:
    """A sticker, photo or voice note where a typed answer is expected: stay on the step."""
    assert update.message is not None
    await update.message.reply_text(context.t("offering-need-text"))


async def on_use_buttons(update: Update, context: KhoosheContext) -> None:
    """Typing where a button is expected: stay on the step."""
    assert update.message is not None
    await update.message.reply_text(context.t("offering-use-buttons"))
