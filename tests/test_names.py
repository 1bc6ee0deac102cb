"""Names in members' reports (bot/services/names.py, data/names.toml): towns, estates, banks,
borders and countries, however spelt, and when two reports' names disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.similar import protect_sample_places
from bot.services import names


@pytest.fixture(scope="module", autouse=True)
def places() -> None:
    protect_sample_places()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("اداره مالیات مرند علی الراس زده", {"places": {"marand"}}),
        ("سرابدا بانکا گئتدیم", {"places": {"sarab"}}),  # Azerbaijani ending
        ("service kargarai hashtrood hazf shode", {"places": {"hashtrud"}}),  # Finglish
        ("شهرک صنعتی شهید سلیمی تبریز", {"places": {"salimi", "tabriz"}}),
        ("ملی بانکیندان وام آلا بیلمیریک", {"banks": {"melli"}}),
        ("bank melli vam nemide", {"banks": {"melli"}}),
        ("بانک توسعه صادرات ضمانت نمیده", {"banks": {"tose_saderat"}}),  # not «صادرات»
        (
            "ماشینامون تو بازرگان گیرن مشتری ترکیه منتظره",
            {"borders": {"bazargan"}, "countries": {"turkey"}},
        ),
        # Adjectives are no names: «بازرگانی» is commercial, «تبریزی» from Tabriz.
        ("کارت بازرگانیمیز باغلانار", {}),
        ("کارت بازرگانی ما تمدید نمیشه", {}),
        ("مشتریای تبریزی جنس نمیخرن", {}),
        ("صادرات ما به مشکل خورده", {}),  # the word, not the bank
    ],
)
def test_names_a_text_says(text: str, said: dict[str, set[str]]) -> None:
    assert names.names_of(text) == {group: frozenset(n) for group, n in said.items()}


def test_names_differ_only_when_both_say_one_of_a_group() -> None:
    assert names.differ("مالیات تبریز زیاد شده", "مالیات مرند زیاد شده")
    assert names.differ("برق سلیمی قطعه", "برق رازی شهرکی قطعه")  # two estates of Tabriz
    assert not names.differ("برق سلیمی قطعه", "برق تبریز قطعه")  # Salimi is in Tabriz
    assert not names.differ("مالیات تبریز زیاد شده", "مالیات زیاد شده")  # not said: agrees
    # Different groups say nothing of each other: a town and a bank.
    assert not names.differ("بانک ملی وام نمیده", "بانکای مرند وام نمیدن")


def test_a_broken_names_file_says_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "names.toml"
    bad.write_text('[banks]\nmelli = { words = ["بانک ملی"] }\nsepah = { words = ["بانک ملی"] }\n')
    with pytest.raises(ValueError, match=r"banks\.sepah and"):
        names.load(bad)
    bad.write_text('[places]\nsalimi = { words = ["سلیمی"], in = "tebriz" }\n')
    with pytest.raises(ValueError, match="which is no name"):
        names.load(bad)
    bad.write_text(
        '[places]\nrazi = { words = ["رازی"] }\n[borders]\nrazi = { words = ["مرز رازی"] }\n'
    )
    with pytest.raises(ValueError, match=r"razi is in \[places\] and \[borders\]"):
        names.load(bad)
    bad.write_text("[places]\nsalimi = { words = [] }\n")
    with pytest.raises(ValueError, match="needs words"):
        names.load(bad)
