"""Reports written in English, read as Persian: an exporter's manager, a partner's message
forwarded, a member more at ease in English than in Finglish.

data/english.toml gives the English words and phrases the lists have a Persian word for, and
the words that say nothing of a problem. In a message that is English (two words only English
has, in a message mostly in Latin letters: `is_english`) a word is read as its phrase or its
word, plural and -ed/-ing forms found from the base; a word that says nothing is left out; any
other word is read as Finglish only when it is a place or a Persian word the lists know, spelled
close to it («Tamin», «shahrak»), else kept as written. The words are read so in every message
(bot/finglish.py takes them into its table), but leaving words out and not guessing are for
English messages only: a Finglish «bad» is «بعد», a Finglish «to» «تو».
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.settings import PROJECT_ROOT

__all__ = ["ENGLISH_PATH", "English", "english", "is_english"]

ENGLISH_PATH = PROJECT_ROOT / "data" / "english.toml"
# The share of a message's words in Latin letters for it to be read as English.
_LATIN_SHARE = 0.6
# Words of English evidence a message needs.
_EVIDENCE = 2
# Endings of English words, longest first, with what the base ends with instead.
_ENDINGS = (
    ("ies", "y"),
    ("ing", "e"),
    ("ing", ""),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("s", ""),
)
_PHRASE_MAX = 3


@dataclass(frozen=True)
class English:
    """The English words the lists have a Persian word for, and the words left out."""

    words: dict[str, str]
    phrases: dict[tuple[str, ...], str]
    ignored: frozenset[str]
    evidence: frozenset[str]

    def word(self, lower: str) -> str | None:
        """The Persian word for an English word or one of its forms («loans» → «وام»)."""
        found = self.words.get(lower)
        if found is not None:
            return found
        bare = lower.removesuffix("'s")
        for ending, base in _ENDINGS:
            if bare.endswith(ending) and len(bare) - len(ending) >= 3:
                found = self.words.get(bare[: -len(ending)] + base)
                if found is not None:
                    return found
        return self.words.get(bare)

    def read(
        self, words: Sequence[str], other: Callable[[str], str | None]
    ) -> list[tuple[str, str]]:
        """An English message's words, as (written, read) pairs: phrases first, the words
        left out omitted; `other` reads the rest (None: kept as written)."""
        read: list[tuple[str, str]] = []
        lowered = [w.lower() for w in words]
        at = 0
        while at < len(words):
            for size in range(min(_PHRASE_MAX, len(words) - at), 1, -1):
                phrase = self.phrases.get(tuple(lowered[at : at + size]))
                if phrase is not None:
                    read.append((" ".join(words[at : at + size]), phrase))
                    at += size
                    break
            else:
                word, lower = words[at], lowered[at]
                at += 1
                persian = self.word(lower)
                if persian is None and lower in self.ignored:
                    continue
                read.append((word, persian or other(word) or word))
        return read


@functools.cache
def english() -> English:
    """data/english.toml, read once."""
    data = tomllib.loads(ENGLISH_PATH.read_text(encoding="utf-8"))
    ignored = data["ignored"]
    return English(
        {k.lower(): v for k, v in data["words"].items()},
        {tuple(k.lower().split()): v for k, v in data["phrases"].items()},
        frozenset(w.lower() for w in ignored["words"]),
        frozenset(w.lower() for w in ignored["evidence"]),
    )


def is_english(latin: Sequence[str], count: int) -> bool:
    """Whether a message of `count` words, `latin` of them in Latin letters, is English: two
    words only English has («the», «our»), or one in a message whose Latin words are mostly
    English words the lists know or leave out («Social security fined us for old lists»)."""
    if not count or len(latin) < _LATIN_SHARE * count:
        return False
    tables = english()
    lowered = [w.lower() for w in latin]
    evidence = len(set(lowered) & tables.evidence)
    if evidence >= _EVIDENCE:
        return True
    known = sum(1 for w in lowered if w in tables.ignored or tables.word(w) is not None)
    return evidence == 1 and known * 2 >= len(lowered)
