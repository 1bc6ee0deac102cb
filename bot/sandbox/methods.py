"""The Bot API methods the sandbox answers, and their table."""

from __future__ import annotations

import asyncio
import json
import time
from functools import cached_property
from urllib.parse import urlsplit

from bot.sandbox.core import CONTENT_KEYS, NOT_MODIFIED, QUERY_INVALID, BotState, Handler
from bot.sandbox.faults import ApiError
from bot.sandbox.flavours import MAX_DOWNLOAD
from bot.sandbox.messages import CallbackAnswer, JSONDict
from bot.sandbox.store import SandboxStore

LOOPBACK = ("127.0.0.1", "localhost")


class SandboxMethods(SandboxStore):
    """One handler per Bot API method."""

    # --- method table ----------------------------------------------------------------------

    @cached_property
    def _methods(self) -> dict[str, tuple[str, Handler]]:
        """The handler for each method name, lower-cased: built once, on the first call."""
        return self._method_table()

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
            "sendAudio": self._send_audio,
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

    async def _ok(self, state: BotState, p: JSONDict) -> bool:
        return True

    # --- methods ---------------------------------------------------------------------------

    async def _get_me(self, state: BotState, p: JSONDict) -> JSONDict:
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

    async def _get_updates(self, state: BotState, p: JSONDict) -> list[JSONDict]:
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

    async def _set_webhook(self, state: BotState, p: JSONDict) -> bool:
        url = str(p.get("url") or "")
        if url:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.hostname not in LOOPBACK:
                # Nothing leaves the machine: the sandbox posts updates to 127.0.0.1 only.
                raise ApiError(400, "Bad Request: bad webhook: the sandbox posts to 127.0.0.1")
        state.webhook_url = url
        state.webhook_secret = str(p.get("secret_token") or "")
        state.webhook_error = None
        if isinstance(p.get("allowed_updates"), list):
            state.allowed_updates = p["allowed_updates"] or None
        if p.get("drop_pending_updates"):
            state.updates.clear()
        if url:
            self._start_delivery(state)
        state.wake.set()  # a delivery loop reads the new address (or stops)
        return True

    async def _delete_webhook(self, state: BotState, p: JSONDict) -> bool:
        state.webhook_url = ""
        state.webhook_secret = ""
        if p.get("drop_pending_updates"):
            state.updates.clear()
        state.wake.set()
        return True

    async def _get_webhook_info(self, state: BotState, p: JSONDict) -> JSONDict:
        info: JSONDict = {
            "url": state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(state.updates),
        }
        if state.allowed_updates:
            info["allowed_updates"] = state.allowed_updates
        if state.webhook_url and state.webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = state.webhook_error
        return info

    async def _send_message(self, state: BotState, p: JSONDict) -> JSONDict:
        text = self._check_text(p.get("text"))

        def fill(message: JSONDict) -> None:
            message["text"] = text
            if p.get("entities"):
                message["entities"] = p["entities"]

        return await self._send(state, p, "sendMessage", fill)

    async def _send_document(self, state: BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            message["document"] = self.file_object(self._input_file(p, "document", "document"))

        return await self._send(state, p, "sendDocument", fill)

    async def _send_photo(self, state: BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            message["photo"] = self.photo_sizes(self._input_file(p, "photo", "photo"))

        return await self._send(state, p, "sendPhoto", fill)

    async def _send_voice(self, state: BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            voice = self.file_object(self._input_file(p, "voice", "voice"))
            voice["duration"] = int(p.get("duration") or 1)
            voice.setdefault("mime_type", "audio/ogg")
            message["voice"] = voice

        return await self._send(state, p, "sendVoice", fill)

    async def _send_audio(self, state: BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            audio = self.file_object(self._input_file(p, "audio", "audio"))
            audio["duration"] = int(p.get("duration") or 1)
            message["audio"] = audio

        return await self._send(state, p, "sendAudio", fill)

    async def _send_location(self, state: BotState, p: JSONDict) -> JSONDict:
        def fill(message: JSONDict) -> None:
            try:
                location = {"latitude": float(p["latitude"]), "longitude": float(p["longitude"])}
            except (KeyError, TypeError, ValueError):
                raise ApiError(400, "Bad Request: wrong latitude or longitude") from None
            message["location"] = location

        return await self._send(state, p, "sendLocation", fill)

    def _source_message(self, state: BotState, p: JSONDict, verb: str) -> JSONDict:
        from_chat = p.get("from_chat_id")
        self._require_chat(from_chat)
        source = self._stored(state.id, from_chat, p.get("message_id"))
        if source is None:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        return source

    async def _forward_message(self, state: BotState, p: JSONDict) -> JSONDict:
        source = self._source_message(state, p, "forward")
        p = {k: v for k, v in p.items() if k not in ("reply_markup", "caption")}

        def fill(message: JSONDict) -> None:
            for key in CONTENT_KEYS:
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

    async def _copy_message(self, state: BotState, p: JSONDict) -> JSONDict:
        source = self._source_message(state, p, "copy")
        override_caption = "caption" in p

        def fill(message: JSONDict) -> None:
            for key in CONTENT_KEYS:
                if key in source and not (override_caption and key.startswith("caption")):
                    message[key] = source[key]
            if p.get("remove_caption"):
                message.pop("caption", None)
                message.pop("caption_entities", None)

        message = await self._send(state, p, "copyMessage", fill)
        return {"message_id": message["message_id"]}

    def _editable(self, state: BotState, p: JSONDict) -> JSONDict:
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
        state: BotState,
        message: JSONDict,
        changes: JSONDict,
        markup: JSONDict | None,
    ) -> JSONDict:
        unchanged = all(message.get(k) == v for k, v in changes.items())
        if unchanged and message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
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

    async def _edit_message_text(self, state: BotState, p: JSONDict) -> JSONDict:
        message = self._editable(state, p)
        text = self._check_text(p.get("text"))
        markup = self._inline_markup(p)
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        changes: JSONDict = {"text": text}
        if p.get("entities"):
            changes["entities"] = p["entities"]
        return self._apply_edit(state, message, changes, markup)

    async def _edit_message_caption(self, state: BotState, p: JSONDict) -> JSONDict:
        message = self._editable(state, p)
        caption = self._check_caption(p)
        markup = self._inline_markup(p)
        if "text" in message:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        changes: JSONDict = {"caption": caption}
        return self._apply_edit(state, message, changes, markup)

    async def _edit_message_reply_markup(self, state: BotState, p: JSONDict) -> JSONDict:
        message = self._editable(state, p)
        markup = self._inline_markup(p)
        return self._apply_edit(state, message, {}, markup)

    async def _delete_message(self, state: BotState, p: JSONDict) -> bool:
        chat = self._require_chat(p.get("chat_id"))
        if self._stored(state.id, chat["id"], p.get("message_id")) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        del self._messages[(state.id, chat["id"])][p["message_id"]]
        self.chat_view(state.id, chat["id"])._record_delete(int(p["message_id"]))
        return True

    async def _answer_callback_query(self, state: BotState, p: JSONDict) -> bool:
        query = self._queries.get(str(p.get("callback_query_id")))
        if query is None or query.answered or query.bot_id != state.id:
            raise ApiError(400, QUERY_INVALID)
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

    def _refused_answer(self, p: JSONDict) -> None:
        """An injected error refused this answer: the press ends unanswered, as a client's
        spinner gives up, instead of the driver waiting out its timeout for an answer."""
        query = self._queries.get(str(p.get("callback_query_id")))
        if query is not None and not query.future.done():
            query.future.set_result(None)

    async def _get_file(self, state: BotState, p: JSONDict) -> JSONDict:
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

    async def _send_chat_action(self, state: BotState, p: JSONDict) -> bool:
        self._require_chat(p.get("chat_id"))
        if not p.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _get_chat(self, state: BotState, p: JSONDict) -> JSONDict:
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

    async def _set_my_commands(self, state: BotState, p: JSONDict) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list) or not all(
            isinstance(c, dict) and c.get("command") and c.get("description") for c in commands
        ):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        state.commands[self._commands_key(p)] = commands
        return True

    async def _get_my_commands(self, state: BotState, p: JSONDict) -> list[JSONDict]:
        return state.commands.get(self._commands_key(p), [])

    async def _delete_my_commands(self, state: BotState, p: JSONDict) -> bool:
        state.commands.pop(self._commands_key(p), None)
        return True
