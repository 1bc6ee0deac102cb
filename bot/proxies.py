"""Per-platform proxies: how one is named in a log line, and why a platform behind one is not
reachable (the proxy itself, or what lies past it)."""

from __future__ import annotations

import asyncio
import os
from urllib.parse import urlsplit

from bot.settings import Platform, Settings

# How long a probe of the proxy's port may take before it counts as unreachable.
PROBE_SECONDS = 5.0


def label(url: str) -> str:
    """The proxy as a log line may show it: scheme, host and port, never the credentials."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port}"


async def probe(url: str) -> str | None:
    """None if the proxy's port accepts a connection; otherwise why not, in a few words."""
    parts = urlsplit(url)
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, parts.port), PROBE_SECONDS
        )
    except TimeoutError:
        return "no answer"
    except OSError as exc:
        # asyncio's own message repeats the address; the errno's text is what to act on.
        return os.strerror(exc.errno).lower() if exc.errno else exc.__class__.__name__
    writer.close()
    return None


async def why_unreachable(settings: Settings, platform: Platform, exc: BaseException) -> str:
    """A platform could not be reached: say whether its proxy is the reason."""
    proxy = settings.proxy(platform)
    name = exc.__class__.__name__
    if proxy is None:
        return f"not reachable ({name})"
    variable = f"{platform.value.upper()}_PROXY"
    failure = await probe(proxy)
    if failure is not None:
        return f"cannot reach its proxy {variable}={label(proxy)} ({failure})"
    return f"not reachable through its proxy {variable}={label(proxy)} ({name})"
