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
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.settings import PROJECT_ROOT, read_toml

__all__ = ["ENGLISH_PATH", "English", "english", "is_english"]

ENGLISH_PATH = PROJECT_ROOT / "data" / "english.toml"
log = logging.getLogger(__name__)
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

    @classmethod
    def load(cls, path: Path) -> English:
        """Read data/english.toml; ValueError names a bad line."""
        data = read_toml(path)
        words, phrases, ignored = (data.get(t, {}) for t in ("words", "phrases", "ignored"))
        for table, entries in (("words", words), ("phrases", phrases)):
            for key, value in entries.items():
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(f'{path.name}: [{table}] {key!r} must be a Persian word: "…"')
        lists = {name: ignored.get(name, []) for name in ("words", "evidence")}
        for name, listed in lists.items():
            if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
                raise ValueError(f'{path.name}: [ignored] {name} must be a list of words: ["…"]')
        left_out = frozenset(w.lower() for w in lists["words"])
        read = sorted(left_out & {k.lower() for k in words})
        if read:
            raise ValueError(f"{path.name}: {read[0]!r} is both read and left out ([ignored])")
        return cls(
            {k.lower(): v for k, v in words.items()},
            {tuple(k.lower().split()): v for k, v in phrases.items()},
            left_out,
            frozenset(w.lower() for w in lists["evidence"]),
        )


@functools.cache
def english() -> English:
    """data/english.toml, read once. A broken file is logged and read as empty: English
    reports then go as Finglish did, rather than fail every report (`python -m bot check`
    names the bad line)."""
    try:
        return English.load(ENGLISH_PATH)
    except (OSError, ValueError) as exc:
        log.error("English words not used: %s", exc)
        return English({}, {}, frozenset(), frozenset())


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
