"""Reports written in English (bot/english.py, data/english.toml)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot import english, understand
from bot.services.categorize import LEXICON_PATH, Lexicon, engine
from bot.services.problems import suggest_category
from bot.services.similar import SIMILARITY_THRESHOLD, pair_similarity, tokens_for_similarity


def _read(text: str) -> list[tuple[str, str]]:
    return [(w.own, w.text) for w in understand.words(text, engine().informal)]


@pytest.mark.parametrize(
    "text",
    [
        "The bank refused our loan because we have no collateral",
        "Social security inspectors fined us for old lists",  # one word of evidence, known words
        "our gas pressure is too low since last week and the furnaces are cold",
    ],
)
def test_an_english_message_is_told_from_finglish_and_azerbaijani(text: str) -> None:
    words = text.split()
    assert english.is_english(words, len(words))


@pytest.mark.parametrize(
    "text",
    [
        "bargh shahrak az dirooz ghat shode, dastgah ha khamoosh",  # Finglish
        "bad az do hafte hanooz javab nadadan, man kar nadaram",  # Finglish that looks English
        "ishiq her gun gedir, bizim dezgahlar yanib",  # Azerbaijani
        "Bank vam vermir, deyir zamin lazimdi",  # Azerbaijani with an English word
    ],
)
def test_finglish_and_azerbaijani_are_not_english(text: str) -> None:
    words = text.replace(",", "").split()
    assert not english.is_english(words, len(words))


def test_punctuation_on_a_word_of_evidence_does_not_hide_it() -> None:
    # «us,» is «us»: read as Finglish, «again», «three» and «please» were «گون», «تحریریه»,
    # «پلاس».
    read = _read("Power cut again, three days now. Help us, please!")
    assert [text for _, text in read] == ["قطع برق"]


def test_a_persian_message_with_english_words_is_not_english() -> None:
    text = "سرور ERP مون از دیروز down شده، backup هم نداریم، is it normal?"
    words = text.split()
    assert not english.is_english([w for w in words if w.isascii()], len(words))


def test_english_function_words_are_left_out_not_read_as_finglish() -> None:
    read = dict(_read("Three weeks lost already, the internet is not working at our plant"))
    # «not» was «نت» (the internet, so any message with «not» was about it), «lost» «لیست».
    assert "not" not in read and "lost" not in read and "the" not in read
    assert read["internet"] == "اینترنت"
    assert "نت" not in {text for _, text in _read("We could not get the loan")}


def test_phrases_forms_and_names_are_read() -> None:
    read = dict(_read("Social security fined us; Bank Mellat loans are stuck at Salimi estate"))
    assert read["Social security"] == "تامین اجتماعی"
    assert read["loans"] == "وام"  # a plural found from its base
    assert read["Mellat"] == "ملت"  # a name Finglish pins
    assert read["fined"] == "جریمه"


def test_every_word_of_evidence_is_left_out() -> None:
    tables = english.english()
    assert tables.evidence <= tables.ignored
    # An ignored word has no reading: it would be read, not left out.
    assert not {w for w in tables.ignored if w in tables.words}


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Social security inspectors fined us 800 million for old insurance lists",
            "tax_insurance",
        ),
        ("Theft at night is increasing in our estate, there is only one guard", "other"),
        ("The new software does not work with our CNC machines", "technology"),
        ("We need a certificate of origin for every shipment to Iraq", "export"),
        ("Stray dogs attack our workers on the night shift", "other"),
        ("Working capital loans are not paid although the bank approved them", "finance"),
    ],
)
def test_an_english_report_gets_its_category(text: str, slug: str) -> None:
    assert suggest_category(text, Lexicon.load(LEXICON_PATH))[0].slug == slug


def test_an_english_report_and_a_persian_one_of_one_problem_are_alike() -> None:
    english_report = "Social security inspectors fined us 800 million for old insurance lists"
    persian_report = "بازرس تامین اجتماعی ۸۰۰ میلیون جریمه نوشته بابت لیست های بیمه قدیمی"
    assert {"بازرس", "بیمه", "جریمه"} <= tokens_for_similarity(english_report)
    score = pair_similarity(english_report, persian_report, "tax_insurance")
    assert score >= SIMILARITY_THRESHOLD


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[words]\n"loan" = 3\n', "must be a Persian word"),
        ('[words]\n"loan" = "وام"\n[ignored]\nwords = ["loan"]\n', "both read and left out"),
        ("[ignored]\nwords = 3\n", "must be a list of words"),
        ('[words\n"loan" = "وام"\n', "not valid TOML"),
    ],
)
def test_a_bad_english_file_is_refused_by_line(tmp_path: Path, text: str, error: str) -> None:
    bad = tmp_path / "english.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        english.English.load(bad)


def test_a_broken_english_file_is_logged_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "english.toml"
    bad.write_text('[words]\n"loan" = 3\n', encoding="utf-8")
    monkeypatch.setattr(english, "ENGLISH_PATH", bad)
    english.english.cache_clear()
    try:
        with caplog.at_level(logging.ERROR, logger="bot.english"):
            empty = english.english()
        assert "english.toml" in caplog.text and not empty.words
        assert not english.is_english(["the", "bank", "refused", "our", "loan"], 5)
    finally:
        english.english.cache_clear()  # the real file again, for the tests after
