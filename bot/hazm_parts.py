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
that does not join verb parts (sharing its tables) and a view of the shared lemmatizer's verb
list without the joined forms.

Risk: this relies on hazm 0.10's module layout and on which names each module imports, which
pyproject pins (hazm>=0.10,<0.11). If a release changes them, loading fails loudly (an
ImportError or AttributeError at the first normalisation), never silently: and
tests/test_hazm_parts.py compares every part with the full `import hazm` over several
hundred sentences, and the verb lists entry by entry, so a difference in behaviour fails
there first.
"""

from __future__ import annotations

import copy
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


class UnjoinedVerbs(Mapping[str, str]):
    """The lemmatizer's verb forms without the joined ones («رفته_است»): the list hazm's
    Normalizer builds with a second `Lemmatizer(joined_verb_parts=False)`, as a view.

    hazm's Lemmatizer adds the joined forms after every conjugation, so they are the keys
    beyond the first `written` ones (a dict keeps insertion order). Every joined form has a
    "_" and no conjugation has one (checked when built), so "_" tells them apart."""

    def __init__(self, verbs: dict[str, str], written: int) -> None:
        if any("_" in key for key in itertools.islice(verbs, written)):
            raise ImportError("hazm's conjugations have changed: bot/hazm_parts.py needs a look")
        self._verbs = verbs
        self._len = written

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and "_" not in key and key in self._verbs

    def __getitem__(self, key: str) -> str:
        if "_" in key:
            raise KeyError(key)
        return self._verbs[key]

    def __iter__(self) -> Iterator[str]:
        return itertools.islice(self._verbs, self._len)

    def __len__(self) -> int:
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


def _join_verb_parts(verbs: dict[str, str], tokenizer: Any) -> None:
    """The joined forms hazm's Lemmatizer adds when joined_verb_parts is true (its code)."""
    for verb in tokenizer.verbs:
        bon = verb.split("#")[0]
        for after_verb in tokenizer.after_verbs:
            verbs[bon + "ه_" + after_verb] = verb
            verbs["ن" + bon + "ه_" + after_verb] = verb
        for before_verb in tokenizer.before_verbs:
            verbs[before_verb + "_" + bon] = verb


def build() -> Parts:
    """Load hazm's modules and build the shared parts (seconds; prefer `parts()`)."""
    m = load_modules()
    tokenizer = m["word_tokenizer"].WordTokenizer()
    # The Lemmatizer's own tokenizer (same files, same options) is the shared one.
    m["lemmatizer"].WordTokenizer = lambda **_: tokenizer
    lemmatizer = m["lemmatizer"].Lemmatizer(joined_verb_parts=False)
    written = len(lemmatizer.verbs)
    _join_verb_parts(lemmatizer.verbs, tokenizer)
    unjoined = UnjoinedVerbs(lemmatizer.verbs, written)
    spacing = copy.copy(tokenizer)  # the same tables, without joining verb parts
    spacing._join_verb_parts = False
    m["normalizer"].WordTokenizer = lambda **_: spacing
    m["normalizer"].Lemmatizer = lambda **_: types.SimpleNamespace(verbs=unjoined)
    normalizer = m["normalizer"].Normalizer(persian_numbers=False, persian_style=False)
    utils = m["utils"]
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


_parts: Parts | None = None
# A lock, not functools.cache: two threads arriving together must not both pay the load.
_lock = threading.Lock()


def parts() -> Parts:
    """The shared parts, built on first use."""
    global _parts
    loaded = _parts
    if loaded is not None:
        return loaded
    with _lock:
        if _parts is None:
            _parts = build()
        return _parts


def loaded() -> bool:
    """Whether the parts are built (callers on the event loop avoid waiting for it)."""
    return _parts is not None
