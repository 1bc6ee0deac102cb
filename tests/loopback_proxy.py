"""A small proxy on 127.0.0.1 for the proxy tests: HTTP (absolute-URI forwarding and CONNECT)
and SOCKS5 on one port, told apart by the first byte, recording what went through it.

The bot's transport (bot/transport.py, aiohttp) forwards a plain-http URL through an http://
proxy as one request with an absolute URI, tunnels an https URL with CONNECT, and opens a
tunnel per connection through a socks5:// proxy. Each forwarded request is sent upstream with
`Connection: close` on a connection of its own, so `forwarded` counts requests exactly;
`upstream_ports` holds the local port of every connection the proxy opened to an origin, which
the sandbox sees as the caller's port: a call whose port is not in it did not come through the
proxy.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
from types import TracebackType
from urllib.parse import urlsplit

_HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-connection", b"proxy-authorization"}


class LoopbackProxy:
    """An HTTP and SOCKS5 proxy on 127.0.0.1 (port 0 picks a free one)."""

    def __init__(self, port: int = 0) -> None:
        self._port = port
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.forwarded: list[str] = []  # "GET /bot…/getMe" per forwarded request
        self.tunnels: list[str] = []  # "CONNECT 127.0.0.1:8081" or "SOCKS5 127.0.0.1:8081"
        self.upstream_ports: set[int] = set()

    async def __aenter__(self) -> LoopbackProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self._port)
        self._port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(BaseException):
                await task
        await self._server.wait_closed()

    @property
    def port(self) -> int:
        """The port it listens on."""
        return self._port

    def url(self, scheme: str = "http") -> str:
        """The proxy's URL for TELEGRAM_PROXY / BALE_PROXY."""
        return f"{scheme}://127.0.0.1:{self._port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        ends = [writer]  # every connection this one opened, closed with it
        try:
            first = await reader.readexactly(1)
            if first == b"\x05":
                await self._socks5(reader, writer, ends)
            else:
                await self._http(first, reader, writer, ends)
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            self._tasks.discard(task)
            for end in ends:
                end.close()

    async def _open(
        self, host: str, port: int, ends: list[asyncio.StreamWriter]
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if host not in {"127.0.0.1", "localhost"}:
            raise ConnectionRefusedError(f"the test proxy reaches loopback only, not {host}")
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        ends.append(writer)
        self.upstream_ports.add(int(writer.get_extra_info("sockname")[1]))
        return reader, writer

    async def _http(
        self,
        first: bytes,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        ends: list[asyncio.StreamWriter],
    ) -> None:
        head = first + await reader.readuntil(b"\r\n\r\n")
        request_line, *header_lines = head[:-4].split(b"\r\n")
        method, target, version = request_line.decode("latin-1").split(" ")
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            up_reader, up_writer = await self._open(host, int(port), ends)
            self.tunnels.append(f"CONNECT {target}")
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await _pipe_both(reader, writer, up_reader, up_writer)
            return
        url = urlsplit(target)
        path = url.path + (f"?{url.query}" if url.query else "")
        up_reader, up_writer = await self._open(url.hostname or "", url.port or 80, ends)
        self.forwarded.append(f"{method} {path}")
        kept = [h for h in header_lines if h.split(b":", 1)[0].strip().lower() not in _HOP_BY_HOP]
        up_writer.write(
            b"\r\n".join(
                [f"{method} {path} {version}".encode("latin-1"), *kept, b"Connection: close"]
            )
            + b"\r\n\r\n"
        )
        await up_writer.drain()
        await _pipe_both(reader, writer, up_reader, up_writer)

    async def _socks5(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        ends: list[asyncio.StreamWriter],
    ) -> None:
        (count,) = await reader.readexactly(1)
        await reader.readexactly(count)  # the client's auth methods: we ask for none
        writer.write(b"\x05\x00")
        version, command, _, kind = await reader.readexactly(4)
        if version != 5 or command != 1:  # CONNECT only
            raise ValueError("unsupported SOCKS request")
        if kind == 1:
            host = ".".join(str(b) for b in await reader.readexactly(4))
        elif kind == 3:
            (length,) = await reader.readexactly(1)
            host = (await reader.readexactly(length)).decode()
        else:
            raise ValueError("IPv6 is not served")
        (port,) = struct.unpack("!H", await reader.readexactly(2))
        up_reader, up_writer = await self._open(host, port, ends)
        self.tunnels.append(f"SOCKS5 {host}:{port}")
        writer.write(b"\x05\x00\x00\x01\x7f\x00\x00\x01" + struct.pack("!H", 0))
        await writer.drain()
        await _pipe_both(reader, writer, up_reader, up_writer)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()


async def _pipe_both(
    client_reader: asyncio.StreamReader,
    client_writer: asyncio.StreamWriter,
    up_reader: asyncio.StreamReader,
    up_writer: asyncio.StreamWriter,
) -> None:
    """Copy both ways until the origin closes (or the client goes away)."""
    upward = asyncio.create_task(_pipe(client_reader, up_writer))
    downward = asyncio.create_task(_pipe(up_reader, client_writer))
    try:
        await asyncio.wait([upward, downward], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (upward, downward):
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
