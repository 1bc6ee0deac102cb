"""Surveys: who is asked, whether a survey is open, what an answer may be, the two ready
templates, publishing through the outbox, and the results staff read.

A survey's invitation is a templated broadcast of kind 'survey' (bot/services/outbox.py),
sent at the survey's opening time to its audience; the answers come back through the
invitation's button (handlers/surveys.py). Whether an answer is taken is decided here and
checked again when it is stored (storage/surveys.py), so a press that races the close or a
forged press for a survey the member was not asked is refused.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot import callbacks as cb
from bot.i18n import Rendered, Texts
from bot.services.numbers import words_to_digits
from bot.text import ZWNJ, clean, fold_digits, shorten
from storage.outbox import Audience, NewBroadcast, Template, owned_broadcast
from storage.surveys import AnswerSet, NewQuestion, Question, Survey, Value

# Limits of what staff type: short enough for a button and a phone screen.
MAX_TITLE = 120
MAX_QUESTION = 300
MAX_OPTION = 40
MIN_OPTIONS, MAX_OPTIONS = 2, 8
MAX_QUESTIONS = 12
# A member's free-text answer.
MAX_TEXT_ANSWER = 1000
SCALE = (1, 2, 3, 4, 5)
CHOICE_KINDS = ("single", "multi")


def is_open(survey: Survey, now: datetime) -> bool:
    """Taking answers at `now`."""
    return survey.status == "published" and survey.opens_at <= now < survey.closes_at


def clusters_of(survey: Survey) -> set[str]:
    """The clusters a survey asks (empty: every cluster, which only staff may manage)."""
    return set(survey.audience.clusters)


# --- answers -------------------------------------------------------------------------------


def choice_ok(question: Question, index: int) -> bool:
    """Whether `index` is an answer a button of this question may carry."""
    if question.kind == "scale":
        return index in SCALE
    if question.kind in CHOICE_KINDS:
        return 0 <= index < len(question.options)
    return False


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse_number(text: str) -> float | None:
    """A number typed in any digits («۱۲٫۵», «1,200», «بیست»), with or without a unit after
    it; None when there is no number or more than one."""
    folded = fold_digits(text).replace("٫", ".").replace(ZWNJ, " ")
    folded = re.sub(r"(?<=\d)[,٬](?=\d{3})", "", folded)
    found = _NUMBER.findall(words_to_digits(" ".join(folded.split())))
    if len(found) != 1:
        return None
    value = float(found[0])
    return value if abs(value) < 1e15 else None


def parse_text(text: str) -> str | None:
    """A free-text answer as stored (the one sanitiser for member text); None if empty or
    too long."""
    cleaned = clean(text).strip()
    return cleaned if 0 < len(cleaned) <= MAX_TEXT_ANSWER else None


def first_unanswered(survey: Survey, answers: Mapping[int, Value]) -> Question | None:
    """The next question to ask (a member coming back resumes here); None: all answered."""
    return next((q for q in survey.questions if q.id not in answers), None)


def shown_answer(t: Texts, question: Question, value: Value) -> str:
    """An answer as its member reads it back."""
    if question.kind == "scale" and isinstance(value, int):
        return t.digits(value)
    if question.kind == "single" and isinstance(value, int) and value < len(question.options):
        return question.options[value]
    if question.kind == "multi" and isinstance(value, list):
        return t.label("list-separator").join(
            question.options[i] for i in value if i < len(question.options)
        )
    if question.kind == "number" and isinstance(value, int | float):
        return t.number(int(value)) if float(value).is_integer() else t.digits(str(value))
    return str(value)


def answer_lines(t: Texts, survey: Survey, answers: Mapping[int, Value]) -> list[Rendered]:
    """A member's answers as they read them back: «number. question — answer», in order."""
    return [
        t(
            "survey-summary-line",
            number=q.position,
            text=shorten(q.text, 80),
            answer=shown_answer(t, q, answers[q.id]),
        )
        for q in survey.questions
        if q.id in answers
    ]


# --- the ready templates -------------------------------------------------------------------

# (kind, message id of the question; for choice questions, its options are the message's
# `.options` attribute, one per line).
TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "tech_needs": (
        ("multi", "survey-tpl-tech-technologies"),
        ("multi", "survey-tpl-tech-skills"),
        ("text", "survey-tpl-tech-machines"),
        ("number", "survey-tpl-tech-budget"),
        ("single", "survey-tpl-tech-obstacle"),
        ("text", "survey-tpl-tech-obstacle-more"),
    ),
    "satisfaction": (
        ("scale", "survey-tpl-sat-overall"),
        ("scale", "survey-tpl-sat-useful"),
        ("scale", "survey-tpl-sat-teacher"),
        ("single", "survey-tpl-sat-recommend"),
        ("text", "survey-tpl-sat-better"),
    ),
}


def template_questions(t: Texts, code: str) -> list[NewQuestion]:
    """A ready template's questions in the composer's language (stored as text: a survey
    reads the same for everyone it was written for)."""
    questions = []
    for kind, msg_id in TEMPLATES[code]:
        options: tuple[str, ...] = ()
        if kind in CHOICE_KINDS:
            options = tuple(
                line.strip() for line in t.label(f"{msg_id}.options").split("\n") if line.strip()
            )
        questions.append(NewQuestion(kind, t.label(msg_id), options))
    return questions


# --- publishing ----------------------------------------------------------------------------


def invitation(
    survey_id: int,
    title: str,
    audience: Audience,
    opens_at: datetime,
    closes_at: datetime,
    owner: tuple[str, str, int, str],
) -> NewBroadcast:
    """The survey's invitation: one templated broadcast, sent when the survey opens (the
    outbox arms it, and keeps it across a restart)."""
    template = Template(
        "survey-invite",
        {"title": title, "closes": closes_at},
        ((("survey-button-answer", cb.SURVEY_ANSWER.pack(survey_id)),),),
    )
    return owned_broadcast(owner, f"survey:{survey_id}", audience, opens_at, template, "survey")


# --- results -------------------------------------------------------------------------------


@dataclass(slots=True)
class QuestionResult:
    """What the answers to one question add up to."""

    question: Question
    answered: int = 0
    # Option index (1..5 for a scale) → how many chose it; per cluster likewise.
    counts: Counter[int] = field(default_factory=Counter)
    by_cluster: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    numbers: list[float] = field(default_factory=list)
    # (cluster, text) of free-text answers.
    texts: list[tuple[str, str]] = field(default_factory=list)

    def options(self) -> list[int]:
        """The keys of `counts` in the question's order."""
        if self.question.kind == "scale":
            return list(SCALE)
        return list(range(len(self.question.options)))

    def label(self, t: Texts, option: int) -> str:
        """An option's label (a scale's point as a digit)."""
        if self.question.kind == "scale":
            return t.digits(option)
        return self.question.options[option]

    def percent(self, option: int) -> int:
        """Share of those who answered who chose `option`, rounded (multi: may add past 100)."""
        return round(100 * self.counts[option] / self.answered) if self.answered else 0

    def mean(self) -> float | None:
        """The average of a scale or a number question."""
        if self.question.kind == "scale":
            total = sum(k * n for k, n in self.counts.items())
            return total / self.answered if self.answered else None
        return sum(self.numbers) / len(self.numbers) if self.numbers else None


@dataclass(frozen=True, slots=True)
class Results:
    """A survey's results: respondents overall and per cluster, and each question's."""

    respondents: int
    complete: int
    by_cluster: dict[str, int]
    questions: tuple[QuestionResult, ...]


def results(survey: Survey, sets: Sequence[AnswerSet]) -> Results:
    """Add up every member's answers."""
    per_question = {q.id: QuestionResult(q) for q in survey.questions}
    by_cluster: Counter[str] = Counter()
    for answer_set in sets:
        by_cluster[answer_set.cluster_code] += 1
        for question_id, value in answer_set.answers.items():
            result = per_question.get(question_id)
            if result is None:
                continue
            result.answered += 1
            cluster = answer_set.cluster_code
            kind = result.question.kind
            if kind in ("single", "scale") and isinstance(value, int):
                result.counts[value] += 1
                result.by_cluster[cluster][value] += 1
            elif kind == "multi" and isinstance(value, list):
                for option in value:
                    result.counts[option] += 1
                    result.by_cluster[cluster][option] += 1
            elif kind == "number" and isinstance(value, int | float):
                result.numbers.append(float(value))
            elif kind == "text" and isinstance(value, str):
                result.texts.append((cluster, value))
    return Results(
        respondents=len(sets),
        complete=sum(1 for s in sets if s.complete),
        by_cluster=dict(by_cluster.most_common()),
        questions=tuple(per_question[q.id] for q in survey.questions),
    )
