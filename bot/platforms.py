"""Everything that differs between Telegram and Bale, in one place.

Handlers never ask which platform they run on: they escape echoed user text through the
adapter, and the bot/request classes here smooth out the Bot API differences (see
docs/bale.md for the facts, their sources and how sure we are of each).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import (
    Audio,
    BotCommand,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
    Voice,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ExtBot
from telegram.request import BaseRequest, RequestData

from bot.markup import escape_bale
from bot.settings import BaleEscaping, Platform
from bot.transport import AiohttpRequest

log = logging.getLogger(__name__)

# A 429 without retry_after would reach PTB as a generic NetworkError: assume this many seconds.
DEFAULT_RETRY_AFTER = 5

# Bot API calls' other time limits (the read limit is settings.request_timeout): an upload
# may take a while to write out (bot/transport.py).
WRITE_TIMEOUT = 30.0
CONNECT_TIMEOUT = 5.0


def longest_request(read_timeout: float) -> float:
    """The longest one Bot API call can take once on the wire: each phase's limit."""
    return CONNECT_TIMEOUT + WRITE_TIMEOUT + read_timeout


# Bale has answered rate limits as HTTP 400 with these descriptions (docs/bale.md); read by
# description, they are 429s.
RATE_LIMIT_DESCRIPTIONS = ("bot limit exceed", "local_rate_limited", "too many requests")
_EDITS = {"editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia"}
# Bale's successful answers that may need repair; any other is handed to PTB undecoded.
_REPAIRED = {"getUpdates", "getMe", *_EDITS}

_USER_KEYS = {"from", "forward_from", "user", "left_chat_member", "via_bot", "sender_user"}
_USER_LIST_KEYS = {"new_chat_members"}
# Direction marks before a pasted command: our Persian messages put a left-to-right mark before
# every /command (locales/fa), and a member who copies «/track ۴۸۲۱۰۷» from one pastes it too.
_COMMAND_AFTER_MARKS = re.compile(
    r"^([\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+)(/[A-Za-z0-9_]+)"
)
# The same marks in a raw answer, as UTF-8 or as JSON escapes (\u200e …).
_MARK_BYTES = re.compile(
    rb"\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c"
    rb"|\\u(?:200[ef]|061[cC]|202[a-eA-E]|206[6-9])"
)


def _no_escape(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class PlatformAdapter:
    """What handlers and services need to know about a platform."""

    platform: Platform
    escape: Callable[[str], str]
    # Does a contact shared with the request_contact button always carry the sender's
    # user_id? Telegram: yes. Bale: unconfirmed, so a contact without one is accepted there,
    # but not marked as verified.
    contact_has_owner: bool


def adapter(
    platform: Platform, escaping: BaleEscaping = BaleEscaping.INVISIBLE
) -> PlatformAdapter:
    """The platform's adapter, escaping Bale's Markdown the way settings say."""
    if platform is Platform.TELEGRAM:
        return PlatformAdapter(platform, _no_escape, contact_has_owner=True)
    return PlatformAdapter(
        platform, functools.partial(escape_bale, escaping=escaping), contact_has_owner=False
    )


def _repair_user(user: dict[str, Any], *, is_bot: bool = False) -> None:
    user.setdefault("is_bot", is_bot)
    if not user.get("first_name"):
        user["first_name"] = user.get("username") or str(user.get("id", ""))


def _repair(node: object, now: int) -> None:
    """Fill in fields PTB requires but Bale may omit, everywhere in an update."""
    if isinstance(node, list):
        for item in node:
            _repair(item, now)
        return
    if not isinstance(node, dict):
        return
    if "message_id" in node and isinstance(node.get("chat"), dict):
        node.setdefault("date", now)
        chat = node["chat"]
        # A guess, used only when Bale leaves the type out: Telegram's (and, as far as we
        # know, Bale's) group ids are negative.
        chat.setdefault("type", "private" if int(chat.get("id", 0)) > 0 else "group")
    text = node.get("text")
    if "message_id" in node and isinstance(text, str):
        _unmark_command(node, text)
    contact = node.get("contact")
    if isinstance(contact, dict) and not contact.get("first_name"):
        contact["first_name"] = ""
    if "data" in node and "from" in node and "id" in node and "chat_instance" not in node:
        message = node.get("message")
        chat_id = message.get("chat", {}).get("id") if isinstance(message, dict) else None
        node["chat_instance"] = str(chat_id if chat_id is not None else "")
    for key, value in node.items():
        if key in _USER_KEYS and isinstance(value, dict) and "id" in value:
            _repair_user(value)
        elif key in _USER_LIST_KEYS and isinstance(value, list):
            for user in value:
                if isinstance(user, dict) and "id" in user:
                    _repair_user(user)
        _repair(value, now)


def _unmark_command(message: dict[str, Any], text: str) -> None:
    """Drop direction marks before a command that starts a message, so it reads as one."""
    match = _COMMAND_AFTER_MARKS.match(text)
    if match is None:
        return
    marks = len(match.group(1))  # each is one UTF-16 unit, as entity offsets count
    message["text"] = text[marks:]
    entities = [e for e in message.get("entities") or [] if isinstance(e, dict)]
    for entity in entities:
        entity["offset"] = max(0, int(entity.get("offset", 0)) - marks)
    if not any(e.get("type") == "bot_command" and e.get("offset") == 0 for e in entities):
        command = {"type": "bot_command", "offset": 0, "length": len(match.group(2))}
        entities.insert(0, command)
    message["entities"] = entities


def repair_updates(updates: list[Any]) -> list[Any]:
    """Repair raw getUpdates results so PTB can parse every one of them.

    PTB does not advance the polling offset past an update it cannot parse, so one odd update
    would stall the bot for good. Whatever still does not parse after repair is replaced by a
    bare update with the same id: PTB skips it, and polling moves on.
    """
    now = int(time.time())
    repaired = []
    for raw in updates:
        if not isinstance(raw, dict) or "update_id" not in raw:
            continue
        try:
            _repair(raw, now)
            Update.de_json(raw, None)
        except Exception:  # any parse failure at all must not stall polling
            log.warning("dropping unparseable update %s", raw.get("update_id"))
            raw = {"update_id": raw["update_id"]}
        repaired.append(raw)
    return repaired


class Decoded(bytes):
    """An answer's bytes together with its decoded (and repaired) body: PTB's
    parse_json_payload (RepairingRequest's) takes the body instead of decoding it again."""

    body: Any

    @classmethod
    def of(cls, payload: bytes, body: Any) -> Decoded:
        """The payload, carrying its body."""
        decoded = cls(payload)
        decoded.body = body
        return decoded


class RepairingRequest(AiohttpRequest):
    """The transport (bot/transport.py), repairing Bale's answers before PTB parses them.

    On Telegram (`bale=False`), which sends complete objects, successful answers go to PTB
    untouched and undecoded; only error answers are read (a rate limit without retry_after).
    Whatever is decoded here is decoded once: PTB is handed the body (see Decoded).
    `on_polled`, if given, is awaited after every successful getUpdates
    (bot/services/pollwatch.py notices long gaps with it).
    """

    def __init__(
        self,
        *,
        on_polled: Callable[[], Awaitable[None]] | None = None,
        bale: bool = True,
        connection_pool_size: int = 1,
        **kwargs: Any,
    ) -> None:
        super().__init__(connection_pool_size=connection_pool_size, **kwargs)
        self._on_polled = on_polled
        self._bale = bale

    @staticmethod
    def parse_json_payload(payload: bytes) -> Any:
        """The body fix_response decoded already, or PTB's own decoding."""
        if isinstance(payload, Decoded):
            return payload.body
        return BaseRequest.parse_json_payload(payload)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send the request, then repair the answer."""
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        endpoint = url.rsplit("/", 1)[-1]
        if "/file/" in url:
            return code, payload
        if endpoint == "getUpdates" and code == 200 and self._on_polled is not None:
            try:
                await self._on_polled()
            except Exception:  # noticing a gap must never stop polling
                log.exception("after getUpdates")
        return fix_response(endpoint, code, payload, bale=self._bale)


def is_rate_limit(description: str) -> bool:
    """Whether an error's description says "slow down", whatever its status code."""
    lowered = description.lower()
    return any(words in lowered for words in RATE_LIMIT_DESCRIPTIONS)


def _is_stub(result: object) -> bool:
    """Whether an edit's answer is not a full message PTB can parse."""
    if not isinstance(result, dict):
        return False
    chat = result.get("chat")
    return (
        not result.get("message_id")
        or "date" not in result
        or not isinstance(chat, dict)
        or "type" not in chat
    )


def fix_response(
    endpoint: str, code: int, payload: bytes, *, bale: bool = True
) -> tuple[int, bytes]:
    """Repair one Bot API answer (status code and JSON) for PTB.

    An answer that had to be decoded comes back as Decoded (the body PTB will read, repaired).
    A successful answer that never needs repair (a sent message; on Telegram, any) is not
    decoded at all: that is most answers, on the hot path.
    """
    # On Telegram too, a command pasted with our direction mark before it is made a command
    # again: only updates that carry such a mark (encoded or escaped) are read for it.
    marked = endpoint == "getUpdates" and _MARK_BYTES.search(payload) is not None
    if code == 200 and (not bale or endpoint not in _REPAIRED) and not marked:
        return code, payload
    try:
        body = json.loads(payload)
    except ValueError:
        return code, payload
    if not isinstance(body, dict):
        return code, payload
    if code == 200 and body.get("ok"):
        if endpoint == "getUpdates" and isinstance(body.get("result"), list):
            body["result"] = repair_updates(body["result"])
        elif endpoint == "getMe" and isinstance(body.get("result"), dict):
            _repair_user(body["result"], is_bot=True)
        elif endpoint in _EDITS and _is_stub(body.get("result")):
            # Bale answers an edit with a stub (message_id 0, no text, maybe no date or
            # chat type) that PTB could fail to parse outside TelegramError. Nothing uses an
            # edit's result: "it worked" is all an edit's caller may rely on.
            body["result"] = True
        return code, Decoded.of(payload, body)
    if code == 403 and "token not found" in str(body.get("description", "")).lower():
        # Bale's answer to a bad or revoked token: 401 is how PTB (InvalidToken) and the
        # runtime know it, where a 403 would read as "this member blocked the bot".
        return 401, Decoded.of(payload, body)
    if code == 400 and is_rate_limit(str(body.get("description", ""))):
        # Read by description: a limit, so PTB raises RetryAfter and callers wait and retry.
        code = 429
        body["error_code"] = 429
    if code == 404 and endpoint != "getMe":
        # PTB reads 404 as "invalid token"; Bale was thought to answer 404 for a missing chat
        # (it answers 400 "no such group or user" now). Only getMe (checked at start-up) can
        # really tell us the token is wrong.
        return 400, Decoded.of(payload, body)
    if code == 429:
        parameters = body.get("parameters")
        if not isinstance(parameters, dict) or not parameters.get("retry_after"):
            body["parameters"] = {"retry_after": DEFAULT_RETRY_AFTER}
    return code, Decoded.of(payload, body)


# How many recent button presses KhoosheBot remembers the chat of (see answer_callback_query).
_QUERIES_KEPT = 1000


class KhoosheBot(ExtBot[Any]):
    """ExtBot whose answers to button presses can fail without stopping the action."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The chat of each recent button press, by query id: where a refused answer's text
        # goes instead.
        self._query_chats: OrderedDict[str, int] = OrderedDict()

    def insert_callback_data(self, update: Update) -> None:
        """PTB's hook for every update it receives (polled or posted to the webhook): note
        the chat of a button press made in a private chat (a refused answer there is said as
        a message; in a group it would be said to everyone, so it is not)."""
        query = update.callback_query
        if query is not None:
            message = query.message
            if message is None or message.chat.type == ChatType.PRIVATE:
                self._query_chats[query.id] = query.from_user.id
            while len(self._query_chats) > _QUERIES_KEPT:
                self._query_chats.popitem(last=False)
        super().insert_callback_data(update)

    async def _do_post(
        self,
        endpoint: str,
        data: dict[str, Any],
        *,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> Any:
        # An inline keyboard never goes out with an empty row (a client may refuse the whole
        # message): a handler that built one is fixed at its source; this is the last guard.
        markup = data.get("reply_markup")
        if isinstance(markup, InlineKeyboardMarkup) and not all(markup.inline_keyboard):
            log.warning("an empty keyboard row left out of %s", endpoint)
            data["reply_markup"] = InlineKeyboardMarkup([r for r in markup.inline_keyboard if r])
        return await super()._do_post(
            endpoint,
            data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )

    async def answer_callback_query(self, *args: Any, **kwargs: Any) -> bool:
        """Stop the button's spinner if the platform lets us; never fail the handler.

        Bale may refuse to answer queries from old clients, and any platform refuses a
        query that is too old (after a restart): the member's press must still do what it
        says, so the refusal is logged and the handler goes on. What the answer would have
        said (a support counted, a button expired) comes as a message instead: a member told
        nothing might press again, and a second press of a toggle undoes the first.
        """
        query_id = str(kwargs.get("callback_query_id", args[0] if args else None))
        try:
            answered = await super().answer_callback_query(*args, **kwargs)
        except TelegramError as exc:
            log.info("callback query not answered (%s: %s)", exc.__class__.__name__, exc)
            if isinstance(exc, BadRequest):  # refused, not lost on the way: nothing was shown
                text = kwargs["text"] if "text" in kwargs else (args[1] if len(args) > 1 else None)
                await self._say_instead(query_id, text)
            return False
        # Answered: a second answer (refused, as answered already) must not repeat it.
        self._query_chats.pop(query_id, None)
        return answered

    async def _say_instead(self, query_id: str, text: object) -> None:
        """Send a refused answer's text to the chat of the press (once per press)."""
        if not isinstance(text, str) or not text:
            return
        chat_id = self._query_chats.pop(query_id, None)
        if chat_id is None:
            return
        try:
            await self.send_message(chat_id, text)
        except TelegramError as exc:
            log.info("refused callback answer not sent (%s)", exc.__class__.__name__)


class BaleBot(KhoosheBot):
    """ExtBot that speaks Bale's dialect of the Bot API."""

    def __init__(
        self, *args: Any, escaping: BaleEscaping = BaleEscaping.INVISIBLE, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # How the text it sends is kept from becoming Markdown (settings' bale_escaping).
        self._escaping = escaping

    async def _do_post(
        self,
        endpoint: str,
        data: dict[str, Any],
        *,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> Any:
        # Bale has no parse_mode (it always renders its own Markdown) and its SDKs only know
        # reply_to_message_id, not Telegram's newer reply_parameters.
        data.pop("parse_mode", None)
        # Texts escapes each message it renders, but a message is sometimes put together
        # (lines packed, a long summary cut) after that: the final text is escaped here, on
        # its way out, so markup cannot form across pieces. Idempotent, so nothing doubles.
        for key in ("text", "caption") if endpoint != "answerCallbackQuery" else ():
            if isinstance(data.get(key), str):
                data[key] = escape_bale(data[key], self._escaping)
        reply = data.pop("reply_parameters", None)
        if isinstance(reply, ReplyParameters):
            data["reply_to_message_id"] = reply.message_id
        elif isinstance(reply, dict) and "message_id" in reply:
            data["reply_to_message_id"] = reply["message_id"]
        return await super()._do_post(
            endpoint,
            data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )


def is_forwarded(message: Message) -> bool:
    """Whether a message was forwarded, in Telegram's current or Bale's older form.

    Bale (like Bot API 6) marks forwards with forward_from/forward_date, which PTB 22 no longer
    parses and keeps in api_kwargs.
    """
    legacy = ("forward_from", "forward_from_chat", "forward_date", "forward_sender_name")
    return message.forward_origin is not None or any(k in message.api_kwargs for k in legacy)


_VOICE_AUDIO = ("ogg", "opus", "oga")


def voice_note(message: Message) -> Voice | Audio | None:
    """The message's voice note, also when a Bale client sent it as an ogg/opus audio file
    (docs/bale.md); other audio (music, an mp3) is not a voice note."""
    if message.voice is not None:
        return message.voice
    audio = message.audio
    if audio is None:
        return None
    described = f"{audio.mime_type or ''} {audio.file_name or ''}".lower()
    if not described.strip() or any(kind in described for kind in _VOICE_AUDIO):
        return audio
    return None


async def send_voice_note(bot: ExtBot[Any], chat_id: int, voice: Any, **kwargs: Any) -> Message:
    """Send a kept voice note; if the platform refuses it as a voice (a note that came as an
    audio file, docs/bale.md, has an audio file id), send it as the audio file it is."""
    try:
        return await bot.send_voice(chat_id, voice, **kwargs)
    except BadRequest as exc:
        log.info("voice note refused as a voice (%s); sent as audio", exc.message)
        return await bot.send_audio(chat_id, voice, **kwargs)


async def set_commands(bot: ExtBot[Any], commands: Sequence[tuple[str, str]]) -> bool:
    """Publish the command menu where the platform has one; never fail start-up over it."""
    try:
        await bot.set_my_commands([BotCommand(name, text) for name, text in commands])
    except TelegramError as exc:
        log.info("command menu not set (%s)", exc.__class__.__name__)
        return False
    return True
