"""Cluster and estate names in members' text: their words are never reduced to another word
(«رازی», an estate, is no «راز», a secret), and a Latin word spelling one is that place
(«razi», «Hashtrud»). bot/understand.py reads members' text with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot import finglish
from bot.finglish import latin_closeness
from bot.lazy import Shared
from bot.text import MATCH_FOLD, ZWNJ, normalize

__all__ = ["forget_with_places", "is_place_word", "place_in_latin", "protect_place_names"]


def fold(word: str) -> str:
    """A word as place names are kept: letter variants one, no half-space, lower case."""
    return word.translate(MATCH_FOLD).replace(ZWNJ, "").lower()


# Words of place names that are ordinary vocabulary: protecting them would only stop «شهرک‌ها»
# from meeting «شهرک».
_GENERIC_PLACE_WORDS = frozenset("شهرک شهرکها صنعتی ناحیه منطقه ویژه اقتصادی و صنایع".split())  # noqa: SIM905
# Words of places' English names that name no place («West Tabriz Industrial Estate»).
_GENERIC_ENGLISH_PLACE_WORDS = frozenset(
    """industrial estate estates park zone area town city cluster special economic free and of
    the new old west east north south central shahid""".split()  # noqa: SIM905
)
# What parts the words of a place name: spaces, half-spaces, brackets and commas
# («آذربایجان (شهید رجایی)»).
_NAME_SPLIT = re.compile(r"[\s\u200c()\[\]«»,،\-]+")


@dataclass(frozen=True)
class _Places:
    """The place names' words; their Latin spellings' skeletons; and the words of their
    English names («hashtrud» → «هشترود»), as staff wrote them."""

    words: frozenset[str]
    skeletons: dict[str, tuple[str, ...]]
    english: dict[str, str]


def _place_words(names: tuple[str | tuple[str, str], ...]) -> _Places:
    """The place names' words (normalising needs hazm); a name may come with its English name."""
    protected = set()
    english: dict[str, str] = {}
    for name in names:
        persian, in_english = (name, "") if isinstance(name, str) else name
        own = []
        for word in _NAME_SPLIT.split(normalize(persian)):
            folded = fold(word)
            if len(folded) >= 2 and folded not in _GENERIC_PLACE_WORDS:
                protected.add(folded)
                own.append(folded)
        english.update(_english_place_words(in_english, own))
    # Their Latin spellings too («razi»), or the Finglish reading makes another word of them.
    skeletons: dict[str, list[str]] = {}
    for word in sorted(protected):
        skeletons.setdefault(finglish.persian_skeleton(word), []).append(word)
    return _Places(frozenset(protected), {k: tuple(v) for k, v in skeletons.items()}, english)


def _english_place_words(name: str, words: list[str]) -> dict[str, str]:
    """The words of a place's English name paired with its Persian name's words: by their
    consonants («tabriz», «تبریز»), or the one left of each («Maragheh», «مراغه»)."""
    latin = [
        w
        for w in (piece.lower() for piece in re.findall(r"[A-Za-z]+", name))
        if len(w) > finglish.LATIN_SHORT and w not in _GENERIC_ENGLISH_PLACE_WORDS
    ]
    paired: dict[str, str] = {}
    left = list(words)
    for word in list(latin):
        same = [w for w in left if finglish.persian_skeleton(w) == finglish.latin_skeleton(word)]
        if same:
            paired[word] = same[0]
            left.remove(same[0])
            latin.remove(word)
    if len(latin) == 1 and len(left) == 1:
        paired[latin[0]] = left[0]
    return paired


_places = Shared(lambda: _place_words(()))
# What was worked out with the old places (a word's analysis, a text's tokens, its problem
# type), forgotten when they change: the matchers that cache register here.
_read_with_places: list[Callable[[], None]] = []


def forget_with_places(clear: Callable[[], None]) -> None:
    """Have `clear` (a cache's `cache_clear`) called whenever the place names change."""
    _read_with_places.append(clear)


def protect_place_names(names: Iterable[str | tuple[str, str]]) -> None:
    """Remember the words of cluster and estate names, so none is stemmed into another word.

    «رازی» (an estate) must stay «رازی» in themes and similarity, not become «راز» (secret).
    A name may come with its English name (`(name_fa, name_en)`): members typing in Latin
    letters spell a place as staff did there («Hashtrud», «Maragheh»).
    Called at start-up and whenever staff replace the list of places. The names are kept now;
    their words are worked out when first asked for, by the categoriser or the similarity
    tables, which load hazm anyway: start-up used to wait half a second for hazm here.
    """
    global _places
    kept = tuple(names)
    _places = Shared(lambda: _place_words(kept))
    for clear in _read_with_places:
        clear()


# How alike a Latin word and a place's English name must be spelled («Marageh», «Maragheh»;
# «Hashtrood», «Hashtrud»), when the name has this many letters.
_SPELLED_ALIKE = 0.8
_SPELLED_LONG = 6


def place_in_latin(lower: str) -> str | None:
    """The place name a Latin word spells («razi» → «رازی»), or None."""
    if len(lower) <= finglish.LATIN_SHORT:
        return None  # too many short words share a place name's letters
    places = _places()
    place = places.english.get(lower)
    if place is not None:
        return place
    for spelled, place in places.english.items():
        # A short name only as staff spelled it: «ahar» is not «azar». (Same first letter and
        # about the length first: this runs for every Latin word the bot has not seen.)
        if (
            len(spelled) >= _SPELLED_LONG
            and spelled[0] == lower[0]
            and abs(len(spelled) - len(lower)) <= 2
            and latin_closeness(lower, spelled) >= _SPELLED_ALIKE
        ):
            return place
    # A place's final «ه» may be typed «a», as Azerbaijani says it («Maraqa», «Miyana» are
    # «مراغه», «میانه»); any Latin word is read so.
    said = (lower, lower[:-1] + "e") if lower.endswith("a") else (lower,)
    for place in places.skeletons.get(finglish.latin_skeleton(lower), ()):
        # The consonants alone are too loose («arz» and «razi» share them).
        if max(finglish.closeness(word, place) for word in said) >= 0.8:
            return place
    return None


def is_place_word(folded: str) -> bool:
    """Whether a folded word is (a word of) a cluster or estate name."""
    return folded in _places().words
