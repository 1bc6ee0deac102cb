"""The problem types (bot/services/problems.py, data/problems/*.toml)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.services import problems
from bot.services.categorize import LEXICON_PATH, SLUGS, Lexicon, suggest


def test_the_catalogue_has_every_category_and_only_its_own_types() -> None:
    catalogue = problems.catalogue()
    assert set(catalogue) == set(SLUGS)
    for category, lexicon in catalogue.items():
        labels = {sense.slug for senses in lexicon.entries.values() for sense in senses}
        assert len(labels) >= 5, category
        assert {label.split(".")[0] for label in labels} == {category}


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("water.toml", '[cut]\n"آب" = 1\n', "not a category"),
        ("electricity.toml", '["Power Cut"]\n"برق" = 1\n', "not a problem id"),
        ("electricity.toml", "[power_cut]\n", "must be a table"),
        ("electricity.toml", '[power_cut]\n"برق" = 0\n', "weight must be positive"),
        ("electricity.toml", '[power_cut]\n"برق" = 1\n"برق " = 2\n', "same entry"),
        ("electricity.toml", '[power_cut\n"برق" = 1\n', "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_by_name(tmp_path: Path, name: str, text: str, error: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=error) as raised:
        problems.load(tmp_path)
    assert str(raised.value).startswith(name)


def test_a_text_is_of_a_type_only_when_its_words_clearly_say_so(tmp_path: Path) -> None:
    (tmp_path / "electricity.toml").write_text(
        '[power_cut]\n"برق" = 1\n"قطع" = 1\n"خاموشی" = 3\n'
        '[voltage]\n"برق" = 1\n"ولتاژ" = 2\n'
        '[gas_supply]\n"گاز" = 1\n"قطع" = 1\n',
        encoding="utf-8",
    )
    lexicon = problems.load(tmp_path)
    assert problems.classify("برق واحدمون هر روز قطع میشه", lexicon["electricity"]) == (
        "electricity.power_cut"
    )
    assert problems.classify("bargh ghat mishe", lexicon["electricity"]) == "electricity.power_cut"
    assert problems.classify("ولتاژ برق پایینه", lexicon["electricity"]) == "electricity.voltage"
    # «قطع» alone is a cut of power or of gas: no type.
    assert problems.classify("همش قطعه", lexicon["electricity"]) is None
    # Only the category's own types count: a category with no file has none.
    assert "finance" not in lexicon


def test_an_entry_written_as_spoken_matches_spoken_text(tmp_path: Path) -> None:
    # Members' spoken «نمیشه» is read as a written verb: an entry written as members say it
    # is read the same way, so it meets them.
    (tmp_path / "workforce.toml").write_text(
        '[shortage]\n"کارگر" = 1\n"پیدا نمیشه" = 2\n[wages]\n"کارگر" = 1\n"دستمزد" = 2\n',
        encoding="utf-8",
    )
    lexicon = problems.load(tmp_path)
    assert problems.classify("کارگر پیدا نمیشه", lexicon["workforce"]) == "workforce.shortage"
    assert problems.classify("سلام، کارگر ماهر پیدا نمیشه", lexicon["workforce"]) == (
        "workforce.shortage"
    )


def test_another_categorys_longer_entry_takes_no_word(tmp_path: Path) -> None:
    # «قطعه» is a spare part in raw materials and spoken «قطع است» in infrastructure.
    (tmp_path / "raw_materials.toml").write_text(
        '[parts_shortage]\n"قطعه" = 1\n"کمیاب" = 1\n[parts_price]\n"قطعه" = 1\n"گران" = 1\n',
        encoding="utf-8",
    )
    (tmp_path / "infrastructure.toml").write_text(
        '[water_cut]\n"آب" = 1\n"قطع" = 1\n[water_quality]\n"آب" = 1\n"کثیف" = 1\n',
        encoding="utf-8",
    )
    lexicon = problems.load(tmp_path)
    assert problems.classify("آب شهرک قطعه", lexicon["infrastructure"]) == (
        "infrastructure.water_cut"
    )


def test_word_groups_are_written_once_and_taken_whole(tmp_path: Path) -> None:
    (tmp_path / "raw_materials.toml").write_text(
        '[_groups]\nleather = ["چرم", "چرم خام"]\ntextile = ["نخ", "پارچه"]\n'
        'price = ["گران", "قیمت"]\nshortage = ["کمیاب", "پیدا نمیشه"]\n'
        '[leather_price]\n"@leather" = 1\n"@price" = 1\n'
        '[leather_shortage]\n"@leather" = 1\n"@shortage" = 1\n"چرم خام" = 2\n'
        '[textile_price]\n"@textile" = 1\n"@price" = 1\n',
        encoding="utf-8",
    )
    lexicon = problems.load(tmp_path)["raw_materials"]
    assert problems.classify("چرم گران شده", lexicon) == "raw_materials.leather_price"
    assert problems.classify("قیمت پارچه بالا رفته", lexicon) == "raw_materials.textile_price"
    assert problems.classify("چرم پیدا نمیشه", lexicon) == "raw_materials.leather_shortage"
    # A word the type lists itself keeps its own weight.
    senses = lexicon.entries["چرمخام"]
    assert {(s.slug, s.weight) for s in senses} == {
        ("raw_materials.leather_price", 1.0),
        ("raw_materials.leather_shortage", 2.0),
    }


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[_groups]\nsteel = ["آهن"]\n[steel_price]\n"@stel" = 1\n', "@stel: no such group"),
        ('[_groups]\nsteel = "آهن"\n', "steel must be a list of words"),
        ('[_groups]\nsteel = ["آهن", "آهن "]\n[steel_price]\n"@steel" = 1\n', "same entry"),
    ],
)
def test_a_bad_group_is_refused_by_name(tmp_path: Path, text: str, error: str) -> None:
    (tmp_path / "raw_materials.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        problems.load(tmp_path)


def test_a_broken_file_leaves_its_category_to_the_words_and_no_other(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A staffer's typo must not fail every report: that file's types are off, the other
    # categories' stay, and the log says why.
    (tmp_path / "finance.toml").write_text('[loan_delay]\n"وام" = "یک"\n', encoding="utf-8")
    (tmp_path / "electricity.toml").write_text('[power_cut]\n"برق" = 1\n', encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="bot.services.problems"):
        assert set(problems.load_or_none(tmp_path)) == {"electricity"}
    assert "finance.toml" in caplog.text and "weight must be a number" in caplog.text


# --- the problem types as a sign of the category ----------------------------------------------


def _suggested(text: str, catalogue: dict[str, Lexicon], lexicon: Lexicon) -> dict[str, float]:
    types = problems.Types(catalogue)
    found = suggest(text, lexicon, len(SLUGS), types, alone=problems.CATEGORY_SIGN)
    return {s.slug: s.score for s in found if s.score}


def test_a_known_problem_leans_its_category_and_a_lone_trouble_does_not(tmp_path: Path) -> None:
    words = tmp_path / "categories.toml"
    words.write_text('[electricity]\n"برق" = 2\n', encoding="utf-8")
    types = tmp_path / "problems"
    types.mkdir()
    (types / "technology.toml").write_text(
        '[software_license]\n"لایسنس" = 3\n"نرم افزار" = 1\n', encoding="utf-8"
    )
    (types / "export.toml").write_text('[border]\n"مرز" = 1\n"قطع" = 2\n', encoding="utf-8")
    (types / "infrastructure.toml").write_text(
        '[internet]\n"اینترنت" = 2\n"قطع" = 1\n', encoding="utf-8"
    )
    catalogue, lexicon = problems.load(types), Lexicon.load(words)
    # Nothing in the category lexicon, one word that says a known problem by itself.
    assert suggest("لایسنس نداریم", lexicon)[0].score == 0
    tallied = problems.Types(catalogue)
    best = suggest("لایسنس نداریم", lexicon, 3, tallied, alone=problems.CATEGORY_SIGN)[0]
    assert (best.slug, best.score, best.words) == ("technology", 3.0, ("لایسنس",))
    # A lone trouble («قطع», weight 2) is no sign of export, and infrastructure's best type (1) no
    # sign either: only electricity, by its own word and nothing more.
    assert _suggested("برق قطع شد", catalogue, lexicon) == {"electricity": 2.0}
    # Where the category's own words match, its best type counts whatever its weight.
    words.write_text('[infrastructure]\n"شهرک" = 0.5\n', encoding="utf-8")
    lexicon = Lexicon.load(words)
    assert _suggested("اینترنت شهرک قطع شد", catalogue, lexicon) == {"infrastructure": 3.5}


def test_shipped_types_name_what_the_category_lexicon_misses() -> None:
    lexicon = Lexicon.load(LEXICON_PATH)
    for text, slug, word in [
        ("solidworks license nadarim", "technology", "solidworks"),
        ("IRC کدی وئرمیرلر", "permits", "IRC"),
    ]:
        assert suggest(text, lexicon)[0].score == 0, text
        best = problems.suggest_category(text, lexicon)[0]
        assert (best.slug, word in best.words) == (slug, True), text


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # A storm's damage, told with the loan the unit began on: not a finance problem.
        (
            "کارمونو با وام شروع کردیم. طوفان سقف دو تا سالن رو کند و برد، "
            "پنج ماهه از ستاد بحران هیچ خبری نیست",
            "other",
        ),
        # Thieves and guards at night are «سایر», not the estate's infrastructure.
        ("شبا دزد میاد تو شهرک، کابل و باتری لیفتراک بردن، نگهبان هم نیست", "other"),
        # The fire station is the estate's infrastructure (MISSION).
        ("شهرک ما ایستگاه آتش نشانی نداره، آتش سوزی پارسال دیر رسیدن", "infrastructure"),
        # A spare part that sanctions keep out.
        ("قطعه یدکی دستگاه آلمانی به خاطر تحریم نمیاد، سه ماهه خط خوابیده", "raw_materials"),
    ],
)
def test_problems_at_the_edge_of_other_take_the_category_mission_gives(
    text: str, slug: str
) -> None:
    assert problems.suggest_category(text, Lexicon.load(LEXICON_PATH))[0].slug == slug
