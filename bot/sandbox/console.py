"""`python -m bot sandbox`: chat with the real bot in a terminal, with no token at all.

Two loopback Bot API servers (a Telegram and a Bale flavour) run in this process, and the real
bot polls both over HTTP, on one database. You type as a member or as an admin; keyboards show
as numbered buttons. This is a developer's and a rehearsing staff member's tool, so its own
few words of chrome are English; everything the bot says comes from locales/.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from pathlib import Path
from typing import Any

from bot.sandbox.driver import BotMessage, SandboxUser
from bot.sandbox.server import BotApiSandbox
from bot.settings import Platform, Settings

MEMBER_IDS = {Platform.TELEGRAM: 100_001, Platform.BALE: 5_000_000_001}
ADMIN_IDS = {Platform.TELEGRAM: 900_001, Platform.BALE: 5_900_000_001}
BOT_ID = 424242

HELP = """\
Type a message to send it. Commands:
  <n>              press button number n
  :contact         share your own phone number      :contact+ 09121234567  someone else's
  :photo  :voice  :sticker  :doc <path>             send that kind of message
  :member  :admin  switch who you are              :bale  :telegram  switch platform
  :who             where and who you are           :quit  (or Ctrl-D) leave
"""


class Console:
    """The terminal side: one active (platform, person) at a time."""

    def __init__(self, servers: dict[Platform, BotApiSandbox], tokens: dict[Platform, str]):
        self.servers = servers
        self.platform = Platform.BALE
        self.users: dict[tuple[Platform, str], SandboxUser] = {}
        for platform, server in servers.items():
            token = tokens[platform]
            self.users[platform, "member"] = server.user(
                MEMBER_IDS[platform], first_name="مریم", last_name="رضایی", token=token
            )
            self.users[platform, "admin"] = server.user(
                ADMIN_IDS[platform], first_name="مدیر", token=token
            )
        self.who = "member"
        self.buttons: list[tuple[str, BotMessage | None]] = []
        self.seen_edits: dict[tuple[int, int], int] = {}

    @property
    def user(self) -> SandboxUser:
        """The person you are playing now."""
        return self.users[self.platform, self.who]

    def out(self, text: str = "") -> None:
        """Print a line of the conversation."""
        print(text, flush=True)

    def render(self, messages: list[BotMessage]) -> None:
        """Show new messages, edits and the buttons you can press now."""
        chat = self.user.chat
        for message in chat.messages:
            key = (chat.id, message.message_id)
            if message in messages:
                self.seen_edits[key] = message.edits
                continue
            if message.edits > self.seen_edits.get(key, 0):
                self.seen_edits[key] = message.edits
                self.out(f"  (edited #{message.message_id}) {message.shown}")
        for message in messages:
            # As the member's app shows it (Bale: Markdown rendered, any backslash kept).
            body = message.shown if message.content is not None else None
            if body is None:
                body = "<document>" if message.document else "<photo>" if message.photo else ""
            if message.document is not None:
                body += f"  [file: {message.document.file_name}]"
            self.out(f"🤖 {body}")
        self.buttons = []
        # Only the newest message's buttons are offered: older ones have usually expired.
        last = chat.messages[-1] if chat.messages else None
        newest_inline = last if last is not None and last.inline_buttons else None
        if newest_inline is not None:
            for row in newest_inline.inline_buttons:
                self.out("   " + "   ".join(self._number(b["text"], newest_inline) for b in row))
        for row in chat.reply_keyboard or []:
            self.out(" ⌨ " + "   ".join(self._number(b["text"], None) for b in row))

    def _number(self, text: str, message: BotMessage | None) -> str:
        self.buttons.append((text, message))
        return f"[{len(self.buttons)}] {text}"

    async def act(self, line: str) -> bool:
        """Do what one typed line says; False to quit."""
        user = self.user
        if line in (":quit", ":q", ":exit"):
            return False
        if line in (":help", ":h", "?"):
            self.out(HELP)
            return True
        if line in (":member", ":admin"):
            self.who = line[1:]
            self.out(f"-- you are now the {self.who} on {self.platform}")
            self.render([])
            return True
        if line in (":bale", ":telegram"):
            self.platform = Platform(line[1:])
            self.out(f"-- now on {self.platform} as the {self.who}")
            self.render([])
            return True
        if line == ":who":
            self.out(f"-- {self.who} (id {user.id}) on {self.platform}")
            return True
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            text, message = self.buttons[int(line) - 1]
            if message is None:
                await user.press(text)
            else:
                answer = await user.press_inline(message, text)
                if answer is not None and answer.text:
                    self.out(f"  ({answer.text})")
        elif line == ":contact":
            await user.send_contact()
        elif line.startswith(":contact+"):
            await user.send_contact(line.removeprefix(":contact+").strip() or None, user_id=None)
        elif line == ":photo":
            await user.send_photo()
        elif line == ":voice":
            await user.send_voice()
        elif line == ":sticker":
            await user.send_sticker()
        elif line.startswith(":doc "):
            path = Path(line[5:].strip())
            try:
                data = await asyncio.to_thread(_read_file, path)
            except OSError as exc:
                self.out(f"-- cannot read {path}: {exc.strerror}")
                return True
            await user.send_document(data, path.name, "text/csv" if path.suffix == ".csv" else "")
        elif line.startswith(":"):
            self.out("-- unknown command; :help lists them")
            return True
        elif line:
            await user.send_text(line)
        else:
            return True
        await self._wait_for_answer(user)
        self.render(await user.settle(quiet=0.4, timeout=15))
        return True

    async def _wait_for_answer(self, user: SandboxUser, seconds: float = 15.0) -> None:
        """Wait for the bot's first message or edit after an action.

        settle() alone returns after a quiet moment, and the first answer can take seconds
        (hazm still loading right after start): a piped script would run ahead of the bot.
        """
        chat = user.chat
        before = (len(chat.messages), sum(m.edits for m in chat.messages))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while loop.time() < deadline:
            if (len(chat.messages), sum(m.edits for m in chat.messages)) != before:
                return
            await asyncio.sleep(0.05)


def _read_file(path: Path) -> bytes:
    return path.expanduser().read_bytes()


async def _read_line(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def run_console(flavour: str, database: str | None) -> int:
    """Run both sandbox flavours and the bot, and chat in this terminal until :quit."""
    from bot.app import Runtime
    from bot.logs import setup_logging

    setup_logging("WARNING", [])
    servers = {p: BotApiSandbox(p.value) for p in Platform}
    for server in servers.values():
        await server.start()
    tokens = {p: s.make_token(BOT_ID) for p, s in servers.items()}
    db_path = Path(database) if database else Path("data/sandbox.db")
    values: dict[str, Any] = {"database_path": db_path, "polling_timeout": 5}
    admins = []
    for platform, server in servers.items():
        values[f"{platform.value}_token"] = tokens[platform]
        values[f"{platform.value}_base_url"] = server.base_url
        values[f"{platform.value}_base_file_url"] = server.base_file_url
        admins.append(f"{platform.value}:{ADMIN_IDS[platform]}")
    values["admins"] = ",".join(admins)
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    runtime = Runtime(settings)
    console = Console(servers, tokens)
    console.platform = Platform(flavour)
    try:
        await runtime.start()
        console.out(f"Khooshe sandbox — database {db_path}; no network is used.")
        console.out(HELP)
        console.out(f"-- you are the member on {console.platform}; try /start")
        while True:
            line = await _read_line(f"{console.platform}/{console.who}> ")
            if line is None or not await console.act(line.strip()):
                break
    except KeyboardInterrupt:
        pass
    finally:
        await runtime.stop()
        for server in servers.values():
            await server.stop()
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
