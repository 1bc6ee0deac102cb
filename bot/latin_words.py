"""Words typed in Latin letters, read as Persian: Finglish («bargh» → «برق») and Azerbaijani
in Latin letters («ishchi tapilmir», «işçi tapılmır»), as Tabriz writes it in Persian script.
Split out of bot/understand.py, whose `words` reads a member's message with these.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot import finglish
from bot.azerbaijani import (
    AZERBAIJANI_LETTERS,
    LATIN_AZERBAIJANI,
    Azerbaijani,
    plain,
    plain_stems,
    to_scripts,
)
from bot.place_names import fold, forget_with_places, is_place_word, place_in_latin
from bot.text import ZWNJ

if TYPE_CHECKING:
    from bot.understand import Informal

__all__ = [
    "Word",
    "azerbaijani_in_latin",
    "azerbaijani_word",
    "forget_latin_readings",
    "is_latin",
    "to_persian",
]


@dataclass(frozen=True)
class Word:
    """One word as the member typed it, and what it was understood as (Persian script)."""

    own: str
    text: str
    # An Azerbaijani word read as Persian keeps its own reading too, for lists that name it.
    also: str = ""


def forget_latin_readings() -> None:
    """Latin words are read again: the place names or the common words changed."""
    to_persian.cache_clear()
    _azerbaijani_evidence.cache_clear()
    azerbaijani_word.cache_clear()


forget_with_places(forget_latin_readings)


@functools.lru_cache(maxsize=65536)
def to_persian(word: str) -> str | None:
    """The Persian spelling of a Finglish word («bargh» → «برق»), or None if not Finglish."""
    tables = finglish.tables()
    # A word data/finglish.toml pins is that word, even if a place sounds like it («dar» is
    # «در», not the cluster «دارو»); so is a word that reads closer than the place («lazem» is
    # «لازم», not «لوازم» of «لوازم خانگی»).
    pinned = tables.table.get(word.lower())
    if pinned:
        return pinned
    lower = finglish.chat_letters(word.lower())
    if lower in tables.table:
        return tables.table[lower]
    place, other = place_in_latin(lower), tables.convert(lower)
    if place and other:
        nearer = finglish.closeness(lower, other) - finglish.closeness(lower, place)
        # On a tie, a word typed as a spoken verb is («mizane», it hits: «mi-» read «می»), not
        # a place it sounds like («میانه»).
        verb = lower.startswith(("mi", "nemi")) and other.startswith(("می", "نمی"))
        if nearer > 0 or (nearer == 0 and verb):
            return other
    return place or other


def is_latin(word: str) -> bool:
    return finglish.LATIN_WORD.fullmatch(finglish.chat_letters(word)) is not None


# Endings of Azerbaijani verbs and plurals in plain letters («vermir», «tapmiriq», «gedib»,
# «isteyirik», «qurtarib», «mallar»).
_LATIN_VERB = re.compile(
    r"(m[iu]r|m[iu]r[iu][kq]|y[iu]r|y[iu]r[iu][kq]|[iu]r[iu][kq]|[iu]b|[iu]bl[ae]r|m[ae]y[iu]b"
    r"|m[ae]d[iu]|m[ae]d[iu][kq]|[ae]j[ae][kq]|[ae]c[ae][kq]|m[ae][kq]|l[ae]r|l[ae]r[iu]m[iu]z)$"
)
# Azerbaijani words no Persian word is spelled like, in plain letters: «none», «for», «now»,
# «our», «how».
_LATIN_AZERBAIJANI_WORD = re.compile(
    r"yox|yoxdu|yoxdur|yoxdi|ucun|uchun|chox|indi|bizim|sizin|nece|neche|hele|niye"
)
# How closely a Latin word must read as a Persian one to be taken for it in an Azerbaijani
# message (a word of that message is more likely Azerbaijani).
_CLOSE_ENOUGH = 0.6


def azerbaijani_in_latin(bares: list[str], reader: Azerbaijani) -> bool:
    """Whether a message's Latin words are Azerbaijani: a letter only the Republic's alphabet
    has, or two words that are Azerbaijani and no Persian word (`_azerbaijani_evidence`)."""
    latin = [b for b in bares if LATIN_AZERBAIJANI.fullmatch(b)]
    if any(ch in AZERBAIJANI_LETTERS for word in latin for ch in word):
        return True
    return sum(1 for word in latin if _azerbaijani_evidence(word, reader)) >= 2


@functools.lru_cache(maxsize=65536)
def _azerbaijani_evidence(word: str, reader: Azerbaijani) -> bool:
    """Whether a plain-letter word tells the message is Azerbaijani: a word no Persian word is
    spelled like («yoxdu», «ucun»); or, written in Persian script in one of its ways, a word of
    the table or a verb's ending («ishig», «tapilmir»), while read as Finglish it is no Persian
    word the lists know, nor close to one. Words both languages share («javab», «edare»,
    «chek») and Persian words ending like a verb («tamir») tell nothing; nor does an English
    word the lists know («PLC»)."""
    tables = finglish.tables()
    lower = word.lower()
    if _LATIN_AZERBAIJANI_WORD.fullmatch(lower):
        return True
    if len(word) <= 3 or lower in tables.english:
        return False
    if not (_LATIN_VERB.search(lower) or any(reader.marks([s]) for s in to_scripts(word))):
        return False
    persian = to_persian(word)
    if persian is None or reader.marks([persian]):  # the lists' own Azerbaijani («vermir»)
        return True
    return persian not in tables.vocabulary and finglish.closeness(lower, persian) < _CLOSE_ENOUGH


@functools.lru_cache(maxsize=65536)
def azerbaijani_word(bare: str, reader: Azerbaijani, informal: Informal | None) -> Word | None:
    """One Latin word of an Azerbaijani message: None for a word of grammar (left out, as an
    English message's are), else a word Finglish pins (a Persian word the member used), a word
    of the Azerbaijani table, a word the lists write so, a verb as Tabriz writes it, a Persian
    word the lists know or a place (read as Finglish, Azerbaijani endings cut), else as Tabriz
    writes it."""
    tables = finglish.tables()
    if bare.lower() in tables.english:
        return Word(bare, bare)
    if plain(bare) in reader.said_in_latin:
        return None
    stems = plain_stems(bare)
    # Tabriz says «ق» as «g», and writes it so («vasige» is «وثیقه», «Maraga» «مراغه»); not in
    # a verb's ending («vururug», we ring, is no «ورق»).
    spoken = [
        said
        for stem in stems
        if "g" in stem and "gh" not in stem
        for said in (stem.replace("g", "q"),)
        if not _LATIN_VERB.search(said)
    ]
    # A place, endings cut, before any table word it may end like («Selimide» is no «سئل»).
    for stem in (*stems, *spoken):
        persian = to_persian(stem)
        if persian and is_place_word(fold(persian)) and _closeness(stem, persian) >= _PLACE_CLOSE:
            return Word(bare, persian)
    pinned = tables.table.get(bare.lower())
    if pinned:
        meant = reader.meaning(pinned)  # the pins hold Azerbaijani too («ishchilerimiz»)
        if meant:
            return Word(bare, meant, also=pinned)
        return Word(bare, informal.written(pinned) if informal else pinned)
    spellings = to_scripts(bare)
    for script in spellings:
        meant = reader.meaning(script)
        if meant:
            return Word(bare, meant, also=script)
    vocabulary = tables.vocabulary
    for script in spellings:
        if script in vocabulary:
            return Word(bare, script)
    script = spellings[0]
    if reader.marks([script]):  # a verb («deyir»): not the Persian word it sounds like («دیر»)
        return Word(bare, script)
    # A Persian word, perhaps with Azerbaijani endings («hesablar», «Tebrizde»): one Finglish
    # pins under its endings first («divarda» is «دیوار», not the «دارد» it sounds like whole).
    for stem in stems[1:]:
        pinned = tables.table.get(stem)
        if pinned and not reader.marks([pinned]):
            return Word(bare, informal.written(pinned) if informal else pinned)
    for stem in (*stems, *spoken):
        persian = to_persian(stem) if is_latin(stem) else None
        if persian is None:
            continue
        # «qonsu» (a neighbour) only sounds like «قانون»; «biz» (we) like «باز».
        floor = _CLOSE_ENOUGH if len(stem) > _SHORT_STEM else _SHORT_CLOSE_ENOUGH
        if _closeness(stem, persian) < floor:
            continue
        if _listed(persian, vocabulary) or is_place_word(fold(persian)):
            return Word(bare, informal.written(persian) if informal else persian)
    return Word(bare, script)


# A stem this short must read closer to be taken for a Persian word.
_SHORT_STEM = 3
_SHORT_CLOSE_ENOUGH = 0.75
# How closely a word must read as a place to be taken for it before any other reading.
_PLACE_CLOSE = 0.8


def _closeness(stem: str, persian: str) -> float:
    """How closely a plain-letter word reads as a Persian one, its letter pairs («sh») read as
    the one letter they are («shahrak» is «شهرک» as closely as «sahrak» would be)."""
    single = finglish.single_letters(stem)
    return max(finglish.closeness(stem, persian), finglish.closeness(single, persian))


def _listed(persian: str, vocabulary: Container[str]) -> bool:
    """Whether the lists use a Persian word, or each part of a compound («ضمانت‌نامه»)."""
    if persian in vocabulary:
        return True
    parts = persian.replace(ZWNJ, " ").split()
    return len(parts) > 1 and all(part in vocabulary for part in parts)
