r"""A loopback fake of the Telegram Bot API, with a Bale flavour, for tests and benchmarks.

The bot under test talks to it over real HTTP (PTB's ``base_url``/``base_file_url``); tests play
users through :mod:`bot.sandbox.driver`. It binds 127.0.0.1 only. Updates reach the bot by
getUpdates or, once it sets a webhook, as POSTs to that address (127.0.0.1 only), each kept and
retried until the bot answers 2xx, as Telegram does; the bale flavour sends no secret header.

Known simplifications: ``parse_mode`` markup is not rendered on the telegram flavour (messages
keep the text as sent; the bale flavour renders Markdown as Bale does, see
:mod:`bot.sandbox.markdown`), inline mode, payments and media groups are absent, and all bots
share one user/group registry.

The bale flavour answers as the live service was seen to (docs/bale.md). Behaviours a test can
switch on: :meth:`BotApiSandbox.drop_fields` (updates and edit answers without the fields
Bale may omit), ``voice_as_audio`` (voice notes arrive as ``audio``),
``removes_backslash_escapes`` (a Bale that hides ``\*``), and the errors in ``BALE_ERRORS``
through :meth:`BotApiSandbox.inject`.

The server is built in layers, one module each: :mod:`bot.sandbox.flavours` (Telegram and Bale
rules), :mod:`bot.sandbox.faults` (injected errors, rate buckets), :mod:`bot.sandbox.wire`
(parameter coercion, payload shaping), :mod:`bot.sandbox.core` (bots, users, chats, faults),
:mod:`bot.sandbox.store` (messages, files, the driver's hooks), :mod:`bot.sandbox.methods` (one
handler per Bot API method) and this module (lifecycle and HTTP).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp
from aiohttp import web

from bot.sandbox.core import BLOCKABLE_METHODS, ApiCall, BotState, Handler, WebhookPost
from bot.sandbox.faults import ApiError
from bot.sandbox.messages import JSONDict
from bot.sandbox.methods import SandboxMethods
from bot.sandbox.wire import UploadedFile, coerce

logger = logging.getLogger(__name__)

# Retrying a failed webhook POST: Telegram backs off too, on a scale of seconds to minutes;
# the sandbox keeps to tenths so that a test sees the retry.
WEBHOOK_RETRY_FIRST = 0.05
WEBHOOK_RETRY_MAX = 1.0
WEBHOOK_TIMEOUT = 10.0
# For bot_env: the folder `python -m bot` is importable from.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class BotApiSandbox(SandboxMethods):
    """A Telegram (or Bale) Bot API server on 127.0.0.1, with users driven in-process."""

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
        for state in self._bots.values():  # started again: webhooks set before still deliver
            if state.webhook_url:
                self._start_delivery(state)

    async def stop(self) -> None:
        """Wake long pollers, stop webhook deliveries and shut the server down."""
        self._closing = True
        for state in self._bots.values():
            state.wake.set()
            task, state.webhook_task = state.webhook_task, None
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
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

    def bot_settings(self, token: str, database: Path) -> dict[str, Any]:
        """Settings for a bot on this sandbox (names as in bot/settings.py): this flavour's
        token and addresses, the database and a short poll."""
        return {
            f"{self.flavour}_token": token,
            f"{self.flavour}_base_url": self.base_url,
            f"{self.flavour}_base_file_url": self.base_file_url,
            "database_path": str(database),
            "polling_timeout": "1",
        }

    def bot_env(self, token: str, database: Path, **settings: str) -> dict[str, str]:
        """The environment for ``python -m bot`` against this sandbox: `bot_settings` and then
        `settings`, upper-cased; other tokens in this process's environment are left out."""
        env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
        env["PYTHONPATH"] = str(PROJECT_ROOT)
        chosen = {**self.bot_settings(token, database), **settings}
        env.update({key.upper(): str(value) for key, value in chosen.items()})
        return env

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
        return {key: coerce(key, value) for key, value in raw.items()}

    async def _handle_api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        requested = request.match_info["method"]
        entry = self._methods.get(requested.lower())
        method = entry[0] if entry else requested
        call = ApiCall(method, {}, token, time.monotonic(), peer=_peer(request))
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
        except ConnectionResetError:
            # The bot went away mid-request (a Ctrl-C, a kill): nobody is left to answer.
            call.error_code, call.description = 499, "client closed the connection"
            return web.Response(status=499)
        except Exception:
            # A sandbox bug must show up in the test as a readable 500, not a dropped connection.
            logger.exception("sandbox failed on %s", method)
            bug = ApiError(500, f"Internal Server Error: sandbox failed on {method}")
            call.error_code, call.description = bug.code, bug.description
            return web.json_response(bug.payload(), status=500)
        return web.json_response({"ok": True, "result": result})

    async def _dispatch(
        self, state: BotState, method: str, handler: Handler | None, params: JSONDict
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
                    if method == "answerCallbackQuery":
                        self._refused_answer(params)
                    raise error
            if handler is None:
                raise ApiError(400, "Bad Request: method not found")
            if "parse_mode" in params and not self.rules.accepts_parse_mode:
                raise ApiError(400, "Bad Request: parse_mode is not supported")
            if method in BLOCKABLE_METHODS and chat_id in self.blocked:
                self._require_chat(chat_id)
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            result = await handler(state, params)
            if fault is not None and fault.held is not None:
                await fault.held.wait()
            return result
        finally:
            self._touch(state.id, chat_id)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if self.record_calls:
            path = request.match_info["path"]
            download = ApiCall("download", {"path": path}, request.match_info["token"], 0.0)
            download.at, download.peer = time.monotonic(), _peer(request)
            self.downloads.append(download)
        if self._auth(request.match_info["token"]) is None:
            err = ApiError(401, "Unauthorized")
            return web.json_response(err.payload(), status=401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            err = ApiError(404, "Not Found")
            return web.json_response(err.payload(), status=404)
        content_type = (stored.mime_type or "application/octet-stream").split(";")[0]
        return web.Response(body=stored.data, content_type=content_type)

    # --- webhooks --------------------------------------------------------------------------

    def _start_delivery(self, state: BotState) -> None:
        """Post the bot's updates to its webhook from now on (one loop per bot)."""
        if state.webhook_task is None or state.webhook_task.done():
            state.webhook_task = asyncio.create_task(self._deliver(state))

    async def _deliver(self, state: BotState) -> None:
        """POST each update, oldest first, until the webhook is deleted.

        As Telegram does: an update stays queued until the bot answers 2xx, and a failed
        POST is retried, with a growing pause, before any later update is sent, so the bot
        sees them in order. The secret goes in the X-Telegram-Bot-Api-Secret-Token header
        where the flavour sends one (not on Bale).
        """
        delay = WEBHOOK_RETRY_FIRST
        timeout = aiohttp.ClientTimeout(total=WEBHOOK_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while state.webhook_url and not self._closing:
                if state.allowed_updates:
                    allowed = set(state.allowed_updates)
                    state.updates = [u for u in state.updates if u.kind in allowed]
                if not state.updates:
                    state.wake.clear()
                    await state.wake.wait()
                    continue
                update = state.updates[0]
                headers = {}
                if state.webhook_secret and self.rules.webhook_secret_header:
                    headers["X-Telegram-Bot-Api-Secret-Token"] = state.webhook_secret
                status: int | None = None
                try:
                    async with session.post(
                        state.webhook_url, json=update.payload, headers=headers
                    ) as response:
                        status = response.status
                        error = f"Wrong response from the webhook: {status} {response.reason}"
                except (aiohttp.ClientError, TimeoutError) as exc:
                    error = f"Connection failed: {exc.__class__.__name__}"
                self.webhook_posts.append(WebhookPost(state.id, update.update_id, status))
                if status is not None and 200 <= status < 300:
                    # Delivered: Telegram forgets it (it may have gone with drop_pending).
                    if update in state.updates:
                        state.updates.remove(update)
                    state.delivered_upto = max(state.delivered_upto, update.update_id)
                    self._touch(state.id, update.chat_id)
                    delay = WEBHOOK_RETRY_FIRST
                    continue
                state.webhook_error = (int(time.time()), error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, WEBHOOK_RETRY_MAX)


def _peer(request: web.Request) -> tuple[str, int] | None:
    """The client's (address, port), if the transport knows it."""
    peer = request.transport.get_extra_info("peername") if request.transport else None
    return (str(peer[0]), int(peer[1])) if peer else None
