"""Members' own words understood: the one step between a member's text and every matcher.

The categoriser, "me too" similarity, needs-topic matching and the digest's themes all read a
member's text through `words()` (via bot/services/categorize.py, which bot/services/similar.py
builds on), which, after the formal normaliser of bot/text.py:

- converts Finglish (Persian typed in Latin letters: `bargh ghat mishe`) to Persian script,
  guided by the words the category lexicon, the problem types and data/finglish.toml know,
  then by hazm's 16,000 commonest words («fasele» → «فاصله»);
- reads a message in Azerbaijani (Persian script) word by word as Persian, with the table of
  data/azerbaijani.toml (bot/azerbaijani.py: «ایشچیلریمیز» → «کارگر»);
- glues plural and possessive endings typed apart («دستگاه هامون») to their word;
- maps spoken forms to written ones with hazm 0.10's InformalNormalizer lexicon («نمیشه» →
  «نمی‌شود», «نیس» → «نیست»).

Each word keeps the member's own spelling next to what it was understood as, so explanations
can quote the member. Place names (clusters, estates) registered with `protect_place_names`
are never reduced to another word.

Why not hazm's `InformalNormalizer` object itself: building it takes 10-15 s (it loads hazm's
lemmatizer twice and an informal lemmatizer) and its `normalize` re-tokenises and re-normalises
every text (0.3 ms-15 ms a report). Its lexicon (hazm/data/iwords.dat, iverbs.dat and the
conjugations it derives from them) is what does the work, so that is what is used: built in
about 40 ms from the lemmatizer the categoriser already loads, looked up per word with a cache.

Why not the `finglish` package (PyPI, MIT): tried on our examples it turns «ghat» into «قات»,
«maliat» into «ملیت», «mahir» into «مهیر» and «alat» into «علت» (its 400 000-word frequency
list knows no business vocabulary), takes 2 s and ~100 MB to load, and up to 30 ms for one
text. A small table of spoken words plus consonant skeletons matched against the lexicon's own
words gets the words that matter right, and staff extend both files.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bot import english, finglish
from bot.azerbaijani import LATIN_AZERBAIJANI, Azerbaijani
from bot.latin_words import (
    Word,
    azerbaijani_in_latin,
    azerbaijani_word,
    forget_latin_readings,
    is_latin,
    to_persian,
)
from bot.place_names import fold, forget_with_places, is_place_word, protect_place_names
from bot.settings import PROJECT_ROOT
from bot.text import ZWNJ, normalize

if TYPE_CHECKING:
    from hazm import Lemmatizer

log = logging.getLogger(__name__)

__all__ = [
    "Word",
    "forget_with_places",
    "is_place_word",
    "protect_place_names",
    "to_persian",
    "words",
]

# Azerbaijani words in Persian script and the Persian word each means.
AZERBAIJANI_PATH = PROJECT_ROOT / "data" / "azerbaijani.toml"


# --- spoken forms (hazm's informal lexicon) ---------------------------------------------------


class _Folded:
    """The folded forms of hazm's words, without a folded copy of the 190,000 words that
    fold to themselves: those are looked up in hazm's own list (tens of MiB less)."""

    def __init__(self, words: Mapping[str, object]) -> None:
        self._words = words
        self._others = frozenset(f for w in words if (f := fold(w)) != w)

    def __contains__(self, folded: str) -> bool:
        return folded in self._others or (folded in self._words and fold(folded) == folded)


class Informal:
    """hazm 0.10's InformalNormalizer lexicon: spoken words and verb forms → written ones."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        from bot import hazm_parts

        hazm = hazm_parts.parts()
        # The same tables InformalNormalizer.__init__ builds, from the lemmatizer the
        # categoriser has already loaded (building the normaliser itself loads it twice more).
        conjugate = hazm.informal_conjugations
        informal_verbs, informal_words = hazm.informal_verbs, hazm.informal_words
        verbs: dict[str, str] = {}
        with Path(informal_verbs).open(encoding="utf-8") as lines:
            for line in lines:
                formal, informal, flag = line.strip().split(" ", 2)
                # hazm pairs its spoken forms with the written ones by position in
                # `get_all`, at offsets of an older list: «میشه» came out «شده‌ای», «دارم»
                # «داشته نمی‌شدند», «ندارم» «داشته باشیم». Here each spoken form meets the
                # written form of its own tense: six persons each of the plain present
                # («دارم»; flag "1": verbs said so), its negative, «می‌», «نمی‌», «ب» and «ن».
                spoken = conjugate(informal)[0 if flag == "1" else 12 :]
                written = _present_forms(lemmatizer, formal.split("#")[1])[-len(spoken) :]
                for said, meant in zip(spoken, written, strict=True):
                    verbs[fold(said)] = meant
                    if said.endswith("ین"):
                        verbs[fold(said[:-1] + "د")] = meant
        with Path(informal_words).open(encoding="utf-8") as lines:
            entries = dict(line.strip().split(" ", 1) for line in lines if " " in line.strip())
        self.words = {fold(k): v for k, v in entries.items()}
        self.verbs = verbs
        self.known = _Folded(lemmatizer.words)
        self.written = functools.lru_cache(maxsize=65536)(self._written)
        common = frozenset(
            fold(w)
            for w, info in lemmatizer.words.items()
            if finglish.corpus_count(info) >= finglish.COMMON
        )
        # The lists' own words are not cut either («اوراسیا» is not «اورا» plus endings).
        listed = finglish.tables().vocabulary
        try:
            self.azerbaijani = Azerbaijani.load(AZERBAIJANI_PATH, common, listed)
        except (OSError, ValueError):
            # Members' Azerbaijani is then read as written, rather than every report failing.
            log.exception("data/azerbaijani.toml cannot be read; fix it and restart")
            self.azerbaijani = Azerbaijani({}, common)
        # hazm's common words help read Finglish no list knows («fasele» → «فاصله»).
        finglish.use_common_words(lemmatizer.words)
        forget_latin_readings()

    def _written(self, word: str) -> str:
        """The written form of one normalised word (itself if it is not spoken Persian); a
        word nobody writes, spelled with a letter of like sound, is the lists' word
        («مالیاط» is «مالیات», «تعمین» «تامین»)."""
        folded = fold(word)
        if folded in self.known and folded not in self.words:
            return word
        spoken = self.words.get(folded) or self.verbs.get(folded)
        if spoken:
            return spoken
        if _PERSIAN_LETTER.match(word) and folded not in finglish.tables().vocabulary:
            alike = _sounds_like().get(_sound(folded))
            return alike or (None if ZWNJ in word else _unglued(folded)) or word
        return word


def _present_forms(lemmatizer: Lemmatizer, stem: str) -> list[str]:
    """The written present forms of a verb, in the order of hazm's spoken ones
    (`informal_conjugations`): plain, not, «می‌», «نمی‌», subjunctive, not subjunctive."""
    tenses = lemmatizer.conjugation
    return [
        *tenses.perfective_present(stem),
        *tenses.negative_perfective_present(stem),
        *tenses.imperfective_present(stem),
        *tenses.negative_imperfective_present(stem),
        *tenses.subjunctive_perfective_present(stem),
        *tenses.negative_subjunctive_perfective_present(stem),
    ]


# The shortest part of two words typed as one («فازبرق»), and the shortest such word.
_GLUED_PART = 3
_GLUED_WORD = 6
# Verbs («میزنیم» is no «میز نیم»), and endings the lists hold as words of their own.
_VERB_PREFIXES = ("می", "نمی")
_NOT_A_WORD_AFTER = frozenset(
    "های هایی مون تون شون هامون لار لر لاری لری لیر میز میزی دیر دور ییب است هست اند ایم"  # noqa: SIM905
    " اید".split()
)


def _unglued(folded: str) -> str | None:
    """Two words the lists know typed without a space («فازبرق» → «فاز برق», «پروانهساخت» →
    «پروانه ساخت»), or None; the split with the longer shorter part."""
    if len(folded) < _GLUED_WORD or folded.startswith(_VERB_PREFIXES):
        return None
    topical = finglish.tables().topical
    found = [
        (min(cut, len(folded) - cut), folded[:cut], folded[cut:])
        for cut in range(_GLUED_PART, len(folded) - _GLUED_PART + 1)
        if folded[:cut] in topical
        and folded[cut:] in topical
        and folded[cut:] not in _NOT_A_WORD_AFTER
    ]
    if not found:
        return None
    _, left, right = max(found)
    return f"{left} {right}"


# Letters members mix up because they sound alike.
_LIKE_SOUNDS = str.maketrans(
    {"ط": "ت", "ص": "س", "ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ح": "ه", "غ": "ق", "ع": "ا"}
)


def _sound(folded: str) -> str:
    """A folded word as it sounds: letters of like sound made one («مالیاط» → «مالیات»)."""
    return folded.translate(_LIKE_SOUNDS)


@functools.cache
def _sounds_like() -> dict[str, str]:
    """The lists' Persian words by how they sound, where only one word sounds so."""
    found: dict[str, dict[str, str]] = {}  # a sound's words, one spelling of each
    for word in sorted(finglish.tables().vocabulary):
        if _PERSIAN_LETTER.match(word) and " " not in word and len(word) >= 3:
            folded = fold(word)
            found.setdefault(_sound(folded), {}).setdefault(folded, word)
    return {sound: next(iter(w.values())) for sound, w in found.items() if len(w) == 1}


# --- the one step -----------------------------------------------------------------------------

# Plural and possessive endings typed as a word of their own («دستگاه هامون»).
_DETACHED = frozenset(
    "ها های هایی هامون هاتون هاشون هایمان هایتان هایشان هامان هاتان هاشان".split()  # noqa: SIM905
)
_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
_PUNCTUATION = ".,!?;:()\"'«»،؛؟…"
_LATIN_DETACHED = {"ha": "ها", "haye": "های", "hamun": "هامون", "hamoon": "هامون"}
# moshtari»): the ezafe, «است», «را», unwritten or left out in Persian. Typed apart, «ye» is «یه».
_HYPHEN_ENDINGS = frozenset({"e", "ye", "ie", "i", "ast", "ro", "ra", "o"})


def _hyphen_pieces(token: str) -> list[str]:
    """A hyphenated Latin token as its words, each ending after a hyphen kept as «-ending»."""
    bare = token.strip(_PUNCTUATION)
    if "-" not in bare or not finglish.LATIN_WORD.fullmatch(bare):
        return [token]
    first, *rest = bare.split("-")
    return [first, *(f"-{p}" if p.lower() in _HYPHEN_ENDINGS else p for p in rest)]


# How closely a Latin word of an English message must read as a Persian word the lists know to
# be taken for it («Tamin», «gomrok»; not «lost» for «لیست»).
_ENGLISH_CLOSE = 0.75
# The shortest word of an English message read as Finglish pins it («shahrak», «sherkat»).
_ENGLISH_PINNED = 5


def _in_english(informal: Informal | None, word: str) -> str | None:
    """A word of an English message that is no English word the lists know: a place, or a
    Persian word the lists know (or a name) spelled close to it, else None (kept as
    written)."""
    if not is_latin(word):
        return informal.written(word) if informal and _PERSIAN_LETTER.match(word) else None
    persian = to_persian(word)
    if persian is None:
        return None
    tables = finglish.tables()
    # A name («Mellat», «Tamin») may be a word no list has; a word Finglish pins is that word,
    # unless it is short enough to be English too («man», «pain»).
    known = persian in tables.vocabulary or word[0].isupper()
    close = finglish.closeness(word.lower(), persian) >= _ENGLISH_CLOSE
    pinned = len(word) >= _ENGLISH_PINNED and word.lower() in tables.table
    if is_place_word(fold(persian)) or pinned or (known and close):
        return informal.written(persian) if informal else persian
    return None


def words(text: str, informal: Informal | None = None, *, azerbaijani: bool = True) -> list[Word]:
    """Understand a member's text word by word: Persian script, written forms, own spelling
    (`azerbaijani=False`: Azerbaijani words as written)."""
    tokens = [piece for token in normalize(text).split() for piece in _hyphen_pieces(token)]
    bares = [t.strip(_PUNCTUATION) for t in tokens]
    # Without the punctuation on them, so «the,» counts as English as «the» does.
    latin = [b for b in bares if finglish.LATIN_WORD.fullmatch(finglish.chat_letters(b))]
    if latin and english.is_english(latin, len(tokens)):
        read = english.english().read([b for b in bares if b], partial(_in_english, informal))
        return [Word(own, text) for own, text in read]
    reader = informal.azerbaijani if informal and azerbaijani else None
    # Azerbaijani in Latin letters is read as Tabriz writes it in Persian script.
    in_latin = reader is not None and azerbaijani_in_latin(bares, reader)
    if reader is not None and not in_latin and not reader.marks(bares):
        reader = None
    result: list[Word] = []
    for token in tokens:
        bare = token.strip(_PUNCTUATION)
        if not bare:
            continue
        if bare.startswith("-") and result:
            last = result.pop()
            result.append(Word(f"{last.own}{bare}", last.text))
            continue
        if in_latin and reader is not None and LATIN_AZERBAIJANI.fullmatch(bare):
            word = azerbaijani_word(bare, reader, informal)
            if word is not None:
                result.append(word)
            continue
        if latin and is_latin(bare):
            ending = _LATIN_DETACHED.get(bare.lower())
            if ending and result and _PERSIAN_LETTER.match(result[-1].text):
                # «dastgah ha»: the plural typed apart, as «دستگاه ها» is in Persian script.
                last = result.pop()
                result.append(Word(f"{last.own} {bare}", f"{last.text}{ZWNJ}{ending}"))
                continue
            if bare.lower() == "e" and result and _PERSIAN_LETTER.match(result[-1].text):
                # «ensheab e gaz»: the ezafe typed apart, unwritten in Persian («انشعاب گاز»).
                last = result.pop()
                result.append(Word(f"{last.own} {bare}", last.text))
                continue
            persian = to_persian(bare)
            if persian is not None:
                understood = informal.written(persian) if informal else persian
                result.append(Word(bare, understood))
                continue
            result.append(Word(bare, bare))
            continue
        if result and bare in _DETACHED and _PERSIAN_LETTER.match(result[-1].text):
            last = result.pop()
            result.append(Word(f"{last.own} {bare}", f"{last.text}{ZWNJ}{bare}"))
            continue
        meant = reader.meaning(bare) if reader else None
        if meant and not is_place_word(fold(bare)):
            result.append(Word(bare, meant, also=bare))
            continue
        result.append(Word(bare, informal.written(bare) if informal else bare))
    return result
