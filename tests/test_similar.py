"""The "me too" similarity on the labelled pairs (tests/data/similar_pairs_*.tsv), and its parts.

The held-out part was written and committed before any tuning and never tuned on; the floors
hold what was measured (`python -m benchmarks.similar`) so a change cannot quietly make a wrong
"me too" offer likelier.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.similar import PARTS, precision_recall, protect_sample_places, read_pairs
from bot.services.categorize import SLUGS
from bot.services.similar import (
    SIMILARITY_THRESHOLD,
    _load,
    pair_similarity,
    similarity,
    tokens_for_similarity,
)


@pytest.fixture(scope="module", autouse=True)
def places() -> None:
    protect_sample_places()


def test_pairs_sets_are_sound() -> None:
    styles = {"formal", "colloquial", "finglish", "azerbaijani"}
    parts = {name: read_pairs(path) for name, path in PARTS.items()}
    assert len(parts["tuning"]) + len(parts["held-out"]) >= 150
    assert len(parts["held-out 3"]) >= 60
    # The third held-out part covers every category with same and different problems.
    assert {p.category for p in parts["held-out 3"] if p.same} == set(SLUGS)
    assert {p.category for p in parts["held-out 3"] if not p.same} == set(SLUGS)
    for pairs in parts.values():
        assert sum(p.same for p in pairs) >= 20 and sum(not p.same for p in pairs) >= 20
        assert all(set(p.styles.split("/")) <= styles for p in pairs)
        assert all(p.category in SLUGS for p in pairs)
    # No pair is in two parts.
    seen = [{(p.a, p.b) for p in pairs} for pairs in parts.values()]
    for i, first in enumerate(seen):
        for second in seen[i + 1 :]:
            assert not first & second


@pytest.mark.parametrize("part", list(PARTS))
def test_precision_and_recall_floors(part: str) -> None:
    pairs = read_pairs(PARTS[part])
    scores = [pair_similarity(p.a, p.b) for p in pairs]
    precision, recall = precision_recall(pairs, scores, SIMILARITY_THRESHOLD)
    # Measured (threshold 0.54) with the object/trouble weighing: tuning 1.000 / 0.962,
    # held-out 0.976 / 0.774, held-out 2 1.000 / 0.708, held-out 3 (written before this
    # weighing, measured once when it was done) 1.000 / 0.659. Before it: 0.978 / 1.000 (on 80
    # tuning pairs), 0.978 / 0.849, 0.895 / 0.708 and 0.862 / 0.568. Precision holds the
    # brief's 0.95 everywhere; recall holds what was measured, so it cannot quietly fall.
    floors = {
        "tuning": (0.95, 0.95),
        "held-out": (0.95, 0.77),
        "held-out 2": (0.95, 0.70),
        "held-out 3": (0.95, 0.65),
    }
    least_precision, least_recall = floors[part]
    assert precision >= least_precision, (part, precision, recall)
    assert recall >= least_recall, (part, precision, recall)


def test_azerbaijani_and_formal_wordings_meet() -> None:
    # No shared written word at all: synonyms and Azerbaijani endings make them meet.
    assert pair_similarity("ایشچی تاپیلمیر", "کارگر ماهر پیدا نمیشه") >= SIMILARITY_THRESHOLD
    assert pair_similarity("بانکلار وام وئرمیر", "بانک وام نمیده") >= SIMILARITY_THRESHOLD
    assert "بانک" in tokens_for_similarity("بانکلار")
    assert "کارگر" in tokens_for_similarity("کارگران")
    assert pair_similarity("دزدی تو شهرک زیاد شده", "سرقت در شهرک افزایش یافته است") > 0.5


def test_an_estate_name_shared_is_not_the_same_problem() -> None:
    same_estate = pair_similarity(
        "برق شهرک رازی هر روز قطع میشه", "قبض برق ما تو شهرک رازی خیلی زیاد اومده"
    )
    assert same_estate < SIMILARITY_THRESHOLD
    # The place word still counts a little, and a Latin «razi» is the estate, not «ارز».
    assert "رازی" in tokens_for_similarity("bargh shahrak razi ghat mishe")
    a, b = tokens_for_similarity("برق رازی"), tokens_for_similarity("برق")
    assert 0 < similarity(a, b) < 1


def test_different_objects_or_troubles_of_one_category_are_not_one_problem() -> None:
    # Same words but the thing it is about: power or gas, iron or leather.
    assert pair_similarity("قبض برق ما سه برابر شده است.", "قبض گاز ما سه برابر شده است.") < 0.5
    assert pair_similarity("قیمت آهن بالا رفته", "قیمت چرم بالا رفته") < 0.5
    # Same thing, another trouble: a cut or a bill.
    assert pair_similarity("برق شهرک قطع میشه", "قبض برق شهرک زیاده") < SIMILARITY_THRESHOLD
    # Named on one side only, an object is no evidence against: still one problem.
    assert pair_similarity("برق قطع میشه", "برق هر روز قطع میشه دستگاه سوخت") >= 0.54


def test_general_words_count_less_than_what_the_problem_is() -> None:
    # «بانک» only names the category: sharing it and «وام» does not make a refusal and
    # a high interest rate one problem.
    assert pair_similarity("بانک وام نمیده", "سود وام بانک بالاست") < SIMILARITY_THRESHOLD
    assert pair_similarity("بانک وام وئرمیر", "bank vam nemide") >= SIMILARITY_THRESHOLD


def test_azerbaijani_verb_stems_and_spoken_endings_meet_their_words() -> None:
    # «تاپ-» in data/synonyms.toml: every ending of the verb is «پیدا».
    assert "پیدا" in tokens_for_similarity("تاپا بیلمیریک")
    assert "پیدا" in tokens_for_similarity("تاپمادیق")
    # Light verbs say nothing; possessive endings come off («واحدمونو», «چکامون»).
    assert tokens_for_similarity("سایتیمیزی هک ائدیبلر") == tokens_for_similarity(
        "سایتمونو هک کردن"
    )
    assert "چک" in tokens_for_similarity("چکامون برگشت خورده")
    # A dictionary word starting like a stem is itself: «قالب» is a mould.
    assert "ماند" not in tokens_for_similarity("قالب")


def test_problem_words_file_is_checked(tmp_path: Path) -> None:
    engine = _load()
    assert engine.kinds["برق"] == "objects" and engine.kinds["بانک"] == "general"
    # Synonyms share their head's kind: «ایشیق» is «برق».
    assert engine.kinds[next(iter(tokens_for_similarity("ایشیق")))] == "objects"
    bad = tmp_path / "problem_words.toml"
    bad.write_text('objects = ["برق"]\ngeneral = ["ایشیق"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="ایشیق"):
        engine._kinds(bad)
    bad.write_text('things = ["برق"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="things"):
        engine._kinds(bad)
