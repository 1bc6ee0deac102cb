# Over 500 lines: the sandbox's one test module; its sections follow bot/sandbox's modules.
"""The Bot API sandbox, checked with PTB's real Bot and Application over loopback HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import time
from collections.abc import AsyncIterator
from typing import Any

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
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.sandbox import OWN, BotApiSandbox, SandboxUser
from tests.conftest import free_port

JSONDict = dict[str, Any]
FLAVOURS = ["telegram", "bale"]


class Raw:
    """Plain HTTP calls, for shapes PTB can't parse (bale's getMe and updates) or won't send."""

    def __init__(self, session: aiohttp.ClientSession, server: BotApiSandbox) -> None:
        self.session = session
        self.server = server

    async def call(
        self, method: str, *, token: str | None = None, as_json: bool = False, **params: Any
    ) -> tuple[int, JSONDict]:
        url = f"{self.server.base_url}{token or self.server.make_token()}/{method}"
        if as_json:
            response = await self.session.post(url, json=params)
        else:
            # Like PTB: strings as they are, everything else JSON-encoded.
            form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            response = await self.session.post(url, data=form)
        async with response:
            body: JSONDict = await response.json()
            return response.status, body

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self.call(method, **params)
        assert status == 200 and body["ok"], body
        return body["result"]

    async def updates(self, **params: Any) -> list[JSONDict]:
        """getUpdates, confirming everything returned (as a poller would on its next call)."""
        result: list[JSONDict] = await self.ok("getUpdates", **params)
        if result:
            await self.ok("getUpdates", offset=result[-1]["update_id"] + 1, timeout=0)
        return result


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when RetryAfter.retry_after is an int; warnings are errors here.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture(params=FLAVOURS)
async def server(request: pytest.FixtureRequest) -> AsyncIterator[BotApiSandbox]:
    async with BotApiSandbox(flavour=request.param) as sandbox:
        sandbox.make_token()
        yield sandbox


@pytest.fixture
async def raw(server: BotApiSandbox) -> AsyncIterator[Raw]:
    async with aiohttp.ClientSession() as session:
        yield Raw(session, server)


async def make_bot(server: BotApiSandbox, token: str | None = None) -> Bot:
    """A PTB Bot on the sandbox, not initialised (bale's getMe would not parse)."""
    bot = Bot(
        token or server.make_token(),
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        request=HTTPXRequest(),
        get_updates_request=HTTPXRequest(),
    )
    await bot.request.initialize()
    return bot


@pytest.fixture
async def bot(server: BotApiSandbox) -> AsyncIterator[Bot]:
    ptb = await make_bot(server)
    yield ptb
    await ptb.request.shutdown()


@pytest.fixture
def user(server: BotApiSandbox) -> SandboxUser:
    return server.user(first_name="مریم", username="maryam")


YES_NO = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("بله", callback_data="yes"),
            InlineKeyboardButton("نه", callback_data="no"),
        ]
    ]
)


# --- shapes and basics ----------------------------------------------------------------------


async def test_get_me_shape(server: BotApiSandbox, raw: Raw, bot: Bot) -> None:
    me = await raw.ok("getMe")
    assert me["first_name"] == "Khooshe" and me["username"] == "khooshe_bot"
    assert me["id"] == 123456
    # Bale's getMe includes is_bot (docs/bale.md); drop_fields() takes it away.
    assert me["is_bot"] is True
    ptb_me = await bot.get_me()
    assert ptb_me.is_bot and ptb_me.username == "khooshe_bot"
    server.drop_fields()
    assert "is_bot" not in await raw.ok("getMe")


async def test_send_edit_delete(server: BotApiSandbox, bot: Bot, user: SandboxUser) -> None:
    sent = await bot.send_message(user.id, "سلام", reply_markup=YES_NO)
    assert sent.chat.id == user.id and sent.chat.type == "private"
    assert sent.from_user is not None and sent.from_user.is_bot
    assert sent.reply_markup == YES_NO

    seen = await user.next_message()
    assert seen.text == "سلام" and seen.message_id == sent.message_id
    assert seen.button_texts == ["بله", "نه"]
    assert "سلام" in repr(seen)

    edited = await bot.edit_message_text("خداحافظ", chat_id=user.id, message_id=sent.message_id)
    if server.flavour == "telegram":
        assert isinstance(edited, type(sent)) and edited.text == "خداحافظ"
    else:  # Bale answers an edit with a stub (docs/bale.md)
        assert isinstance(edited, type(sent)) and edited.message_id == 0 and edited.text is None
    assert await user.next_edit() is seen
    # An edit without reply_markup drops the inline keyboard, as on Telegram.
    assert seen.text == "خداحافظ" and seen.edits == 1 and seen.inline_buttons == []

    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("خداحافظ", chat_id=user.id, message_id=sent.message_id)
    await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=YES_NO)
    assert (await user.next_edit()).button_texts == ["بله", "نه"]
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=user.id, message_id=999)

    assert await bot.delete_message(user.id, sent.message_id)
    assert seen.deleted
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(user.id, sent.message_id)
    assert await user.settle(quiet=0.05) == []


async def test_message_ids_increment_per_chat(server: BotApiSandbox, bot: Bot) -> None:
    first, second = server.user(), server.user()
    a = await bot.send_message(first.id, "یک")
    await first.send_text("دو")
    b = await bot.send_message(first.id, "سه")
    c = await bot.send_message(second.id, "یک")
    assert (a.message_id, b.message_id, c.message_id) == (1, 3, 1)


async def test_limits_and_validation(server: BotApiSandbox, bot: Bot, user: SandboxUser) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(user.id, "ا" * 4097)
    await bot.send_message(user.id, "ا" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(user.id, "  ")
    with pytest.raises(BadRequest, match=r"(?i)message caption is too long"):
        await bot.send_photo(user.id, b"jpeg", caption="x" * 1025)
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="ب" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(user.id, "x", reply_markup=long_data)
    ok_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="ب" * 32)]])
    await bot.send_message(user.id, "x", reply_markup=ok_data)


async def test_chat_not_found_per_flavour(server: BotApiSandbox, raw: Raw, bot: Bot) -> None:
    status, body = await raw.call("sendMessage", chat_id=424242, text="x")
    if server.flavour == "telegram":
        assert (status, body["description"]) == (400, "Bad Request: chat not found")
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(424242, "x")
    else:
        assert (status, body["description"]) == (400, "Bad Request: no such group or user")
        with pytest.raises(BadRequest, match=r"(?i)no such group or user"):
            await bot.send_message(424242, "x")


async def test_parse_mode(server: BotApiSandbox, bot: Bot, user: SandboxUser) -> None:
    if server.flavour == "bale":
        # Bale has no parse_mode: it is ignored, and Markdown is rendered regardless.
        await bot.send_message(user.id, "<b>x</b> *y*", parse_mode="HTML")
        seen = await user.next_message()
        assert seen.text == "<b>x</b> *y*" and seen.shown == "<b>x</b> y"
        assert seen.rendered.markup == ("*y*",)
    else:
        sent = await bot.send_message(user.id, "<b>x</b>", parse_mode="HTML")
        assert sent.text == "<b>x</b>"  # markup is not rendered by the sandbox
        assert server.calls_to("sendMessage")[-1].params["parse_mode"] == "HTML"


async def test_reply_to_per_flavour(server: BotApiSandbox, bot: Bot, user: SandboxUser) -> None:
    question = await user.send_text("سوال دارم")
    mid = question["message_id"]
    # PTB turns reply_to_message_id into reply_parameters, which only Telegram honours.
    sent = await bot.send_message(user.id, "جواب", reply_to_message_id=mid)
    call = server.calls_to("sendMessage")[-1]
    assert call.params["reply_parameters"] == {"message_id": mid}
    via_kwargs = await bot.send_message(user.id, "جواب", api_kwargs={"reply_to_message_id": mid})
    assert server.calls_to("sendMessage")[-1].params["reply_to_message_id"] == mid
    assert via_kwargs.reply_to_message is not None
    assert via_kwargs.reply_to_message.text == "سوال دارم"
    first, second = await user.next_message(), await user.next_message()
    assert second.reply_to_message_id == mid
    if server.flavour == "telegram":
        assert sent.reply_to_message is not None and sent.reply_to_message.message_id == mid
        assert first.reply_to_message_id == mid
        with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
            await bot.send_message(user.id, "x", reply_to_message_id=999)
    else:
        assert sent.reply_to_message is None and first.reply_to_message_id is None


async def test_parameter_encodings(server: BotApiSandbox, raw: Raw, user: SandboxUser) -> None:
    markup = {"inline_keyboard": [[{"text": "الف", "callback_data": "a"}]]}
    result = await raw.ok(
        "sendMessage", as_json=True, chat_id=user.id, text="json", reply_markup=markup
    )
    assert result["reply_markup"] == markup
    form = await raw.ok("sendMessage", chat_id=str(user.id), text="123", reply_markup=markup)
    assert form["text"] == "123" and form["reply_markup"] == markup
    url = f"{server.base_url}{server.make_token()}/sendMessage?chat_id={user.id}&text=get"
    async with raw.session.get(url) as response:
        assert (await response.json())["result"]["text"] == "get"
    status, body = await raw.call("sendMessage", chat_id="@nobody", text="x")
    assert status in (400, 404) and body["ok"] is False
    assert [m.text for m in await user.settle(quiet=0.05)] == ["json", "123", "get"]


async def test_tokens_and_unknown_methods(server: BotApiSandbox, raw: Raw, bot: Bot) -> None:
    for token in ("nonsense", "abc:defghijk", "123:ab"):
        status, body = await raw.call("getMe", token=token)
        assert status == 401 and body == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }
    # Same bot id, another secret: not this bot's token.
    status, _ = await raw.call("getMe", token="123456:another-secret")
    assert status == 401
    server.make_token(999)
    impostor = await make_bot(server, token="999:wrong-token-but-valid-shape")
    try:
        with pytest.raises(InvalidToken):
            await impostor.send_message(1, "x")
    finally:
        await impostor.request.shutdown()

    status, body = await raw.call("sendTelepathy")
    assert (status, body["description"]) == (400, "Bad Request: method not found")
    # Method names are case-insensitive, as on Telegram.
    assert (await raw.ok("GETME"))["id"] == 123456
    assert server.calls_to("getMe")

    status, body = await raw.call(
        "setMyCommands", commands=[{"command": "start", "description": "x"}]
    )
    if server.flavour == "bale":
        assert (status, body["description"]) == (400, "Bad Request: method not found")
    else:
        assert status == 200
        await bot.set_my_commands([("help", "راهنما")])
        assert [c.command for c in await bot.get_my_commands()] == ["help"]
        await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()


async def test_misc_methods(server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser) -> None:
    # Webhook updates go to 127.0.0.1 only (tests/test_webhooks.py delivers them).
    status, body = await raw.call("setWebhook", url="https://example.invalid/hook")
    assert status == 400 and "127.0.0.1" in body["description"]
    hook = f"http://127.0.0.1:{free_port()}/hook"
    assert await raw.ok("setWebhook", url=hook)
    assert (await raw.ok("getWebhookInfo"))["url"] == hook
    status, _ = await raw.call("getUpdates")
    assert status == 409
    assert await raw.ok("deleteWebhook", drop_pending_updates=True)
    assert await raw.ok("sendChatAction", chat_id=user.id, action="typing")
    chat = await bot.get_chat(user.id)
    assert chat.id == user.id and chat.first_name == "مریم"
    assert await raw.ok("close") is True and await raw.ok("logOut") is True


async def test_sandbox_bug_is_a_readable_500(
    server: BotApiSandbox, raw: Raw, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(state: object, params: JSONDict) -> None:
        raise KeyError("oops")

    monkeypatch.setitem(server._methods, "getme", ("getMe", broken))
    status, body = await raw.call("getMe")
    assert status == 500 and "sandbox failed on getMe" in body["description"]


# --- updates --------------------------------------------------------------------------------


async def test_long_poll_wakes_promptly(
    server: BotApiSandbox, raw: Raw, user: SandboxUser
) -> None:
    started = time.monotonic()
    assert await raw.ok("getUpdates", timeout=0.2) == []
    assert 0.15 < time.monotonic() - started < 0.6

    poll = asyncio.create_task(raw.ok("getUpdates", timeout=5))
    await asyncio.sleep(0.05)
    sent_at = time.monotonic()
    await user.send_text("بیدار شو")
    updates = await poll
    assert time.monotonic() - sent_at < 0.3
    assert [u["message"]["text"] for u in updates] == ["بیدار شو"]


async def test_long_poll_wait_is_capped() -> None:
    async with (
        BotApiSandbox(max_poll_wait=0.2) as server,
        aiohttp.ClientSession() as session,
    ):
        started = time.monotonic()
        assert await Raw(session, server).ok("getUpdates", timeout=30) == []
        assert time.monotonic() - started < 1.0


async def test_offsets_confirm_updates(server: BotApiSandbox, raw: Raw, user: SandboxUser) -> None:
    for text in ("یک", "دو", "سه"):
        await user.send_text(text)
    first = await raw.ok("getUpdates")
    assert [u["message"]["text"] for u in first] == ["یک", "دو", "سه"]
    ids = [u["update_id"] for u in first]
    assert ids == sorted(ids) and len(set(ids)) == 3
    # Unconfirmed updates come again.
    assert await raw.ok("getUpdates") == first
    assert [u["update_id"] for u in await raw.ok("getUpdates", limit=2)] == ids[:2]
    assert [u["update_id"] for u in await raw.ok("getUpdates", offset=ids[1])] == ids[1:]
    assert await raw.ok("getUpdates", offset=ids[-1] + 1) == []
    assert server.pending_updates() == []


async def test_update_shapes_per_flavour(
    server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser
) -> None:
    await bot.send_message(user.id, "دکمه", reply_markup=YES_NO)
    await user.send_text("سلام")
    press = asyncio.create_task(user.press("بله", timeout=0.2))
    await asyncio.sleep(0)
    message_update, query_update = await raw.updates()
    message, query = message_update["message"], query_update["callback_query"]
    assert message["from"]["id"] == user.id and message["chat"]["type"] == "private"
    assert query["data"] == "yes" and query["message"]["text"] == "دکمه"
    if server.flavour == "telegram":
        assert message["from"]["is_bot"] is False and isinstance(message["date"], int)
        assert "chat_instance" in query and query["message"]["from"]["is_bot"] is True
        # PTB parses Telegram's shapes as they are.
        parsed = Update.de_json(query_update, bot)
        assert parsed.callback_query is not None and parsed.callback_query.data == "yes"
    else:
        # What the live service sends (docs/bale.md): the fields PTB needs are there.
        assert message["from"]["is_bot"] is False and isinstance(message["date"], int)
        assert "chat_instance" in query
        assert user.id > 2**32
    assert await press is None  # nobody answered


async def test_dropped_fields_are_a_fault_mode(
    server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser
) -> None:
    server.drop_fields()
    await bot.send_message(user.id, "دکمه", reply_markup=YES_NO)
    await user.send_text("سلام")
    press = asyncio.create_task(user.press("بله", timeout=0.2))
    await asyncio.sleep(0)
    message_update, query_update = await raw.updates()
    message, query = message_update["message"], query_update["callback_query"]
    assert "is_bot" not in message["from"] and "date" not in message
    assert "chat_instance" not in query and "is_bot" not in query["from"]
    assert "date" not in query["message"] and "is_bot" not in query["message"]["from"]
    assert await press is None
    if server.flavour == "bale":
        sent = await raw.ok("sendMessage", chat_id=user.id, text="x")
        stub = await raw.ok(
            "editMessageText", chat_id=user.id, message_id=sent["message_id"], text="y"
        )
        assert stub == {"message_id": 0, "chat": {"id": user.id}}


async def test_sixty_four_bit_ids_on_bale(raw: Raw, server: BotApiSandbox, bot: Bot) -> None:
    user = server.user()
    group = server.group()
    if server.flavour == "bale":
        assert user.id > 2**32 and group.id < -(2**32)
    else:
        assert user.id < 2**31
    sent = await bot.send_message(user.id, "سلام")
    assert sent.chat.id == user.id
    await user.send_text("در گروه", chat=group)
    [update] = await raw.updates()
    assert update["message"]["chat"] == {"id": group.id, "type": "group", "title": "ستاد خوشه‌ها"}
    assert update["message"]["from"]["id"] == user.id


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
