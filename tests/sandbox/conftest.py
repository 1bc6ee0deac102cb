"""The sandbox tests' fixtures: a sandbox of each flavour, plain HTTP to it, a PTB Bot on it
and a user, for the tests of the Bot API it answers (test_api.py) and of the chats it keeps
(test_chats.py)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.request import HTTPXRequest

from bot.sandbox import BotApiSandbox, SandboxUser
from bot.sandbox.messages import JSONDict

FLAVOURS = ["telegram", "bale"]


class Raw:
    """Plain HTTP calls, for shapes PTB can't parse (bale's getMe and updates) or won't send."""

    def __init__(self, session: aiohttp.ClientSession, server: BotApiSandbox) -> None:
        self.session = session
        self.server = server

    async def call(
        self, method: str, *, token: str | None = None, as_json: bool = False, **params: Any
    ) -> tuple[int, JSONDict]:
        url = f"{self.server.base_url}{token or self.server.make_token()}/{method}"
        if as_json:
            response = await self.session.post(url, json=params)
        else:
            # Like PTB: strings as they are, everything else JSON-encoded.
            form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            response = await self.session.post(url, data=form)
        async with response:
            body: JSONDict = await response.json()
            return response.status, body

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self.call(method, **params)
        assert status == 200 and body["ok"], body
        return body["result"]

    async def updates(self, **params: Any) -> list[JSONDict]:
        """getUpdates, confirming everything returned (as a poller would on its next call)."""
        result: list[JSONDict] = await self.ok("getUpdates", **params)
        if result:
            await self.ok("getUpdates", offset=result[-1]["update_id"] + 1, timeout=0)
        return result


@pytest.fixture(autouse=True)
def no_member_sees_markup() -> list[BotApiSandbox]:
    """Off here (tests/conftest.py's guard): these tests send Markdown and backslashes on
    purpose, to check how the bale flavour shows them."""
    return []


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when RetryAfter.retry_after is an int; warnings are errors here.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture(params=FLAVOURS)
async def server(request: pytest.FixtureRequest) -> AsyncIterator[BotApiSandbox]:
    async with BotApiSandbox(flavour=request.param) as sandbox:
        sandbox.make_token()
        yield sandbox


@pytest.fixture
async def raw(server: BotApiSandbox) -> AsyncIterator[Raw]:
    async with aiohttp.ClientSession() as session:
        yield Raw(session, server)


async def make_bot(server: BotApiSandbox, token: str | None = None) -> Bot:
    """A PTB Bot on the sandbox, not initialised (bale's getMe would not parse)."""
    bot = Bot(
        token or server.make_token(),
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        request=HTTPXRequest(),
        get_updates_request=HTTPXRequest(),
    )
    await bot.request.initialize()
    return bot


@pytest.fixture
async def bot(server: BotApiSandbox) -> AsyncIterator[Bot]:
    ptb = await make_bot(server)
    yield ptb
    await ptb.request.shutdown()


@pytest.fixture
def user(server: BotApiSandbox) -> SandboxUser:
    return server.user(first_name="مریم", username="maryam")


YES_NO = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("بله", callback_data="yes"),
            InlineKeyboardButton("نه", callback_data="no"),
        ]
    ]
)
