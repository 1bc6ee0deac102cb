"""Notices: the messages the bot owes someone after a stored event, sent through the outbox.

A handler that stores an event (a report filed, a status changed, a reply or a follow-up)
queues what it owes in the outbox before it acknowledges anything, so a crash (kill -9) loses
none of it, and the sending happens outside the handler, paced per chat (see
bot/services/outbox.py): a staff group at its 20-a-minute limit delays nobody else.

Texts are rendered here for each recipient's language and platform; a relay too long for
one message is split between words into messages that each fit, counting the template and,
on Bale, the escaped length (exactly what will be sent).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import aiosqlite
from telegram import InlineKeyboardMarkup

from bot.i18n import Rendered, Texts
from bot.settings import Platform
from bot.text import MESSAGE_MAX, clean, utf16_len
from storage.outbox_queue import PersonalRow, queue_notices

_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Notice:
    """One message owed to one chat, already rendered for it."""

    platform: Platform
    chat_id: int
    text: str = ""
    member_id: int | None = None
    markup: InlineKeyboardMarkup | None = None
    # A report card: remembered as being about this report once sent (replies, buttons).
    remember: int | None = None
    # News about a report: sent as a reply to that report's card in this chat.
    reply_card: int | None = None
    # A file to copy instead of text: (chat id, message id) it was sent in.
    copy: tuple[int, int] | None = None
    # The copy's caption instead of the one it was sent with (see `copy_caption`).
    caption: str | None = None

    def payload(self) -> dict[str, object]:
        """As stored in the outbox row (read back by the outbox's `_send_payload`)."""
        payload: dict[str, object] = {"text": self.text}
        if self.markup is not None:
            payload["buttons"] = [
                [{"text": b.text, "data": b.callback_data} for b in row]
                for row in self.markup.inline_keyboard
            ]
        if self.remember is not None:
            payload["remember"] = self.remember
        if self.reply_card is not None:
            payload["reply_card"] = self.reply_card
        if self.copy is not None:
            payload["copy"] = list(self.copy)
            if self.caption is not None:
                payload["caption"] = self.caption
        return payload


def split_words(text: str, room: int, measure: Callable[[str], int]) -> list[str]:
    """`text` in pieces of at most `room` by `measure` (additive over characters), cut
    between words; a single word longer than that is cut inside."""
    pieces: list[str] = []
    current, size = "", 0
    for token in _WORDS.findall(text):
        word = token.rstrip()
        blank = token[len(word) :]
        if current and size + measure(word) > room:
            pieces.append(current.rstrip())
            current, size = "", 0
        if not current and not word:
            continue  # no piece starts with blanks
        while measure(word) > room:  # one "word" longer than a whole message
            cut = _longest_prefix(word, room, measure)
            pieces.append(word[:cut])
            word = word[cut:]
        current += word + blank
        size += measure(word + blank)
    if current.strip():
        pieces.append(current.rstrip())
    return pieces or [""]


def _longest_prefix(word: str, room: int, measure: Callable[[str], int]) -> int:
    total = 0
    for index, char in enumerate(word):
        total += measure(char)
        if total > room:
            return max(index, 1)
    return len(word)


def fit(t: Texts, msg_id: str, field: str, value: str, **kwargs: object) -> list[Rendered]:
    """The message `msg_id` with `value` in `field`: one message if it fits in MESSAGE_MAX,
    otherwise as many as it takes, each with the template and a piece of the value."""
    limit = MESSAGE_MAX
    whole = t(msg_id, **kwargs, **{field: value})
    if utf16_len(whole) <= limit:
        return [whole]
    room = limit - utf16_len(t(msg_id, **kwargs, **{field: ""}))
    if room <= 0:
        raise ValueError(f"{msg_id} leaves no room for its text")
    pieces = split_words(value, room, lambda s: utf16_len(t.escape(s)))
    return [t(msg_id, **kwargs, **{field: piece}) for piece in pieces]


def copy_caption(t: Texts, caption: str | None) -> str | None:
    """The caption a copy of a member's file is sent with: None keeps the member's own, but
    one carrying bidi controls or other invisible characters (U+202E would turn the line
    around for every reader) is replaced by the same text through the one sanitiser."""
    if not caption or clean(caption) == caption:
        return None
    return t.escape(clean(caption))


def event_key(*parts: object) -> str:
    """A notice's key: unique to one event (nothing to deduplicate but the event itself)."""
    return ":".join([*(str(p) for p in parts), uuid.uuid4().hex[:12]])


async def queue(
    db: aiosqlite.Connection,
    configured: Sequence[Platform],
    owner: Platform,
    key: str,
    notices: Sequence[Notice],
    *,
    announced_report: int | None = None,
    announced_consultation: int | None = None,
) -> int:
    """Queue an event's notices in one transaction; return how many messages were queued.

    Notices for a platform that is not configured are dropped (nobody could send them).
    A chat's second message (a long text's next part, a file after its text) goes in a
    later batch, keeping the outbox's one row per chat and notice, and the chat's order.
    """
    batches: list[list[PersonalRow]] = []
    seen: dict[tuple[str, int], int] = {}
    for notice in notices:
        if notice.platform not in configured:
            continue
        where = (notice.platform.value, notice.chat_id)
        index = seen.get(where, 0)
        seen[where] = index + 1
        while len(batches) <= index:
            batches.append([])
        batches[index].append(
            PersonalRow(notice.platform.value, notice.chat_id, notice.member_id, notice.payload())
        )
    keyed = [(key if i == 0 else f"{key}#{i + 1}", rows) for i, rows in enumerate(batches)]
    return await queue_notices(
        db,
        owner.value,
        keyed,
        announced_report=announced_report,
        announced_consultation=announced_consultation,
    )
