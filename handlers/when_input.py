"""Asking staff for a date and time: one way to read it, explain a refusal and ask back.

The broadcast and offering forms both ask for moments. Each step calls `read_when` with the
typed text; a refusal is answered here, and an hour from 1 to 6 with no part of the day is
asked about with two buttons («۵ صبح» / «۵ عصر»). The text is kept in the form's draft
(stored with it), so a press reads `text + صبح` or `text + عصر` again through the same step:
`pressed_when` returns that text. A day off (Friday, or a holiday in data/holidays.csv) is
named by `off_day_line` so the step's confirmation can warn about it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import persian_script
from handlers.keyboards import answer, replace_pressed

if TYPE_CHECKING:
    # The parser (its lexicon, ~25 patterns and a dozen token classes, ~10 ms) is imported
    # when staff first type a moment, not at start-up (issue 14).
    from bot.services.when import When, WhenError

# Appended to the kept text when a half of the day is pressed, in the words of the person's
# language (it is shown back to them); the parser reads both.
_HALVES = {"am": "صبح", "pm": "عصر"}
_HALVES_EN = {"am": "am", "pm": "pm"}
_KEPT = "when_text"


def error_text(context: KhoosheContext, error: WhenError) -> str:
    """The polite Persian (or English) answer to a refused moment."""
    from bot.services.when import WhenErrorCode

    t = context.t
    example = t.label("when-example")
    if error.code is WhenErrorCode.MISSING_TIME and error.day is not None:
        return t("when-error-missing-time-day", day=t.date(error.day), example=example)
    if error.code is WhenErrorCode.AMBIGUOUS_HOUR and error.hour is not None:
        return t("when-error-ambiguous-hour", hour=error.hour, evening=error.hour + 12)
    if error.code is WhenErrorCode.AMBIGUOUS_DATE and error.day and error.other:
        return t("when-error-ambiguous-date-days", near=t.date(error.day), far=t.date(error.other))
    return t(f"when-error-{error.code.value}", example=example)


def _halves_markup(context: KhoosheContext, hour: int) -> InlineKeyboardMarkup:
    t = context.t
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label(f"when-button-{half}", hour=hour),
                    callback_data=cb.WHEN_HALF.pack(half),
                )
                for half in _HALVES
            ]
        ]
    )


async def read_when(
    update: Update,
    context: KhoosheContext,
    draft: dict[str, Any],
    text: str,
    *,
    day: date | None = None,
    range_ok: bool = False,
    after: datetime | None = None,
) -> When | None:
    """The moment typed, or None after the refusal (or the question back) was sent.

    `after`: the start of the end asked for («تا ۱۸», «ساعت ۸» read after it; parse_when).
    The caller saves its form (with `draft`) and stays on its step when None comes back.
    """
    from bot.services.when import When, WhenErrorCode, parse_when

    result = parse_when(
        text, datetime.now(UTC), context.settings.tz, day=day, range_ok=range_ok, after=after
    )
    chat = update.effective_chat
    assert chat is not None
    if isinstance(result, When):
        draft.pop(_KEPT, None)
        return result
    markup = None
    if result.code is WhenErrorCode.AMBIGUOUS_HOUR and result.hour is not None:
        draft[_KEPT] = text
        markup = _halves_markup(context, result.hour)
    await context.bot.send_message(chat.id, error_text(context, result), reply_markup=markup)
    return None


async def pressed_when(
    update: Update, context: KhoosheContext, draft: dict[str, Any]
) -> str | None:
    """The kept text completed by the half of the day pressed, or None for a stale button."""
    query = update.callback_query
    assert query is not None
    (half,) = cb.WHEN_HALF.words(query.data)
    kept = draft.pop(_KEPT, None)
    if not isinstance(kept, str):
        await answer(update, context.t("button-expired"), alert=True)
        return None
    await answer(update)
    words = _HALVES if persian_script(context.t.lang) else _HALVES_EN
    completed = f"{kept} {words[half]}"
    await replace_pressed(update, context.t("when-half-chosen", text=completed))
    return completed


def off_day_line(context: KhoosheContext, at: datetime) -> str | None:
    """A warning naming the day off `at` falls on, or None on a working day."""
    from bot.services.workdays import off_day

    off = off_day(at, context.settings.tz, context.state.holidays)
    if off is None:
        return None
    t = context.t
    if off.holiday is not None:
        return t("when-warning-holiday", day=t.date(at), name=off.holiday)
    return t("when-warning-friday", day=t.date(at))
