"""Floods, errors, blocked members, Bale's dialect, and the guard against the internet."""

from __future__ import annotations

import json
import logging
import socket

import pytest

from bot.app import COMMANDS
from bot.logs import redact, setup_logging
from bot.sandbox.flavours import BALE_ERRORS
from bot.sandbox.markdown import render_bale
from bot.services.throttle import FloodGuard, RateGate
from tests.conftest import Khooshe, expect, register, shown, wait_for, walk_to


async def test_a_flood_gets_one_polite_notice(khooshe: Khooshe) -> None:
    await khooshe.stop()
    await khooshe.start(flood_burst=5, flood_rate=0.5)
    user = khooshe.member()
    for i in range(15):
        await user.send_text(f"سلام {i}")
    messages = await user.settle()
    notices = [m for m in messages if "خیلی سریع" in (m.text or "")]
    assert len(notices) == 1
    answered = [m for m in messages if "/start" in (m.text or "")]
    assert 5 <= len(answered) <= 7  # the burst (plus what refilled meanwhile), then silence


def test_flood_guard_refills_and_warns_once_per_flood() -> None:
    now = [0.0]
    guard = FloodGuard(burst=3, rate=1.0, clock=lambda: now[0])
    assert [guard.check("u") for _ in range(3)] == [(True, False)] * 3
    assert guard.check("u") == (False, True)
    assert guard.check("u") == (False, False)
    assert guard.check("other") == (True, False)
    now[0] += 3.0
    assert guard.check("u") == (True, False)
    gate = RateGate(interval=10, clock=lambda: now[0])
    assert gate.allow() and not gate.allow()
    now[0] += 10
    assert gate.allow()


async def test_an_error_after_a_button_still_apologises(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await walk_to(user, "cluster")
    khooshe.sandbox.inject("sendMessage", error=400, description="Bad Request: injected")
    await user.press("چرم و کفش")
    messages = await user.settle()
    assert any("مشکلی پیش آمد" in (m.text or "") for m in messages)
    # the member can carry on from the same step
    await user.send_text("چرم")
    (matches,) = await user.settle()
    assert "چرم و کفش" in matches.button_texts


async def test_an_error_apologises_and_alerts_the_admin(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    user = khooshe.member()
    khooshe.sandbox.inject(
        "sendMessage", error=400, description="Bad Request: injected", chat_id=user.id
    )
    await user.send_command("start")
    messages = await user.settle()
    assert any("مشکلی پیش آمد" in (m.text or "") for m in messages)
    (alert,) = await admin.settle()
    assert "BadRequest" in (alert.text or "")
    # the bot keeps working for the next message
    await user.send_command("start")
    assert any("نام" in (m.text or "") for m in await user.settle())


async def test_blocked_member_is_marked_and_unmarked(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    khooshe.sandbox.inject(
        "sendMessage",
        error=403,
        description="Forbidden: bot was blocked by the user",
        chat_id=user.id,
    )
    await user.send_command("help")
    await user.settle()
    assert await khooshe.value("SELECT status FROM members") == "blocked"
    await user.send_command("help")
    await user.settle()
    assert await khooshe.value("SELECT status FROM members") == "active"


async def test_bale_dialect_on_the_wire(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user, name="*علی* [x](y)")
    sends = [c for c in khooshe.sandbox.calls if c.method.startswith(("send", "edit"))]
    (summary,) = [m for m in user.messages if m.text == "✔️ تأیید و ثبت"]
    original = str(summary.edit_history[0].get("text"))
    if khooshe.platform.value == "bale":
        assert all("parse_mode" not in c.params for c in sends)
        # Broken invisibly where it would be markup; no backslash, parentheses untouched.
        assert "\u200c*علی* [x]\u200c(y)" in original
        assert "*علی* [x](y)" in render_bale(original).text  # what a Bale member reads
    else:
        assert "*علی* [x](y)" in original
    (row,) = await khooshe.rows("SELECT name FROM members")
    assert row["name"] == "*علی* [x](y)"  # stored as typed, escaped only on the way out
    # button labels are not Markdown: never escaped
    markups = [c.params.get("reply_markup") or {} for c in sends]
    labels = [
        b["text"]
        for markup in markups
        for row in markup.get("inline_keyboard", []) + markup.get("keyboard", [])
        for b in row
    ]
    assert labels and not any("\\" in label for label in labels)


async def test_our_own_text_reaches_bale_without_escapes(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    await admin.send_command("grant")
    usage = await expect(admin, "cluster_agent")
    # "cluster_agent" opens no markup: it goes as written, and is shown as written.
    assert "cluster_agent" in (usage.text or "") and "cluster_agent" in shown(usage)


async def test_replies_in_groups_quote_the_message_per_platform(khooshe: Khooshe) -> None:
    user = khooshe.member()
    group = khooshe.sandbox.group(token=khooshe.token)
    sent = await user.send_command("start", chat=group)
    (reply,) = await group.settle()
    assert reply.reply_to_message_id == sent["message_id"]
    (call,) = [
        c for c in khooshe.sandbox.calls_to("sendMessage") if c.params["chat_id"] == group.id
    ]
    if khooshe.platform.value == "bale":
        assert "reply_parameters" not in call.params
        assert int(call.params["reply_to_message_id"]) == sent["message_id"]


async def test_a_refused_command_menu_does_not_stop_the_bot(khooshe: Khooshe) -> None:
    # The menu is set once polling runs (start-up does not wait for it).
    assert await wait_for(lambda: khooshe.sandbox.calls_to("setMyCommands"), 10)
    calls = khooshe.sandbox.calls_to("setMyCommands")
    assert len(calls) == 1  # tried once, on both flavours
    menu = calls[0].params["commands"]
    menu = json.loads(menu) if isinstance(menu, str) else menu
    # what a member can do from the menu: reports, advice, surveys and proposals
    assert [c["command"] for c in menu] == list(COMMANDS)
    assert {"consult", "surveys", "proposals"} <= set(COMMANDS)
    user = khooshe.member()
    await user.send_command("start")
    assert await user.settle()


def test_logs_never_carry_tokens_or_phone_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    token = "123456:" + "S" * 35
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging("INFO", [token])
        log = logging.getLogger("khooshe.test")
        log.info("call %s for %s, %s and %s", token, "+989121234567", "۰۹۳۵ ۱۲۳ ۴۵۶۷", "user 42")
        try:
            raise ValueError(f"bad number 09121234567 at https://tapi.bale.ai/bot{token}/x")
        except ValueError:
            log.exception("failed")
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    err = capsys.readouterr().err
    assert token not in err and "S" * 35 not in err
    for digits in ("9121234567", "۱۲۳ ۴۵۶۷"):
        assert digits not in err
    assert "<token>" in err and "<phone>" in err and "user 42" in err
    assert "Traceback" in err  # the traceback was printed, redacted


def test_a_token_in_a_bot_api_url_is_redacted_unnamed() -> None:
    """Whatever the token (another platform's, a revoked one), a Bot API URL never carries it."""
    for url in (
        "https://tapi.bale.ai/bot999:XyZ-secret_1/getMe",
        "https://api.telegram.org/file/bot999:XyZ-secret_1/photos/a.jpg",
        "url='http://127.0.0.1:1/bot999:XyZ-secret_1/sendMessage'",
    ):
        assert "secret_1" not in redact(url) and "999" not in redact(url)
        assert "<token>" in redact(url)


def test_the_internet_is_out_of_reach() -> None:
    with (
        pytest.raises(OSError, match="loopback"),
        socket.create_connection(("10.255.255.1", 80), timeout=1),
    ):
        pass


async def test_a_refused_callback_answer_does_not_stop_the_action(khooshe: Khooshe) -> None:
    """Bale may refuse to answer old clients' queries (docs/bale.md): the press still works."""
    user = khooshe.member()
    await walk_to(user, "confirm")
    code, description = BALE_ERRORS["old_query"]
    khooshe.sandbox.inject("answerCallbackQuery", error=code, description=description, times=9)
    assert await user.press("✅ تأیید و ثبت", timeout=0.5) is None  # the spinner never stops
    await expect(user, "ثبت‌نام شما انجام شد")
    assert await khooshe.value("SELECT name FROM members") == "مریم رضایی"
    assert khooshe.sandbox.calls_to("answerCallbackQuery")[-1].error_code == 400


@pytest.mark.parametrize("flavour", ["bale"])  # Telegram's answers are complete: not repaired
async def test_updates_and_edit_answers_without_the_fields_ptb_needs(khooshe: Khooshe) -> None:
    """The fault mode that drops is_bot, date, chat_instance and an edit answer's date and
    chat type (Bale's answers): the repairs keep every step working, edits included."""
    khooshe.sandbox.drop_fields()
    user = khooshe.member()
    await register(user)
    (summary,) = [m for m in user.messages if m.text == "✔️ تأیید و ثبت"]
    assert summary.edits == 1  # edited, and the edit's stub answer did no harm
    (row,) = await khooshe.rows("SELECT name, status FROM members")
    assert row["name"] == "مریم رضایی" and row["status"] == "active"
    errors = [c.method for c in khooshe.sandbox.calls if c.error_code is not None]
    assert set(errors) <= {"setMyCommands"}  # Bale has no command menu
