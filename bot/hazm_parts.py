"""The parts of hazm Khooshe uses, loaded once, shared, and without hazm's package `__init__`.

Khooshe calls four things of hazm 0.10: the Normalizer (bot/text.py), the word tokenizer and
the Lemmatizer (the categoriser, bot/services/categorize.py and bot/understand.py), the
stop-word list (the digest's themes) and the informal lexicon's files. `import hazm` runs
hazm/__init__.py, which imports every part of hazm: its POS tagger, chunker, parsers,
embeddings and corpus readers pull in nltk, numpy, scipy, scikit-learn, gensim and fasttext
(about a second and 110 MiB) that Khooshe never calls.

So this module imports only the seven source modules those parts live in (utils, stemmer,
word_tokenizer, lemmatizer, normalizer, sentence_tokenizer, informal_normalizer), under a
stand-in `hazm` package whose names are filled in as they load (the modules import each other
as `from hazm import X`). nltk enters only as two abstract base classes (TokenizerI,
StemmerI); stand-ins with the same methods take their place. sys.modules is put back as it
was afterwards, so a real `import hazm` elsewhere still gets the whole, untouched package.

The parts are built once and shared: one word tokenizer, one lemmatizer. hazm's Normalizer
builds its own tokenizer (without joining verb parts) and its own lemmatizer (for its verb
list, without joined forms), and the Lemmatizer builds another tokenizer: four tokenizers
(45 MiB each) and two lemmatizers. Here the normaliser gets a copy of the shared tokenizer
that does not join verb parts (sharing its tables) and the shared lemmatizer's conjugations,
which are its verb list without the joined forms.

The tables are also held more compactly than hazm holds them (about 50 MiB less resident
memory): the word list without its part-of-speech tags, which nothing reads (WordCounts), and
the lemmatizer's 160,000 joined verb forms answered from their pattern instead of stored
(VerbForms). tests/test_hazm_parts.py compares both with hazm's, key by key and in order.
The normaliser's character table is built once, not on every call as hazm does.

Risk: this relies on hazm 0.10's module layout and on which names each module imports, which
pyproject pins (hazm>=0.10,<0.11). If a release changes them, loading fails loudly (an
ImportError or AttributeError at the first normalisation), never silently: and
tests/test_hazm_parts.py compares every part with the full `import hazm` over several
hundred sentences, and the verb lists entry by entry, so a difference in behaviour fails
there first.
"""

from __future__ import annotations

import copy
import functools
import importlib
import importlib.util
import itertools
import sys
import threading
import types
from abc import ABC, ABCMeta, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from bot.lazy import Shared

_MODULES = (
    "utils",
    "stemmer",
    "word_tokenizer",
    "lemmatizer",
    "normalizer",
    "sentence_tokenizer",
    "informal_normalizer",
)


class TokenizerI(ABC):
    """nltk.tokenize.api.TokenizerI, the methods hazm's tokenizers inherit."""

    @abstractmethod
    def tokenize(self, s: str) -> list[str]:
        """Tokens of `s`."""

    def tokenize_sents(self, strings: list[str]) -> list[list[str]]:
        """`tokenize` of each string."""
        return [self.tokenize(s) for s in strings]

    def span_tokenize(self, s: str) -> Iterator[tuple[int, int]]:
        """Not offered (nltk's raises the same)."""
        raise NotImplementedError

    def span_tokenize_sents(self, strings: list[str]) -> Iterator[list[tuple[int, int]]]:
        """Not offered either."""
        for s in strings:
            yield list(self.span_tokenize(s))


class StemmerI(metaclass=ABCMeta):
    """nltk.stem.api.StemmerI."""

    @abstractmethod
    def stem(self, token: str) -> str:
        """The stem of `token`."""


def _stand_ins(folder: str) -> dict[str, types.ModuleType]:
    hazm = types.ModuleType("hazm")
    hazm.__path__ = [folder]
    nltk = types.ModuleType("nltk")
    tokenize = types.ModuleType("nltk.tokenize")
    tokenize_api = types.ModuleType("nltk.tokenize.api")
    stem, stem_api = types.ModuleType("nltk.stem"), types.ModuleType("nltk.stem.api")
    tokenize_api.TokenizerI = TokenizerI  # type: ignore[attr-defined]
    stem_api.StemmerI = StemmerI  # type: ignore[attr-defined]
    return {
        "hazm": hazm,
        "nltk": nltk,
        "nltk.tokenize": tokenize,
        "nltk.tokenize.api": tokenize_api,
        "nltk.stem": stem,
        "nltk.stem.api": stem_api,
    }


def load_modules() -> dict[str, Any]:
    """Import hazm's seven modules apart from the package (a fresh copy at every call)."""
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("hazm is not installed")
    stand_ins = _stand_ins(spec.submodule_search_locations[0])
    package = stand_ins["hazm"]
    touched = [*stand_ins, *(f"hazm.{name}" for name in _MODULES)]
    saved = {name: sys.modules.pop(name) for name in touched if name in sys.modules}
    modules: dict[str, Any] = {}
    with _IMPORTING:
        try:
            sys.modules.update(stand_ins)
            for name in _MODULES:
                module = importlib.import_module(f"hazm.{name}")
                modules[name] = module
                # What the next modules' `from hazm import X` finds.
                for key, value in vars(module).items():
                    if not key.startswith("_"):
                        setattr(package, key, value)
        finally:
            for name in touched:
                sys.modules.pop(name, None)
            sys.modules.update(saved)
    return modules


# Loading swaps sys.modules entries: two loads at once (or a load beside a real `import hazm`
# in this module's own threads) must not see each other's stand-ins.
_IMPORTING = threading.Lock()


class WordCounts(Mapping[str, tuple[int]]):
    """hazm's word list (word → (count,)) without the part-of-speech tags, read straight
    from its file.

    hazm keeps word → (count, tags) for 193,000 words, built through two whole-file lists;
    what it reads of it is membership and, in the normaliser, whether a count is above
    zero (`words[w][0] > 0`), and Khooshe asks for membership only. A plain dict of counts,
    filled line by line, holds that in about half the memory and leaves no temporary lists
    behind (their freed memory stayed with the process).
    """

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts

    @classmethod
    def read(cls, path: str) -> WordCounts:
        """The words file as hazm's `words_list` reads it (a later line wins, as in its dict)."""
        counts: dict[str, int] = {}
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                item = line.strip().split("\t")
                if len(item) == 3:
                    counts[item[0]] = int(item[1])
        return cls(counts)

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def __getitem__(self, word: str) -> tuple[int]:
        return (self._counts[word],)

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


class VerbForms(Mapping[str, str]):
    """The lemmatizer's verb forms (form → "past#present"), with the joined ones computed.

    hazm's Lemmatizer stores every conjugation of its 693 verbs and, beside them, about
    160,000 joined forms: the participle with each of 114 following verbs («رفته_است»,
    «نرفته_بود») and 12 preceding ones with the past stem («خواهم_رفت»). Those are a pattern,
    so here they are answered from the pattern: for a key, the verb that hazm's loop wrote
    last (its dict keeps the last value), found from the participle (or the stem) and the
    other part. Iteration gives hazm's keys in hazm's order; it builds them, so it is for
    tests, not the hot path. The conjugations alone are `forms` (the normaliser's list).
    """

    def __init__(self, forms: dict[str, str], tokenizer: Any) -> None:
        stems = (verb.split("#")[0] for verb in tokenizer.verbs)
        # A key's "_" splits it into its two parts only while no form or stem has one.
        if any("_" in key for key in forms) or any("_" in stem for stem in stems):
            raise ImportError("hazm's conjugations have changed: bot/hazm_parts.py needs a look")
        self.forms = forms
        self._verbs: list[str] = list(tokenizer.verbs)
        self._after = frozenset(tokenizer.after_verbs)
        self._after_order = list(tokenizer.after_verbs)  # hazm's loop order (a set's)
        self._before_order = list(tokenizer.before_verbs)
        # Who wrote a key last: the index of the verb in hazm's loop and the verb.
        self._participles: dict[str, tuple[int, str]] = {}  # "رفته", "نرفته" → writer
        self._before: dict[str, tuple[int, str]] = {}  # "خواهم_رفت" → writer
        for index, verb in enumerate(self._verbs):
            bon = verb.split("#")[0]
            self._participles[bon + "ه"] = self._participles["ن" + bon + "ه"] = (index, verb)
            for before_verb in self._before_order:
                self._before[before_verb + "_" + bon] = (index, verb)
        self._len: int | None = None

    def _joined(self, key: str) -> str | None:
        participle, _, after = key.partition("_")
        wrote = self._participles.get(participle) if after in self._after else None
        before = self._before.get(key)
        if before is not None and (wrote is None or before[0] >= wrote[0]):
            # The same verb writes its preceding-verb forms after its participle forms.
            return before[1]
        return None if wrote is None else wrote[1]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key in self.forms:
            return True
        return "_" in key and self._joined(key) is not None

    def __getitem__(self, key: str) -> str:
        found = self.forms.get(key)
        if found is None and "_" in key:
            found = self._joined(key)
        if found is None:
            raise KeyError(key)
        return found

    def _joined_keys(self) -> Iterator[str]:
        seen: set[str] = set()
        for verb in self._verbs:
            bon = verb.split("#")[0]
            keys = [
                *(k for a in self._after_order for k in (bon + "ه_" + a, "ن" + bon + "ه_" + a)),
                *(b + "_" + bon for b in self._before_order),
            ]
            for key in keys:
                if key not in seen:
                    seen.add(key)
                    yield key

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self.forms, self._joined_keys())

    def __len__(self) -> int:
        if self._len is None:
            self._len = len(self.forms) + sum(1 for _ in self._joined_keys())
        return self._len


@dataclass(frozen=True)
class Parts:
    """hazm's parts, built once."""

    # Built the way bot/text.py wants it: digits and "..." / "3.5" left as typed.
    normalizer: Any
    # Joins verb parts («رفته است» → «رفته_است»), as hazm's word_tokenize does.
    tokenizer: Any
    lemmatizer: Any
    informal_conjugations: Callable[[str], list[str]]
    informal_verbs: str  # file paths of hazm's informal lexicon
    informal_words: str
    stopwords: Callable[[], list[str]]


def build() -> Parts:
    """Load hazm's modules and build the shared parts (seconds; prefer `parts()`)."""
    m = load_modules()
    utils = m["utils"]
    # The word list is read once, compactly, not through hazm's words_list.
    words = WordCounts.read(str(utils.default_words))
    m["word_tokenizer"].words_list = lambda *_, **__: ()
    tokenizer = m["word_tokenizer"].WordTokenizer()
    tokenizer.words = words
    # The Lemmatizer's own tokenizer (same files, same options) is the shared one; it is
    # built without the joined forms, which VerbForms answers from their pattern.
    m["lemmatizer"].WordTokenizer = lambda **_: tokenizer
    lemmatizer = m["lemmatizer"].Lemmatizer(joined_verb_parts=False)
    verbs = VerbForms(lemmatizer.verbs, tokenizer)
    lemmatizer.verbs = verbs
    spacing = copy.copy(tokenizer)  # the same tables, without joining verb parts
    spacing._join_verb_parts = False
    m["normalizer"].WordTokenizer = lambda **_: spacing
    m["normalizer"].Lemmatizer = lambda **_: types.SimpleNamespace(verbs=verbs.forms)
    # Normalizer.normalize rebuilds its character table (about 600 entries, from the same two
    # strings) on every call: 0.17 ms, more than the rest of a short text. Built once here.
    m["normalizer"].maketrans = functools.lru_cache(maxsize=4)(utils.maketrans)
    normalizer = m["normalizer"].Normalizer(persian_numbers=False, persian_style=False)
    return Parts(
        normalizer=normalizer,
        tokenizer=tokenizer,
        lemmatizer=lemmatizer,
        informal_conjugations=_without_instance(
            m["informal_normalizer"].InformalNormalizer.informal_conjugations
        ),
        informal_verbs=str(utils.informal_verbs),
        informal_words=str(utils.informal_words),
        stopwords=utils.stopwords_list,
    )


def _without_instance(method: Callable[[Any, str], list[str]]) -> Callable[[str], list[str]]:
    """InformalNormalizer.informal_conjugations reads nothing of its instance (building one
    would load a third tokenizer and lemmatizer)."""
    return lambda verb: method(None, verb)


_parts = Shared(build)


def parts() -> Parts:
    """The shared parts, built on first use."""
    return _parts()


def loaded() -> bool:
    """Whether the parts are built (callers on the event loop avoid waiting for it)."""
    return _parts.loaded
