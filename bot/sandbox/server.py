r"""A loopback fake of the Telegram Bot API, with a Bale flavour, for tests and benchmarks.

The bot under test talks to it over real HTTP (PTB's ``base_url``/``base_file_url``); tests play
users through :mod:`bot.sandbox.driver`. It binds 127.0.0.1 only.

Known simplifications: ``parse_mode`` markup is not rendered on the telegram flavour (messages
keep the text as sent; the bale flavour renders Markdown as Bale does, see
:mod:`bot.sandbox.markdown`), inline mode, payments and media groups are absent, and all bots
share one user/group registry.

The bale flavour answers as the live service was seen to (docs/bale.md). Behaviours a test can
switch on: :meth:`BotApiSandbox.drop_fields` (updates and edit answers without the fields
Bale may omit), ``voice_as_audio`` (voice notes arrive as ``audio``),
``removes_backslash_escapes`` (a Bale that hides ``\*``), and the errors in ``BALE_ERRORS``
through :meth:`BotApiSandbox.inject`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import math
import mimetypes
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from types import TracebackType
from typing import Any, Literal

from aiohttp import web

from bot.sandbox.driver import (
    BotMessage,
    CallbackAnswer,
    JSONDict,
    SandboxChat,
    SandboxFile,
    SandboxUser,
)
from bot.sandbox.markdown import Shown, render_bale

FlavourName = Literal["telegram", "bale"]

logger = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]{5,}$")

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_DOWNLOAD = 20 * 1024 * 1024

# Parameters PTB sends JSON-encoded (form fields are strings), and the scalar ones to coerce.
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "allowed_updates",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "link_preview_options",
        "media",
        "message_ids",
        "permissions",
    }
)
_INT_PARAMS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "reply_to_message_id",
        "user_id",
        "cache_time",
        "duration",
        "message_thread_id",
        "width",
        "height",
        "max_connections",
        "until_date",
    }
)
_FLOAT_PARAMS = frozenset({"timeout", "latitude", "longitude", "horizontal_accuracy"})
_BOOL_PARAMS = frozenset(
    {
        "show_alert",
        "disable_notification",
        "protect_content",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
        "allow_paid_broadcast",
        "revoke_messages",
        "only_if_banned",
        "remove_caption",
    }
)

# Methods that put a message into a chat: rate limits apply to them.
_SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVoice",
        "sendLocation",
        "copyMessage",
        "forwardMessage",
    }
)
# Methods that touch a chat the user may have blocked the bot in.
_BLOCKABLE_METHODS = _SEND_METHODS | {
    "sendChatAction",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
}
# Message fields that copyMessage/forwardMessage carry over.
_CONTENT_KEYS = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "document",
    "photo",
    "voice",
    "audio",
    "sticker",
    "location",
    "contact",
)
_FILE_FOLDERS = {
    "document": "documents",
    "photo": "photos",
    "voice": "voice",
    "audio": "music",
    "sticker": "stickers",
}
_DEFAULT_EXT = {"photo": ".jpg", "voice": ".oga", "sticker": ".webp", "document": ".bin"}

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_QUERY_INVALID = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)

# What Bale was seen answering (docs/bale.md), for ``inject(error=..., description=...)``.
BALE_ERRORS: dict[str, tuple[int, str]] = {
    "bot_limit": (400, "Bad Request: bot limit exceed"),
    "local_rate_limited": (400, "local_rate_limited"),
    "unknown_chat": (400, "Bad Request: no such group or user"),
    # Old clients' callback queries may not be answerable.
    "old_query": (400, "Bad Request: QUERY_ID_INVALID"),
}


@dataclass(frozen=True)
class FlavourRules:
    """How one platform's Bot API differs from the common shape.

    The ``updates_*`` and ``callback_*`` fields shape only what getUpdates delivers; method
    results (sendMessage etc.) keep Telegram's full shape on every flavour.
    """

    name: str
    accepts_parse_mode: bool
    updates_have_is_bot: bool
    updates_have_date: bool
    callback_has_chat_instance: bool
    get_me_has_is_bot: bool
    has_command_menu: bool
    honours_reply_parameters: bool
    chat_not_found: tuple[int, str]
    first_user_id: int
    first_group_id: int
    legacy_forward_fields: bool
    strict_reply_target: bool  # 400 when the message replied to doesn't exist
    renders_markdown: bool = False  # every message's text is read as Markdown
    edit_answers_stub: bool = False  # editMessage* answers message_id 0 and no text
    has_supergroups: bool = True


FLAVOURS: dict[str, FlavourRules] = {
    "telegram": FlavourRules(
        name="telegram",
        accepts_parse_mode=True,
        updates_have_is_bot=True,
        updates_have_date=True,
        callback_has_chat_instance=True,
        get_me_has_is_bot=True,
        has_command_menu=True,
        honours_reply_parameters=True,
        chat_not_found=(400, "Bad Request: chat not found"),
        first_user_id=100_001,
        first_group_id=-1_000_001,
        legacy_forward_fields=False,
        strict_reply_target=True,
    ),
    # See docs/bale.md: what the live service answers (2024-2026). Fields it was once thought
    # to omit are there; drop_fields() takes them away again to test the repairs.
    "bale": FlavourRules(
        name="bale",
        # No parse_mode parameter: Bale ignores it and renders its Markdown anyway.
        accepts_parse_mode=True,
        updates_have_is_bot=True,
        updates_have_date=True,
        callback_has_chat_instance=True,
        get_me_has_is_bot=True,
        has_command_menu=False,
        honours_reply_parameters=False,
        chat_not_found=BALE_ERRORS["unknown_chat"],
        # Above 2**32, so 64-bit id handling is exercised.
        first_user_id=5_000_000_001,
        first_group_id=-6_000_000_001,
        legacy_forward_fields=True,
        # Unknown what Bale answers; be lenient rather than invent an error.
        strict_reply_target=False,
        renders_markdown=True,
        edit_answers_stub=True,
        has_supergroups=False,
    ),
}


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSONDict:
        """The JSON body Telegram would send."""
        body: JSONDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class UploadedFile:
    """A multipart file part as the bot uploaded it."""

    filename: str | None
    content_type: str | None
    data: bytes

    def __repr__(self) -> str:
        return f"<UploadedFile {self.filename!r} {len(self.data)} bytes>"


@dataclass
class ApiCall:
    """One Bot API request the sandbox received, with decoded parameters."""

    method: str
    params: JSONDict
    token: str
    at: float  # time.monotonic() at arrival
    error_code: int | None = None  # filled in when the call failed
    description: str | None = None

    def summary(self) -> str:
        """A one-line description for failure messages."""
        keys = ("chat_id", "message_id", "text", "caption", "callback_query_id")
        shown = {k: self.params[k] for k in keys if k in self.params}
        if isinstance(shown.get("text"), str) and len(shown["text"]) > 40:
            shown["text"] = shown["text"][:37] + "..."
        outcome = f" -> {self.error_code} {self.description}" if self.error_code else ""
        return f"{self.method}{shown}{outcome}"


@dataclass
class Fault:
    """An injected failure or delay for the next ``times`` matching calls."""

    method: str | None
    error: int | None
    description: str | None
    retry_after: int | None
    delay: float
    times: int
    chat_id: int | None
    hits: int = 0
    # Below 1, each matching call is hit with this chance (seeded: runs are repeatable).
    probability: float = 1.0
    rng: random.Random = field(default_factory=lambda: random.Random(7))

    @property
    def remaining(self) -> int:
        """How many more calls this fault will hit."""
        return self.times - self.hits

    def matches(self, method: str, params: JSONDict) -> bool:
        """Whether a call to ``method`` with ``params`` should be hit."""
        if self.method is None:
            if method == "getUpdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        if self.chat_id is not None and params.get("chat_id") != self.chat_id:
            return False
        return self.probability >= 1.0 or self.rng.random() < self.probability

    def as_error(self) -> ApiError | None:
        """The error this fault answers with, if any."""
        if self.error is None:
            return None
        description = self.description
        if description is None:
            if self.error == 429:
                description = "Too Many Requests"
                if self.retry_after is not None:
                    description += f": retry after {self.retry_after}"
            elif self.error == 403:
                description = "Forbidden: bot was blocked by the user"
            else:
                try:
                    description = HTTPStatus(self.error).phrase
                except ValueError:
                    description = "Error"
                if self.error == 400:
                    description = "Bad Request"
        return ApiError(self.error, description, self.retry_after)


class _Bucket:
    """A token bucket holding one second's worth of messages: cheap enough for benchmarks."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, rate: float, now: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one message may go (0 when it may go now)."""
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate


@dataclass
class _PendingUpdate:
    update_id: int
    kind: str
    chat_id: int | None
    payload: JSONDict


@dataclass
class _Query:
    bot_id: int
    chat_id: int
    future: asyncio.Future[CallbackAnswer]
    answered: bool = False


@dataclass
class _BotState:
    id: int
    token: str
    user: JSONDict
    updates: list[_PendingUpdate] = field(default_factory=list)
    next_update_id: int = 1000
    delivered_upto: int = 0
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    webhook_url: str = ""
    allowed_updates: list[str] | None = None
    commands: dict[tuple[str, str], list[JSONDict]] = field(default_factory=dict)
    bucket: _Bucket | None = None


Handler = Callable[[_BotState, JSONDict], Awaitable[Any]]


def _coerce(name: str, value: Any) -> Any:
    """Decode one parameter as sent by PTB (JSON-encoded non-strings, numbers as strings)."""
    if not isinstance(value, str):
        return value
    if name in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
    if name in _INT_PARAMS:
        try:
            return int(value)
        except ValueError:
            if name == "chat_id":  # "@channelname" is a valid chat_id
                return value
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None
    if name in _FLOAT_PARAMS:
        try:
            return float(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None
    if name in _BOOL_PARAMS:
        return value.strip().lower() in ("true", "1")
    return value


def _shape(obj: Any, rules: FlavourRules) -> Any:
    """Deep-copy an update payload, dropping the fields this flavour omits."""
    if isinstance(obj, dict):
        is_message = "message_id" in obj and "chat" in obj
        out: JSONDict = {}
        for key, value in obj.items():
            if key == "is_bot" and not rules.updates_have_is_bot:
                continue
            if key == "date" and is_message and not rules.updates_have_date:
                continue
            if key == "chat_instance" and not rules.callback_has_chat_instance:
                continue
            out[key] = _shape(value, rules)
        return out
    if isinstance(obj, list):
        return [_shape(item, rules) for item in obj]
    return obj


def _without_reply(message: JSONDict) -> JSONDict:
    # Telegram nests reply_to_message one level deep only.
    return {k: v for k, v in message.items() if k != "reply_to_message"}


class BotApiSandbox:
    """A Telegram (or Bale) Bot API server on 127.0.0.1, with users driven in-process."""

    def __init__(
        self,
        flavour: FlavourName | FlavourRules = "telegram",
        *,
        bot_first_name: str = "Khooshe",
        bot_username: str = "khooshe_bot",
        rate_limit: float | None = None,
        per_chat_rate: float | None = None,
        max_poll_wait: float = 1.0,
        record_calls: bool = True,
        port: int = 0,
    ) -> None:
        self.rules = flavour if isinstance(flavour, FlavourRules) else FLAVOURS[flavour]
        self.flavour = self.rules.name
        self.bot_first_name = bot_first_name
        self.bot_username = bot_username
        self.rate_limit = rate_limit
        self.per_chat_rate = per_chat_rate
        self.max_poll_wait = max_poll_wait
        # Benchmarks sending 100k messages may switch the call log off.
        self.record_calls = record_calls
        self.calls: list[ApiCall] = []
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()
        self.revoked: dict[str, tuple[int, str]] = {}
        # Per-test switches for behaviours seen on Bale (see the module docstring).
        self.voice_as_audio = False
        self.removes_backslash_escapes = False
        # Whether any user ever typed a backslash (then the bot may show one back).
        self.typed_backslash = False
        self._requested_port = port
        self._port: int | None = None
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._bots: dict[int, _BotState] = {}
        self._users: dict[int, JSONDict] = {}
        self._groups: dict[int, JSONDict] = {}
        self._user_ids = itertools.count(self.rules.first_user_id)
        self._group_ids = itertools.count(0)
        self._views: dict[tuple[int, int], SandboxChat] = {}
        self._messages: dict[tuple[int, int], dict[int, JSONDict]] = {}
        self._last_message_id: dict[tuple[int, int], int] = {}
        self._files: dict[str, SandboxFile] = {}
        self._files_by_path: dict[str, SandboxFile] = {}
        self._file_numbers = itertools.count(1)
        self._queries: dict[str, _Query] = {}
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._chat_buckets: dict[tuple[int, int], _Bucket] = {}
        self._methods = self._method_table()
        self._sparse_edits = False

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1 (``port=0`` picks a free port)."""
        self._closing = False
        # Uploads can be large; Telegram allows 50 MB from bots.
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self._requested_port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Wake long pollers and shut the server down."""
        self._closing = True
        for state in self._bots.values():
            state.wake.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._port = None

    async def __aenter__(self) -> BotApiSandbox:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._port is None:
            raise RuntimeError("the sandbox is not running; await start() first")
        return self._port

    @property
    def base_url(self) -> str:
        """For PTB's ``base_url``: ``http://127.0.0.1:<port>/bot``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For PTB's ``base_file_url``: ``http://127.0.0.1:<port>/file/bot``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- bots, users, chats ----------------------------------------------------------------

    def make_token(self, bot_id: int = 123456) -> str:
        """A valid token for bot ``bot_id`` (the registered one, if that bot exists)."""
        if bot_id in self._bots:
            return self._bots[bot_id].token
        token = f"{bot_id}:sandbox-token-{bot_id}"
        self._register(bot_id, token)
        return token

    def token_of(self, bot_id: int) -> str:
        """The token of a registered bot."""
        return self._bots[bot_id].token

    def bot_user(self, token: str | None = None) -> JSONDict:
        """The bot's User object (Telegram shape)."""
        return dict(self._resolve_bot(token).user)

    def _register(self, bot_id: int, token: str) -> _BotState:
        user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }
        state = _BotState(id=bot_id, token=token, user=user)
        if self.rate_limit:
            state.bucket = _Bucket(self.rate_limit, time.monotonic())
        self._bots[bot_id] = state
        return state

    def _resolve_bot(self, token: str | None) -> _BotState:
        # Users and groups made before any bot connected belong to make_token()'s default bot.
        if token is None:
            if not self._bots:
                self.make_token()
            return next(iter(self._bots.values()))
        state = self._auth(token)
        if state is None:
            raise ValueError(f"not a valid sandbox token: {token!r}")
        return state

    def _auth(self, token: str) -> _BotState | None:
        match = TOKEN_RE.match(token)
        if match is None:
            return None
        bot_id = int(match.group(1))
        state = self._bots.get(bot_id)
        if state is None:
            return self._register(bot_id, token)
        return state if state.token == token else None

    def user(
        self,
        user_id: int | None = None,
        first_name: str = "مریم",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "fa",
        token: str | None = None,
        phone_number: str | None = None,
    ) -> SandboxUser:
        """A member who has started the bot (so the bot may message them)."""
        bot = self._resolve_bot(token)
        if user_id is None:
            user_id = next(self._user_ids)
            while user_id in self._users:
                user_id = next(self._user_ids)
        profile: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            profile["last_name"] = last_name
        if username:
            profile["username"] = username
        if language_code:
            profile["language_code"] = language_code
        self._users[user_id] = profile
        chat: JSONDict = {"id": user_id, "type": "private", "first_name": first_name}
        if last_name:
            chat["last_name"] = last_name
        if username:
            chat["username"] = username
        view = self._views.get((bot.id, user_id))
        if view is not None:
            view._chat = chat
        phone = phone_number or f"98912{user_id % 10_000_000:07d}"
        return SandboxUser(self, bot.id, profile, phone)

    def group(
        self,
        title: str = "ستاد خوشه‌ها",
        chat_id: int | None = None,
        token: str | None = None,
        chat_type: Literal["group", "supergroup"] = "group",
    ) -> SandboxChat:
        """A group chat the bot is a member of; users send into it with ``chat=``."""
        bot = self._resolve_bot(token)
        if chat_type == "supergroup" and not self.rules.has_supergroups:
            raise ValueError(f"the {self.flavour} flavour has no supergroups")
        if chat_id is None:
            chat_id = self.rules.first_group_id - next(self._group_ids)
            if chat_type == "supergroup":
                chat_id -= 1_000_000_000_000
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        self._groups[chat_id] = {"id": chat_id, "type": chat_type, "title": title}
        view = self._views.get((bot.id, chat_id))
        if view is not None:
            view._chat = self._groups[chat_id]
            view.title = title
        return self.chat_view(bot.id, chat_id)

    def _chat_dict(self, chat_id: Any) -> JSONDict | None:
        if not isinstance(chat_id, int):
            return None
        if chat_id in self._users:
            profile = self._users[chat_id]
            chat = {"id": chat_id, "type": "private", "first_name": profile["first_name"]}
            for key in ("last_name", "username"):
                if key in profile:
                    chat[key] = profile[key]
            return chat
        group = self._groups.get(chat_id)
        return dict(group) if group else None

    def chat_view(self, bot_id: int, chat_id: int) -> SandboxChat:
        """The driver's view of one chat with one bot (created on first use)."""
        key = (bot_id, chat_id)
        view = self._views.get(key)
        if view is None:
            chat = self._chat_dict(chat_id)
            if chat is None:
                raise ValueError(f"unknown chat {chat_id}; create it with user() or group()")
            view = SandboxChat(self, bot_id, chat)
            self._views[key] = view
        return view

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to their chat answer 403 until they write again."""
        self.blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user unblocks the bot."""
        self.blocked.discard(user_id)

    def revoke(self, token: str, code: int | None = None) -> None:
        """The token is revoked: from now on every call with it, getUpdates included, answers
        401 "Unauthorized" (Telegram) or 403 "Bad Request: Token not found" (Bale, 2026);
        ``code`` picks one of the two on either flavour."""
        if code is None:
            code = 403 if self.flavour == "bale" else 401
        description = "Bad Request: Token not found" if code == 403 else "Unauthorized"
        self.revoked[token] = (code, description)

    # --- faults and inspection -------------------------------------------------------------

    def inject(
        self,
        method: str | None = None,
        *,
        error: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
        chat_id: int | None = None,
        probability: float = 1.0,
    ) -> Fault:
        """Make the next ``times`` matching calls wait ``delay`` s and/or fail with ``error``.

        ``method=None`` matches every method except getUpdates. A 429 carries
        ``parameters.retry_after`` only when ``retry_after`` is given, as Bale may omit it.
        With ``probability`` below 1 each matching call is hit at random (seeded), until
        ``times`` calls have been hit.
        """
        if error is None and delay <= 0:
            raise ValueError("inject() needs an error, a delay, or both")
        if not 0 < probability <= 1:
            raise ValueError("probability must be in (0, 1]")
        fault = Fault(
            method, error, description, retry_after, delay, times, chat_id,
            probability=probability,
        )  # fmt: skip
        self.faults.append(fault)
        return fault

    def drop_fields(self) -> None:
        """From now on, leave out what Bale was once thought to omit: ``is_bot`` and a
        message's ``date`` in updates, ``chat_instance``, getMe's ``is_bot``, and an edit
        answer's ``date`` and ``chat.type`` (the bot's repairs must cope)."""
        self.rules = replace(
            self.rules,
            updates_have_is_bot=False,
            updates_have_date=False,
            callback_has_chat_instance=False,
            get_me_has_is_bot=False,
        )
        self._sparse_edits = True

    def unwanted_markup(self) -> list[str]:
        """Bot messages (and earlier versions of edited ones) that a member would see
        differently from what the bot meant: text taken as Markdown, or a backslash that no
        user typed. Empty on a flavour that renders nothing."""
        if not self.rules.renders_markdown:
            return []
        problems = []
        for view in self._views.values():
            for message in view.messages:
                if message.method in ("copyMessage", "forwardMessage"):
                    continue  # a member's own message, shown as Bale shows it to them
                versions = [*message.edit_history, message.raw]
                for raw in versions:
                    text = raw.get("text", raw.get("caption"))
                    if not isinstance(text, str):
                        continue
                    shown = self._render(text)
                    if shown.markup:
                        problems.append(f"{text!r} renders markup {shown.markup}")
                    if "\\" in shown.text and not self.typed_backslash:
                        problems.append(f"{text!r} shows a backslash: {shown.text!r}")
        return problems

    def _render(self, text: str) -> Shown:
        return render_bale(text, removes_escapes=self.removes_backslash_escapes)

    def clear_faults(self) -> None:
        """Forget every injected fault."""
        self.faults.clear()

    def calls_to(self, method: str) -> list[ApiCall]:
        """The recorded calls of one method."""
        return [c for c in self.calls if c.method == method]

    def pending_updates(self, token: str | None = None) -> list[JSONDict]:
        """Updates not yet confirmed by the bot (as they would be delivered)."""
        return [u.payload for u in self._resolve_bot(token).updates]

    def has_undelivered(self, bot_id: int, chat_id: int) -> bool:
        """Whether an update from this chat waits for the bot's next getUpdates."""
        state = self._bots[bot_id]
        return any(
            u.chat_id == chat_id and u.update_id > state.delivered_upto for u in state.updates
        )

    def file(self, file_id: str) -> SandboxFile:
        """A stored file by file_id."""
        return self._files[file_id]

    # --- hooks the driver uses -------------------------------------------------------------

    def store_file(
        self, data: bytes, kind: str, file_name: str | None, mime_type: str | None
    ) -> SandboxFile:
        """Keep a file in memory and give it ids and a download path."""
        number = next(self._file_numbers)
        ext = ""
        if file_name and "." in file_name:
            ext = "." + file_name.rsplit(".", 1)[1]
        elif mime_type and kind == "document":
            ext = mimetypes.guess_extension(mime_type) or ""
        ext = ext or _DEFAULT_EXT.get(kind, "")
        stored = SandboxFile(
            file_id=f"SBX{kind[:3].upper()}{number:06d}",
            file_unique_id=f"U{number:06d}",
            file_path=f"{_FILE_FOLDERS.get(kind, 'documents')}/file_{number}{ext}",
            data=data,
            kind=kind,
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def file_object(self, stored: SandboxFile) -> JSONDict:
        """The Document/Voice/Sticker-style object for a stored file."""
        obj: JSONDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
        }
        if stored.file_name:
            obj["file_name"] = stored.file_name
        if stored.mime_type and stored.kind != "sticker":
            obj["mime_type"] = stored.mime_type
        return obj

    def photo_sizes(self, stored: SandboxFile) -> list[JSONDict]:
        """A thumbnail and a full size, both backed by the same bytes."""
        thumb_id = stored.file_id + "_s"
        self._files[thumb_id] = stored
        return [
            {
                "file_id": thumb_id,
                "file_unique_id": stored.file_unique_id + "s",
                "file_size": stored.size,
                "width": 90,
                "height": 68,
            },
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.size,
                "width": 800,
                "height": 600,
            },
        ]

    def forward_fields(self, origin: JSONDict) -> JSONDict:
        """Message fields marking a user's message as forwarded from ``origin`` (user or chat)."""
        now = int(time.time())
        is_chat = origin.get("type") not in (None, "private")
        if self.rules.legacy_forward_fields:
            key = "forward_from_chat" if is_chat else "forward_from"
            return {key: origin, "forward_date": now}
        if is_chat:
            kind = "channel" if origin.get("type") == "channel" else "chat"
            field_name = "chat" if kind == "channel" else "sender_chat"
            return {"forward_origin": {"type": kind, "date": now, field_name: origin}}
        return {"forward_origin": {"type": "user", "date": now, "sender_user": origin}}

    def user_message(
        self,
        user: SandboxUser,
        chat: SandboxChat,
        content: JSONDict,
        reply_to: int | None = None,
    ) -> JSONDict:
        """A user's message into ``chat``: stored, queued as an update; returns it as delivered."""
        state = self._bots[chat.bot_id]
        if chat.type == "private":
            # Writing to a bot again (e.g. "Restart") lifts a block.
            self.blocked.discard(chat.id)
        if any("\\" in str(content.get(k) or "") for k in ("text", "caption")):
            self.typed_backslash = True
        if self.voice_as_audio and "voice" in content:
            # Some Bale clients send a voice note as an ogg/opus audio file.
            content = {("audio" if k == "voice" else k): v for k, v in content.items()}
            content["audio"] = {**content["audio"], "mime_type": "audio/ogg; codecs=opus"}
        message = self._new_message(state.id, chat.as_dict(), user.as_dict())
        if reply_to is not None:
            target = self._messages.get((state.id, chat.id), {}).get(reply_to)
            if target is None:
                raise ValueError(f"no message #{reply_to} in chat {chat.id} to reply to")
            message["reply_to_message"] = _without_reply(target)
        message.update(content)
        self._store(state.id, chat.id, message)
        return self._enqueue(state, "message", message, chat.id)

    def user_edit(
        self, user: SandboxUser, chat: SandboxChat, message_id: int, text: str
    ) -> JSONDict:
        """A user edits their text message: an edited_message update; returns it as delivered."""
        state = self._bots[chat.bot_id]
        message = self._stored(state.id, chat.id, message_id)
        if message is None or message["from"].get("id") != user.id or "text" not in message:
            raise ValueError(f"{user!r} has no text message #{message_id} in chat {chat.id}")
        message["text"] = text
        if "\\" in text:
            self.typed_backslash = True
        message.pop("entities", None)
        message["edit_date"] = int(time.time())
        return self._enqueue(state, "edited_message", message, chat.id)

    def callback_query(
        self, user: SandboxUser, chat: SandboxChat, message_id: int, data: str
    ) -> asyncio.Future[CallbackAnswer]:
        """Queue a callback_query update; the future resolves when the bot answers it."""
        state = self._bots[chat.bot_id]
        query_id = str(next(self._query_ids))
        message = self._messages.get((state.id, chat.id), {}).get(message_id)
        if message is None:
            # Telegram sends an InaccessibleMessage (date 0) for messages it can't show.
            message = {"message_id": message_id, "chat": chat.as_dict(), "date": 0}
        query: JSONDict = {
            "id": query_id,
            "from": user.as_dict(),
            "message": message,
            "chat_instance": f"{state.id}{abs(chat.id)}",
            "data": data,
        }
        future: asyncio.Future[CallbackAnswer] = asyncio.get_running_loop().create_future()
        self._queries[query_id] = _Query(state.id, chat.id, future)
        self._enqueue(state, "callback_query", query, chat.id)
        return future

    def enqueue_raw(self, body: JSONDict, token: str | None = None) -> int:
        """Queue an update exactly as given (no shaping), e.g. a malformed one; its update_id."""
        state = self._resolve_bot(token)
        update_id = state.next_update_id
        state.next_update_id += 1
        state.updates.append(
            _PendingUpdate(update_id, "raw", None, {"update_id": update_id, **body})
        )
        state.wake.set()
        return update_id

    def _enqueue(self, state: _BotState, kind: str, payload: JSONDict, chat_id: int) -> JSONDict:
        update_id = state.next_update_id
        state.next_update_id += 1
        shaped = _shape(payload, self.rules)
        state.updates.append(
            _PendingUpdate(update_id, kind, chat_id, {"update_id": update_id, kind: shaped})
        )
        state.wake.set()
        self._touch(state.id, chat_id)
        result: JSONDict = _shape(payload, self.rules)
        return result

    def _touch(self, bot_id: int, chat_id: Any) -> None:
        if isinstance(chat_id, int):
            view = self._views.get((bot_id, chat_id))
            if view is not None:
                view._touch()

    # --- HTTP ------------------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> JSONDict:
        raw: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.body_exists:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise ApiError(400, "Bad Request: can't parse JSON body") from None
                if not isinstance(body, dict):
                    raise ApiError(400, "Bad Request: JSON body must be an object")
                raw.update(body)
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        raw[key] = UploadedFile(
                            value.filename, value.content_type, value.file.read()
                        )
                    else:
                        raw[key] = value
        return {key: _coerce(key, value) for key, value in raw.items()}

    async def _handle_api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        requested = request.match_info["method"]
        entry = self._methods.get(requested.lower())
        method = entry[0] if entry else requested
        call = ApiCall(method, {}, token, time.monotonic())
        if self.record_calls:
            self.calls.append(call)
        try:
            call.params = await self._read_params(request)
            state = self._auth(token)
            if state is None:
                raise ApiError(401, "Unauthorized")
            if token in self.revoked:
                raise ApiError(*self.revoked[token])
            result = await self._dispatch(state, method, entry[1] if entry else None, call.params)
        except ApiError as err:
            call.error_code, call.description = err.code, err.description
            return web.json_response(err.payload(), status=err.code)
        except Exception:
            # A sandbox bug must show up in the test as a readable 500, not a dropped connection.
            logger.exception("sandbox failed on %s", method)
            bug = ApiError(500, f"Internal Server Error: sandbox failed on {method}")
            call.error_code, call.description = bug.code, bug.description
            return web.json_response(bug.payload(), status=500)
        return web.json_response({"ok": True, "result": result})

    async def _dispatch(
        self, state: _BotState, method: str, handler: Handler | None, params: JSONDict
    ) -> Any:
        chat_id = params.get("chat_id")
        self._touch(state.id, chat_id)
        try:
            fault = next((f for f in self.faults if f.matches(method, params)), None)
            if fault is not None:
                fault.hits += 1
                if fault.remaining <= 0:
                    self.faults.remove(fault)
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                error = fault.as_error()
                if error is not None:
                    raise error
            if handler is None:
                raise ApiError(400, "Bad Request: method not found")
            if "parse_mode" in params and not self.rules.accepts_parse_mode:
                raise ApiError(400, "Bad Request: parse_mode is not supported")
            if method in _BLOCKABLE_METHODS and chat_id in self.blocked:
                self._require_chat(chat_id)
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            return await handler(state, params)
        finally:
            self._touch(state.id, chat_id)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if self._auth(request.match_info["token"]) is None:
            err = ApiError(401, "Unauthorized")
            return web.json_response(err.payload(), status=401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            err = ApiError(404, "Not Found")
            return web.json_response(err.payload(), status=404)
        content_type = (stored.mime_type or "application/octet-stream").split(";")[0]
        return web.Response(body=stored.data, content_type=content_type)

    # --- method table ----------------------------------------------------------------------

    def _method_table(self) -> dict[str, tuple[str, Handler]]:
        methods: dict[str, Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendVoice": self._send_voice,
            "sendLocation": self._send_location,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "getFile": self._get_file,
            "sendChatAction": self._send_chat_action,
            "getChat": self._get_chat,
            "close": self._ok,
            "logOut": self._ok,
        }
        if self.rules.has_command_menu:
            methods["setMyCommands"] = self._set_my_commands
            methods["getMyCommands"] = self._get_my_commands
            methods["deleteMyCommands"] = self._delete_my_commands
        # Telegram matches method names case-insensitively.
        return {name.lower(): (name, handler) for name, handler in methods.items()}

    async def _ok(self, state: _BotState, p: JSONDict) -> bool:
        return True

    # --- validation helpers ----------------------------------------------------------------

    def _require_chat(self, chat_id: Any) -> JSONDict:
        chat = self._chat_dict(chat_id)
        if chat is None:
            if chat_id is None:
                raise ApiError(400, "Bad Request: chat_id is empty")
            raise ApiError(*self.rules.chat_not_found)
        return chat

    def _check_rate(self, state: _BotState, chat_id: int) -> None:
        now = time.monotonic()
        chat_bucket = None
        if self.per_chat_rate:
            chat_bucket = self._chat_buckets.get((state.id, chat_id))
            if chat_bucket is None:
                chat_bucket = _Bucket(self.per_chat_rate, now)
                self._chat_buckets[(state.id, chat_id)] = chat_bucket
        wait = max(
            state.bucket.wait_needed(now) if state.bucket else 0.0,
            chat_bucket.wait_needed(now) if chat_bucket else 0.0,
        )
        if wait > 0:
            retry = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", retry)
        # Only calls that go through consume tokens, as on Telegram.
        if state.bucket:
            state.bucket.tokens -= 1
        if chat_bucket:
            chat_bucket.tokens -= 1

    @staticmethod
    def _check_text(text: Any) -> str:
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    @staticmethod
    def _check_caption(p: JSONDict) -> str | None:
        caption = p.get("caption")
        if caption is None:
            return None
        caption = str(caption)
        if len(caption) > MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        return caption

    @staticmethod
    def _parse_markup(p: JSONDict) -> JSONDict | None:
        markup = p.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise ApiError(400, "Bad Request: can't parse inline keyboard markup")
            for row in rows:
                for button in row:
                    if not isinstance(button, dict) or not button.get("text"):
                        raise ApiError(400, "Bad Request: can't parse inline keyboard button")
                    data = button.get("callback_data")
                    if data is not None:
                        size = len(str(data).encode("utf-8"))
                        if not 1 <= size <= MAX_CALLBACK_DATA:
                            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                    elif len(button) == 1:
                        raise ApiError(
                            400,
                            "Bad Request: can't parse inline keyboard button: "
                            "Text buttons are unallowed in the inline keyboard",
                        )
            return markup
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise ApiError(400, "Bad Request: can't parse keyboard markup")
            # The raw API also accepts bare strings as buttons.
            normalised = [
                [b if isinstance(b, dict) else {"text": str(b)} for b in r] for r in rows
            ]
            return {**markup, "keyboard": normalised}
        if "remove_keyboard" in markup or "force_reply" in markup:
            return markup
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")

    def _reply_target(self, state: _BotState, chat_id: int, p: JSONDict) -> JSONDict | None:
        target_id: Any = None
        allow = bool(p.get("allow_sending_without_reply", False))
        reply_parameters = p.get("reply_parameters")
        if reply_parameters is not None and self.rules.honours_reply_parameters:
            if not isinstance(reply_parameters, dict) or "message_id" not in reply_parameters:
                raise ApiError(400, "Bad Request: can't parse reply parameters JSON object")
            target_id = reply_parameters["message_id"]
            allow = bool(reply_parameters.get("allow_sending_without_reply", allow))
        elif p.get("reply_to_message_id") is not None:
            target_id = p["reply_to_message_id"]
        if target_id is None:
            return None
        target = self._messages.get((state.id, chat_id), {}).get(int(target_id))
        if target is None:
            if allow or not self.rules.strict_reply_target:
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        return _without_reply(target)

    def _input_file(self, p: JSONDict, name: str, kind: str) -> SandboxFile:
        value = p.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.get(value[len("attach://") :])
        if isinstance(value, UploadedFile):
            file_name = value.filename if kind == "document" else None
            mime = value.content_type
            if kind == "document" and file_name and (not mime or mime.endswith("octet-stream")):
                mime = mimetypes.guess_type(file_name)[0] or mime
            return self.store_file(value.data, kind, file_name, mime)
        if value is None:
            raise ApiError(400, f"Bad Request: there is no {name} in the request")
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    # --- message store ---------------------------------------------------------------------

    def _new_message(self, bot_id: int, chat: JSONDict, sender: JSONDict) -> JSONDict:
        key = (bot_id, chat["id"])
        message_id = self._last_message_id.get(key, 0) + 1
        self._last_message_id[key] = message_id
        return {"message_id": message_id, "from": sender, "chat": chat, "date": int(time.time())}

    def _stored(self, bot_id: int, chat_id: Any, message_id: Any) -> JSONDict | None:
        if not isinstance(chat_id, int) or not isinstance(message_id, int):
            return None
        return self._messages.get((bot_id, chat_id), {}).get(message_id)

    def _store(self, bot_id: int, chat_id: int, message: JSONDict) -> None:
        self._messages.setdefault((bot_id, chat_id), {})[message["message_id"]] = message

    def _file_of(self, message: JSONDict, key: str) -> SandboxFile | None:
        obj = message.get(key)
        if isinstance(obj, list) and obj:
            obj = obj[-1]
        if isinstance(obj, dict) and "file_id" in obj:
            return self._files.get(obj["file_id"])
        return None

    def _deliver_bot_message(
        self,
        state: _BotState,
        chat_id: int,
        message: JSONDict,
        method: str,
        p: JSONDict,
        markup: JSONDict | None,
    ) -> None:
        self._store(state.id, chat_id, message)
        reply = message.get("reply_to_message")
        record = BotMessage(
            message_id=message["message_id"],
            chat_id=chat_id,
            method=method,
            params=p,
            # A copy: the stored message is edited in place later, and edit_history must keep
            # what the user saw before each edit.
            raw=dict(message),
            text=message.get("text"),
            caption=message.get("caption"),
            reply_markup=markup,
            reply_to_message_id=reply["message_id"] if reply else None,
            document=self._file_of(message, "document"),
            photo=self._file_of(message, "photo"),
            voice=self._file_of(message, "voice") or self._file_of(message, "audio"),
            render=self._render if self.rules.renders_markdown else None,
        )
        self.chat_view(state.id, chat_id)._record_sent(record)

    async def _send(
        self,
        state: _BotState,
        p: JSONDict,
        method: str,
        fill: Callable[[JSONDict], None],
    ) -> JSONDict:
        """The common path of every send: checks, rate limit, message, record."""
        chat = self._require_chat(p.get("chat_id"))
        chat_id: int = chat["id"]
        caption = self._check_caption(p)
        markup = self._parse_markup(p)
        reply = self._reply_target(state, chat_id, p)
        message = self._new_message(state.id, chat, dict(state.user))
        fill(message)  # may raise before the rate limit counts the call
        self._check_rate(state, chat_id)
        if caption is not None:
            message["caption"] = caption
            if p.get("caption_entities"):
                message["caption_entities"] = p["caption_entities"]
        if reply is not None:
            message["reply_to_message"] = reply
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._deliver_bot_message(state, chat_id, message, method, p, markup)
        return message

    # --- methods ---------------------------------------------------------------------------

    async def _get_me(self, state: _BotState, p: JSONDict) -> JSONDict:
        me = dict(state.user)
        if not self.rules.get_me_has_is_bot:
            del me["is_bot"]
        me.update(
            {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        )
        return me

    async def _get_updates(self, state: _BotState, p: JSONDict) -> list[JSONDict]:
        if state.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = p.get("offset")
        if isinstance(offset, int) and offset > 0:
            # Asking from `offset` confirms every earlier update: Telegram forgets them.
            state.updates = [u for u in state.updates if u.update_id >= offset]
        limit = max(1, min(100, int(p.get("limit") or 100)))
        if isinstance(p.get("allowed_updates"), list):
            state.allowed_updates = p["allowed_updates"] or None
        if state.allowed_updates:
            allowed = set(state.allowed_updates)
            state.updates = [u for u in state.updates if u.kind in allowed]
        timeout = min(float(p.get("timeout") or 0), self.max_poll_wait)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not state.updates and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            state.wake.clear()
            try:
                await asyncio.wait_for(state.wake.wait(), remaining)
            except TimeoutError:
                break
        if isinstance(offset, int) and offset < 0:
            batch = state.updates[offset:][:limit]
        else:
            batch = state.updates[:limit]
        for update in batch:
            state.delivered_upto = max(state.delivered_upto, update.update_id)
            self._touch(state.id, update.chat_id)
        return [u.payload for u in batch]

    async def _set_webhook(self, state: _BotState, p: JSONDict) -> bool:
        state.webhook_url = str(p.get("url") or "")
        if p.get("drop_pending_updates"):
            state.updates.clear()
        return True

    async def _delete_webhook(self, state: _BotState, p: JSONDict) -> bool:
        state.webhook_url = ""
        if p.get("drop_pending_updates"):
            state.updates.clear()
        return True

    async def _get_webhook_info(self, state: _BotState, p: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(state.updates),
        }
        if state.allowed_updates:
            info["allowed_updates"] = state.allowed_updates
        return info

    async def _send_message(self, state: _BotState, p: JSONDict) -> JSONDict:
        text = self._check_text(p.get("text"))

        def fill(message: JSONDict) -> None:
            message["text"] = text
            if p.get("entities"):
                message["entities"] = p["entities"]

        return await self._send(state, p, "sendMessage", fill)

    async def _send_document(self, state: _BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            message["document"] = self.file_object(self._input_file(p, "document", "document"))

        return await self._send(state, p, "sendDocument", fill)

    async def _send_photo(self, state: _BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            message["photo"] = self.photo_sizes(self._input_file(p, "photo", "photo"))

        return await self._send(state, p, "sendPhoto", fill)

    async def _send_voice(self, state: _BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            voice = self.file_object(self._input_file(p, "voice", "voice"))
            voice["duration"] = int(p.get("duration") or 1)
            voice.setdefault("mime_type", "audio/ogg")
            message["voice"] = voice

        return await self._send(state, p, "sendVoice", fill)

    async def _send_location(self, state: _BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            try:
                location = {"latitude": float(p["latitude"]), "longitude": float(p["longitude"])}
            except (KeyError, TypeError, ValueError):
                raise ApiError(400, "Bad Request: wrong latitude or longitude") from None
            message["location"] = location

        return await self._send(state, p, "sendLocation", fill)

    def _source_message(self, state: _BotState, p: JSONDict, verb: str) -> JSONDict:
        from_chat = p.get("from_chat_id")
        self._require_chat(from_chat)
        source = self._stored(state.id, from_chat, p.get("message_id"))
        if source is None:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        return source

    async def _forward_message(self, state: _BotState, p: JSONDict) -> JSONDict:
        source = self._source_message(state, p, "forward")
        p = {k: v for k, v in p.items() if k not in ("reply_markup", "caption")}

        def fill(message: JSONDict) -> None:
            for key in _CONTENT_KEYS:
                if key in source:
                    message[key] = source[key]
            sender = source.get("from") or {}
            if self.rules.legacy_forward_fields:
                message["forward_from"] = sender
                message["forward_date"] = source.get("date", 0)
            else:
                message["forward_origin"] = {
                    "type": "user",
                    "sender_user": sender,
                    "date": source.get("date", 0),
                }

        return await self._send(state, p, "forwardMessage", fill)

    async def _copy_message(self, state: _BotState, p: JSONDict) -> JSONDict:
        source = self._source_message(state, p, "copy")
        override_caption = "caption" in p

        def fill(message: JSONDict) -> None:
            for key in _CONTENT_KEYS:
                if key in source and not (override_caption and key.startswith("caption")):
                    message[key] = source[key]
            if p.get("remove_caption"):
                message.pop("caption", None)
                message.pop("caption_entities", None)

        message = await self._send(state, p, "copyMessage", fill)
        return {"message_id": message["message_id"]}

    def _editable(self, state: _BotState, p: JSONDict) -> JSONDict:
        if p.get("inline_message_id") is not None:
            raise ApiError(400, "Bad Request: inline messages are not supported by the sandbox")
        chat = self._require_chat(p.get("chat_id"))
        message = self._stored(state.id, chat["id"], p.get("message_id"))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"].get("id") != state.id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _inline_markup(self, p: JSONDict) -> JSONDict | None:
        markup = self._parse_markup(p)
        if markup is not None and "inline_keyboard" not in markup:
            raise ApiError(400, "Bad Request: inline keyboard expected")
        # An inline keyboard with no rows is how Telegram shows "no keyboard".
        if markup is not None and not markup["inline_keyboard"]:
            return None
        return markup

    def _apply_edit(
        self,
        state: _BotState,
        message: JSONDict,
        changes: JSONDict,
        markup: JSONDict | None,
    ) -> JSONDict:
        unchanged = all(message.get(k) == v for k, v in changes.items())
        if unchanged and message.get("reply_markup") == markup:
            raise ApiError(400, _NOT_MODIFIED)
        message.update(changes)
        # Telegram drops the inline keyboard from an edit that doesn't repeat it.
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        snapshot = dict(message)
        view = self.chat_view(state.id, message["chat"]["id"])
        view._record_edit(message["message_id"], snapshot, markup)
        if self.rules.edit_answers_stub:
            # Bale's answer to an edit (recorded 2026-10): no id, no text.
            if self._sparse_edits:
                return {"message_id": 0, "chat": {"id": message["chat"]["id"]}}
            chat = {"id": message["chat"]["id"], "type": message["chat"]["type"]}
            return {"message_id": 0, "date": int(time.time()), "chat": chat}
        return snapshot

    async def _edit_message_text(self, state: _BotState, p: JSONDict) -> JSONDict:
        message = self._editable(state, p)
        text = self._check_text(p.get("text"))
        markup = self._inline_markup(p)
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        changes: JSONDict = {"text": text}
        if p.get("entities"):
            changes["entities"] = p["entities"]
        return self._apply_edit(state, message, changes, markup)

    async def _edit_message_caption(self, state: _BotState, p: JSONDict) -> JSONDict:
        message = self._editable(state, p)
        caption = self._check_caption(p)
        markup = self._inline_markup(p)
        if "text" in message:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        changes: JSONDict = {"caption": caption}
        return self._apply_edit(state, message, changes, markup)

    async def _edit_message_reply_markup(self, state: _BotState, p: JSONDict) -> JSONDict:
        message = self._editable(state, p)
        markup = self._inline_markup(p)
        return self._apply_edit(state, message, {}, markup)

    async def _delete_message(self, state: _BotState, p: JSONDict) -> bool:
        chat = self._require_chat(p.get("chat_id"))
        if self._stored(state.id, chat["id"], p.get("message_id")) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        del self._messages[(state.id, chat["id"])][p["message_id"]]
        self.chat_view(state.id, chat["id"])._record_delete(int(p["message_id"]))
        return True

    async def _answer_callback_query(self, state: _BotState, p: JSONDict) -> bool:
        query = self._queries.get(str(p.get("callback_query_id")))
        if query is None or query.answered or query.bot_id != state.id:
            raise ApiError(400, _QUERY_INVALID)
        query.answered = True
        answer = CallbackAnswer(
            text=p.get("text"),
            show_alert=bool(p.get("show_alert", False)),
            url=p.get("url"),
            query_id=str(p["callback_query_id"]),
        )
        if not query.future.done():
            query.future.set_result(answer)
        self._touch(state.id, query.chat_id)
        return True

    async def _get_file(self, state: _BotState, p: JSONDict) -> JSONDict:
        stored = self._files.get(str(p.get("file_id")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if stored.size > MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": p["file_id"],
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": stored.file_path,
        }

    async def _send_chat_action(self, state: _BotState, p: JSONDict) -> bool:
        self._require_chat(p.get("chat_id"))
        if not p.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _get_chat(self, state: _BotState, p: JSONDict) -> JSONDict:
        chat = self._require_chat(p.get("chat_id"))
        # The fields PTB's ChatFullInfo requires.
        chat.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return chat

    @staticmethod
    def _commands_key(p: JSONDict) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    async def _set_my_commands(self, state: _BotState, p: JSONDict) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list) or not all(
            isinstance(c, dict) and c.get("command") and c.get("description") for c in commands
        ):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        state.commands[self._commands_key(p)] = commands
        return True

    async def _get_my_commands(self, state: _BotState, p: JSONDict) -> list[JSONDict]:
        return state.commands.get(self._commands_key(p), [])

    async def _delete_my_commands(self, state: _BotState, p: JSONDict) -> bool:
        state.commands.pop(self._commands_key(p), None)
        return True
