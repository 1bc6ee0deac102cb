"""How a platform's bot reaches its server: PTB's BaseRequest over aiohttp's client.

PTB's own transport (HTTPXRequest) goes through httpx, httpcore and anyio. At a peak minute
that stack was the largest part of every answer: on the loopback sandbox, 16 requests at a
time, 1.3-1.5 ms of processor per request, against 0.16 ms for aiohttp's client
(`python -m benchmarks.transport`). httpcore also looks at every idle connection's socket
each time a request starts or ends, so keeping connections open between bursts cost more the
more were kept; aiohttp keeps its idle connections in a list and checks only the one it takes.

The contract is PTB's: `do_request` answers (status, body) or raises TimedOut or NetworkError.
Proxies: http:// and https:// are aiohttp's own; socks5:// and socks5h:// go through
aiohttp-socks (imported only then), the server's name resolved by the proxy in both cases, as
httpx did (in Iran a local lookup of a filtered name returns a wrong address).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.logs import redact

_DEFAULT: Any = BaseRequest.DEFAULT_NONE


def _given(value: Any, default: float | None) -> float | None:
    """A per-call timeout PTB passed, or the transport's own when it passed none."""
    return default if isinstance(value, DefaultValue) else value


class AiohttpRequest(BaseRequest):
    """`connection_pool_size` connections to one platform (through its proxy, if any), all
    kept open between requests. Requests beyond them wait their turn in aiohttp's pool,
    however long: a peak minute is a queue, not a failure (PTB's pool_timeout is not used;
    aiohttp's `connect` timeout, which would include that wait, is left unset).

    Timeouts, as httpx had them: connecting (`connect_timeout`) and each wait for the server's
    next bytes (`read_timeout`). aiohttp has no timeout for writing the request: an upload
    (a file) may take its connect, write (`media_write_timeout` unless the call says) and read
    allowances together. Nothing else is bounded as a whole: a 20 MB download through a slow
    proxy takes as long as it takes while bytes keep coming.

    Only the proxy given is used: HTTP_PROXY / HTTPS_PROXY in the environment are not read
    (httpx read them), so Bale's requests never go out through a proxy meant for Telegram.
    """

    def __init__(
        self,
        *,
        connection_pool_size: int = 1,
        proxy: str | None = None,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._size = connection_pool_size
        self._proxy = proxy
        # aiohttp's own proxies are given per request; a socks proxy is the connector itself.
        self._http_proxy = proxy if proxy is not None and not proxy.startswith("socks") else None
        self._read = read_timeout
        self._connect = connect_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        # What a failed connection raises (a socks proxy's library adds its own).
        self._network_errors: tuple[type[Exception], ...] = (aiohttp.ClientError, OSError)

    @property
    def read_timeout(self) -> float | None:
        """The read timeout (PTB adds a long poll's own timeout to it)."""
        return self._read

    @property
    def longest_call(self) -> float | None:
        """The longest one call can take once a connection is free (None: no bound):
        connecting, writing an upload, waiting for the answer."""
        limits = (self._connect, self._media_write, self._read)
        return None if None in limits else sum(x for x in limits if x is not None)

    def _connector(self) -> aiohttp.BaseConnector:
        """The connection pool; TLS is verified with aiohttp's one default context, which
        it makes once at import (a context per transport would load the authorities again)."""
        if self._proxy is None or self._http_proxy is not None:
            return aiohttp.TCPConnector(limit=self._size)
        from aiohttp_socks import ProxyConnector, ProxyType  # only behind a socks proxy
        from python_socks import ProxyError

        self._network_errors = (aiohttp.ClientError, OSError, ProxyError)
        parts = urlsplit(self._proxy)
        assert parts.hostname is not None and parts.port is not None  # Settings checked it
        return ProxyConnector(
            parts.hostname,
            parts.port,
            ProxyType.SOCKS5,
            unquote(parts.username) if parts.username else None,
            unquote(parts.password) if parts.password else None,
            rdns=True,
            limit=self._size,
        )

    async def initialize(self) -> None:
        """Open the pool (PTB calls this before the first request, and after a shutdown)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(connector=self._connector())

    async def shutdown(self) -> None:
        """Close the pool and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = _DEFAULT,
        write_timeout: Any = _DEFAULT,
        connect_timeout: Any = _DEFAULT,
        pool_timeout: Any = _DEFAULT,
    ) -> tuple[int, bytes]:
        """Send one request once a connection is free; (status, body)."""
        if self._session is None:  # as PTB's transport, usable before initialize()
            await self.initialize()
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest was shut down")
        files = request_data.multipart_data if request_data is not None else None
        data: Any = request_data.json_parameters if request_data is not None else None
        if files:
            form = aiohttp.FormData(quote_fields=False)
            for name, value in data.items():
                form.add_field(name, value)
            for name, (filename, content, mime) in files.items():
                form.add_field(name, content, filename=filename, content_type=mime)
            data = form
        connect = _given(connect_timeout, self._connect)
        read = _given(read_timeout, self._read)
        total = None
        if files:
            write = _given(write_timeout, self._media_write)
            if connect is not None and write is not None and read is not None:
                total = connect + write + read
        timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
        try:
            async with session.request(
                method,
                url,
                data=data,
                timeout=timeout,
                proxy=self._http_proxy,
                headers={"User-Agent": self.USER_AGENT},
                allow_redirects=False,  # as httpx: a redirect is the answer, not followed
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's own timeouts are TimeoutErrors too
            raise TimedOut from exc
        except self._network_errors as exc:
            # aiohttp may quote the request's URL, and the token is in it: this text reaches
            # the outbox's rows and the undelivered list staff download.
            raise NetworkError(redact(f"aiohttp.{exc.__class__.__name__}: {exc}")) from exc
