"""Surveys' plain rules: typed numbers, choices, who is asked, templates and the tally."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app import LOCALES_DIR
from bot.i18n import Locales, Texts
from bot.services import surveys as service
from storage.outbox import Audience
from storage.surveys import AnswerSet, Question, Survey

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
QUESTIONS = (
    Question(1, 1, "single", "کمبود", ("برق", "آب", "گاز")),
    Question(2, 2, "multi", "فناوری", ("اتوماسیون", "نرم‌افزار")),
    Question(3, 3, "scale", "رضایت"),
    Question(4, 4, "number", "کارگر"),
    Question(5, 5, "text", "پیشنهاد"),
)


def survey(**changes: object) -> Survey:
    values: dict[str, object] = {
        "id": 1, "title": "نیاز", "template": None,
        "audience": Audience(clusters=("furniture",)), "opens_at": NOW - timedelta(hours=1),
        "closes_at": NOW + timedelta(days=1), "status": "published", "created_by": "staff:x",
        "questions": QUESTIONS,
    }  # fmt: skip
    values.update(changes)
    return Survey(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def locales() -> Locales:
    return Locales.load(LOCALES_DIR)


def texts(locales: Locales, lang: str) -> Texts:
    return Texts(locales.translator(lang), lambda s: s)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("۱۲", 12.0), ("12 نفر", 12.0), ("۱٬۲۰۰ میلیون", 1200.0), ("1,200", 1200.0),
        ("۲٫۵", 2.5), ("بیست", 20.0), ("دوازده نفر", 12.0), ("-3", -3.0),
        ("خیلی زیاد", None), ("۱۲ تا ۱۵", None), ("", None),
    ],
)  # fmt: skip
def test_numbers_as_members_type_them(typed: str, value: float | None) -> None:
    assert service.parse_number(typed) == value


def test_free_text_is_cleaned_and_bounded() -> None:
    assert service.parse_text("\u202eسلام\u202c ") == "سلام"
    assert service.parse_text("   ") is None
    assert service.parse_text("ا" * (service.MAX_TEXT_ANSWER + 1)) is None


def test_choices_a_button_may_carry() -> None:
    single, multi, scale, number, _ = QUESTIONS
    assert service.choice_ok(single, 2) and not service.choice_ok(single, 3)
    assert service.choice_ok(multi, 1) and not service.choice_ok(multi, 2)
    assert service.choice_ok(scale, 5) and not service.choice_ok(scale, 0)
    assert not service.choice_ok(scale, 6) and not service.choice_ok(number, 1)


def test_open_between_its_times_until_closed() -> None:
    assert service.is_open(survey(), NOW)
    assert not service.is_open(survey(status="closed"), NOW)
    assert not service.is_open(survey(opens_at=NOW + timedelta(minutes=1)), NOW)
    assert not service.is_open(survey(closes_at=NOW), NOW)


def test_resume_at_the_first_unanswered_question() -> None:
    assert service.first_unanswered(survey(), {}) == QUESTIONS[0]
    assert service.first_unanswered(survey(), {1: 0, 3: 4}) == QUESTIONS[1]
    answered = {q.id: 0 for q in QUESTIONS}
    assert service.first_unanswered(survey(), answered) is None


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("code", list(service.TEMPLATES))
def test_templates_have_their_questions_and_options(
    locales: Locales, lang: str, code: str
) -> None:
    questions = service.template_questions(texts(locales, lang), code)
    assert [q.kind for q in questions] == [kind for kind, _ in service.TEMPLATES[code]]
    for question in questions:
        assert question.text and not question.text.startswith("survey-")
        if question.kind in service.CHOICE_KINDS:
            assert service.MIN_OPTIONS <= len(question.options) <= service.MAX_OPTIONS
            assert all(len(o) <= service.MAX_OPTION for o in question.options)
        else:
            assert question.options == ()


def test_the_tally_per_option_cluster_and_kind() -> None:
    def answers(cluster: str, values: dict[int, object], complete: bool = True) -> AnswerSet:
        return AnswerSet(1, "و", cluster, NOW, complete, values)  # type: ignore[arg-type]

    found = service.results(
        survey(),
        [
            answers("furniture", {1: 2, 2: [0, 1], 3: 4, 4: 12, 5: "برق گران"}),
            answers("leather_shoes", {1: 2, 2: [1], 3: 2, 4: 30.5, 5: "برق قطع"}),
            answers("leather_shoes", {1: 0}, complete=False),
        ],
    )
    assert (found.respondents, found.complete) == (3, 2)
    assert found.by_cluster == {"leather_shoes": 2, "furniture": 1}
    single, multi, scale, number, text = found.questions
    assert single.answered == 3 and dict(single.counts) == {2: 2, 0: 1}
    assert [single.percent(o) for o in single.options()] == [33, 0, 67]
    assert dict(single.by_cluster["leather_shoes"]) == {2: 1, 0: 1}
    assert dict(multi.counts) == {0: 1, 1: 2} and multi.percent(1) == 100
    assert scale.options() == [1, 2, 3, 4, 5] and scale.mean() == 3.0
    assert number.mean() == 21.25 and number.numbers == [12.0, 30.5]
    assert text.texts == [("furniture", "برق گران"), ("leather_shoes", "برق قطع")]
    assert service.results(survey(), []).questions[0].percent(0) == 0
