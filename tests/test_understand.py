"""The understanding step (bot/understand.py) and categorisation by writing style."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.categorize import accuracy, read_styles
from bot import azerbaijani, latin_words, understand
from bot.azerbaijani import Azerbaijani
from bot.services.categorize import LEXICON_PATH, Lexicon, engine, suggest
from bot.services.problems import suggest_category
from bot.services.similar import tokens_for_similarity

DATA = Path(__file__).resolve().parent / "data"
# Measured before this work on the held-out part (written before any tuning): formal 1.000,
# colloquial 0.917, Finglish 0.125, Azerbaijani 0.583. After: 1.000, 0.958, 0.917, 1.000.
HELD_OUT_TOP1_FLOOR = {"formal": 0.95, "colloquial": 0.90, "finglish": 0.85, "azerbaijani": 0.85}
# The blind parts (benchmarks/categorize.py), as first measured: 50 a style, formal 0.920,
# colloquial 0.940, Finglish 0.820 (0.900 after its misses were looked at), Azerbaijani 0.900;
# Finglish alone (110), 0.827. Floors a report or two below.
BLIND_TOP1_FLOOR = {"formal": 0.88, "colloquial": 0.90, "finglish": 0.86, "azerbaijani": 0.86}
# The second blind part (55 a style, session 31), first measured: formal 0.964, colloquial
# 0.945, Finglish 0.945, Azerbaijani 0.909.
BLIND_2_TOP1_FLOOR = {"formal": 0.92, "colloquial": 0.90, "finglish": 0.90, "azerbaijani": 0.87}
# The third blind set's held-out half (22 a style, session 32; its lines not read), first
# measured: Azerbaijani in Latin letters 0.773 (0.818 once read as Tabriz writes it in Persian
# script), telegraphic 0.909, code-switching 0.909, speech-to-text 0.955, formal 0.864,
# colloquial 0.909. Floors a report below.
BLIND_3_TOP1_FLOOR = {
    "azlatin": 0.77,
    "terse": 0.86,
    "mixed": 0.86,
    "voice": 0.90,
    "formal": 0.81,
    "colloquial": 0.86,
}

# The fifth blind set's held-out half (22 a style, session 33; its lines not read), first
# measured: Azerbaijani in Persian script 0.909, Arabic keyboard 0.955, thumb typos 0.955,
# questions 1.000, stories 0.955, English 0.773 (0.864 once read as English, bot/english.py).
# Floors a report below.
BLIND_5_TOP1_FLOOR = {
    "azscript": 0.86,
    "arabic_kb": 0.90,
    "typo": 0.90,
    "question": 0.95,
    "story": 0.90,
    "english": 0.81,
}

# The sixth blind set's held-out half (22 a style, session 34; its lines not read), first
# measured: formal 1.000, colloquial 0.864, Finglish 0.864, Azerbaijani 0.909, Azerbaijani in
# Latin letters 0.909. Floors a report below.
BLIND_6_TOP1_FLOOR = {
    "formal": 0.95,
    "colloquial": 0.81,
    "finglish": 0.81,
    "azerbaijani": 0.86,
    "azlatin": 0.86,
}
# The seventh (session 35; 22 a style, its lines not read), in five more styles: two to seven
# words ("short"), Persian and Azerbaijani in one message ("mixed_az"), Persian typed on a
# Turkish keyboard («bərq qət mişe»: "turkish_kb"), one sentence inside long courtesies
# ("polite"), and careless typing («اتوماسیوننن», emoji, ي/ك: "noisy"). First measured:
# 1.000, 0.955, 0.864, 0.955, 0.909. Floors a report below.
BLIND_7_TOP1_FLOOR = {
    "short": 0.95,
    "mixed_az": 0.90,
    "turkish_kb": 0.81,
    "polite": 0.90,
    "noisy": 0.86,
}
# The eighth (session 37; 22 a style, its lines not read), in the five main styles, about half
# of them less common problems. First measured: 0.909, 0.864, 0.864, 0.909, 0.773. Floors a
# report below.
BLIND_8_TOP1_FLOOR = {
    "formal": 0.86,
    "colloquial": 0.81,
    "finglish": 0.81,
    "azerbaijani": 0.86,
    "azlatin": 0.72,
}


@pytest.mark.parametrize(
    ("name", "style", "floor"),
    [
        *(("reports_styles_heldout.tsv", s, f) for s, f in sorted(HELD_OUT_TOP1_FLOOR.items())),
        *(("reports_styles_blind.tsv", s, f) for s, f in sorted(BLIND_TOP1_FLOOR.items())),
        *(("reports_styles_blind2.tsv", s, f) for s, f in sorted(BLIND_2_TOP1_FLOOR.items())),
        *(
            ("reports_styles_blind3_heldout.tsv", s, f)
            for s, f in sorted(BLIND_3_TOP1_FLOOR.items())
        ),
        *(
            ("reports_styles_blind5_heldout.tsv", s, f)
            for s, f in sorted(BLIND_5_TOP1_FLOOR.items())
        ),
        *(
            ("reports_styles_blind6_heldout.tsv", s, f)
            for s, f in sorted(BLIND_6_TOP1_FLOOR.items())
        ),
        *(
            ("reports_styles_blind7_heldout.tsv", s, f)
            for s, f in sorted(BLIND_7_TOP1_FLOOR.items())
        ),
        *(
            ("reports_styles_blind8_heldout.tsv", s, f)
            for s, f in sorted(BLIND_8_TOP1_FLOOR.items())
        ),
        ("reports_finglish_blind.tsv", "finglish", 0.81),
        # The fourth (session 32), tuned on after one measure: Azerbaijani in Latin letters
        # 0.788 -> 0.864, code-switching 0.909.
        ("reports_styles_blind4.tsv", "azlatin", 0.83),
        ("reports_styles_blind4.tsv", "mixed", 0.87),
    ],
)
def test_held_out_top1_per_style(name: str, style: str, floor: float) -> None:
    rows = read_styles(DATA / name)[style]
    assert len(rows) >= 20
    top1, _ = accuracy(rows, Lexicon.load(LEXICON_PATH))
    assert top1 >= floor, top1


def test_each_style_has_forty_reports_over_every_category() -> None:
    for style in HELD_OUT_TOP1_FLOOR:
        rows = [
            row
            for name in ("reports_styles_heldout.tsv", "reports_styles_tuning.tsv")
            for row in read_styles(DATA / name)[style]
        ]
        assert len(rows) >= 40
        assert len({slug for slug, _ in rows}) == 11


@pytest.mark.parametrize(
    ("word", "persian"),
    [("bargh", "برق"), ("gomrok", "گمرک"), ("maliat", "مالیات"), ("kargar", "کارگر")],
)
def test_finglish_words_become_persian(word: str, persian: str) -> None:
    assert understand.to_persian(word) == persian


def test_finglish_endings_after_a_silent_e_and_persian_before_azerbaijani_spellings() -> None:
    # «ezharname» + «mun»: the silent «e» is said «a» before an ending.
    assert understand.to_persian("ezharnamamun") == "اظهارنامه\u200cمون"
    # The lists hold «گؤمروک» for Azerbaijani; a Finglish word is the Persian one.
    assert "ؤ" not in (understand.to_persian("gomroke") or "")
    suggested = suggest_category("bar to gomroke bazargan moonde", Lexicon.load(LEXICON_PATH))
    assert suggested[0].slug == "export"


def test_digits_typed_for_letters_are_read_as_those_letters() -> None:
    engine()
    read = {w.own: w.text for w in understand.words("mo3afiat 7aghe bime 3avarez ba3d", None)}
    assert read == {
        "mo3afiat": "معافیت",
        "7aghe": "حق",
        "bime": "بیمه",
        "3avarez": "عوارض",
        "ba3d": "بعد",
    }
    # A count or a 3-D printer is no word with digits for letters.
    assert [w.text for w in understand.words("2ta dastgah 3D", None)][::2] == ["2ta", "3D"]


def test_finglish_no_list_knows_is_read_as_a_common_persian_word() -> None:
    # The lists know no «فاصله»; hazm's common words do, and it reads closer than the
    # lists' «فصلی». Spoken verbs are not read that way («mifrestim» is no written word).
    engine()  # loads hazm's word list, as the first report does
    assert understand.to_persian("fasele") == "فاصله"
    assert understand.to_persian("pishbini") == "پیش‌بینی"
    assert understand.to_persian("mifrestim") is None
    assert understand.to_persian("bargh") == "برق"


def test_english_lexicon_words_stay_latin() -> None:
    assert understand.to_persian("ERP") is None
    best = suggest("erp mikhaim", Lexicon.load(LEXICON_PATH))[0]
    assert best.slug == "technology"


def test_explanations_keep_the_members_spelling() -> None:
    best = suggest("bargh ghat mishe", Lexicon.load(LEXICON_PATH))[0]
    assert best.slug == "electricity"
    assert "bargh ghat" in best.words


def test_a_place_name_takes_no_short_or_pinned_finglish_word() -> None:
    understand.protect_place_names(["دارو و تجهیزات پزشکی", "لوازم خانگی", "شهرک صنعتی رازی"])
    try:
        # «dar» (in) is pinned in data/finglish.toml; «lazem» reads closer as «لازم» (needed)
        # than as the cluster's «لوازم»; «razi» is still the estate.
        assert understand.to_persian("dar") == "در"
        assert understand.to_persian("lazem") == "لازم"
        assert understand.to_persian("razi") == "رازی"
        tokens = tokens_for_similarity("sarmaye dar gardesh nadarim")
        assert "دارو" not in tokens
    finally:
        understand.protect_place_names([])


def test_a_place_is_read_in_latin_letters_as_its_english_name_spells_it() -> None:
    understand.protect_place_names(
        [
            ("شهرک صنعتی هشترود", "Hashtrud Industrial Estate"),
            ("شهرک صنعتی مراغه", "Maragheh Industrial Estate"),
            ("شهرک صنعتی غرب تبریز", "West Tabriz Industrial Estate"),
            ("شهرک صنعتی اهر", "Ahar Industrial Estate"),
        ]
    )
    try:
        # Their consonants read as Persian, these were no place («هشترود» reads «estrud»).
        assert understand.to_persian("Hashtrud") == "هشترود"
        assert understand.to_persian("hashtrood") == "هشترود"  # spelled a little otherwise
        assert understand.to_persian("Maragheh") == "مراغه"
        assert understand.to_persian("tabriz") == "تبریز"
        assert understand.to_persian("azar") != "اهر"  # a short name only as spelled
        # The words every name has are no place («west», «industrial»).
        assert understand.to_persian("west") != "غرب"
        read = {w.own: w.text for w in understand.words("shahrak hashtrud ab nadare")}
        assert read["hashtrud"] == "هشترود"
    finally:
        understand.protect_place_names([])


def test_a_finglish_ezafe_typed_apart_joins_its_word() -> None:
    words = understand.words("ensheab e gaz nemidan", engine().informal)
    assert [w.text for w in words][:2] == ["انشعاب", "گاز"]
    assert words[0].own == "ensheab e"


def test_finglish_endings_after_a_hyphen_leave_their_word() -> None:
    text = "jadde-ye shahrak por az chaale-ast, check-e moshtari bargasht khord"
    words = understand.words(text, engine().informal)
    assert [w.text for w in words][:7] == ["جاده", "شهرک", "پر", "از", "چال", "چک", "مشتری"]
    assert words[0].own == "jadde-ye"
    # A hyphen between words keeps both; the plural is the word's ending, as typed apart.
    assert [w.text for w in understand.words("mashin-e ashghal", engine().informal)] == [
        "ماشین",
        "آشغال",
    ]
    assert understand.words("email-ha", engine().informal)[0].text == "ایمیل‌ها"
    # Typed apart, «ye» is «یه» (a, one), not an ending of the word before.
    assert len(understand.words("bargh ye hafte nist", engine().informal)) == 4
    assert suggest("check-e moshtari bargasht khord", Lexicon.load(LEXICON_PATH))[0].slug == (
        "finance"
    )


def test_a_listed_word_with_its_ending_beats_a_common_word_of_like_sound() -> None:
    engine()  # hazm's common words join the skeleton matcher
    assert understand.to_persian("shahrakha") == "شهرک‌ها"  # not the name «شاهرخ»
    # Not for a one-letter ending or a short stem.
    assert understand.to_persian("hala") == "حالا"  # not «حلال‌ها»


def test_place_names_are_not_stemmed() -> None:
    text = "برق شهرک رازی قطع شد"
    understand.protect_place_names([])
    assert "راز" in tokens_for_similarity(text)  # read, and cached, before the place is known
    # Staff add the estate: what was read with the old places is read again.
    understand.protect_place_names(["شهرک صنعتی رازی"])
    try:
        tokens = tokens_for_similarity(text)
        assert "رازی" in tokens and "راز" not in tokens
    finally:
        understand.protect_place_names([])


def test_detached_endings_and_spoken_verbs() -> None:
    tokens = tokens_for_similarity("چند تا از دستگاه هامون سوخته")
    assert "دستگاه" in tokens
    assert "هامون" not in tokens


def _understood(text: str) -> dict[str, str]:
    """The words of a text that were read as another word: own spelling → understood as."""
    return {w.own: w.text for w in understand.words(text, engine().informal) if w.own != w.text}


def test_azerbaijani_words_are_read_as_persian_endings_and_all() -> None:
    got = _understood("ایشچیلریمیز گئدیب، خام دری‌نی خاریجه آپاریرلار، کندلردن گلن یوخدور")
    assert got["ایشچیلریمیز"] == "کارگر"
    assert got["دری‌نی"] == "چرم"
    assert got["کندلردن"] == "روستا"
    # So an Azerbaijani report and a Persian one of the same problem share their words.
    assert {"کارگر", "چرم"} <= set(tokens_for_similarity("ایشچیلر گئدیب، دری تاپیلمیر"))


def test_words_persian_too_are_read_as_azerbaijani_only_in_an_azerbaijani_message() -> None:
    # «کند» is slow in Persian and a village in Azerbaijani; «سو» a direction and water.
    assert _understood("اینترنت شهرک کند است و از این سو به آن سو می‌رود") == {}
    assert _understood("کندده سو یوخدور") == {"کندده": "روستا", "سو": "آب"}


def test_the_categories_match_a_word_under_its_azerbaijani_endings() -> None:
    assert azerbaijani.stems("ایشیغیمیز") >= {"ایشیغ", "ایشیق"}
    assert "معدن" in azerbaijani.stems("معدنینی")
    lexicon = Lexicon.load(LEXICON_PATH)
    # «ایشیغیمیز» is «ایشیق» (electricity) with «-یمیز»; «معدنینی» the «معدن» (a mine).
    best = suggest("قونشو سئخین ماشینی ایشله‌ینده بیزیم ایشیغیمیز گئدیر", lexicon)[0]
    assert best.slug == "electricity"
    assert (
        suggest("قوم معدنینی باغلاییبلار، بلوک کسه بیلمیریک", lexicon)[0].slug == "raw_materials"
    )
    # «دادگاهدادی» is «in court» («دادگاه» with «-دا» and «-دی»): a dispute, «سایر».
    case = "قرارداد اوستونده دعوامیز وار، وکیل تاپمیشیق، پرونده ایکی ایلدیر دادگاهدادی"
    assert suggest_category(case, lexicon)[0].slug == "other"


@pytest.mark.parametrize(
    ("latin", "script"),
    [
        ("işıq", "ایشیق"),
        ("ishiq", "ایشیق"),
        ("gedir", "گئدیر"),
        ("tapılmır", "تاپیلمیر"),
        ("mallarımız", "ماللاریمیز"),
        ("yoxdu", "یوخدو"),
        ("ishchi", "ایشچی"),
        ("kəsilib", "کسیلیب"),
        ("qiymət", "قیمت"),
        ("yarıya", "یارییا"),
        ("ixrac", "ایخراج"),
    ],
)
def test_azerbaijani_in_latin_letters_is_written_as_tabriz_writes_it(
    latin: str, script: str
) -> None:
    assert azerbaijani.to_script(latin) == script


def test_plain_letters_leave_e_and_g_open() -> None:
    # «defe» is «dəfə»; «ishig» is «işıq».
    assert "دفه" in azerbaijani.to_scripts("defe")
    assert "ایشیق" in azerbaijani.to_scripts("ishig")
    # The Republic's letters say which; only an «ə» inside a word may be written «ه» before
    # an ending («idarəsi» is «اداره» with «-سی»).
    assert azerbaijani.to_scripts("dəfə") == ["دفه", "دهفه"]
    assert "ایدارهسی" in azerbaijani.to_scripts("idarəsi")
    assert _understood("Elektrik idarəsi deyir trans yoxdu")["idarəsi"] == "اداره"
    # Who types «ş» and «ə» types «x» for «خ»: in such a word «kh» is «k» and «h».
    assert azerbaijani.to_script("şəhrəkha") == "شهرکها"
    assert _understood("şərkət şəhrəkha ro")["şəhrəkha"] == "شهرک\u200cها"
    # A capital «I» typed in plain letters is no such sign.
    assert azerbaijani.to_scripts("Ishig")[0] == azerbaijani.to_scripts("ishig")[0] == "ایشیگ"


def test_an_azerbaijani_message_in_latin_letters_is_read_as_persian() -> None:
    got = _understood("Bank vam vermir, ustalarimiz gedib, mallarımız satılmır")
    assert got["ustalarimiz"] == "استادکار"
    assert got["mallarımız"] == "کالا"
    assert got["vam"] == "وام"  # the Persian word an Azerbaijani speaker uses
    assert got["vermir"] == "وئرمیر"  # a verb as the lists write it
    # Persian words with Azerbaijani endings, and a place.
    got = _understood("hesablarimiz baglanib, Tebrizde kimse kredit vermir")
    assert got["hesablarimiz"] == "حساب"
    assert got["Tebrizde"] == "تبریز"
    # An Azerbaijani report in Latin letters and one in Persian script share their words.
    latin = set(tokens_for_similarity("ishchi tapilmir, ustalar hamisi gedib"))
    assert {"کارگر", "استادکار"} <= latin
    assert latin & set(tokens_for_similarity("ایشچی تاپیلمیر، اوستالار هامیسی گئدیب")) >= {
        "کارگر",
        "استادکار",
    }


def test_latin_azerbaijani_grammar_places_and_compounds_are_read_so() -> None:
    understand.protect_place_names([("شهرک صنعتی سلیمی", "Salimi"), ("جلفا", "Jolfa")])
    try:
        got = _understood("Selimide bizim kargahin qazi kesilib, eyni problem Culfada da var")
    finally:
        understand.protect_place_names([])
    # Words of grammar say nothing, rather than the Persian words they sound like.
    for grammar in ("bizim", "eyni", "da"):
        assert grammar not in got
    # A place comes before a table word it ends like («سئل», a flood); «c» is «ج».
    assert got["Selimide"] == "سلیمی"
    assert got["Culfada"] == "جلفا"
    got = _understood("shahrakda bank zəmanətnamə isteyir, təsdiq vermir")
    # Letter pairs read as their one letter; a compound the lists use part by part.
    assert got["shahrakda"] == "شهرک"
    assert got["zəmanətnamə"] == "ضمانت\u200cنامه"
    assert got["təsdiq"] == "تایید"
    # «tır» is a lorry (TIR), not the month «تیر».
    assert _understood("tırlarımız sərhəddə 4 gündü gözləyir")["tırlarımız"] == "کامیون"
    # A word Finglish pins, under Azerbaijani endings, before what the whole sounds like
    # («دارد»); «gelib» (came) says nothing, and is no «قالب» (qəlib, a mould).
    got = _understood("3 aydi divarda agahi vermishik, bir sherket gelib baxsin")
    assert got["divarda"] == "دیوار"
    assert "gelib" not in got


def test_two_words_typed_as_one_are_read_apart() -> None:
    got = _understood("یه فازبرق کارگاه هی میپره، فشارگاز هم پایینه، گیرنمیاد تعمیرکار")
    assert got["فازبرق"] == "فاز برق"
    assert got["فشارگاز"] == "فشار گاز"
    assert got["گیرنمیاد"] == "گیر نمیاد"
    # Not a verb («میزنیم» is no «میز نیم»), nor a word and its ending («ایشلیر», «حسابداران»).
    for word in ("میزنیم", "ایشلیر", "حسابداران", "دستگاه‌هامون"):
        assert " " not in understand.words(word, engine().informal)[0].text, word


def test_two_one_letter_endings_are_not_cut_one_after_the_other() -> None:
    reader = engine().informal.azerbaijani
    assert reader.meaning("آغ") == "سفید"
    # «آغاهی» (agahi: an advert) is no «آغ» with «ا», «ه» and «ی» cut.
    assert reader.meaning("آغاهی") is None
    assert reader.meaning("ایشچیسینی") == "کارگر"


@pytest.mark.parametrize(
    "finglish",
    [
        "javab nemidan, edare bargh chek ro bargasht zade",  # words both languages share
        "tamir dastgah ha ajib gerun shode",  # Persian words that end like a verb
        "supplier ma cash mikhad, LC baz nemikonan",  # English
    ],
)
def test_finglish_is_not_taken_for_azerbaijani(finglish: str) -> None:
    reader = engine().informal.azerbaijani
    assert not latin_words.azerbaijani_in_latin(finglish.replace(",", "").split(), reader)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # Azerbaijani in Latin letters, plain and in the Republic's alphabet.
        ("ishiq her gun gedir, dezgahlar yanib", "electricity"),
        ("işçi tapılmır, cavanlar hamısı Türkiyəyə gedir", "workforce"),
        ("gomrukde yukumuz qalib, yeni kagiz isteyirler", "export"),
        ("malımız satılmır, bazarda qaçaq mal çoxdu", "market"),
        ("kargahimiza robot lazimdi, qaynaq xettini avtomat elemek isteyirik", "technology"),
        ("Culfada gomruk bizim yuku 5 gundu saxlayib", "export"),
        # English: its business words are pinned in data/finglish.toml («loan» is no «آلان»).
        ("power cuts every day in Salimi estate, our machines got damaged", "electricity"),
        ("the bank refused our loan, they want more collateral", "finance"),
        ("customs is holding our shipment at Bazargan border", "export"),
        ("we cannot find skilled workers, young people leave", "workforce"),
        ("tax office fined us and froze our account", "tax_insurance"),
        ("our raw material prices doubled, steel sheet is not available", "raw_materials"),
        ("road to the estate is full of potholes, trucks can't enter", "infrastructure"),
        ("our operating license renewal is stuck at the environment office", "permits"),
        ("smuggled shoes from Turkey are killing our sales", "market"),
    ],
)
def test_a_report_in_latin_letters_gets_its_category(text: str, slug: str) -> None:
    assert suggest_category(text, Lexicon.load(LEXICON_PATH))[0].slug == slug


def test_a_word_spelled_with_a_letter_of_like_sound_is_the_lists_word() -> None:
    got = _understood("مالیاط امسال سه برابر شده، ظمانت نامه هم قبول نمیکنن، اینترنط قطعه")
    assert got["مالیاط"] == "مالیات"
    assert got["ظمانت"] == "ضمانت"
    assert got["اینترنط"] == "اینترنت"
    lexicon = Lexicon.load(LEXICON_PATH)
    assert suggest_category("مالیاط امسال سه برابر شده", lexicon)[0].slug == "tax_insurance"
    # Words people write are left alone, even when a listed word sounds the same.
    assert "قطعه" not in got


def test_place_names_stay_in_an_azerbaijani_message() -> None:
    understand.protect_place_names(["شهرک صنعتی دری"])
    try:
        assert "دری" not in _understood("دری شهرکینده ایشچی تاپیلمیر")
    finally:
        understand.protect_place_names([])


def test_a_broken_azerbaijani_table_is_reported_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "azerbaijani.toml"
    bad.write_text('"ایشچی" = ["کارگر"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="ایشچی"):
        Azerbaijani.load(bad, frozenset())
    grammar = tmp_path / "grammar.toml"
    grammar.write_text('"ایشچی" = "کارگر"\n[latin]\ngrammar = ["بیز"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="grammar"):
        Azerbaijani.load(grammar, frozenset())
    # The shared engine first, with the real table: built under the patch, every later test
    # on this worker would read Azerbaijani without it.
    lemmatizer = engine().lemmatizer
    monkeypatch.setattr(understand, "AZERBAIJANI_PATH", bad)
    informal = understand.Informal(lemmatizer)
    assert "azerbaijani.toml" in caplog.text
    words = understand.words("ایشچی تاپیلمیر", informal)
    assert [w.text for w in words] == ["ایشچی", "تاپیلمیر"]
