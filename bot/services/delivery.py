"""How one message goes out: its content and rendering, the opt-out row, and the pacing that
spaces messages per platform (`Pacer`) and per chat (`ChatPace`). See bot/services/outbox.py.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot import callbacks as cb
from bot.i18n import Locales, Texts
from bot.logs import redact
from bot.platforms import adapter
from bot.settings import BaleEscaping, Platform
from storage.outbox import ANNOUNCING, Template

# Per-chat limits (Telegram's; Bale publishes none): (messages, seconds). A group's bucket
# fills up to its 20 at once, like PTB's AIORateLimiter's own group limiter, so the outbox
# seldom waits in it; a private chat gets one message a second, evenly.
GROUP_LIMIT = (20, 60.0)
PRIVATE_LIMIT = (1, 1.0)


@dataclass(frozen=True, slots=True)
class Content:
    """What a broadcast says: plain text as the composer typed it, maybe with one file."""

    body: str
    media_kind: str | None = None  # 'photo' | 'document'
    media: str | bytes | None = None  # a file id on the sending platform, or the file itself
    media_name: str | None = None


# How each platform says a chat is not there (Bale: "no such group or user", docs/bale.md).
_GONE = ("chat not found", "user not found", "no such group or user")


def chat_is_gone(exc: TelegramError) -> bool:
    """Whether an error says the recipient's chat no longer exists for the bot."""
    lowered = str(exc).lower()
    return any(words in lowered for words in _GONE)


def texts(
    locales: Locales,
    lang: str,
    platform: Platform,
    escaping: BaleEscaping = BaleEscaping.INVISIBLE,
) -> Texts:
    """A translator for someone on a platform (outside any update); pass settings'
    `bale_escaping` so a deployment's choice holds everywhere."""
    return Texts(locales.translator(lang), adapter(platform, escaping).escape)


async def send_content(
    bot: ExtBot[Any], platform: Platform, chat_id: int, content: Content, t: Texts
) -> Message:
    """Send a broadcast's message as members see it (the composer's preview uses this too).

    The composer's text is data, not markup: on Bale, which always renders Markdown, it is
    escaped, so members read exactly what was typed.
    """
    body = t.escape(content.body) if content.body else None
    markup = InlineKeyboardMarkup([opt_out_row(t)])
    media: str | InputFile | None = None
    if content.media is not None:
        media = (
            content.media
            if isinstance(content.media, str)
            else InputFile(content.media, filename=content.media_name or "file")
        )
    if content.media_kind == "photo" and media is not None:
        return await bot.send_photo(chat_id, media, caption=body, reply_markup=markup)
    if content.media_kind == "document" and media is not None:
        return await bot.send_document(chat_id, media, caption=body, reply_markup=markup)
    assert body is not None
    return await bot.send_message(chat_id, body, reply_markup=markup)


def opt_out_row(t: Texts) -> list[InlineKeyboardButton]:
    """The "no more announcements" button every announcement carries."""
    return [
        InlineKeyboardButton(
            t.label("broadcast-button-opt-out"), callback_data=cb.ANNOUNCEMENTS_OFF.pack()
        )
    ]


def render(t: Texts, template: Template, kind: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """A templated broadcast as one recipient reads it, in their language."""
    keyboard = [
        [InlineKeyboardButton(t.label(label), callback_data=data) for label, data in row]
        for row in template.buttons
    ]
    if kind in ANNOUNCING:
        keyboard.append(opt_out_row(t))
    return t(template.msg_id, **template.args), (
        InlineKeyboardMarkup(keyboard) if keyboard else None
    )


def error_text(exc: BaseException) -> str:
    """What a failed send is stored and shown to staff as: never a token or a phone number."""
    return redact(f"{exc.__class__.__name__}: {exc}")[:300]


class Pacer:
    """Spaces sends evenly at `rate` per second (no bursts), across all of a platform's workers.

    Even spacing keeps the platform's own token bucket from ever seeing a burst (each 429
    costs a pause of at least a second for everybody), and leaves the limiter room for replies.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        """Until this sender's slot."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


class ChatPace:
    """One chat's leaky bucket: `capacity` messages, draining at capacity/period per second
    (the shape of aiolimiter's, which PTB's AIORateLimiter uses for groups)."""

    def __init__(self, capacity: float, period: float) -> None:
        self.capacity = max(capacity, 1.0)
        self.rate = capacity / period
        self.level = 0.0
        self._at = 0.0

    def _leak(self, now: float) -> None:
        self.level = max(0.0, self.level - (now - self._at) * self.rate)
        self._at = now

    def ready_in(self, now: float) -> float:
        """Seconds until one more message fits (0: now)."""
        self._leak(now)
        return max(0.0, (self.level + 1 - self.capacity) / self.rate)

    def take(self, now: float) -> None:
        """One message goes."""
        self._leak(now)
        self.level += 1

    def idle(self, now: float) -> bool:
        """Drained: forgetting it changes nothing."""
        self._leak(now)
        return self.level <= 0
