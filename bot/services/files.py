"""Files across platforms: fetched once from where they were sent, uploaded once elsewhere.

A file id means something only on the platform that gave it: a Bale photo's id is refused by
Telegram. The first message on another platform therefore uploads the file itself (its bytes
fetched from the platform it came from) and the id that upload produces is remembered, so every
later message there reuses it. A lock per (file, platform) keeps concurrent senders (outbox
workers, two staff pressing at once) from uploading the same file twice.

Broadcast pictures (bot/services/outbox.py) and members' report attachments
(bot/services/report_files.py) both go through `Uploads.send`; only where the ids are kept
differs, so each passes its own `known` and `remember`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Message
from telegram.ext import ExtBot

# A file's identity for the locks: ("broadcast", id), ("attachment", id).
FileKey = tuple[str, int]


def file_id_of(message: Message) -> str | None:
    """The id a sent message's file got on its platform."""
    if message.photo:
        return message.photo[-1].file_id
    if message.document:
        return message.document.file_id
    if message.voice:
        return message.voice.file_id
    return None


async def download(bot: ExtBot[Any], file_id: str) -> bytes:
    """A file's bytes from the platform that knows its id."""
    return bytes(await (await bot.get_file(file_id)).download_as_bytearray())


class Uploads:
    """One upload per file and platform (see the module's docstring)."""

    def __init__(self) -> None:
        self._locks: dict[tuple[FileKey, str], asyncio.Lock] = {}

    async def send(
        self,
        key: FileKey,
        platform: str,
        *,
        known: Callable[[], Awaitable[str | None]],
        fetch: Callable[[], Awaitable[bytes]],
        send: Callable[[str | bytes], Awaitable[Message]],
        remember: Callable[[str], Awaitable[None]],
    ) -> Message:
        """Send the file by its id on `platform` if it has one there; otherwise upload it
        (`fetch` gives the bytes) and `remember` the id the upload produced."""
        file_id = await known()
        if file_id is None:
            async with self._locks.setdefault((key, platform), asyncio.Lock()):
                file_id = await known()
                if file_id is None:
                    message = await send(await fetch())
                    new_id = file_id_of(message)
                    if new_id is not None:
                        await remember(new_id)
                    return message
        return await send(file_id)
