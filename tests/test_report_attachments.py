"""Files members attach to a report reach staff: counted on the card, sent on request by the
«📎 پیوست‌ها» button (card, full view, /show), checked like every card button, carried across
platforms, and counted in the export."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.app import Runtime
from bot.sandbox import BotApiSandbox, BotMessage, CallbackAnswer, SandboxChat, SandboxUser
from bot.text import fold_digits
from tests.conftest import (
    ADMIN_ID,
    BALE_BOT,
    TELEGRAM_BOT,
    Khooshe,
    add_details,
    describe,
    expect,
    on_both_platforms,
    register,
    send_and_track,
    shown,
    table_of,
    to_summary,
)
from tests.test_report_followup import _open_my_report
from tests.test_reports import POWER_CUT

PHOTO = b"\xff\xd8\xff\xe0 burnt switchboard"
PDF = b"%PDF-1.4 electricity bill"
VOICE = b"OggS the manager explains"
BUTTON = "📎 پیوست‌ها"
KINDS = "۱ عکس، ۱ فایل، ۱ پیام صوتی"


async def file_with_files(user: SandboxUser, text: str = POWER_CUT, *, files: bool = True) -> str:
    """File a report with a photo, a document and a voice note; return its code as shown."""
    await describe(user, text)
    if files:
        await user.send_photo(PHOTO)
        await expect(user, "۱ فایل")
        await user.send_document(PDF, file_name="قبض برق.pdf", mime_type="application/pdf")
        await expect(user, "۲ فایل")
        await user.send_voice(VOICE)
        await expect(user, "۳ فایل")
    summary = await to_summary(user)
    assert ("📎 پیوست: ۳" in shown(summary)) is files
    return await send_and_track(user)


async def _staff_group(khooshe: Khooshe) -> tuple[SandboxChat, SandboxUser, SandboxUser]:
    """A staff group, an agent of another cluster (furniture), and a registered member."""
    group = await khooshe.with_staff_group()
    (outsider,) = await khooshe.agents(("عامل مبلمان", "furniture"))
    member = khooshe.member()
    await register(member)
    return group, outsider, member


async def _three_files(
    chat: SandboxUser | SandboxChat, code: str, wait: float = 5.0
) -> list[BotMessage]:
    """The next three messages of a chat: the report's files, in the order they were added."""
    got = [await chat.next_message(wait) for _ in range(3)]
    photo, document, voice = got
    assert photo.method == "sendPhoto" and photo.photo is not None
    assert photo.photo.data == PHOTO
    assert document.method == "sendDocument" and document.document is not None
    assert document.document.data == PDF and document.document.file_name == "قبض برق.pdf"
    assert voice.method == "sendVoice" and voice.voice is not None
    assert voice.voice.data == VOICE
    for number, message in enumerate(got, start=1):
        assert shown(message) == f"📎 گزارش {code} — پیوست {'۰۱۲۳'[number]} از ۳"
    return got


def _refused(answer: CallbackAnswer | None) -> bool:
    """Refused: not staff of the report's cluster, or (where the platform shows which buttons
    a message carries) no such button on the message pressed."""
    text = answer.text or "" if answer is not None else ""
    refused = "کارشناسان" in text or "فعال نیست" in text
    return answer is not None and answer.show_alert and refused


def _files_in(messages: list[BotMessage]) -> list[BotMessage]:
    return [m for m in messages if m.photo or m.document or m.voice]


async def test_the_card_counts_the_files_and_its_button_sends_them(khooshe: Khooshe) -> None:
    group, _, member = await _staff_group(khooshe)
    code = await file_with_files(member)
    card = await expect(group, "گزارش تازه")
    assert f"📎 پیوست: {KINDS}" in shown(card)
    assert BUTTON in card.button_texts

    admin = khooshe.admin()
    answer = await admin.press_inline(card, BUTTON)
    assert answer is not None and not answer.show_alert and "۳ پیوست" in (answer.text or "")
    photo, _, _ = await _three_files(group, code)
    assert photo.reply_to_message_id == card.message_id  # the first answers the card
    # a second press sends them again, by the ids this platform already knows
    await admin.press_inline(card, BUTTON)
    await _three_files(group, code)
    # a double tap sends them once: while the first set is on its way (the sandbox holds its
    # photo back a moment), a second tap is told so, and sends nothing
    khooshe.sandbox.inject("sendPhoto", delay=3, times=1)
    first = await admin.press_inline(card, BUTTON)
    second = await admin.press_inline(card, BUTTON)
    assert first is not None and "۳ پیوست" in (first.text or "")
    assert second is not None and "در راه" in (second.text or "")
    await _three_files(group, code, wait=10)
    await admin.press_inline(card, BUTTON)  # (no stray copy came between the two sets)
    await _three_files(group, code)


async def test_only_staff_of_the_cluster_get_the_files(khooshe: Khooshe) -> None:
    group, outsider, member = await _staff_group(khooshe)
    insider = khooshe.member()
    await register(insider, name="عامل چرم")
    await khooshe.admin().send_text(f"/grant {insider.id} cluster_agent leather_shoes")
    await expect(insider, "نقش")
    code = await file_with_files(member)
    card = await expect(group, "گزارش تازه")
    own_card = await expect(insider, "گزارش تازه")  # an agent of the report's cluster, in private
    (row,) = await khooshe.rows("SELECT id FROM reports")
    data = f"t:att:{row['id']}"
    stranger = khooshe.member()
    seen = {chat: len(chat.messages) for chat in (group, outsider.chat, member.chat)}

    # an agent of another cluster: the card's button in the group, then forged, in both chats
    answer = await outsider.press_inline(card, BUTTON)
    assert answer is not None and answer.show_alert and "کارشناسان" in (answer.text or "")
    for chat in (group, outsider.chat):
        forged = await outsider.press_forged(data, chat=chat)
        assert _refused(forged)
    # the member who filed it, and someone who never registered, forging it
    for who in (member, stranger):
        forged = await who.press_forged(data)
        assert _refused(forged)
    # (the answer is the handler's last word: nothing can follow it)
    for chat, before in seen.items():
        assert _files_in(chat.messages[before:]) == []
    assert _files_in(stranger.messages) == []
    assert khooshe.sandbox.calls_to("getFile") == []
    # while the agent of the report's own cluster gets them, in their own chat
    answer = await insider.press_inline(own_card, BUTTON)
    assert answer is not None and not answer.show_alert
    await _three_files(insider, code)


async def test_the_full_view_and_show_offer_the_files(khooshe: Khooshe) -> None:
    group, _, member = await _staff_group(khooshe)
    code = await file_with_files(member)
    card = await expect(group, "گزارش تازه")
    admin = khooshe.admin()

    await admin.press_inline(card, "📄 متن کامل")
    full = await expect(group, "شرح کامل")
    assert f"📎 پیوست‌ها: {KINDS}" in shown(full)
    assert full.button_texts == [BUTTON]
    await admin.press_inline(full, BUTTON)
    await _three_files(group, code)

    # /show, in the staff member's private chat: the files come there
    await admin.send_text(f"/show {code}")
    shown_full = await expect(admin, "شرح کامل")
    assert f"📎 پیوست‌ها: {KINDS}" in shown(shown_full)
    await admin.press_inline(shown_full, BUTTON)
    await _three_files(admin, code)


async def test_a_report_without_files_says_so(khooshe: Khooshe) -> None:
    group, _, member = await _staff_group(khooshe)
    code = await file_with_files(member, files=False)
    card = await expect(group, "گزارش تازه")
    assert "📎 پیوست: ندارد" in shown(card)
    answer = await khooshe.admin().press_inline(card, BUTTON)
    assert answer is not None and answer.show_alert and "پیوستی ندارد" in (answer.text or "")
    admin = khooshe.admin()
    await admin.send_text(f"/show {code}")
    full = await expect(admin, "شرح کامل")
    assert "📎 پیوست‌ها: ندارد" in shown(full) and "فهرست پیوست‌ها" not in shown(full)
    # /show carries the card's actions (its «📎» says there is nothing, as on the card)
    assert "🙋 برمی‌دارم" in full.button_texts


async def test_a_follow_up_file_is_still_forwarded_and_joins_the_rest(khooshe: Khooshe) -> None:
    group, _, member = await _staff_group(khooshe)
    code = await file_with_files(member)
    card = await expect(group, "گزارش تازه")
    await _open_my_report(khooshe, member)
    details = await expect(member, "سابقه")
    await add_details(member, details)
    await member.send_photo(b"\xff\xd8 second photo")
    await expect(member, "افزوده شد")
    # the staff note and the file itself, as today (in whichever order they are sent)
    note, copied = sorted(
        [await group.next_message() for _ in range(2)], key=lambda m: m.photo is not None
    )
    assert "فایل پیوست" in shown(note)
    assert copied.photo is not None and copied.photo.data == b"\xff\xd8 second photo"
    await khooshe.admin().press_inline(card, BUTTON)
    got = [await group.next_message() for _ in range(4)]
    assert [m.method for m in got] == ["sendPhoto", "sendDocument", "sendVoice", "sendPhoto"]
    assert got[3].photo is not None and got[3].photo.data == b"\xff\xd8 second photo"
    assert shown(got[3]) == f"📎 گزارش {code} — پیوست ۴ از ۴"


async def test_the_export_counts_files_by_kind(khooshe: Khooshe) -> None:
    admin, member = khooshe.admin(), khooshe.member()
    await register(member)
    with_files = await file_with_files(member)
    without = await file_with_files(member, "آب شهرک از صبح قطع است و تولید خوابیده", files=False)
    await admin.send_command("export_reports")
    rows = table_of(await expect(admin, "ردیف"))
    column = rows[0].index("پیوست‌ها")
    cells = {row[0]: row[column] for row in rows[1:]}
    assert cells == {fold_digits(with_files): f"۳: {KINDS}", fold_digits(without): "۰"}


# --- across platforms ---------------------------------------------------------------------------


@asynccontextmanager
async def across(tmp_path: Path) -> AsyncIterator[tuple[BotApiSandbox, BotApiSandbox, Runtime]]:
    """One bot on Telegram and Bale, its admin on Telegram."""
    async with on_both_platforms(tmp_path, admins=f"telegram:{ADMIN_ID}") as world:
        yield world.tg, world.bale, world.runtime


async def show_files(tg: BotApiSandbox, code: str) -> tuple[SandboxUser, BotMessage]:
    """The admin on Telegram opens a report and presses its files' button."""
    admin = tg.user(user_id=ADMIN_ID, first_name="مدیر", token=tg.make_token(TELEGRAM_BOT))
    await admin.send_text(f"/show {code}")
    full = await expect(admin, "شرح کامل")
    await admin.press_inline(full, BUTTON)
    return admin, full


async def test_files_sent_on_bale_reach_staff_on_telegram_with_one_upload(tmp_path: Path) -> None:
    async with across(tmp_path) as (tg, bale, runtime):
        member = bale.user(token=bale.make_token(BALE_BOT))
        await register(member)
        code = await file_with_files(member)
        admin, full = await show_files(tg, code)
        await _three_files(admin, code)
        # Bale's ids mean nothing on Telegram: each file was fetched from Bale and uploaded
        assert len(bale.calls_to("getFile")) == 3
        sends = [c for c in tg.calls if c.method in ("sendPhoto", "sendDocument", "sendVoice")]
        assert len(sends) == 3 and not any(
            isinstance(c.params.get(k), str) for c in sends for k in ("photo", "document", "voice")
        )
        # once: the second request reuses Telegram's own ids, nothing is fetched again
        await admin.press_inline(full, BUTTON)
        await _three_files(admin, code)
        assert len(bale.calls_to("getFile")) == 3
        again = [c for c in tg.calls if c.method in ("sendPhoto", "sendDocument", "sendVoice")]
        assert len(again) == 6
        assert all(isinstance(c.params[c.method[4:].lower()], str) for c in again[3:])
        stored = await _rows(runtime, "SELECT platform FROM report_attachment_files")
        assert stored == [{"platform": "telegram"}] * 3


async def test_a_file_that_cannot_be_brought_over_is_named_not_lost(tmp_path: Path) -> None:
    async with across(tmp_path) as (tg, bale, _):
        member = bale.user(token=bale.make_token(BALE_BOT))
        await register(member)
        await describe(member, POWER_CUT)
        # over the 20 MB a bot may download: it can never leave Bale
        await member.send_document(b"\0" * (20 * 1024 * 1024 + 1), file_name="فیلم.mp4")
        await expect(member, "۱ فایل")
        await member.send_photo(PHOTO)
        await expect(member, "۲ فایل")
        await to_summary(member)
        code = await send_and_track(member)

        admin, _ = await show_files(tg, code)
        note = await admin.next_message()
        assert note.method == "sendMessage"
        assert f"📎 گزارش {code} — پیوست ۱ از ۲ (فایل)" in shown(note)
        assert "«بله» فرستاده شده" in shown(note) and "۲۰ مگابایت" in shown(note)
        photo = await admin.next_message()  # the rest still arrives, in order
        assert photo.photo is not None and photo.photo.data == PHOTO


async def _rows(runtime: Runtime, sql: str) -> list[dict[str, Any]]:
    assert runtime.db is not None
    async with runtime.db.execute(sql) as cursor:
        return [dict(row) for row in await cursor.fetchall()]


async def test_a_voice_note_refused_as_a_voice_reaches_staff_as_audio(khooshe: Khooshe) -> None:
    """A voice note that came as an audio file (Bale, docs/bale.md) has an audio file id; if
    the platform refuses it to sendVoice («type of file mismatch»), staff get it as audio."""
    group, _, member = await _staff_group(khooshe)
    khooshe.sandbox.voice_as_audio = True
    code = await file_with_files(member)
    card = await expect(group, "گزارش تازه")
    khooshe.sandbox.inject(
        "sendVoice", error=400, description="Bad Request: type of file mismatch", times=1
    )
    await khooshe.admin().press_inline(card, BUTTON)
    photo, document, voice = [await group.next_message() for _ in range(3)]
    assert photo.photo is not None and document.document is not None
    assert voice.method == "sendAudio" and voice.voice is not None
    assert voice.voice.data == VOICE
    assert shown(voice) == f"📎 گزارش {code} — پیوست ۳ از ۳"
