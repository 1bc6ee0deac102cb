"""The "me too" similarity on the labelled pairs (tests/data/similar_pairs_*.tsv), and its parts.

Every part here has been tuned on (each dev part was a held-out set, measured once first); the
floors hold what was measured (`python -m benchmarks.similar`) so a change cannot quietly make a
wrong "me too" offer likelier.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.similar import PARTS, precision_recall, protect_sample_places, read_pairs
from bot.services.categorize import SLUGS
from bot.services.similar import (
    SIMILARITY_THRESHOLD,
    WORDS_THRESHOLD,
    _load,
    pair_similarity,
    similarity,
    tokens_for_similarity,
)


@pytest.fixture(scope="module", autouse=True)
def places() -> None:
    protect_sample_places()


def test_pairs_sets_are_sound() -> None:
    # Held-out 16 adds styles: Azerbaijani in Latin letters, telegraphic, code-switching and
    # speech-to-text; held-out 18 Azerbaijani in Persian script (the standard orthography too),
    # Persian on an Arabic keyboard, thumb typos, questions, rambling stories and English.
    styles = {
        *("formal", "colloquial", "finglish", "azerbaijani"),
        *("azlatin", "terse", "mixed", "voice"),
        *("azscript", "arabic_kb", "typo", "question", "story", "english"),
    }
    parts = {name: read_pairs(path) for name, path in PARTS.items()}
    assert len(parts["tuning"]) + len(parts["dev 1"]) >= 150
    assert len(parts["tuning"]) >= 190
    assert len(parts["dev 3"]) >= 60
    assert len(parts["dev 4"]) >= 120
    assert len(parts["dev 5"]) >= 66
    # The third, fourth and fifth sets cover every category with same and different problems.
    for name in ("dev 3", "dev 4", "dev 5"):
        assert {p.category for p in parts[name] if p.same} == set(SLUGS)
        assert {p.category for p in parts[name] if not p.same} == set(SLUGS)
    for pairs in parts.values():
        assert sum(p.same for p in pairs) >= 20 and sum(not p.same for p in pairs) >= 20
        assert all(set(p.styles.split("/")) <= styles for p in pairs)
        assert all(p.category in SLUGS for p in pairs)
    # No pair is in two parts.
    seen = [{(p.a, p.b) for p in pairs} for pairs in parts.values()]
    for i, first in enumerate(seen):
        for second in seen[i + 1 :]:
            assert not first & second


# Measured at SIMILARITY_THRESHOLD 0.42 and SAME_PROBLEM 0.3 with the problem types
# (`python -m benchmarks.similar`): tuning, dev 1-3 and dev 5 1.000 / 1.000, dev 4 0.981 /
# 0.981, dev 6 0.982 / 0.949, dev 7 1.000 / 0.924, dev 8 0.990 / 0.838, dev 9 1.000 / 0.884,
# dev 10 0.989 / 0.746, dev 11 0.966 / 0.726, dev 12 0.876 / 0.667; all together 0.981 / 0.874
# (at 0.52, where the threshold sat before: 0.990 / 0.751, dev 12 0.864 / 0.487). Dev 6 to
# dev 12 were each written blind and measured once, fresh, after a round of tuning (at 0.52):
# 0.828 / 0.410 (words only), 0.946 / 0.593, 0.971 / 0.581, 0.896 / 0.496, 0.905 / 0.483
# (problem types, SAME_PROBLEM 0.4), 0.914 / 0.453 and 0.873 / 0.470 (SAME_PROBLEM 0.3); all
# but dev 12 have been tuned on since. On dev 10 SAME_PROBLEM 0.3 gave 0.959 / 0.398 against
# 0.4's 0.905 / 0.483. The goal (0.95 / 0.85) is met on the labelled pairs together, not on
# fresh text: dev 13, written blind with many hard near-duplicates and measured once at 0.42,
# gave 0.677 / 0.525; looked at since, it gave the names (bot/services/names.py: another town,
# bank, border or country is another problem), with which it is 0.741 / 0.525 and all together
# 0.964 / 0.842 (2,578 pairs). The floors hold what was measured, less a pair or two, so a
# change cannot quietly make a wrong "me too" offer likelier or a right one rarer. Session 34
# let two reports of no clear problem type still count how alike their types' weights are
# (bot/services/problems.py, TYPES_ALIKE): recall rose on every part from dev 6 on (held-out 15
# 0.458 -> 0.575, 16 0.525 -> 0.567, 18 0.412 -> 0.450, 19 0.562 -> 0.637), precision held
# (dev 12 0.878 -> 0.866, dev 7 1.000 -> 0.991; each held-out part up a little).
FLOORS = {
    "tuning": (0.97, 0.97),
    "dev 1": (0.97, 0.96),
    "dev 2": (0.95, 0.95),
    "dev 3": (0.95, 0.97),
    "dev 4": (0.97, 0.96),
    "dev 5": (0.95, 0.96),
    "dev 6": (0.97, 0.93),
    "dev 7": (0.97, 0.90),
    "dev 8": (0.97, 0.82),
    "dev 9": (0.97, 0.86),
    "dev 10": (0.97, 0.72),
    "dev 11": (0.95, 0.74),
    "dev 12": (0.85, 0.69),
    "dev 13": (0.73, 0.56),
    # Written blind together (session 31) and measured once with the names: 0.868 / 0.492 and
    # 0.875 / 0.467 (without them 0.811 / 0.500 and 0.848 / 0.467).
    "dev 14": (0.87, 0.56),
    "held-out 15": (0.85, 0.55),
    # Written blind in session 32 in six styles (Azerbaijani in Latin letters, telegraphic,
    # code-switching, speech-to-text, formal, colloquial), measured once: 0.889 / 0.400; with
    # Azerbaijani in Latin letters read as Tabriz writes it in Persian script, 0.892 / 0.483
    # (its pairs' mistakes not listed).
    "held-out 16": (0.89, 0.54),
    # Written right after, half its pairs with Azerbaijani in Latin letters on one side;
    # measured once at 0.978 / 0.375, then tuned on (the two alphabets' words differ: «ehtiyat
    # hissəsi» and «sensor və kartlar» say one spare part).
    "dev 17": (0.96, 0.45),
    # Written blind (sessions 33 and 34), never read; measured once: 0.933 / 0.350 (0.917 /
    # 0.412 with English read as English) and 0.918 / 0.562 (0.938 / 0.562 with that session's
    # Azerbaijani in Latin letters).
    "held-out 18": (0.89, 0.42),
    "held-out 19": (0.92, 0.61),
    # Written blind in session 37 as a week of traffic brings them, measured once before
    # anything was changed for them: 0.936 / 0.550 (then tuned on) and 0.944 / 0.637 (never read).
    "dev 20": (0.92, 0.53),
    "held-out 21": (0.93, 0.62),
    # Written blind in session 38 (members asking whether others have the trouble too, two
    # owners telling one event by what it did to each), never read; measured once: 0.957 / 0.275.
    "held-out 22": (0.91, 0.26),
    # Written blind in session 39 as a busy month in a few estates brings them, never read;
    # measured once: 0.950 / 0.237.
    "held-out 23": (0.90, 0.21),
    # Written blind in session 40, mostly close different pairs, never read; measured once:
    # 0.949 / 0.463.
    "held-out 24": (0.92, 0.43),
}


@pytest.mark.parametrize("part", list(FLOORS))
def test_precision_and_recall_floors(part: str) -> None:
    pairs = read_pairs(PARTS[part])
    scores = [pair_similarity(p.a, p.b, p.category) for p in pairs]
    precision, recall = precision_recall(pairs, scores, SIMILARITY_THRESHOLD)
    least_precision, least_recall = FLOORS[part]
    assert precision >= least_precision, (part, precision, recall)
    assert recall >= least_recall, (part, precision, recall)


def test_azerbaijani_and_formal_wordings_meet() -> None:
    # No shared written word at all: synonyms and Azerbaijani endings make them meet.
    assert pair_similarity("ایشچی تاپیلمیر", "کارگر ماهر پیدا نمیشه") >= WORDS_THRESHOLD
    assert pair_similarity("بانکلار وام وئرمیر", "بانک وام نمیده") >= WORDS_THRESHOLD
    assert "بانک" in tokens_for_similarity("بانکلار")
    assert "کارگر" in tokens_for_similarity("کارگران")
    assert pair_similarity("دزدی تو شهرک زیاد شده", "سرقت در شهرک افزایش یافته است") > 0.5


def test_reports_of_no_clear_problem_type_meet_by_how_alike_their_types_are() -> None:
    # A night shift nobody takes, in Azerbaijani and in Finglish: one clearly of a problem
    # type, the other of none, their types' weights alike; the words alone fall short.
    a = "گئجه شیفتینه ایشچی تاپیلمیر، هئچ کیم گئجه ایشلمک ایسته‌میر"
    b = "baraye shift e shab kargar peyda nemishe, kasi ghabool nemikone"
    words = similarity(tokens_for_similarity(a), tokens_for_similarity(b))
    assert words < SIMILARITY_THRESHOLD <= pair_similarity(a, b, "workforce")
    # Two different problems of the category stay apart.
    other = "حقوق کارگرا رو نمیتونیم بدیم، بانک وام نمیده"
    assert pair_similarity(a, other, "workforce") < SIMILARITY_THRESHOLD


def test_an_estate_name_shared_is_not_the_same_problem() -> None:
    same_estate = pair_similarity(
        "برق شهرک رازی هر روز قطع میشه", "قبض برق ما تو شهرک رازی خیلی زیاد اومده"
    )
    assert same_estate < WORDS_THRESHOLD
    same_estate_offer = pair_similarity(
        "برق شهرک رازی هر روز قطع میشه",
        "قبض برق ما تو شهرک رازی خیلی زیاد اومده",
        "electricity",
    )
    assert same_estate_offer < SIMILARITY_THRESHOLD
    # The place word still counts a little, and a Latin «razi» is the estate, not «ارز».
    assert "رازی" in tokens_for_similarity("bargh shahrak razi ghat mishe")
    a, b = tokens_for_similarity("برق رازی"), tokens_for_similarity("برق")
    assert 0 < similarity(a, b) < 1


def test_different_objects_or_troubles_of_one_category_are_not_one_problem() -> None:
    # Same words but the thing it is about: power or gas, iron or leather.
    assert pair_similarity("قبض برق ما سه برابر شده است.", "قبض گاز ما سه برابر شده است.") < 0.5
    assert pair_similarity("قیمت آهن بالا رفته", "قیمت چرم بالا رفته") < 0.5
    # Same thing, another trouble: a cut or a bill.
    assert pair_similarity("برق شهرک قطع میشه", "قبض برق شهرک زیاده") < WORDS_THRESHOLD
    # Named on one side only, an object is no evidence against: still one problem.
    assert pair_similarity("برق قطع میشه", "برق هر روز قطع میشه دستگاه سوخت") >= 0.54
    # Sharing one object, each naming another: likelier two problems (software for the store
    # or for wages), weighed down but not halved.
    store, wages = (
        tokens_for_similarity("نرم افزار انبارداری میخوایم"),
        tokens_for_similarity("نرم افزار حقوق و دستمزد میخوایم"),
    )
    assert similarity(store, wages) == pytest.approx(0.5 * 0.8)
    assert pair_similarity("نرم‌افزار حسابداری ما قدیمی است.", "دستگاه‌های ما قدیمی است.") < 0.5


def test_different_places_banks_and_borders_are_different_problems() -> None:
    # Alike in all but the name: a queue at another border, a tax office of another town, a
    # rate rise at another bank.
    for a, b, category in (
        ("صف کامیون‌ها در مرز بازرگان ده روز است", "صف کامیونا تو مرز سرو ده روزه", "export"),
        ("اداره مالیات تبریز علی الراس زده", "اداره مالیات مرند علی الراس زده", "tax_insurance"),
        (
            "بانک صادرات سود وام رو کرده ۲۳ درصد",
            "bank sepah sood e vam ro karde 23 darsad",
            "finance",
        ),
        ("آب شهرک اهر سه روزه قطعه", "سرابدا سو اوچ گوندور کسیلیب", "infrastructure"),
    ):
        assert pair_similarity(a, b, category) < SIMILARITY_THRESHOLD, (a, b)
    # A place and a place in it agree; so do a name and no name (the author left it out).
    for a, b, category in (
        ("برق سلیمی باز رفت", "برق شهرک صنعتی شهید سلیمی تبریز قطع شده است", "electricity"),
        ("سود وام بانک ملی زیاد شده", "ملی بانکی نین وام سودو چوخ آرتیب", "finance"),
        ("صف مرز بازرگان ده روزه", "صف کامیون‌ها در مرز ده روز است", "export"),
    ):
        assert pair_similarity(a, b, category) >= SIMILARITY_THRESHOLD, (a, b)


def test_general_words_count_less_than_what_the_problem_is() -> None:
    # «بانک» only names the category: sharing it and «وام» does not make a refusal and
    # a high interest rate one problem.
    assert pair_similarity("بانک وام نمیده", "سود وام بانک بالاست") < WORDS_THRESHOLD
    # With their category, as "me too" compares them, the problem types part them further.
    assert pair_similarity("بانک وام نمیده", "سود وام بانک بالاست", "finance") < 0.3
    assert pair_similarity("بانک وام وئرمیر", "bank vam nemide") >= WORDS_THRESHOLD


def test_azerbaijani_verb_stems_and_spoken_endings_meet_their_words() -> None:
    # «تاپ-» in data/synonyms.toml: every ending of the verb is «پیدا», a thing missing.
    assert "کمبود" in tokens_for_similarity("تاپا بیلمیریک")
    assert "کمبود" in tokens_for_similarity("تاپمادیق")
    # Light verbs say nothing; possessive endings come off («واحدمونو», «چکامون»).
    assert tokens_for_similarity("سایتیمیزی هک ائدیبلر") == tokens_for_similarity(
        "سایتمونو هک کردن"
    )
    assert "چک" in tokens_for_similarity("چکامون برگشت خورده")
    # A dictionary word starting like a stem is itself: «قالب» is a mould.
    assert "ماند" not in tokens_for_similarity("قالب")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Azerbaijani, with no written word shared.
        (
            "ماشینلاریمیز کؤهنه‌دی، یئنی تکنولوژی لازیمدی",
            "ماشین‌آلات ما فرسوده است و به فناوری جدید نیاز داریم.",
        ),
        ("زاوودون ایشیغی هر گون ایکی ساعات گئدیر", "برق کارخانه هر روز دو ساعت قطع می‌شود."),
        ("آغاج قیمتی ایکی قات اولوب", "قیمت چوب دو برابر شده است."),
        # Spoken and formal: damage, leaving the job, a market gone quiet.
        (
            "برق کارگاه همش میره و میاد، دو تا موتور سوخته",
            "قطع و وصل مکرر برق، دو الکتروموتور ما را سوزانده است.",
        ),
        ("کارگرامون یکی یکی رفتن، کسی نمیمونه", "کارگران ما یکی پس از دیگری واحد را ترک کرده‌اند."),
        ("کسی جنس نمیخره، بازار مرده", "بازار در رکود است و خریداری برای محصولات نیست."),
        # Finglish words the lexicon alone does not convert.
        ("namayeshgah baraye moarefi mahsool nadarim", "برای معرفی محصولات نمایشگاهی نداریم."),
        # Everyday words a dictionary gives as one: refused, halved, at night, cancelled.
        ("فروشگاه‌ها جنس ما رو قبول نمیکنن", "فروشگاه‌ها محصولات ما را نمی‌پذیرند"),
        ("سفارشا نصف شده", "سفارش‌ها کاهش یافته"),
        ("شهرکده گئجه نگهبان یوخدور", "شبا تو شهرک نگهبان نیست"),
        ("مجوز بهداشت ما باطل شده", "مجوز بهداشت ما رو لغو کردن"),
    ],
)
def test_other_wordings_of_one_problem_meet(a: str, b: str) -> None:
    assert pair_similarity(a, b) >= WORDS_THRESHOLD


def test_a_synonym_phrase_does_not_swallow_what_the_problem_is_about() -> None:
    # «قبض برق» must keep «برق», or a gas bill and a power bill would be one problem.
    assert "برق" in tokens_for_similarity("قبض برق ما سه برابر شده")
    # Counting words are no evidence: «چند بار» is not cargo, «ساعات» not a problem.
    assert not {"بار", "ساعت", "ساعات"} & tokens_for_similarity("روزی چند بار، دو ساعت")


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


def test_a_thing_missing_is_one_trouble_however_it_is_said() -> None:
    # Cut, not come, not there, not found: one trouble, in Persian, spoken or Azerbaijani.
    water = ["آب شهرک سه روزه نیومده", "سه روز است که آب شهرک وصل نیست.", "شهرکین سویو یوخدور"]
    for other in water[1:]:
        assert pair_similarity(water[0], other) >= WORDS_THRESHOLD, other
    assert "کمبود" in tokens_for_similarity("شبا تو شهرک نگهبان نیست")
    assert "کمبود" in tokens_for_similarity("کارگر ماهر نداریم")
    # The objects still tell problems apart: no water is not no guard.
    assert pair_similarity("آب شهرک نیست", "نگهبان شهرک نیست") < WORDS_THRESHOLD
    # «نیست» negating the word before it names no missing thing.
    assert "کمبود" not in tokens_for_similarity("نرخ سود وام قابل پرداخت نیست")
    assert "کمبود" not in tokens_for_similarity("مدیر خوشه پاسخگو نیست")


def test_endings_after_a_half_space_and_doubled_endings() -> None:
    # «میز» after «پروانه‌» is «our», not a table; «دیر» after «کثیف‌» is «is», not late.
    assert tokens_for_similarity("پروانه‌میز") == tokens_for_similarity("پروانه")
    assert "تاخیر" not in tokens_for_similarity("هر یئر کثیف‌دیر")
    # The commoner word under a spoken ending, and two Azerbaijani endings.
    assert "جریمه" in tokens_for_similarity("جریممون کرده")
    assert tokens_for_similarity("ایشچیلرین") == tokens_for_similarity("کارگر")


def test_a_verb_after_mi_is_read_as_a_verb() -> None:
    # «می‌کند» does, it is not «کند» (slow); «می‌سوزند» still burns.
    assert "کند" not in tokens_for_similarity("فشار گاز به شدت افت می‌کند")
    assert "کند" in tokens_for_similarity("اینترنت شهرک کند است")
    assert "سوخت" in tokens_for_similarity("موتورها می‌سوزند")


def test_a_negative_synonym_is_not_its_positive_lemma() -> None:
    # «نمیخرن» (they don't buy) lemmatises to «خرید»: a purchase must not read as a market
    # gone quiet, nor «رونق داره» (it is booming) as «رونق نداره», nor a payment as a refusal.
    assert "رکود" not in tokens_for_similarity("خرید دستگاه بسته‌بندی")
    assert "رکود" in tokens_for_similarity("کسی جنس نمیخره")
    assert "رکود" not in tokens_for_similarity("بازار رونق داره")
    assert "ندادن" not in tokens_for_similarity("پول ما را شش ماه بعد می‌دهند")
    assert "ندادن" in tokens_for_similarity("بانک وام نمیده")


def test_compounds_and_azerbaijani_derived_nouns_meet_their_word() -> None:
    # A compound ending with a known word is that word; «-لیق» makes a noun of a word.
    assert "موتور" in tokens_for_similarity("الکتروموتورهای ما سوخت")
    assert _load()._compound("ترانسالکتروموتور") == "موتور"
    assert _load()._compound("موتور") == "موتور"
    assert tokens_for_similarity("آتش‌نشانلیق") == tokens_for_similarity("آتش‌نشانی")
    # The genitive «نین» typed apart is no word.
    assert tokens_for_similarity("مشتری نین بورجو") == tokens_for_similarity("بدهی مشتری")


def test_plurals_and_ezafe_on_short_listed_words() -> None:
    # The lemmatiser leaves «چکا» and «نخی» alone; the lists know «چک» and «نخ».
    assert "چک" in tokens_for_similarity("چکای مشتریا برگشت خورد")
    assert "نخ" in tokens_for_similarity("نخی که میخریم")
    assert "مشتری" in tokens_for_similarity("چک‌های مشتریان")
    # A word is no plural of a rarer one: «خیابان» is not «خیاب», «کارگران» are «کارگر».
    assert "خیابان" in tokens_for_similarity("خیابان‌های شهرک")
    assert "کارگر" in tokens_for_similarity("کارگران")
