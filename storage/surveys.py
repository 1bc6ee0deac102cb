"""Surveys: the questions staff ask, and each member's one answer set.

Whether a survey is open and whether a member is asked are decided in bot/services/surveys.py;
the writes here check the survey is open again, in the same transaction, so an answer that
races the close is refused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.audience import Audience, audience_where
from storage.clock import now_iso, parse_iso
from storage.db import transaction
from storage.outbox import utc_iso
from storage.queries import changed_one, exists, fetch_one, insert_once

KINDS = ("single", "multi", "scale", "number", "text")
# An answer as stored: an option index (single; 1..5 for a scale), indexes (multi), a number,
# or the member's text.
Value = int | float | str | list[int]


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a survey."""

    id: int
    position: int
    kind: str
    text: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Survey:
    """A stored survey with its questions, in order."""

    id: int
    title: str
    template: str | None
    audience: Audience
    opens_at: datetime
    closes_at: datetime
    status: str
    created_by: str
    questions: tuple[Question, ...]

    def question(self, question_id: int) -> Question | None:
        """The survey's question with this id (None: not one of its questions)."""
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True, slots=True)
class NewQuestion:
    """A question as composed."""

    kind: str
    text: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewSurvey:
    """What a composer confirmed."""

    title: str
    audience: Audience
    opens_at: datetime
    closes_at: datetime
    created_by: str
    dedupe_key: str
    questions: tuple[NewQuestion, ...]
    template: str | None = None


async def create_survey(db: aiosqlite.Connection, new: NewSurvey) -> tuple[int, bool]:
    """Store a survey and its questions; (id, created). A second publish tap (same key) finds
    the first row."""
    async with transaction(db):
        survey_id, created = await insert_once(
            db,
            "surveys",
            new.dedupe_key,
            {
                "title": new.title,
                "template": new.template,
                "audience": new.audience.to_json(),
                "opens_at": utc_iso(new.opens_at),
                "closes_at": utc_iso(new.closes_at),
                "created_by": new.created_by,
                "created_at": now_iso(),
            },
        )
        if created:
            await db.executemany(
                "INSERT INTO survey_questions (survey_id, position, kind, text, options) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (survey_id, i, q.kind, q.text, json.dumps(list(q.options), ensure_ascii=False))
                    for i, q in enumerate(new.questions, start=1)
                ],
            )
    return survey_id, created


async def _questions(db: aiosqlite.Connection, survey_id: int) -> tuple[Question, ...]:
    async with db.execute(
        "SELECT id, position, kind, text, options FROM survey_questions WHERE survey_id = ? "
        "ORDER BY position",
        (survey_id,),
    ) as cursor:
        return tuple(
            Question(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])))
            for r in await cursor.fetchall()
        )


_COLUMNS = "id, title, template, audience, opens_at, closes_at, status, created_by"


async def _survey(db: aiosqlite.Connection, row: aiosqlite.Row) -> Survey:
    return Survey(
        id=row[0],
        title=row[1],
        template=row[2],
        audience=Audience.from_json(row[3]),
        opens_at=parse_iso(row[4]),
        closes_at=parse_iso(row[5]),
        status=row[6],
        created_by=row[7],
        questions=await _questions(db, row[0]),
    )


async def get_survey(db: aiosqlite.Connection, survey_id: int) -> Survey | None:
    """A survey by id, with its questions."""
    row = await fetch_one(db, f"SELECT {_COLUMNS} FROM surveys WHERE id = ?", (survey_id,))
    return await _survey(db, row) if row else None


async def list_surveys(db: aiosqlite.Connection, limit: int = 20) -> list[Survey]:
    """The latest surveys, newest first."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM surveys ORDER BY id DESC LIMIT ?", (limit,)
    ) as cursor:
        rows = await cursor.fetchall()
    return [await _survey(db, row) for row in rows]


async def open_surveys(db: aiosqlite.Connection, at: datetime) -> list[Survey]:
    """Surveys taking answers at `at`, oldest first."""
    moment = utc_iso(at)
    async with db.execute(
        f"SELECT {_COLUMNS} FROM surveys WHERE status = 'published' AND opens_at <= ? "
        "AND closes_at > ? ORDER BY id",
        (moment, moment),
    ) as cursor:
        rows = await cursor.fetchall()
    return [await _survey(db, row) for row in rows]


async def close_survey(db: aiosqlite.Connection, survey_id: int, actor: str) -> bool:
    """Close a survey now; False if it was closed already."""
    now = now_iso()
    return await changed_one(
        db,
        "UPDATE surveys SET status = 'closed', closed_at = ?, closed_by = ?, "
        "closes_at = MIN(closes_at, ?) WHERE id = ? AND status = 'published'",
        (now, actor, now, survey_id),
    )


async def answers_of(db: aiosqlite.Connection, survey_id: int, member_id: int) -> dict[int, Value]:
    """One member's answers to a survey: question id → value."""
    async with db.execute(
        "SELECT question_id, value FROM survey_answers WHERE survey_id = ? AND member_id = ?",
        (survey_id, member_id),
    ) as cursor:
        return {int(r[0]): json.loads(r[1]) for r in await cursor.fetchall()}


async def answered_by(db: aiosqlite.Connection, member_id: int) -> list[Survey]:
    """The surveys a member has given any answer to, newest first (their own data)."""
    async with db.execute(
        f"SELECT {_COLUMNS} FROM surveys WHERE id IN "
        "(SELECT survey_id FROM survey_answers WHERE member_id = ?) ORDER BY id DESC",
        (member_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    return [await _survey(db, row) for row in rows]


async def save_answer(
    db: aiosqlite.Connection,
    survey_id: int,
    question_id: int,
    member_id: int,
    cluster_code: str,
    value: Value,
    questions: int,
) -> bool:
    """Store (or replace) a member's answer while the survey is open; False if it is not
    (closed meanwhile). `questions` is how many the survey has, to mark the set complete."""
    now = now_iso()
    async with transaction(db):
        if not await exists(
            db,
            "SELECT 1 FROM surveys WHERE id = ? AND status = 'published' AND opens_at <= ? "
            "AND closes_at > ?",
            (survey_id, now, now),
        ):
            return False
        await db.execute(
            "INSERT INTO survey_responses (survey_id, member_id, cluster_code, started_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (survey_id, member_id) DO UPDATE SET updated_at = excluded.updated_at",
            (survey_id, member_id, cluster_code, now, now),
        )
        await db.execute(
            "INSERT INTO survey_answers (question_id, member_id, survey_id, value, answered_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (question_id, member_id) "
            "DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
            (question_id, member_id, survey_id, json.dumps(value, ensure_ascii=False), now),
        )
        await db.execute(
            "UPDATE survey_responses SET completed_at = ? WHERE survey_id = ? AND member_id = ? "
            "AND completed_at IS NULL AND (SELECT COUNT(*) FROM survey_answers "
            "WHERE survey_id = ? AND member_id = ?) >= ?",
            (now, survey_id, member_id, survey_id, member_id, questions),
        )
    return True


@dataclass(frozen=True, slots=True)
class AnswerSet:
    """One member's answers, for the results and the export."""

    member_id: int
    company: str
    cluster_code: str
    updated_at: datetime
    complete: bool
    answers: dict[int, Value]


async def answer_sets(db: aiosqlite.Connection, survey_id: int) -> list[AnswerSet]:
    """Every member's answers to a survey, in the order they first answered."""
    async with db.execute(
        "SELECT r.member_id, m.company, r.cluster_code, r.updated_at, r.completed_at "
        "FROM survey_responses r JOIN members m ON m.id = r.member_id "
        "WHERE r.survey_id = ? ORDER BY r.started_at, r.member_id",
        (survey_id,),
    ) as cursor:
        heads = await cursor.fetchall()
    answers: dict[int, dict[int, Value]] = {}
    async with db.execute(
        "SELECT member_id, question_id, value FROM survey_answers WHERE survey_id = ?",
        (survey_id,),
    ) as cursor:
        for member_id, question_id, value in await cursor.fetchall():
            answers.setdefault(int(member_id), {})[int(question_id)] = json.loads(value)
    return [
        AnswerSet(
            member_id=int(h[0]),
            company=str(h[1]),
            cluster_code=str(h[2]),
            updated_at=parse_iso(h[3]),
            complete=h[4] is not None,
            answers=answers.get(int(h[0]), {}),
        )
        for h in heads
    ]


async def survey_ids_answered(
    db: aiosqlite.Connection, member_id: int, survey_ids: Sequence[int]
) -> set[int]:
    """Which of these surveys the member has completed."""
    if not survey_ids:
        return set()
    async with db.execute(
        "SELECT survey_id FROM survey_responses WHERE member_id = ? AND completed_at IS NOT NULL "
        f"AND survey_id IN ({', '.join('?' * len(survey_ids))})",
        (member_id, *survey_ids),
    ) as cursor:
        return {int(r[0]) for r in await cursor.fetchall()}


async def pending_members(
    db: aiosqlite.Connection, survey: Survey, platforms: Sequence[str]
) -> set[int]:
    """Members the survey asks (as its invitation reached them) who have not finished it."""
    where, params = audience_where(survey.audience, platforms, "survey")
    async with db.execute(
        f"SELECT id FROM members WHERE {where} AND id NOT IN (SELECT member_id FROM "
        "survey_responses WHERE survey_id = ? AND completed_at IS NOT NULL)",
        (*params, survey.id),
    ) as cursor:
        return {int(r[0]) for r in await cursor.fetchall()}


async def is_asked(
    db: aiosqlite.Connection, survey: Survey, member_id: int, platforms: Sequence[str]
) -> bool:
    """Whether the survey asks this member: its audience as its invitation reaches people
    (clusters, estates, roles, a training's registrants), whichever platform they answer on."""
    where, params = audience_where(survey.audience, platforms, "survey")
    return await exists(
        db, f"SELECT 1 FROM members WHERE {where} AND id = ?", (*params, member_id)
    )
