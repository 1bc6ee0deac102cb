"""Forged presses of every survey, proposal and meeting button (bot/callbacks.py), carrying
the ids of a real survey, question, proposal and meeting: a stranger, a member of another
cluster and a cluster agent of another cluster change nothing and see nobody's answers,
supporters or comments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot import callbacks as cb
from bot.callbacks import Choice, Int, Word
from bot.sandbox import SandboxUser
from storage.offerings import NewOffering, create_offering
from storage.outbox import Audience
from storage.proposals import (
    NewProposal,
    create_proposal,
    publish,
    put_on_agenda,
    set_comment,
    toggle_support,
)
from storage.surveys import NewQuestion, NewSurvey, Survey, create_survey, get_survey, save_answer
from tests.conftest import UNSEEN_MESSAGE, Khooshe, expect, tap, workday
from tests.test_broadcasts import compose, preview

SECRET_ANSWER = "راز واحد ما کمبود نقدینگی است"
SECRET_COMMENT = "نظر محرمانه حامی"
PREFIXES = ("sv:", "svs:", "pp:", "pps:", "mt:")
TABLES = (
    "surveys", "survey_questions", "survey_responses", "survey_answers", "proposals",
    "proposal_clusters", "proposal_evidence", "proposal_supports", "proposal_events", "reports",
)  # fmt: skip


async def answered_survey(
    khooshe: Khooshe, member_id: int, clusters: tuple[str, ...], key: str
) -> Survey:
    """A two-question survey open for two days, answered by the member (its free-text answer
    SECRET_ANSWER)."""
    now = datetime.now(UTC)
    survey_id, _ = await create_survey(
        khooshe.db,
        NewSurvey(
            "نیاز واحدها", Audience(clusters=clusters), now - timedelta(minutes=1),
            now + timedelta(days=2), "staff:test", key,
            (NewQuestion("single", "کمبود؟", ("برق", "آب")), NewQuestion("text", "پیشنهاد؟")),
        ),
    )  # fmt: skip
    survey = await get_survey(khooshe.db, survey_id)
    assert survey is not None
    first, second = survey.questions
    for question, value in ((first, 1), (second, SECRET_ANSWER)):
        assert await save_answer(
            khooshe.db, survey_id, question.id, member_id, "leather_shoes", value, 2
        )
    return survey


async def supported_proposal(
    khooshe: Khooshe, member_id: int, comment: str | None = SECRET_COMMENT
) -> int:
    """The proposal «انبار مشترک» of the leather cluster, open, supported by the member (with
    `comment`); its id."""
    proposal, _ = await create_proposal(
        khooshe.db,
        NewProposal("انبار مشترک", "مشکل", "راه‌حل", None, ("leather_shoes",), "staff:test", "a"),
    )
    await publish(khooshe.db, proposal, "staff:test")
    assert await toggle_support(khooshe.db, proposal, member_id, "leather_shoes")
    if comment is not None:
        assert await set_comment(khooshe.db, proposal, member_id, comment)
    return proposal


async def _world(khooshe: Khooshe) -> dict[str, int]:
    (member,) = await khooshe.seed_members(1, "leather_shoes")
    (row,) = await khooshe.rows("SELECT id FROM members")
    now = datetime.now(UTC)
    survey = await answered_survey(khooshe, row["id"], ("leather_shoes", "furniture"), "survey")
    meeting, _ = await create_offering(
        khooshe.db,
        NewOffering(
            kind="meeting", title="جلسه مشترک", description="—",
            starts_at=now + timedelta(days=3), ends_at=None, place="تبریز", capacity=None,
            deadline=None, created_by="staff:test", dedupe_key="meeting",
        ),
        publish_at=now,
    )  # fmt: skip
    open_id = await supported_proposal(khooshe, row["id"])
    agenda_id, _ = await create_proposal(
        khooshe.db,
        NewProposal("برق دوم", "مشکل", "راه‌حل", "power", ("leather_shoes",), "staff:test", "b"),
    )
    await publish(khooshe.db, agenda_id, "staff:test")
    await put_on_agenda(khooshe.db, agenda_id, meeting.id, "staff:test")
    del member
    return {
        "survey": survey.id, "question": survey.questions[0].id, "open": open_id,
        "agenda": agenda_id, "meeting": meeting.id,
    }  # fmt: skip


def _data(family: cb.Button, ids: dict[str, int], proposal: str) -> str:
    values: list[Any] = []
    for field in family.fields:
        if isinstance(field, Int):
            values.append(
                {
                    "id": ids["survey"] if family.prefix.startswith("sv") else ids[proposal],
                    "question": ids["question"],
                    "option": 0,
                    "meeting": ids["meeting"],
                }.get(field.name, 0)
            )
        elif isinstance(field, Choice):
            values.append(field.values[0])
        else:
            assert isinstance(field, Word)
            values.append({"cluster": "leather_shoes", "body": "power"}.get(field.name, "x"))
    return family.pack(*values)


async def _snapshot(khooshe: Khooshe) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(tuple(r.values()) for r in await khooshe.rows(f"SELECT * FROM {table}"))
        for table in TABLES
    }


@pytest.mark.parametrize("persona", ["stranger", "other", "agent"])
async def test_forged_survey_and_proposal_presses(khooshe: Khooshe, persona: str) -> None:
    ids = await _world(khooshe)
    if persona == "stranger":
        presser: SandboxUser = khooshe.member(first_name="غریبه")
    else:
        (presser,) = await khooshe.seed_members(1, "auto_parts")
    if persona == "agent":
        await khooshe.grant(presser, "auto_parts")
    before = await _snapshot(khooshe)
    families = [f for f in cb.families() if f.prefix.startswith(PREFIXES)]
    assert len(families) > 30
    for proposal in ("open", "agenda"):
        for family in families:
            data = _data(family, ids, proposal)
            answer = await presser.press_forged(data, UNSEEN_MESSAGE)
            assert answer is not None, data
            assert SECRET_ANSWER not in (answer.text or "")
            assert SECRET_COMMENT not in (answer.text or "")
    await presser.send_command("help")
    await expect(presser, "/")
    await presser.settle()
    assert await _snapshot(khooshe) == before
    seen = "\n".join(m.content or "" for m in presser.chat.messages)
    assert SECRET_ANSWER not in seen and SECRET_COMMENT not in seen


async def test_a_role_revoked_mid_form_moves_no_announcement(khooshe: Khooshe) -> None:
    """The new time typed after «🕒 تغییر زمان» was checked for authorship only: an agent
    revoked meanwhile still moved the announcement."""
    await khooshe.seed_members(2, "leather_shoes")
    agent = await khooshe.agent("leather_shoes")
    await compose(agent)
    await preview(agent)
    await tap(agent, "🕒 زمان‌بندی")
    await agent.send_text(workday(2, "۱۰:۳۰"))
    await expect(agent, "تأیید می‌کنید")
    await tap(agent, "✅ تأیید زمان‌بندی")
    (before,) = await khooshe.rows("SELECT send_at, changed_by FROM broadcasts")
    await agent.send_command("scheduled")
    await agent.press_inline(await expect(agent, "اطلاعیه شماره ۱"), "🕒 تغییر زمان")
    await expect(agent, "زمان تازه")
    admin = khooshe.admin()
    await admin.send_text(f"/revoke {agent.id} cluster_agent")
    await expect(admin, "")
    await agent.send_text(workday(5, "۹ صبح"))
    await expect(agent, "فقط برای کارشناسان")
    assert await khooshe.rows("SELECT send_at, changed_by FROM broadcasts") == [before]
