"""What a report says was done and what it says was not, for "me too" (bot/services/similar.py).

«گمرک اظهارنامه را تایید نمی‌کند» and «گمرک اظهارنامه را تایید می‌کند ولی کارشناس فقط صبح
هست» share their words and are two problems: one says approval is refused, the other that it is
given. A light verb («کرد», «شد», «داد»: «تایید می‌کند», «برگزار نشده», «تحویل ندادند») says
whether the word before it was done; two reports that say one thing was done and was not are no
"me too". Spoken verbs count as written ones (bot/understand.py reads «نمیکنه» «نمی‌کند»).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bot import understand
from bot.services import categorize
from bot.services.categorize import Unit
from bot.text import TEXTS_KEPT

__all__ = ["Polarity", "contradict", "polarity"]

# The light verbs by their past stem (folded, as the word analysis gives them).
_LIGHT = frozenset({"کرد", "شد", "داد"})
# Their negatives as one piece («نشده», «نکردند», «ندادن»): the stems with «ن».
_NEGATIVE = frozenset(f"ن{stem}" for stem in _LIGHT)
# Words that only look like a light verb («شدید» is severe, not «you became»).
_NOT_VERBS = frozenset({"شدید", "شدیدا", "شدیدی", "کردی", "دادگاه"})
# «Only» before a done thing («فقط نقد قبول می‌کنند») makes it a refusal of all else; looked
# for this many words back.
_ONLY = frozenset({"فقط", "تنها", "صرفا"})
_CLAUSE = 8
# The verb's pieces before its stem, in one word («نمی‌کند»).
_PREFIXES = ("می", "نمی")

Polarity = tuple[frozenset[str], frozenset[str]]


@functools.lru_cache(maxsize=TEXTS_KEPT)
def polarity(text: str) -> Polarity:
    """(done, not done): the words (lemmas) a light verb in text says were done, or were not."""
    units = categorize.engine().units(text)
    done: set[str] = set()
    undone: set[str] = set()
    for index, unit in enumerate(units):
        said = _said(units, index)
        if said is None:
            continue
        before = index - 1
        while before >= 0 and units[before].own == unit.own:
            before -= 1  # «می»/«نمی» of the same word
        if before < 0 or not units[before].canonical:
            continue
        word = units[before].canonical
        if word in _LIGHT or word in _NEGATIVE or word in _PREFIXES:
            continue
        if said and any(u.canonical in _ONLY for u in units[max(0, before - _CLAUSE) : before]):
            continue  # «فقط سند ملکی قبول می‌کند»: accepting only one thing refuses the rest
        (done if said else undone).add(word)
    return frozenset(done), frozenset(undone)


# Place names are read anew when they change (bot/place_names.py), and so are the texts.
understand.forget_with_places(polarity.cache_clear)


def contradict(a: Polarity, b: Polarity) -> bool:
    """Whether one report says a thing was done that the other says was not."""
    return bool(a[0] & b[1] or a[1] & b[0])


def _said(units: Sequence[Unit], index: int) -> bool | None:
    """Whether the piece at index is a light verb that says done (True), not done (False), or
    is none (None)."""
    unit = units[index]
    if unit.surface in _NOT_VERBS:
        return None
    previous = units[index - 1] if index else None
    if previous is not None and previous.own == unit.own and previous.surface in _PREFIXES:
        # After «می»/«نمی» the piece's one form is its verb's past stem (categorize.Engine.verb).
        return previous.surface == "می" if unit.canonical in _LIGHT else None
    if unit.surface.startswith(tuple(_NEGATIVE)):
        return False
    if unit.surface.startswith(tuple(_LIGHT)) and unit.canonical in _LIGHT:
        return True
    return None
