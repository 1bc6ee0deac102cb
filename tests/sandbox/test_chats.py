"""The sandbox's chats: buttons, files, faults, the driver tests play users with, and a real
PTB Application polling it."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time

import aiohttp
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.sandbox import OWN, BotApiSandbox, SandboxUser
from tests.sandbox.conftest import FLAVOURS, YES_NO, Raw, make_bot

# --- buttons --------------------------------------------------------------------------------


async def test_inline_press_and_answer(
    server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser
) -> None:
    await bot.send_message(user.id, "ثبت شود؟", reply_markup=YES_NO)
    press = asyncio.create_task(user.press("بله"))
    [update] = await raw.updates(timeout=2)
    query = update["callback_query"]
    assert await bot.answer_callback_query(query["id"], text="ثبت شد", show_alert=True)
    answer = await press
    assert answer is not None and (answer.text, answer.show_alert) == ("ثبت شد", True)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query["id"])

    message = await user.next_message()
    forged = asyncio.create_task(user.press_forged("admin:delete_all", message.message_id))
    [update] = await raw.updates(timeout=2)
    assert update["callback_query"]["data"] == "admin:delete_all"
    await bot.answer_callback_query(update["callback_query"]["id"])
    answer = await forged
    assert answer is not None and answer.text is None

    pressed = asyncio.create_task(user.press_inline(message, callback_data="no"))
    [update] = await raw.updates(timeout=2)
    assert update["callback_query"]["data"] == "no"
    await bot.answer_callback_query(update["callback_query"]["id"], text="باشه")
    assert (await pressed) is not None
    with pytest.raises(AssertionError, match="no button 'شاید'"):
        await user.press("شاید")


async def test_reply_keyboard_press(
    server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser
) -> None:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("ارسال شماره", request_contact=True)], ["راهنما"]],
        resize_keyboard=True,
    )
    sent = await bot.send_message(user.id, "شماره‌تان؟", reply_markup=keyboard)
    assert sent.reply_markup is None  # only inline keyboards come back
    assert user.reply_keyboard is not None
    assert [[b["text"] for b in row] for row in user.reply_keyboard] == [
        ["ارسال شماره"],
        ["راهنما"],
    ]
    assert (await user.next_message()).reply_keyboard is not None

    assert await user.press("راهنما") is None
    assert await user.press("ارسال شماره") is None
    await user.send_contact(user_id=OWN)
    help_update, contact_update, own_again = await raw.updates()
    assert own_again["message"]["contact"]["user_id"] == user.id
    assert help_update["message"]["text"] == "راهنما"
    contact = contact_update["message"]["contact"]
    assert contact["user_id"] == user.id and contact["phone_number"] == user.phone_number

    await user.send_contact("989120000000", user_id=None, first_name="علی")
    await user.send_contact("989121111111", user_id=77)
    other, third = await raw.updates()
    assert "user_id" not in other["message"]["contact"]
    assert third["message"]["contact"]["user_id"] == 77

    await bot.send_message(user.id, "تمام", reply_markup=ReplyKeyboardRemove())
    assert user.reply_keyboard is None


async def test_commands_and_group_chats(
    server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser
) -> None:
    await user.send_command("start", "c_furniture")
    [update] = await raw.updates()
    assert update["message"]["text"] == "/start c_furniture"
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    await user.edit_text(update["message"]["message_id"], "/start c_leather")
    [edit] = await raw.updates()
    assert edit["edited_message"]["text"] == "/start c_leather"
    assert edit["edited_message"]["message_id"] == update["message"]["message_id"]

    if server.flavour == "bale":  # Bale has groups and channels, no supergroups
        with pytest.raises(ValueError, match="no supergroups"):
            server.group("ستاد", chat_type="supergroup")
    group = server.group(
        "ستاد", chat_type="supergroup" if server.flavour == "telegram" else "group"
    )
    assert group.id < 0 and group.type in ("group", "supergroup")
    sent = await user.send_text("گزارش", chat=group)
    await bot.send_message(group.id, "دریافت شد", reply_to_message_id=sent["message_id"])
    reply = await group.next_message()
    assert reply.text == "دریافت شد" and reply.chat_id == group.id
    assert await user.settle(quiet=0.05) == []  # nothing in the private chat


async def test_copy_and_forward(server: BotApiSandbox, bot: Bot, user: SandboxUser) -> None:
    staff = server.group("کارکنان")
    report = await user.send_text("لوله ترکید", forward_from={"id": 9, "first_name": "x"})
    copied = await bot.copy_message(staff.id, user.id, report["message_id"])
    forwarded = await bot.forward_message(staff.id, user.id, report["message_id"])
    assert forwarded.text == "لوله ترکید"
    assert forwarded.forward_origin is not None or server.flavour == "bale"
    first, second = await staff.settle(quiet=0.05)
    assert first.message_id == copied.message_id and first.text == "لوله ترکید"
    assert second.method == "forwardMessage"
    with pytest.raises(BadRequest, match=r"(?i)message to copy not found"):
        await bot.copy_message(staff.id, user.id, 999)


# --- files ----------------------------------------------------------------------------------


async def test_files_both_ways(server: BotApiSandbox, bot: Bot, user: SandboxUser) -> None:
    csv = "نام,تلفن\nمریم,0912\n".encode()
    doc = await bot.send_document(user.id, InputFile(csv, filename="report.csv"), caption="گزارش")
    assert doc.document is not None and doc.document.file_name == "report.csv"
    assert doc.document.mime_type == "text/csv" and doc.document.file_size == len(csv)
    seen = await user.next_message()
    assert seen.document is not None and seen.document.data == csv
    assert seen.caption == "گزارش" and seen.document.file_name == "report.csv"
    # A re-send by file_id reuses the stored file.
    again = await bot.send_document(user.id, doc.document.file_id)
    assert again.document is not None and again.document.file_id == doc.document.file_id

    photo = await bot.send_photo(user.id, b"\xff\xd8bot-photo")
    assert photo.photo and photo.photo[-1].width == 800
    voice = await bot.send_voice(user.id, b"OggS-bot", duration=2)
    assert voice.voice is not None and voice.voice.duration == dtm.timedelta(seconds=2)
    _, seen_photo, seen_voice = await user.settle(quiet=0.05)
    assert seen_photo.photo is not None and seen_photo.photo.data == b"\xff\xd8bot-photo"
    assert seen_voice.voice is not None and seen_voice.voice.data == b"OggS-bot"

    sent = await user.send_document(b"%PDF-1.4 invoice", "فاکتور.pdf", "application/pdf")
    file = await bot.get_file(sent["document"]["file_id"])
    assert file.file_path is not None and file.file_path.endswith(".pdf")
    assert await file.download_as_bytearray() == bytearray(b"%PDF-1.4 invoice")
    user_photo = await user.send_photo(b"\xff\xd8user", caption="عکس")
    small = await bot.get_file(user_photo["photo"][0]["file_id"])
    assert bytes(await small.download_as_bytearray()) == b"\xff\xd8user"
    await user.send_voice()
    await user.send_sticker()
    await user.send_location(35.7, 51.4)
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await bot.get_file("no-such-file")


async def test_file_download_errors(server: BotApiSandbox, raw: Raw, user: SandboxUser) -> None:
    stored = server.store_file(b"data", "document", "a.txt", "text/plain")
    base = f"{server.base_file_url}{server.make_token()}"
    async with raw.session.get(f"{base}/{stored.file_path}") as response:
        assert response.status == 200 and await response.read() == b"data"
    async with raw.session.get(f"{base}/documents/missing.txt") as response:
        assert response.status == 404
    async with raw.session.get(f"{server.base_file_url}bad/{stored.file_path}") as response:
        assert response.status == 401


# --- faults ---------------------------------------------------------------------------------


async def test_fault_injection(
    server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser
) -> None:
    server.inject("sendMessage", error=429, retry_after=3)
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(user.id, "x")
    assert flood.value.retry_after == dtm.timedelta(seconds=3)

    server.inject("sendMessage", error=429)
    status, body = await raw.call("sendMessage", chat_id=user.id, text="x")
    assert status == 429 and "parameters" not in body
    server.inject("sendMessage", error=429)
    with pytest.raises(NetworkError) as no_retry:
        await bot.send_message(user.id, "x")
    assert not isinstance(no_retry.value, RetryAfter)

    for code, text in ((500, "Internal Server Error"), (502, "Bad Gateway")):
        server.inject(error=code)
        with pytest.raises(NetworkError, match=text):
            await bot.send_message(user.id, "x")
    server.inject("sendMessage", error=403, description="Forbidden: user is deactivated")
    with pytest.raises(Forbidden, match=r"(?i)user is deactivated"):
        await bot.send_message(user.id, "x")

    fault = server.inject("sendMessage", delay=0.2)
    started = time.monotonic()
    await bot.send_message(user.id, "slow")
    assert time.monotonic() - started >= 0.2 and fault.remaining == 0 and not server.faults

    other = server.user()
    server.inject("sendMessage", error=500, times=2, chat_id=user.id)
    await bot.send_message(other.id, "unaffected")
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(user.id, "x")
    await bot.send_message(user.id, "recovered")

    # method=None hits any method but getUpdates.
    server.inject(error=500)
    assert await raw.ok("getUpdates") == []
    status, _ = await raw.call("getMe")
    assert status == 500
    failed = [c for c in server.calls if c.error_code == 500]
    assert failed and failed[-1].method == "getMe" and "500" in failed[-1].summary()
    with pytest.raises(ValueError):
        server.inject("sendMessage")


async def test_block(server: BotApiSandbox, bot: Bot, user: SandboxUser) -> None:
    server.block(user.id)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(user.id, "x")
    with pytest.raises(Forbidden):
        await bot.send_chat_action(user.id, "typing")
    server.unblock(user.id)
    await bot.send_message(user.id, "back")
    server.block(user.id)
    await user.send_text("/start")  # writing to the bot again lifts the block
    await bot.send_message(user.id, "welcome back")


@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_rate_limits(flavour: str) -> None:
    now = [100.0]  # the limits' clock, stepped by hand: a loaded machine cannot refill them
    async with BotApiSandbox(
        flavour,  # type: ignore[arg-type]
        rate_limit=5,
        per_chat_rate=1,
        clock=lambda: now[0],
    ) as server:
        bot = await make_bot(server)
        try:
            users = [server.user() for _ in range(7)]
            for member in users[:5]:
                await bot.send_message(member.id, "x")
            with pytest.raises(RetryAfter) as flood:
                await bot.send_message(users[5].id, "x")
            assert flood.value.retry_after == dtm.timedelta(seconds=1)
            now[0] += 0.25  # refills 1.25 tokens of 5/s
            await bot.send_message(users[5].id, "x")
            with pytest.raises(RetryAfter):
                await bot.send_message(users[5].id, "again, same chat")
            status = server.calls_to("sendMessage")[-1]
            assert status.error_code == 429 and status.description is not None
        finally:
            await bot.request.shutdown()


# --- driver ---------------------------------------------------------------------------------


async def test_driver_waits_and_failures(
    server: BotApiSandbox, bot: Bot, user: SandboxUser
) -> None:
    with pytest.raises(AssertionError, match=r"no new bot message within 0\.05s"):
        await user.next_message(timeout=0.05)

    async def reply_later() -> None:
        await asyncio.sleep(0.05)
        await bot.send_message(user.id, "دیرتر")

    task = asyncio.create_task(reply_later())
    assert (await user.next_message(timeout=2)).text == "دیرتر"
    await task
    await bot.send_message(user.id, "دو")
    await bot.send_message(user.id, "سه")
    settled = await user.settle(quiet=0.05)
    assert [m.text for m in settled] == ["دو", "سه"]
    with pytest.raises(AssertionError) as failure:
        await user.next_edit(timeout=0.01)
    assert "دو" in str(failure.value) and "sendMessage" in str(failure.value)
    assert user.chat.message(settled[0].message_id) is settled[0]
    assert user.last_message is settled[1] and len(user.messages) == 3

    # An update the bot has not fetched yet keeps settle() waiting.
    await user.send_text("هنوز خوانده نشده")
    with pytest.raises(AssertionError, match="never fetched"):
        await user.settle(quiet=0.01, timeout=0.1)


@pytest.mark.parametrize("flavour", ["telegram"])
async def test_stop_is_quick_during_long_poll(flavour: str) -> None:
    server = BotApiSandbox(flavour, max_poll_wait=30)  # type: ignore[arg-type]
    await server.start()
    async with aiohttp.ClientSession() as session:
        poll = asyncio.create_task(Raw(session, server).ok("getUpdates", timeout=30))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        await server.stop()
        assert await poll == []
        assert time.monotonic() - started < 1.0
    with pytest.raises(RuntimeError):
        _ = server.base_url


# --- a real Application, polling --------------------------------------------------------------


async def test_application_polling_echo() -> None:
    async with BotApiSandbox("telegram") as server:
        token = server.make_token()
        app = (
            ApplicationBuilder()
            .token(token)
            .base_url(server.base_url)
            .base_file_url(server.base_file_url)
            .build()
        )

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.effective_message is not None
            await update.effective_message.reply_text(update.effective_message.text or "")

        async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.effective_message is not None
            buttons = InlineKeyboardMarkup([[InlineKeyboardButton("تأیید", callback_data="ok")]])
            await update.effective_message.reply_text(
                f"start:{' '.join(context.args or [])}", reply_markup=buttons
            )

        async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            query = update.callback_query
            assert query is not None and query.message is not None
            await query.answer(f"got {query.data}")
            await query.edit_message_text("تأیید شد")

        app.add_handler(CommandHandler("start", start))
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
        app.add_handler(CallbackQueryHandler(button))
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=5))
        try:
            user = server.user()
            assert (await user.ask("سلام خوشه")).text == "سلام خوشه"
            await user.send_command("start", "c_furniture")
            welcome = await user.next_message()
            assert welcome.text == "start:c_furniture"
            answer = await user.press("تأیید")
            assert answer is not None and answer.text == "got ok"
            edited = await user.next_edit()
            assert edited is welcome and edited.text == "تأیید شد"
            assert await user.settle(quiet=0.1) == []
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
        assert server.pending_updates() == []


async def test_bale_shows_markdown_rendered_and_backslashes_kept(
    server: BotApiSandbox, bot: Bot, user: SandboxUser
) -> None:
    """What a Bale member sees: the guard every flow test runs (tests/conftest.py) reports
    markup taken from our text and backslashes nobody typed."""
    await bot.send_message(user.id, "سلام *علی* [ب](https://ble.ir) \\(تست\\) (پرانتز)")
    seen = await user.next_message()
    if server.flavour == "telegram":
        assert seen.shown == seen.text and server.unwanted_markup() == []
        return
    assert seen.shown == "سلام علی ب \\(تست\\) (پرانتز)"
    problems = server.unwanted_markup()
    assert len(problems) == 2 and "renders markup" in problems[0] and "backslash" in problems[1]
    await user.send_text("مسیر C:\\temp")  # a member typed one: the bot may show it back
    assert all("backslash" not in p for p in server.unwanted_markup())
    server.removes_backslash_escapes = True
    assert seen.shown == "سلام علی ب (تست) (پرانتز)"
