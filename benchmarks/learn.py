"""Learn the categories' model (bot/services/learned.py) from the tuned-on labelled reports.

Run by hand from the project root after labelled data changes: `python -m benchmarks.learn`.
Writes data/categories_learned.npz and prints what it was learned from; tests/test_learned.py
fails while the model is older than the labelled sets. Held-out sets (names with "held-out" and
the "me too" parts in benchmarks/similar.py HELD_OUT) are never learned from, nor any text that
also appears in one, so their figures stay a measure of text the model has not seen.

scikit-learn (which hazm installs) does the learning; the bot only multiplies the weights.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.categorize import SETS, STYLE_SETS, read_labelled, read_styles
from benchmarks.similar import HELD_OUT, PARTS, read_pairs
from bot.services import learned

# The model's one setting: inverse regularisation strength, chosen on dev 20 and style blind
# 8's dev half learned without them, with the older held-out sets (session 38): 3, 10 and 30
# were within a text of each other, the blend best at 10.
_C = 10.0


def _held_out(name: str) -> bool:
    return "held-out" in name or name in HELD_OUT


def labelled() -> tuple[list[tuple[str, str]], set[str]]:
    """Return the tuned-on labelled (slug, text) pairs, each text once, and the held-out texts."""
    named: list[tuple[str, list[tuple[str, str]]]] = [
        (name, read_labelled(path)) for name, path in SETS.items()
    ]
    for name, path in STYLE_SETS.items():
        named += [(name, rows) for rows in read_styles(path).values()]
    for part, path in PARTS.items():
        rows = []
        for pair in read_pairs(path):
            rows += [(pair.category, pair.a), (pair.category, pair.b)]
        named.append((part, rows))
    held = {text for name, rows in named if _held_out(name) for _, text in rows}
    kept: dict[str, str] = {}
    for name, rows in named:
        if not _held_out(name):
            for slug, text in rows:
                if text not in held:
                    kept.setdefault(text, slug)
    return [(slug, text) for text, slug in kept.items()], held


def fit(rows: list[tuple[str, str]]) -> tuple[Any, Any]:
    """Fit scikit-learn's vectoriser and classifier on (slug, text) rows."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=learned.features, min_df=2, sublinear_tf=True)
    matrix = vectorizer.fit_transform([text for _, text in rows])
    fitted = LogisticRegression(C=_C, max_iter=3000).fit(matrix, [slug for slug, _ in rows])
    return vectorizer, fitted


def learn(rows: list[tuple[str, str]]) -> learned.Model:
    """The bot's model of what `fit` learns from (slug, text) rows."""
    vectorizer, fitted = fit(rows)
    return learned.Model(
        classes=tuple(str(slug) for slug in fitted.classes_),
        index={str(gram): int(row) for gram, row in vectorizer.vocabulary_.items()},
        idf=vectorizer.idf_,
        coef=fitted.coef_.T.copy(),
        intercept=fitted.intercept_,
        learned_from=learned.digest(rows),
    )


def main() -> None:
    """Learn, write and print."""
    rows, held = labelled()
    start = time.perf_counter()
    model = learn(rows)
    elapsed = time.perf_counter() - start
    model.save(learned.MODEL_PATH)
    size = learned.MODEL_PATH.stat().st_size
    print(
        f"learned from {len(rows)} labelled texts ({len(held)} held-out texts left out) in "
        f"{elapsed:.1f} s: {len(model.index)} letter sequences, {len(model.classes)} "
        f"categories; {learned.MODEL_PATH.name} {size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
