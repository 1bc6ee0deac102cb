"""The transport every platform's bot talks through (bot/transport.py): PTB's contract over
aiohttp, against the loopback sandbox: answers, uploads, waits for a free connection, and
failures as the TimedOut and NetworkError PTB and the outbox act on."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from telegram import Bot, InputFile
from telegram.error import NetworkError, TimedOut

from bot.app import Runtime
from bot.platforms import RepairingRequest
from bot.sandbox import BotApiSandbox
from bot.services.delivery import error_text
from bot.settings import Platform
from bot.transport import AiohttpRequest
from bot.wiring import WatchedRequest
from tests.conftest import both_platforms, free_port
from tests.loopback_proxy import LoopbackProxy


async def test_requests_beyond_the_pool_wait_their_turn_and_all_succeed() -> None:
    async with BotApiSandbox("telegram") as server:
        token = server.make_token(81)
        # Two connections and six calls of 0.3 s, each allowed 0.2 s to connect and asking
        # for a pool wait of 50 ms at most: PTB's own transport failed four of them with a
        # pool timeout, and a connect allowance that counted the wait (aiohttp's `connect`)
        # would fail them too. Here they wait their turn and all succeed.
        request = RepairingRequest(connection_pool_size=2, connect_timeout=0.2, bale=False)
        bot = Bot(token, base_url=server.base_url, request=request)
        async with bot:
            fault = server.inject("getMe", delay=0.3, times=6)
            answers = await asyncio.gather(*(bot.get_me(pool_timeout=0.05) for _ in range(6)))
        assert fault.hits == 6
        assert [me.id for me in answers] == [81] * 6
        peers = {c.peer for c in server.calls_to("getMe")}
        assert len(peers) == 2  # every call on one of the two connections, kept open


async def test_a_file_and_its_caption_arrive_whole() -> None:
    async with BotApiSandbox("bale") as server:
        token = server.make_token(82)
        user = server.user(token=token)
        bot = Bot(token, base_url=server.base_url, request=AiohttpRequest())
        content = bytes(range(256)) * 400  # 100 KiB, every byte value
        async with bot:
            await bot.send_document(
                user.id, InputFile(content, filename="گزارش هفته.xlsx"), caption="فایل «هفته»"
            )
        (call,) = server.calls_to("sendDocument")
        assert call.params["caption"] == "فایل «هفته»"
        (sent,) = user.chat.messages
        assert sent.document is not None and sent.document.file_name == "گزارش هفته.xlsx"
        assert sent.document.data == content


async def test_a_silent_server_is_a_timeout_and_a_closed_port_a_network_error() -> None:
    async with BotApiSandbox("telegram") as server:
        token = server.make_token(83)
        bot = Bot(token, base_url=server.base_url, request=AiohttpRequest(read_timeout=0.2))
        async with bot:
            server.inject("getChat", delay=2, times=1)
            with pytest.raises(TimedOut):
                await bot.get_chat(1)
            assert (await bot.get_me()).id == 83  # the transport goes on after it
    port = free_port()
    request = AiohttpRequest(connect_timeout=1)
    await request.initialize()
    try:
        with pytest.raises(NetworkError, match="aiohttp"):
            await request.post(f"http://127.0.0.1:{port}/bot{token}/getMe")
    finally:
        await request.shutdown()


async def test_a_platform_that_never_started_has_its_connections_closed_at_stop(
    tmp_path: Path,
) -> None:
    async with BotApiSandbox("bale") as bale:
        # Telegram is down: its start failed after its transports had opened their pools.
        runtime = Runtime(both_platforms(tmp_path, free_port(), bale))
        await runtime.start()
        try:
            assert runtime.serving == {Platform.BALE}
            telegram = runtime.apps[Platform.TELEGRAM].state.transports
            assert all(isinstance(t, WatchedRequest) for t in telegram) and len(telegram) == 2
            # what a stop must close:
            assert any(t._session is not None for t in telegram if isinstance(t, WatchedRequest))
        finally:
            await runtime.stop()
        for app in runtime.apps.values():
            for transport in app.state.transports:
                assert isinstance(transport, AiohttpRequest)
                assert transport._session is None or transport._session.closed


@pytest.mark.parametrize("scheme", ["socks5", "socks5h"])
async def test_a_socks_proxy_is_given_the_server_name_to_resolve(scheme: str) -> None:
    # In Iran a filtered name looked up locally can come back as a wrong address: the name
    # goes to the proxy as it is, with socks5:// as with socks5h://.
    async with BotApiSandbox("telegram") as server, LoopbackProxy() as proxy:
        token = server.make_token(84)
        request = AiohttpRequest(proxy=proxy.url(scheme))
        base_url = server.base_url.replace("127.0.0.1", "localhost")
        async with Bot(token, base_url=base_url, request=request) as bot:
            assert (await bot.get_me()).id == 84
        port = urlsplit(server.base_url).port
        assert proxy.tunnels and set(proxy.tunnels) == {f"SOCKS5 localhost:{port}"}


async def test_a_garbled_answer_is_a_network_error_that_never_quotes_the_token() -> None:
    """aiohttp's error for a malformed answer quotes the request's URL, token and all; that
    text is stored with a failed send and shown to staff in the undelivered list."""

    async def garble(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        writer.write(b"GARBAGE\r\n\r\n")  # a broken middlebox's answer
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(garble, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    token = "424242:AAH-secret_Token42"
    request = AiohttpRequest(connect_timeout=1)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as raised:
            await request.post(f"http://127.0.0.1:{port}/bot{token}/sendMessage")
    finally:
        await request.shutdown()
        server.close()
        await server.wait_closed()
    assert "sendMessage" in str(raised.value)  # the URL was quoted: the case this covers
    assert "secret_Token42" not in str(raised.value) and "424242" not in str(raised.value)
    assert "secret_Token42" not in error_text(raised.value)
