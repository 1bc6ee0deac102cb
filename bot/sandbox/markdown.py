"""How a Bale client shows a bot's message: its Markdown rendered, every backslash kept.

Bale renders Markdown in every bot message and has no parse_mode to turn that off (see
docs/bale.md). This is the sandbox's model of that rendering, written from the facts and on
purpose separately from the bot's escaping (bot/platforms.py), so tests compare two readings:

- ``*bold*``, ``_italic_`` and ```code``` render when the opening mark follows the start or a
  space and is followed by a non-space, and the closing mark follows a non-space and is
  followed by a space or the end;
- ``[text](url)`` shows as ``text``;
- a backslash is shown as it is (no source shows Bale removing escapes), unless the test
  asks for a Bale that does;
- a zero-width non-joiner is invisible unless it sits between two letters (a Persian
  half-space), so one the bot put beside a ``*`` is not part of what the member sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")
_MARKS = "*_`"
ZWNJ = "\u200c"


@dataclass(frozen=True)
class Shown:
    """What the member sees, and whether any of the text was taken as markup."""

    text: str
    markup: tuple[str, ...]


def _opens(text: str, i: int) -> bool:
    return (
        text[i] in _MARKS
        and (i == 0 or text[i - 1].isspace())
        and i + 1 < len(text)
        and not text[i + 1].isspace()
    )


def _closer(text: str, i: int) -> int | None:
    mark = text[i]
    for j in range(i + 2, len(text)):
        if (
            text[j] == mark
            and not text[j - 1].isspace()
            and (j + 1 == len(text) or text[j + 1].isspace())
        ):
            return j
    return None


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\_*\[\]()`~>#+\-=|{}.!])", r"\1", text)


def _visible(text: str) -> str:
    """Drop zero-width non-joiners that change nothing on screen (not between letters)."""
    out = []
    for i, char in enumerate(text):
        if char == ZWNJ:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not (before.isalpha() and after.isalpha()):
                continue
        out.append(char)
    return "".join(out)


def render_bale(text: str, *, removes_escapes: bool = False) -> Shown:
    """Render ``text`` as a Bale client shows a bot's message."""
    markup: list[str] = []

    def link(match: re.Match[str]) -> str:
        markup.append(match.group(0))
        return match.group(1)

    if removes_escapes:
        # A Bale that honours escapes: a backslashed mark is a literal, never markup.
        protected = re.sub(r"\\([*_`\[])", lambda m: f"\x00{ord(m.group(1))}\x00", text)
    else:
        protected = text
    protected = _LINK.sub(link, protected)
    out: list[str] = []
    i = 0
    while i < len(protected):
        if _opens(protected, i):
            j = _closer(protected, i)
            if j is not None:
                markup.append(protected[i : j + 1])
                out.append(protected[i + 1 : j])
                i = j + 1
                continue
        out.append(protected[i])
        i += 1
    shown = "".join(out)
    if removes_escapes:
        shown = _unescape(re.sub(r"\x00(\d+)\x00", lambda m: chr(int(m.group(1))), shown))
    return Shown(_visible(shown), tuple(markup))
