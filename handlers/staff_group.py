"""Staff commands typed in the staff group: the ones that work only in a private chat point
there, and /help says which commands work in the group and which in private.

Which commands the group takes is read from the handlers registered (`taken_in`), so a
command given a place in the group (`staff_lists.staff_chats`) moves from one list to the
other by itself. Installed after every feature and before the menu's group answers; only
people with a staff role (bot/roles.py) get an answer, anyone else what they got before
(nothing, or for /help the member's "message me in private").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from telegram import Chat, Message, Update, User
from telegram.ext import Application, BaseHandler, CommandHandler, ConversationHandler, filters

from bot.context import KhoosheApplication, KhoosheContext
from bot.roles import STAFF_COMMANDS, access_of, staff_commands
from handlers import menu


def _handlers(
    handlers: Iterable[BaseHandler[Any, Any, Any]],
) -> Iterator[BaseHandler[Any, Any, Any]]:
    """Every handler, a form's entry points included (a form starts with its command)."""
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            yield from _handlers(handler.entry_points)
        else:
            yield handler


def taken_in(app: Application, chat_id: int) -> frozenset[str]:
    """The commands some handler registered so far answers in this group chat."""
    probe = Update(
        0,
        message=Message(
            0,
            datetime.now(UTC),
            Chat(chat_id, Chat.GROUP),
            from_user=User(1, "probe", is_bot=False),
            text="/probe",
        ),
    )
    names: set[str] = set()
    for handler in _handlers(app.handlers.get(0, [])):
        if isinstance(handler, CommandHandler) and handler.filters.check_update(probe):
            names |= handler.commands
    return frozenset(names)


def _listed(names: Iterable[str]) -> str:
    # Each command after a left-to-right mark, as the help texts write them.
    return "  ".join(f"\u200e/{name}" for name in names)


def _bot(context: KhoosheContext) -> str:
    return f"@{context.bot.username}"


async def point_to_private(update: Update, context: KhoosheContext) -> None:
    """A private-only staff command sent in the staff group, by staff: say where it works."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not (await access_of(context, user.id)).holds_a_role:
        return
    await message.reply_text(context.t("staff-private-only", bot=_bot(context)))


def help_in_group(in_group: frozenset[str]) -> Any:
    """/help in the staff group: for staff, their commands here and in private; anyone else
    what /help in a group always said."""

    async def answer(update: Update, context: KhoosheContext) -> None:
        user, message = update.effective_user, update.effective_message
        assert user is not None and message is not None
        access = await access_of(context, user.id)
        if not access.holds_a_role:
            await menu.start_in_group(update, context)
            return
        mine = staff_commands(access)
        here = [name for name in mine if name in in_group]
        private = [name for name in mine if name not in in_group]
        await message.reply_text(
            context.t(
                "staff-help-group",
                here=_listed(here),
                private=_listed(private),
                bot=_bot(context),
            )
        )

    return answer


def register(app: Application) -> None:
    """Install the staff group's pointers and /help (when the platform has a staff group)."""
    assert isinstance(app, KhoosheApplication)
    group = app.state.settings.staff_chat_id(app.state.platform)
    if group is None:
        return
    in_group = taken_in(app, group)
    private_only = [name for name in STAFF_COMMANDS if name not in in_group]
    here = filters.Chat(group)
    app.add_handler(CommandHandler("help", help_in_group(in_group), filters=here))
    if private_only:
        app.add_handler(CommandHandler(private_only, point_to_private, filters=here))
