"""Category suggestion for problem reports, from a lexicon staff edit.

Every suggestion here is explained by the lexicon entries that fired (the category's own, and
its problem types': bot/services/problems.py); what members are offered blends it with a model
learned from labelled reports (bot/services/learned.py). The word analysis here (hazm's
tokenizer and lemmatizer after bot/understand.py) is also what "me too" reads a text with.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot import azerbaijani, understand
from bot.lazy import Shared
from bot.services import word_forms
from bot.services.matching import Tally, tally
from bot.settings import PROJECT_ROOT, read_toml
from bot.text import MATCH_FOLD, ZWNJ, fold_digits, normalize

if TYPE_CHECKING:
    from hazm import Lemmatizer

__all__ = [
    "LEXICON_PATH",
    "SLUGS",
    "Engine",
    "Lexicon",
    "Suggestion",
    "Unit",
    "analysed_key",
    "engine",
    "suggest",
    "warm_up",
]

log = logging.getLogger(__name__)

# The taxonomy of MISSION.md, in its order: zero-score suggestions are padded in this order.
SLUGS: tuple[str, ...] = (
    "electricity", "infrastructure", "finance", "raw_materials", "market", "export", "permits",
    "tax_insurance", "workforce", "technology", "other",
)  # fmt: skip
OTHER = "other"
LEXICON_PATH = PROJECT_ROOT / "data" / "categories.toml"

SYNONYMS_PATH = PROJECT_ROOT / "data" / "synonyms.toml"
# Separators inside one hazm token: the half-space, and the "_" hazm puts in joined verbs.
_PART_SEPARATORS = str.maketrans({"_": ZWNJ})


@dataclass(frozen=True)
class Suggestion:
    """One suggested category: its score and the lexicon entries that produced it (blended
    with the learned model, bot/services/learned.py: the score in the lexicon's units, the
    words perhaps the model's)."""

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
    # Whether a word hazm doesn't know also matches by the word under its Azerbaijani endings
    # («معدنینی» meets «معدن»): for the categories. Measured on the "me too" pairs, the
    # problem types do better without (their types then tie more often).
    azerbaijani_stems: bool = False
    # The keys of entries written as one word («ماهر», «آنتن»): typed words meet one only when
    # the first has three letters or more («کار بلد», «بار نامه»; not «ما هر», «آن تنها») and
    # the later ones are as typed, no stem of theirs (bot/services/matching.py `matches`).
    solid: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read and validate a lexicon TOML file; raise ValueError naming the bad entry."""
        data = read_toml(path)
        lexicon = dataclasses.replace(
            cls.from_mapping(data, source=path.name, analyse=analysed_key), azerbaijani_stems=True
        )
        log.debug("category lexicon %s: %d entries", path, len(lexicon))
        return lexicon

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, object],
        source: str = "lexicon",
        labels: Sequence[str] = SLUGS,
        analyse: Callable[[str], str] | None = None,
    ) -> Lexicon:
        """Build a lexicon from `{label: {entry: weight}}`; ValueError names the bad entry.

        The labels are the categories, or (bot/services/problems.py) the problem types. With
        `analyse` (`analysed_key`), an entry also matches as members' text is read: written
        in spoken form («پیدا نمیشه») it still meets «پیدا نمیشه» typed, which the
        understanding step has turned into «پیدا نمی‌شود».
        """
        entries: dict[str, list[_Sense]] = {}
        analysed: list[tuple[str, _Sense]] = []
        # The problem types repeat their object and trouble words: each is read once.
        reading: dict[str, str] = {}
        for slug, table in data.items():
            if slug not in labels:
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
                sense = _Sense(slug, float(weight), written.strip())
                entries.setdefault(key, []).append(sense)
                if analyse is not None:
                    if written not in reading:
                        reading[written] = analyse(written)
                    analysed.append((reading[written], sense))
        for key, sense in analysed:
            senses = entries.setdefault(key, [])
            if key and all(other.slug != sense.slug for other in senses):
                senses.append(sense)
        prefixes = frozenset(key[:i] for key in entries for i in range(1, len(key)))
        solid = frozenset(
            key
            for key, senses in entries.items()
            if not any(" " in normalize(sense.written).replace(ZWNJ, " ") for sense in senses)
        )
        return cls({key: tuple(senses) for key, senses in entries.items()}, prefixes, solid=solid)

    def __len__(self) -> int:
        return sum(len(senses) for senses in self.entries.values())


@dataclass(frozen=True)
class Unit:
    """One word piece of a text: its forms for matching, and the one form for similarity."""

    surface: str
    # Sorted, not a set: which of two equally long entries wins must not vary between runs.
    forms: tuple[str, ...]
    canonical: str
    # The member's own spelling of the word this piece came from.
    own: str = ""
    # An Azerbaijani word read as Persian: its surface as written («ایکی» of «دو»).
    written: str = ""
    # Words under its Azerbaijani endings, for lexicons that match them (Lexicon).
    under: tuple[str, ...] = ()
    # A verb's piece after «می»/«نمی»: the forms it matches as an entry alone, its verb's stems
    # («کند» of «می‌کند» is no «کند», slow; it still joins «کار نمی کند»). None: any form.
    alone: tuple[str, ...] | None = None
    # Which word of the text the piece is of (pieces of one word share it; a word typed twice,
    # «کم کم», is two words).
    word: int = 0

    def spelled(self, own: str, word: int) -> Unit:
        """This piece as of the text's word number `word`, typed `own`: `dataclasses.replace`
        without its introspection, which showed in the time of every report."""
        return Unit(
            self.surface,
            self.forms,
            self.canonical,
            own,
            self.written,
            self.under,
            self.alone,
            word,
        )


class Engine:
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
        self.synonym_table = table  # read once here; "me too" builds its synonyms from it
        self.analyse = functools.lru_cache(maxsize=65536)(self._analyse)
        self.verb = functools.lru_cache(maxsize=16384)(self._verb)
        for cache in (self.analyse, self.verb):
            understand.forget_with_places(cache.cache_clear)

    def units(self, text: str, *, azerbaijani: bool = True) -> list[Unit]:
        """Understand a member's text (bot/understand.py), then split it into word pieces."""
        units: list[Unit] = []
        for number, word in enumerate(
            understand.words(text, self.informal, azerbaijani=azerbaijani)
        ):
            first = len(units)
            for token in self.tokenize(word.text):
                # Pieces, not whole tokens: "ضمانت‌نامه", "ضمانت نامه" and "ضمانتنامه" must
                # meet, and the phrase matcher joins pieces back together.
                parts = self._parts(token)
                for index, part in enumerate(parts):
                    # After «می»/«نمی» a piece is a verb («می‌خرد» buys, not «خرد» small).
                    after_mi = index and parts[index - 1] in ("می", "نمی")
                    unit = self.verb(part) if after_mi else self.analyse(part)
                    units.append(unit.spelled(word.own, number))
            if word.also and len(units) > first:
                # An Azerbaijani word read as Persian matches as written too («اوستا» and
                # «استادکار» entries alike); similarity goes by the Persian word.
                unit = units[first]
                own = [self.analyse(part) for part in self._parts(word.also)]
                kept = {form for piece in own for form in piece.forms}
                units[first] = dataclasses.replace(
                    unit, forms=tuple(sorted({*unit.forms, *kept})), written=own[0].surface
                )
        return units

    @staticmethod
    def _parts(token: str) -> list[str]:
        return [part for part in token.translate(_PART_SEPARATORS).split(ZWNJ) if part]

    def _analyse(self, part: str) -> Unit:
        """Return the forms a word piece may stand for: itself, its lemma, its bare stems."""
        if understand.is_place_word(_fold(part)):
            # A cluster or estate name («رازی») is itself, never a stem of another word.
            folded = _fold(part)
            return Unit(surface=folded, forms=(folded,), canonical=folded)
        lemma = self.lemmatizer.lemmatize(part)
        # Verbs lemmatise to "past#present" ("شد#شو"); either stem may be in the lexicon.
        forms = {part, *lemma.split("#")}
        if "#" in lemma:
            # A verb's endings are its person's, no noun's («بدهیم» is no «بدهی», a debt);
            # a negative one matches as the lexicons write negatives («نداریم»: «نداشت»).
            forms.update(word_forms.negative(part, lemma))
            stems = []
        else:
            stems = [] if part in word_forms.NOT_INFLECTED else word_forms.stems(part)
        for stem in stems:
            forms.add(stem)
            forms.update(self.lemmatizer.lemmatize(stem).split("#"))
        matched = {f for f in map(_fold, forms) if f}
        # Azerbaijani endings on a word hazm doesn't know: the words under them.
        under = {_fold(w) for w in self.informal.azerbaijani.under(part, self.words)} - matched
        return Unit(
            surface=_fold(part),
            forms=tuple(sorted(matched)),
            canonical=_fold(self._canonical(part, lemma, stems)),
            under=tuple(sorted(under)),
        )

    def _verb(self, part: str) -> Unit:
        """A piece after «می»/«نمی»: its own forms and the stems of the verb it makes («خرد»
        of «می‌خرد»: «خرید», «خر»), which the lemmatiser alone reads as an adjective; its one
        form for similarity is the verb's («نمی‌خرد» and «نمی‌خرند» meet)."""
        unit = self.analyse(part)
        lemma = self.lemmatizer.lemmatize(f"می{ZWNJ}{part}")
        if "#" not in lemma:
            return unit
        past, present = (_fold(stem) for stem in lemma.split("#", 1))
        stems = tuple(sorted({past, present} - {""}))
        forms = tuple(sorted({*unit.forms, *stems}))
        return dataclasses.replace(unit, forms=forms, canonical=past, alone=stems)

    def _count(self, word: str) -> int:
        """How often hazm's corpus has the word (0 when it only lists it)."""
        count = self.words.get(word)
        return count[0] if isinstance(count, tuple) and count else 0

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
            for plural in word_forms.PLURALS:
                bare = part[: -len(plural)]
                if not (part.endswith(plural) and len(bare) >= 3):
                    continue
                # «خیابان» and «ایران» are words, not plurals of the rare «خیاب», «ایر»: a
                # plural is commoner than its word only if it is none.
                if bare in self.words and self._count(bare) >= self._count(part):
                    return bare
            return part
        dictionary_stems = [stem for stem in stems if stem in self.words]
        # With and without a final «ه» or «ا» (the silent «ه» dropped before «مون», the spoken
        # plural «ا»), the commoner word is meant: «واحدمونو» is «واحد», «چکامون» is «چک», but
        # «جریممون» is «جریمه» and «غذامونو» «غذا» (hazm's list holds the rare «جریم», «غذ»).
        dictionary_stems = [
            stem
            for stem in dictionary_stems
            if not (
                stem.endswith(("ه", "ا"))
                and stem[:-1] in dictionary_stems
                and self._count(stem[:-1]) >= self._count(stem)
            )
            and not any(
                longer in dictionary_stems and self._count(longer) > self._count(stem)
                for longer in (stem + "ه", stem + "ا")
            )
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
        # Up to two of them: a case ending after a plural or possessive («ایشچیلرین»,
        # «سیغورتاسینی»).
        for suffix in azerbaijani.SUFFIXES:
            if not part.endswith(suffix) or len(part) - len(suffix) < 2:
                continue
            bare = part[: -len(suffix)]
            if self._known(bare):
                return bare
            for inner in azerbaijani.SUFFIXES:
                stem = bare[: -len(inner)]
                if bare.endswith(inner) and len(stem) >= 3 and self._known(stem):
                    return stem
        return part

    def _known(self, word: str) -> bool:
        """Whether a word is in hazm's list or data/synonyms.toml."""
        return word in self.words or _fold(word) in self.synonym_words


def _read_synonyms(path: Path) -> dict[str, list[str]]:
    """Read data/synonyms.toml: `"head" = ["synonym", …]`; ValueError names a bad line."""
    data = read_toml(path)
    for head, members in data.items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ValueError(f'{path.name}: {head!r} must be a list of words: ["…", "…"]')
    return data


def _fold(text: str) -> str:
    """Return the matching form of an already normalised word: folded letters and digits."""
    # loose_match's letter folding (آ/ا, ئ/ی, hamza …), so both match the same way.
    return fold_digits(text).lower().translate(MATCH_FOLD).replace(ZWNJ, "")


def analysed_key(written: str) -> str:
    """Return the matching key of an entry read as a member's text is (spoken forms written),
    or "" when that is the entry as written (most entries: reading them all takes seconds)."""
    analysis = engine()
    # Azerbaijani words as written: a member's Azerbaijani word matches them as written too.
    reading = understand.words(written, analysis.informal, azerbaijani=False)
    if all(word.own == word.text for word in reading):
        return ""
    return "".join(unit.surface for unit in analysis.units(written, azerbaijani=False))


@functools.lru_cache(maxsize=16384)
def _entry_key(written: str) -> str:
    """Return the matching key of a lexicon entry: spaces and half-spaces don't count."""
    return "".join(_fold(normalize(written).translate(_PART_SEPARATORS)).split())


_engine = Shared(Engine)


def engine() -> Engine:
    """Return the shared hazm engine, creating it on first use."""
    return _engine()


def warm_up() -> None:
    """Load hazm's tokenizer, lemmatizer and normaliser and the Finglish tables now, not at
    the first report."""
    engine()
    normalize("")
    understand.to_persian("bargh")


def suggest(
    text: str,
    lexicon: Lexicon,
    top: int = 3,
    types: Callable[[Sequence[Unit]], Mapping[str, Tally]] | None = None,
    alone: float = 0.0,
    reweigh: Callable[[dict[str, float]], dict[str, float]] | None = None,
) -> list[Suggestion]:
    """Return `top` categories for text, best first ("other" first when nothing matched). With
    `types` (bot/services/problems.py: each category's problem types tallied in the pieces), a
    category gains its best type's weight where that reaches `alone` or its own words matched
    too («solidworks license» is technology); `reweigh` turns every category's score into
    another (bot/services/learned.py) before they are ranked."""
    units = engine().units(text)
    found = tally(units, lexicon)
    own = dict(found.scores)  # on a tie, the category's own words decide (then, taxonomy order)
    kinds_of: dict[str, tuple[Tally, str]] = {}
    for slug, kinds in (types(units) if types else {}).items():
        best = max(kinds.scores, key=lambda kind: kinds.scores[kind], default=None)
        if best is not None and (kinds.scores[best] >= alone or slug in own):
            found.scores[slug] = found.scores.get(slug, 0.0) + kinds.scores[best]
            kinds_of[slug] = (kinds, best)
    scores = {slug: found.scores.get(slug, 0.0) for slug in SLUGS}
    if reweigh is not None:
        scores = reweigh(scores)
    if any(scores.values()):
        order = sorted(SLUGS, key=lambda slug: (-scores[slug], -own.get(slug, 0.0)))
    else:
        order = [OTHER, *(slug for slug in SLUGS if slug != OTHER)]

    def suggestion(slug: str) -> Suggestion:
        matched, typed = found.words(slug)
        if slug in kinds_of:
            kinds, best = kinds_of[slug]
            more_matched, more_typed = kinds.words(best)
            matched = list(dict.fromkeys((*matched, *more_matched)))
            typed = list(dict.fromkeys((*typed, *more_typed)))
        return Suggestion(slug, round(scores[slug], 3), tuple(matched), tuple(typed))

    return [suggestion(slug) for slug in order[: max(top, 0)]]
