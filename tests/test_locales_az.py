"""Azerbaijani (Tabriz Turkish, Persian script): complete for members, Persian for staff.

Every message a member can read exists in locales/az with the Persian message's variables;
staff messages (bot/readers.py STAFF_ONLY) are left to Persian on purpose. The Persian-copy
rules hold for az too (tests/test_locale_lint.py checks both), and az is written, not copied.
"""

from __future__ import annotations

import fnmatch
import logging
from datetime import UTC, date, datetime

import pytest

from bot.app import LOCALES_DIR
from bot.i18n import STAFF_ONLY, Locales, format_date, format_datetime, format_number, staff_only
from bot.services.members import LANGUAGES
from bot.text import fold_digits
from tests.test_locale_lint import WORD, fa_messages


@pytest.fixture(scope="module")
def locales() -> Locales:
    return Locales.load(LOCALES_DIR)


def test_az_is_loaded_and_offered_second(locales: Locales) -> None:
    assert locales.problems == []
    assert "az" in locales.languages
    assert LANGUAGES == ("fa", "az", "en")  # Persian first, as the buttons show them


def test_every_member_facing_message_has_an_az_one(locales: Locales) -> None:
    """Names each missing id: translate it into locales/az, or, if only staff ever read it,
    add a pattern to STAFF_ONLY in bot/readers.py."""
    fa, az = locales.message_ids("fa"), locales.message_ids("az")
    missing = sorted(name for name in fa if not staff_only(name) and name not in az)
    assert missing == [], f"member-facing messages missing from locales/az: {missing}"
    assert len([name for name in fa if not staff_only(name)]) > 300  # the split itself works


def test_az_messages_use_the_persian_variables(locales: Locales) -> None:
    fa, az = locales.message_ids("fa"), locales.message_ids("az")
    assert sorted(set(az) - set(fa)) == []  # no id Persian lacks (a typo, a stale one)
    different = {name: (fa[name], az[name]) for name in az if az[name] != fa[name]}
    assert different == {}


def test_every_staff_pattern_still_matches_a_message(locales: Locales) -> None:
    """A pattern that matches nothing is a renamed family, and its messages turned member-facing
    (or it is dead weight)."""
    ids = [name.partition(".")[0] for name in locales.message_ids("fa")]
    assert [p for p in STAFF_ONLY if not fnmatch.filter(ids, p)] == []


@pytest.mark.parametrize(
    ("msg_id", "staff"),
    [
        ("triage-new-report", True),
        ("digest-staff-title", True),
        ("offering-ask-title", True),
        ("when-error-past", True),
        ("broadcast-ask-message", True),
        ("broadcast-button-opt-out", False),  # under every announcement members get
        ("broadcast-opted-out", False),
        ("offering-reminder", False),
        ("offering-status-confirmed", False),
        ("digest-member-title", False),
        ("report-filed", False),
        ("form-welcome", False),
        # Advisory cores: advisers are staff-side; the member's side of one family is not.
        ("cores-ask-name", True),
        ("consult-card", True),
        ("consult-member-said", True),  # the member's words, under the adviser's heading
        ("consult-session-booked-adviser", True),
        ("consult-slots-offered", True),
        ("consult-button-take", True),
        ("digest-consult-staff-line", True),
        ("help-adviser", True),
        ("consult-adviser-said", False),  # the adviser's words, under the member's heading
        ("consult-button-answer", False),
        ("consult-session-booked", False),
        ("consult-slots-for-you", False),
        ("consult-slot-line", False),  # in the slots offered to the member and the booking
        ("consult-status-answered", False),  # the member's list and digest
        ("consult-advisers-only", False),  # a member typing /slots reads it
        ("digest-consult-member-line", False),
        ("menu-consult", False),
        # Surveys, proposals, joint meetings: survey-*, proposal-* and meeting-* mix both sides.
        ("survey-ask-title", True),  # the composer
        ("survey-kind-multi", True),
        ("survey-result-option", True),
        ("survey-col-company", True),
        ("survey-closed-now", True),  # staff closed it
        ("survey-button-close-yes", True),
        ("survey-template-tech_needs", True),  # the template's button in /surveys
        ("survey-summary-question", True),  # the composer's preview
        ("digest-staff-surveys", True),
        ("survey-closed", False),  # a member pressed a closed survey's button
        ("survey-summary", False),
        ("survey-hint-scale", False),
        ("survey-template-title-tech_needs", False),  # the title members read
        ("survey-tpl-tech-skills.options", False),  # the options members pick
        ("survey-button-answer-titled", False),  # under the member's digest
        ("digest-member-survey", False),
        ("proposal-card", True),
        ("proposal-status-open", True),  # staff cards, agenda and pack only
        ("proposal-ask-title", True),
        ("proposal-ask-decision-text", True),
        ("proposal-decision-recorded", True),
        ("proposal-not-draft", True),
        ("meeting-head", True),
        ("meeting-col-title", True),
        ("meeting-report-ask-decision", True),
        ("meeting-pack-report", True),
        ("proposal-ask-comment", False),  # a supporter's short comment
        ("proposal-published", False),
        ("proposal-button-support", False),
        ("proposal-decision-partial", False),  # in what supporters are told
        ("proposal-told-decided", False),
        ("meeting-report-told-decided", False),  # a member's report decided in a meeting
        ("digest-member-proposal", False),
    ],
)
def test_staff_only_split(msg_id: str, staff: bool) -> None:
    assert staff_only(msg_id) is staff


def test_staff_only_reads_the_patterns_as_fnmatch_does(locales: Locales) -> None:
    """staff_only splits STAFF_ONLY into names, prefixes and the rest (start-up speed); for
    every message id of every language, and names made to hit each kind of pattern, it says
    what fnmatch says."""
    names = {name for lang in locales.languages for name in locales.message_ids(lang)}
    names |= {"offering-title-length", "offering-button-reshare-x", "consult-x-adviser"}
    names |= {pattern.replace("*", "x") for pattern in STAFF_ONLY} | {"admin", "staff"}
    members = {"broadcast-button-opt-out", "broadcast-opted-out"}
    for name in names:
        plain = name.partition(".")[0]
        matched = any(fnmatch.fnmatchcase(plain, pattern) for pattern in STAFF_ONLY)
        assert staff_only(name) is (matched and plain not in members), name


def test_az_is_written_not_copied_from_persian() -> None:
    """Short labels and templates may match Persian («فوری», «{ $code } — …»); sentences not."""
    fa, az = fa_messages(), fa_messages(LOCALES_DIR / "az")
    copied = sorted(name for name in az if az[name] == fa.get(name))
    assert len(copied) < len(az) // 7, copied
    sentences = [name for name in copied if any(len(WORD.findall(text)) > 4 for text in az[name])]
    assert sentences == []


def test_staff_messages_fall_back_to_persian_quietly(
    locales: Locales, caplog: pytest.LogCaptureFixture
) -> None:
    az, fa = locales.translator("az"), locales.translator("fa")
    with caplog.at_level(logging.DEBUG, logger="bot.i18n"):
        text = az("triage-taken")
    assert text == fa("triage-taken")
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == []


def test_a_missing_member_message_is_shown_in_persian_and_logged(
    tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    for lang, text in (("fa", "report-filed = ثبت شد\ntriage-taken = برداشتید\n"), ("az", "")):
        (root / lang).mkdir()
        (root / lang / "main.ftl").write_text(text or "other-id = x\n", encoding="utf-8")
    az = Locales.load(root).translator("az")
    with caplog.at_level(logging.DEBUG, logger="bot.i18n"):
        assert az("report-filed") == "ثبت شد"
        assert az("triage-taken") == "برداشتید"
    levels = {r.getMessage().split()[1]: r.levelno for r in caplog.records}
    assert levels == {"report-filed": logging.WARNING, "triage-taken": logging.DEBUG}


def test_az_speaks_persian_digits_and_the_jalali_calendar(locales: Locales) -> None:
    az = locales.translator("az")
    moment = datetime(2026, 12, 5, 13, 0, tzinfo=UTC)
    # Tabriz writes the Persian month and weekday names (see bot/i18n.py _names).
    assert format_datetime(moment, "az", az.tz) == "شنبه ۱۴ آذر ۱۴۰۵، ساعت ۱۶:۳۰"
    assert format_date(date(2025, 3, 20), "az", az.tz) == "پنج‌شنبه ۳۰ اسفند ۱۴۰۳"
    assert format_number(1234.5, "az", grouping=True) == "۱٬۲۳۴٫۵"
    text = az("report-filed", code="۴۸۲۱۰۷")
    assert "پیگیری کودو: ۴۸۲۱۰۷" in text
    assert az("digest-seats-left", count=12) == "۱۲ بوش یئر"
    # Plural selection still works through our digits.
    assert az("digest-news-replies", count=1) == "کارشناسدان بیر جواب"
    assert fold_digits(az("digest-news-replies", count=3)) == "کارشناسدان 3 جواب"
