"""Finglish (Persian typed in Latin letters) read as Persian script, word by word.

A word is looked up in data/finglish.toml (everyday words pinned by staff), else matched by its
consonants («bargh» → b-r-q) against the words the category lexicon, the synonyms and the
problem types use, then against hazm's commonest words once the word analysis has loaded them
(`use_common_words`); on equal consonants the closest reading wins. bot/understand.py adds the
place names and the member's whole message around it (`to_persian`, `words`).
"""

from __future__ import annotations

import functools
import re
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot import english as english_words
from bot.settings import PROJECT_ROOT
from bot.text import MATCH_FOLD, ZWNJ, normalize

FINGLISH_PATH = PROJECT_ROOT / "data" / "finglish.toml"
LEXICON_PATH = PROJECT_ROOT / "data" / "categories.toml"
SYNONYMS_PATH = PROJECT_ROOT / "data" / "synonyms.toml"
# The problem types of each category, a file per category (bot/services/problems.py).
PROBLEMS_DIR = PROJECT_ROOT / "data" / "problems"


LATIN_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
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
    ("hamun", "هامون"), ("hamoon", "هامون"), ("hashun", "هاشون"), ("hashoon", "هاشون"),
    ("hatun", "هاتون"), ("hatoon", "هاتون"), ("amun", "امون"), ("amoon", "امون"),
    ("ashun", "اشون"), ("ashoon", "اشون"), ("atun", "اتون"), ("atoon", "اتون"),
    ("eshun", "شون"), ("eshoon", "شون"), ("etun", "تون"), ("etoon", "تون"),
    ("emun", "مون"), ("emoon", "مون"), ("mun", "مون"), ("moon", "مون"), ("haye", "های"),
    ("hay", "های"), ("ha", "ها"), ("ye", ""), ("ro", ""), ("esh", "ش"), ("ash", "ش"),
    ("e", ""), ("a", "ها"), ("i", "ی"), ("o", ""),
)  # fmt: skip


# Letters of vowels Azerbaijani writes and Persian hardly ever does.
_AZERBAIJANI_VOWELS = frozenset("ؤئ")


def _silent_e(stem: str, suffix: str) -> tuple[str, ...]:
    """The stem a word's silent «e» is said «a» in before a suffix, if it may be one."""
    return (stem[:-1] + "e",) if stem.endswith("a") and len(suffix) > 1 else ()


def single_letters(word: str) -> str:
    """A lower-case Latin word with its letter pairs («sh», «kh») as the one letter each is,
    in lower case as `romanised` writes it («shahrak» → «sahrak»)."""
    for digraph, letter in _LATIN_DIGRAPHS:
        word = word.replace(digraph, letter)
    return word.lower()


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


_READING = {**_PERSIAN_LETTERS, "ا": "a", "آ": "a", "و": "u", "ی": "i", "ع": "", "ه": "e"}


@functools.lru_cache(maxsize=65536)
def romanised(word: str) -> str:
    """A rough Latin reading of a Persian word, to break ties between equal skeletons."""
    return "".join(_READING.get(ch, "") for ch in word).lower()


@dataclass(frozen=True)
class Tables:
    """Spoken words by Latin spelling, and the lexicon's words by consonant skeleton."""

    table: dict[str, str]
    by_skeleton: dict[str, tuple[str, ...]]
    english: frozenset[str]
    # The Persian-script words the lists use, as written.
    vocabulary: frozenset[str]
    # The words of the categories' own entries (data/categories.toml): what a problem is about.
    topical: frozenset[str] = frozenset()

    @classmethod
    def load(cls, table_path: Path, lexicon_path: Path) -> Tables:
        table = {
            key.lower(): value
            for key, value in tomllib.loads(table_path.read_text(encoding="utf-8")).items()
            if isinstance(value, str)
        }
        # English words are read so in any message («loan» is no «آلان»): bot/english.py.
        for key, value in english_words.english().words.items():
            table.setdefault(key, value)
        lexicon = tomllib.loads(lexicon_path.read_text(encoding="utf-8"))
        topical = {
            piece
            for entries in lexicon.values()
            for entry in entries
            for piece in normalize(entry).replace(ZWNJ, " ").split()
            if len(piece) >= 2 and not LATIN_WORD.fullmatch(piece)
        }
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
                if LATIN_WORD.fullmatch(piece):
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
            frozenset(topical),
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
        # A final silent «e» is said «a» before an ending («ezharname» + «mun» is
        # «ezharnamamun»).
        endings = [
            (base, persian, len(suffix) > 1 and len(stem) > LATIN_SHORT)
            for suffix, persian in _LATIN_SUFFIXES
            if lower.endswith(suffix) and len(cut := lower[: -len(suffix)]) >= 3
            for stem in (cut, *_silent_e(cut, suffix))
            if (base := self.table.get(stem) or self._by_skeleton(stem))
        ]
        listed = [(b, p) for b, p, plain in endings if plain and b in self.vocabulary]
        choices = [*listed, *([(found, "")] if found else []), *((b, p) for b, p, _ in endings)]
        if not choices:
            return None
        base, persian = choices[0]
        # «شهرک‌ها», «اظهارنامه‌مون»: a half-space after a final «ه» or before «ها».
        joined = persian and (persian.startswith("ه") or base.endswith("ه"))
        return base + (ZWNJ + persian if joined else persian)

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
        if len(lower) > LATIN_SHORT and not lower.startswith(("mi", "nemi")):
            candidates += [(word, 0, count) for word, count in _common.get(skeleton, ())]
        if not candidates:
            return None
        from difflib import SequenceMatcher

        # The first of the closest, as max() would choose, without reading a candidate whose
        # spelling could not beat the best so far even at its most alike (difflib's
        # real_quick_ratio and quick_ratio never fall below ratio).
        matcher = SequenceMatcher(None, lower)
        best: tuple[bool, float, int, int] | None = None
        chosen = ""
        for word, listed, count in candidates:
            # A Persian word before an Azerbaijani one of the same consonants the lists hold
            # («gomroke» is «گمرک», not «گؤمروک»).
            persian = not _AZERBAIJANI_VOWELS.intersection(word)
            matcher.set_seq2(romanised(word))
            for bound in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio):
                key = (persian, round(bound(), 1), listed, count)
                if best is not None and key <= best:
                    break
            else:
                best, chosen = key, word
        return chosen


_finglish: Tables | None = None
_finglish_lock = threading.Lock()
# hazm's common words by consonant skeleton, once the word analysis has loaded them.
_common: dict[str, list[tuple[str, int]]] = {}


def tables() -> Tables:
    """The tables, read on first use (by any thread: the lock makes it once)."""
    global _finglish
    if _finglish is None:
        with _finglish_lock:
            if _finglish is None:
                _finglish = Tables.load(FINGLISH_PATH, LEXICON_PATH)
    return _finglish


def latin_closeness(one: str, other: str) -> float:
    """How alike two Latin words are spelled (0..1)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, one, other).ratio()


def closeness(lower: str, persian: str) -> float:
    """How closely a Latin word reads as a Persian one (0..1)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, lower, romanised(persian)).ratio()


# hazm's corpus counts: a word seen this often is common enough to be what a Finglish word
# spells (about 16,000 words).
COMMON = 20_000
# Latin words this short are left alone unless a list knows them.
LATIN_SHORT = 3


def use_common_words(words: Mapping[str, object]) -> None:
    """Read Finglish with hazm's common words too (its word list, with corpus counts)."""
    global _common
    if not _common:
        _common = _common_words_by_skeleton(words)


def corpus_count(info: object) -> int:
    """How often hazm's corpus has a word, from its word list's entry."""
    count = info[0] if isinstance(info, tuple) and info else 0
    return count if isinstance(count, int) else 0


def _common_words_by_skeleton(
    words: Mapping[str, object],
) -> dict[str, list[tuple[str, int]]]:
    """hazm's common words (and how common) by consonant skeleton."""
    found: dict[str, list[tuple[str, int]]] = {}
    for word, info in words.items():
        count = corpus_count(info)
        if count >= COMMON and " " not in word:
            skeleton = persian_skeleton(word)
            if len(skeleton) >= 2:
                found.setdefault(skeleton, []).append((word, count))
    return found


# Digits typed for letters Latin has not («mo3afiat», «ta2yid», «7aghe»): «ع» and «ء» are not in
# a word's consonant skeleton, «ح» is an «h». A word needs three letters besides («2ta» is
# «دوتا», «3D» a 3-D printer).
_CHAT_WORD = re.compile(r"[A-Za-z]*[237][A-Za-z237]*")
_CHAT_LETTERS = str.maketrans({"2": "", "3": "", "7": "h"})


def chat_letters(word: str) -> str:
    """A Latin word with digits for letters, in letters («mo3afiat» → «moafiat»)."""
    if _CHAT_WORD.fullmatch(word) and sum(ch.isalpha() for ch in word) >= 3:
        return word.translate(_CHAT_LETTERS)
    return word


# Endings typed after a hyphen on a Latin word («jadde-ye shahrak», «chaale-ast», «check-e
