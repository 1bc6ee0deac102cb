"""Tests for bot.text: normaliser, digits, phone parsing, loose matching, and the clusters file."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.text import (
    clip,
    fold_digits,
    loose_match,
    normalize,
    pack_messages,
    parse_phone,
    persian_digits,
    shorten,
    split_message,
    utf16_len,
    warm_up,
)

ZWNJ = "\u200c"
CLUSTERS_CSV = Path(__file__).resolve().parent.parent / "data" / "clusters.csv"


def to_persian(text: str) -> str:
    """Return text with ASCII digits written in Persian digits."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def to_arabic(text: str) -> str:
    """Return text with ASCII digits written in Arabic-Indic digits."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def test_warm_up_is_idempotent() -> None:
    warm_up()
    warm_up()
    assert normalize("كتاب") == "کتاب"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("كتاب", "کتاب"),
        ("علي", "علی"),
        ("مصطفى", "مصطفی"),
        ("مدرسة", "مدرسه"),
        ("ﺳﻼﻡ", "سلام"),  # presentation forms, with the lam-alef ligature
        ("شهرك صنعتي", "شهرک صنعتی"),
        ("شركت۱۲۳", "شرکت۱۲۳"),  # letters fixed even in a token mixing letters and digits
    ],
)
def test_normalize_arabic_letters(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("کتاب ها", f"کتاب{ZWNJ}ها"),
        ("خانه ی ما", f"خانه{ZWNJ}ی ما"),
        ("می خواهم", f"می{ZWNJ}خواهم"),
        ("میخواهم بروم", f"می{ZWNJ}خواهم بروم"),
        ("نمی دانم", f"نمی{ZWNJ}دانم"),
        (f"نیم{ZWNJ}فاصله{ZWNJ}{ZWNJ} دو", f"نیم{ZWNJ}فاصله دو"),
        (f"{ZWNJ}سلام{ZWNJ}", "سلام"),
        (f"ایران{ZWNJ}خودرو", f"ایران{ZWNJ}خودرو"),
        ("میز", "میز"),
    ],
)
def test_normalize_half_spaces(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  شرکت   ما  در  شهرک   ", "شرکت ما در شهرک"),
        ("سلام\tدنیا", "سلام دنیا"),
        ("سلام\u00a0دنیا", "سلام دنیا"),
        ("مشکل برق  :  قطعی مکرر!", "مشکل برق: قطعی مکرر!"),
        ("« سلام »", "«سلام»"),
        ("خط اول\r\nخط دوم", "خط اول\nخط دوم"),
        ("بند یک\n\n\n\nبند دو", "بند یک\n\nبند دو"),
        ("   ", ""),
        ("", ""),
    ],
)
def test_normalize_spacing(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A key held down: no Persian word has a letter three times in a row.
        ("خیلیییی بدههه", "خیلی بده"),
        ("اتوماسیوننن خط تولید", "اتوماسیون خط تولید"),
        ("برقققق یوخخخ", "برق یوخ"),
        # Twice is left: words have it («ممنون»، «ششم»، «دوققوز»).
        ("ممنون ششم دوققوز", "ممنون ششم دوققوز"),
    ],
)
def test_normalize_letters_held_down(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "mark",
    list("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u200b\u061c"),
)
def test_normalize_removes_invisible_marks(mark: str) -> None:
    assert normalize(f"{mark}سلام{mark} دنیا{mark}") == "سلام دنیا"
    assert normalize(f"hello{mark} world") == "hello world"


# Digits stay as typed …
AS_TYPED_DIGITS = [
    "۰۹۱۲۳۴۵۶۷۸۹",
    "٠٩١٢٣٤٥٦٧٨٩",
    "09123456789",
    "قیمت 3.5 میلیون و 10.450 تومان",
    "شماره ۰۹۱۲ و 0914-123-4567 و ٠٩١٢",
    "۱۴۰۵/۰۹/۱۵",
    "۱۱۱ و ١١١ و 111 میلیون",
]
# … and so do English, links, commands, mentions and emoji.
AS_TYPED_ENGLISH_AND_EMOJI = [
    "Hello, world! I'm fine. e.g. this",
    "see https://example.com/a.b?x=1 or mail a.b@example.com",
    "/start c_furniture",
    "C++ and C# 100% ok...",
    "“quoted” text",
    "line1",
    "@user_name #tag",
    "سلام 😀 دنیا 👍🏽 خوبی؟",
    "👨\u200d👩\u200d👧 family ❤️",
    "خرید iPhone و لپ‌تاپ",
]


@pytest.mark.parametrize("text", AS_TYPED_DIGITS + AS_TYPED_ENGLISH_AND_EMOJI)
def test_normalize_leaves_digits_english_and_emoji_as_typed(text: str) -> None:
    assert normalize(text) == text


@pytest.mark.parametrize(
    "text",
    ["كتاب ها و خانه ی ما", "  مشکل برق  :  قطعی\n\n\n\nفوری ", "hi https://x.org/a.b 😀"],
)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("کد ۱۲a-٣4", "کد 12a-34"),
        ("no digits", "no digits"),
    ],
)
def test_fold_digits(raw: str, expected: str) -> None:
    assert fold_digits(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1405, "۱۴۰۵"),
        (0, "۰"),
        (-12, "-۱۲"),
        ("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
        ("ساعت 16:30", "ساعت ۱۶:۳۰"),
        ("۱۲ و 3", "۱۲ و ۳"),
    ],
)
def test_persian_digits(value: str | int, expected: str) -> None:
    assert persian_digits(value) == expected
    assert fold_digits(persian_digits(value)) == fold_digits(str(value))


IRANIAN_FORMS = [
    "09123456789",
    "+989123456789",
    "00989123456789",
    "989123456789",
    "9123456789",
    "0912 345 6789",
    "0912-345-67-89",
    "(0912) 345 6789",
    "+98 (912) 345-6789",
    "+98 (0) 912 345 6789",
    "0912.345.6789",
    " \u202a+98 912 345 6789\u202c ",  # as some phones copy it, wrapped in bidi marks
]


@pytest.mark.parametrize("convert", [str, to_persian, to_arabic], ids=["ascii", "fa", "ar"])
@pytest.mark.parametrize("text", IRANIAN_FORMS)
def test_parse_phone_iranian_mobile(text: str, convert: Callable[[str], str]) -> None:
    assert parse_phone(convert(text)) == "+989123456789"


@pytest.mark.parametrize("convert", [str, to_persian, to_arabic], ids=["ascii", "fa", "ar"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+44 7911 123456", "+447911123456"),
        ("0044 7911 123456", "+447911123456"),
        ("+90 532 123 45 67", "+905321234567"),
        ("+1 (202) 555-0143", "+12025550143"),
        ("+12345678", "+12345678"),  # shortest E.164 we take: 8 digits
        ("+123456789012345", "+123456789012345"),  # longest: 15 digits
    ],
)
def test_parse_phone_international(
    text: str, expected: str, convert: Callable[[str], str]
) -> None:
    assert parse_phone(convert(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "+",
        "abc",
        "۰۹۱۲۳۴۵۶۷۸الف",
        "0912345678a",
        "0912345678",  # one digit short
        "091234567890",  # one digit long
        "912345678",
        "02112345678",  # Tehran landline, no country code
        "+982112345678",  # Iranian landline: not a messenger account
        "+98912345678",  # Iranian mobile one digit short
        "+9891234567890",
        "08123456789",
        "447911123456",  # foreign without + or 00 is ambiguous
        "+0098912345678",
        "+1234567",  # too short for E.164
        "+1234567890123456",  # too long for E.164
        "+98 912 345 6789 ext",
        "0912+3456789",
        "۰۹۱۲/۳۴۵/۶۷۸۹",
    ],
)
def test_parse_phone_rejects(text: str) -> None:
    assert parse_phone(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("447911123456", "+447911123456"),  # Telegram's contact.phone_number has no "+"
        ("989123456789", "+989123456789"),
        ("09123456789", "+989123456789"),
        ("982112345678", None),
        ("0447911123456", None),
        ("1234567", None),
    ],
)
def test_parse_phone_assume_international(text: str, expected: str | None) -> None:
    assert parse_phone(text, assume_international=True) == expected


CLUSTERS = {
    "furniture": "مبلمان و صنایع چوب",
    "leather_shoes": "چرم و کفش",
    "auto_parts": "قطعات خودرو",
    "clothing": "پوشاک",
    "machinery": "ماشین‌سازی و تجهیزات صنعتی",
    "agri_machinery": "ماشین‌آلات کشاورزی",
    "pastry": "شیرینی و نان سنتی",
    "casting": "ریخته‌گری فلزات",
    "plastics": "پلاستیک و پلیمر",
    "logistics": "حمل و نقل و لجستیک",
    "pharma": "دارو و تجهیزات پزشکی",
    "medicinal_herbs": "گیاهان دارویی",
}

ESTATES = {
    "west_tabriz": "شهرک صنعتی غرب تبریز",
    "shahid_salimi": "شهرک صنعتی شهید سلیمی",
    "azarbaijan": "شهرک صنعتی آذربایجان (شهید رجایی)",
    "marand": "شهرک صنعتی مرند",
    "maragheh": "شهرک صنعتی مراغه",
    "ajabshir": "شهرک صنعتی عجب‌شیر",
    "azarshahr": "شهرک صنعتی آذرشهر",
    "hashtrud": "شهرک صنعتی هشترود",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("چرم و کفش", ["leather_shoes"]),
        ("چرم", ["leather_shoes"]),  # a partial name
        ("كفش", ["leather_shoes"]),  # Arabic kaf
        ("کفش و چرم", ["leather_shoes"]),  # words in another order
        ("چرموکفش", ["leather_shoes"]),  # no spaces at all
        ("چرموکفس", ["leather_shoes"]),  # no spaces and a typo
        ("مبل", ["furniture"]),  # cut short
        ("مبلمن", ["furniture"]),  # a letter missing
        ("ماشین سازی", ["machinery"]),  # space for the half-space
        ("ماشینسازی", ["machinery"]),  # half-space left out
        ("ماشين آلات كشاورزي", ["agri_machinery"]),
        ("ریختهگری", ["casting"]),
        ("شيريني", ["pastry"]),
        ("پوشک", ["clothing"]),  # typo
        ("پلاستیک", ["plastics"]),  # not "لجستیک", a look-alike
        ("دارو", ["pharma", "medicinal_herbs"]),  # the whole word first
        ("  قطعات   خودرو ", ["auto_parts"]),
        ("مرند", ["marand"]),
        ("شهرك صنعتي مراغه", ["maragheh"]),
        ("اذرشهر", ["azarshahr"]),  # alef without madda
        ("عجبشیر", ["ajabshir"]),
        ("عجب شیر", ["ajabshir"]),
        ("هشتروذ", ["hashtrud"]),
        ("رجایی", ["azarbaijan"]),
        ("شهید", ["shahid_salimi", "azarbaijan"]),
        ("تبریز", ["west_tabriz"]),
    ],
)
def test_loose_match(query: str, expected: list[str]) -> None:
    assert loose_match(query, {**CLUSTERS, **ESTATES}) == expected


@pytest.mark.parametrize("query", ["", "   ", "xyz", "سلام", "ت", "😀", "شهرک صنعتی تهران"])
def test_loose_match_finds_nothing_for_unrelated_text(query: str) -> None:
    assert loose_match(query, {**CLUSTERS, **ESTATES}) == []


def test_loose_match_limit_and_order() -> None:
    everything = loose_match("شهرک", ESTATES, limit=3)
    assert len(everything) == 3
    assert set(everything) <= set(ESTATES)
    assert loose_match("شهرک", ESTATES, limit=0) == []
    assert loose_match("چرم", {}) == []


def read_clusters() -> list[dict[str, str]]:
    """Read data/clusters.csv the way a loader should: # lines are comments."""
    with CLUSTERS_CSV.open(encoding="utf-8", newline="") as file:
        lines = [line for line in file if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_clusters_csv_is_marked_as_sample() -> None:
    first = CLUSTERS_CSV.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    assert "SAMPLE" in first


def test_clusters_csv_parses_with_valid_unique_codes() -> None:
    rows = read_clusters()
    assert rows
    assert list(rows[0]) == ["kind", "code", "name_fa", "name_en"]
    seen: set[tuple[str, str]] = set()
    for row in rows:
        assert row["kind"] in {"cluster", "estate"}, row
        assert re.fullmatch(r"[a-z0-9_]{1,20}", row["code"]), row
        assert (row["kind"], row["code"]) not in seen, row
        seen.add((row["kind"], row["code"]))
        assert row["name_fa"] and row["name_en"], row
        # Names are stored already normalised, so matching and display agree.
        assert normalize(row["name_fa"]) == row["name_fa"], row
    kinds = [row["kind"] for row in rows]
    assert kinds.count("cluster") >= 30
    assert kinds.count("estate") >= 10


def test_every_cluster_and_estate_finds_itself() -> None:
    rows = read_clusters()
    for kind in ("cluster", "estate"):
        names = {row["code"]: row["name_fa"] for row in rows if row["kind"] == kind}
        for code, name in names.items():
            assert loose_match(name, names)[0] == code, name


# --- splitting long texts into messages ---------------------------------------------------------


def test_a_short_text_is_one_message() -> None:
    assert split_message("  برق قطع است  ") == ["برق قطع است"]
    assert split_message("") == []


def test_long_text_is_cut_between_words() -> None:
    words = [f"کلمه{i}" for i in range(3000)]
    text = " ".join(words)
    pieces = split_message(text, 4096)
    assert len(pieces) > 1
    assert all(utf16_len(p) <= 4096 for p in pieces)
    assert " ".join(pieces) == text  # nothing lost, no word cut
    assert all(p.split(" ")[-1] in words for p in pieces)


def test_a_line_break_is_preferred_to_a_space() -> None:
    text = "الف " * 15 + "\n" + "ب " * 30
    first, second = split_message(text, 100)
    assert first == ("الف " * 15).strip() and second == ("ب " * 30).strip()


def test_emoji_count_as_two_units() -> None:
    pieces = split_message("🔴" * 100, 50)
    assert [len(p) for p in pieces] == [25, 25, 25, 25]


@pytest.mark.parametrize("limit", [7, 8])
def test_a_word_longer_than_a_message_is_cut_but_not_inside_an_escape(limit: int) -> None:
    text = "ab\\_" * 10  # Bale-escaped underscores
    pieces = split_message(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit and not p.startswith("_") for p in pieces)


def test_blocks_are_packed_into_few_messages() -> None:
    head, body, tail = "سر", "متن " * 1500, "پایان"
    messages = pack_messages([head, body, tail], 4096)
    assert len(messages) == 2
    assert messages[0].startswith("سر\n\nمتن")
    assert messages[1].endswith("متن\n\nپایان")
    assert all(utf16_len(m) <= 4096 for m in messages)
    assert pack_messages(["الف", "ب"]) == ["الف\n\nب"]
    # a block that fits a message of its own is not split across two
    assert pack_messages(["الف" * 30, "ب" * 30], 100) == ["الف" * 30, "ب" * 30]
    # nor is a long word cut to fill the end of a message
    assert pack_messages(["الف", "ب" * 150], 100) == ["الف", "ب" * 100, "ب" * 50]
    assert pack_messages([]) == []


def test_clean_strips_bidi_controls_but_keeps_persian_spelling() -> None:
    from bot.text import clean

    assert clean("\u202eسلام\u200f\u2066 دنیا\u2069\r\n") == "سلام دنیا\n"
    assert clean("می\u200cروم 👨\u200d👩\u200d👧") == "می\u200cروم 👨\u200d👩\u200d👧"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("برق شهرک قطع است", 20, "برق شهرک قطع است"),
        # the cut would fall inside «دستگاه‌های»: the word is left out whole
        ("برق شهرک قطع شد و دستگاه‌های ما خوابید", 24, "برق شهرک قطع شد و…"),
        # the cut falls right after a word: it is kept
        ("برق شهرک قطع شد و دستگاه‌ها خوابید", 16, "برق شهرک قطع شد…"),
        ("برق شهرک قطع شد، دستگاه‌ها خوابید", 18, "برق شهرک قطع شد…"),  # no comma left hanging
        ("a" * 30, 10, "a" * 9 + "…"),  # one long word: cut inside, nothing else fits
        ("  چند   فاصله\nو خط  ", 40, "چند فاصله و خط"),
    ],
)
def test_shorten_cuts_between_words(text: str, limit: int, expected: str) -> None:
    result = shorten(text, limit)
    assert result == expected and len(result) <= limit


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("برق شهرک قطع است", 16, "برق شهرک قطع است"),  # exactly the limit: kept whole
        ("برق شهرک قطع است", 8, "برق شهرک…"),  # cut at the limit, even inside a word
        ("خط اول\nخط دوم", 40, "خط اول\nخط دوم"),  # line breaks kept, unlike shorten
        ("", 5, ""),
    ],
)
def test_clip_cuts_at_the_limit_and_keeps_lines(text: str, limit: int, expected: str) -> None:
    assert clip(text, limit) == expected
