"""The sandbox's state: bots, users and chats, the call log, faults and inspection."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web

from bot.sandbox.driver import SandboxChat
from bot.sandbox.faults import Bucket, Fault
from bot.sandbox.flavours import FLAVOURS, FlavourName, FlavourRules
from bot.sandbox.markdown import Shown, render_bale
from bot.sandbox.messages import CallbackAnswer, JSONDict, SandboxFile

TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]{5,}$")
# Methods that put a message into a chat: rate limits apply to them.
SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendVoice",
        "sendAudio",
        "sendLocation",
        "copyMessage",
        "forwardMessage",
    }
)
# Methods that touch a chat the user may have blocked the bot in.
BLOCKABLE_METHODS = SEND_METHODS | {
    "sendChatAction",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
}
# Message fields that copyMessage/forwardMessage carry over.
CONTENT_KEYS = (
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
FILE_FOLDERS = {
    "document": "documents",
    "photo": "photos",
    "voice": "voice",
    "audio": "music",
    "sticker": "stickers",
}
DEFAULT_EXT = {"photo": ".jpg", "voice": ".oga", "sticker": ".webp", "document": ".bin"}

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


@dataclass
class ApiCall:
    """One Bot API request the sandbox received, with decoded parameters."""

    method: str
    params: JSONDict
    token: str
    at: float  # time.monotonic() at arrival
    error_code: int | None = None  # filled in when the call failed
    description: str | None = None
    # The client's (address, port): a test can tell a call that came through a proxy.
    peer: tuple[str, int] | None = None

    def summary(self) -> str:
        """A one-line description for failure messages."""
        keys = ("chat_id", "message_id", "text", "caption", "callback_query_id")
        shown = {k: self.params[k] for k in keys if k in self.params}
        if isinstance(shown.get("text"), str) and len(shown["text"]) > 40:
            shown["text"] = shown["text"][:37] + "..."
        outcome = f" -> {self.error_code} {self.description}" if self.error_code else ""
        return f"{self.method}{shown}{outcome}"


@dataclass
class PendingUpdate:
    update_id: int
    kind: str
    chat_id: int | None
    payload: JSONDict


@dataclass
class PendingQuery:
    bot_id: int
    chat_id: int
    future: asyncio.Future[CallbackAnswer | None]
    answered: bool = False


@dataclass
class BotState:
    id: int
    token: str
    user: JSONDict
    updates: list[PendingUpdate] = field(default_factory=list)
    next_update_id: int = 1000
    delivered_upto: int = 0
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    webhook_url: str = ""
    webhook_secret: str = ""  # sent as X-Telegram-Bot-Api-Secret-Token where the flavour does
    webhook_task: asyncio.Task[None] | None = None
    webhook_error: tuple[int, str] | None = None  # (unix time, message) of the last failure
    allowed_updates: list[str] | None = None
    commands: dict[tuple[str, str], list[JSONDict]] = field(default_factory=dict)
    bucket: Bucket | None = None


@dataclass(frozen=True)
class WebhookPost:
    """One attempt to deliver an update by webhook: its HTTP status, or None when the bot's
    listener could not be reached."""

    bot_id: int
    update_id: int
    status: int | None


Handler = Callable[[BotState, JSONDict], Awaitable[Any]]


class SandboxCore:
    """Bots, users, chats and faults; the layers above add the message store, methods and HTTP."""

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
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rules = flavour if isinstance(flavour, FlavourRules) else FLAVOURS[flavour]
        self.flavour = self.rules.name
        self.bot_first_name = bot_first_name
        self.bot_username = bot_username
        self.rate_limit = rate_limit
        self.per_chat_rate = per_chat_rate
        # What the rate limits count time by (a test may step its own clock instead).
        self.clock = clock
        self.max_poll_wait = max_poll_wait
        # Benchmarks sending 100k messages may switch the call log off.
        self.record_calls = record_calls
        self.calls: list[ApiCall] = []
        self.webhook_posts: list[WebhookPost] = []
        # File downloads (GET /file/bot<token>/<path>), recorded apart from the API calls.
        self.downloads: list[ApiCall] = []
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
        self._bots: dict[int, BotState] = {}
        self._watchers: dict[int, Callable[[], bool]] = {}
        self._senders: dict[int, Callable[[int], bool]] = {}
        self._resting: dict[int, Callable[[int], Awaitable[bool]]] = {}
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
        self._queries: dict[str, PendingQuery] = {}
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._chat_buckets: dict[tuple[int, int], Bucket] = {}
        self._sparse_edits = False

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

    def _register(self, bot_id: int, token: str) -> BotState:
        user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }
        state = BotState(id=bot_id, token=token, user=user)
        if self.rate_limit:
            state.bucket = Bucket(self.rate_limit, self.clock())
        self._bots[bot_id] = state
        return state

    def _resolve_bot(self, token: str | None) -> BotState:
        # Users and groups made before any bot connected belong to make_token()'s default bot.
        if token is None:
            if not self._bots:
                self.make_token()
            return next(iter(self._bots.values()))
        state = self._auth(token)
        if state is None:
            raise ValueError(f"not a valid sandbox token: {token!r}")
        return state

    def _auth(self, token: str) -> BotState | None:
        match = TOKEN_RE.match(token)
        if match is None:
            return None
        bot_id = int(match.group(1))
        state = self._bots.get(bot_id)
        if state is None:
            return self._register(bot_id, token)
        return state if state.token == token else None

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
        text: str | None = None,
        hold: bool = False,
    ) -> Fault:
        """Make the next ``times`` matching calls wait ``delay`` s and/or fail with ``error``.

        ``method=None`` matches every method except getUpdates. A 429 carries
        ``parameters.retry_after`` only when ``retry_after`` is given, as Bale may omit it.
        With ``probability`` below 1 each matching call is hit at random (seeded), until
        ``times`` calls have been hit. ``text`` narrows it to messages containing it. With
        ``hold`` a call takes effect but is answered only at the fault's ``release()``.
        """
        if error is None and delay <= 0 and not hold:
            raise ValueError("inject() needs an error, a delay or a hold")
        if not 0 < probability <= 1:
            raise ValueError("probability must be in (0, 1]")
        fault = Fault(
            method, error, description, retry_after, delay, times, chat_id,
            probability=probability, text=text, held=asyncio.Event() if hold else None,
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

    def watch(
        self,
        token: str,
        busy: Callable[[], bool] | None,
        sending: Callable[[int], bool] | None = None,
        resting: Callable[[int], Awaitable[bool]] | None = None,
    ) -> None:
        """Let the driver ask an in-process bot what it is doing (None: stop asking).

        `busy()`: whether it is still handling updates; while it is watched, updates it fetched
        but has not confirmed with its next getUpdates count as busy too (PTB queues a batch
        before it asks for the next). `sending(chat_id)`: whether its outbox is at work on a
        message for a chat. `resting(chat_id)`: whether it has done all it will do now that
        could reach a chat (settle() then returns at once, with no quiet period)."""
        state = self._resolve_bot(token)
        if busy is None:
            self._watchers.pop(state.id, None)
            self._senders.pop(state.id, None)
            self._resting.pop(state.id, None)
        else:
            self._watchers[state.id] = busy
            if sending is not None:
                self._senders[state.id] = sending
            if resting is not None:
                self._resting[state.id] = resting

    async def at_rest(self, bot_id: int, chat_id: int) -> bool | None:
        """Whether a watched bot has done all it will do now for this chat: no update from
        anyone waits for it or is still unconfirmed (anyone's may reach this chat), and the bot
        says it rests. None: the bot cannot say (settle() then waits for a quiet spell)."""
        resting = self._resting.get(bot_id)
        if resting is None:
            return None
        if self._bots[bot_id].updates:
            return False
        return await resting(chat_id)

    def bot_working(self, bot_id: int, chat_id: int) -> bool:
        """Whether a watched bot is busy for this chat (bot_busy) or its outbox is sending
        to it: a message may still come, however long a loaded machine takes."""
        sending = self._senders.get(bot_id)
        return self.bot_busy(bot_id, chat_id) or (sending is not None and sending(chat_id))

    def bot_busy(self, bot_id: int, chat_id: int) -> bool:
        """Whether a watched bot holds an update from this chat or says it is busy."""
        busy = self._watchers.get(bot_id)
        if busy is None:
            return False
        unconfirmed = any(u.chat_id == chat_id for u in self._bots[bot_id].updates)
        return unconfirmed or busy()

    def has_undelivered(self, bot_id: int, chat_id: int) -> bool:
        """Whether an update from this chat waits for the bot's next getUpdates (or, with a
        webhook set, for a POST the bot answers 2xx: only then is it dropped)."""
        state = self._bots[bot_id]
        if state.webhook_url:
            return any(u.chat_id == chat_id for u in state.updates)
        return any(
            u.chat_id == chat_id and u.update_id > state.delivered_upto for u in state.updates
        )

    def _start_delivery(self, state: BotState) -> None:
        """Deliver this bot's updates to its webhook (the HTTP layer does)."""
        raise NotImplementedError

    def file(self, file_id: str) -> SandboxFile:
        """A stored file by file_id."""
        return self._files[file_id]
