"""Tests for bot.services.categorize: the lexicon, suggestions, similarity, the CLI, accuracy."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest

from benchmarks.categorize import accuracy, read_labelled
from bot.__main__ import categorize_lines
from bot.services.categorize import LEXICON_PATH, SLUGS, Lexicon, suggest
from bot.services.similar import (
    WORDS_THRESHOLD,
    most_similar,
    similarity,
    tokens_for_similarity,
)

ZWNJ = "\u200c"
DATA = Path(__file__).resolve().parent / "data"
LABELLED = DATA / "reports_labelled.tsv"
HELD_OUT = DATA / "reports_heldout.tsv"

# Measured when the floors were set: tuning set top-1 0.985 (133/135), top-3 1.000; held-out
# set (written before the lexicon, never tuned on) top-1 0.939 (62/66), top-3 1.000. The floors
# leave room for two or three changed answers, so staff can extend the lexicon, but a real
# regression fails.
TUNING_TOP1_FLOOR = 0.95
TUNING_TOP3_FLOOR = 0.98
HELD_OUT_TOP1_FLOOR = 0.90
HELD_OUT_TOP3_FLOOR = 0.97


@functools.cache
def shipped() -> Lexicon:
    """Return the shipped lexicon, loaded once for the module."""
    return Lexicon.load(LEXICON_PATH)


def top_slug(text: str) -> str:
    """Return the best suggestion's slug for text with the shipped lexicon."""
    return suggest(text, shipped())[0].slug


def write_lexicon(tmp_path: Path, content: str) -> Path:
    """Write a lexicon file and return its path."""
    path = tmp_path / "categories.toml"
    path.write_text(content, encoding="utf-8")
    return path


# --- the lexicon file -------------------------------------------------------------------------


def test_shipped_lexicon_covers_every_category() -> None:
    lexicon = shipped()
    slugs = {sense.slug for senses in lexicon.entries.values() for sense in senses}
    assert slugs == set(SLUGS)
    assert len(lexicon) > 500


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[power]\n"برق" = 2\n', r"unknown category \[power\]"),
        ('[electricity]\n"برق" = 0\n', r"\[electricity\] 'برق': weight must be positive"),
        ('[electricity]\n"برق" = -1.5\n', r"'برق': weight must be positive"),
        ('[electricity]\n"برق" = "زیاد"\n', r"'برق': weight must be a number"),
        ('[electricity]\n"برق" = true\n', r"'برق': weight must be a number"),
        ('[electricity]\n"برق" = nan\n', r"'برق': weight must be positive"),
        ('[finance]\n"  " = 2\n', r"\[finance\] '  ': entry has no letters"),
        ('[finance]\n"ضمانت نامه" = 3\n"ضمانت\u200cنامه" = 2\n', r"same entry as 'ضمانت نامه'"),
        ('[finance]\n"بانك" = 3\n"بانک" = 2\n', r"'بانک': same entry as 'بانك'"),
        ("electricity = 3\n", r"\[electricity\] must be a table"),
        ('[electricity\n"برق" = 2\n', r"categories.toml: not valid TOML"),
        ('[electricity]\n"برق" = 2\n"برق" = 3\n', r"not valid TOML"),
    ],
)
def test_lexicon_errors_name_the_bad_entry(tmp_path: Path, content: str, expected: str) -> None:
    with pytest.raises(ValueError, match=expected):
        Lexicon.load(write_lexicon(tmp_path, content))


def test_the_same_word_may_serve_two_categories(tmp_path: Path) -> None:
    path = write_lexicon(tmp_path, '[finance]\n"حقوق" = 1\n[workforce]\n"حقوق" = 2\n')
    best, second, third = suggest("حقوق", Lexicon.load(path))
    assert (best.slug, best.score, best.matched) == ("workforce", 2.0, ("حقوق",))
    assert (second.slug, second.score) == ("finance", 1.0)
    assert third.score == 0


def test_staff_can_extend_the_lexicon(tmp_path: Path) -> None:
    text = "قرنطینه کرونا کارگاه رو تعطیل کرد"
    assert suggest(text, shipped())[0].score == 0
    # TOML forbids a second [workforce] table, so the entry goes into the existing one.
    extended = LEXICON_PATH.read_text(encoding="utf-8").replace(
        "[workforce]\n", '[workforce]\n"قرنطینه" = 2\n'
    )
    best = suggest(text, Lexicon.load(write_lexicon(tmp_path, extended)))[0]
    assert (best.slug, best.score, best.matched) == ("workforce", 2.0, ("قرنطینه",))


# --- suggestions ------------------------------------------------------------------------------


def test_suggestion_is_explained_by_what_matched() -> None:
    best = suggest("برق شهرک از دیروز قطعه و بانک هم وام نمیده", shipped())
    slugs = [s.slug for s in best]
    assert slugs[:2] == ["finance", "electricity"]
    assert best[0].matched == ("بانک", "وام")
    assert best[0].score == 5.0
    assert "برق" in "".join(best[1].matched)


def test_always_top_items_padded_in_taxonomy_order_with_other_last() -> None:
    result = suggest("ضمانت نامه بانکی نمیدن", shipped(), top=len(SLUGS))
    assert result[0].slug == "finance"
    zero = [s.slug for s in result if s.score == 0]
    assert zero == [slug for slug in SLUGS if slug not in {"finance"}]
    assert zero[-1] == "other"
    assert all(s.matched == () for s in result if s.score == 0)


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "...", "12345", "سلام"])
def test_no_match_puts_other_first(text: str) -> None:
    result = suggest(text, shipped())
    assert [s.slug for s in result] == ["other", "electricity", "infrastructure"]
    assert all(s.score == 0 for s in result)


@pytest.mark.parametrize(("top", "count"), [(0, 0), (-2, 0), (1, 1), (3, 3), (11, 11), (50, 11)])
def test_top_bounds(top: int, count: int) -> None:
    assert len(suggest("قطع برق", shipped(), top=top)) == count


@pytest.mark.parametrize(
    "text",
    [
        "ضمانت نامه نمیدن",
        f"ضمانت{ZWNJ}نامه نمیدن",
        "ضمانتنامه نمیدن",
        "ضمانت‌نامه‌های ما رو نمیدن",
        "ضمانت  نامه نمیدن",
    ],
)
def test_half_space_and_space_tolerance(text: str) -> None:
    best = suggest(text, shipped())[0]
    assert (best.slug, best.matched) == ("finance", ("ضمانت نامه",))


# A misspelling (Arabic letters, missing or extra spaces, Latin case) finds the entry.
SPELLINGS = [
    ("بانك وام نميده", "finance", "وام"),  # Arabic ك and ي
    ("بيمه تأمين اجتماعي", "tax_insurance", "بیمه تامین اجتماعی"),  # and hamza on alef
    ("پروانه بهره برداری", "permits", "پروانه بهره برداری"),
    (f"پروانه{ZWNJ}بهره{ZWNJ}برداری", "permits", "پروانه بهره برداری"),
    ("هوش‌مصنوعی", "technology", "هوش مصنوعی"),
    ("مواداولیه", "raw_materials", "مواد اولیه"),
    ("ERP", "technology", "ERP"),
    ("erp میخوایم", "technology", "ERP"),
]
# An inflected form (plural, spoken possessive) finds its base entry.
INFLECTIONS = [
    ("وامها رو نمیدن", "finance", "وام"),  # plural
    ("چکهای برگشتی زیاد شده", "finance", "چک برگشتی"),  # plural inside a phrase
    ("چک‌های برگشتی زیاد شده", "finance", "چک برگشتی"),  # with its half-space
    ("چک های برگشتی زیاد شده", "finance", "چک برگشتی"),  # typed apart
    ("برقمون مدام میره", "electricity", "برق"),  # spoken possessive
    ("مواد اولیمون تموم شد", "raw_materials", "مواد اولیه"),  # spoken, silent «ه» dropped
    ("کارگرامون میرن", "workforce", "کارگر"),  # spoken plural + possessive
    ("گمرکات بار رو نگه داشته", "export", "گمرکات"),
    ("صادراتی", "export", "صادراتی"),
]


@pytest.mark.parametrize(("text", "slug", "entry"), SPELLINGS + INFLECTIONS)
def test_misspelt_and_inflected_forms_match_the_entry(text: str, slug: str, entry: str) -> None:
    best = suggest(text, shipped())[0]
    assert best.slug == slug
    assert entry in best.matched


@pytest.mark.parametrize(
    ("text", "slug", "matched"),
    [
        # The phrase wins, and its words are not counted again for another category.
        ("مالیات بر ارزش افزوده", "tax_insurance", ("مالیات بر ارزش افزوده",)),
        ("استرداد ارزش افزوده", "tax_insurance", ("ارزش افزوده", "استرداد")),
        ("کمبود نیروی ماهر داریم", "workforce", ("کمبود نیروی ماهر",)),
        ("قطع برق", "electricity", ("قطع برق",)),
        ("چک برگشتی", "finance", ("چک برگشتی",)),
        ("سرمایه در گردش نداریم", "finance", ("سرمایه در گردش",)),
    ],
)
def test_phrases(text: str, slug: str, matched: tuple[str, ...]) -> None:
    result = suggest(text, shipped())
    assert result[0].slug == slug
    assert set(result[0].matched) == set(matched)
    # «ارز» inside «ارزش» is not currency.
    assert all(s.slug != "export" or s.score == 0 for s in result)


def test_two_words_meet_a_one_word_entry_only_from_three_letters() -> None:
    lexicon = shipped()
    # «کار بلد» is «کاربلد» (workforce), typed apart.
    assert "کاربلد" in suggest("کارگر کار بلد پیدا نمیشه", lexicon)[0].matched
    # «ما هر» is not «ماهر» (skilled), «آن تنها» not «آنتن», «دی ماند» not «دیماند».
    for text, entry in (
        ("ما هر روز بار می‌فرستیم", "ماهر"),
        ("تأمین آن تنها از ترکیه ممکن است", "آنتن"),
        ("سفارش دی ماند روی دستمان", "دیماند"),
        # Nor by a stem of a later word: «گمرکی دادیم» (we gave customs') is no «گمرکده».
        ("مدارک گمرکی دادیم", "گمرکده"),
    ):
        assert all(entry not in s.matched for s in suggest(text, lexicon, top=11))
    # A later word as typed still does: «دیر کرد» (was late) is «دیرکرد», a late charge.
    assert any("دیرکرد" in s.matched for s in suggest("قسط رو دیر کرد", lexicon, top=11))
    # A phrase written with its space still meets two words however short («آب قطع»).
    assert "آب" in suggest("آب قطع شده", lexicon)[0].matched[0]


def test_a_word_typed_twice_is_two_words() -> None:
    # «با با» (with, with) is two words of two letters, not the one word «بابا».
    lexicon = Lexicon.from_mapping({"other": {"بابا": 3}})
    assert suggest("با با", lexicon)[0].matched == ()
    assert suggest("بابا", lexicon)[0].matched == ("بابا",)


def test_a_plural_passed_over_inside_a_phrase_keeps_the_word_rules() -> None:
    lexicon = Lexicon.from_mapping({"finance": {"چک برگشتی": 3}, "other": {"سرما": 3}})
    assert suggest("چک‌های برگشتی داریم", lexicon)[0].matched == ("چک برگشتی",)
    # «سرم‌های ما» (our serums): «ما» after the plural is another word, of two letters.
    assert suggest("سرم‌های ما تمام شد", lexicon)[0].slug == "other"
    assert suggest("سرم‌های ما تمام شد", lexicon)[0].matched == ()


def test_value_is_not_currency() -> None:
    assert all(s.score == 0 for s in suggest("ارزش کار ما رو نمیدونن", shipped()))


def test_persian_and_english_digits_agree() -> None:
    english = suggest("سود وام 23 درصد شده", shipped())
    persian = suggest("سود وام ۲۳ درصد شده", shipped())
    assert english == persian
    assert english[0].slug == "finance"


def test_each_entry_counts_once() -> None:
    once = suggest("وام", shipped())[0]
    thrice = suggest("وام وام وام", shipped())[0]
    assert once == thrice


# --- the command line -------------------------------------------------------------------------


def run(text: str, lexicon_path: Path | None = None) -> tuple[int, list[str]]:
    """Run the CLI on text and return its exit code and output lines."""
    stdout = io.StringIO()
    code = categorize_lines(io.StringIO(text), stdout, lexicon_path or LEXICON_PATH)
    output = stdout.getvalue()
    assert output == "" or output.endswith("\n")
    return code, output.splitlines()


def test_cli_prints_three_known_slugs_per_line() -> None:
    lines = [
        "برق 3 روزه قطعه",
        "",
        "سود وام ۲۳ درصد شده",
        "بار ما 10 روزه تو گمرک مونده",
        "   ",
        "سلام",
        "بیمه تامين اجتماعي\r",
    ]
    code, output = run("\n".join(lines) + "\n")
    assert code == 0
    assert len(output) == len(lines)
    for line in output:
        slugs = line.split(" ")
        assert len(slugs) == 3
        assert len(set(slugs)) == 3
        assert set(slugs) <= set(SLUGS)
    assert output[0].startswith("electricity ")
    assert output[1] == "other electricity infrastructure"
    assert output[2].startswith("finance ")
    assert output[3].startswith("export ")
    assert output[4] == output[5] == "other electricity infrastructure"
    assert output[6].startswith("tax_insurance ")


def test_cli_last_line_without_newline_and_empty_input() -> None:
    expected = ["electricity infrastructure finance", "finance electricity infrastructure"]
    assert run("قطع برق\nوام") == (0, expected)
    assert run("") == (0, [])


def test_cli_reports_a_broken_lexicon(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_lexicon(tmp_path, '[power]\n"برق" = 2\n')
    assert run("برق\n", bad) == (2, [])
    assert "unknown category [power]" in capsys.readouterr().err
    assert run("برق\n", tmp_path / "missing.toml") == (2, [])


# --- similarity -------------------------------------------------------------------------------

# Rewordings of one problem, as a second member would write it.
REWORDED = [
    ("برق شهرک هر روز قطع میشه", "قطعی برق مکرر در شهرک"),
    ("بانک برای تمدید وام وثیقه ملکی میخواد", "برای تمدید تسهیلات بانک سند ملک میخواد"),
    ("بار ما تو گمرک بازرگان مونده ترخیص نمیکنن", "ترخیص کالا از گمرک بازرگان انجام نمیشه"),
    ("دوره آموزش هوش مصنوعی برای مدیران", "کلاس هوش مصنوعی برای مدیرها بذارید"),
    (
        "سهمیه برق ما رو کم کردن و گفتن بیشتر مصرف کنید قطع میکنیم",
        "سهمیه مصرف برق واحد ما کاهش پیدا کرده",
    ),
    ("شبکه فاضلاب شهرک هنوز تکمیل نشده مجبوریم چاه بزنیم", "فاضلاب شهرک تکمیل نیست و چاه زدیم"),
    ("چک برگشتی داریم و حسابمون مسدود شده", "به خاطر چک برگشتی حساب بانکی ما رو مسدود کردن"),
    ("سهمیه میلگرد و تیرآهن از بورس کالا بهمون نمیرسه", "از بورس کالا سهمیه میلگرد نمیدن"),
    ("بازار کفش با جنس ترک و چینی قاچاق پر شده", "جنس قاچاق چینی بازار کفش رو گرفته"),
    ("تخصیص ارز برای واردات قطعه 6 ماهه انجام نشده", "ارز واردات قطعات ما هنوز تخصیص داده نشده"),
    ("جواز تاسیس ما 2 ساله تو سامانه مونده", "دو ساله جواز تاسیس ما صادر نشده"),
    ("بیمه کارگرا خیلی گرون شده نمیتونیم همه رو بیمه کنیم", "حق بیمه کارگران خیلی بالاست"),
    ("کارگر ماهر نداریم همه رفتن کارگاه های بزرگتر", "نیروی ماهر پیدا نمیشه"),
    ("یه نرم افزار برای کنترل موجودی انبار میخوایم", "نرم افزار انبارداری لازم داریم"),
]
# The first four again, each against a different problem that shares words with it.
DIFFERENT = [
    ("برق شهرک هر روز قطع میشه", "آب شهرک هر روز قطع میشه"),
    ("بانک برای تمدید وام وثیقه ملکی میخواد", "چک مشتری برگشت خورد"),
    ("بار ما تو گمرک بازرگان مونده ترخیص نمیکنن", "ارز صادراتی رو باید تو نیما بفروشیم"),
    ("دوره آموزش هوش مصنوعی برای مدیران", "دوره آموزش حسابداری برای کارمندان"),
]


def score(a: str, b: str) -> float:
    """Return the similarity of two texts."""
    return similarity(tokens_for_similarity(a), tokens_for_similarity(b))


@pytest.mark.parametrize(("same", "different"), list(zip(REWORDED, DIFFERENT, strict=False)))
def test_rewordings_score_higher_than_other_problems(
    same: tuple[str, str], different: tuple[str, str]
) -> None:
    assert same[0] == different[0]
    reworded, other = score(*same), score(*different)
    assert reworded >= WORDS_THRESHOLD, reworded
    assert reworded > other, (reworded, other)


def test_threshold_separates_rewordings_from_other_reports_of_a_category() -> None:
    reworded = [score(a, b) for a, b in REWORDED]
    found = sum(s >= WORDS_THRESHOLD for s in reworded)
    by_slug: dict[str, list[str]] = {}
    for slug, text in read_labelled(LABELLED):
        by_slug.setdefault(slug, []).append(text)
    others = [
        score(a, b)
        for texts in by_slug.values()
        for i, a in enumerate(texts)
        for b in texts[i + 1 :]
    ]
    false = sum(s >= WORDS_THRESHOLD for s in others)
    measured = (
        f"{found}/{len(reworded)} rewordings and {false}/{len(others)} different reports "
        f"of one category reach {WORDS_THRESHOLD}"
    )
    # Measured 11/14 and 0/762 when the threshold was set.
    assert found >= 10, measured
    assert false <= 3, measured


def test_similarity_tokens_are_lemmas_without_stop_words() -> None:
    tokens = tokens_for_similarity("وامهای بانکی ما رو نمیدن و قطعی برق هم داریم")
    assert {"وام", "بانک", "برق", "کمبود"} <= tokens
    assert not tokens & {"ما", "رو", "و", "هم", "داریم", "داشت"}
    # Half-spaces, spaces and Arabic letters do not change the tokens.
    assert tokens_for_similarity("می شود") == tokens_for_similarity(f"می{ZWNJ}شود")
    assert tokens_for_similarity("بانك وام") == tokens_for_similarity("بانک وام")
    assert tokens_for_similarity("") == frozenset()


def test_similarity_bounds() -> None:
    a = tokens_for_similarity("قطع برق شهرک")
    assert similarity(a, a) == 1.0
    assert similarity(a, frozenset()) == similarity(frozenset(), frozenset()) == 0.0
    b = tokens_for_similarity("قطعی برق و افت ولتاژ")
    assert similarity(a, b) == similarity(b, a)
    assert 0 < similarity(a, b) < 1


def test_most_similar_threshold_limit_and_order() -> None:
    candidates = [
        (101, "آب شهرک هر روز قطع میشه"),
        (102, "قطعی برق و افت ولتاژ در شهرک"),
        (103, "بانک وام نمیده"),
        (104, "برق شهرک قطع میشه"),
        (105, "قطعی برق شهرک، هر روز"),
        (106, ""),
    ]
    found = most_similar("برق شهرک هر روز قطع میشه", candidates)
    assert [key for key, _ in found] == [104, 105, 102]
    assert [round(s, 3) for _, s in found] == sorted((round(s, 3) for _, s in found), reverse=True)
    assert all(s >= WORDS_THRESHOLD for _, s in found)
    assert [k for k, _ in most_similar("برق شهرک هر روز قطع میشه", candidates, limit=1)] == [104]
    # Water cut is another problem, however many words it shares: not offered at any limit.
    assert 101 not in [k for k, _ in most_similar("برق شهرک هر روز قطع میشه", candidates, limit=9)]
    assert most_similar("برق شهرک هر روز قطع میشه", candidates, limit=0) == []
    loose = most_similar("برق شهرک هر روز قطع میشه", candidates, limit=10, threshold=0.0)
    assert 101 in [k for k, _ in loose]
    assert 103 not in [k for k, _ in loose]  # nothing shared: never suggested
    strict = most_similar("برق شهرک هر روز قطع میشه", candidates, threshold=0.99)
    assert [k for k, _ in strict] == [104, 105]  # the same words, so a tie in the caller's order
    assert most_similar("", candidates) == []


def test_most_similar_keeps_any_key_type() -> None:
    keyed = most_similar("قطع برق", [(("r", 1), "برق قطع شد"), (("r", 2), "وام")])
    assert keyed == [(("r", 1), pytest.approx(1.0))]


# --- the labelled sets and accuracy -----------------------------------------------------------


def test_labelled_sets_are_sound() -> None:
    tuning, held_out = read_labelled(LABELLED), read_labelled(HELD_OUT)
    for rows in (tuning, held_out):
        assert {slug for slug, _ in rows} == set(SLUGS)
        texts = [text for _, text in rows]
        assert len(texts) == len(set(texts)), "duplicate texts"
        assert all(text.strip() == text and text for text in texts)
    for slug in SLUGS:
        assert sum(s == slug for s, _ in tuning) >= 10, slug
        assert sum(s == slug for s, _ in held_out) >= 5, slug
    assert not {t for _, t in tuning} & {t for _, t in held_out}
    share = len(held_out) / (len(tuning) + len(held_out))
    assert 0.25 <= share <= 0.35


@pytest.mark.parametrize(
    ("path", "top1_floor", "top3_floor"),
    [
        (LABELLED, TUNING_TOP1_FLOOR, TUNING_TOP3_FLOOR),
        (HELD_OUT, HELD_OUT_TOP1_FLOOR, HELD_OUT_TOP3_FLOOR),
    ],
    ids=["tuning", "held-out"],
)
def test_accuracy_floor(path: Path, top1_floor: float, top3_floor: float) -> None:
    rows = read_labelled(path)
    top1, top3 = accuracy(rows, shipped())
    measured = f"{path.name}: top-1 {top1:.3f}, top-3 {top3:.3f} on {len(rows)} reports"
    assert top1 >= top1_floor, f"{measured}; floor top-1 {top1_floor}"
    assert top3 >= top3_floor, f"{measured}; floor top-3 {top3_floor}"


def test_accuracy_of_nothing() -> None:
    assert accuracy([], shipped()) == (0.0, 0.0)
