"""Start the sandbox console: both loopback servers, the real bot, stdin and Ctrl-C.

:func:`open_console` is what ``python -m bot sandbox`` runs and what tests drive (a line in,
the printed screen out); :func:`run_console` adds the terminal: lines read from stdin without
a blocking thread, so Ctrl-C and Ctrl-D end it at once, cleanly, with status 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.sandbox.console import ADMIN_IDS, BOT_ID, HELP, STAFF_GROUP_TITLE, Console
from bot.sandbox.server import BotApiSandbox
from bot.settings import Platform, Settings

if TYPE_CHECKING:
    from bot.app import Runtime


@dataclass
class Session:
    """A running console: the screen, and the bot behind it (tests read its database)."""

    console: Console
    runtime: Runtime


@contextlib.asynccontextmanager
async def open_console(
    flavour: str,
    database: Path,
    *,
    out: TextIO,
    files_dir: Path | None = None,
    bidi: bool = False,
) -> AsyncIterator[Session]:
    """Both sandbox flavours, a staff group on each, the real bot on them, and the console."""
    from bot.app import Runtime

    servers = {p: BotApiSandbox(p.value) for p in Platform}
    async with contextlib.AsyncExitStack() as stack:
        for server in servers.values():
            await stack.enter_async_context(server)
        tokens = {p: s.make_token(BOT_ID) for p, s in servers.items()}
        groups = {p: s.group(STAFF_GROUP_TITLE, token=tokens[p]) for p, s in servers.items()}
        values: dict[str, Any] = {"database_path": database, "polling_timeout": 5}
        for platform, server in servers.items():
            values[f"{platform.value}_token"] = tokens[platform]
            values[f"{platform.value}_base_url"] = server.base_url
            values[f"{platform.value}_base_file_url"] = server.base_file_url
            values[f"{platform.value}_staff_chat_id"] = groups[platform].id
        values["admins"] = ",".join(f"{p.value}:{ADMIN_IDS[p]}" for p in servers)
        settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        runtime = Runtime(settings)
        stack.push_async_callback(runtime.stop)
        await runtime.start()
        for platform, server in servers.items():
            # The console waits for the bot to finish what you typed, as the bot says, not a guess.
            server.watch(
                tokens[platform],
                lambda: runtime.handling > 0,
                resting=partial(runtime.at_rest, platform),
            )
        console = Console(
            servers,
            tokens,
            groups,
            out=out,
            files_dir=files_dir or database.parent / "sandbox-files",
            bidi=bidi,
            platform=Platform(flavour),
        )
        watcher = asyncio.create_task(console.watch())
        try:
            yield Session(console, runtime)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


class StdinLines:
    """Lines typed (or piped) on stdin, read by the event loop so nothing blocks an exit."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.lines: asyncio.Queue[str | None] = asyncio.Queue()
        self.buffer = b""
        self.fd: int | None = None
        try:
            fd = stream.fileno()
            asyncio.get_running_loop().add_reader(fd, self._readable)
            self.fd = fd
        except (OSError, ValueError, NotImplementedError):
            pass  # a regular file cannot be polled; reading it never blocks for long
        self.polled = self.fd is not None

    def _readable(self) -> None:
        assert self.fd is not None
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            self._end()
            return
        self.buffer += data
        *lines, self.buffer = self.buffer.split(b"\n")
        for line in lines:
            self.lines.put_nowait(line.decode("utf-8", errors="replace"))

    def _end(self) -> None:
        if self.buffer:
            self.lines.put_nowait(self.buffer.decode("utf-8", errors="replace"))
            self.buffer = b""
        self.lines.put_nowait(None)
        self.close()

    async def next(self) -> str | None:
        """The next line, without its newline; None at the end of input."""
        if not self.polled:
            line = await asyncio.to_thread(self.stream.readline)
            return line.rstrip("\n") if line else None
        return await self.lines.get()

    def close(self) -> None:
        """Stop reading stdin."""
        if self.fd is not None:
            asyncio.get_running_loop().remove_reader(self.fd)
            self.fd = None


async def _first(work: asyncio.Future[Any], stop: asyncio.Event) -> bool:
    """Wait for ``work`` or ``stop``; whether stop came first (then work is cancelled)."""
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({work, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if work in done:
        return False
    work.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await work
    return True


async def run_console(
    flavour: str, database: str | None, files: str | None = None, bidi: bool = False
) -> int:
    """Chat with the bot in this terminal until :quit, Ctrl-D or Ctrl-C (status 0)."""
    from bot.logs import setup_logging

    setup_logging("WARNING", [])
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    db_path = Path(database) if database else Path("data/sandbox.db")
    out = sys.stdout
    interactive = sys.stdin.isatty()
    reader = StdinLines(sys.stdin)
    try:
        async with open_console(
            flavour, db_path, out=out, files_dir=Path(files) if files else None, bidi=bidi
        ) as session:
            console = session.console

            def prompt() -> None:
                print(f"{console.platform}/{console.persona.label}> ", end="", file=out)
                out.flush()

            if interactive:
                console.prompt_again = prompt
            console.out(f"Khooshe sandbox — database {db_path}, files {console.files_dir};")
            console.out("no network is used.")
            console.out(HELP)
            console.out(console.where() + "; try /start")
            while not stop.is_set():
                prompt()
                next_line = asyncio.ensure_future(reader.next())
                if await _first(next_line, stop):
                    break
                line = next_line.result()
                if line is None:
                    break
                handling = asyncio.ensure_future(console.handle(line))
                if await _first(handling, stop) or not handling.result():
                    break
            console.out("\n-- bye")
    finally:
        reader.close()
    return 0


async def serve_forever(flavour: str, port: int) -> int:
    """Only the loopback Bot API (for pointing a real `python -m bot` at it)."""
    logging.basicConfig(level=logging.INFO)
    server = BotApiSandbox(flavour, port=port)  # type: ignore[arg-type]
    await server.start()
    token = server.make_token(BOT_ID)
    print(
        f"sandbox ({flavour}) on {server.base_url}\n"
        f"try: {flavour.upper()}_TOKEN={token} {flavour.upper()}_BASE_URL={server.base_url} "
        f"{flavour.upper()}_BASE_FILE_URL={server.base_file_url} python -m bot",
        file=sys.stderr,
        flush=True,
    )
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.Event().wait()
    await server.stop()
    return 0
