"""Azerbaijani in Persian script read as Persian: «ایشچیلریمیز» is «کارگر», «دری‌نی» «چرم».

Many members in Tabriz write Azerbaijani Turkish in Persian script («ایشچی تاپیلمیر»). The
understanding step (bot/understand.py) reads each word of data/azerbaijani.toml, endings and
all, as its Persian word, so the categoriser, the problem types and "me too" meet an
Azerbaijani report and a Persian one of the same problem in the same words. The table holds
base forms; the endings below are cut here. Staff extend the table; `python -m bot check`
reads it.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Container, Iterable, Mapping
from pathlib import Path

from bot.text import MATCH_FOLD, ZWNJ, normalize

# Azerbaijani endings members write in Persian script: plural, possessive and case endings
# («بانکلار», «مالیمیز», «گمرکده», «سرحدینده»), the copula («چوخدور») and the «-لیق» of a noun
# made of a word («آتش‌نشانلیق»). Longest first.
SUFFIXES = tuple(
    sorted(
        {
            "لاریمیزی", "لریمیزی", "لاریمیز", "لریمیز", "لاری", "لری", "لارا", "لره", "لار",
            "لر", "یمیزی", "یمیز", "میز", "ینده", "نده", "ندن", "دان", "دن", "ده", "دا", "ین",
            "ی", "سی", "نی", "ا", "ه", "و", "یو", "دی", "دیر", "دور", "دو", "نین",
            "لیق", "لیک", "لوق", "لوک",
        },
        key=lambda suffix: (-len(suffix), suffix),
    )
)  # fmt: skip
# More endings, cut only to find a word of the table (a stem it names is no accident):
# genitive «-ون/-نون», accusative «-نو», dative «-یا/-یه», «-تا/-ته/-تان/-تن» after a voiceless
# letter, «-یم/-وم/-وموز» (my, our), «-سو».
_TABLE_ENDINGS = tuple(
    sorted(
        {
            *SUFFIXES, "ون", "نون", "نو", "یا", "یه", "یم", "وم", "وموز", "سو", "تا", "ته", "تان",
            "تن",
        },
        key=lambda suffix: (-len(suffix), suffix),
    )
)  # fmt: skip
# Endings of Azerbaijani verbs («تاپیلمیر», «وئرمیرلر», «باغلاییبلار», «ایستیریک»): a word
# that is not Persian and ends so tells the message is in Azerbaijani.
_VERB_ENDINGS = (
    "میر", "مور", "میرلر", "میرلار", "مورلار", "یرلر", "یرلار", "ییب", "ییبلر", "ییبلار",
    "یبلر", "یبلار", "یوب", "یوبلار", "اییر", "ییر", "ییریک", "ییریق", "یریک", "یریق",
    "میشیق", "میشیک", "دیلار", "دیلر", "یب", "یبدیر", "یبدی",
)  # fmt: skip
# A word this short after its endings are cut is too often something else.
_SHORTEST_STEM = 2
# Up to this many endings are cut («ایشچی-لر-یمیز-ه»).
_MOST_ENDINGS = 3
_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")


# A final «ق»/«ک» is written «غ»/«گ» before a vowel ending: «ایشیق», «ایشیغی».
_SOFTENED = {"غ": "ق", "گ": "ک"}
# A stem this short is too often an accident.
_SHORTEST_LISTED_STEM = 3


def stems(word: str) -> set[str]:
    """The words under up to two of a word's Azerbaijani endings («معدنینی» → «معدنی»,
    «معدن»; «ایشیغیمیز» → «ایشیغ», «ایشیق»), for matching it against the lexicons."""
    found: set[str] = set()
    pending = [(word, 2)]
    while pending:
        current, left = pending.pop()
        for suffix in SUFFIXES:
            stem = current[: -len(suffix)]
            if not current.endswith(suffix) or len(stem) < _SHORTEST_LISTED_STEM:
                continue
            found.add(stem)
            if stem[-1] in _SOFTENED:
                found.add(stem[:-1] + _SOFTENED[stem[-1]])
            if left > 1:
                pending.append((stem, left - 1))
    return found


def _fold(word: str) -> str:
    return word.translate(MATCH_FOLD).replace(ZWNJ, "").lower()


class Azerbaijani:
    """data/azerbaijani.toml: Azerbaijani words and the Persian word each means.

    A message is read as Azerbaijani when a word that is not Persian is one of the table's
    words (with its endings: «ایشچیلریمیز») or ends as an Azerbaijani verb does («تاپیلمیر»).
    In such a message each of the table's words is read as its Persian word. A Persian word (of
    hazm's commonest 16,000) or a word the lexicons list is a table word only letter for letter,
    never with endings cut: «ایران» is not «آیران» (the drink), «اوراسیا» not «اورا» (there)
    plus endings. Other messages are untouched.
    """

    def __init__(
        self,
        meanings: Mapping[str, str],
        persian: frozenset[str],
        listed: frozenset[str] = frozenset(),
    ) -> None:
        written = {normalize(said): normalize(meant) for said, meant in meanings.items()}
        self.meanings = {_fold(said): meant for said, meant in written.items()}
        # A Persian word is a table word only letter for letter («ایران» is not «آیران»).
        self.written = written
        self.persian = persian
        # Words the lexicons list: matched as written, so never cut.
        self.listed = listed
        self.meaning = functools.lru_cache(maxsize=65536)(self._meaning)

    @classmethod
    def load(
        cls, path: Path, persian: frozenset[str], listed: frozenset[str] = frozenset()
    ) -> Azerbaijani:
        """Read the table; ValueError names a bad line."""
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path.name}: not valid TOML: {exc}") from exc
        for said, meant in table.items():
            if not isinstance(meant, str) or not meant.strip():
                raise ValueError(f'{path.name}: {said!r} must be one Persian word: "…"')
        return cls(table, persian, listed)

    def under(self, word: str, known: Container[str]) -> set[str]:
        """The words under a word's Azerbaijani endings («معدنینی» → «معدن», «ایشیغیمیز» →
        «ایشیق») that are words (hazm's or the table's); none for a word hazm knows."""
        if word in known:
            return set()
        return {s for s in stems(word) if s in known or _fold(s) in self.meanings}

    def marks(self, words: Iterable[str]) -> bool:
        """Whether a message (its normalised words) is in Azerbaijani."""
        for word in words:
            if len(word) < 3 or word in self.persian or not _PERSIAN_LETTER.match(word):
                continue
            if _fold(word).endswith(_VERB_ENDINGS) or self.meaning(word):
                return True
        return False

    def _meaning(self, word: str) -> str | None:
        """The Persian word a (normalised) Azerbaijani word means, or None."""
        if word in self.persian or word in self.listed:
            return self.written.get(word)
        folded = _fold(word)
        return self.meanings.get(folded) or self._without_endings(folded, _MOST_ENDINGS)

    def _without_endings(self, folded: str, endings: int) -> str | None:
        for suffix in _TABLE_ENDINGS:
            stem = folded[: -len(suffix)]
            if not folded.endswith(suffix) or len(stem) < _SHORTEST_STEM:
                continue
            found = self.meanings.get(stem)
            if found is None and endings > 1:
                found = self._without_endings(stem, endings - 1)
            if found is not None:
                return found
        return None
