"""Per-platform proxies (TELEGRAM_PROXY, BALE_PROXY): every request of a platform goes through
its proxy, a proxy that cannot be reached is one clear line and the other platform serves on.

A loopback proxy (tests/loopback_proxy.py) stands between the real bot and the sandbox; the
sandbox records the port every call came from, so a call that bypassed the proxy shows."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

import pytest

from bot.app import Runtime
from bot.sandbox import BotApiSandbox
from bot.sandbox.core import ApiCall
from bot.settings import Platform
from tests.conftest import (
    TELEGRAM_BOT,
    Khooshe,
    both_platforms,
    expect,
    free_port,
    register,
    settings_error,
    settings_of,
    spawn_bot,
    wait_for,
)
from tests.loopback_proxy import LoopbackProxy
from tests.test_admin import CSV


def _outside(calls: list[ApiCall], proxy: LoopbackProxy) -> list[str]:
    """Calls that did not come from one of the proxy's connections."""
    return [c.summary() for c in calls if c.peer is None or c.peer[1] not in proxy.upstream_ports]


@pytest.mark.parametrize("scheme", ["http", "socks5"])
async def test_every_request_of_the_platform_goes_through_its_proxy(
    sandbox: BotApiSandbox, tmp_path: Path, scheme: str
) -> None:
    harness = Khooshe(sandbox, tmp_path)
    async with LoopbackProxy() as proxy:
        await harness.start(**{f"{harness.platform.value}_proxy": proxy.url(scheme)})
        try:
            member = harness.member()
            await register(member)
            admin = harness.admin()
            # The admin's CSV is downloaded from the platform: a file download.
            await admin.send_document(CSV.encode(), "clusters.csv", "text/csv")
            (reply,) = await admin.settle()
            assert "۲ خوشه" in (reply.text or "")
        finally:
            await harness.stop()
    methods = {c.method for c in sandbox.calls}
    assert {"getMe", "getUpdates", "sendMessage", "getFile"} <= methods
    assert len(sandbox.downloads) == 1
    assert _outside(sandbox.calls, proxy) == []
    assert _outside(sandbox.downloads, proxy) == []
    if scheme == "http":
        # Forwarded one by one: the proxy counted exactly the requests the sandbox got.
        assert len(proxy.forwarded) == len(sandbox.calls) + len(sandbox.downloads)
        assert sum("/file/bot" in r for r in proxy.forwarded) == 1
        assert proxy.tunnels == []
    else:
        assert proxy.forwarded == [] and proxy.tunnels
        assert all(t == f"SOCKS5 127.0.0.1:{sandbox.port}" for t in proxy.tunnels)


async def test_the_test_proxy_tunnels_with_connect(tmp_path: Path) -> None:
    """httpx tunnels only https URLs with CONNECT, and the sandbox speaks plain http: the
    helper's tunnel is checked here by hand, so an https target would work the same way."""
    async with BotApiSandbox("bale") as bale, LoopbackProxy() as proxy:
        token, port = bale.make_token(12), bale.port
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", int(proxy.url().split(":")[-1])
        )
        writer.write(f"CONNECT 127.0.0.1:{port} HTTP/1.1\r\n\r\n".encode())
        assert (await reader.readuntil(b"\r\n\r\n")).startswith(b"HTTP/1.1 200")
        writer.write(
            f"GET /bot{token}/getMe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
        )
        answer = await reader.read()
        writer.close()
        await writer.wait_closed()
    assert b'"ok":true' in answer.replace(b" ", b"")
    assert proxy.tunnels == [f"CONNECT 127.0.0.1:{port}"]
    assert [c.method for c in bale.calls] == ["getMe"] and _outside(bale.calls, proxy) == []


async def test_an_unreachable_proxy_is_one_line_and_the_other_platform_serves(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()  # nothing listens there yet
    async with BotApiSandbox("telegram") as tg, BotApiSandbox("bale") as bale:
        settings = both_platforms(tmp_path, tg, bale, telegram_proxy=f"socks5://127.0.0.1:{port}")
        runtime = Runtime(settings)
        with caplog.at_level(logging.INFO):
            await runtime.start()
            try:
                user = bale.user(token=settings.bale_token.get_secret_value())  # type: ignore[union-attr]
                await user.send_command("start")
                await expect(user, "نام و نام خانوادگی")
                assert runtime.serving == {Platform.BALE}
                lines = [r for r in caplog.records if "TELEGRAM_PROXY" in r.getMessage()]
                assert [r.getMessage() for r in lines] == [
                    f"telegram: cannot reach its proxy TELEGRAM_PROXY=socks5://127.0.0.1:{port} "
                    "(connection refused); retrying in 5 s"
                ]
                # The proxy comes up: Telegram is retried through it and serves.
                async with LoopbackProxy(port) as proxy:
                    try:
                        assert await wait_for(lambda: Platform.TELEGRAM in runtime.serving, 30)
                        on_tg = tg.user(token=tg.make_token(TELEGRAM_BOT))
                        await on_tg.send_command("start")
                        await expect(on_tg, "نام و نام خانوادگی")
                    finally:
                        await runtime.stop()  # before the proxy goes
                    assert _outside(tg.calls, proxy) == []
            finally:
                await runtime.stop()
    assert not [r for r in caplog.records if r.exc_info], "no traceback in the log"


async def test_python_m_bot_says_its_proxy_is_unreachable_in_one_line(tmp_path: Path) -> None:
    port = free_port()
    err = tmp_path / "stderr.txt"
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(57)
        process = await spawn_bot(
            bale,
            token,
            tmp_path / "cli.db",
            stderr=err,
            settings={"bale_proxy": f"http://user:hunter2secret@127.0.0.1:{port}"},
        )
        try:
            assert await wait_for(lambda: "BALE_PROXY" in err.read_text(), 60)
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
    text = err.read_text()
    assert process.returncode == 0, text
    assert "Traceback" not in text
    (line,) = [line for line in text.splitlines() if "BALE_PROXY" in line]
    assert line.endswith(
        f"bale: cannot reach its proxy BALE_PROXY=http://127.0.0.1:{port} (connection refused); "
        "retrying in 5 s"
    )
    assert "hunter2secret" not in text and token not in text
    assert bale.calls == []  # nothing went around the proxy


@pytest.mark.parametrize(
    "value",
    [
        "ftp://u:hunter2secret@127.0.0.1:21",
        "127.0.0.1:1080",
        "socks5://u:hunter2secret@h",
        "http://:80",
    ],
)
def test_a_malformed_proxy_is_one_line_without_its_password(value: str) -> None:
    line = settings_error(bale_proxy=value)
    assert line.startswith("BALE_PROXY: ") and "hunter2secret" not in line


def test_proxy_passwords_are_secrets_for_the_log() -> None:
    settings = settings_of(telegram_proxy="socks5h://me:hunter2secret@127.0.0.1:1080")
    assert settings.proxy(Platform.TELEGRAM) == "socks5h://me:hunter2secret@127.0.0.1:1080"
    assert settings.proxy(Platform.BALE) is None
    assert "hunter2secret" in settings.secrets()
