"""Wire coercion: parameters as PTB sends them, uploads, and payloads shaped per flavour."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.sandbox.faults import ApiError
from bot.sandbox.flavours import FlavourRules
from bot.sandbox.messages import JSONDict

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


@dataclass
class UploadedFile:
    """A multipart file part as the bot uploaded it."""

    filename: str | None
    content_type: str | None
    data: bytes

    def __repr__(self) -> str:
        return f"<UploadedFile {self.filename!r} {len(self.data)} bytes>"


def coerce(name: str, value: Any) -> Any:
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


def shape_for(obj: Any, rules: FlavourRules) -> Any:
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
            out[key] = shape_for(value, rules)
        return out
    if isinstance(obj, list):
        return [shape_for(item, rules) for item in obj]
    return obj


def without_reply(message: JSONDict) -> JSONDict:
    # Telegram nests reply_to_message one level deep only.
    return {k: v for k, v in message.items() if k != "reply_to_message"}
