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
from collections.abc import Container, Iterable, Mapping
from pathlib import Path

from bot.settings import read_toml
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
# letter, «-یم/-وم/-وموز» (my, our), «-سو», and «-نان/-نن» (with: «پولنان», «maashnan»).
_TABLE_ENDINGS = tuple(
    sorted(
        {
            *SUFFIXES, "ون", "نون", "نو", "یا", "یه", "یم", "وم", "وموز", "سو", "تا", "ته", "تان",
            "تن", "نان", "نن",
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


# The rounded vowels as most phones type them.
_PLAIN_O = str.maketrans({"ؤ": "و", "ۆ": "و"})
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


# --- Azerbaijani in Latin letters -------------------------------------------------------------
#
# Members with a Latin keyboard write Azerbaijani in the Republic's alphabet («işıq kəsilib») or
# improvise in plain letters («ishig gedib», «ishchi tapilmir»). Such a word is written here as
# Tabriz writes it in Persian script («ایشیق کسیلیب»), and the table, the endings and the
# lexicons' Azerbaijani entries then read it as they read Persian script.

# Letters only the Republic's alphabet has (a word with one is Azerbaijani, or Turkish).
AZERBAIJANI_LETTERS = frozenset("əƏıİşŞçÇğĞöÖüÜ")
LATIN_AZERBAIJANI = re.compile(r"[A-Za-zəƏıİşŞçÇğĞöÖüÜ]+(?:['-][A-Za-zəƏıİşŞçÇğĞöÖüÜ]+)*")
# Plain-letter spellings of the Republic's letters, longest first.
_PLAIN = (
    ("sh", "ş"), ("ch", "ç"), ("kh", "x"), ("gh", "ğ"), ("zh", "j"), ("oo", "u"), ("ee", "i"),
)  # fmt: skip
_CONSONANTS = {
    "b": "ب", "c": "ج", "ç": "چ", "d": "د", "f": "ف", "g": "گ", "ğ": "غ", "h": "ه", "x": "خ",
    "j": "ج", "k": "ک", "q": "ق", "l": "ل", "m": "م", "n": "ن", "p": "پ", "r": "ر", "s": "س",
    "ş": "ش", "t": "ت", "v": "و", "w": "و", "y": "ی", "z": "ز",
}  # fmt: skip
# Vowels at the start of a word, inside it and at its end, as Tabriz writes them: «ə» is
# unwritten inside a word and «ه» at its end; «e» is «ئ» («گئدیر»); ö «ؤ» («گؤمروک»).
_VOWELS = {
    "a": ("آ", "ا", "ا"), "ə": ("ا", "", "ه"), "e": ("ائ", "ئ", "ه"), "i": ("ای", "ی", "ی"),
    "ı": ("ای", "ی", "ی"), "o": ("او", "و", "و"), "ö": ("اؤ", "ؤ", "و"), "u": ("او", "و", "و"),
    "ü": ("او", "و", "و"),
}  # fmt: skip


def to_script(word: str) -> str:
    """An Azerbaijani word in Latin letters as Tabriz writes it in Persian script («işıq» and
    «ishiq» → «ایشیق», «gedir» → «گئدیر», «mallarımız» → «ماللاریمیز»)."""
    return _written(_letters(word))


def to_scripts(word: str) -> list[str]:
    """The ways a word in Latin letters may be written in Persian script, likeliest first.
    Plain letters leave three things open: «e» is also «ə» («defe» is «dəfə», unwritten inside
    a word), «g» also «q» or «ğ» («ishig» is «işıq», «baglanib» «bağlanıb»), and «c» also «ç»
    (a phone's plain «c» for the Republic's «ç»: «cek» is «çek», a cheque). And a word's
    last «ə» keeps its «ه» before an ending («idarəsi» is «اداره‌سی», «idarə» with «-si»)."""
    letters = _letters(word)
    variants = [letters]
    if not AZERBAIJANI_LETTERS.intersection(word):
        variants += sorted(
            {
                vowels.replace("g", g).replace("c", c)
                for vowels in (letters, letters.replace("e", "ə"))
                for g in ("g", "q", "ğ")
                for c in ("c", "ç")
            }
            - {letters}
        )
    spellings: list[str] = []
    for variant in variants:
        for spelling in (_written(variant), _written(variant, schwa="ه")):
            if spelling not in spellings:
                spellings.append(spelling)
    return spellings


# Endings of Azerbaijani words in plain letters, longest first: plural, possessive, case.
_LATIN_ENDINGS = tuple(
    sorted(
        {
            "lar", "ler", "imiz", "umuz", "miz", "muz", "dan", "den", "tan", "ten", "da", "de",
            "ta", "te", "nin", "nun", "in", "un", "ya", "ye", "si", "su", "i", "u", "a", "e",
            # with («maashnan», «pulnan», «emailnen»)
            "nan", "nen",
        },
        key=lambda ending: (-len(ending), ending),
    )
)  # fmt: skip
# «c» is «ج» in Azerbaijani («Culfa», «cərimə»); Finglish would read it «ک».
_TO_PLAIN = str.maketrans({"ə": "e", "ı": "i", "ö": "o", "ü": "u", "c": "j"})
_TO_PLAIN_PAIRS = (("ş", "sh"), ("ç", "ch"), ("ğ", "gh"))


def plain(word: str) -> str:
    """A word in plain Latin letters, as most Tabriz phones type it («bizə» → «bize»)."""
    found = _letters(word).translate(_TO_PLAIN)
    for letter, pair in _TO_PLAIN_PAIRS:
        found = found.replace(letter, pair)
    return found


def plain_stems(word: str) -> list[str]:
    """A word in plain Latin letters and without up to two Azerbaijani endings, longest
    first («hesablarımız» → «hesablarimiz», «hesablar», «hesab»; «Culfada» → «julfada»,
    «julfa»), for a Persian word a member wrote with Azerbaijani endings to be read as
    Finglish."""
    found = [plain(word)]
    for _ in range(2):
        current = found[-1]
        ending = next((e for e in _LATIN_ENDINGS if current.endswith(e)), None)
        if ending is None or len(current) - len(ending) < 3:
            break
        found.append(current[: -len(ending)])
    return found


def _letters(word: str) -> str:
    """A word in the Republic's letters (plain-letter pairs such as «sh» read as «ş», unless
    the word has one of those letters: its writer types «x», so «şəhrəkha» is «şəhrək» «ha»).
    A capital «I» is the Republic's «ı» but no sign of its alphabet: «Ishig» is «işiq»."""
    typed_so = not AZERBAIJANI_LETTERS.isdisjoint(word.replace("I", ""))
    lower = word.replace("I", "ı").replace("İ", "i").lower().replace("\u0307", "")
    lower = lower.replace("'", "").replace("-", "")
    if not typed_so:
        for plain, letter in _PLAIN:
            lower = lower.replace(plain, letter)
    return lower


_Y_AFTER_I = re.compile("(?<=[iı])y(?=[^aeiouəıöü])")


def _written(lower: str, schwa: str = "") -> str:
    """A word in the Republic's letters in Persian script, an «ə» inside it as `schwa`."""
    lower = _Y_AFTER_I.sub("", lower)  # «qiymət» is «قیمت» («yarıya» keeps its «y»)
    out = []
    last = len(lower) - 1
    for i, ch in enumerate(lower):
        vowel = _VOWELS.get(ch)
        if ch == "ə" and 0 < i < last:
            out.append(schwa)
        elif vowel is not None:
            out.append(vowel[0] if i == 0 else vowel[2] if i == last else vowel[1])
        else:
            out.append(_CONSONANTS.get(ch, ""))
    return "".join(out)


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
        said_in_latin: frozenset[str] = frozenset(),
    ) -> None:
        written = {normalize(said): normalize(meant) for said, meant in meanings.items()}
        # Words of grammar typed in Latin letters, in plain letters («biz», «eyni», «verdi»):
        # read as nothing, not as the Persian word they sound like («باز», «عینی», «ورودی»).
        self.said_in_latin = said_in_latin
        # A word of the table typed without its «ؤ»/«ۆ» (most phones, and every plain Latin
        # «o»: «gomruk» is «گومروک», the table's «گؤمروک») is that word even where only a word
        # as written counts (a word the lists or hazm know), unless the table has it so
        # («گون», a day; «گؤن», leather).
        # Nor a Persian word («گول», deceit, is no «گؤل», a lake; «سوز» no «سؤز», a word).
        for said, meant in list(written.items()):
            plain_o = said.translate(_PLAIN_O)
            if plain_o not in persian:
                written.setdefault(plain_o, meant)
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
        table = read_toml(path)
        latin = table.pop("latin", {})
        grammar = latin.get("grammar", []) if isinstance(latin, dict) else None
        if not isinstance(grammar, list) or not all(
            isinstance(w, str) and LATIN_AZERBAIJANI.fullmatch(w) for w in grammar
        ):
            raise ValueError(f"{path.name}: [latin] grammar must list words in Latin letters")
        for said, meant in table.items():
            if not isinstance(meant, str) or not meant.strip():
                raise ValueError(f'{path.name}: {said!r} must be one Persian word: "…"')
        return cls(table, persian, listed, frozenset(plain(w) for w in grammar))

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

    def _without_endings(self, folded: str, endings: int, letter_cut: bool = False) -> str | None:
        for suffix in _TABLE_ENDINGS:
            stem = folded[: -len(suffix)]
            if not folded.endswith(suffix) or len(stem) < _SHORTEST_STEM:
                continue
            # Two one-letter endings never follow each other (a buffer «ن» or «س» comes
            # between: «ایشینی»): «آغاهی» is no «آغ» (white) with three endings.
            if letter_cut and len(suffix) == 1:
                continue
            found = self.meanings.get(stem)
            if found is None and endings > 1:
                found = self._without_endings(stem, endings - 1, len(suffix) == 1)
            if found is not None:
                return found
        return None
