# Over 500 lines on purpose: SandboxUser, SandboxChat and the server Protocol name each other,
# and they are the one API every test reads (the plain data they hold is in messages.py).
# The driver's waits take a timeout argument on purpose: tests read best as
# `await user.next_message(timeout=2)`, and each wait fails with a description of the chat.
# ruff: noqa: ASYNC109
"""The user side of the sandbox: members that tests play, and the chats they read.

Everything here runs in the test's event loop and talks to the server (the
:class:`SandboxServer` protocol, which :class:`BotApiSandbox` implements) directly; only the bot
under test goes through HTTP. A test sends as a user (``send_text``, ``press``), then reads what
the bot did (``next_message``, ``next_edit``, ``settle``).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections import deque
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Literal, Protocol

from bot.sandbox.messages import BotMessage, CallbackAnswer, JSONDict, SandboxFile, utf16_len


class LoggedCall(Protocol):
    """One Bot API call as the server logged it (``bot.sandbox.core.ApiCall``)."""

    @property
    def params(self) -> JSONDict: ...

    def summary(self) -> str: ...


class SandboxServer(Protocol):
    """What the driver asks of the server. ``bot.sandbox.server.BotApiSandbox`` is one; the
    driver names only this, so the server may import the driver's types without a cycle."""

    @property
    def calls(self) -> Sequence[LoggedCall]: ...

    def token_of(self, bot_id: int) -> str: ...

    def has_undelivered(self, bot_id: int, chat_id: int) -> bool: ...

    def bot_working(self, bot_id: int, chat_id: int) -> bool: ...

    async def at_rest(self, bot_id: int, chat_id: int) -> bool | None: ...

    def chat_view(self, bot_id: int, chat_id: int) -> SandboxChat: ...

    def store_file(
        self, data: bytes, kind: str, file_name: str | None, mime_type: str | None
    ) -> SandboxFile: ...

    def file_object(self, stored: SandboxFile) -> JSONDict: ...

    def photo_sizes(self, stored: SandboxFile) -> list[JSONDict]: ...

    def forward_fields(self, origin: JSONDict) -> JSONDict: ...

    def user_message(
        self,
        user: SandboxUser,
        chat: SandboxChat,
        content: JSONDict,
        reply_to: int | None = None,
    ) -> JSONDict: ...

    def user_edit(
        self, user: SandboxUser, chat: SandboxChat, message_id: int, text: str
    ) -> JSONDict: ...

    def callback_query(
        self, user: SandboxUser, chat: SandboxChat, message_id: int, data: str
    ) -> asyncio.Future[CallbackAnswer | None]: ...


# Telegram's clients mark a leading "/word" as a command; PTB's CommandHandler needs that entity.
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,64})?")

# Tehran, for "share location" buttons.
_DEFAULT_LOCATION = (35.6892, 51.3890)
# How often settle() looks again at a bot that is still handling updates (seconds).
BUSY_POLL = 0.02
# How long a bot that cannot say it is done (another process) must leave a chat alone before
# settle() takes it as done (seconds).
QUIET = 0.5
# The longest a wait for a message may stretch while the bot is still working (seconds).
WAIT_CAP = 120.0


class _Own(Enum):
    """Sentinel: "the sending user's own id" for :meth:`SandboxUser.send_contact`."""

    ID = 0


OWN = _Own.ID


class SandboxChat:
    """One chat as one bot sees it: the bot's messages there, and what the test has read."""

    def __init__(self, server: SandboxServer, bot_id: int, chat: JSONDict) -> None:
        self.server = server
        self.bot_id = bot_id
        self.id: int = chat["id"]
        self.type: str = chat["type"]
        self.title: str | None = chat.get("title")
        self._chat = chat
        self.messages: list[BotMessage] = []
        self.reply_keyboard: list[list[JSONDict]] | None = None
        self._by_id: dict[int, BotMessage] = {}
        self._read = 0
        self._edits: deque[BotMessage] = deque()
        self._last_activity = 0.0
        self._changed = asyncio.Event()

    # --- what the server calls -------------------------------------------------------------

    def as_dict(self) -> JSONDict:
        """The chat object as Telegram shows it inside a message."""
        return dict(self._chat)

    def _notify(self) -> None:
        # A fresh Event per change lets every waiter wake once without clear() races.
        self._changed.set()
        self._changed = asyncio.Event()

    def _touch(self) -> None:
        self._last_activity = time.monotonic()
        self._notify()

    def _record_sent(self, message: BotMessage) -> None:
        self.messages.append(message)
        self._by_id[message.message_id] = message
        markup = message.reply_markup or {}
        if "keyboard" in markup:
            self.reply_keyboard = markup["keyboard"]
        elif markup.get("remove_keyboard"):
            self.reply_keyboard = None
        self._touch()

    def _record_edit(self, message_id: int, raw: JSONDict, markup: JSONDict | None) -> None:
        message = self._by_id.get(message_id)
        if message is None:
            return
        message.edit_history.append(message.raw)
        message.raw = raw
        message.text = raw.get("text")
        message.caption = raw.get("caption")
        # An edit can only carry an inline keyboard; a reply keyboard set earlier stays.
        if message.reply_markup is None or "inline_keyboard" in message.reply_markup:
            message.reply_markup = markup
        message.edits += 1
        self._edits.append(message)
        self._touch()

    def _record_delete(self, message_id: int) -> None:
        message = self._by_id.get(message_id)
        if message is not None:
            message.deleted = True
        self._touch()

    # --- what tests call -------------------------------------------------------------------

    @property
    def token(self) -> str:
        """Token of the bot this chat view belongs to."""
        return self.server.token_of(self.bot_id)

    @property
    def last_message(self) -> BotMessage | None:
        """The newest bot message here, consumed or not."""
        return self.messages[-1] if self.messages else None

    @property
    def unread(self) -> list[BotMessage]:
        """Bot messages not yet returned by next_message/settle."""
        return self.messages[self._read :]

    def message(self, message_id: int) -> BotMessage:
        """The bot message with this id (AssertionError if the bot never sent it)."""
        if message_id not in self._by_id:
            raise AssertionError(f"bot sent no message #{message_id} to {self._label()}")
        return self._by_id[message_id]

    async def _wait_change(self, timeout: float) -> None:
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    async def changed(self, timeout: float | None = None) -> None:
        """Return at the chat's next change (a message, an edit, a deletion) or timeout."""
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    async def wait_until(
        self, ready: Callable[[], bool], timeout: float, *, poll: bool = False
    ) -> bool:
        """Wait until ``ready()``. The ``timeout`` runs only while the bot is idle: as long as
        a watched bot still holds an update from this chat or says it is handling one, its
        outbox is sending to this chat, or it is not yet at rest for this chat (`done`: an
        update from another chat, say the staff group, may still bring a message here), the
        wait goes on, up to WAIT_CAP: a busy machine is slow, not wrong.
        ``ready`` is looked at on each change in this chat, or every BUSY_POLL with ``poll``
        (what it reads is not in the chat, e.g. a callback's answer).

        Whether the bot is busy is first asked when the timeout runs out: until then only a
        change here can make ``ready`` true, and hundreds of members waiting at once (a burst
        benchmark) would otherwise each look at the bot fifty times a second, in the process
        that also runs the sandbox. From then on it is asked every BUSY_POLL, and each time the
        bot is still busy the timeout starts again."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        deadline = started + timeout
        cap = started + max(timeout, WAIT_CAP)
        watching = poll
        while not ready():
            now = loop.time()
            if now >= deadline or watching:
                busy = self.server.bot_working(self.bot_id, self.id)
                if not busy and now >= deadline:
                    # Not busy for this chat, but maybe not done with it either: another
                    # chat's update may still bring a message here. Asked once a timeout.
                    busy = await self.server.at_rest(self.bot_id, self.id) is False
                if busy:
                    deadline = max(deadline, now + timeout)
                    watching = True  # the bot's progress is not a change here: look again soon
                elif now >= deadline:
                    return False
            remaining = min(deadline, cap) - now
            if remaining <= 0:
                return False
            await self._wait_change(min(remaining, BUSY_POLL) if watching else remaining)
        return True

    async def next_message(self, timeout: float = 5.0) -> BotMessage:
        """The next bot message this test has not consumed yet, waiting up to ``timeout``."""
        if not await self.wait_until(lambda: self._read < len(self.messages), timeout):
            raise AssertionError(f"no new bot message within {timeout}s. {self.describe()}")
        message = self.messages[self._read]
        self._read += 1
        return message

    async def next_edit(self, timeout: float = 5.0) -> BotMessage:
        """The next message the bot edited (in edit order), waiting up to ``timeout``."""
        if not await self.wait_until(lambda: bool(self._edits), timeout):
            raise AssertionError(f"no edit within {timeout}s. {self.describe()}")
        return self._edits.popleft()

    async def settle(self, timeout: float = 10.0, *, quiet: float = QUIET) -> list[BotMessage]:
        """Wait until the bot has done all it will do now in this chat (`done`); return the
        unread messages."""
        await self.done(timeout, quiet=quiet)
        fresh = self.messages[self._read :]
        self._read = len(self.messages)
        return fresh

    async def done(self, timeout: float = 10.0, *, quiet: float = QUIET) -> None:
        """Wait until the bot has done all it will do now in this chat.

        A watched bot (``BotApiSandbox.watch``) says when: every update handled, no scheduled
        job due or running, nothing in its outbox due for this chat. An update from this chat
        still waiting for the bot to fetch it is activity too, so a test can send and settle at
        once and still see "exactly one reply" or "no reply". Only a bot that cannot say (one
        in another process) is waited for until it has left this chat alone for ``quiet`` s.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            pending = self.server.has_undelivered(self.bot_id, self.id)
            rest = None if pending else await self.server.at_rest(self.bot_id, self.id)
            if rest:
                break
            quiet_for = time.monotonic() - self._last_activity
            if rest is None and not pending and quiet_for >= quiet:
                break
            remaining = deadline - loop.time()
            if remaining <= 0:
                why = (
                    "an update from this chat was never fetched (is the bot polling?)"
                    if pending
                    else "the bot kept busy"
                )
                raise AssertionError(
                    f"{self._label()} did not settle within {timeout}s: {why}. {self.describe()}"
                )
            if pending:
                wait = remaining
            elif rest is False:  # the bot's progress is not a change in this chat: look again soon
                wait = min(remaining, BUSY_POLL)
            else:
                wait = min(remaining, quiet - quiet_for)
            await self._wait_change(max(wait, 0.001))

    def _label(self) -> str:
        name = self.title or self._chat.get("first_name") or ""
        return f"{self.type} chat {self.id} {name!r}".rstrip()

    def describe(self) -> str:
        """A readable account of this chat and the recent API calls, for failure messages."""
        consumed = self.messages[: self._read]
        lines = [f"In {self._label()}: consumed {consumed!r}; unread {self.unread!r}."]
        calls = self.server.calls
        mine = [c for c in calls if c.params.get("chat_id") == self.id]
        recent = mine[-8:] if mine else calls[-8:]
        label = "Recent calls to this chat" if mine else "No calls to this chat; recent calls"
        lines.append(f"{label}: {[c.summary() for c in recent]}")
        return " ".join(lines)

    def __repr__(self) -> str:
        return f"<SandboxChat {self._label()} messages={len(self.messages)}>"


class SandboxUser:
    """A member the test plays: sends messages and presses buttons in a chat with one bot."""

    def __init__(
        self,
        server: SandboxServer,
        bot_id: int,
        profile: JSONDict,
        phone_number: str,
    ) -> None:
        self.server = server
        self.bot_id = bot_id
        self.id: int = profile["id"]
        self.first_name: str = profile["first_name"]
        self.last_name: str | None = profile.get("last_name")
        self.username: str | None = profile.get("username")
        self.language_code: str | None = profile.get("language_code")
        self.phone_number = phone_number
        self._profile = profile

    def as_dict(self) -> JSONDict:
        """The User object (Telegram shape; the bale flavour strips is_bot on delivery)."""
        return dict(self._profile)

    @property
    def chat(self) -> SandboxChat:
        """This user's private chat with the bot."""
        return self.server.chat_view(self.bot_id, self.id)

    @property
    def reply_keyboard(self) -> list[list[JSONDict]] | None:
        """The reply keyboard currently shown in the private chat (None once removed)."""
        return self.chat.reply_keyboard

    @property
    def messages(self) -> list[BotMessage]:
        """Every bot message in the private chat."""
        return self.chat.messages

    @property
    def last_message(self) -> BotMessage | None:
        """The newest bot message in the private chat."""
        return self.chat.last_message

    # --- sending ---------------------------------------------------------------------------

    def _send(
        self, content: JSONDict, chat: SandboxChat | None, reply_to: int | None = None
    ) -> JSONDict:
        return self.server.user_message(self, chat or self.chat, content, reply_to=reply_to)

    async def send_text(
        self,
        text: str,
        *,
        chat: SandboxChat | None = None,
        reply_to: int | None = None,
        forward_from: JSONDict | None = None,
    ) -> JSONDict:
        """Send a text message; a leading ``/command`` gets its bot_command entity."""
        content: JSONDict = {"text": text}
        match = _COMMAND_RE.match(text)
        if match:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}
            ]
        if forward_from is not None:
            content.update(self.server.forward_fields(forward_from))
        return self._send(content, chat, reply_to)

    async def edit_text(
        self, message_id: int, text: str, *, chat: SandboxChat | None = None
    ) -> JSONDict:
        """Edit one of one's own text messages (the bot gets an edited_message update)."""
        return self.server.user_edit(self, chat or self.chat, message_id, text)

    async def send_command(
        self, cmd: str, args: str = "", *, chat: SandboxChat | None = None
    ) -> JSONDict:
        """Send ``/cmd args`` (e.g. ``send_command("start", "c_furniture")``)."""
        text = "/" + cmd.lstrip("/")
        if args:
            text += " " + args
        return await self.send_text(text, chat=chat)

    async def send_contact(
        self,
        phone: str | None = None,
        *,
        user_id: int | Literal[_Own.ID] | None = OWN,
        first_name: str | None = None,
        last_name: str | None = None,
        chat: SandboxChat | None = None,
    ) -> JSONDict:
        """Share a contact: by default one's own (user_id = own id, own phone and name)."""
        own = user_id is OWN
        contact: JSONDict = {
            "phone_number": phone or self.phone_number,
            "first_name": first_name or (self.first_name if own else "مخاطب"),
        }
        last = last_name if last_name is not None else (self.last_name if own else None)
        if last:
            contact["last_name"] = last
        if own:
            contact["user_id"] = self.id
        elif user_id is not None:
            contact["user_id"] = user_id
        return self._send({"contact": contact}, chat)

    async def send_photo(
        self,
        data: bytes = b"\xff\xd8\xff\xe0sandbox-jpeg",
        caption: str | None = None,
        *,
        chat: SandboxChat | None = None,
    ) -> JSONDict:
        """Send a photo (stored in the sandbox; the bot can getFile it)."""
        stored = self.server.store_file(data, "photo", None, "image/jpeg")
        content: JSONDict = {"photo": self.server.photo_sizes(stored)}
        if caption is not None:
            content["caption"] = caption
        return self._send(content, chat)

    async def send_document(
        self,
        data: bytes,
        file_name: str = "file.bin",
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        *,
        chat: SandboxChat | None = None,
    ) -> JSONDict:
        """Send a document."""
        stored = self.server.store_file(data, "document", file_name, mime_type)
        content: JSONDict = {"document": self.server.file_object(stored)}
        if caption is not None:
            content["caption"] = caption
        return self._send(content, chat)

    async def send_voice(
        self,
        data: bytes = b"OggS sandbox-voice",
        duration: int = 3,
        caption: str | None = None,
        *,
        chat: SandboxChat | None = None,
    ) -> JSONDict:
        """Send a voice note."""
        stored = self.server.store_file(data, "voice", None, "audio/ogg")
        voice = self.server.file_object(stored)
        voice["duration"] = duration
        content: JSONDict = {"voice": voice}
        if caption is not None:
            content["caption"] = caption
        return self._send(content, chat)

    async def send_audio(
        self,
        data: bytes = b"ID3 sandbox-mp3",
        mime_type: str = "audio/mpeg",
        file_name: str | None = "song.mp3",
        *,
        chat: SandboxChat | None = None,
    ) -> JSONDict:
        """Send an audio file (music; a Bale voice note as audio: ``voice_as_audio``)."""
        stored = self.server.store_file(data, "audio", file_name, mime_type)
        audio = self.server.file_object(stored)
        audio["duration"] = 3
        return self._send({"audio": audio}, chat)

    async def send_sticker(
        self,
        data: bytes = b"RIFF sandbox-webp",
        emoji: str = "👍",
        *,
        chat: SandboxChat | None = None,
    ) -> JSONDict:
        """Send a sticker."""
        stored = self.server.store_file(data, "sticker", None, "image/webp")
        sticker = self.server.file_object(stored)
        sticker.update(
            {
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
                "emoji": emoji,
            }
        )
        return self._send({"sticker": sticker}, chat)

    async def send_location(
        self, lat: float, lon: float, *, chat: SandboxChat | None = None
    ) -> JSONDict:
        """Send a location."""
        return self._send({"location": {"latitude": lat, "longitude": lon}}, chat)

    # --- buttons ---------------------------------------------------------------------------

    async def press(
        self, text: str, *, chat: SandboxChat | None = None, timeout: float = 5.0
    ) -> CallbackAnswer | None:
        """Press a reply-keyboard button, else the newest inline button with this text.

        A reply-keyboard press sends the text (or one's own contact / a location for request
        buttons) and returns None; an inline press returns the bot's answer, or None if the
        bot did not answer within ``timeout``.
        """
        view = chat or self.chat
        for row in view.reply_keyboard or []:
            for button in row:
                if button.get("text") != text:
                    continue
                if button.get("request_contact"):
                    await self.send_contact(chat=view)
                elif button.get("request_location"):
                    await self.send_location(*_DEFAULT_LOCATION, chat=view)
                else:
                    await self.send_text(text, chat=view)
                return None
        for message in reversed(view.messages):
            if message.deleted:
                continue
            found = message.button(text)
            if found is not None:
                return await self._press_button(view, message, found, timeout)
        keyboard = [b.get("text") for row in view.reply_keyboard or [] for b in row]
        inline = {m.message_id: m.button_texts for m in view.messages if m.button_texts}
        raise AssertionError(
            f"no button {text!r} in {view._label()}: reply keyboard {keyboard}, "
            f"inline buttons by message {inline}"
        )

    async def press_inline(
        self,
        message: BotMessage,
        text: str | None = None,
        callback_data: str | None = None,
        *,
        timeout: float = 5.0,
    ) -> CallbackAnswer | None:
        """Press a button (by text or callback_data) on a specific bot message."""
        if text is None and callback_data is None:
            raise ValueError("press_inline needs text or callback_data")
        button = message.button(text, callback_data)
        if button is None:
            raise AssertionError(
                f"{message!r} has no button {text or callback_data!r}: {message.inline_buttons}"
            )
        view = self.server.chat_view(self.bot_id, message.chat_id)
        return await self._press_button(view, message, button, timeout)

    async def press_forged(
        self,
        callback_data: str,
        message_id: int | None = None,
        *,
        chat: SandboxChat | None = None,
        timeout: float = 5.0,
    ) -> CallbackAnswer | None:
        """Send a callback query with arbitrary data, as a tampering client could."""
        view = chat or self.chat
        if message_id is None:
            message_id = view.messages[-1].message_id if view.messages else 1
        return await self._callback(view, message_id, callback_data, timeout)

    async def _press_button(
        self, view: SandboxChat, message: BotMessage, button: JSONDict, timeout: float
    ) -> CallbackAnswer | None:
        if "callback_data" not in button:
            label = button.get("text")
            raise AssertionError(f"button {label!r} is not a callback button: {button}")
        return await self._callback(view, message.message_id, button["callback_data"], timeout)

    async def _callback(
        self, view: SandboxChat, message_id: int, data: str, timeout: float
    ) -> CallbackAnswer | None:
        future = self.server.callback_query(self, view, message_id, data)
        # The answer is not a message in the chat: its arrival wakes the chat's waiters too.
        future.add_done_callback(lambda _: view._notify())
        if await view.wait_until(future.done, timeout):
            return future.result()
        return None

    # --- reading the private chat -----------------------------------------------------------

    async def next_message(self, timeout: float = 5.0) -> BotMessage:
        """The next unread bot message in the private chat."""
        return await self.chat.next_message(timeout)

    async def next_edit(self, timeout: float = 5.0) -> BotMessage:
        """The next edit the bot made in the private chat."""
        return await self.chat.next_edit(timeout)

    async def settle(self, timeout: float = 10.0, *, quiet: float = QUIET) -> list[BotMessage]:
        """Wait until the bot is done with the private chat; return its unread bot messages."""
        return await self.chat.settle(timeout, quiet=quiet)

    async def ask(self, text: str, timeout: float = 5.0) -> BotMessage:
        """Send text and return the next unread bot message (the reply, if none was unread)."""
        await self.send_text(text)
        return await self.chat.next_message(timeout)

    def __repr__(self) -> str:
        return f"<SandboxUser {self.id} {self.first_name!r}>"
