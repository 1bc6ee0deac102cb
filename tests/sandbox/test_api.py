"""The sandbox's Bot API: shapes, limits, tokens and updates per flavour, checked with PTB's
real Bot over loopback HTTP."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, InvalidToken

from bot.sandbox import BotApiSandbox, CallbackAnswer, SandboxUser
from bot.sandbox.messages import JSONDict
from tests.conftest import free_port
from tests.sandbox.conftest import YES_NO, Raw, make_bot

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


async def text_and_press(
    bot: Bot, raw: Raw, user: SandboxUser
) -> tuple[JSONDict, JSONDict, asyncio.Task[CallbackAnswer | None]]:
    """The user sends a text and presses a button the bot sent: both updates as getUpdates
    returns them, and the press (nobody answers it)."""
    await bot.send_message(user.id, "دکمه", reply_markup=YES_NO)
    await user.send_text("سلام")
    press = asyncio.create_task(user.press("بله", timeout=0.2))
    await asyncio.sleep(0)
    message_update, query_update = await raw.updates()
    return message_update, query_update, press


async def test_update_shapes_per_flavour(
    server: BotApiSandbox, raw: Raw, bot: Bot, user: SandboxUser
) -> None:
    message_update, query_update, press = await text_and_press(bot, raw, user)
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
    message_update, query_update, press = await text_and_press(bot, raw, user)
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
