"""Spoken verbs read in their own tense and negation (bot/understand.py), and the forms a
word piece takes in matching (bot/services/word_forms.py)."""

from __future__ import annotations

from bot import understand
from bot.services import word_forms
from bot.services.categorize import LEXICON_PATH, Lexicon, analysed_key, engine, suggest
from bot.services.problems import suggest_category


def _understood(text: str) -> dict[str, str]:
    """The words of a text that were read as another word: own spelling → understood as."""
    return {w.own: w.text for w in understand.words(text, engine().informal) if w.own != w.text}


def test_spoken_verbs_are_read_in_their_own_tense_and_negation() -> None:
    # hazm's own table pairs spoken and written forms at offsets of an older list: «ندارم»
    # came out «داشته باشند», «بشه» «نشده‌اند», «نمیتونیم» «نتوانسته‌ای».
    got = _understood("نداره نمیشه بشه میخاد نمیتونیم بدیم میکنن")
    assert got == {
        "نداره": "ندارد",
        "نمیشه": "نمی‌شود",
        "بشه": "بشود",
        "میخاد": "می‌خواهد",
        "نمیتونیم": "نمی‌توانیم",
        "بدیم": "بدهیم",
        "میکنن": "می‌کنند",
    }


def test_a_negative_verb_matches_as_the_lexicons_write_negatives() -> None:
    lexicon = Lexicon.load(LEXICON_PATH)
    # «برق نداشت» says no power in any person or tense, spoken or written.
    negatives = Lexicon.from_mapping({"electricity": {"برق نداشت": 3}}, analyse=analysed_key)
    for text in ("از دیروز برق نداریم", "دو روزه برق نداره", "برق نداشتیم", "برق ندارند"):
        assert suggest(text, negatives)[0].matched == ("برق نداشت",), text
    assert suggest("برق داریم", negatives)[0].score == 0
    # A verb's person is no noun's ending: «بدهیم» (we pay) is no «بدهی» (a debt).
    best = suggest_category("حق بیمه کارگرا رو نمیتونیم بدیم، قسط بندی هم نمیکنن", lexicon)
    assert best[0].slug == "tax_insurance"
    assert "بدهی" not in {word for s in best for word in s.matched}
    # After «می» a piece is a verb: «می‌خرد» buys, it is no «خرد» (small).
    forms = [unit.forms for unit in engine().units("می‌خرد")]
    assert "خرید" in forms[1]


def test_the_negative_forms_of_a_piece() -> None:
    assert word_forms.negative("نداریم", "داشت#دار") == ["نداشت", "ندار"]
    assert word_forms.negative("نمی", "نمی") == []
    # A verb that starts with «ن» is no negative («نوشتیم»), nor a noun hazm reads as a verb.
    assert word_forms.negative("نوشتیم", "نوشت#نویس") == []
    assert word_forms.negative("نشست", "نشست#نشین") == []
    assert word_forms.negative("نمی‌شود".replace("\u200c", ""), "شد#شو") == ["نشد", "نشو"]


def test_a_verb_after_mi_matches_alone_only_as_its_verb() -> None:
    # «کند» of «می‌کند» is no «کند» (slow), though it still joins «کار نمی کند»; «می‌خرد» is
    # the verb «خرید» (buy).
    words = Lexicon.from_mapping(
        {"infrastructure": {"کند": 2, "کار نمی کند": 3}, "market": {"خرید": 1}},
        analyse=analysed_key,
    )
    assert suggest("اینترنت شهرک خیلی کند است", words)[0].matched == ("کند",)
    assert suggest("اداره برق بی‌خبر قطع می‌کند", words)[0].score == 0
    assert suggest("دستگاه کار نمیکنه", words)[0].matched == ("کار نمی کند",)
    assert suggest("کسی جنس نمی‌خرد", words)[0].matched == ("خرید",)
