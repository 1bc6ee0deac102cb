"""`python -m bot sandbox`: play members, admins and the staff group in a terminal.

Two loopback Bot API servers (a Telegram and a Bale flavour) run in this process, and the real
bot polls both over HTTP, on one database (bot/sandbox/terminal.py starts them). This module is
the screen: who you are, what each chat has shown you, and what a typed line does. It is a
developer's and a rehearsing staff member's tool, so its own few words of chrome are English;
everything the bot says comes from locales/.

Every bot message is printed once, numbered by its place in its chat (``#3``), with the time it
arrived and its buttons as ``[3.1]``; a message that arrives in a chat you are not looking at
waits there and is printed, in order, when you come back. Pressing is always explicit
(``:3.1``, or ``:1``), so whatever else you type, digits included, goes to the bot as text.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from bot.sandbox.driver import SandboxChat, SandboxUser
from bot.sandbox.messages import BotMessage, JSONDict, SandboxFile
from bot.sandbox.server import BotApiSandbox
from bot.settings import Platform
from bot.text import fold_digits, visual_order

MEMBER_IDS = {Platform.TELEGRAM: 100_001, Platform.BALE: 5_000_000_001}
ADMIN_IDS = {Platform.TELEGRAM: 900_001, Platform.BALE: 5_900_000_001}
BOT_ID = 424242
# Names for the first members; later ones are "عضو <n>".
MEMBER_NAMES = [("مریم", "رضایی"), ("علی", "احمدی"), ("زهرا", "کریمی"), ("حسین", "نوری")]
STAFF_GROUP_TITLE = "کارشناسان خوشه‌ها"
# After an action the prompt comes back once the bot says it is done (a piped script must not
# run ahead of it); messages sent later (a reminder) are printed when they come.
# The bot is really busy until then (right after start, hazm and the lexicon take seconds to
# load on a slow machine, and a member's first report waits for them).
SETTLE_TIMEOUT = 60.0

HELP = """\
Type a message to send it; digits and everything else go to the bot as text.
  :3.1             press button 1 under message #3      :1  a keyboard button ⌨ [1]
                   (with no keyboard shown, :1 presses button 1 of the newest message)
  :reply 3 text    reply to message #3                  ::text  send text starting with ':'
  :contact         share your own phone number      :contact+ 09121234567  someone else's
  :photo  :voice  :sticker  :doc <path>             send that kind of message
  :member [n]      be member n (1, 2, …)            :admin  be the admin
  :group           the staff group, as you          :private  back to your private chat
  :bale  :telegram switch platform                  :who  where and who you are
  :bidi            reshape Persian for a terminal without right-to-left support
  :help            this list                        :quit  (or Ctrl-D, Ctrl-C) leave
"""

# ":3.1" (message 3, button 1) or ":1"; digits in any script.
_PRESS_RE = re.compile(r"^:(\d+)(?:\.(\d+))?$")
_REPLY_RE = re.compile(r"^:reply\s+(\d+)\s+(.+)$", re.DOTALL)
_MEMBER_RE = re.compile(r"^:member(?:\s+(\d+))?$")

Role = Literal["member", "admin"]


@dataclass(frozen=True)
class Persona:
    """Who you are playing: the admin, or member number n, on one platform."""

    platform: Platform
    role: Role
    number: int = 1

    @property
    def label(self) -> str:
        """ "member 2", "admin" (member 1 is just "member")."""
        return self.role if self.number == 1 else f"{self.role} {self.number}"


@dataclass
class Screen:
    """What one chat has shown on this terminal so far."""

    printed: int = 0  # bot messages printed, from the first
    edits: dict[int, int] = field(default_factory=dict)  # message index → edits printed
    deleted: set[int] = field(default_factory=set)
    keyboard: list[list[JSONDict]] | None = None  # the reply keyboard last printed
    noticed: int = 0  # messages counted in the last "new for …" notice


class Console:
    """The terminal side: one persona, in its private chat or the staff group, at a time."""

    def __init__(
        self,
        servers: dict[Platform, BotApiSandbox],
        tokens: dict[Platform, str],
        groups: dict[Platform, SandboxChat],
        *,
        out: TextIO,
        files_dir: Path,
        bidi: bool = False,
        platform: Platform = Platform.BALE,
    ) -> None:
        self.servers = servers
        self.tokens = tokens
        self.groups = groups
        self.stream = out
        self.files_dir = files_dir
        self.bidi = bidi
        self.persona = Persona(platform, "member")
        self.in_group = False
        self.users: dict[Persona, SandboxUser] = {}
        self.screens: dict[tuple[Platform, int], Screen] = {}
        self.saved: dict[str, Path] = {}
        # Set while a typed line is being acted on: the watcher leaves printing to it.
        self.acting = False
        # Printed after anything the watcher shows, so an interactive prompt is not lost.
        self.prompt_again: Callable[[], None] | None = None
        for p in servers:
            self.user_for(Persona(p, "member"))
            self.user_for(Persona(p, "admin"))

    # --- who and where ---------------------------------------------------------------------

    @property
    def platform(self) -> Platform:
        """The platform you are on."""
        return self.persona.platform

    @property
    def user(self) -> SandboxUser:
        """The person you are playing now."""
        return self.user_for(self.persona)

    def user_for(self, persona: Persona) -> SandboxUser:
        """The sandbox user behind a persona (made on first use)."""
        user = self.users.get(persona)
        if user is None:
            server, token = self.servers[persona.platform], self.tokens[persona.platform]
            if persona.role == "admin":
                user = server.user(ADMIN_IDS[persona.platform], first_name="مدیر", token=token)
            else:
                first, last = (
                    MEMBER_NAMES[persona.number - 1]
                    if persona.number <= len(MEMBER_NAMES)
                    else ("عضو", str(persona.number))
                )
                user_id = MEMBER_IDS[persona.platform] + persona.number - 1
                user = server.user(user_id, first_name=first, last_name=last, token=token)
            self.users[persona] = user
        return user

    @property
    def view(self) -> SandboxChat:
        """The chat on screen: your private chat with the bot, or the staff group."""
        return self.groups[self.platform] if self.in_group else self.user.chat

    def views(self) -> list[tuple[str, SandboxChat]]:
        """Every chat this terminal follows, with how to get to it."""
        found: list[tuple[str, SandboxChat]] = []
        for persona, user in self.users.items():
            go = f":{persona.role}" + (f" {persona.number}" if persona.number > 1 else "")
            if persona.platform is not self.platform:
                go = f":{persona.platform} then {go}"
            found.append((f"{persona.label} on {persona.platform} ({go})", user.chat))
        for platform, group in self.groups.items():
            go = ":group" if platform is self.platform else f":{platform} then :group"
            found.append((f"the staff group on {platform} ({go})", group))
        return found

    def screen(self, chat: SandboxChat) -> Screen:
        """What this chat has shown so far."""
        return self.screens.setdefault((self._platform_of(chat), chat.id), Screen())

    def _platform_of(self, chat: SandboxChat) -> Platform:
        for platform, server in self.servers.items():
            if chat.server is server:
                return platform
        raise ValueError(f"{chat!r} belongs to no console server")

    def where(self) -> str:
        """One line: who you are, where."""
        place = "the staff group" if self.in_group else "your private chat"
        return f"-- you are {self.persona.label} (id {self.user.id}) on {self.platform}, {place}"

    # --- printing --------------------------------------------------------------------------

    def out(self, text: str = "") -> None:
        """Print lines of the conversation (reshaped and reordered with --bidi)."""
        if self.bidi:
            text = "\n".join(visual_order(line) for line in text.split("\n"))
        print(text, file=self.stream, flush=True)

    def show(self, *, since_you_left: bool = False) -> bool:
        """Print what is new in the chat on screen, in order; then notices for other chats.

        Returns whether anything was printed."""
        chat, screen = self.view, self.screen(self.view)
        printed = False
        fresh = chat.messages[screen.printed :]
        if since_you_left and fresh:
            self.out(f"-- arrived while you were away: {_count(len(fresh), 'message')}")
        for index, message in enumerate(chat.messages[: screen.printed], start=1):
            if message.deleted and index not in screen.deleted:
                screen.deleted.add(index)
                self.out(f"#{index} (deleted)")
                printed = True
            elif message.edits > screen.edits.get(index, 0):
                screen.edits[index] = message.edits
                stamp = _clock(message.raw.get("edit_date") or message.raw.get("date"))
                self._print_message(index, message, f"{stamp} ✎")
                printed = True
        for message in fresh:
            screen.printed += 1
            screen.edits[screen.printed] = message.edits
            self._print_message(screen.printed, message, _clock(message.raw.get("date")))
            printed = True
        if chat.type == "private" and chat.reply_keyboard != screen.keyboard:
            screen.keyboard = chat.reply_keyboard
            self._print_keyboard(chat.reply_keyboard)
            printed = True
        screen.noticed = max(screen.noticed, screen.printed)
        return self._notices() or printed

    def _print_message(self, index: int, message: BotMessage, stamp: str) -> None:
        body = message.shown if message.content is not None else ""
        attached = message.document or message.photo or message.voice
        if not body and attached is not None:
            body = f"<{attached.kind}>"
        lines = body.split("\n")
        self.out(f"#{index} {stamp} 🤖 {lines[0]}")
        for line in lines[1:]:
            self.out(f"    {line}")
        if attached is not None:
            path = self._save(message, attached)
            self.out(f"    📎 saved {path}")
        for row in _numbered_rows(message.inline_buttons):
            self.out("    " + "   ".join(f"[{index}.{n}] {text}" for n, text in row))

    def _print_keyboard(self, keyboard: list[list[JSONDict]] | None) -> None:
        if keyboard is None:
            self.out(" ⌨ (no keyboard)")
            return
        for row in _numbered_rows(keyboard):
            self.out(" ⌨ " + "   ".join(f"[{n}] {text}" for n, text in row))

    def _notices(self) -> bool:
        """A line for each other chat with messages not printed yet."""
        told = False
        current = self.view
        for label, chat in self.views():
            if chat is current:
                continue
            screen = self.screen(chat)
            waiting = len(chat.messages) - screen.printed
            if waiting > 0 and len(chat.messages) > screen.noticed:
                screen.noticed = len(chat.messages)
                self.out(f"-- {_count(waiting, 'new message')} for {label}")
                told = True
        return told

    def _save(self, message: BotMessage, stored: SandboxFile) -> Path:
        """Write a file the bot sent into the files folder (once); its path."""
        known = self.saved.get(stored.file_id)
        if known is not None:
            return known
        name = stored.file_name or f"{stored.kind}{_extension(stored)}"
        safe = re.sub(r"[^\w.\-]+", "_", name)
        self.files_dir.mkdir(parents=True, exist_ok=True)
        path = self.files_dir / f"{self.platform}-{message.chat_id}-{message.message_id}-{safe}"
        path.write_bytes(stored.data)
        self.saved[stored.file_id] = path
        return path

    # --- typed lines -----------------------------------------------------------------------

    async def handle(self, line: str) -> bool:
        """Do what one typed line says; False to quit."""
        line = line.strip()
        if line in (":quit", ":q", ":exit"):
            return False
        self.acting = True
        try:
            acted = await self._act(line)
            if acted:
                await self._settle()
            self.show()
        finally:
            self.acting = False
        return True

    async def _act(self, line: str) -> bool:
        """Carry out the line; whether the bot was sent something (then wait for it)."""
        if not line:
            return False
        if line.startswith("::"):
            await self._send_text(line[1:])
            return True
        if not line.startswith(":"):
            await self._send_text(line)
            return True
        command = fold_digits(line)
        press = _PRESS_RE.match(command)
        if press is not None:
            return await self._press(int(press.group(1)), press.group(2))
        reply = _REPLY_RE.match(command)
        if reply is not None:
            return await self._reply(int(reply.group(1)), line.split(None, 2)[2])
        member = _MEMBER_RE.match(command)
        if member is not None:
            number = int(member.group(1) or 1)
            if number < 1:
                self.out("-- members are numbered from 1")
                return False
            return self._switch(Persona(self.platform, "member", number), in_group=False)
        simple: dict[str, Callable[[], bool]] = {
            ":admin": lambda: self._switch(Persona(self.platform, "admin"), in_group=False),
            ":bale": lambda: self._switch(Persona(Platform.BALE, *self._role())),
            ":telegram": lambda: self._switch(Persona(Platform.TELEGRAM, *self._role())),
            ":group": lambda: self._switch(self.persona, in_group=True),
            ":private": lambda: self._switch(self.persona, in_group=False),
            ":who": self._who,
            ":bidi": self._toggle_bidi,
            ":help": self._help,
            ":h": self._help,
        }
        if command in simple:
            return simple[command]()
        return await self._send_kind(line)

    def _role(self) -> tuple[Role, int]:
        return self.persona.role, self.persona.number

    def _switch(self, persona: Persona, *, in_group: bool | None = None) -> bool:
        self.persona = persona
        if in_group is not None:
            self.in_group = in_group
        self.out(self.where())
        # Show the keyboard of the chat you come to, even if it did not change.
        self.screen(self.view).keyboard = None
        self.show(since_you_left=True)
        return False

    def _who(self) -> bool:
        self.out(self.where())
        return False

    def _help(self) -> bool:
        self.out(HELP)
        return False

    def _toggle_bidi(self) -> bool:
        self.bidi = not self.bidi
        state = "on: Persian is reshaped and reordered" if self.bidi else "off"
        self.out(f"-- bidi {state}")
        return False

    async def _send_text(self, text: str) -> None:
        chat = self.view if self.in_group else None
        await self.user.send_text(text, chat=chat)

    async def _send_kind(self, line: str) -> bool:
        user, chat = self.user, (self.view if self.in_group else None)
        if line == ":contact":
            await user.send_contact(chat=chat)
        elif line.startswith(":contact+"):
            phone = line.removeprefix(":contact+").strip() or None
            await user.send_contact(phone, user_id=None, chat=chat)
        elif line == ":photo":
            await user.send_photo(chat=chat)
        elif line == ":voice":
            await user.send_voice(chat=chat)
        elif line == ":sticker":
            await user.send_sticker(chat=chat)
        elif line.startswith(":doc "):
            path = Path(line[5:].strip())
            try:
                data = await asyncio.to_thread(_read_file, path)
            except OSError as exc:
                self.out(f"-- cannot read {path}: {exc.strerror}")
                return False
            mime = "text/csv" if path.suffix == ".csv" else "application/octet-stream"
            await user.send_document(data, path.name, mime, chat=chat)
        else:
            self.out("-- unknown command; :help lists them (::text sends text starting with ':')")
            return False
        return True

    def _message(self, index: int) -> BotMessage | None:
        messages = self.view.messages
        if not 1 <= index <= len(messages):
            self.out(f"-- no message #{index} here (1 to {len(messages)})")
            return None
        message = messages[index - 1]
        if message.deleted:
            self.out(f"-- message #{index} was deleted")
            return None
        return message

    async def _press(self, first: int, second: str | None) -> bool:
        if second is not None:
            message = self._message(first)
            if message is None:
                return False
            return await self._press_inline(first, message, int(second))
        keyboard = self.view.reply_keyboard if self.view.type == "private" else None
        if keyboard:
            texts = [str(b.get("text")) for row in keyboard for b in row]
            if not 1 <= first <= len(texts):
                self.out(f"-- the keyboard has buttons 1 to {len(texts)}")
                return False
            await self.user.press(texts[first - 1], chat=self.view)
            return True
        for index in range(len(self.view.messages), 0, -1):
            message = self.view.messages[index - 1]
            if message.inline_buttons and not message.deleted:
                return await self._press_inline(index, message, first)
        self.out("-- no buttons here")
        return False

    async def _press_inline(self, index: int, message: BotMessage, number: int) -> bool:
        buttons = [b for row in message.inline_buttons for b in row]
        if not 1 <= number <= len(buttons):
            self.out(f"-- message #{index} has buttons {index}.1 to {index}.{len(buttons)}")
            return False
        button = buttons[number - 1]
        if "callback_data" not in button:
            self.out(f"-- that button opens {button.get('url') or button}")
            return False
        answer = await self.user.press_inline(message, callback_data=button["callback_data"])
        if answer is not None and answer.text:
            self.out(f"  ({'alert' if answer.show_alert else 'toast'}) {answer.text}")
        return True

    async def _reply(self, index: int, text: str) -> bool:
        message = self._message(index)
        if message is None:
            return False
        chat = self.view if self.in_group else None
        await self.user.send_text(text, chat=chat, reply_to=message.message_id)
        return True

    async def _settle(self) -> None:
        """Wait until the bot is done with what you did in every chat here (or a while passed):
        a report's card reaches the staff group after the member's answer. Still busy after
        that: what it sends later is printed when it comes."""
        with contextlib.suppress(AssertionError):
            for _, chat in self.views():
                await chat.done(timeout=SETTLE_TIMEOUT)

    # --- what arrives while you type ------------------------------------------------------

    async def watch(self) -> None:
        """Print messages that arrive while nobody types (reminders, other people's actions)."""
        while True:
            waits = [asyncio.ensure_future(chat.changed()) for _, chat in self.views()]
            try:
                await asyncio.wait(waits, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for wait in waits:
                    wait.cancel()
            # Let a burst (a message and its edit) land before printing it.
            await asyncio.sleep(0.2)
            if not self.acting and self.show() and self.prompt_again is not None:
                self.prompt_again()


def _numbered_rows(rows: list[list[JSONDict]]) -> list[list[tuple[int, str]]]:
    numbered, n = [], 0
    for row in rows:
        line = []
        for button in row:
            n += 1
            line.append((n, str(button.get("text"))))
        numbered.append(line)
    return numbered


def _clock(epoch: object) -> str:
    seconds = epoch if isinstance(epoch, int | float) else time.time()
    return time.strftime("%H:%M:%S", time.localtime(seconds))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _read_file(path: Path) -> bytes:
    return path.expanduser().read_bytes()


def _extension(stored: SandboxFile) -> str:
    if stored.data.startswith(b"\x89PNG"):
        return ".png"
    if stored.data.startswith(b"\xff\xd8"):
        return ".jpg"
    if stored.data.startswith(b"OggS"):
        return ".ogg"
    return ".bin"
