"""The message store, the hooks the driver calls, and the checks every method shares."""

from __future__ import annotations

import asyncio
import math
import mimetypes
import time
from collections.abc import Callable
from typing import Any, Literal

from bot.sandbox.core import (
    DEFAULT_EXT,
    FILE_FOLDERS,
    BotState,
    PendingQuery,
    PendingUpdate,
    SandboxCore,
)
from bot.sandbox.driver import SandboxChat, SandboxUser
from bot.sandbox.faults import ApiError, Bucket
from bot.sandbox.flavours import MAX_CALLBACK_DATA, MAX_CAPTION, MAX_TEXT
from bot.sandbox.messages import BotMessage, CallbackAnswer, JSONDict, SandboxFile
from bot.sandbox.wire import UploadedFile, shape_for, without_reply


class SandboxStore(SandboxCore):
    """Messages and files as the sandbox keeps them, and what the driver calls."""

    # --- users and chats: the driver's objects, which need the whole server ----------------

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
        ext = ext or DEFAULT_EXT.get(kind, "")
        stored = SandboxFile(
            file_id=f"SBX{kind[:3].upper()}{number:06d}",
            file_unique_id=f"U{number:06d}",
            file_path=f"{FILE_FOLDERS.get(kind, 'documents')}/file_{number}{ext}",
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
            message["reply_to_message"] = without_reply(target)
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
    ) -> asyncio.Future[CallbackAnswer | None]:
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
        future: asyncio.Future[CallbackAnswer | None] = asyncio.get_running_loop().create_future()
        self._queries[query_id] = PendingQuery(state.id, chat.id, future)
        self._enqueue(state, "callback_query", query, chat.id)
        return future

    def enqueue_raw(self, body: JSONDict, token: str | None = None) -> int:
        """Queue an update exactly as given (no shaping), e.g. a malformed one; its update_id."""
        state = self._resolve_bot(token)
        update_id = state.next_update_id
        state.next_update_id += 1
        state.updates.append(
            PendingUpdate(update_id, "raw", None, {"update_id": update_id, **body})
        )
        state.wake.set()
        return update_id

    def _enqueue(self, state: BotState, kind: str, payload: JSONDict, chat_id: int) -> JSONDict:
        update_id = state.next_update_id
        state.next_update_id += 1
        shaped = shape_for(payload, self.rules)
        state.updates.append(
            PendingUpdate(update_id, kind, chat_id, {"update_id": update_id, kind: shaped})
        )
        state.wake.set()
        self._touch(state.id, chat_id)
        result: JSONDict = shape_for(payload, self.rules)
        return result

    def _touch(self, bot_id: int, chat_id: Any) -> None:
        if isinstance(chat_id, int):
            view = self._views.get((bot_id, chat_id))
            if view is not None:
                view._touch()

    # --- validation helpers ----------------------------------------------------------------

    def _require_chat(self, chat_id: Any) -> JSONDict:
        chat = self._chat_dict(chat_id)
        if chat is None:
            if chat_id is None:
                raise ApiError(400, "Bad Request: chat_id is empty")
            raise ApiError(*self.rules.chat_not_found)
        return chat

    def _check_rate(self, state: BotState, chat_id: int) -> None:
        now = self.clock()
        chat_bucket = None
        if self.per_chat_rate:
            chat_bucket = self._chat_buckets.get((state.id, chat_id))
            if chat_bucket is None:
                chat_bucket = Bucket(self.per_chat_rate, now)
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
    def _within(value: str, limit: int, what: str) -> str:
        """`value`, refused as the platforms refuse one longer than `limit` (`what` it is)."""
        if len(value) > limit:
            raise ApiError(400, f"Bad Request: {what} is too long")
        return value

    @staticmethod
    def _check_text(text: Any) -> str:
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        return SandboxStore._within(text, MAX_TEXT, "message")

    @staticmethod
    def _check_caption(p: JSONDict) -> str | None:
        caption = p.get("caption")
        if caption is None:
            return None
        return SandboxStore._within(str(caption), MAX_CAPTION, "message caption")

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

    def _reply_target(self, state: BotState, chat_id: int, p: JSONDict) -> JSONDict | None:
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
        return without_reply(target)

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
        state: BotState,
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
        state: BotState,
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
