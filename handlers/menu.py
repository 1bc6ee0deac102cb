"""Main menu, /help, /cancel outside a form, and the catch-alls that keep nobody in silence.

Nothing a member sends is lost: text outside any form (at the menu, after /start, in reply to
an old message) is kept in their user data, stored before it is quoted back with «ثبت
به‌عنوان مشکل؟»; one tap opens the report form with it (handlers/reports.py
`start_from_text`), another lets it go. A photo, document or voice note is offered the same
way: the tap makes it the report's attachment and its caption, if any, the first part of the
description. An album (several photos or files with one media_group_id, which arrive as one
message each) gets one offer, its wording following as the rest of the album arrives; the tap
makes them all attachments. A greeting or thanks alone is answered in kind, with the menu.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import (
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.platforms import is_forwarded, voice_note
from bot.roles import Access, Role, access_of
from bot.services.reports import (
    DraftError,
    add_attachment,
    add_text,
    is_greeting,
    small_talk,
)
from bot.text import shorten
from handlers import keyboards, offerings, profile, triage
from handlers.keyboards import MENU_IDS, Handler, answer, inline, main_menu, replace_pressed
from storage.members import Member
from storage.reports import NewAttachment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Buttons:
    """Filters matching the reply-keyboard buttons in every language."""

    menu: filters.BaseFilter
    cancel: filters.BaseFilter

    @property
    def text(self) -> filters.BaseFilter:
        """Typed text a form step takes: not a command, not a reply-keyboard button (those are
        the form's ways out, handlers/forms.py)."""
        return filters.TEXT & ~filters.COMMAND & ~self.menu & ~self.cancel

    @property
    def other(self) -> filters.BaseFilter:
        """Anything else a form step gets (a file, a sticker…), to be answered, not dropped."""
        return ~filters.COMMAND & ~self.menu & ~self.cancel


# What a described draft takes besides text (add_to_draft, below). AUDIO: some Bale clients
# send voice notes as audio.
MEDIA = filters.PHOTO | filters.Document.ALL | filters.VOICE | filters.AUDIO


def private_label(app: Application, msg_id: str, callback: Handler) -> MessageHandler[Any, Any]:
    """A main-menu button's handler (the keyboard is only shown in private chats)."""
    return MessageHandler(label_filter(app, msg_id) & filters.ChatType.PRIVATE, callback)


def label_filter(app: Application, msg_id: str) -> filters.BaseFilter:
    """A filter for one reply-keyboard button, in every language."""
    assert isinstance(app, KhoosheApplication)
    return filters.Text(app.state.locales.labels(msg_id))


def buttons(app: Application) -> Buttons:
    """Build the button filters from the loaded locales."""
    assert isinstance(app, KhoosheApplication)
    locales = app.state.locales
    return Buttons(
        menu=filters.Text([label for msg_id in MENU_IDS for label in locales.labels(msg_id)]),
        cancel=filters.Text(locales.labels("button-cancel")),
    )


# What a menu answer says that only makes sense with the member's menu: staff who are not
# members get their own help instead (show_menu).
_MEMBERS_ONLY = frozenset({"menu-choose", "help-member"})


async def show_menu(update: Update, context: KhoosheContext, key: str, **kwargs: object) -> None:
    """Send `key` with the main menu keyboard (or, for strangers, the way to register; for
    staff who are not members, `key` and their own help, as they have no member menu)."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    access = await access_of(context, user.id)
    if context.member is None:
        if key != "not-registered-hint" and access.holds_a_role:
            if key not in _MEMBERS_ONLY:
                await context.bot.send_message(chat.id, context.t(key, **kwargs))
            await role_help(update, context, access)
            return
        await context.bot.send_message(
            chat.id, context.t("not-registered-hint"), reply_markup=ReplyKeyboardRemove()
        )
        return
    await context.bot.send_message(
        chat.id, context.t(key, **kwargs), reply_markup=main_menu(context.t, access)
    )


async def on_menu_button(update: Update, context: KhoosheContext) -> None:
    """A main-menu button was tapped."""
    assert update.message is not None and update.message.text is not None
    label = update.message.text
    t = context.t
    if context.member is None:
        await show_menu(update, context, "not-registered-hint")
    elif label == t.label("menu-offerings"):
        await offerings.show_list(update, context)
    elif label == t.label("menu-profile"):
        await profile.send_profile(update, context)
    elif label == t.label("menu-help"):
        await help_command(update, context)
    elif label == t.label("menu-staff"):
        await staff_help(update, context)
    else:  # a button from the other language's keyboard
        await show_menu(update, context, "menu-choose")


async def help_command(update: Update, context: KhoosheContext) -> None:
    """/help: what the bot can do for this person (staff see their commands even unregistered)."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if context.member is not None:
        await show_menu(update, context, "help-member")
    elif not access.holds_a_role:
        await show_menu(update, context, "not-registered-hint")
    await role_help(update, context, access)


async def role_help(update: Update, context: KhoosheContext, access: Access) -> None:
    """The commands this person's roles give them: staff's or an admin's, and an adviser's
    (issue 17) whatever else they are. Nothing for a member without a role."""
    if access.is_staff_side:
        await staff_help(update, context)
    if access.adviser_cores:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, context.t("help-adviser"))


async def staff_or_member(
    update: Update,
    context: KhoosheContext,
    staff: Callable[[Update, KhoosheContext, Access], Awaitable[None]],
    member: Callable[[Update, KhoosheContext, Member], Awaitable[None]],
) -> None:
    """A command both sides use (/proposals, /surveys): staff (agents and advisers too) get
    `staff`, a registered member `member`, anyone else the way to register."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if access.is_staff_side:
        await staff(update, context, access)
    elif context.member is not None:
        await member(update, context, context.member)
    else:
        await show_menu(update, context, "not-registered-hint")


async def staff_help(update: Update, context: KhoosheContext) -> None:
    """The staff commands this user may use."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    access = await access_of(context, user.id)
    if access.has(Role.ADMIN):
        await context.bot.send_message(chat.id, context.t("help-admin"))
    elif access.is_staff_side:
        await context.bot.send_message(chat.id, context.t("help-staff"))
    else:
        await show_menu(update, context, "menu-choose")


async def cancel_outside(update: Update, context: KhoosheContext) -> None:
    """/cancel when nothing is in progress."""
    await show_menu(update, context, "nothing-to-cancel")


async def start_in_group(update: Update, context: KhoosheContext) -> None:
    """/start in a group: registration is private."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("private-only"))


# user_data key of what was sent outside a form, by message id (persisted with user_data): a
# text as a string, a file as a dict of its ids and caption, an album (by its first message)
# as a dict of its caption, its media_group_id, its offer's message id and its files.
LOOSE_TEXTS = "loose_texts"
# The offers a member may still tap: older ones expire (what they kept is dropped).
LOOSE_KEPT = 5
QUOTE_CHARS = 300
# How an offer names what was sent.
_FILE_KINDS = {
    "photo": "loose-file-photo",
    "voice": "loose-file-voice",
    "document": "loose-file-document",
}


@dataclass(frozen=True)
class Loose:
    """What a member sent outside any form: a text, or files with their caption ("" if none)."""

    text: str
    attachments: tuple[NewAttachment, ...] = ()


def _quote(text: str) -> str:
    return shorten(text, QUOTE_CHARS)


def take_loose(context: KhoosheContext, key: int) -> Loose | None:
    """Remove and return what was kept under `key` (a message id), or None if it is gone."""
    assert context.user_data is not None
    kept: dict[str, Any] = context.user_data.get(LOOSE_TEXTS, {})
    value = kept.pop(str(key), None)
    if not kept:
        context.user_data.pop(LOOSE_TEXTS, None)
    if isinstance(value, str):
        return Loose(value)
    if isinstance(value, dict):
        files = value.get("files", [value])
        return Loose(value.get("text") or "", tuple(map(_attachment, files)))
    return None


def _attachment(kept: dict[str, Any]) -> NewAttachment:
    kind, file_id, unique = kept["kind"], kept["file_id"], kept["file_unique_id"]
    return NewAttachment(kind, file_id, unique, kept.get("file_name"))


def _kept_file(file: NewAttachment) -> dict[str, Any]:
    return {
        "kind": file.kind,
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "file_name": file.file_name,
    }


def attachment_of(message: Message) -> NewAttachment | None:
    """The photo, document or voice note a message carries, as a report keeps it."""
    if message.photo:
        best = message.photo[-1]
        return NewAttachment("photo", best.file_id, best.file_unique_id)
    if message.document is not None:
        doc = message.document
        return NewAttachment("document", doc.file_id, doc.file_unique_id, doc.file_name)
    if (voice := voice_note(message)) is not None:  # Bale may send it as audio
        return NewAttachment("voice", voice.file_id, voice.file_unique_id)
    return None


def _offer_markup(context: KhoosheContext, key: int) -> InlineKeyboardMarkup:
    return inline(
        context.t,
        [
            ("loose-text-button-report", cb.LOOSE_TEXT_REPORT.pack(key)),
            ("loose-text-button-dismiss", cb.LOOSE_TEXT_DISMISS.pack(key)),
        ],
    )


def _offer_text(context: KhoosheContext, text: str, files: list[NewAttachment]) -> str:
    """«ثبت به‌عنوان مشکل؟» under what was sent: a text, a file, or an album's files."""
    t = context.t
    if not files:
        return t("loose-text-offer", text=_quote(text))
    if len(files) == 1:
        what, offer = t(_FILE_KINDS[files[0].kind]), "loose-file-offer"
    else:
        photos = all(file.kind == "photo" for file in files)
        what = t("loose-album-photos" if photos else "loose-album-files", count=len(files))
        offer = "loose-album-offer"
    if text:
        return t(f"{offer}-caption", what=what, text=_quote(text))
    return t(offer, what=what)


async def add_to_draft(draft: dict[str, Any], message: Message) -> None:
    """A member's message into a described draft (a report's, a request for advice's): its
    text, or its photo, document or voice note with the caption. DraftError's key says what
    to tell them (a forward, a sticker, too long, too many files…)."""
    if is_forwarded(message):
        raise DraftError("report-no-forwards")
    if message.text is not None:
        await add_text(draft, message.text)
        return
    attachment = attachment_of(message)
    if attachment is None:
        raise DraftError("report-unsupported")
    add_attachment(draft, attachment)
    if message.caption:
        await add_text(draft, message.caption)


async def _offer_report(
    update: Update, context: KhoosheContext, text: str, file: NewAttachment | None = None
) -> None:
    """Keep what was sent (on disk first), then offer it back with «ثبت به‌عنوان مشکل؟»."""
    message, chat = update.message, update.effective_chat
    assert message is not None and chat is not None and context.user_data is not None
    kept: dict[str, Any] = context.user_data.setdefault(LOOSE_TEXTS, {})
    key = str(message.message_id)
    if file is None:
        kept[key] = text
    elif message.media_group_id:
        kept[key] = {"text": text, "album": message.media_group_id, "files": [_kept_file(file)]}
    else:
        kept[key] = {"text": text, **_kept_file(file)}
    for old in list(kept)[:-LOOSE_KEPT]:
        del kept[old]
    # Stored before the member sees it was taken, as a form stores its draft: no conversation
    # is behind this, so the "state" written is None under a name of its own.
    await context.save_form_now(LOOSE_TEXTS, None)
    offer = await context.bot.send_message(
        chat.id,
        _offer_text(context, text, [file] if file else []),
        reply_markup=_offer_markup(context, message.message_id),
    )
    if message.media_group_id and isinstance(kept.get(key), dict):
        # The album's next files edit this offer rather than each getting one.
        kept[key]["offer"] = offer.message_id
        await context.save_form_now(LOOSE_TEXTS, None)


async def _join_album(update: Update, context: KhoosheContext, file: NewAttachment | None) -> bool:
    """Add a file of an album already offered to its offer; False if no offer has it."""
    message, chat = update.message, update.effective_chat
    assert message is not None and chat is not None and context.user_data is not None
    kept: dict[str, Any] = context.user_data.get(LOOSE_TEXTS, {})
    found = [
        (key, value)
        for key, value in kept.items()
        if isinstance(value, dict) and value.get("album") == message.media_group_id
    ]
    if not found:
        return False
    key, album = found[-1]
    if file is None:
        return True  # a video in the album: not kept, and no menu hint between its photos
    album["files"].append(_kept_file(file))
    album["text"] = album["text"] or (message.caption or "").strip()
    await context.save_form_now(LOOSE_TEXTS, None)
    if "offer" in album:
        files = [_attachment(kept_file) for kept_file in album["files"]]
        try:
            await context.bot.edit_message_text(
                _offer_text(context, album["text"], files),
                chat_id=chat.id,
                message_id=album["offer"],
                reply_markup=_offer_markup(context, int(key)),
            )
        except TelegramError as error:
            # The files are kept all the same: the tap takes them, whatever the offer says.
            log.warning("could not update an album's offer: %s", error)
    return True


async def fallback_message(update: Update, context: KhoosheContext) -> None:
    """Anything no feature understood: a member's own words, photos, documents and voice
    notes are offered as a report; anything else gets a hint and the menu, never silence.

    Staff replies to report cards arrive here too, being last in order: a reply can only be
    told apart from any other message by looking the replied-to card up in the database, and
    no form or menu step may lose a member's message to that lookup.
    """
    if await triage.relay_card_reply(update, context):
        return
    await answer_loose(update, context)


async def answer_loose(update: Update, context: KhoosheContext) -> None:
    """A message no feature took, once it is known not to answer a report card: a member's
    words or files are offered as a report; anything else gets a hint and the menu."""
    chat, message = update.effective_chat, update.message
    if chat is None or chat.type != chat.PRIVATE:
        return
    if context.member is not None and message is not None and not is_forwarded(message):
        text = message.text
        talk = small_talk(text) if text else None
        if talk is not None:  # «سلام», «ممنون»: answered in kind, with the menu
            await show_menu(update, context, talk, name=context.member.name)
            return
        if text and not text.startswith("/") and not is_greeting(text):
            await _offer_report(update, context, text)
            return
        file = attachment_of(message)
        if message.media_group_id and await _join_album(update, context, file):
            return
        if file is not None:
            await _offer_report(update, context, (message.caption or "").strip(), file)
            return
    await show_menu(update, context, "menu-choose")


async def on_dismiss_text(update: Update, context: KhoosheContext) -> None:
    """«نه، لازم نیست»: the kept text is let go."""
    query = update.callback_query
    assert query is not None
    key = cb.LOOSE_TEXT_DISMISS.first_int(query.data)
    if key is None or take_loose(context, key) is None:
        await answer(update, context.t("button-expired"), alert=True)
        return
    await answer(update)
    await context.save_form_now(LOOSE_TEXTS, None)
    await replace_pressed(update, context.t("loose-text-dismissed"))


async def stale_button(update: Update, context: KhoosheContext) -> None:
    """A button from an old message, or one whose step has passed."""
    query = update.callback_query
    assert query is not None
    await query.answer(context.t("button-expired"), show_alert=True)


def register_menu(app: Application) -> None:
    """Install /help, menu buttons and /cancel (after the form, which handles its own)."""
    private = filters.ChatType.PRIVATE
    app.add_handler(keyboards.private_command("help", help_command))
    app.add_handler(keyboards.private_command("cancel", cancel_outside))
    # In groups the member-facing commands only point to the private chat: a profile card
    # there would show a member's phone number to everyone.
    app.add_handler(
        CommandHandler(["start", "profile", "help", "cancel"], start_in_group, filters=~private)
    )
    app.add_handler(MessageHandler(buttons(app).menu & filters.ChatType.PRIVATE, on_menu_button))
    app.add_handler(MessageHandler(buttons(app).cancel & filters.ChatType.PRIVATE, cancel_outside))
    app.add_handler(CallbackQueryHandler(on_dismiss_text, pattern=cb.LOOSE_TEXT_DISMISS.pattern()))


def register_fallbacks(app: Application) -> None:
    """Install the catch-alls; they must come after every feature."""
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_handler(MessageHandler(filters.ALL, fallback_message))  # ignores groups itself
