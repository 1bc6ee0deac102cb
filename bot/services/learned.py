"""The categories as learned from labelled reports: a second opinion beside the lexicon.

The lexicon (bot/services/categorize.py) and the problem types know the words staff wrote down;
members write many they did not think of, in five styles and every spelling. A linear model
over the letter sequences of members' words (two to five letters, word edges marked), learned
from the labelled reports in tests/data, reads «barghemoon», «ishiq» and «برقمون» alike without
a word list, and errs where the lexicon does not: the two together are right more often than
either (`python -m benchmarks.categorize`).

`blended` averages the model's probability of each category and the lexicon's share of its
score; a category the lexicon found nothing of needs the model's clear word (`_SIGN`, `_ALONE`,
`_SURE`) to be offered at all. Explanations still name the member's words: the lexicon's
matches where it has any, else the words that weighed most for the category in the model
(`words_for`).

The model is learned by `python -m benchmarks.learn` (scikit-learn, never at run time) from the
tuned-on labelled sets only, never their held-out parts, and kept in data/categories_learned.npz:
its letter sequences, their weights per category, and a digest of what it was learned from (a
test tells when the labelled sets changed since).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from bot.lazy import Shared
from bot.services.categorize import OTHER, SLUGS, Suggestion
from bot.settings import PROJECT_ROOT, read_toml
from bot.text import MATCH_FOLD, fold_digits, normalize

if TYPE_CHECKING:  # numpy is imported where used: start-up doesn't load it
    import numpy as np

__all__ = [
    "MODEL_PATH",
    "PAIRS_PATH",
    "Model",
    "PairWeights",
    "blended",
    "digest",
    "explained",
    "features",
    "model",
    "reading",
    "warm_up",
]

MODEL_PATH = PROJECT_ROOT / "data" / "categories_learned.npz"
# Letter sequences of two to five letters, in words with their edges marked by a space.
_SHORTEST, _LONGEST = 2, 5
_WORD = re.compile(r"\w+")
# A word as the member typed it, with its half-spaces, hyphens and apostrophes («جابه‌جا»).
_TYPED_WORD = re.compile("\\w+(?:[\u200c'’\\-]\\w+)*")
# A category the lexicon found nothing of is offered beside those it found when the model
# gives it this much, and as the only one (the lexicon found nothing, or only «سایر») from
# `_ALONE`: on a few words («سلام») the model's favourite is a guess. On the older held-out sets
# 0.25-0.7 gave the same top-1; 0.25 put the right one among the buttons more often.
_SIGN = 0.25
_ALONE = 0.5
# Alone on fewer words than this («کار نمیکنه», «man kar daram»), it must be surer still.
_FEW_WORDS, _SURE = 4, 0.8
# Words whose letter sequences are kept worked out (a dictionary of tuples of rows).
_WORDS_KEPT, _KEPT_LENGTH = 100_000, 40
# The model's words named for a category it alone found: at most this many.
_WORDS_SHOWN = 3


def _words(text: str) -> list[str]:
    """The member's words as the model reads them: normalised, folded, lower-case."""
    # «İ».lower() is «i» and a combining dot, which would split «İşçi» in two.
    folded = fold_digits(normalize(text)).replace("İ", "i").lower().translate(MATCH_FOLD)
    return _WORD.findall(folded)


def _grams(word: str) -> list[str]:
    marked = f" {word} "
    return [
        marked[start : start + size]
        for size in range(_SHORTEST, min(_LONGEST, len(marked)) + 1)
        for start in range(len(marked) - size + 1)
    ]


def features(text: str) -> list[str]:
    """The letter sequences of text the model weighs (also what it is learned from)."""
    return [gram for word in _words(text) for gram in _grams(word)]


def reading(texts: Iterable[str]) -> str:
    """A digest of how the model reads texts (`features`), kept with it: the weights belong to
    these letter sequences, and a change to the reading needs the model learned again."""
    hashed = hashlib.sha256(f"{_SHORTEST}-{_LONGEST}\n".encode())
    for text in texts:
        hashed.update(("\t".join(features(text)) + "\n").encode())
    return hashed.hexdigest()


def digest(texts: Iterable[tuple[str, str]]) -> str:
    """A digest of labelled texts ((slug, text) pairs), kept with the model learned from them."""
    hashed = hashlib.sha256()
    for slug, text in sorted(texts):
        hashed.update(f"{slug}\t{text}\n".encode())
    return hashed.hexdigest()


class Model:
    """A multinomial logistic regression over tf-idf weighted letter sequences."""

    def __init__(
        self,
        classes: tuple[str, ...],
        index: dict[str, int],
        idf: np.ndarray,  # (grams,)
        coef: np.ndarray,  # (grams, classes)
        intercept: np.ndarray,  # (classes,)
        learned_from: str,  # `digest` of the labelled texts (and how it was learned)
        read_as: str,  # `reading` of some of them: changes if `features` does
    ) -> None:
        self.classes, self.index, self.learned_from = classes, index, learned_from
        self.read_as = read_as
        self.idf, self.coef, self.intercept = idf, coef, intercept
        # Each word's known letter sequences (rows), worked out once: words repeat.
        self._rows: dict[str, tuple[int, ...]] = {}

    @classmethod
    def load(cls, path: Path) -> Model:
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as stored:
                grams = stored["grams"].tolist()
                model = cls(
                    classes=tuple(stored["classes"].tolist()),
                    index={gram: row for row, gram in enumerate(grams)},
                    idf=stored["idf"].astype(np.float64),
                    coef=stored["coef"].astype(np.float64),
                    intercept=stored["intercept"].astype(np.float64),
                    learned_from=str(stored["learned_from"]),
                    read_as=str(stored["read_as"]),
                )
        except (KeyError, zipfile.BadZipFile) as exc:
            raise ValueError(f"not a learned model ({exc}): python -m benchmarks.learn") from exc
        if set(model.classes) != set(SLUGS) or model.coef.shape != (len(grams), len(SLUGS)):
            raise ValueError("its categories are not the taxonomy's: python -m benchmarks.learn")
        return model

    def save(self, path: Path) -> None:
        import numpy as np

        grams = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(
            path,
            grams=np.array(grams),
            classes=np.array(self.classes),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            learned_from=np.array(self.learned_from),
            read_as=np.array(self.read_as),
        )

    def rows(self, word: str) -> tuple[int, ...]:
        """The rows of the letter sequences of a (read) word that the model knows."""
        rows = self._rows.get(word)
        if rows is None:
            known = map(self.index.get, _grams(word))
            rows = tuple(row for row in known if row is not None)
            if len(word) <= _KEPT_LENGTH:  # not a pasted address or a run of letters
                if len(self._rows) >= _WORDS_KEPT:
                    self._rows.clear()
                self._rows[word] = rows
        return rows

    def _weighed(self, words: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the words' letter sequences the model knows, and their tf-idf values
        (as learned)."""
        import numpy as np

        found = np.fromiter(chain.from_iterable(map(self.rows, words)), dtype=np.intp)
        rows, counts = np.unique(found, return_counts=True)
        values = (1.0 + np.log(counts)) * self.idf[rows]
        norm = math.sqrt(values @ values)
        return rows, values / norm if norm else values

    def probabilities(self, text: str) -> dict[str, float]:
        """Each category's probability for text."""
        import numpy as np

        rows, values = self._weighed(_words(text))
        logits = values @ self.coef[rows] + self.intercept
        exp = np.exp(logits - logits.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))

    def words_for(self, text: str, slug: str) -> tuple[str, ...]:
        """The member's words that weighed most for slug, as typed (up to `_WORDS_SHOWN`)."""
        column = self.classes.index(slug)
        own = [word for word in _TYPED_WORD.findall(text) if not fold_digits(word).isdigit()]
        read = [_words(word) for word in own]
        rows, values = self._weighed(piece for pieces in read for piece in pieces)
        weight = dict(zip(rows.tolist(), (values * self.coef[rows, column]).tolist(), strict=True))
        scored = []
        for word, pieces in zip(own, read, strict=True):
            known = {row for piece in pieces for row in self.rows(piece)}
            scored.append((sum(weight.get(row, 0.0) for row in known), word))
        best = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: -pair[0])
        # Words that weighed a third of the most or more, of three letters or more first
        # («in», «سر» say little to the member).
        best = [(w, word) for w, word in best if w >= best[0][0] / 3] if best else []
        shown = [word for _, word in best if len(word) >= 3]
        return tuple(dict.fromkeys(shown or [word for _, word in best]))[:_WORDS_SHOWN]


def _build() -> Model:
    return Model.load(MODEL_PATH)


model = Shared(_build)


def warm_up() -> None:
    """Load the model now (a few hundredths of a second), not at the first report."""
    model()


def blended(text: str, scores: dict[str, float]) -> dict[str, float]:
    """Return the lexicon's scores of every category for text (bot/services/categorize.py
    `suggest`) blended with the model's probabilities."""
    total = sum(score for score in scores.values() if score > 0)
    chances = model().probabilities(text)
    # «سایر» alone («ممنون») is no sign of any category: a guess beside it must stand alone.
    named = any(score > 0 for slug, score in scores.items() if slug != OTHER)
    floor = _SIGN if named else _ALONE if len(_words(text)) >= _FEW_WORDS else _SURE
    result = {}
    for slug, score in scores.items():
        # The lexicon's share of the text's score and the model's probability, averaged, in
        # the lexicon's units (a core's keyword weighs as against the lexicon's scores alone,
        # bot/services/consult.py).
        share = score / total if score > 0 else 0.0
        chance = chances.get(slug, 0.0)
        both = (share + chance) / 2 * max(total, 1.0)
        result[slug] = both if share or chance >= floor else 0.0
    return result


def explained(text: str, suggestion: Suggestion) -> Suggestion:
    """The suggestion with the member's words that led to it: the lexicon's, else the model's."""
    if suggestion.words or suggestion.score <= 0:
        return suggestion
    return dataclasses.replace(suggestion, words=model().words_for(text, suggestion.slug))


# --- "me too": how the signals of bot/services/me_too.py weigh, learned from labelled pairs ---

PAIRS_PATH = PROJECT_ROOT / "data" / "similar_learned.toml"


@dataclass(frozen=True)
class PairWeights:
    """A logistic regression over the named signals of two reports (me_too.py `signals`)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float
    learned_from: str  # `digest` of the labelled pairs

    @classmethod
    def load(cls, path: Path) -> PairWeights:
        table = read_toml(path)
        try:
            weights = cls(
                tuple(table["names"]),
                tuple(float(w) for w in table["weights"]),
                float(table["intercept"]),
                str(table["learned_from"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not learned weights ({exc}): python -m benchmarks.learn") from exc
        if len(weights.names) != len(weights.weights):
            raise ValueError("a weight for each signal: python -m benchmarks.learn")
        return weights

    def save(self, path: Path, comment: str) -> None:
        lines = [
            f"# {comment}",
            "# Written by `python -m benchmarks.learn`: not edited by hand.",
            f"learned_from = {json.dumps(self.learned_from)}",
            f"names = {json.dumps(list(self.names))}",
            f"weights = [{', '.join(f'{w:.6f}' for w in self.weights)}]",
            f"intercept = {self.intercept:.6f}",
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def chance(self, signals: Sequence[float]) -> float:
        """The probability that two reports with these signals are of one problem."""
        logit = self.intercept + sum(w * x for w, x in zip(self.weights, signals, strict=True))
        return 1.0 / (1.0 + math.exp(-logit))
