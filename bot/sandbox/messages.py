"""What the sandbox holds and shows: files, the bot's messages as a chat shows them, and the
answers to button presses (plain data; the driver in bot/sandbox/driver.py keeps them per chat).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.markdown import Shown

JSONDict = dict[str, Any]


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram's entity offsets use."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class SandboxFile:
    """A file held in the sandbox's memory, uploaded by the bot or by a user."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    kind: str
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)

    def __repr__(self) -> str:
        name = self.file_name or self.file_path
        return f"<SandboxFile {self.kind} {name!r} {self.size} bytes>"


@dataclass
class CallbackAnswer:
    """What the bot answered (answerCallbackQuery) to a button press."""

    text: str | None
    show_alert: bool = False
    url: str | None = None
    query_id: str = ""


@dataclass(eq=False)
class BotMessage:
    """A message the bot sent to a chat, kept up to date with its edits and deletion."""

    message_id: int
    chat_id: int
    method: str
    params: JSONDict
    raw: JSONDict
    text: str | None = None
    caption: str | None = None
    reply_markup: JSONDict | None = None
    reply_to_message_id: int | None = None
    document: SandboxFile | None = None
    photo: SandboxFile | None = None
    voice: SandboxFile | None = None
    edits: int = 0
    deleted: bool = False
    edit_history: list[JSONDict] = field(default_factory=list)
    # How the platform's client shows a text (Bale renders Markdown; Telegram, without
    # parse_mode, shows it as sent).
    render: Callable[[str], Shown] | None = field(default=None, repr=False)

    @property
    def content(self) -> str | None:
        """The text, or the caption of a media message, as the bot sent it."""
        return self.text if self.text is not None else self.caption

    @property
    def shown(self) -> str:
        """The text or caption as the member sees it on screen (Bale: Markdown rendered,
        any backslash still there)."""
        return self.rendered.text

    @property
    def rendered(self) -> Shown:
        """What the member sees, and which parts of the text the client took as markup."""
        content = self.content or ""
        return self.render(content) if self.render is not None else Shown(content, ())

    @property
    def inline_buttons(self) -> list[list[JSONDict]]:
        """Rows of inline buttons currently attached (empty when none)."""
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            rows: list[list[JSONDict]] = self.reply_markup["inline_keyboard"]
            return rows
        return []

    @property
    def reply_keyboard(self) -> list[list[JSONDict]] | None:
        """Rows of the reply keyboard this message set, if it set one."""
        if self.reply_markup and "keyboard" in self.reply_markup:
            rows: list[list[JSONDict]] = self.reply_markup["keyboard"]
            return rows
        return None

    @property
    def removes_keyboard(self) -> bool:
        """Whether this message carried ReplyKeyboardRemove."""
        return bool(self.reply_markup and self.reply_markup.get("remove_keyboard"))

    @property
    def button_texts(self) -> list[str]:
        """Texts of all inline buttons, row by row."""
        return [str(b.get("text")) for row in self.inline_buttons for b in row]

    def button(self, text: str | None = None, callback_data: str | None = None) -> JSONDict | None:
        """The inline button with this text (or callback_data), or None."""
        for row in self.inline_buttons:
            for b in row:
                if text is not None and b.get("text") == text:
                    return b
                if callback_data is not None and b.get("callback_data") == callback_data:
                    return b
        return None

    def __repr__(self) -> str:
        body = self.content
        if body is None:
            kind = "document" if self.document else "photo" if self.photo else self.method
            body = f"<{kind}>"
        if len(body) > 60:
            body = body[:57] + "..."
        extra = ""
        if self.button_texts:
            extra += f" buttons={self.button_texts}"
        if self.reply_keyboard is not None:
            extra += f" keyboard={[b.get('text') for r in self.reply_keyboard for b in r]}"
        if self.edits:
            extra += f" edits={self.edits}"
        if self.deleted:
            extra += " deleted"
        return f"<BotMessage #{self.message_id} {body!r}{extra}>"
