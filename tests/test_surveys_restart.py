"""A survey half-answered survives kill -9 of `python -m bot` (no shutdown, no flush): the
answers stored stay, a multiple choice's ticks not yet confirmed stay ticked, a text question
asked before the crash takes the text typed after it, and the invitation is not sent twice."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.sandbox import BotApiSandbox, SandboxUser
from bot.services import surveys as service
from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT
from storage.db import connect
from storage.members import NewMember, register_member
from storage.outbox import Audience, create_broadcast
from storage.surveys import NewQuestion, NewSurvey, create_survey
from tests.conftest import expect, shown, spawn_bot, tap, wait_for

TITLE = "نیاز واحدها به فناوری"
QUESTIONS = (
    NewQuestion("single", "مهم‌ترین کمبود واحد شما کدام است؟", ("برق", "آب", "گاز")),
    NewQuestion("multi", "کدام فناوری‌ها را لازم دارید؟", ("اتوماسیون", "نرم‌افزار", "خورشیدی")),
    NewQuestion("text", "چه چیزی مانع شماست؟"),
    NewQuestion("scale", "از خدمات شهرک چقدر راضی هستید؟"),
)
TYPED = "نقدینگی و نبود کارشناس"


async def _seed(db_path: Path, platform: str, member: SandboxUser) -> None:
    """A member of one cluster, and an open survey of that cluster whose invitation is due."""
    db = await connect(db_path)
    try:  # an open aiosqlite connection would keep pytest from exiting
        await seed_places(db, PROJECT_ROOT / "data" / "clusters.csv")
        new = NewMember(
            "مریم رضایی", "کفش آذر", "leather_shoes", None, "+989120000001", True, "owner"
        )
        await register_member(db, platform, member.id, member.id, new)
        now = datetime.now(UTC)
        audience = Audience(clusters=("leather_shoes",))
        closes = now + timedelta(days=3)
        survey = NewSurvey(TITLE, audience, now, closes, "staff:test", "crash", QUESTIONS)
        survey_id, _ = await create_survey(db, survey)
        owner = ("staff:test", platform, 0, "fa")  # nobody to report to
        await create_broadcast(
            db, service.invitation(survey_id, TITLE, audience, now, closes, owner)
        )
    finally:
        await db.close()


def _answers(db: Path) -> dict[int, object]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT q.position, a.value FROM survey_answers a "
            "JOIN survey_questions q ON q.id = a.question_id ORDER BY q.position"
        ).fetchall()
    return {position: json.loads(value) for position, value in rows}


async def _restart(
    sandbox: BotApiSandbox, process: asyncio.subprocess.Process, token: str, db: Path
) -> asyncio.subprocess.Process:
    """SIGKILL the bot (no shutdown, no flush) and start it again, polling."""
    process.kill()
    await process.wait()
    polls_before = len(sandbox.calls_to("getUpdates"))
    fresh = await spawn_bot(sandbox, token, db)
    assert await wait_for(lambda: len(sandbox.calls_to("getUpdates")) > polls_before, 60)
    return fresh


async def test_a_half_answered_survey_survives_kill_9(tmp_path: Path, flavour: str) -> None:
    db = tmp_path / "crash.db"
    async with BotApiSandbox(flavour) as sandbox:  # type: ignore[arg-type]
        token = sandbox.make_token(88)
        member = sandbox.user(token=token)
        await _seed(db, flavour, member)
        process = await spawn_bot(sandbox, token, db)
        try:
            invite = await expect(member, TITLE, wait=30)
            await member.press_inline(invite, "📝 پاسخ می‌دهم")
            await expect(member, "پرسش ۱ از ۴", wait=30)
            await member.press("آب")
            await expect(member, "پرسش ۲ از ۴", wait=30)
            await tap(member, "▫️ اتوماسیون")  # ticked, not yet confirmed
            assert _answers(db) == {1: 1}

            process = await _restart(sandbox, process, token, db)
            # The question sent before the crash still works, its tick kept.
            ticked = await tap(member, "▫️ نرم‌افزار")
            assert "✅ اتوماسیون" in ticked.button_texts
            assert "✅ نرم‌افزار" in ticked.button_texts
            await member.press("✔️ ثبت و بعدی")
            await expect(member, "پرسش ۳ از ۴", wait=30)
            assert _answers(db) == {1: 1, 2: [0, 1]}

            process = await _restart(sandbox, process, token, db)
            # The text question asked before the crash takes what is typed after it.
            await member.send_text(TYPED)
            await expect(member, "پرسش ۴ از ۴", wait=30)
            await member.press("۴")
            summary = shown(await expect(member, "پاسخ‌های شما", wait=30))
            assert TYPED in summary and "اتوماسیون" in summary
            await member.settle()  # a second invitation would have come by now
        finally:
            process.terminate()
            await process.wait()
        assert _answers(db) == {1: 1, 2: [0, 1], 3: TYPED, 4: 4}
        invitations = [m for m in member.chat.messages if TITLE in (m.content or "")]
        assert len([m for m in invitations if m.button("📝 پاسخ می‌دهم")]) == 1
