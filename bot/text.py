"""Persian text handling: the project's one normaliser, digit folding, phones and fuzzy lookup."""

from __future__ import annotations

import asyncio
import difflib
import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.lazy import Shared

if TYPE_CHECKING:
    from hazm import Normalizer

__all__ = [
    "MESSAGE_MAX",
    "ZWNJ",
    "clean",
    "fold_digits",
    "loose_match",
    "normalize",
    "pack_messages",
    "parse_phone",
    "persian_digits",
    "split_message",
    "utf16_len",
    "visual_order",
    "warm_up",
]

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_FOLD_DIGITS = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN_DIGITS = str.maketrans("0123456789", _PERSIAN_DIGITS)

ZWNJ = "\u200c"  # zero-width non-joiner, the Persian half-space

# Invisible format characters that only disturb matching and storage. ZWNJ is Persian spelling
# and ZWJ glues emoji sequences (👨‍👩‍👧), so both stay.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)
# Exotic spaces (NBSP, thin, narrow, ideographic …) and tabs become one plain space.
_SPACES = (
    "\t\u000b\u000c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_CLEANUP = str.maketrans({**dict.fromkeys(_INVISIBLE), **dict.fromkeys(_SPACES, " ")})

# Letters of the Arabic script (not digits or number separators) and the punctuation that
# may sit inside or beside Persian words. Only whitespace-separated tokens made of these are
# given to hazm: its tokenizer re-spaces everything it sees, which would turn "/start" into
# "/ start", split URLs, "0914-123-4567" and "line1", and break English.
_ARABIC_SCRIPT = re.compile(
    "[\u0600-\u065f\u066e-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe]"
)
_PERSIAN_TOKEN = re.compile(
    "[\u0600-\u065f\u066e-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff"
    "\ufe70-\ufefe\u200c.!?:;()\\[\\]{}«»\"'…]+"
)
_NEUTRAL_TOKEN = re.compile("[.!?:;()\\[\\]{}«»\"'…،؛؟]+")
_ZWNJ_RUN = re.compile(ZWNJ + "{2,}")
# A Persian letter three times or more in a row is a key held down («خیلیییی»، «اتوماسیوننن»):
# no word has it so. hazm would leave two («اتوماسیونن», no word either); one is the word.
_HELD_DOWN = re.compile(
    "([\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc])\\1{2,}"
)


@dataclass(frozen=True)
class _Engine:
    """hazm's normaliser and the character table derived from it, built once."""

    normalizer: Normalizer
    letters: dict[int, str]


def _build() -> _Engine:
    """hazm's normaliser (from the shared parts) and its character table."""
    # Imported here: loading hazm's parts takes seconds. The normaliser is built
    # there (shared tables with the categoriser's tokenizer and lemmatizer) with
    # persian_numbers=False (digits stay as typed; fold_digits is a separate,
    # explicit step) and persian_style=False (it turns "..." into «...» and "3.5"
    # into "3٫5": not ours to change).
    from bot import hazm_parts

    normalizer = hazm_parts.parts().normalizer
    # hazm's letter table (Arabic ي ك ى and presentation forms → Persian) applies to
    # every token, even mixed ones like «شركت۱۲۳»; its entries outside the Arabic
    # script (curly quotes) are left out so English text is not touched.
    letters = {
        ord(src): dst
        for src, dst in zip(normalizer.translation_src, normalizer.translation_dst, strict=True)
        if _ARABIC_SCRIPT.fullmatch(src)
    }
    letters[ord("ة")] = "ه"
    return _Engine(normalizer=normalizer, letters=letters)


_load = Shared(_build)


def warm_up() -> None:
    """Load hazm now, so the first member's message doesn't wait for it."""
    _load()


async def normalized(text: str) -> str:
    """`normalize` for async code: while hazm is still loading, wait in a worker thread.

    Waiting on the loader's lock in the event loop would freeze every chat for seconds.
    """
    if _load.loaded:
        return normalize(text)
    return await asyncio.to_thread(normalize, text)


def clean(text: str) -> str:
    """Return member text safe to store and show to others: no bidi overrides or other
    invisible format characters (U+202E would turn a whole line around for every reader),
    plain spaces, Unix line ends. `normalize` starts with it; text that must keep its
    spelling (a topic's title, as typed) goes through this alone."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CLEANUP)


def normalize(text: str) -> str:
    """Return the canonical form of text: Persian letters, clean spacing and half-spaces."""
    return (_normalize_short if len(text) <= _REMEMBERED_LENGTH else _normalize_recent)(text)


# Words and short phrases are normalised again and again: loading the lexicons asks for about
# 24,000 normalisations of some 7,800 strings (seconds at each start), and members' one-word
# answers repeat. Longer text (a report) is normalised by the categoriser's reading and by the
# learned model in turn (bot/services/learned.py), so the last few are kept.
_REMEMBERED_LENGTH = 64
# How many reports' readings "me too" remembers (their words, problem type and names,
# bot/services/similar.py): a new report meets every open report of its category, whose
# readings are not worked out again each time.
TEXTS_KEPT = 16384


def _normalize(text: str) -> str:
    """hazm's normaliser on the Persian runs of each line, after the letter table."""
    engine = _load()
    text = _HELD_DOWN.sub(r"\1", clean(text).translate(engine.letters))
    lines = [_normalize_line(line, engine.normalizer) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_normalize_short = functools.lru_cache(maxsize=32768)(_normalize)
_normalize_recent = functools.lru_cache(maxsize=64)(_normalize)


def _normalize_line(line: str, normalizer: Normalizer) -> str:
    """Normalise one line: hazm on runs of Persian words, other tokens kept as typed."""
    pieces: list[str] = []
    run: list[str] = []
    run_has_persian = False

    def flush() -> None:
        nonlocal run_has_persian
        if run:
            joined = " ".join(run)
            pieces.append(normalizer.normalize(joined) if run_has_persian else joined)
            run.clear()
        run_has_persian = False

    for token in line.split():
        token = _ZWNJ_RUN.sub(ZWNJ, token).strip(ZWNJ) if ZWNJ in token else token
        if not token:
            continue
        if _NEUTRAL_TOKEN.fullmatch(token):
            run.append(token)
        elif _PERSIAN_TOKEN.fullmatch(token) and _ARABIC_SCRIPT.search(token):
            run.append(token)
            run_has_persian = True
        else:
            flush()
            pieces.append(token)
    flush()
    return " ".join(piece for piece in pieces if piece)


def fold_digits(text: str) -> str:
    """Replace Persian and Arabic-Indic digits with ASCII digits."""
    return text.translate(_FOLD_DIGITS)


def persian_digits(value: str | int) -> str:
    """Replace ASCII digits with Persian digits."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


# The platforms' limit for one message's text, in UTF-16 code units (an emoji counts two).
MESSAGE_MAX = 4096


def shorten(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters: cut between words, with «…» (a word
    longer than that is cut inside, as nothing else fits)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    if text[limit - 1] != " ":  # the cut falls inside a word: leave that word out
        room = room.rsplit(" ", 1)[0] if " " in room else room
    return room.rstrip(" ،,؛;:-—") + "…"


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, with «…» when it was longer; unlike `shorten`, line
    breaks and words are kept as they are (a card's excerpt, a confirm card's preview)."""
    return text[:limit] + "…" if len(text) > limit else text


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit the platforms' limits are counted in."""
    return len(text.encode("utf-16-le")) // 2


def _fitting_prefix(text: str, limit: int) -> int:
    """How many characters from the start of text fit in `limit` UTF-16 units."""
    n = min(len(text), limit)
    units = utf16_len(text[:n])
    while units > limit:
        n -= 1
        units -= 2 if ord(text[n]) > 0xFFFF else 1
    return n


def _cut_point(text: str, limit: int) -> tuple[int, bool]:
    """Where to cut text that is too long, and whether that is between words.

    A line break is taken only in the second half of the window, so a short first line does
    not leave a nearly empty message; else the last space; else (one enormous word) as much
    as fits, but never between a backslash and the character it escapes (Bale's Markdown).
    """
    n = _fitting_prefix(text, limit)
    window = text[:n]
    newline = window.rfind("\n")
    if newline > n // 2:
        return newline, True
    space = max(window.rfind(" "), newline, window.rfind("\t"))
    if space > 0:
        return space, True
    if n > 1 and _odd_backslashes(window):
        return n - 1, False
    return max(n, 1), False  # a limit under two units cannot hold every character: never stall


def _odd_backslashes(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def _take(text: str, limit: int) -> tuple[str, str, bool]:
    """The start of text that fits in `limit` units, the rest, and whether the cut was clean."""
    if utf16_len(text) <= limit:
        return text, "", True
    cut, clean = _cut_point(text, limit)
    return text[:cut].rstrip(), text[cut:].lstrip(), clean


def split_message(text: str, limit: int = MESSAGE_MAX) -> list[str]:
    """Cut text into pieces of at most `limit` UTF-16 units, between words where it can.

    The whitespace at a cut is dropped; nothing else is lost or reordered.
    """
    pieces = []
    rest = text.strip()
    while rest:
        piece, rest, _ = _take(rest, limit)
        pieces.append(piece)
    return pieces


def pack_messages(blocks: Iterable[str], limit: int = MESSAGE_MAX, gap: str = "\n\n") -> list[str]:
    """Put blocks of text into as few messages as fit, each at most `limit` UTF-16 units.

    Blocks stay in order, separated by `gap`. A block that fits in a message of its own is
    never split; a longer one fills the current message between words and goes on in the next.
    """
    messages: list[str] = []
    current = ""
    for block in blocks:
        rest = block.strip()
        while rest:
            joined = f"{current}{gap}{rest}" if current else rest
            if utf16_len(joined) <= limit:
                current, rest = joined, ""
                continue
            if current and utf16_len(rest) > limit:
                piece, after, clean = _take(rest, limit - utf16_len(current + gap))
                if clean and piece:
                    messages.append(f"{current}{gap}{piece}")
                    current, rest = "", after
                    continue
            if current:
                messages.append(current)
                current = ""
                continue
            piece, rest, _ = _take(rest, limit)
            messages.append(piece)
    if current:
        messages.append(current)
    return messages


# Separators people type inside phone numbers (ASCII and Unicode dashes, dots, brackets).
_PHONE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.()]+")


def parse_phone(text: str, *, assume_international: bool = False) -> str | None:
    """Return an E.164 phone number (+989XXXXXXXXX for Iranian mobiles) or None if malformed.

    Iranian mobiles are accepted as 09…, 9…, 989…, +989… and 00989…; other countries only
    with + or 00 (or assume_international, for platform contacts that omit the +). An Iranian
    (+98) number that is not a mobile is rejected: members' messenger accounts are mobiles,
    so a landline there is almost surely a typo.
    """
    compact = _PHONE_SEPARATORS.sub("", fold_digits(text.translate(_CLEANUP)))
    if compact.startswith("+"):
        digits, international = compact[1:], True
    elif compact.startswith("00"):
        digits, international = compact[2:], True
    else:
        digits, international = compact, False
    if not digits.isascii() or not digits.isdigit():
        return None

    if not international:
        if len(digits) == 11 and digits.startswith("09"):
            return "+98" + digits[1:]
        if len(digits) == 10 and digits.startswith("9"):
            return "+98" + digits
        if len(digits) == 12 and digits.startswith("989"):
            return "+" + digits
        if not assume_international:
            return None

    if digits.startswith("98"):
        national = digits[2:]
        # "+98 (0) 912 …": the trunk zero written after the country code.
        if len(national) == 11 and national.startswith("09"):
            national = national[1:]
        if len(national) == 10 and national.startswith("9"):
            return "+98" + national
        return None
    if 8 <= len(digits) <= 15 and not digits.startswith("0"):
        return "+" + digits
    return None


# Letters that members type interchangeably; folded only for matching (here and in the
# categoriser), never for storage.
MATCH_FOLD = str.maketrans(
    {"آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", "ۀ": "ه", "ء": None}
)
_WORD_SPLIT = re.compile(r"[\s\u200c\-_/.,،؛:;!?؟()«»\"']+")


@functools.lru_cache(maxsize=4096)
def _match_tokens(text: str) -> tuple[str, ...]:
    """Return the lower-case, letter-folded words of text for matching."""
    # Cached because the same cluster and estate names are matched against every query.
    folded = fold_digits(normalize(text)).lower().translate(MATCH_FOLD)
    return tuple(word for word in _WORD_SPLIT.split(folded) if word)


def _word_similarity(typed: str, word: str) -> float:
    """Return how well one typed word matches one word of a name (0..1)."""
    if typed == word:
        return 1.0
    if len(typed) >= 2 and word.startswith(typed):
        # A word cut short while typing ("چر" for "چرم") is almost a hit.
        return 0.8 + 0.2 * len(typed) / len(word)
    return difflib.SequenceMatcher(None, typed, word, autojunk=False).ratio()


# Below _MIN_SCORE a suggestion is more likely noise than help, and anything more than _MAX_GAP
# behind the best one is a look-alike of another word ("لجستیک" for "پلاستیک"); both were tuned
# on the sample cluster and estate names.
_MIN_SCORE = 0.7
_MAX_GAP = 0.15
# A typed word at least this similar to a word of a name counts as that word (typo tolerance).
_WORD_HIT = 0.75


@dataclass(frozen=True)
class _Rarity:
    """How telling each word is among the candidate names (inverse document frequency)."""

    weights: dict[str, float]
    unseen: float
    common: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[tuple[str, ...]]) -> _Rarity:
        """Count the names each word occurs in."""
        frequency: dict[str, int] = {}
        count = 0
        for words in names:
            count += 1
            for word in set(words):
                frequency[word] = frequency.get(word, 0) + 1
        # Words shared by many names ("شهرک", "صنعتی") say little about which one is meant.
        weights = {word: math.log((count + 1) / (n + 1)) + 0.1 for word, n in frequency.items()}
        common = frozenset(word for word, n in frequency.items() if count >= 4 and n * 2 > count)
        return cls(weights, math.log(count + 1) + 0.1, common)

    def weight(self, word: str) -> float:
        """Return the weight of a word of a name; unknown words weigh as much as the rarest."""
        return self.weights.get(word, self.unseen)


def _score(typed: tuple[str, ...], words: tuple[str, ...], rarity: _Rarity) -> float:
    """Return how well the typed words match one name's words (0..1)."""
    typed_compact, compact = "".join(typed), "".join(words)
    if typed_compact == compact:
        # Same letters, whatever the spaces and half-spaces: "چرموکفش", "عجب شیر".
        return 1.0

    # Word by word: how much of what was typed is found in the name (precision), and, as a
    # tie-breaker, how much of the name was typed (recall).
    found = typed_weight = 0.0
    hit_words: set[str] = set()
    for word in typed:
        best, best_word = max((_word_similarity(word, w), w) for w in words)
        if best >= _WORD_HIT:
            hit_words.add(best_word)
            weight = rarity.weight(best_word)
        else:
            # An unmatched word weighs as a rare one, so a wrong town is not outweighed by
            # the "شهرک صنعتی" every estate shares.
            weight = rarity.unseen
        typed_weight += weight
        found += weight * best
    name_weight = sum(rarity.weight(w) for w in words)
    recall = sum(rarity.weight(w) for w in set(hit_words)) / name_weight
    score = found / typed_weight * (0.85 + 0.15 * min(recall, 1.0))

    if len(typed_compact) >= 2 and any(
        compact.startswith(typed_compact, start) for start in _word_starts(words)
    ):
        # Words run together but starting at a word of the name: "ماشینسازی".
        score = max(score, 0.8 + 0.15 * len(typed_compact) / len(compact))

    if not hit_words:
        # No word matched as a word, as when words are run together with a typo ("چرموکفس").
        # Words most names share are left out, so every estate does not look like every other.
        distinctive_typed = "".join(w for w in typed if w not in rarity.common)
        distinctive = "".join(w for w in words if w not in rarity.common)
        if distinctive_typed and distinctive:
            ratio = difflib.SequenceMatcher(None, distinctive_typed, distinctive, False).ratio()
            score = max(score, 0.95 * ratio)
    return score


def _word_starts(words: tuple[str, ...]) -> list[int]:
    """Return the offsets where each word begins in the words joined without spaces."""
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word)
    return starts


def loose_match(query: str, names: Mapping[str, str], limit: int = 5) -> list[str]:
    """Return the keys of names whose display name best matches query, best first."""
    typed = _match_tokens(query)
    if not typed or limit <= 0:
        return []
    candidates = {key: words for key, name in names.items() if (words := _match_tokens(name))}
    rarity = _Rarity.of(candidates.values())
    scores = {key: _score(typed, words, rarity) for key, words in candidates.items()}
    cutoff = max(_MIN_SCORE, max(scores.values(), default=0.0) - _MAX_GAP)
    # sorted() is stable, so equally good names keep the caller's order.
    ranked = sorted(
        (key for key, score in scores.items() if score >= cutoff), key=lambda k: -scores[k]
    )
    return ranked[:limit]


def visual_order(text: str) -> str:
    """Persian text as a left-to-right renderer must draw it: letters joined (presentation
    forms) and in visual, right-to-left order. Matplotlib does neither by itself, nor does a
    terminal without bidi support (the sandbox console's --bidi)."""
    from arabic_reshaper import reshape
    from bidi import get_display

    return str(get_display(reshape(text)))
