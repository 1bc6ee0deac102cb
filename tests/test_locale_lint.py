"""The Persian copy's house rules, checked over every message in locales/fa.

A right-to-left chat bubble reverses a `/command` that has no left-to-right mark before it
(«/track ۴۸۲۱۰۷» shows as «track ۴۸۲۱۰۷/»); Arabic ي and ك look right but break searches; an
ASCII comma or question mark beside Persian words reads as a typo; «می» and «ها» apart from
their word (or glued to it without a half-space) break the word in two or run it into one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import jdatetime
import pytest
from fluent.syntax import FluentParser, ast

from bot.app import LOCALES_DIR
from bot.i18n import Locales
from bot.services.workdays import Holidays, is_working_day
from bot.text import fold_digits

LRM = "\u200e"
ZWNJ = "\u200c"
# A Persian (Arabic-script) letter or digit.
PERSIAN = "\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff"
# A bot command: a slash starting a word, then a Latin name.
COMMAND = re.compile(r"(?<![\w/:.])/[a-z][a-z0-9_]*")
ARABIC_LETTERS = re.compile("[\u064a\u0643\u0649]")  # ي ك ى
ASCII_PUNCTUATION = re.compile(rf"[{PERSIAN}{ZWNJ}»«][,;?]|[,;?] ?[{PERSIAN}«»]")
WORD = re.compile(rf"[{PERSIAN}{ZWNJ}]+")

# «می» and «ها» as they must be written: the prefix joined to its verb by a half-space
# («می‌خواهم», «نمی‌خواهم»), the plural joined to its noun by one («گزارش‌ها», «آن‌هایی»).
MI_PREFIXES = ("می", "نمی")
HA_SUFFIXES = (
    "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "هاست", "هایند",
)  # fmt: skip
# Letters that never join the next one: «واحدها» reads as two parts with or without a
# half-space, «گزارشها» runs together without one.
NON_JOINING = set("اآأإدذرزژوؤة")
# Words that start with «می»/«نمی» or end in «ها…» without being that prefix or suffix.
NOT_MI = {
    "میز", "میزان", "میان", "میانه", "میانگین", "میلیون", "میلیارد", "میلادی", "میدان", "میوه",
    "میهمان", "میراث", "میل", "میلی", "میکرو", "میزبان", "میزبانی", "مین", "میخ", "میش",
}  # fmt: skip
NOT_HA = {"تنها", "تنهایی", "بها", "بهای", "رها", "رهایی", "نهایی", "انتها", "انتهای"}


def _texts(pattern: ast.Pattern | None) -> Iterator[str]:
    """The text of a pattern, placeables replaced by a neutral mark, one string per variant."""
    if pattern is None:
        return
    parts: list[str] = []
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            parts.append(element.value)
        elif isinstance(element, ast.Placeable):
            expression = element.expression
            if isinstance(expression, ast.SelectExpression):
                for variant in expression.variants:
                    yield from _texts(variant.value)
                parts.append(" X ")
            elif isinstance(expression, ast.StringLiteral):
                parts.append(expression.value)
            else:
                parts.append(" X ")
    yield "".join(parts)


def fa_messages(directory: Path = LOCALES_DIR / "fa") -> dict[str, list[str]]:
    """Every Persian message (and attribute) id with its texts."""
    parser = FluentParser()
    messages: dict[str, list[str]] = {}
    for file in sorted(directory.glob("*.ftl")):
        for entry in parser.parse(file.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message):
                messages[entry.id.name] = list(_texts(entry.value))
                for attribute in entry.attributes:
                    key = f"{entry.id.name}.{attribute.id.name}"
                    messages[key] = list(_texts(attribute.value))
    return messages


def problems(text: str) -> list[str]:
    """What in one Persian text breaks the house rules."""
    found: list[str] = []
    for match in COMMAND.finditer(text):
        if not text[: match.start()].endswith(LRM):
            found.append(f"{match.group()} without a left-to-right mark before it")
    for match in ARABIC_LETTERS.finditer(text):
        found.append(f"Arabic letter {match.group()!r}")
    for match in ASCII_PUNCTUATION.finditer(text):
        found.append(f"ASCII punctuation beside Persian: {match.group()!r}")
    for word in (w.strip(ZWNJ) for w in WORD.findall(text)):
        pieces = word.split(ZWNJ)
        first, last = pieces[0], pieces[-1]
        if word in MI_PREFIXES:
            found.append(f"«{word}» apart from its verb")
        elif first.startswith(MI_PREFIXES) and first not in MI_PREFIXES and first not in NOT_MI:
            found.append(f"«{word}»: «می» without a half-space")
        if word in HA_SUFFIXES:
            found.append(f"«{word}» apart from its noun")
        elif last not in NOT_HA and any(
            last.endswith(suffix)
            and len(last) > len(suffix)
            and last[-len(suffix) - 1] not in NON_JOINING
            for suffix in HA_SUFFIXES
        ):
            found.append(f"«{word}»: «ها» without a half-space")
    return found


# --- the checker itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "با /track ۴۸۲۱۰۷ وضعیت را ببینید",
        "گزارش‌ها را با /reports ببینید",
        "/start را بفرستید",
        "گزارش يک واحد",
        "کد پیگیری را بنویسید, مثلاً",
        "درست است?",
        "این کار ; آن کار",
        "کارشناسان می خواهند",
        "کارشناسان میخواهند",
        "نمیتوانم",
        "گزارشها",
        "گزارش ها",
        "پیوستهای عضو",
        "آنها",
    ],
)
def test_the_checker_finds(text: str) -> None:
    assert problems(text) != []


@pytest.mark.parametrize(
    "text",
    [
        f"با {LRM}/track ۴۸۲۱۰۷ وضعیت را ببینید",
        f"گزارش‌ها را با {LRM}/reports ببینید",
        "تاریخ را بنویسید، مثلاً ۱۴۰۵/۹/۲۰ ۱۰:۰۰",
        "شرکت / واحد",
        "درست است؟ میزان و میانگین در میان میلیون‌ها نفر",
        "کارشناسان می‌خواهند؛ نمی‌توانم",
        "گزارش‌های شما و پیوست‌هایتان، تنها و نهایی",
        "kind,code,name_fa,name_en",
        "واحدها، رویدادهای خوشه، کارها",  # after a letter that never joins, no half-space needed
    ],
)
def test_the_checker_passes(text: str) -> None:
    assert problems(text) == []


# --- every Persian message -------------------------------------------------------------------


# Azerbaijani (Tabriz Turkish) is written in Persian script and read in the same bubbles.
@pytest.mark.parametrize(("lang", "least"), [("fa", 500), ("az", 300)])
def test_every_persian_script_message_keeps_the_rules(lang: str, least: int) -> None:
    messages = fa_messages(LOCALES_DIR / lang)
    assert len(messages) > least  # the parse itself works
    found = {
        name: issue
        for name, texts in messages.items()
        for text in texts
        if (issue := problems(text))
    }
    assert found == {}


def test_persian_and_english_messages_use_the_same_variables() -> None:
    locales = Locales.load(LOCALES_DIR)
    assert locales.problems == []
    fa, en = locales.message_ids("fa"), locales.message_ids("en")
    assert sorted(set(fa) ^ set(en)) == []
    assert {k: (fa[k], en[k]) for k in fa if fa[k] != en[k]} == {}


# --- the example dates of "type a date" prompts -----------------------------------------------

DAYS_OFF = re.compile(r"پنج‌?شنبه|جمعه|Thursday|Friday")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_example_date_is_a_working_day(lang: str) -> None:
    example = Locales.load(LOCALES_DIR).translator(lang)("when-example")
    year, month, day = (int(n) for n in re.findall(r"\d+", fold_digits(example))[:3])
    gregorian = jdatetime.date(year, month, day).togregorian()
    assert is_working_day(gregorian, Holidays.load()), example


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_date_prompts_suggest_no_day_off(lang: str) -> None:
    """A prompt with an example date names no Thursday or Friday beside it."""
    locales = Locales.load(LOCALES_DIR)
    t = locales.translator(lang)
    prompts = [k for k, names in locales.message_ids(lang).items() if "example" in names]
    assert len(prompts) > 5
    offending = {}
    for key in prompts:
        names = locales.message_ids(lang)[key]
        text = t(key, **{name: "X" for name in names})
        if DAYS_OFF.search(text):
            offending[key] = text
    assert offending == {}
