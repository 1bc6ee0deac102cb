"""A crash does not lose a request's card for its advisers (issue 11, point 4, as for reports'
cards in tests/test_notices.py): neither a kill -9 while the card is on its way, nor one
between storing the request and queuing its cards."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox import BotApiSandbox
from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT
from storage.consultations import NewConsultation, create_consultation, hand_over
from storage.cores import grant_adviser, save_core
from storage.db import connect
from storage.members import NewMember, get_member, register_member
from tests.conftest import Khooshe, expect, register, send_and_track, shown, spawn_bot, wait_for
from tests.test_consult import AI_QUESTION, _adviser, _cores, _world
from tests.test_cores import TECHNOLOGY


async def test_a_request_stored_just_before_a_crash_gets_its_card_at_start(
    khooshe: Khooshe,
) -> None:
    cores = await _cores(khooshe)
    adviser = await _adviser(khooshe, cores["technology"], "مشاور")
    member = khooshe.member()
    await register(member)
    stored = await get_member(khooshe.db, khooshe.platform.value, member.id)
    assert stored is not None
    # The crash window: the request is stored, its cards not queued yet.
    await create_consultation(
        khooshe.db,
        stored.id,
        stored.cluster_code,
        khooshe.platform.value,
        NewConsultation(cores["technology"].id, None, "هوش مصنوعی در کنترل کیفیت", AI_QUESTION),
        "crashed-draft",
    )
    await khooshe.stop()
    await khooshe.start()
    card = await expect(adviser, "درخواست مشاوره")
    assert "هوش مصنوعی" in shown(card) and card.button("🙋 برمی‌دارم") is not None
    await khooshe.outbox_idle()
    (row,) = await khooshe.rows("SELECT announced FROM consultations")
    assert row["announced"] == 1
    # a second start queues nothing again
    await khooshe.stop()
    await khooshe.start()
    await member.send_command("help")
    await expect(member, "همین راهنما")
    sent = await khooshe.rows("SELECT COUNT(*) AS n FROM outbox WHERE chat_id = ?", adviser.id)
    assert sent[0]["n"] == 1


async def test_a_request_card_cut_off_by_kill_9_reaches_the_adviser_after_restart(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "crash.db"
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(88)
        member, adviser = bale.user(token=token), bale.user(token=token, first_name="مشاور")
        db = await connect(db_path)
        try:  # set up straight through storage: asking is what is under test
            await seed_places(db, PROJECT_ROOT / "data" / "clusters.csv")
            new = NewMember(
                "مریم رضایی", "کفش آذر", "leather_shoes", None, "+989120000000", True, "owner"
            )
            await register_member(db, "bale", member.id, member.id, new)
            core = await save_core(db, TECHNOLOGY, None)
            await grant_adviser(db, core.id, "bale", adviser.id, 1)
        finally:
            await db.close()
        # The card is on its way to the adviser when the process dies.
        hang = bale.inject("sendMessage", delay=120, chat_id=adviser.id)
        process = await spawn_bot(bale, token, db_path)
        try:
            await member.send_command("help")
            await expect(member, "", wait=60)  # polling
            await member.send_text("💡 درخواست مشاوره")  # seeded: no keyboard yet
            await expect(member, "با کلمات خودتان", wait=60)
            await member.send_text(AI_QUESTION)
            await expect(member, "دریافت شد", wait=60)
            await member.press("✅ تمام شد")
            suggestion = await expect(member, "هسته", wait=60)
            await member.press_inline(suggestion, suggestion.button_texts[0])
            await expect(member, "ارسال شود", wait=60)
            code = await send_and_track(member, "✅ ارسال درخواست", wait=60)
            assert await wait_for(lambda: hang.hits == 1, 30)
        finally:
            process.kill()  # SIGKILL: no shutdown, no flush
            await process.wait()
        assert adviser.chat.messages == []  # nothing reached the adviser before the crash
        process = await spawn_bot(bale, token, db_path)
        try:
            card = await expect(adviser, code, wait=60)
            assert "درخواست مشاوره" in shown(card) and card.button("🙋 برمی‌دارم") is not None
        finally:
            process.terminate()
            await process.wait()


async def test_a_request_handed_over_just_before_a_crash_reaches_the_new_core(
    khooshe: Khooshe,
) -> None:
    world = await _world(khooshe)
    await expect(world["first"], "درخواست مشاوره")
    # The crash window: moved to the finance core, its cards there not queued yet.
    finance = world["cores"]["finance"].id
    assert await hand_over(khooshe.db, world["row"]["id"], finance, "staff:test")
    await khooshe.stop()
    await khooshe.start()
    card = await expect(world["money"], "درخواست مشاوره")
    assert "هوش مصنوعی" in shown(card)
    (row,) = await khooshe.rows("SELECT core_id, announced FROM consultations")
    assert row == {"core_id": finance, "announced": 1}
