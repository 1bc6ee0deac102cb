"""Tests for bot.i18n: Jalali formatting in Tehran time, Persian digits, Fluent translators."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot import i18n
from bot.i18n import (
    DEFAULT_LANG,
    TEHRAN,
    Locales,
    format_date,
    format_datetime,
    format_number,
)

BIDI_MARKS = "\u2066\u2067\u2068\u2069\u200e\u200f"


@pytest.mark.parametrize(
    ("day", "fa", "en"),
    [
        (date(2025, 3, 21), "جمعه ۱ فروردین ۱۴۰۴", "Friday 1 Farvardin 1404"),  # Nowruz 1404
        (date(2024, 3, 20), "چهارشنبه ۱ فروردین ۱۴۰۳", "Wednesday 1 Farvardin 1403"),
        (date(2023, 3, 21), "سه‌شنبه ۱ فروردین ۱۴۰۲", "Tuesday 1 Farvardin 1402"),
        (date(2025, 3, 20), "پنج‌شنبه ۳۰ اسفند ۱۴۰۳", "Thursday 30 Esfand 1403"),  # leap year
        (date(2026, 12, 5), "شنبه ۱۴ آذر ۱۴۰۵", "Saturday 14 Azar 1405"),
        (date(2026, 12, 6), "یک‌شنبه ۱۵ آذر ۱۴۰۵", "Sunday 15 Azar 1405"),
        (date(2025, 12, 21), "یک‌شنبه ۳۰ آذر ۱۴۰۴", "Sunday 30 Azar 1404"),  # Yalda night
    ],
)
def test_format_date_known_conversions(day: date, fa: str, en: str) -> None:
    assert format_date(day, "fa", TEHRAN) == fa
    assert format_date(day, "en", TEHRAN) == en


@pytest.mark.parametrize(
    ("day", "month_fa", "month_en"),
    [
        (date(2025, 3, 21), "فروردین", "Farvardin"),
        (date(2025, 4, 21), "اردیبهشت", "Ordibehesht"),
        (date(2025, 5, 22), "خرداد", "Khordad"),
        (date(2025, 6, 22), "تیر", "Tir"),
        (date(2025, 7, 23), "مرداد", "Mordad"),
        (date(2025, 8, 23), "شهریور", "Shahrivar"),
        (date(2025, 9, 23), "مهر", "Mehr"),
        (date(2025, 10, 23), "آبان", "Aban"),
        (date(2025, 11, 22), "آذر", "Azar"),
        (date(2025, 12, 22), "دی", "Dey"),
        (date(2026, 1, 21), "بهمن", "Bahman"),
        (date(2026, 2, 20), "اسفند", "Esfand"),
    ],
)
def test_format_date_month_names(day: date, month_fa: str, month_en: str) -> None:
    assert format_date(day, "fa", TEHRAN).endswith(f" ۱ {month_fa} ۱۴۰۴")
    assert format_date(day, "en", TEHRAN).endswith(f" 1 {month_en} 1404")


@pytest.mark.parametrize(
    ("offset", "weekday_fa", "weekday_en"),
    [
        (0, "شنبه", "Saturday"),
        (1, "یک‌شنبه", "Sunday"),
        (2, "دوشنبه", "Monday"),
        (3, "سه‌شنبه", "Tuesday"),
        (4, "چهارشنبه", "Wednesday"),
        (5, "پنج‌شنبه", "Thursday"),
        (6, "جمعه", "Friday"),
    ],
)
def test_format_date_weekday_names(offset: int, weekday_fa: str, weekday_en: str) -> None:
    day = date(2026, 12, 5) + timedelta(days=offset)  # a Saturday, the first day of the week
    assert format_date(day, "fa", TEHRAN).split(" ")[0] == weekday_fa
    assert format_date(day, "en", TEHRAN).split(" ")[0] == weekday_en


def test_format_datetime_mission_example_shape() -> None:
    moment = datetime(2026, 12, 5, 13, 0, tzinfo=UTC)  # 16:30 in Tehran (UTC+3:30)
    assert format_datetime(moment, "fa", TEHRAN) == "شنبه ۱۴ آذر ۱۴۰۵، ساعت ۱۶:۳۰"
    assert format_datetime(moment, "en", TEHRAN) == "Saturday 14 Azar 1405, 16:30"


def test_format_datetime_crosses_midnight_in_tehran() -> None:
    moment = datetime(2026, 12, 5, 21, 0, tzinfo=UTC)  # still Saturday in UTC
    assert format_datetime(moment, "fa", TEHRAN) == "یک‌شنبه ۱۵ آذر ۱۴۰۵، ساعت ۰۰:۳۰"
    assert format_date(moment, "fa", TEHRAN) == "یک‌شنبه ۱۵ آذر ۱۴۰۵"
    assert format_datetime(moment, "en", TEHRAN) == "Sunday 15 Azar 1405, 00:30"


def test_format_datetime_nowruz_crossing_the_year() -> None:
    moment = datetime(2025, 3, 20, 20, 45, tzinfo=UTC)  # 00:15 on 1 Farvardin 1404
    assert format_datetime(moment, "fa", TEHRAN) == "جمعه ۱ فروردین ۱۴۰۴، ساعت ۰۰:۱۵"


def test_format_datetime_from_other_zones_and_summer() -> None:
    # Iran has had no daylight saving since 1402 (2022): +3:30 all year.
    summer = datetime(2025, 7, 1, 9, 5, tzinfo=timezone(timedelta(hours=2)))
    assert format_datetime(summer, "fa", TEHRAN) == "سه‌شنبه ۱۰ تیر ۱۴۰۴، ساعت ۱۰:۳۵"
    local = datetime(2025, 7, 1, 10, 35, tzinfo=TEHRAN)
    assert format_datetime(local, "en", TEHRAN) == "Tuesday 10 Tir 1404, 10:35"


def test_format_datetime_rejects_naive() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_datetime(datetime(2026, 12, 5, 13, 0), "fa", TEHRAN)
    with pytest.raises(ValueError, match="naive"):
        format_date(datetime(2026, 12, 5, 13, 0), "fa", TEHRAN)


@pytest.mark.parametrize(
    ("value", "lang", "grouping", "expected"),
    [
        (12, "fa", False, "۱۲"),
        (12, "en", False, "12"),
        (1405, "fa", False, "۱۴۰۵"),  # years must not be grouped
        (1234567, "fa", True, "۱٬۲۳۴٬۵۶۷"),
        (1234567, "en", True, "1,234,567"),
        (3.5, "fa", False, "۳٫۵"),
        (3.5, "en", False, "3.5"),
        (2.0, "fa", False, "۲"),
        (0.125, "en", False, "0.12"),
        (-7, "fa", False, "-۷"),
    ],
)
def test_format_number(value: int | float, lang: str, grouping: bool, expected: str) -> None:
    assert format_number(value, lang, grouping=grouping) == expected


FA_FTL = """\
hello = سلام { $name }!
reports-count = { $count ->
    [one] یک گزارش
   *[other] { $count } گزارش
}
tracking = کد پیگیری: { $code }
starts = شروع: { $when }
deadline = مهلت: { $day }
only-fa = فقط فارسی { $n }
menu-button = گزارش مشکل
    .hint = { $count } گزارش باز
"""

EN_FTL = """\
hello = Hello { $name }!
reports-count = { $count ->
    [one] one report
   *[other] { $count } reports
}
tracking = Tracking code: { $code }
starts = Starts: { $when }
deadline = Deadline: { $day }
menu-button = Report a problem
    .hint = { $count } open reports
"""


@pytest.fixture
def locales(tmp_path: Path) -> Locales:
    """Load small fa and en fixtures written into tmp_path."""
    for lang, text in (("fa", FA_FTL), ("en", EN_FTL)):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "main.ftl").write_text(text, encoding="utf-8")
    (tmp_path / "README.md").write_text("not a language", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    return Locales.load(tmp_path)


def test_languages(locales: Locales) -> None:
    assert locales.languages == ("fa", "en")
    assert locales.problems == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fa", "fa"),
        ("en", "en"),
        ("en-US", "en"),
        ("EN_gb", "en"),
        ("fa-IR", "fa"),
        ("de", DEFAULT_LANG),
        ("", DEFAULT_LANG),
        (None, DEFAULT_LANG),
    ],
)
def test_translator_language_choice(locales: Locales, lang: str | None, expected: str) -> None:
    assert locales.translator(lang).lang == expected


def test_translator_persian_digits_for_ints(locales: Locales) -> None:
    fa, en = locales.translator("fa"), locales.translator("en")
    assert fa("reports-count", count=12) == "۱۲ گزارش"
    assert en("reports-count", count=12) == "12 reports"
    assert fa("menu-button.hint", count=3) == "۳ گزارش باز"
    assert fa("reports-count", count=2.5) == "۲٫۵ گزارش"


def test_translator_keeps_plural_selection(locales: Locales) -> None:
    assert locales.translator("fa")("reports-count", count=1) == "یک گزارش"
    assert locales.translator("en")("reports-count", count=1) == "one report"
    assert locales.translator("en")("reports-count", count=0) == "0 reports"


def test_translator_leaves_strings_alone(locales: Locales) -> None:
    fa = locales.translator("fa")
    assert fa("tracking", code="K7-1234") == "کد پیگیری: K7-1234"
    assert fa("hello", name="علی 123") == "سلام علی 123!"


def test_translator_formats_dates(locales: Locales) -> None:
    moment = datetime(2026, 12, 5, 13, 0, tzinfo=UTC)
    fa, en = locales.translator("fa"), locales.translator("en")
    assert fa("starts", when=moment) == "شروع: شنبه ۱۴ آذر ۱۴۰۵، ساعت ۱۶:۳۰"
    assert en("starts", when=moment) == "Starts: Saturday 14 Azar 1405, 16:30"
    assert fa("deadline", day=date(2025, 3, 21)) == "مهلت: جمعه ۱ فروردین ۱۴۰۴"
    assert fa.datetime(moment) == "شنبه ۱۴ آذر ۱۴۰۵، ساعت ۱۶:۳۰"
    assert fa.date(moment) == "شنبه ۱۴ آذر ۱۴۰۵"
    assert en.date(date(2025, 3, 21)) == "Friday 1 Farvardin 1404"
    assert fa.number(1405) == "۱۴۰۵"
    assert en.number(1405) == "1405"


def test_translator_has_no_bidi_marks(locales: Locales) -> None:
    for lang in locales.languages:
        t = locales.translator(lang)
        for text in (
            t("hello", name="Ali"),
            t("reports-count", count=7),
            t("starts", when=datetime(2026, 1, 1, tzinfo=UTC)),
        ):
            assert not set(text) & set(BIDI_MARKS), (lang, text)


def test_translator_missing_id(locales: Locales, caplog: pytest.LogCaptureFixture) -> None:
    fa = locales.translator("fa")
    with caplog.at_level(logging.WARNING, logger="bot.i18n"):
        assert fa("no-such-message", count=1) == "no-such-message"
        assert fa("menu-button.no-such-attribute") == "menu-button.no-such-attribute"
    assert "no-such-message" in caplog.text
    assert "menu-button.no-such-attribute" in caplog.text


def test_translator_missing_variable_still_renders(
    locales: Locales, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.i18n"):
        text = locales.translator("fa")("hello")
    assert text.startswith("سلام")
    assert "hello" in caplog.text


def test_translator_falls_back_to_persian(
    locales: Locales, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.i18n"):
        assert locales.translator("en")("only-fa", n=3) == "فقط فارسی ۳"
    assert "only-fa" in caplog.text


def test_message_ids(locales: Locales) -> None:
    fa = locales.message_ids("fa")
    assert fa["hello"] == {"name"}
    assert fa["reports-count"] == {"count"}
    assert fa["menu-button"] == {"count"}
    assert fa["menu-button.hint"] == {"count"}
    en = locales.message_ids("en")
    assert set(fa) - set(en) == {"only-fa"}
    assert all(fa[name] == en[name] for name in en)


def test_load_reports_problems(tmp_path: Path) -> None:
    (tmp_path / "fa").mkdir()
    (tmp_path / "fa" / "a.ftl").write_text("ok = خوب\nbroken = { $x\n", encoding="utf-8")
    (tmp_path / "fa" / "b.ftl").write_text("ok = دوباره\n", encoding="utf-8")
    loaded = Locales.load(tmp_path)
    assert loaded.translator("fa")("ok") == "خوب"
    assert len(loaded.problems) == 2
    assert any("syntax error" in problem for problem in loaded.problems)
    assert any("duplicate message id ok" in problem for problem in loaded.problems)


def test_files_are_parsed_whole_once_a_process_and_again_once_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Every bot a process starts checks the files whole (0.6 s of processor time for ours):
    # the same text is parsed once, and each bot still logs what is wrong with it.
    (tmp_path / "fa").mkdir()
    ftl = tmp_path / "fa" / "a.ftl"
    ftl.write_text("ok = خوب\nbroken = { $x\n", encoding="utf-8")
    parsed = i18n._parsed_whole.cache_info().misses
    with caplog.at_level(logging.WARNING, logger="bot.i18n"):
        first, second = Locales.load(tmp_path), Locales.load(tmp_path)
        first.log_problems()
        second.log_problems()
    assert i18n._parsed_whole.cache_info().misses == parsed + 1
    assert sum("syntax error" in record.getMessage() for record in caplog.records) == 2
    ftl.write_text("ok = خوب\n", encoding="utf-8")
    assert Locales.load(tmp_path).problems == []
    assert i18n._parsed_whole.cache_info().misses == parsed + 2


def test_load_needs_the_default_language(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "main.ftl").write_text("hello = Hello\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        Locales.load(tmp_path)


def test_messages_parsed_on_first_use_equal_a_whole_file_parse() -> None:
    """The locales parse each entry when first used; every entry, message or term, in every
    language comes out as parsing the whole file does (and unused ones are never parsed)."""
    from fluent.syntax import FluentParser, ast

    from bot.app import LOCALES_DIR

    locales = Locales.load(LOCALES_DIR)
    parser = FluentParser(with_spans=False)
    compared = 0
    for lang in locales.languages:
        bundle = locales.translator(lang)._bundle
        assert bundle._messages == {}  # nothing parsed before it is asked for
        for file in sorted((LOCALES_DIR / lang).glob("*.ftl")):
            for entry in parser.parse(file.read_text(encoding="utf-8")).body:
                if isinstance(entry, ast.Message):
                    assert bundle.has_message(entry.id.name)
                    lazy = bundle._messages[entry.id.name]
                elif isinstance(entry, ast.Term):
                    bundle._lookup(entry.id.name, term=True)
                    lazy = bundle._terms[entry.id.name]
                else:
                    continue
                assert lazy.equals(entry, ignored_fields=["span", "comment"]), entry.id.name
                compared += 1
    assert compared > 1000


def test_a_lazily_parsed_entry_that_is_broken_is_missing_as_in_a_whole_parse(
    tmp_path: Path,
) -> None:
    (tmp_path / "fa").mkdir()
    (tmp_path / "fa" / "a.ftl").write_text(
        "# a comment\nfirst = یک\n    دو\n\n    سه\nbroken = { $x\n"
        "-term = واژه\nuses = { -term }\n",
        encoding="utf-8",
    )
    translator = Locales.load(tmp_path).translator("fa")
    assert translator("first") == "یک\nدو\n\nسه"
    assert translator("uses") == "واژه"
    assert not translator.has("broken") and translator("broken") == "broken"
