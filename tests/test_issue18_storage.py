"""Surveys' and proposals' stored rules: answers only while open, one set per member; one
support per member, withdrawn and given again; who is told (each once); a decision moves the
linked reports on only when it names a body and is not a rejection; changes are told once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT
from storage.db import connect
from storage.members import NewMember, register_member
from storage.outbox import Audience
from storage.proposals import (
    Decision,
    NewProposal,
    create_proposal,
    decide,
    mark_done,
    mark_told,
    publish,
    put_on_agenda,
    set_comment,
    supports,
    to_tell,
    toggle_support,
    untold_events,
)
from storage.reports import NewReport, create_report, join_report
from storage.surveys import (
    NewQuestion,
    NewSurvey,
    answer_sets,
    close_survey,
    create_survey,
    get_survey,
    save_answer,
)

NOW = datetime.now(UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    connection = await connect(tmp_path / "k.db")
    await seed_places(connection, PROJECT_ROOT / "data" / "clusters.csv")
    yield connection
    await connection.close()


async def member(db: aiosqlite.Connection, n: int, cluster: str) -> int:
    new = NewMember(f"عضو {n}", f"واحد {n}", cluster, None, f"+98912{n:07d}", True, "owner")
    stored, _ = await register_member(db, "telegram", 1000 + n, 1000 + n, new)
    return stored.id


async def test_answers_only_while_open_one_set_per_member(db: aiosqlite.Connection) -> None:
    survey_id, created = await create_survey(
        db,
        NewSurvey(
            "نیاز", Audience(clusters=("furniture",)), NOW - timedelta(minutes=1),
            NOW + timedelta(days=1), "staff:x", "k",
            (NewQuestion("single", "کمبود؟", ("برق", "آب")), NewQuestion("number", "چند نفر؟")),
        ),
    )  # fmt: skip
    assert created
    again, created = await create_survey(
        db,
        NewSurvey("دوباره", Audience(), NOW, NOW + timedelta(days=1), "staff:x", "k", ()),
    )
    assert (again, created) == (survey_id, False)  # a double tap: the first survey
    survey = await get_survey(db, survey_id)
    assert survey is not None
    q1, q2 = survey.questions
    m = await member(db, 1, "furniture")
    assert await save_answer(db, survey_id, q1.id, m, "furniture", 0, 2)
    assert await save_answer(db, survey_id, q1.id, m, "furniture", 1, 2)  # changed
    (partial,) = await answer_sets(db, survey_id)
    assert partial.answers == {q1.id: 1} and not partial.complete
    assert await save_answer(db, survey_id, q2.id, m, "furniture", 12, 2)
    (whole,) = await answer_sets(db, survey_id)
    assert whole.complete and whole.answers == {q1.id: 1, q2.id: 12}
    assert await close_survey(db, survey_id, "staff:x")
    assert not await close_survey(db, survey_id, "staff:x")
    assert not await save_answer(db, survey_id, q1.id, m, "furniture", 0, 2)
    (after,) = await answer_sets(db, survey_id)
    assert after.answers[q1.id] == 1


async def test_supports_told_members_and_a_decision(db: aiosqlite.Connection) -> None:
    filer, joiner = await member(db, 1, "leather_shoes"), await member(db, 2, "leather_shoes")
    fan, other = await member(db, 3, "furniture"), await member(db, 4, "furniture")
    report, _ = await create_report(
        db, filer, "leather_shoes", "telegram",
        NewReport("electricity", "electricity", False, "قطعی برق", "قطعی برق هر روز"), "r1",
    )  # fmt: skip
    assert await join_report(db, report.id, joiner)
    closed, _ = await create_report(
        db, other, "furniture", "telegram",
        NewReport("electricity", "electricity", False, "ولتاژ", "افت ولتاژ"), "r2",
    )  # fmt: skip
    await db.execute("UPDATE reports SET status = 'resolved' WHERE id = ?", (closed.id,))
    await db.commit()
    new = NewProposal(
        "برق دوم", "قطعی", "خط دوم", "power", ("leather_shoes", "furniture"), "staff:x", "p",
        reports=(report.id, closed.id),
    )  # fmt: skip
    pid, _ = await create_proposal(db, new)
    assert await toggle_support(db, pid, fan, "furniture") is None  # a draft takes none
    opened = await publish(db, pid, "staff:x")
    assert opened is not None and await publish(db, pid, "staff:x") is None
    assert await toggle_support(db, pid, fan, "furniture") is True
    assert await toggle_support(db, pid, joiner, "leather_shoes") is True  # reporter and fan
    assert await toggle_support(db, pid, fan, "furniture") is False  # withdrawn
    assert not await set_comment(db, pid, fan, "نظر")  # not a supporter now
    assert await toggle_support(db, pid, fan, "furniture") is True  # again: still one row
    assert await set_comment(db, pid, fan, "نظر")
    found = await supports(db, pid)
    assert found.total == 2 and dict(found.by_cluster()) == {"furniture": 1, "leather_shoes": 1}
    rows = await (await db.execute("SELECT COUNT(*) FROM proposal_supports")).fetchone()
    assert rows is not None and rows[0] == 2
    # Supporters and the reports' members, each once (joiner is both).
    assert await to_tell(db, pid) == sorted({filer, joiner, fan, other})
    meeting = await db.execute(
        "INSERT INTO offerings (kind, title, starts_at, created_by, created_at, updated_at, "
        "status) VALUES ('meeting', 'جلسه', ?, 'x', ?, ?, 'published')",
        (NOW.isoformat(), NOW.isoformat(), NOW.isoformat()),
    )
    await db.commit()
    assert meeting.lastrowid is not None
    assert await decide(db, pid, Decision("accepted", "…", "power", None), "x") is None
    assert await put_on_agenda(db, pid, meeting.lastrowid, "x") is not None
    assert await toggle_support(db, pid, other, "furniture") is None  # no longer open
    assert await decide(db, pid, Decision("referred", "ارجاع", "power", NOW), "x") is not None
    statuses = await db.execute("SELECT status, outside_body FROM reports ORDER BY id")
    assert [tuple(r) for r in await statuses.fetchall()] == [
        ("referred", "power"),
        ("resolved", None),  # a resolved report stays resolved
    ]
    assert await mark_done(db, pid, "x") is not None
    events = await untold_events(db)
    assert [e.to_status for e in events] == ["open", "agenda", "decided", "done"]
    for event in events:
        await mark_told(db, event.id)
    assert await untold_events(db) == []


async def test_a_rejection_moves_no_report(db: aiosqlite.Connection) -> None:
    filer = await member(db, 1, "leather_shoes")
    report, _ = await create_report(
        db, filer, "leather_shoes", "telegram",
        NewReport("electricity", "electricity", False, "قطعی", "قطعی برق"), "r1",
    )  # fmt: skip
    pid, _ = await create_proposal(
        db,
        NewProposal("ب", "م", "ر", None, ("leather_shoes",), "x", "p", reports=(report.id,)),
    )
    await publish(db, pid, "x")
    await db.execute(
        "INSERT INTO offerings (id, kind, title, starts_at, created_by, created_at, updated_at) "
        "VALUES (9, 'meeting', 'جلسه', ?, 'x', ?, ?)",
        (NOW.isoformat(), NOW.isoformat(), NOW.isoformat()),
    )
    await db.commit()
    await put_on_agenda(db, pid, 9, "x")
    assert await decide(db, pid, Decision("rejected", "نه", "power", None), "x") is not None
    row = await (await db.execute("SELECT status FROM reports")).fetchone()
    assert row is not None and row[0] == "new"


async def test_who_a_survey_asks(db: aiosqlite.Connection) -> None:
    from storage.surveys import is_asked

    wood, leather = await member(db, 1, "furniture"), await member(db, 2, "leather_shoes")
    await db.execute("UPDATE members SET job_role = 'employee' WHERE id = ?", (leather,))
    await db.commit()
    platforms = ("telegram", "bale")

    async def asks(audience: Audience, member_id: int) -> bool:
        survey_id, _ = await create_survey(
            db,
            NewSurvey("ن", audience, NOW, NOW + timedelta(days=1), "x", audience.to_json(), ()),
        )
        survey = await get_survey(db, survey_id)
        assert survey is not None
        return await is_asked(db, survey, member_id, platforms)

    assert await asks(Audience(clusters=("furniture",)), wood)
    assert not await asks(Audience(clusters=("furniture",)), leather)
    assert await asks(Audience(), leather)
    assert await asks(Audience(job_roles=("employee",)), leather)
    assert not await asks(Audience(job_roles=("employee",)), wood)
    assert not await asks(Audience(offering=9), wood)  # nobody signed up
    await db.execute("UPDATE members SET deleted_at = ? WHERE id = ?", (NOW.isoformat(), wood))
    await db.commit()
    assert not await asks(Audience(clusters=("furniture", "x")), wood)
