"""Bale's Markdown, and keeping text from turning into it (issue #21, docs/bale.md).

Bale renders its own Markdown in every message and has no parse_mode to turn that off. What
renders: `*bold*` and `_italic_` bounded by spaces, `[text](url)` and backtick code. Nothing
shows that Bale removes backslash escapes, so escaping every `\\ _ * [ ] ( )` (as we once did)
would put `\\(` on members' screens. Instead, only a delimiter that could open markup is
neutralised, and in the least visible way the deployment chose (settings' BALE_ESCAPING).
"""

from __future__ import annotations

import re

from bot.settings import BaleEscaping

_DELIMITERS = "*_`"
# An opener must follow the start or a space (Bale's rule); a closer is taken broadly (any
# non-letter after it) so that whatever Bale really closes on is covered.
# A `[` after a backslash is no link (so the backslash escaping stays idempotent), and for
# a Bale that removes escapes one inside a link's text is a plain `[`.
_LINK = re.compile(r"(?<!\\)\[(?:[^\[\]\n]|\\\[)*\](\()[^()\s]*\)")
_ZWNJ = "\u200c"  # invisible next to punctuation, and every Persian client handles it
_LOOKALIKE = {"*": "\u2217", "_": "\uff3f", "`": "\u02cb", "[": "\uff3b"}


def _openers(text: str) -> list[tuple[int, int]]:
    """Every place that would start Bale markup: (opening mark, where an invisible break
    goes). For `*`, `_` and backticks both are the mark; for a link they are its `[` and its
    `(`, since a break before `[` would not stop `](`."""
    found = {(m.start(), m.start(1)) for m in _LINK.finditer(text)}
    n = len(text)
    for delimiter in _DELIMITERS:
        # The last closer of this delimiter: any opener before it can pair with a closer.
        last_closer = -1
        for j in range(n - 1, 0, -1):
            if (
                text[j] == delimiter
                and not text[j - 1].isspace()
                and (j + 1 == n or not text[j + 1].isalnum())
            ):
                last_closer = j
                break
        for i in range(min(last_closer, n - 1)):
            if (
                text[i] == delimiter
                and (i == 0 or text[i - 1].isspace())
                and not text[i + 1].isspace()
            ):
                found.add((i, i))
    return sorted(found)


def escape_bale(text: str, escaping: BaleEscaping = BaleEscaping.INVISIBLE) -> str:
    """Keep Bale from reading text as Markdown, changing only what would become markup.

    Idempotent: escaped text has no opener left, so text escaped once (a name inside a
    message, a list joined from escaped lines) can be escaped again as a whole.
    """
    # Until none is left: a link's `[` neutralised can uncover an outer one (`[a [b](c)`),
    # whose text then starts with a space, so a `*` inside it could open bold too. Each pass
    # neutralises at least one mark, so this ends.
    while openers := _openers(text):
        if escaping is BaleEscaping.INVISIBLE:
            edits = {brk: _ZWNJ + text[brk] for _, brk in openers}
        elif escaping is BaleEscaping.BACKSLASH:
            edits = {mark: "\\" + text[mark] for mark, _ in openers}
        else:
            edits = {mark: _LOOKALIKE[text[mark]] for mark, _ in openers}
        text = "".join(edits.get(i, char) for i, char in enumerate(text))
    return text
