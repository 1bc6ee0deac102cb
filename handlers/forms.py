"""One way to build a form: a persisted ConversationHandler with the same ways out.

Every form (registration and profile edits, a report, a follow-up, a training-topic
suggestion, an announcement, a training) is built here, so all of them:
- leave the same ways: /cancel, the ❌ button, the form's own inline cancel button, or a
  main-menu button (which then does what it says);
- are stored in SQLite under their name and survive a restart;
- restart from their entry point (a second /report resumes rather than being ignored);
- time out after FORM_TIMEOUT_SECONDS of silence, so abandoned forms do not stay open (and in
  `ptb_conversations`) for ever; the member is told where their draft is kept (`timeout_key`).

Buttons are tracked per chat and user on purpose, as PTB warns we might not want: a form is one
person's, in their private chat, and its buttons are checked by handlers/middleware.py.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import Button
from bot.context import KhoosheApplication, KhoosheContext
from handlers import menu
from handlers.keyboards import answer, replace_pressed

log = logging.getLogger(__name__)

Callback = Callable[[Update, KhoosheContext], Coroutine[Any, Any, Any]]
Handlers = Sequence[BaseHandler[Any, Any, Any]]


def form(
    app: Application,
    name: str,
    *,
    entry_points: Handlers,
    states: Mapping[object, Handlers],
    cancel: Callback,
    leave_for_menu: Callback,
    timeout_key: str | Callable[[KhoosheContext], str],
    cancel_button: Button | None = None,
    fallbacks: Handlers = (),
    timeout: float | None = None,
) -> ConversationHandler[KhoosheContext]:
    """A form named `name` (its key in SQLite), with the common ways out after `fallbacks`.

    `timeout_key` is what the member is told when the form times out (a message id, or a
    function of the context choosing one); `timeout` overrides FORM_TIMEOUT_SECONDS.
    """
    assert isinstance(app, KhoosheApplication)
    buttons = menu.buttons(app)
    ways_out: list[BaseHandler[Any, Any, Any]] = [
        CommandHandler("cancel", cancel),
        MessageHandler(buttons.cancel, cancel),
    ]
    if cancel_button is not None:
        ways_out.append(CallbackQueryHandler(cancel, pattern=cancel_button.pattern()))
    ways_out += fallbacks
    ways_out.append(MessageHandler(buttons.menu, leave_for_menu))
    steps: dict[object, list[BaseHandler[Any, Any, Any]]] = {
        step: list(handlers) for step, handlers in states.items()
    }
    steps[ConversationHandler.TIMEOUT] = [TypeHandler(Update, _timed_out(name, timeout_key))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=list(entry_points),
            states=steps,
            fallbacks=ways_out,
            name=name,
            persistent=True,
            allow_reentry=True,
            conversation_timeout=timeout or app.state.settings.form_timeout_seconds,
        )


def card_input(
    app: Application,
    name: str,
    about: str,
    *,
    entry_points: Handlers,
    states: Mapping[object, Handlers],
    cancel_button: Button,
) -> ConversationHandler[KhoosheContext]:
    """A form asking staff or an adviser for one message in the chat of a card (a reply to a
    report or a request, a merge's code), what it is about kept in `user_data[about]`."""
    return form(
        app,
        name,
        entry_points=entry_points,
        states=states,
        # Cancelled: nothing is sent. A group has no main menu to show.
        cancel=cancel_quietly(about, "triage-input-cancelled"),
        cancel_button=cancel_button,
        # A main-menu button instead of the text: the button does what it says.
        leave_for_menu=leave_dropping(about),
        timeout_key="triage-input-timeout",
    )


def draft(context: KhoosheContext, key: str) -> dict[str, Any]:
    """A form's draft, `user_data[key]` (made empty the first time)."""
    assert context.user_data is not None
    found: dict[str, Any] = context.user_data.setdefault(key, {})
    return found


def cancel_dropping(draft_key: str, said: str, pressed: str | None = None) -> Callback:
    """A form's `cancel` when nothing of it was stored yet: the press answered (its message
    replaced by `pressed`, if given), the draft `user_data[draft_key]` dropped, and `said` told
    with the main menu."""

    async def cancel(update: Update, context: KhoosheContext) -> int:
        await answer(update)
        if pressed is not None:
            await replace_pressed(update, context.t(pressed))
        if context.user_data is not None:
            context.user_data.pop(draft_key, None)
        await menu.show_menu(update, context, said)
        return ConversationHandler.END

    return cancel


def cancel_quietly(draft_key: str, said: str) -> Callback:
    """A form's `cancel` in a chat where the main menu has no place (a staff or core group):
    the press answered, the draft `user_data[draft_key]` dropped, and `said` sent, nothing more."""

    async def cancel(update: Update, context: KhoosheContext) -> int:
        if update.callback_query is not None:
            await update.callback_query.answer()
        assert context.user_data is not None and update.effective_chat is not None
        context.user_data.pop(draft_key, None)
        await context.bot.send_message(update.effective_chat.id, context.t(said))
        return ConversationHandler.END

    return cancel


def leave_dropping(draft_key: str | None = None) -> Callback:
    """A form's `leave_for_menu` when its draft is not worth keeping: a main-menu button drops
    `user_data[draft_key]` (if the form keeps one), closes the form and does what it says."""

    async def leave_for_menu(update: Update, context: KhoosheContext) -> int:
        if draft_key is not None and context.user_data is not None:
            context.user_data.pop(draft_key, None)
        await menu.on_menu_button(update, context)
        return ConversationHandler.END

    return leave_for_menu


def _timed_out(name: str, key: str | Callable[[KhoosheContext], str]) -> Callback:
    async def timed_out(update: Update, context: KhoosheContext) -> None:
        """The form waited too long: close it now (not at PTB's next persistence flush, so a
        restart cannot reopen it) and say where the draft is; the draft itself stays."""
        await context.save_form_now(name, None)
        chat = update.effective_chat
        if chat is None or chat.type != chat.PRIVATE:
            return
        message_id = key if isinstance(key, str) else key(context)
        try:
            await context.bot.send_message(chat.id, context.t(message_id))
        except TelegramError as exc:  # blocked meanwhile: the draft is kept all the same
            log.info("form timeout not told (%s)", exc.__class__.__name__)

    return timed_out
