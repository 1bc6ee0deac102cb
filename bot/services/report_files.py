"""A report's attachments for staff: counted by kind, and sent to the chat that asked for them.

Members attach photos, files and voice notes while filing (and with follow-ups); staff get
them on demand, from the card's, the full view's or /show's «📎 پیوست‌ها» button, each as
what it is (a photo as a photo, a voice note as a voice note), one after another in the order
they were added, each captioned with the report's code and its number ("2 of 3").

A file sent on the other platform (a Bale member's report read by staff on Telegram) cannot be
sent by its id: it goes through the same one upload as a broadcast's picture
(bot/services/files.py). If that is impossible (the other platform is down, the file is over
the 20 MB a bot may download), the staff member is told so in its place, never left guessing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import aiosqlite
from telegram import InputFile, Message
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.i18n import Texts
from bot.platforms import send_voice_note
from bot.services.files import Uploads, download
from bot.settings import Platform
from storage.attachments import KINDS, Attachment, file_id_on, remember_file_id

log = logging.getLogger(__name__)

# The name an uploaded copy gets when the member's file had none (photos and voice notes).
_UPLOAD_NAMES = {"photo": "photo.jpg", "voice": "voice.ogg", "document": "file"}


class Unreachable(Exception):
    """The file lives on another platform and cannot be fetched from there now."""


def kinds_text(t: Texts, counts: Mapping[str, int]) -> str:
    """ "1 photo, 1 file, 1 voice note" (or "none"), for a card, the full view, the export."""
    parts = [
        t.label(f"attachment-count-{kind}", count=counts[kind])
        for kind in KINDS
        if counts.get(kind)
    ]
    return t.label("list-separator").join(parts) if parts else t.label("attachments-none")


def export_text(t: Texts, counts: Mapping[str, int]) -> str:
    """The export's cell: how many, then of which kinds."""
    total = sum(counts.values())
    return t.label("export-attachments", total=total, kinds=kinds_text(t, counts))


async def send_attachments(
    db: aiosqlite.Connection,
    uploads: Uploads,
    bots: Mapping[Platform, ExtBot[Any]],
    platform: Platform,
    chat_id: int,
    attachments: Sequence[Attachment],
    t: Texts,
    code: str,
    reply_to: int | None = None,
) -> int:
    """Send the files to a chat on `platform`, in order; return how many arrived.

    One at a time, each awaited: the platform's rate limiter spaces them (a group's
    20-a-minute included), so a report with many files arrives in order and does not flood.
    """
    bot = bots[platform]
    total = len(attachments)
    sent = 0
    for number, attachment in enumerate(attachments, start=1):
        values = {"code": t.digits(code), "number": number, "total": total}
        kind = t.label(f"attachment-kind-{attachment.kind}")
        reply = reply_to if number == 1 else None
        try:
            await _send_one(db, uploads, bots, bot, platform, chat_id, attachment,
                            t("triage-attachment-caption", **values), reply)  # fmt: skip
            sent += 1
            continue
        except Unreachable as exc:
            log.info("attachment %s not brought to %s (%s)", attachment.id, platform, exc)
            origin = t.label(f"platform-{attachment.platform}")
            note = t("triage-attachment-elsewhere", kind=kind, platform=origin, **values)
        except TelegramError as exc:
            log.info("attachment %s not sent (%s)", attachment.id, exc.__class__.__name__)
            note = t("triage-attachment-failed", kind=kind, **values)
        try:
            await bot.send_message(chat_id, note, reply_to_message_id=reply)
        except TelegramError as exc:  # the chat itself refuses: the rest would fail too
            log.info("attachments of report %s stopped (%s)", code, exc.__class__.__name__)
            break
    return sent


async def _send_one(
    db: aiosqlite.Connection,
    uploads: Uploads,
    bots: Mapping[Platform, ExtBot[Any]],
    bot: ExtBot[Any],
    platform: Platform,
    chat_id: int,
    attachment: Attachment,
    caption: str,
    reply_to: int | None,
) -> Message:
    async def send(media: str | bytes) -> Message:
        upload: str | InputFile = (
            media
            if isinstance(media, str)
            else InputFile(media, filename=attachment.file_name or _UPLOAD_NAMES[attachment.kind])
        )
        if attachment.kind == "photo":
            return await bot.send_photo(
                chat_id, upload, caption=caption, reply_to_message_id=reply_to
            )
        if attachment.kind == "voice":
            return await send_voice_note(
                bot, chat_id, upload, caption=caption, reply_to_message_id=reply_to
            )
        return await bot.send_document(
            chat_id, upload, caption=caption, reply_to_message_id=reply_to
        )

    async def fetch() -> bytes:
        origin = bots.get(Platform(attachment.platform))
        if origin is None:
            raise Unreachable(f"{attachment.platform} is not configured")
        try:
            return await download(origin, attachment.file_id)
        except (TelegramError, RuntimeError) as exc:  # RuntimeError: that platform is not up
            raise Unreachable(exc.__class__.__name__) from exc

    async def remember(new_id: str) -> None:
        await remember_file_id(db, attachment.id, platform.value, new_id)

    async def known() -> str | None:
        return await file_id_on(db, attachment, platform.value)

    return await uploads.send(
        ("attachment", attachment.id),
        platform.value,
        known=known,
        fetch=fetch,
        send=send,
        remember=remember,
    )
