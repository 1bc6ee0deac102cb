"""Category suggestion for problem reports, and "me too" similarity, from a lexicon staff edit.

Every suggestion is explained by the lexicon entries that fired; nothing is learned.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import sys
import threading
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from bot import understand
from bot.settings import PROJECT_ROOT
from bot.text import MATCH_FOLD, ZWNJ, fold_digits, normalize

if TYPE_CHECKING:
    from hazm import Lemmatizer

__all__ = [
    "LEXICON_PATH",
    "SIMILARITY_THRESHOLD",
    "SLUGS",
    "Lexicon",
    "Suggestion",
    "accuracy",
    "most_similar",
    "pair_similarity",
    "run_cli",
    "similarity",
    "suggest",
    "tokens_for_similarity",
    "warm_up",
]

log = logging.getLogger(__name__)

# The taxonomy of MISSION.md, in its order: zero-score suggestions are padded in this order.
SLUGS: tuple[str, ...] = (
    "electricity",
    "infrastructure",
    "finance",
    "raw_materials",
    "market",
    "export",
    "permits",
    "tax_insurance",
    "workforce",
    "technology",
    "other",
)
OTHER = "other"
LEXICON_PATH = PROJECT_ROOT / "data" / "categories.toml"

K = TypeVar("K")

# Endings members glue to words: plurals (formal and spoken «ا»), possessives (formal and spoken
# «مون»), ezafe/indefinite «ی», spoken «ه» («قطعه») and «و» (for «را»). Longest first.
_SUFFIXES = tuple(
    sorted(
        (
            "هامونو", "هاشونو", "امونو", "مونو", "تونو", "شونو",
            "هایمان", "هایتان", "هایشان", "هامون", "هاتون", "هاشون", "هامان", "هاتان", "هاشان",
            "هایی", "های", "ها", "امون", "اتون", "اشون", "مون", "تون", "شون", "مان", "تان",
            "شان", "ای", "یی", "ام", "ات", "اش", "ی", "ا", "ه", "م", "ت", "ش", "و",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
# Azerbaijani endings members write in Persian script: plural, possessive and case endings
# («بانکلار», «مالیمیز», «گمرکده», «سرحدینده»). Only stripped from a word hazm doesn't know
# when what is left is a word it does, so no Persian word is cut. Longest first.
_AZ_SUFFIXES = tuple(
    sorted(
        (
            "لاریمیزی", "لریمیزی", "لاریمیز", "لریمیز", "لاری", "لری", "لارا", "لره", "لار",
            "لر", "یمیزی", "یمیز", "میز", "ینده", "نده", "ندن", "دان", "دن", "ده", "دا", "ین",
            "ین", "ی", "سی", "نی", "ا", "ه", "و", "یو", "دی", "دیر", "دور",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
# Azerbaijani light and helping verbs («پلمب ائدیبلر», «ثبت اولمور», «تاپا بیلمیریک»): like
# Persian «کردن» and «شدن» they say nothing of the problem. Matched as the start of a word hazm
# doesn't know.
# Written folded (ئ → ی), as tokens are.
_AZ_LIGHT_VERBS = (
    "اید", "ایله", "اولور", "اولمور", "اولوب", "اولماز", "اولدو", "بیلمیر", "بیلمور",
)  # fmt: skip
# Plural endings hazm's word list keeps on the word («کارگران», «محصولات»).
_PLURALS = ("ان", "ات")
SYNONYMS_PATH = PROJECT_ROOT / "data" / "synonyms.toml"
# What tells one problem of a category from another (objects, troubles) and what only names the
# category (general): see similarity().
PROBLEM_WORDS_PATH = PROJECT_ROOT / "data" / "problem_words.toml"
_KINDS = ("objects", "troubles", "general")
# Words of cluster and estate names say where a report comes from, not what the problem is:
# two reports from one estate share them whatever their problems.
_PLACE_WEIGHT = 0.25
# Words that name a category, not a problem («بانک», «قیمت»): shared by most of its reports.
_GENERAL_WEIGHT = 0.5
# Two reports naming different objects (or troubles) of one kind: surely not one problem.
_CONFLICT = 0.5
# The longest synonym phrase, in word pieces («پروانه بهره برداری»).
_PHRASE_MAX = 3
# Words that only look like a shorter lexicon word plus an ending («ارزش» is value, not currency).
_NOT_INFLECTED = frozenset({"ارزش", "ارزشی", "ارزشها", "کارت", "بارش", "دارایی"})
# Separators inside one hazm token: the half-space, and the "_" hazm puts in joined verbs.
_PART_SEPARATORS = str.maketrans({"_": ZWNJ})

# Function words, light verbs, chat formulas, and words nearly every report (or training topic)
# shares (the estate, the factory, "problem", time words, "course"): none tells one problem
# from another. Written folded (no «آ», no half-space), as tokens_for_similarity makes them.
_STOP_WORDS = frozenset(
    """
    از به با در بر برای تا که و یا را رو هم نیز این ان اون همین همان اینجا انجا اونجا
    من تو ما شما او اونها انها ایشان خودم خودمون خودمان خود مون مان شون شان
    یه یک یکی هر همه هیچ چند چیزی چی چه چرا چطور چطوری چجوری کی کجا کدام کدوم
    است هست نیست بود شد کرد داشت خواست داد گفت امد باید نباید میشه نمیشه شده بشه
    میخوام میخوایم میخواد داره نداره داریم نداریم هستیم نیستیم کنید کنن بدید میگه
    بهمون بهم ازمون برامون باهامون مارو منو اینو اونو
    می نمی ها های هایی ای ی هامون هاتون هاشون هامان هاتان هاشان هایمان هایتان هایشان
    ولی اما اگر اگه چون پس دیگه دیگر هنوز الان حتی فقط خیلی زیاد کم اصلا واقعا
    سلام لطفا ممنون مرسی تشکر سپاس خسته نباشید وقت بخیر احترام
    بعد قبل روی زیر کنار بین مثل بدون طرف پیش اول
    اومده اومد امده اومدن
    مشکل شهرک شهرکها کارخانه کارخونه کارگاه واحد شرکت تولید کار روز هفته ماه سال
    دوره اموزش کلاس ساله ماهه روزه توان نتوانسته نمیتونیم نتونستیم میتونیم بتونیم داده
    ام ایم اید اند نشده نشد باشید باشد باشه نداشته داشته رفته گذشته بسیار نسبت خاطر دلیل
    یافته کرده کردن کردند کنند شود میشود نمیشود شدن شوند بودن بوده دارد ندارد دارند
    امسال پارسال دیروز امروز فردا مدام همش هنوز همیشه دوبار سه دو چندین توسط طریق
    صنعتی شهید منطقه اش زده زد مکرر مرتب روزانه خواسته خواست خواهیم لازم نیاز
    بیر ایکی اوچ بو او دا ده هم چوخ اوچون سونرا ایله وار یوخ یوخدور دی اولور اولوب
    گون ایل ای ایش ایشلمیر بیلمیریک بیلمیر الا گلیر گلیب
    """.split()  # noqa: SIM905 - a list literal of 150 quoted Persian words reads far worse
)
# Tuned on tests/data/similar_pairs_tuning.tsv (`python -m benchmarks.similar --part tuning
# --sweep`): with the object/trouble weighing, the tuning pairs hold precision 1.000 (recall
# 0.962) from 0.52 to 0.54; kept at 0.54, the top of that band, because a wrong "me too" costs
# more than a missed one (two short texts sharing one of their two words score 0.5 and stay
# below it). Held-out figures: tests/test_similar.py.
SIMILARITY_THRESHOLD = 0.54


@dataclass(frozen=True)
class Suggestion:
    """One suggested category: its score and the lexicon entries that produced it."""

    slug: str
    score: float
    matched: tuple[str, ...]
    # The same matches as the member typed them («bargh ghat», «ایشیق»), for explanations.
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Sense:
    """What one lexicon entry says: this category, with this weight, as written in the file."""

    slug: str
    weight: float
    written: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Lexicon entries by matching key (folded letters, no spaces or half-spaces)."""

    entries: Mapping[str, tuple[_Sense, ...]]
    # Every proper prefix of every key, so a phrase is followed across words only while it
    # can still become an entry.
    prefixes: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read and validate a lexicon TOML file; raise ValueError naming the bad entry."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path.name}: not valid TOML: {exc}") from exc
        lexicon = cls.from_mapping(data, source=path.name)
        log.debug("category lexicon %s: %d entries", path, len(lexicon))
        return lexicon

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], source: str = "lexicon") -> Lexicon:
        """Build a lexicon from `{slug: {entry: weight}}`; ValueError names the bad entry."""
        entries: dict[str, list[_Sense]] = {}
        for slug, table in data.items():
            if slug not in SLUGS:
                raise ValueError(f"{source}: unknown category [{slug}]; known: {', '.join(SLUGS)}")
            if not isinstance(table, Mapping):
                raise ValueError(f'{source}: [{slug}] must be a table of "entry" = weight')
            first_seen: dict[str, str] = {}
            for written, weight in table.items():
                where = f"{source}: [{slug}] {written!r}"
                # bool is an int in Python; `true` is surely a slip, not a weight of 1.
                if isinstance(weight, bool) or not isinstance(weight, int | float):
                    raise ValueError(f"{where}: weight must be a number, got {weight!r}")
                if not math.isfinite(weight) or weight <= 0:
                    raise ValueError(f"{where}: weight must be positive, got {weight!r}")
                key = _entry_key(written)
                if not key:
                    raise ValueError(f"{where}: entry has no letters or digits")
                if key in first_seen:
                    raise ValueError(
                        f"{where}: same entry as {first_seen[key]!r} (spaces, half-spaces "
                        "and letter variants such as ي/ی or آ/ا are ignored in matching)"
                    )
                first_seen[key] = written
                entries.setdefault(key, []).append(_Sense(slug, float(weight), written.strip()))
        prefixes = frozenset(key[:i] for key in entries for i in range(1, len(key)))
        return cls({key: tuple(senses) for key, senses in entries.items()}, prefixes)

    def __len__(self) -> int:
        return sum(len(senses) for senses in self.entries.values())


@dataclass(frozen=True)
class _Unit:
    """One word piece of a text: its forms for matching, and the one form for similarity."""

    surface: str
    # Sorted, not a set: which of two equally long entries wins must not vary between runs.
    forms: tuple[str, ...]
    canonical: str
    # The member's own spelling of the word this piece came from.
    own: str = ""


class _Engine:
    """hazm's tokenizer and lemmatizer, loaded once (seconds) and shared."""

    def __init__(self) -> None:
        # Imported here: loading hazm's parts takes seconds. The tokenizer and lemmatizer
        # are the ones the normaliser shares (bot/hazm_parts.py).
        from bot import hazm_parts

        hazm = hazm_parts.parts()
        self.tokenize = hazm.tokenizer.tokenize
        self.lemmatizer: Lemmatizer = hazm.lemmatizer
        # hazm's word list (a dict: membership is all that is asked of it here).
        self.words: Mapping[str, object] = self.lemmatizer.words
        self.informal = understand.Informal(self.lemmatizer)
        # Written synonyms, folded: Azerbaijani words hazm doesn't know may carry endings too.
        table = _read_synonyms(SYNONYMS_PATH)
        self.synonym_words = frozenset(
            _fold(normalize(w))
            for h, ws in table.items()
            for w in (h, *ws)
            if " " not in w and not w.endswith("-")
        )
        # Azerbaijani verb stems written with a trailing "-" («تاپ-»: تاپیلمیر، تاپا بیلمیریک,
        # تاپمادیق …): their endings are too many to list. Longest first.
        self.stems = sorted(
            (
                (_fold(normalize(w[:-1])), head)
                for head, ws in table.items()
                for w in ws
                if w.endswith("-")
            ),
            key=lambda pair: -len(pair[0]),
        )
        self.analyse = functools.lru_cache(maxsize=65536)(self._analyse)
        self.synonyms, self.phrases = self._synonyms(table)
        self.kinds = self._kinds(PROBLEM_WORDS_PATH)

    def _synonyms(
        self, table: Mapping[str, Sequence[str]]
    ) -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
        """Map each synonym (a word, or a phrase of 2-3) to its head, as similarity sees them."""
        words: dict[str, str] = {}
        phrases: dict[tuple[str, ...], str] = {}
        for head, members in table.items():
            key = "".join(u.canonical or u.surface for u in self.units(head))
            for member in (head, *members):
                if member.endswith("-"):
                    continue
                units = self.units(member)
                if len(units) == 1:
                    for form in (units[0].canonical, units[0].surface, _fold(normalize(member))):
                        if form:
                            words.setdefault(form, key)
                elif 2 <= len(units) <= _PHRASE_MAX:
                    phrases.setdefault(tuple(u.canonical for u in units), key)
                    phrases.setdefault(tuple(u.surface for u in units), key)
        return words, phrases

    def tokens(self, text: str) -> frozenset[str]:
        """The words of text that say what the problem is (see tokens_for_similarity)."""
        units = self.units(text)
        tokens: set[str] = set()
        index = 0
        while index < len(units):
            head = None
            for size in range(min(_PHRASE_MAX, len(units) - index), 1, -1):
                window = units[index : index + size]
                head = self.phrases.get(tuple(u.canonical for u in window)) or self.phrases.get(
                    tuple(u.surface for u in window)
                )
                if head:
                    tokens.add(head)
                    index += size
                    break
            if head:
                continue
            unit = units[index]
            index += 1
            if unit.surface in _STOP_WORDS:
                continue
            token = self.synonym(unit) or unit.canonical
            if (
                len(token) >= 2
                and token not in _STOP_WORDS
                and any(ch.isalpha() for ch in token)
                # A spoken verb («نمیدن», «میسوزن») says how, not what the problem is.
                and not _spoken_verb(token, self)
            ):
                tokens.add(token)
        return frozenset(tokens)

    def _kinds(self, path: Path) -> dict[str, str]:
        """Read data/problem_words.toml: each word's token → objects, troubles or general."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path.name}: not valid TOML: {exc}") from exc
        kinds: dict[str, str] = {}
        for kind, words in data.items():
            if kind not in _KINDS:
                raise ValueError(f"{path.name}: unknown list {kind!r}; known: {', '.join(_KINDS)}")
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f'{path.name}: {kind} must be a list of words: ["…", "…"]')
            for word in words:
                tokens = self.tokens(word)
                if not tokens:
                    raise ValueError(f"{path.name}: {kind} {word!r} is a stop word")
                # A phrase that is no synonym («پنل خورشیدی») lends its kind to each word.
                for token in tokens:
                    if kinds.setdefault(token, kind) != kind:
                        raise ValueError(
                            f"{path.name}: {word!r} is in {kinds[token]} and {kind} "
                            "(itself or a synonym)"
                        )
        return kinds

    def synonym(self, unit: _Unit) -> str | None:
        """The head word a word piece is a synonym of, if any."""
        for form in (unit.canonical, unit.surface, *unit.forms):
            head = self.synonyms.get(form)
            if head:
                return head
        if unit.surface not in self.words:
            # Only a word hazm doesn't know: «قالب» is a mould, not a form of «قال-».
            for stem, head in self.stems:
                if unit.surface.startswith(stem) and len(unit.surface) > len(stem):
                    return self.synonyms.get(_fold(normalize(head)), head)
        return None

    def units(self, text: str) -> list[_Unit]:
        """Understand a member's text (bot/understand.py), then split it into word pieces."""
        units: list[_Unit] = []
        for word in understand.words(text, self.informal):
            for token in self.tokenize(word.text):
                # Pieces, not whole tokens: "ضمانت‌نامه", "ضمانت نامه" and "ضمانتنامه" must
                # meet, and the phrase matcher joins pieces back together.
                for part in token.translate(_PART_SEPARATORS).split(ZWNJ):
                    if part:
                        units.append(dataclasses.replace(self.analyse(part), own=word.own))
        return units

    def _analyse(self, part: str) -> _Unit:
        """Return the forms a word piece may stand for: itself, its lemma, its bare stems."""
        if understand.is_place_word(_fold(part)):
            # A cluster or estate name («رازی») is itself, never a stem of another word.
            folded = _fold(part)
            return _Unit(surface=folded, forms=(folded,), canonical=folded)
        lemma = self.lemmatizer.lemmatize(part)
        # Verbs lemmatise to "past#present" ("شد#شو"); either stem may be in the lexicon.
        forms = {part, *lemma.split("#")}
        stems = [] if part in _NOT_INFLECTED else _stems(part)
        for stem in stems:
            forms.add(stem)
            forms.update(self.lemmatizer.lemmatize(stem).split("#"))
        return _Unit(
            surface=_fold(part),
            forms=tuple(sorted({f for f in map(_fold, forms) if f})),
            canonical=_fold(self._canonical(part, lemma, stems)),
        )

    def _canonical(self, part: str, lemma: str, stems: list[str]) -> str:
        """Return the one form of a word piece that similar reports share, or "" for noise."""
        if "#" in lemma:
            return lemma.split("#")[0]
        if lemma != part:
            return lemma
        if part in self.words:
            # hazm's word list holds many inflected forms; of their endings the ezafe or
            # adjective «ی» ("قطعی برق" is about "قطع برق") and the plurals «ان»/«ات» are
            # worth removing («کارگران» and «کارگرا» meet).
            bare = part[:-1]
            if part.endswith("ی") and len(bare) >= 3 and bare in self.words:
                return bare
            for plural in _PLURALS:
                bare = part[: -len(plural)]
                if part.endswith(plural) and len(bare) >= 3 and bare in self.words:
                    return bare
            return part
        dictionary_stems = [stem for stem in stems if stem in self.words]
        # The silent «ه» put back, or the spoken plural «ا» kept, only where the bare stem is
        # no word: «واحدمونو» is «واحد», «چکامون» is «چک».
        dictionary_stems = [
            stem
            for stem in dictionary_stems
            if not (stem.endswith(("ه", "ا")) and stem[:-1] in dictionary_stems)
        ]
        if part.startswith(("می", "نمی")):
            # A spoken verb hazm doesn't know ("نمیدن", "میکنن") says nothing about the problem,
            # and what is left after its ending is a short accidental word.
            dictionary_stems = [stem for stem in dictionary_stems if len(stem) >= 5]
            return dictionary_stems[0] if dictionary_stems else ""
        if dictionary_stems:
            # The longest dictionary word under the ending: "فروشمون" and "فروش" meet.
            return dictionary_stems[0]
        for copula in ("ست", "س"):
            # Spoken «است» glued on: «بالاس», «بالاست», «چاله‌ست».
            bare = part[: -len(copula)]
            if part.endswith(copula) and len(bare) >= 3 and bare in self.words:
                return bare
        for suffix in _AZ_SUFFIXES:
            bare = part[: -len(suffix)]
            known = bare in self.words or _fold(bare) in self.synonym_words
            if part.endswith(suffix) and len(bare) >= 2 and known:
                return bare
        return part


def _read_synonyms(path: Path) -> dict[str, list[str]]:
    """Read data/synonyms.toml: `"head" = ["synonym", …]`; ValueError names a bad line."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: not valid TOML: {exc}") from exc
    for head, members in data.items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ValueError(f'{path.name}: {head!r} must be a list of words: ["…", "…"]')
    return data


def _stems(word: str) -> list[str]:
    """Return word without each ending it may carry, longest stem first."""
    stems = []
    for suffix in _SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            # One-letter endings on short words are too often part of the word ("مست").
            if len(stem) >= (3 if len(suffix) == 1 else 2):
                stems.append(stem)
                if suffix[0] in "مشت" and not stem.endswith("ا"):
                    # Spoken "اولیمون", "کارخونمون" drop the silent «ه» of "اولیه", "کارخونه"
                    # (not after the spoken plural «ا»: «چکامون» is «چک‌هامون»).
                    stems.append(stem + "ه")
    return sorted(set(stems), key=len, reverse=True)


def _fold(text: str) -> str:
    """Return the matching form of an already normalised word: folded letters and digits."""
    # loose_match's letter folding (آ/ا, ئ/ی, hamza …), so both match the same way.
    return fold_digits(text).lower().translate(MATCH_FOLD).replace(ZWNJ, "")


def _entry_key(written: str) -> str:
    """Return the matching key of a lexicon entry: spaces and half-spaces don't count."""
    return "".join(_fold(normalize(written).translate(_PART_SEPARATORS)).split())


_engine: _Engine | None = None
# A lock, not functools.cache: two chats arriving together must not both pay the load.
_engine_lock = threading.Lock()


def _load() -> _Engine:
    """Return the shared hazm engine, creating it on first use."""
    global _engine
    engine = _engine
    if engine is not None:
        return engine
    with _engine_lock:
        if _engine is None:
            _engine = _Engine()
        return _engine


def warm_up() -> None:
    """Load hazm's tokenizer, lemmatizer and normaliser now, not at the first report."""
    _load()
    normalize("")


def _units(text: str) -> list[_Unit]:
    """Return the analysed word pieces of raw text."""
    return _load().units(text)


def _matches(units: Sequence[_Unit], lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Return (first piece, end piece, key) of every lexicon entry found in the pieces."""
    found: list[tuple[int, int, str]] = []
    for start in range(len(units)):
        pending = [(start, "")]
        while pending:
            index, so_far = pending.pop()
            for form in units[index].forms:
                joined = so_far + form
                if joined in lexicon.entries:
                    found.append((start, index + 1, joined))
                if joined in lexicon.prefixes and index + 1 < len(units):
                    pending.append((index + 1, joined))
    return found


def suggest(text: str, lexicon: Lexicon, top: int = 3) -> list[Suggestion]:
    """Return `top` categories for text, best first; with no match at all, "other" leads."""
    units = _units(text)
    # Longest entries first, each piece used once: «مالیات بر ارزش افزوده» is tax, and its
    # «ارزش» or «افزوده» are not counted again for another category.
    chosen: list[tuple[int, int, str]] = []
    used: set[int] = set()
    counted: set[str] = set()
    for start, end, key in sorted(_matches(units, lexicon), key=lambda m: (-len(m[2]), m[0])):
        span = range(start, end)
        if used.intersection(span):
            continue
        used.update(span)
        # An entry repeated in one message says no more than once.
        if key not in counted:
            counted.add(key)
            chosen.append((start, end, key))

    scores = dict.fromkeys(SLUGS, 0.0)
    matched: dict[str, list[str]] = {slug: [] for slug in SLUGS}
    typed: dict[str, list[str]] = {slug: [] for slug in SLUGS}
    for start, end, key in sorted(chosen):
        own = " ".join(dict.fromkeys(unit.own for unit in units[start:end]))
        for sense in lexicon.entries[key]:
            scores[sense.slug] += sense.weight
            matched[sense.slug].append(sense.written)
            if own not in typed[sense.slug]:
                typed[sense.slug].append(own)

    if any(scores.values()):
        order = sorted(SLUGS, key=lambda slug: -scores[slug])  # stable: taxonomy order on ties
    else:
        order = [OTHER, *(slug for slug in SLUGS if slug != OTHER)]
    return [
        Suggestion(slug, round(scores[slug], 3), tuple(matched[slug]), tuple(typed[slug]))
        for slug in order[: max(top, 0)]
    ]


@functools.lru_cache(maxsize=4096)
def tokens_for_similarity(text: str) -> frozenset[str]:
    """Return the normalised lemmas of text without stop words, for comparing reports.

    Synonyms (data/synonyms.toml: spoken, Azerbaijani and formal words for one thing) become
    their head word, so «ایشچی تاپیلمیر» and «نیروی کار یافت نمی‌شود» share «کارگر» and «پیدا».
    """
    # Cached because one new report is compared with every open report's stored text.
    return _load().tokens(text)


def _spoken_verb(token: str, engine: _Engine) -> bool:
    """Whether a token is a spoken verb form (hazm's word list holds many: «نمیده», «میشن»)."""
    if token in engine.informal.verbs or token.startswith("نمی"):
        return True
    if token.startswith(_AZ_LIGHT_VERBS) and token not in engine.words:
        return True
    return token.startswith("می") and token not in engine.words


@dataclass(frozen=True)
class _Profile:
    """A token set as similarity weighs it: each token's squared weight, and its kinds."""

    weights: Mapping[str, float]
    size: float
    objects: frozenset[str]
    troubles: frozenset[str]


@functools.lru_cache(maxsize=4096)
def _profile(tokens: frozenset[str]) -> _Profile:
    """Weigh a token set once: one new report meets every open report's stored text."""
    kinds = _load().kinds
    weights = {}
    for token in tokens:
        if understand.is_place_word(token):
            weight = _PLACE_WEIGHT
        elif kinds.get(token) == "general":
            weight = _GENERAL_WEIGHT
        else:
            weight = 1.0
        weights[token] = weight * weight
    return _Profile(
        weights,
        sum(weights.values()),
        frozenset(t for t in tokens if kinds.get(t) == "objects"),
        frozenset(t for t in tokens if kinds.get(t) == "troubles"),
    )


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the weighted cosine of two token sets (0..1), lowered when their problems differ.

    A word that only names the category («بانک», «قیمت»; data/problem_words.toml `general`)
    weighs half, a place name a quarter; two reports that both name what the problem is about
    (`objects`: «برق» / «گاز», «آهن» / «چرم») or what is wrong (`troubles`: «قطع» / «قبض»)
    but share none of it score half.
    """
    # Cosine rather than Jaccard: a short summary sharing all its words with a long report
    # is a likelier "me too" than Jaccard's union would admit, without reaching 1.0 for a
    # one-word text as the overlap coefficient would.
    if not a or not b:
        return 0.0
    pa, pb = _profile(a), _profile(b)
    shared = sum(pa.weights[t] for t in a & b)
    score = min(1.0, shared / math.sqrt(pa.size * pb.size))
    # Said on one side only, an object or trouble is no evidence either way (a member may
    # leave it out); named on both sides and different, it is.
    if pa.objects and pb.objects and not pa.objects & pb.objects:
        score *= _CONFLICT
    if pa.troubles and pb.troubles and not pa.troubles & pb.troubles:
        score *= _CONFLICT
    return score


def pair_similarity(a: str, b: str) -> float:
    """Return how alike two texts are as reports of one problem (0..1)."""
    return similarity(tokens_for_similarity(a), tokens_for_similarity(b))


def most_similar(
    text: str,
    candidates: Sequence[tuple[K, str]],
    limit: int = 3,
    threshold: float = SIMILARITY_THRESHOLD,
) -> list[tuple[K, float]]:
    """Return up to `limit` (key, score) of candidates at least `threshold` similar, best first."""
    if limit <= 0:
        return []
    tokens = tokens_for_similarity(text)
    scored = [(key, similarity(tokens, tokens_for_similarity(other))) for key, other in candidates]
    # sorted() is stable, so equally similar candidates keep the caller's order.
    ranked = sorted(
        (pair for pair in scored if pair[1] > 0 and pair[1] >= threshold), key=lambda p: -p[1]
    )
    return ranked[:limit]


def accuracy(labelled: Iterable[tuple[str, str]], lexicon: Lexicon) -> tuple[float, float]:
    """Return the top-1 and top-3 accuracy of suggest() on (slug, text) pairs."""
    top1 = top3 = total = 0
    for slug, text in labelled:
        slugs = [s.slug for s in suggest(text, lexicon, top=3)]
        total += 1
        top1 += slugs[0] == slug
        top3 += slug in slugs
    return (top1 / total, top3 / total) if total else (0.0, 0.0)


def run_cli(stdin: TextIO, stdout: TextIO, lexicon_path: Path | None = None) -> int:
    """Print the top three category slugs of each stdin line, one output line per input line."""
    path = lexicon_path or LEXICON_PATH
    try:
        lexicon = Lexicon.load(path)
    except (OSError, ValueError) as exc:
        print(f"khooshe: cannot read the category lexicon {path}: {exc}", file=sys.stderr)
        return 2
    for line in stdin:
        slugs = [s.slug for s in suggest(line.rstrip("\r\n"), lexicon, top=3)]
        stdout.write(" ".join(slugs) + "\n")
        # Staff may type lines by hand and wait for each answer.
        stdout.flush()
    return 0
