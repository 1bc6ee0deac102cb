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
- maps spoken forms to written ones with hazm 0.10's InformalNormalizer lexicon («میشه» →
  «می‌شود», «نیس» → «نیست»).

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
import threading
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.azerbaijani import Azerbaijani
from bot.lazy import Shared
from bot.settings import PROJECT_ROOT
from bot.text import MATCH_FOLD, ZWNJ, normalize

if TYPE_CHECKING:
    from hazm import Lemmatizer

log = logging.getLogger(__name__)

__all__ = [
    "Word",
    "is_place_word",
    "protect_place_names",
    "to_persian",
    "words",
]

FINGLISH_PATH = PROJECT_ROOT / "data" / "finglish.toml"
LEXICON_PATH = PROJECT_ROOT / "data" / "categories.toml"
SYNONYMS_PATH = PROJECT_ROOT / "data" / "synonyms.toml"
# The problem types of each category, a file per category (bot/services/problems.py).
PROBLEMS_DIR = PROJECT_ROOT / "data" / "problems"
# Azerbaijani words in Persian script and the Persian word each means.
AZERBAIJANI_PATH = PROJECT_ROOT / "data" / "azerbaijani.toml"


@dataclass(frozen=True)
class Word:
    """One word as the member typed it, and what it was understood as (Persian script)."""

    own: str
    text: str
    # An Azerbaijani word read as Persian keeps its own reading too, for lists that name it.
    also: str = ""


# --- place names ------------------------------------------------------------------------------

# Words of place names that are ordinary vocabulary: protecting them would only stop «شهرک‌ها»
# from meeting «شهرک».
_GENERIC_PLACE_WORDS = frozenset("شهرک شهرکها صنعتی ناحیه منطقه ویژه اقتصادی و صنایع".split())  # noqa: SIM905


def _fold(word: str) -> str:
    return word.translate(MATCH_FOLD).replace(ZWNJ, "").lower()


def _place_words(names: tuple[str, ...]) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """The place names' words, and their Latin spellings' skeletons (normalising needs hazm)."""
    protected = set()
    for name in names:
        for word in re.split(r"[\s\u200c]+", normalize(name)):
            folded = _fold(word)
            if len(folded) >= 2 and folded not in _GENERIC_PLACE_WORDS:
                protected.add(folded)
    # Their Latin spellings too («razi»), or the Finglish reading makes another word of them.
    skeletons: dict[str, list[str]] = {}
    for word in sorted(protected):
        skeletons.setdefault(persian_skeleton(word), []).append(word)
    return frozenset(protected), {k: tuple(v) for k, v in skeletons.items()}


_places = Shared(lambda: _place_words(()))


def protect_place_names(names: Iterable[str]) -> None:
    """Remember the words of cluster and estate names, so none is stemmed into another word.

    «رازی» (an estate) must stay «رازی» in themes and similarity, not become «راز» (secret).
    Called at start-up and whenever staff replace the list of places. The names are kept now;
    their words are worked out when first asked for, by the categoriser or the similarity
    tables, which load hazm anyway: start-up used to wait half a second for hazm here.
    """
    global _places
    kept = tuple(names)
    _places = Shared(lambda: _place_words(kept))
    to_persian.cache_clear()


def _place_in_latin(lower: str) -> str | None:
    """The place name a Latin word spells («razi» → «رازی»), or None."""
    if len(lower) <= _LATIN_SHORT:
        return None  # too many short words share a place name's letters
    for place in _places()[1].get(latin_skeleton(lower), ()):
        # The consonants alone are too loose («arz» and «razi» share them).
        if _closeness(lower, place) >= 0.8:
            return place
    return None


def is_place_word(folded: str) -> bool:
    """Whether a folded word is (a word of) a cluster or estate name."""
    return folded in _places()[0]


# --- Finglish ---------------------------------------------------------------------------------

_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
# Digraphs first. Short vowels are not written in Persian, and «و»/«ی» are written for both
# vowels and consonants, so the skeleton keeps consonants only (plus a leading v/y).
_LATIN_DIGRAPHS = (
    ("kh", "x"), ("gh", "q"), ("sh", "S"), ("ch", "C"), ("zh", "Z"), ("ph", "f"), ("ck", "k"),
)  # fmt: skip
_LATIN_LETTERS = {"c": "k", "w": "v", "q": "q", "x": "x"}
_PERSIAN_LETTERS = {
    "ب": "b", "پ": "p", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ج": "j", "چ": "C",
    "ح": "h", "ه": "h", "خ": "x", "د": "d", "ذ": "z", "ز": "z", "ض": "z", "ظ": "z", "ر": "r",
    "ژ": "Z", "ش": "S", "غ": "q", "ق": "q", "ف": "f", "ک": "k", "گ": "g", "ل": "l", "م": "m",
    "ن": "n",
}  # fmt: skip
# Endings members type on Latin words, longest first, with their Persian spelling.
_LATIN_SUFFIXES = (
    ("hamun", "هامون"), ("hamoon", "هامون"), ("amun", "امون"), ("amoon", "امون"),
    ("emun", "مون"), ("emoon", "مون"), ("mun", "مون"), ("moon", "مون"), ("haye", "های"),
    ("hay", "های"), ("ha", "ها"), ("ye", ""), ("ro", ""), ("esh", "ش"), ("ash", "ش"),
    ("e", ""), ("a", "ها"), ("i", "ی"), ("o", ""),
)  # fmt: skip


def latin_skeleton(word: str) -> str:
    """The consonants of a Latin-letter word, in classes Persian spelling can be compared on."""
    word = word.lower().replace("'", "").replace("-", "")
    for digraph, letter in _LATIN_DIGRAPHS:
        word = word.replace(digraph, letter)
    head = word[:1] if word[:1] in ("v", "y", "w") else ""
    body = "".join(_LATIN_LETTERS.get(ch, ch) for ch in word if ch not in "aeiouvwy")
    # Doubled letters are one letter in Persian script («sherkat», «sherrkat»).
    body = re.sub(r"(.)\1+", r"\1", body)
    # «h» after a vowel at the end is the silent «ه» («khoobe», «kuche» are written without it).
    return ("v" if head in ("v", "w") else head) + body


def persian_skeleton(word: str) -> str:
    """The consonants of a Persian word in the classes of `latin_skeleton`."""
    word = word.translate(MATCH_FOLD).replace(ZWNJ, "").replace(" ", "")
    head = {"و": "v", "ی": "y"}.get(word[:1], "")
    if word.endswith("ه") and len(word) > 2:
        word = word[:-1]  # the silent final «ه»: «اولیه» is «avalie»
    body = "".join(_PERSIAN_LETTERS.get(ch, "") for ch in word)
    return head + re.sub(r"(.)\1+", r"\1", body)


def _romanised(word: str) -> str:
    """A rough Latin reading of a Persian word, to break ties between equal skeletons."""
    table = {**_PERSIAN_LETTERS, "ا": "a", "آ": "a", "و": "u", "ی": "i", "ع": "", "ه": "e"}
    return "".join(table.get(ch, "") for ch in word).lower()


@dataclass(frozen=True)
class _Finglish:
    """Spoken words by Latin spelling, and the lexicon's words by consonant skeleton."""

    table: dict[str, str]
    by_skeleton: dict[str, tuple[str, ...]]
    english: frozenset[str]
    # The Persian-script words the lists use, as written.
    vocabulary: frozenset[str]

    @classmethod
    def load(cls, table_path: Path, lexicon_path: Path) -> _Finglish:
        table = {
            key.lower(): value
            for key, value in tomllib.loads(table_path.read_text(encoding="utf-8")).items()
            if isinstance(value, str)
        }
        lexicon = tomllib.loads(lexicon_path.read_text(encoding="utf-8"))
        # The synonyms of "me too" matching are members' everyday words too («zaif» → «ضعیف»).
        if SYNONYMS_PATH.exists():
            synonyms = tomllib.loads(SYNONYMS_PATH.read_text(encoding="utf-8"))
            # Not the Azerbaijani verb stems («تاپ-»): no word of their own.
            lexicon["synonyms"] = {
                w: 1 for h, ws in synonyms.items() for w in (h, *ws) if not w.endswith("-")
            }
        # So are the words of the problem types («mahdood» → «محدود»).
        for path in sorted(PROBLEMS_DIR.glob("*.toml")):
            for problem, entries in tomllib.loads(path.read_text(encoding="utf-8")).items():
                if problem == "_groups":  # word groups: name = ["word", …]
                    entries = {w: 1 for words in entries.values() for w in words}
                # Not a group's name ("@steel").
                lexicon[f"{path.stem}.{problem}"] = {
                    w: 1 for w in entries if not w.startswith("@")
                }
        vocabulary: set[str] = set(table.values())
        english: set[str] = set()
        # Each written entry once: the problem types repeat their words from type to type.
        for entry in {entry for entries in lexicon.values() for entry in entries}:
            for piece in normalize(entry).replace(ZWNJ, " ").split():
                if _LATIN_WORD.fullmatch(piece):
                    english.add(piece.lower())  # ERP, CNC: already what the lexicon wants
                elif len(piece) >= 2:
                    vocabulary.add(piece)
        by_skeleton: dict[str, list[str]] = {}
        for persian in sorted(vocabulary):
            for word in persian.split():
                skeleton = persian_skeleton(word)
                if len(skeleton) >= 2:
                    by_skeleton.setdefault(skeleton, []).append(word)
        return cls(
            table,
            {k: tuple(v) for k, v in by_skeleton.items()},
            frozenset(english),
            frozenset(vocabulary),
        )

    def convert(self, word: str) -> str | None:
        """The Persian spelling of one Latin-letter word, or None if it is not Finglish."""
        lower = word.lower()
        if lower in self.english:
            return None
        if lower in self.table:
            return self.table[lower]
        found = self._by_skeleton(lower)
        if found in self.vocabulary:
            return found
        # A listed word with an ending beats a common word that merely sounds like the whole
        # («shahrakha» is «شهرک‌ها», not the name «شاهرخ»); then the common word; then any.
        # Not for a one-letter ending or a short stem: «hala» is not «حل‌ها», «mano» not «امانی».
        endings = [
            (base, persian, len(suffix) > 1 and len(stem) > _LATIN_SHORT)
            for suffix, persian in _LATIN_SUFFIXES
            if lower.endswith(suffix) and len(stem := lower[: -len(suffix)]) >= 3
            if (base := self.table.get(stem) or self._by_skeleton(stem))
        ]
        listed = [(b, p) for b, p, plain in endings if plain and b in self.vocabulary]
        choices = [*listed, *([(found, "")] if found else []), *((b, p) for b, p, _ in endings)]
        if not choices:
            return None
        base, persian = choices[0]
        return base + (ZWNJ + persian if persian.startswith("ه") else persian)

    def _by_skeleton(self, lower: str) -> str | None:
        """The word with the same consonants that reads closest: the lists' words and, once
        the word analysis has loaded them, hazm's common words («fasele» is «فاصله», not the
        lists' «فصلی»); on a tie, a word of the lists, then the commoner."""
        skeleton = latin_skeleton(lower)
        # Two-consonant skeletons of longer words are too loose («kar» is not «کره»).
        if len(skeleton) < 2 or (len(skeleton) == 2 and len(lower) > 5):
            return None
        candidates = [(word, 1, 0) for word in self.by_skeleton.get(skeleton, ())]
        # Not for spoken verbs («mikhan», «nemire»: hazm's written words would misread them)
        # nor for words of three letters or fewer (too many words share their consonants).
        if len(lower) > _LATIN_SHORT and not lower.startswith(("mi", "nemi")):
            candidates += [(word, 0, count) for word, count in _common.get(skeleton, ())]
        if not candidates:
            return None
        from difflib import SequenceMatcher

        def closeness(candidate: tuple[str, int, int]) -> tuple[float, int, int]:
            word, listed, count = candidate
            return round(SequenceMatcher(None, lower, _romanised(word)).ratio(), 1), listed, count

        return max(candidates, key=closeness)[0]


_finglish: _Finglish | None = None
_finglish_lock = threading.Lock()
# hazm's common words by consonant skeleton, once the word analysis has loaded them.
_common: dict[str, list[tuple[str, int]]] = {}


def _load_finglish() -> _Finglish:
    global _finglish
    if _finglish is None:
        with _finglish_lock:
            if _finglish is None:
                _finglish = _Finglish.load(FINGLISH_PATH, LEXICON_PATH)
    return _finglish


@functools.lru_cache(maxsize=65536)
def to_persian(word: str) -> str | None:
    """The Persian spelling of a Finglish word («bargh» → «برق»), or None if not Finglish."""
    finglish = _load_finglish()
    # A word data/finglish.toml pins is that word, even if a place sounds like it («dar» is
    # «در», not the cluster «دارو»); so is a word that reads closer than the place («lazem» is
    # «لازم», not «لوازم» of «لوازم خانگی»).
    pinned = finglish.table.get(word.lower())
    if pinned:
        return pinned
    lower = _chat_letters(word.lower())
    if lower in finglish.table:
        return finglish.table[lower]
    place, other = _place_in_latin(lower), finglish.convert(lower)
    if place and other and _closeness(lower, other) > _closeness(lower, place):
        return other
    return place or other


def _closeness(lower: str, persian: str) -> float:
    """How closely a Latin word reads as a Persian one (0..1)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, lower, _romanised(persian)).ratio()


# hazm's corpus counts: a word seen this often is common enough to be what a Finglish word
# spells (about 16,000 words).
_COMMON = 20_000
# Latin words this short are left alone unless a list knows them.
_LATIN_SHORT = 3


# --- spoken forms (hazm's informal lexicon) ---------------------------------------------------


class _Folded:
    """The folded forms of hazm's words, without a folded copy of the 190,000 words that
    fold to themselves: those are looked up in hazm's own list (tens of MiB less)."""

    def __init__(self, words: Mapping[str, object]) -> None:
        self._words = words
        self._others = frozenset(f for w in words if (f := _fold(w)) != w)

    def __contains__(self, folded: str) -> bool:
        return folded in self._others or (folded in self._words and _fold(folded) == folded)


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
                spoken = conjugate(informal)
                written = lemmatizer.conjugation.get_all(formal)
                # hazm pairs the lists by position and lets the longer one run over.
                said_from, meant_from = (0, 48) if flag == "1" else (8, 56)
                pairs = zip(spoken[said_from:], written[meant_from:], strict=False)
                for said, meant in pairs:
                    verbs[_fold(said)] = meant
                    if said.endswith("ین"):
                        verbs[_fold(said[:-1] + "د")] = meant
        with Path(informal_words).open(encoding="utf-8") as lines:
            entries = dict(line.strip().split(" ", 1) for line in lines if " " in line.strip())
        self.words = {_fold(k): v for k, v in entries.items()}
        self.verbs = verbs
        self.known = _Folded(lemmatizer.words)
        self.written = functools.lru_cache(maxsize=65536)(self._written)
        common = frozenset(
            _fold(w) for w, info in lemmatizer.words.items() if _count(info) >= _COMMON
        )
        # The lists' own words are not cut either («اوراسیا» is not «اورا» plus endings).
        listed = _load_finglish().vocabulary
        try:
            self.azerbaijani = Azerbaijani.load(AZERBAIJANI_PATH, common, listed)
        except (OSError, ValueError):
            # Members' Azerbaijani is then read as written, rather than every report failing.
            log.exception("data/azerbaijani.toml cannot be read; fix it and restart")
            self.azerbaijani = Azerbaijani({}, common)
        # hazm's common words help read Finglish no list knows («fasele» → «فاصله»).
        use_common_words(lemmatizer.words)

    def _written(self, word: str) -> str:
        """The written form of one normalised word (itself if it is not spoken Persian)."""
        folded = _fold(word)
        if folded in self.known and folded not in self.words:
            return word
        return self.words.get(folded) or self.verbs.get(folded) or word


def use_common_words(words: Mapping[str, object]) -> None:
    """Read Finglish with hazm's common words too (its word list, with corpus counts)."""
    global _common
    if not _common:
        _common = _common_words_by_skeleton(words)
        to_persian.cache_clear()


def _count(info: object) -> int:
    """How often hazm's corpus has a word, from its word list's entry."""
    count = info[0] if isinstance(info, tuple) and info else 0
    return count if isinstance(count, int) else 0


def _common_words_by_skeleton(
    words: Mapping[str, object],
) -> dict[str, list[tuple[str, int]]]:
    """hazm's common words (and how common) by consonant skeleton."""
    found: dict[str, list[tuple[str, int]]] = {}
    for word, info in words.items():
        count = _count(info)
        if count >= _COMMON and " " not in word:
            skeleton = persian_skeleton(word)
            if len(skeleton) >= 2:
                found.setdefault(skeleton, []).append((word, count))
    return found


# --- the one step -----------------------------------------------------------------------------

# Plural and possessive endings typed as a word of their own («دستگاه هامون»).
_DETACHED = frozenset(
    "ها های هایی هامون هاتون هاشون هایمان هایتان هایشان هامان هاتان هاشان".split()  # noqa: SIM905
)
_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
_PUNCTUATION = ".,!?;:()\"'«»،؛؟…"
_LATIN_DETACHED = {"ha": "ها", "haye": "های", "hamun": "هامون", "hamoon": "هامون"}
# Digits typed for letters Latin has not («mo3afiat», «ta2yid», «7aghe»): «ع» and «ء» are not in
# a word's consonant skeleton, «ح» is an «h». A word needs three letters besides («2ta» is
# «دوتا», «3D» a 3-D printer).
_CHAT_WORD = re.compile(r"[A-Za-z]*[237][A-Za-z237]*")
_CHAT_LETTERS = str.maketrans({"2": "", "3": "", "7": "h"})


def _chat_letters(word: str) -> str:
    """A Latin word with digits for letters, in letters («mo3afiat» → «moafiat»)."""
    if _CHAT_WORD.fullmatch(word) and sum(ch.isalpha() for ch in word) >= 3:
        return word.translate(_CHAT_LETTERS)
    return word


# Endings typed after a hyphen on a Latin word («jadde-ye shahrak», «chaale-ast», «check-e
# moshtari»): the ezafe, «است», «را», unwritten or left out in Persian. Typed apart, «ye» is «یه».
_HYPHEN_ENDINGS = frozenset({"e", "ye", "ie", "i", "ast", "ro", "ra", "o"})


def _hyphen_pieces(token: str) -> list[str]:
    """A hyphenated Latin token as its words, each ending after a hyphen kept as «-ending»."""
    bare = token.strip(_PUNCTUATION)
    if "-" not in bare or not _LATIN_WORD.fullmatch(bare):
        return [token]
    first, *rest = bare.split("-")
    return [first, *(f"-{p}" if p.lower() in _HYPHEN_ENDINGS else p for p in rest)]


def words(text: str, informal: Informal | None = None, *, azerbaijani: bool = True) -> list[Word]:
    """Understand a member's text word by word: Persian script, written forms, own spelling
    (`azerbaijani=False`: Azerbaijani words as written)."""
    tokens = [piece for token in normalize(text).split() for piece in _hyphen_pieces(token)]
    latin = [t for t in tokens if _LATIN_WORD.fullmatch(_chat_letters(t.strip(_PUNCTUATION)))]
    bares = [t.strip(_PUNCTUATION) for t in tokens]
    reader = informal.azerbaijani if informal and azerbaijani else None
    if reader is not None and not reader.marks(bares):
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
        if latin and _LATIN_WORD.fullmatch(_chat_letters(bare)):
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
        if meant and not is_place_word(_fold(bare)):
            result.append(Word(bare, meant, also=bare))
            continue
        result.append(Word(bare, informal.written(bare) if informal else bare))
    return result
