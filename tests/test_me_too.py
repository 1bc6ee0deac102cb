""" "Me too" offers (bot/services/me_too.py): the learned probability of one problem, learned
from what it should be, and what it offers on the labelled pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.learn import labelled_pairs, pairs_digest
from benchmarks.similar import HELD_OUT, PARTS, precision_recall, read_pairs
from bot.services import learned, me_too

# Precision and recall of the offers (at OFFER_CHANCE), as first measured with the learned
# weights (session 38), the words-and-types score alone at 0.42 beside them; floors a pair or
# two below. Held-out 21-23 were never read; 15-19 were looked at in earlier rounds.
OFFER_FLOORS = {
    "dev 17": (0.93, 0.72),  # 0.957 / 0.750 (0.984 / 0.500)
    "dev 20": (0.87, 0.83),  # 0.896 / 0.863 (0.957 / 0.550)
    "held-out 15": (0.86, 0.58),  # 0.890 / 0.608 (0.864 / 0.583)
    "held-out 16": (0.90, 0.65),  # 0.931 / 0.675 (0.920 / 0.575)
    "held-out 18": (0.87, 0.73),  # 0.897 / 0.762 (0.923 / 0.450)
    "held-out 19": (0.89, 0.85),  # 0.921 / 0.875 (0.946 / 0.662)
    "held-out 21": (0.92, 0.71),  # 0.952 / 0.738 (0.945 / 0.650)
    "held-out 22": (0.89, 0.66),  # 0.917 / 0.688 (0.957 / 0.275)
    # Written blind in session 39, never read; first measured with the weights of session 38.
    "held-out 23": (0.88, 0.71),  # 0.908 / 0.738 (0.950 / 0.237)
    # Written blind in session 40 (mostly close different pairs), never read; first measured
    # with the weights of session 38.
    "held-out 24": (0.81, 0.62),  # 0.839 / 0.650 (0.949 / 0.463)
}


@pytest.mark.parametrize("part", list(OFFER_FLOORS))
def test_offer_precision_and_recall_floors(part: str) -> None:
    pairs = read_pairs(PARTS[part])
    chances = [me_too.chance(*pair.texts) for pair in pairs]
    precision, recall = precision_recall(pairs, chances, me_too.OFFER_CHANCE)
    least_precision, least_recall = OFFER_FLOORS[part]
    assert precision >= least_precision, (part, precision, recall)
    assert recall >= least_recall, (part, precision, recall)


def test_the_weights_are_learned_from_the_labelled_pairs_as_they_are() -> None:
    """Pairs changed since the weights were learned? `python -m benchmarks.learn`."""
    assert me_too.weights().learned_from == pairs_digest(labelled_pairs())
    assert me_too.weights().names == me_too.SIGNALS


def test_no_held_out_pair_is_learned_from() -> None:
    learned_from = {(p.a, p.b) for p in labelled_pairs()}
    held_out = {(p.a, p.b) for part in HELD_OUT for p in read_pairs(PARTS[part])}
    assert held_out and learned_from
    assert not learned_from & held_out


def test_offers_are_the_likeliest_first_above_the_threshold() -> None:
    text = "برق شهرک رازی مدام قطع میشه و چند تا از دستگاه هامون سوخته"
    candidates = [
        (1, "وام بانک ملی رو ندادن"),
        (2, "برق شهرک رازی هر روز قطع می‌شود و دستگاه‌ها آسیب می‌بینند"),
        (3, "قطعی مکرر برق در شهرک رازی به دستگاه‌های ما آسیب زده است"),
        (4, "قبض برق این ماه دو برابر آمده"),
    ]
    found = me_too.offers(text, candidates, "electricity")
    assert {key for key, _ in found} == {2, 3}
    assert all(chance >= me_too.OFFER_CHANCE for _, chance in found)
    assert [chance for _, chance in found] == sorted((c for _, c in found), reverse=True)
    assert me_too.offers(text, candidates, "electricity", limit=1) == found[:1]
    assert me_too.offers(text, candidates, "electricity", limit=0) == []
    assert me_too.offers("  ", candidates, "electricity") == []


def test_weights_that_are_not_learned_weights_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "weights.toml"
    broken.write_text(
        'names = ["judged"]\nweights = [1.0, 2.0]\nintercept = 0\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"benchmarks\.learn"):
        learned.PairWeights.load(broken)
    weights = me_too.weights()
    weights.save(tmp_path / "again.toml", "a copy")
    assert learned.PairWeights.load(tmp_path / "again.toml") == weights
