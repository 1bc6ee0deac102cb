"""Everything that differs between Telegram and Bale, in one place.

Handlers never ask which platform they run on: they escape echoed user text through the
adapter, and the bot/request classes here smooth out the Bot API differences (see
../shared/BALE.md for the facts and how sure we are of each).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, Message, ReplyParameters, Update
from telegram.error import TelegramError
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest, RequestData

from bot.settings import Platform

log = logging.getLogger(__name__)

# Bale renders its own Markdown in every message and has no parse_mode to turn that off.
_BALE_MARKDOWN = re.compile(r"([\\_*\[\]()`])")
# A 429 without retry_after would reach PTB as a generic NetworkError: assume this many seconds.
DEFAULT_RETRY_AFTER = 5

_USER_KEYS = {"from", "forward_from", "user", "left_chat_member", "via_bot", "sender_user"}
_USER_LIST_KEYS = {"new_chat_members"}


def escape_bale(text: str) -> str:
    """Escape the characters Bale's Markdown would eat."""
    return _BALE_MARKDOWN.sub(r"\\\1", text)


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


ADAPTERS = {
    Platform.TELEGRAM: PlatformAdapter(Platform.TELEGRAM, _no_escape, contact_has_owner=True),
    Platform.BALE: PlatformAdapter(Platform.BALE, escape_bale, contact_has_owner=False),
}


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


class RepairingRequest(HTTPXRequest):
    """HTTPX transport that repairs Bale's answers before PTB parses them.

    Harmless on Telegram (which sends complete objects), so both platforms use it and the
    parse-failure guard protects Telegram polling too.
    """

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        write_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        connect_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        pool_timeout: Any = HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send the request, then repair the answer."""
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        endpoint = url.rsplit("/", 1)[-1]
        if "/file/" in url:
            return code, payload
        return fix_response(endpoint, code, payload)


def fix_response(endpoint: str, code: int, payload: bytes) -> tuple[int, bytes]:
    """Repair one Bot API answer (status code and JSON) for PTB."""
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
        else:
            return code, payload
        return code, json.dumps(body).encode()
    if code == 403 and "token not found" in str(body.get("description", "")).lower():
        # Bale's answer to a bad or revoked token: 401 is how PTB (InvalidToken) and the
        # runtime know it, where a 403 would read as "this member blocked the bot".
        return 401, payload
    if code == 404 and endpoint != "getMe":
        # PTB reads 404 as "invalid token"; Bale answers 404 for a missing chat. Only getMe
        # (checked at start-up) can really tell us the token is wrong.
        return 400, payload
    if code == 429:
        parameters = body.setdefault("parameters", {})
        if not isinstance(parameters, dict) or not parameters.get("retry_after"):
            body["parameters"] = {"retry_after": DEFAULT_RETRY_AFTER}
            return code, json.dumps(body).encode()
    return code, payload


class BaleBot(ExtBot[Any]):
    """ExtBot that speaks Bale's dialect of the Bot API."""

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


async def set_commands(bot: ExtBot[Any], commands: Sequence[tuple[str, str]]) -> bool:
    """Publish the command menu where the platform has one; never fail start-up over it."""
    try:
        await bot.set_my_commands([BotCommand(name, text) for name, text in commands])
    except TelegramError as exc:
        log.info("command menu not set (%s)", exc.__class__.__name__)
        return False
    return True
