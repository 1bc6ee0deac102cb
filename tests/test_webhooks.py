"""Webhooks instead of polling: the real bot on PTB's webhook server, the sandbox posting to it.

The sandbox delivers by webhook as Telegram does (bot/sandbox/server.py): each update is
POSTed to the address setWebhook gave, with the secret header on the telegram flavour (not on
Bale's), and kept until the bot answers 2xx.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram.error import Conflict

from bot import text
from bot.app import Runtime
from bot.sandbox import BotApiSandbox, SandboxUser
from bot.settings import Platform
from bot.webhooks import bale_path_secret, plan_for
from storage.db import connect
from storage.polling import last_poll, record_poll
from tests.conftest import (
    BALE_BOT,
    TELEGRAM_BOT,
    Khooshe,
    both_platforms,
    expect,
    free_port,
    register,
    settings_error,
    settings_of,
    shown,
    wait_for,
    walk_to,
)
from tests.test_reports import POWER_CUT, file_report
from tests.test_startup import _one_line, _run_to_exit

SECRET = "s3cret-for-the-sandbox_0123456789"


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({}, ""),
        ({"webhook_url": "https://bot.example.ir/k/", "webhook_secret": SECRET}, ""),
        ({"webhook_url": "https://bot.example.ir"}, "WEBHOOK_SECRET: required with WEBHOOK_URL"),
        ({"webhook_url": "http://bot.example.ir", "webhook_secret": SECRET}, "https://"),
        ({"webhook_url": "https://x.ir/?a=1", "webhook_secret": SECRET}, "no query"),
        ({"webhook_url": "https://x.ir", "webhook_secret": "short"}, "16 to 256"),
        ({"webhook_url": "https://x.ir", "webhook_secret": SECRET + "!"}, "16 to 256"),
        (
            {
                "webhook_url": "https://x.ir",
                "webhook_secret": SECRET,
                "telegram_token": "11:" + "t" * 20,
                "bale_token": "22:" + "b" * 20,
                "bale_webhook_port": 8443,
            },
            "BALE_WEBHOOK_PORT: must differ",
        ),
        # One platform, one listener: the other's port does not matter.
        ({"webhook_url": "https://x.ir", "webhook_secret": SECRET, "bale_webhook_port": 8443}, ""),
    ],
)
def test_webhook_settings_are_checked(values: dict[str, Any], error: str) -> None:
    line = settings_error(**values)
    assert (error in line) if error else line == ""
    assert SECRET not in line


def test_the_public_addresses() -> None:
    values: dict[str, Any] = {"webhook_url": "https://bot.example.ir/k/", "webhook_secret": SECRET}
    settings = settings_of(**values)
    telegram = plan_for(settings, Platform.TELEGRAM)
    bale = plan_for(settings, Platform.BALE)
    assert telegram is not None and bale is not None
    assert telegram.url == "https://bot.example.ir/k/telegram" and telegram.secret_token == SECRET
    assert bale.url == f"https://bot.example.ir/k/bale/{bale_path_secret(SECRET)}"
    assert bale.secret_token is None and SECRET not in bale.url
    assert (telegram.port, bale.port) == (8443, 8444)
    assert plan_for(settings_of(), Platform.BALE) is None


def webhook_settings(platform: Platform, port: int) -> dict[str, Any]:
    """Settings that run `platform` on webhooks, listening on `port` (the other platform's
    port is another free one: the two must differ)."""
    other = Platform.BALE if platform is Platform.TELEGRAM else Platform.TELEGRAM
    return {
        "webhook_url": f"http://127.0.0.1:{port}",
        "webhook_secret": SECRET,
        f"{platform.value}_webhook_port": port,
        f"{other.value}_webhook_port": free_port(),
    }


def hook_path(platform: Platform) -> str:
    """The path the bot listens on for a platform."""
    if platform is Platform.TELEGRAM:
        return "/telegram"
    return f"/bale/{bale_path_secret(SECRET)}"


class Hooked(Khooshe):
    """The harness, with the port the bot's webhook listener binds."""

    def __init__(self, sandbox: BotApiSandbox, tmp_path: Path) -> None:
        super().__init__(sandbox, tmp_path)
        self.port = free_port()


@pytest.fixture
async def hooked(sandbox: BotApiSandbox, tmp_path: Path) -> AsyncIterator[Hooked]:
    """The real bot on webhooks (instead of the `khooshe` fixture's polling)."""
    harness = Hooked(sandbox, tmp_path)
    await harness.start(**webhook_settings(harness.platform, harness.port))
    yield harness
    await harness.stop()
    assert sandbox.unwanted_markup() == []


def delivered(sandbox: BotApiSandbox, bot_id: int) -> list[int]:
    """Update ids the bot's webhook answered 2xx."""
    return [
        p.update_id
        for p in sandbox.webhook_posts
        if p.bot_id == bot_id and p.status is not None and 200 <= p.status < 300
    ]


def bot_id(harness: Khooshe) -> int:
    return int(harness.token.split(":")[0])


async def test_a_member_registers_and_reports_over_webhooks(hooked: Hooked) -> None:
    sandbox, platform = hooked.sandbox, hooked.platform
    (hook,) = sandbox.calls_to("setWebhook")
    assert hook.params["url"] == f"http://127.0.0.1:{hooked.port}{hook_path(platform)}"
    # The secret goes to Telegram as its header; Bale has none (it is in Bale's path).
    assert hook.params.get("secret_token") == (SECRET if platform is Platform.TELEGRAM else None)

    user = hooked.member()
    await register(user)
    rows = await hooked.rows(
        "SELECT name, phone_verified FROM members WHERE platform = ? AND user_id = ?",
        platform.value,
        user.id,
    )
    assert rows == [{"name": "مریم رضایی", "phone_verified": 1}]
    # A report, from the free text to the tracking code, buttons and all.
    code = await file_report(user, POWER_CUT)
    (report,) = await hooked.rows("SELECT code, category FROM reports")
    assert text.persian_digits(report["code"]) == code and report["category"] == "electricity"

    # Every update came by webhook, none by polling.
    assert sandbox.calls_to("getUpdates") == []
    assert len(delivered(sandbox, bot_id(hooked))) >= 10
    assert sandbox.pending_updates(hooked.token) == []


async def test_a_command_pasted_with_its_direction_mark_works_over_webhooks(
    hooked: Hooked,
) -> None:
    # Our messages put a left-to-right mark before every command; a member who copies
    # «‎/track ۱۲۳» out of one and sends it back must get the command, on either platform.
    user = hooked.member()
    await register(user)
    code = await file_report(user, POWER_CUT)
    await user.send_text(f"\u200e/track {code}")
    (details,) = await user.settle()
    assert "برق" in shown(details) and "ثبت‌شده" in shown(details)
    assert hooked.sandbox.calls_to("getUpdates") == []  # it came by webhook


def forged_start(user: SandboxUser, update_id: int) -> dict[str, Any]:
    """A /start from `user`, as someone who is not the platform would post it."""
    chat = {"id": user.id, "type": "private", "first_name": user.first_name}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": chat,
            "from": user.as_dict(),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_a_request_without_the_secret_is_refused_and_changes_nothing(
    hooked: Hooked,
) -> None:
    platform, port = hooked.platform, hooked.port
    user = hooked.member()
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:

        async def post(path: str, headers: dict[str, str] | None = None) -> int:
            async with session.post(
                base + path, json=forged_start(user, 777), headers=headers or {}
            ) as response:
                return response.status

        if platform is Platform.TELEGRAM:
            header = "X-Telegram-Bot-Api-Secret-Token"
            assert await post("/telegram") == 403
            assert await post("/telegram", {header: "not-the-secret-0123456789"}) == 403
            assert await post("/telegram", {header: SECRET[:-1]}) == 403
        else:
            # Bale sends no secret header: without the secret path there is nothing here.
            assert await post("/bale") == 404
            assert await post("/bale/" + bale_path_secret("another-secret-0123456789")) == 404
            assert await post("/bale/" + bale_path_secret(SECRET)[:-1]) == 404
        assert await post("/") == 404
        await user.settle()
        assert user.chat.messages == []
        assert hooked.runtime is not None and hooked.runtime.handling == 0
        assert await hooked.rows("SELECT id FROM members") == []

        # The same request with the secret is answered: what was refused would have counted.
        right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        assert await post(hook_path(platform), right) == 200
        await expect(user, "نام و نام خانوادگی")


async def test_get_updates_while_a_webhook_is_set_is_a_conflict(hooked: Hooked) -> None:
    assert hooked.runtime is not None
    bot = hooked.runtime.apps[hooked.platform].bot
    info = await bot.get_webhook_info()
    assert info.url.endswith(hook_path(hooked.platform))
    with pytest.raises(Conflict):
        await bot.get_updates()
    # The bot still answers: the 409 changed nothing.
    user = hooked.member()
    await user.send_command("start")
    await expect(user, "نام و نام خانوادگی")


async def half_registered_on_webhooks(harness: Khooshe) -> tuple[dict[str, Any], SandboxUser]:
    """Start the bot on webhooks; return its settings and a member asked for their company."""
    hooks = webhook_settings(harness.platform, free_port())
    await harness.start(**hooks)
    user = harness.member()
    await walk_to(user, "company")
    return hooks, user


async def test_updates_wait_while_the_bot_is_down_and_arrive_when_it_is_back(
    sandbox: BotApiSandbox, harness: Khooshe
) -> None:
    hooks, user = await half_registered_on_webhooks(harness)
    await harness.stop()
    # The platform keeps posting into a closed port and keeps the update.
    await user.send_text("کفش آذر")
    refused = len(sandbox.webhook_posts)
    assert await wait_for(lambda: len(sandbox.webhook_posts) >= refused + 2, 10)
    assert all(p.status is None for p in sandbox.webhook_posts[refused:])
    assert len(sandbox.pending_updates(harness.token)) == 1
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{sandbox.base_url}{harness.token}/getWebhookInfo") as answer,
    ):
        info = (await answer.json())["result"]
    assert info["pending_update_count"] == 1
    assert info["last_error_message"].startswith("Connection failed")
    await harness.start(**hooks)
    # The half-finished form goes on from the answer that waited.
    await expect(user, "کدام خوشه")
    assert sandbox.pending_updates(harness.token) == []


async def test_switching_back_to_polling_deletes_the_webhook(
    sandbox: BotApiSandbox, harness: Khooshe
) -> None:
    _, user = await half_registered_on_webhooks(harness)
    await harness.stop()
    runtime = await harness.start()  # no WEBHOOK_URL: polling
    assert sandbox.calls_to("deleteWebhook")
    info = await runtime.apps[harness.platform].bot.get_webhook_info()
    assert info.url == ""
    await user.send_text("کفش آذر")
    await expect(user, "کدام خوشه")
    assert sandbox.calls_to("getUpdates")


async def test_a_refused_set_webhook_is_retried_like_an_unreachable_platform(
    sandbox: BotApiSandbox, harness: Khooshe
) -> None:
    # Refused twice: start-up's attempt and PTB's own retry of it.
    sandbox.inject(
        "setWebhook",
        error=400,
        description="Bad Request: bad webhook: Failed to resolve host",
        times=2,
    )
    runtime = await harness.start(**webhook_settings(harness.platform, free_port()))
    assert runtime.serving == set() and not runtime.finished.is_set()
    # The runtime tries again (after 5 s) and the platform comes up on its webhook.
    assert await wait_for(lambda: runtime.serving == {harness.platform}, 30)
    assert len(sandbox.calls_to("setWebhook")) == 3
    user = harness.member()
    await user.send_command("start")
    await expect(user, "نام و نام خانوادگی")


@pytest.mark.parametrize("flavour", ["bale"])  # the repair is for Bale's updates
async def test_bale_updates_missing_fields_are_repaired_on_the_webhook_too(
    sandbox: BotApiSandbox, harness: Khooshe
) -> None:
    # No `date`, `is_bot` or `chat_instance`: PTB's own webhook handler would refuse them.
    sandbox.drop_fields()
    await harness.start(**webhook_settings(harness.platform, free_port()))
    user = harness.member()
    await register(user)
    assert await harness.rows("SELECT name FROM members") == [{"name": "مریم رضایی"}]
    bad = [p for p in sandbox.webhook_posts if p.status is not None and p.status >= 300]
    assert bad == []


# --- bad configuration: one line, no traceback, nothing touched --------------------------------


@pytest.mark.parametrize("flavour", ["bale"])
async def test_a_webhook_url_without_a_secret_is_one_line(
    sandbox: BotApiSandbox, tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    code, lines = await _run_to_exit(
        sandbox, sandbox.make_token(4242), db, webhook_url="https://bot.example.ir"
    )
    assert code == 2
    line = _one_line(lines)
    assert "WEBHOOK_SECRET" in line and "required with WEBHOOK_URL" in line
    assert sandbox.calls == [] and not db.exists()


@pytest.mark.parametrize("flavour", ["bale"])
async def test_a_webhook_port_in_use_is_one_line(sandbox: BotApiSandbox, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, lines = await _run_to_exit(
            sandbox,
            sandbox.make_token(4242),
            db,
            webhook_url=f"http://127.0.0.1:{port}",
            webhook_secret=SECRET,
            bale_webhook_port=str(port),
            telegram_webhook_port=str(free_port()),
        )
    assert code == 1
    line = _one_line(lines)
    assert f"127.0.0.1:{port}" in line and "already in use" in line
    assert "BALE_WEBHOOK_PORT" in line
    # Refused before anything was touched: no setWebhook, no database, and no secret shown.
    assert sandbox.calls == [] and not db.exists()
    assert not any(SECRET in x or bale_path_secret(SECRET) in x for x in lines)


async def test_admins_hear_how_long_a_webhook_bot_was_down(harness: Khooshe) -> None:
    # The listener's stamp is kept as a poll's is (the first one right after the start).
    hooks, _ = await half_registered_on_webhooks(harness)
    assert await last_poll(harness.db, harness.platform.value) is not None
    await harness.stop()
    db = await connect(harness.db_path)
    try:
        await record_poll(db, harness.platform.value, datetime.now(UTC) - timedelta(hours=3.5))
    finally:
        await db.close()
    admin = harness.admin()  # their chat exists before the start that tells them
    await harness.start(**hooks)
    alert = shown(await expect(admin, "پیامی نگرفته بود"))
    assert "۳" in alert


async def test_both_platforms_behind_one_address_through_a_reverse_proxy(tmp_path: Path) -> None:
    """The documented scheme: one public address, a proxy forwarding each platform's prefix
    (path kept, no secret known to it) to that platform's listener."""
    ports = {Platform.TELEGRAM: free_port(), Platform.BALE: free_port()}
    forwarded: list[str] = []

    async def forward(request: web.Request) -> web.Response:
        prefix = request.path.split("/")[1]
        port = {"telegram": ports[Platform.TELEGRAM], "bale": ports[Platform.BALE]}.get(prefix)
        if port is None:
            return web.Response(status=404)
        forwarded.append(prefix)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                f"http://127.0.0.1:{port}{request.path}",
                data=await request.read(),
                headers=headers,
            ) as answer,
        ):
            return web.Response(status=answer.status, body=await answer.read())

    proxy = web.Application()
    proxy.router.add_post("/{tail:.*}", forward)
    runner = web.AppRunner(proxy)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    address = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        async with BotApiSandbox("telegram") as tg, BotApiSandbox("bale") as bale:
            settings = both_platforms(
                tmp_path,
                tg,
                bale,
                webhook_url=address,
                webhook_secret=SECRET,
                telegram_webhook_port=ports[Platform.TELEGRAM],
                bale_webhook_port=ports[Platform.BALE],
            )
            runtime = Runtime(settings)
            await runtime.start()
            try:
                on_tg = tg.user(token=tg.make_token(TELEGRAM_BOT))
                on_bale = bale.user(token=bale.make_token(BALE_BOT))
                await register(on_tg, name="علی تلگرام")
                await register(on_bale)
                assert await runtime_rows(runtime) == [
                    ("bale", "مریم رضایی"),
                    ("telegram", "علی تلگرام"),
                ]
            finally:
                await runtime.stop()
            assert tg.calls_to("getUpdates") == [] and bale.calls_to("getUpdates") == []
            assert {"telegram", "bale"} == set(forwarded)
    finally:
        await runner.cleanup()


async def runtime_rows(runtime: Runtime) -> list[tuple[str, str]]:
    assert runtime.db is not None
    async with runtime.db.execute("SELECT platform, name FROM members ORDER BY platform") as cur:
        return [(r[0], r[1]) for r in await cur.fetchall()]
