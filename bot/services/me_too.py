""" "Me too": which open reports a member is offered to join, by a learned probability.

bot/services/similar.py scores how alike two reports' words are, weighed by their problem
types, places and whether one denies what the other says (`judged`). That one score was the
offer until session 38; now it is one of the signals (`SIGNALS`) that a logistic regression,
learned from the labelled pairs (`python -m benchmarks.learn`, data/similar_learned.toml, never
the held-out parts), weighs into the probability that two reports are of one problem: how many
words they share counts apart from the cosine (two long reports of one problem share many words
but not most), and so do their problem types' likeness and their lengths.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

from bot.lazy import Shared
from bot.services import learned, names, polarity, problems
from bot.services.similar import (
    conflicts,
    judged,
    shared_weight,
    similarity,
    tokens_for_similarity,
)

__all__ = ["OFFER_CHANCE", "SIGNALS", "chance", "offers", "signals", "weights"]

K = TypeVar("K")

# An open report is offered from this probability of one problem: on all the tuned-on pairs
# precision 0.964 / recall 0.854, against 0.958 / 0.802 from `judged` alone at its threshold
# (0.42); on the older held-out parts 15, 16, 18 and 19 recall 0.61 / 0.68 / 0.76 / 0.88 against
# 0.58 / 0.58 / 0.45 / 0.66, precision about as before (session 38).
OFFER_CHANCE = 0.8

SIGNALS = (
    "judged", "words", "one_type", "two_types", "types_alike", "other_name", "contradict",
    "shared", "shorter", "longer", "shared_weight", "objects", "troubles",
)  # fmt: skip


def signals(a: str, b: str, category: str) -> tuple[float, ...]:
    """What "me too" weighs (`SIGNALS`, in order) of two reports of one category."""
    ta, tb = tokens_for_similarity(a), tokens_for_similarity(b)
    words = similarity(ta, tb)
    one, other = problems.problem_of(a, category), problems.problem_of(b, category)
    both = one is not None and other is not None
    shared = ta & tb
    return (
        judged(a, b, words, category),
        words,
        float(both and one == other),
        float(both and one != other),
        problems.types_alike(a, b, category),
        float(names.differ(a, b)),
        float(polarity.contradict(polarity.polarity(a), polarity.polarity(b))),
        math.log1p(len(shared)),
        math.log1p(min(len(ta), len(tb))),
        math.log1p(max(len(ta), len(tb))),
        math.log1p(shared_weight(ta, tb)),
        *conflicts(ta, tb),
    )


def _load() -> learned.PairWeights:
    weights = learned.PairWeights.load(learned.PAIRS_PATH)
    if weights.names != SIGNALS:
        raise ValueError(
            f"{learned.PAIRS_PATH.name} weighs other signals: python -m benchmarks.learn"
        )
    return weights


weights = Shared(_load)


def chance(a: str, b: str, category: str) -> float:
    """The learned probability (bot/services/learned.py) that two reports are of one problem."""
    return weights().chance(signals(a, b, category))


def offers(
    text: str, candidates: Sequence[tuple[K, str]], category: str, limit: int = 3
) -> list[tuple[K, float]]:
    """Return up to `limit` (key, probability) of candidates of category to offer, best first."""
    if limit <= 0 or not text.strip():
        return []
    scored = [(key, chance(text, other, category)) for key, other in candidates]
    # sorted() is stable, so equally likely candidates keep the caller's order.
    ranked = sorted((pair for pair in scored if pair[1] >= OFFER_CHANCE), key=lambda p: -p[1])
    return ranked[:limit]
