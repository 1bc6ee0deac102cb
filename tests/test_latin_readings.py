"""Latin letters typed on a phone: Azerbaijani read as Tabriz says and writes it, and Persian
(Finglish) words that sound like a place (bot/latin_words.py, bot/azerbaijani.py,
bot/place_names.py)."""

from __future__ import annotations

from bot import azerbaijani, understand
from bot.services.categorize import LEXICON_PATH, Lexicon, engine
from bot.services.problems import suggest_category


def _understood(text: str) -> dict[str, str]:
    """The words of a text that were read as another word: own spelling → understood as."""
    return {w.own: w.text for w in understand.words(text, engine().informal) if w.own != w.text}


def test_a_plain_c_may_be_the_republics_c_with_a_cedilla() -> None:
    # A phone without «ç» types «c»: «cekleri qayitdi» is «çekləri qayıtdı», cheques bounced.
    assert "چکلری" in azerbaijani.to_scripts("cekleri")
    assert azerbaijani.to_scripts("cekleri")[0] == "جئکلئری"  # the letter as typed first
    text = "bir tajir xalchalarimizi aldi, cekleri qayitdi. 3 kargah variq eyni veziyyetde"
    assert suggest_category(text, Lexicon.load(LEXICON_PATH))[0].slug == "finance"


def test_a_g_may_be_said_for_qaf() -> None:
    understand.protect_place_names([("مراغه", "Maragheh")])
    try:
        got = _understood("vasige ucun maraga bankindan zemanetname isteyirik")
        # «ق» said «g» («vasige» is «وثیقه»); the place as Azerbaijani says it, its final «ه»
        # an «a» («Marağa»).
        assert got["vasige"] == "وثیقه"
        assert got["maraga"] == "مراغه"
        # Not in a verb's ending: «vururug» (we ring) is no «ورق» (a sheet).
        got = _understood("koordinatora zeng vururug telefonu goturmur")
        assert got.get("vururug") != "ورق"
    finally:
        understand.protect_place_names([])


def test_a_spoken_verb_is_no_place_it_sounds_like() -> None:
    understand.protect_place_names([("میانه", "Mianeh")])
    try:
        # «mizane» (it rings, it hits) reads as close to «میانه» as to the verb: the verb.
        assert understand.to_persian("mizane") == "میزنه"
        assert understand.to_persian("miane") == "میانه"
        assert understand.to_persian("mianeh") == "میانه"
    finally:
        understand.protect_place_names([])


def test_a_table_word_typed_without_its_rounded_vowel() -> None:
    reader = engine().informal.azerbaijani
    # Most phones type «گومروک» for the table's «گؤمروک» (and a plain «o» is written so).
    assert reader.meaning("گومروک") == "گمرک"
    got = _understood("bizim yukumuz gomrukde qalib, travertin bloklarinin gomruk avarezi qalxib")
    assert got["gomruk"] == "گمرک"
    # Unless another word of the table is so spelled: «گون» is a day, not «گؤن» (leather).
    assert reader.meaning("گون") == "روز"


def test_plain_letter_words_of_tabriz() -> None:
    got = _understood("teze polad karxanasi iki qat maashnan aparir, sinirda qalib")
    assert got["teze"] == "تازه"  # new, not «tez» (early) with an ending
    assert got["maashnan"] == "حقوق"  # «-nan», with; not «ماشین» (a machine)
    # «قات» is a fold in Persian script too («دورد قات», four times; not «قطع», a cut).
    assert _understood("ایشیق پولو دورد قات گلیب")["قات"] == "برابر"
    assert got["sinirda"] == "مرز"
