"""The "me too" similarity: how alike two members' reports are as reports of one problem.

Built on the categoriser's word analysis (bot/services/categorize.py: hazm, the one
normaliser, bot/understand.py): synonyms (data/synonyms.toml) become their head word, and
data/problem_words.toml tells what a problem is about from what only names its category.
Used by "me too" offers, needs-topic matching and the digest's themes. For "me too", where
both reports have one category, the problem types of bot/services/problems.py weigh in too
(`judged`): words alone miss what members say of one problem in wholly different words; that
score and the signals beside it are weighed by bot/services/me_too.py.

Rules that are not word lists: a thing missing, however said (cut, «نیست», «نداریم»,
«نیومده», «یوخدور», «پیدا نمیشه»), is one trouble, «کمبود», except a «نیست» negating the word
before it; endings typed after a half-space are no words; a verb after «می» is its lemma; a
negative synonym is known by its own spelling, not by a lemma that lost the «ن»; a plural or
ezafe on a short listed word is the word; a compound is the known word it ends with.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot import understand
from bot.lazy import Shared
from bot.services import categorize, names, polarity, problems
from bot.services.categorize import Engine, Unit, _fold
from bot.settings import PROJECT_ROOT, read_toml
from bot.text import TEXTS_KEPT, ZWNJ, normalize

__all__ = [
    "SIMILARITY_THRESHOLD",
    "WORDS_THRESHOLD",
    "conflicts",
    "judged",
    "most_similar",
    "pair_similarity",
    "shared_weight",
    "similarity",
    "tokens_for_similarity",
    "warm_up",
]

K = TypeVar("K")

# Azerbaijani light and helping verbs («پلمب ائدیبلر», «ثبت اولمور», «تاپا بیلمیریک»): like
# Persian «کردن» and «شدن» they say nothing of the problem. Matched as the start of a word hazm
# doesn't know.
# Written folded (ئ → ی), as tokens are.
_AZ_LIGHT_VERBS = (
    "اید", "ایله", "اولور", "اولمور", "اولوب", "اولماز", "اولدو", "بیلمیر", "بیلمور",
    "ایستیر", "ایستمیر", "دییر", "دیییر",
)  # fmt: skip
# Persian and Azerbaijani endings typed after a half-space: plural, possessive, copula, case.
_ENDINGS = frozenset(
    """
    ها های هایی هامون هاتون هاشون هایمان هایتان هایشان ای ی یی ام ات اش مون تون شون مان تان
    شان ش م ت ست س لار لر لاری لری لارین لرین لاریمیز لریمیز میز یمیز دیر دی دور دا ده
    دان دن ین نی سی یز ایمیز نین نون
    """.split()  # noqa: SIM905
)
# The trouble of a thing missing (data/synonyms.toml): cut, not there, not come, not found.
_ABSENT = "کمبود"
# «نیست» and its Azerbaijani «یوخدور» say a thing is missing («نگهبان نیست»), except after a
# word they negate: then it is that word's opposite, no missing thing.
_COPULAS = frozenset("نیست نیس نیستش یوخدور یوخدی یوخدو".split())  # noqa: SIM905
_NEGATED = frozenset(
    "قابل کافی پاسخگو جوابگو مناسب خوب درست راضی معلوم مشخص ممکن صرفه مقرون منطقی عادی".split()  # noqa: SIM905
) | frozenset("بلد آشنا مسلط ماهر".split())  # noqa: SIM905 («کار بلد نیست»: not skilled)
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
# Two reports sharing an object (or trouble) but each naming another: likelier two problems.
_PARTLY = 0.8
# Plural and ezafe endings the lemmatiser leaves on short or listed words.
_SHORT_WORD_ENDINGS = ("ان", "ای", "ا", "ی")
# The shortest known word a compound is read as, and (less one) the shortest rest before it.
_COMPOUND_MIN = 4
# The longest synonym phrase, in word pieces («پروانه بهره برداری»).
_PHRASE_MAX = 3

# Function words, light verbs, chat formulas, and words nearly every report (or training topic)
# shares (the estate, the factory, "problem", time words, "course"): none tells one problem
# from another. Written folded (no «آ», no half-space), as tokens_for_similarity makes them.
_STOP_WORDS = frozenset(
    """
    از به با در بر برای تا که و یا را رو هم نیز این ان اون همین همان اینجا انجا اونجا
    من تو ما شما او اونها انها ایشان خودم خودمون خودمان خود مون مان شون شان
    یه یک یکی هر همه هیچ چند چیزی چی چه چرا چطور چطوری چجوری کی کجا کدام کدوم
    است هست بود شد کرد داشت خواست داد گفت امد باید نباید میشه نمیشه شده بشه
    میخوام میخوایم میخواد داره داریم هستیم نیستیم کنید کنن بدید میگه
    بهمون بهم ازمون برامون باهامون مارو منو اینو اونو
    می نمی ها های هایی ای ی هامون هاتون هاشون هامان هاتان هاشان هایمان هایتان هایشان
    ولی اما اگر اگه چون پس دیگه دیگر هنوز الان حتی فقط خیلی زیاد کم اصلا واقعا
    سلام لطفا ممنون مرسی تشکر سپاس خسته نباشید وقت بخیر احترام
    بعد قبل روی زیر کنار بین مثل بدون طرف پیش اول
    اومده اومد امده اومدن
    مشکل شهرک شهرکها کارخانه کارخونه کارگاه واحد شرکت تولید کار روز هفته ماه سال
    دوره اموزش کلاس ساله ماهه روزه توان نتوانسته نمیتونیم نتونستیم میتونیم بتونیم داده
    ام ایم اید اند نشده نشد باشید باشد باشه نداشته داشته رفته گذشته بسیار نسبت خاطر دلیل
    یافته کرده کردن کردند کنند شود میشود نمیشود شدن شوند بودن بوده دارد دارند
    امسال پارسال دیروز امروز فردا مدام همش هنوز همیشه دوبار سه دو چندین توسط طریق
    صنعتی شهید منطقه اش زده زد مکرر مرتب روزانه خواسته خواست خواهیم لازم نیاز
    بیر ایکی اوچ بو او دا ده هم چوخ اوچون سونرا ایله وار دی اولور اولوب
    گون ایل ای ایش ایشلمیر بیلمیریک بیلمیر الا گلیر گلیب
    زیادن کسی بخاطر میاد گذاشته زند رسید دید رود روند کلی امکان دچار شدید تر ست شه
    روزی روزید گونده گونو نئچه نیچه دفعه بار ساعات ساعت دنبال الماق گزیریک بیزیم بیزه بیز
    نین نون توانست هیچکی چیکار لازیمدیر لازیم جای جا خورد خورده داخل کشور ایران
    چوخدی لازیمدی خوب لر لار گفته گفتن فعلا دیشب دون چهار پنج شش هفت هشت نه دورد بش التی یئدی
    خواهشمند استحضار رساند تقاضا درخواست اولویت توجه قرار حال براساس احتراما عنوان منوط تحت
    """.split()  # noqa: SIM905 - a list literal of 150 quoted Persian words reads far worse
)
# The words-and-types score's old offer threshold (sessions 30-37: precision 0.958 / recall 0.802
# on all the tuned-on pairs): kept for tests of that score, which "me too" now weighs among its
# signals (`chance`). Figures per part: tests/test_similar.py.
SIMILARITY_THRESHOLD = 0.42
# Without a category (needs topics) no problem types weigh in, and the words alone were measured
# best at 0.52 (705 pairs, fourth round: precision 0.983 / recall 0.936; below 0.97 from 0.50
# down); above 0.5, two two-word texts sharing one word are not offered.
WORDS_THRESHOLD = 0.52
# Two reports naming different places, banks, borders or countries (bot/services/names.py).
OTHER_NAME = 0.4


class _Words:
    """What similarity reads a text with: synonyms, Azerbaijani verb stems, kinds of words."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        table = engine.synonym_table
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
        self.synonyms, self.phrases = self._synonyms(table)
        self.compounds: tuple[str, ...] = ()
        self.kinds: dict[str, str] = {}
        self.kinds = self._kinds(PROBLEM_WORDS_PATH)
        # Words a compound may end with («الکتروموتور» is a «موتور»): what the problem words
        # and synonyms name, longest first.
        self.compounds = tuple(
            sorted(
                {w for w in (*self.kinds, *self.synonyms.values()) if len(w) >= _COMPOUND_MIN},
                key=lambda w: (-len(w), w),
            )
        )

    def _synonyms(
        self, table: Mapping[str, Sequence[str]]
    ) -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
        """Map each synonym (a word, or a phrase of 2-3) to its head, as similarity sees them."""
        words: dict[str, str] = {}
        phrases: dict[tuple[str, ...], str] = {}
        for head, members in table.items():
            # As written, like the lexicons' entries: a member's Azerbaijani word read as
            # Persian still meets its listed spelling (bot/services/categorize.py, units).
            key = "".join(
                u.canonical or u.surface for u in self.engine.units(head, azerbaijani=False)
            )
            for member in (head, *members):
                if member.endswith("-"):
                    continue
                units = self.engine.units(member, azerbaijani=False)
                # A negative verb's lemma has lost its «ن» («نمیخرن» → «خرید», «رونق ندارد»
                # → «رونق داشت»): it is registered by its own spelling only, or any
                # purchase would be a market gone quiet.
                lemmas = not any(_negation_lost(u) for u in units)
                if len(units) == 1:
                    forms = (units[0].canonical if lemmas else "", units[0].surface)
                    for form in (*forms, _fold(normalize(member))):
                        if form:
                            words.setdefault(form, key)
                elif 2 <= len(units) <= _PHRASE_MAX:
                    if lemmas:
                        phrases.setdefault(tuple(u.canonical for u in units), key)
                    phrases.setdefault(tuple(u.surface for u in units), key)
        return words, phrases

    def tokens(self, text: str) -> frozenset[str]:
        """The words of text that say what the problem is (see tokens_for_similarity)."""
        units = self.engine.units(text)
        tokens: set[str] = set()
        index = 0
        while index < len(units):
            head = None
            for size in range(min(_PHRASE_MAX, len(units) - index), 1, -1):
                window = units[index : index + size]
                head = (
                    self.phrases.get(tuple(u.canonical for u in window))
                    or self.phrases.get(tuple(u.surface for u in window))
                    # Azerbaijani words as written («ایکی قات»: twice as dear).
                    or self.phrases.get(tuple(u.written or u.surface for u in window))
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
            # The piece before, if of the same word («پرونده‌مون», «می‌کند»).
            before = units[index - 2] if index >= 2 else None
            if before is not None and before.own == unit.own:
                if unit.surface in _ENDINGS:
                    # An ending typed after a half-space («پرونده‌مون», «پروانه‌میز»,
                    # «کثیف‌دیر»): part of the word before, not «میز» (a table) or «دیر» (late).
                    continue
                if before.surface in ("می", "نمی"):
                    unit = self._verb(unit)
            head = self.synonyms.get(unit.surface)
            if head is None and unit.canonical in _STOP_WORDS:
                continue  # «تولیدمون» is «تولید»
            if head == _ABSENT and unit.surface in _COPULAS:
                negated = {u.canonical for u in units[max(0, index - 3) : index - 1]}
                if negated & _NEGATED:
                    continue  # «قابل پرداخت نیست» says no thing is missing
            token = head or self.synonym(unit) or self._compound(unit.canonical)
            if (
                len(token) >= 2
                and token not in _STOP_WORDS
                and any(ch.isalpha() for ch in token)
                # A spoken verb («نمیدن», «میسوزن») says how, not what the problem is.
                and not _spoken_verb(token, self.engine)
            ):
                tokens.add(token)
        return frozenset(tokens)

    def _compound(self, word: str) -> str:
        """A compound as the known word it ends with («الکتروموتور» → «موتور»), or itself."""
        if word in self.kinds:
            return word
        for known in self.compounds:
            if word.endswith(known) and len(word) - len(known) >= _COMPOUND_MIN - 1:
                return known
        return word

    def _verb(self, unit: Unit) -> Unit:
        """The verb of «می‌کند», «نمی‌شود» as its lemma, not as a look-alike word («کند» is
        slow): a light verb then says nothing."""
        verb = self.engine.lemmatizer.lemmatize(f"می{ZWNJ}{unit.surface}")
        if "#" not in verb:
            return unit
        past = _fold(verb.split("#")[0])
        return dataclasses.replace(unit, surface=past, canonical=past, forms=())

    def _kinds(self, path: Path) -> dict[str, str]:
        """Read data/problem_words.toml: each word's token → objects, troubles or general."""
        data = read_toml(path)
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

    def synonym(self, unit: Unit) -> str | None:
        """The head word a word piece is a synonym of, if any."""
        for form in (unit.surface, unit.canonical, *unit.forms):
            head = self.synonyms.get(form)
            if head:
                return head
        for ending in _SHORT_WORD_ENDINGS:
            # A plural or ezafe on a short word the lemmatiser leaves alone («چکا», «نخی»,
            # «مشتریان»): the word, when it is one the lists know.
            bare = unit.surface[: -len(ending)]
            if unit.surface.endswith(ending) and len(bare) >= 2:
                if bare in self.synonyms:
                    return self.synonyms[bare]
                if bare in self.kinds:
                    return bare
        if unit.surface not in self.engine.words:
            # Only a word hazm doesn't know: «قالب» is a mould, not a form of «قال-».
            for stem, head in self.stems:
                if unit.surface.startswith(stem) and len(unit.surface) > len(stem):
                    return self.synonyms.get(_fold(normalize(head)), head)
        return None


def _build() -> _Words:
    """The synonym and kind tables (and hazm's parts under them)."""
    return _Words(categorize.engine())


# Return the shared tables, building them on first use.
_load = Shared(_build)


def warm_up() -> None:
    """Load hazm's parts, the similarity tables, the problem types and the names now, not at
    the first report."""
    categorize.warm_up()
    _load()
    problems.catalogue()
    names.warm_up()


@functools.lru_cache(maxsize=TEXTS_KEPT)
def tokens_for_similarity(text: str) -> frozenset[str]:
    """Return the normalised lemmas of text without stop words, for comparing reports.

    Synonyms (data/synonyms.toml: spoken, Azerbaijani and formal words for one thing) become
    their head word, so «ایشچی تاپیلمیر» and «نیروی کار یافت نمی‌شود» share «کارگر» and «پیدا».
    """
    # Cached because one new report is compared with every open report's stored text.
    return _load().tokens(text)


def _negation_lost(unit: Unit) -> bool:
    """Whether a word piece is a negative verb whose lemma dropped the negation."""
    return unit.surface.startswith("ن") and not unit.canonical.startswith("ن")


def _spoken_verb(token: str, engine: Engine) -> bool:
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


@functools.lru_cache(maxsize=TEXTS_KEPT)
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


for _cache in (tokens_for_similarity, _profile):
    understand.forget_with_places(_cache.cache_clear)


def _conflict(a: frozenset[str], b: frozenset[str]) -> float:
    """How much two reports' objects (or troubles) say they are different problems (1: not)."""
    if not a or not b or a == b:
        return 1.0
    if not a & b:
        return _CONFLICT
    # Sharing one, each naming another the other doesn't («نرم‌افزار انبار» / «نرم‌افزار
    # حقوق»): likelier two problems, though not surely.
    if a - b and b - a:
        return _PARTLY
    return 1.0


def shared_weight(a: frozenset[str], b: frozenset[str]) -> float:
    """The weight (squared, as `similarity` sums it) of the tokens two token sets share."""
    weights = _profile(a).weights
    return sum(weights[t] for t in a & b)


def conflicts(a: frozenset[str], b: frozenset[str]) -> tuple[float, float]:
    """How much two token sets' objects, and their troubles, say they are two problems."""
    pa, pb = _profile(a), _profile(b)
    return _conflict(pa.objects, pb.objects), _conflict(pa.troubles, pb.troubles)


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
    score *= _conflict(pa.objects, pb.objects) * _conflict(pa.troubles, pb.troubles)
    return score


def judged(a: str, b: str, score: float, category: str | None) -> float:
    """Return a words' score weighed with the texts' problem types (`problems.weigh`) and
    the names they say (bot/services/names.py).

    Two naming different places, banks, borders or countries score less, whatever else they
    share; so do two of which one says a thing was done and the other that it was not
    (bot/services/polarity.py: «تایید نمی‌کند» / «تایید می‌کند ولی …»).
    """
    if score <= 0:
        return score
    if category is not None:
        score = problems.weigh(a, b, score, category)
    if polarity.contradict(polarity.polarity(a), polarity.polarity(b)):
        score *= _CONFLICT  # one says a thing was done, the other that it was not
    # Last, so no shared problem type lifts it back: another place is another problem.
    return score * OTHER_NAME if names.differ(a, b) else score


def pair_similarity(a: str, b: str, category: str | None = None) -> float:
    """Return how alike two texts (of `category`, when known) are as reports of one problem."""
    return judged(a, b, similarity(tokens_for_similarity(a), tokens_for_similarity(b)), category)


def most_similar(
    text: str,
    candidates: Sequence[tuple[K, str]],
    limit: int = 3,
    threshold: float = WORDS_THRESHOLD,
) -> list[tuple[K, float]]:
    """Return up to `limit` (key, score) of candidates at least `threshold` similar by their
    words, best first (needs topics; "me too" weighs more: bot/services/me_too.py)."""
    if limit <= 0:
        return []
    tokens = tokens_for_similarity(text)
    scored = [
        (key, judged(text, other, similarity(tokens, tokens_for_similarity(other)), None))
        for key, other in candidates
    ]
    # sorted() is stable, so equally similar candidates keep the caller's order.
    ranked = sorted(
        (pair for pair in scored if pair[1] > 0 and pair[1] >= threshold), key=lambda p: -p[1]
    )
    return ranked[:limit]
