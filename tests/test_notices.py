"""What the bot owes after a stored event reaches its chat: through a crash, past a staff
group's rate limit, and however long the text (issue 11, points 4, 5 and 8)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

from bot.sandbox import BotApiSandbox, BotMessage, SandboxChat, SandboxUser
from bot.services.notices import split_words
from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT
from bot.text import MESSAGE_MAX, utf16_len
from storage.db import connect
from storage.members import NewMember, get_member, register_member
from storage.reports import NewReport, create_report
from tests.conftest import (
    Khooshe,
    add_details,
    expect,
    register,
    send_and_track,
    shown,
    spawn_bot,
    wait_for,
)
from tests.test_report_followup import _open_my_report
from tests.test_reports import POWER_CUT, file_report

# --- pure: splitting ---------------------------------------------------------------------------


def test_split_words_cuts_between_words_and_inside_a_word_only_when_it_must() -> None:
    text = " ".join(["برق(قطع)"] * 500)
    pieces = split_words(text, 1000, len)
    assert all(len(p) <= 1000 for p in pieces)
    assert " ".join(pieces) == text
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in pieces)
    assert split_words("x" * 25, 10, len) == ["x" * 10, "x" * 10, "x" * 5]
    assert utf16_len("🙂") == 2  # the platforms count UTF-16 units


# --- point 4: a crash does not lose a card -----------------------------------------------------


async def _next_with(user: SandboxUser | SandboxChat, fragment: str, wait: float) -> BotMessage:
    return await expect(user, fragment, wait=wait)


async def _file_slowly(user: SandboxUser, text: str, wait: float = 60) -> str:
    """File a report with generous waits (a fresh process loads hazm on first use)."""
    await user.send_text("📝 ثبت مشکل")  # members seeded in storage have no keyboard yet
    await _next_with(user, "با کلمات خودتان", wait)
    await user.send_text(text)
    await _next_with(user, "دریافت شد", wait)
    await user.press("✅ تمام شد")
    question = await _next_with(user, "به نظر می‌رسد", wait)
    await user.press_inline(question, question.button_texts[0])
    # Thirty members file the same text at once: whoever picks the category after another's
    # report is stored is asked whether it is the same problem. Here each is a unit's own.
    while "فوری است" not in shown(asked := await user.next_message(wait)):
        if "واحدهای دیگر هم گزارش" in shown(asked):
            await user.press_inline(asked, "➕ مشکل من فرق دارد")
    await user.press("عادی")
    await _next_with(user, "عنوان کوتاه", wait)
    await user.press("✅ همین خوب است")
    await _next_with(user, "گزارش شما:", wait)
    return await send_and_track(user, wait=wait)


def _cards_remembered(db: Path, chat_id: int) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute(
            "SELECT COUNT(*) FROM report_messages WHERE chat_id = ?", (chat_id,)
        ).fetchone()
    return int(count)


async def test_a_card_cut_off_by_kill_9_reaches_staff_after_restart(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.db"
    async with BotApiSandbox("bale") as bale:
        token = bale.make_token(88)
        group = bale.group(token=token, title="کارشناسان")
        member = bale.user(token=token)
        db = await connect(db_path)
        try:  # registered straight through storage: filing is what is under test
            await seed_places(db, PROJECT_ROOT / "data" / "clusters.csv")
            new = NewMember(
                "مریم رضایی", "کفش آذر", "leather_shoes", None, "+989120000000", True, "owner"
            )
            await register_member(db, "bale", member.id, member.id, new)
        finally:
            await db.close()
        settings = {"bale_staff_chat_id": str(group.id)}
        # The card is on its way to the group when the process dies.
        hang = bale.inject("sendMessage", delay=120, chat_id=group.id)
        process = await spawn_bot(bale, token, db_path, settings=settings)
        try:
            await member.send_command("help")
            await _next_with(member, "", 60)  # polling
            code = await _file_slowly(member, POWER_CUT)
            assert await wait_for(lambda: hang.hits == 1, 30)
        finally:
            process.kill()  # SIGKILL: no shutdown, no flush
            await process.wait()
        assert group.messages == []  # nothing reached staff before the crash
        process = await spawn_bot(bale, token, db_path, settings=settings)
        try:
            card = await expect(group, code, wait=60)
            assert "مریم رضایی" in shown(card) and card.button("🙋 برمی‌دارم") is not None
            # remembered as the report's card: staff replies to it reach the member
            assert await wait_for(lambda: _cards_remembered(db_path, group.id) == 1, 30)
        finally:
            process.terminate()
            await process.wait()


async def test_a_report_stored_just_before_a_crash_gets_its_card_at_start(
    khooshe: Khooshe,
) -> None:
    group = khooshe.sandbox.group(token=khooshe.token)
    member = khooshe.member()
    await register(member)
    stored = await get_member(khooshe.db, khooshe.platform.value, member.id)
    assert stored is not None
    # The crash window: the report is stored, its cards not queued yet.
    report, _ = await create_report(
        khooshe.db,
        stored.id,
        "leather_shoes",
        khooshe.platform.value,
        NewReport("electricity", "electricity", False, "قطع برق", POWER_CUT, ()),
        "crashed-draft",
    )
    await khooshe.stop()
    await khooshe.start(**{f"{khooshe.platform.value}_staff_chat_id": group.id})
    card = await expect(group, "قطع برق")
    assert re.search(r"[۰-۹]{6}", shown(card))
    await khooshe.outbox_idle()
    (row,) = await khooshe.rows("SELECT report_id FROM report_messages")
    assert row["report_id"] == report.id
    (flag,) = await khooshe.rows("SELECT announced FROM reports")
    assert flag["announced"] == 1
    # a second start queues nothing again
    await khooshe.stop()
    await khooshe.start(**{f"{khooshe.platform.value}_staff_chat_id": group.id})
    await member.send_command("help")
    await expect(member, "همین راهنما")
    (count,) = await khooshe.rows("SELECT COUNT(*) AS n FROM outbox")
    assert count["n"] == 1


# --- point 5: long relays are split, never dropped ---------------------------------------------

LONG_WORDS = ["برق", "(قطع)", "شد", "و", "دستگاه_ها", "*خوابید*", "[سه]", "بار"]


def _long_text(limit: int = MESSAGE_MAX) -> str:
    words: list[str] = []
    size = 0
    index = 0
    while True:
        word = LONG_WORDS[index % len(LONG_WORDS)]
        if size + len(word) + 1 > limit:
            return " ".join(words)
        words.append(word)
        size += len(word) + 1
        index += 1


def _body(message: BotMessage) -> str:
    return shown(message).split("\n", 1)[1]


async def _staff_setup(khooshe: Khooshe) -> tuple[SandboxChat, SandboxUser, BotMessage]:
    group = await khooshe.with_staff_group()
    member = khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    card = await expect(group, "گزارش")
    return group, member, card


async def test_a_follow_up_as_long_as_a_message_reaches_staff_in_parts(khooshe: Khooshe) -> None:
    group, member, card = await _staff_setup(khooshe)
    text = _long_text()
    await _open_my_report(khooshe, member)
    details = await expect(member, "سابقه")
    await add_details(member, details)
    await member.send_text(text)
    parts = [await expect(group, "توضیح تازه عضو")]
    (event,) = await khooshe.rows("SELECT text FROM report_events WHERE kind = 'follow_up'")
    while len(" ".join(_body(p) for p in parts)) < len(event["text"]):
        parts.append(await expect(group, "توضیح تازه عضو"))
    assert len(parts) >= 2
    assert all(p.reply_to_message_id == card.message_id for p in parts)
    assert " ".join(_body(p) for p in parts) == event["text"]
    # the member is told what is true: stored, and on its way (not "staff have it")
    ack = await expect(member, "فرستاده می‌شود")
    assert "کارشناسان" in shown(ack)
    sent = [
        c.params["text"]
        for c in khooshe.sandbox.calls_to("sendMessage")
        if c.params.get("chat_id") == group.id and c.error_code is None
    ]
    assert all(utf16_len(s) <= MESSAGE_MAX for s in sent)  # as sent: escaped on Bale


async def test_a_staff_reply_as_long_as_a_message_reaches_the_member_in_parts(
    khooshe: Khooshe,
) -> None:
    group, member, card = await _staff_setup(khooshe)
    admin = khooshe.admin()
    text = _long_text()
    await admin.send_text(text, chat=group, reply_to=card.message_id)
    parts = [await expect(member, "پاسخ کارشناس")]
    while len(" ".join(_body(p) for p in parts)) < len(text):
        parts.append(await expect(member, "پاسخ کارشناس"))
    assert len(parts) >= 2
    assert " ".join(_body(p) for p in parts) == text
    ack = await expect(group, "فرستاده می‌شود")
    assert "۱ عضو" in shown(ack)
    failed = [c for c in khooshe.sandbox.calls_to("sendMessage") if c.error_code is not None]
    assert failed == []


async def test_a_staff_reply_quicker_than_its_card_is_remembered_still_reaches_the_member(
    khooshe: Khooshe,
) -> None:
    """A card is on the staff's screen before the bot has Telegram's answer to its sending,
    and the bot remembers the card only then. A reply in that moment (a quick staffer, a slow
    network) waits for the card and is relayed: it was dropped, and a CI run caught it."""
    group = await khooshe.with_staff_group()
    member = khooshe.member()
    await register(member)
    held = khooshe.sandbox.inject("sendMessage", chat_id=group.id, text="گزارش تازه", hold=True)
    await file_report(member, POWER_CUT)
    card = await expect(group, "گزارش تازه")
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    assert runtime.outbox.flying(khooshe.platform, group.id)  # on screen, not yet remembered
    await khooshe.admin().send_text("برق را پیگیری کردیم", chat=group, reply_to=card.message_id)
    relayed = asyncio.create_task(expect(member, "پاسخ کارشناس"))
    try:
        await asyncio.wait({relayed}, timeout=0.5)
        assert not relayed.done()  # the reply waits for its card
    finally:
        held.release()
    assert "برق را پیگیری کردیم" in shown(await relayed)
    await expect(group, "فرستاده می‌شود")


# --- point 8: a staff group at its rate limit delays nobody else -------------------------------

BURST = 30


async def test_a_burst_of_reports_keeps_help_fast_while_cards_wait(khooshe: Khooshe) -> None:
    group = await khooshe.with_staff_group()
    filers = await khooshe.seed_members(BURST)
    codes = await asyncio.gather(
        *(_file_slowly(u, f"{POWER_CUT} واحد {i}", wait=60) for i, u in enumerate(filers))
    )
    assert len(set(codes)) == BURST  # every member has a tracking code
    bystander = khooshe.member()
    await register(bystander, name="رهگذر")
    await bystander.send_command("help")
    await expect(bystander, "همین راهنما")
    # /help was answered while the group's cards were still queued behind its limit
    cards = [m for m in group.messages if "گزارش" in shown(m)]
    assert len(cards) < BURST
    (waiting,) = await khooshe.rows("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")
    assert waiting["n"] > 0
    # and the outbox still serves other chats: a staffer takes a report, its member is told
    admin = khooshe.admin()
    await admin.press_inline(cards[0], "🙋 برمی‌دارم")
    code = next(c for c in codes if c in shown(cards[0]))
    told = await expect(filers[codes.index(code)], "وضعیت گزارش")
    assert "در حال بررسی" in shown(told)
    (still,) = await khooshe.rows("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")
    assert still["n"] > 0
