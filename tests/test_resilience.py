"""Floods, errors, blocked members, Bale's dialect, and the guard against the internet."""

from __future__ import annotations

import logging
import socket

import pytest

from bot.logs import RedactingFilter
from bot.services.throttle import FloodGuard, RateGate
from tests.conftest import Khooshe, register


async def test_a_flood_gets_one_polite_notice(khooshe: Khooshe) -> None:
    await khooshe.stop()
    await khooshe.start(flood_burst=5, flood_rate=0.5)
    user = khooshe.member()
    for i in range(15):
        await user.send_text(f"سلام {i}")
    messages = await user.settle(quiet=0.5)
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
    (row,) = await khooshe.rows("SELECT status FROM members")
    assert row["status"] == "blocked"
    await user.send_command("help")
    await user.settle()
    (row,) = await khooshe.rows("SELECT status FROM members")
    assert row["status"] == "active"


async def test_bale_dialect_on_the_wire(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user, name="*علی* [x](y)")
    sends = [c for c in khooshe.sandbox.calls if c.method.startswith(("send", "edit"))]
    (summary,) = [m for m in user.messages if m.text == "✔️ ثبت‌نام انجام شد."]
    original = str(summary.edit_history[0].get("text"))
    if khooshe.platform.value == "bale":
        assert all("parse_mode" not in c.params for c in sends)
        assert "\\*علی\\* \\[x\\]\\(y\\)" in original
    else:
        assert "*علی* [x](y)" in original
    (row,) = await khooshe.rows("SELECT name FROM members")
    assert row["name"] == "*علی* [x](y)"  # stored as typed, escaped only on the way out


async def test_a_refused_command_menu_does_not_stop_the_bot(khooshe: Khooshe) -> None:
    calls = khooshe.sandbox.calls_to("setMyCommands")
    assert len(calls) == 1  # tried once, on both flavours
    user = khooshe.member()
    await user.send_command("start")
    assert await user.settle()


def test_logs_never_carry_tokens_or_phone_numbers() -> None:
    token = "123456:" + "S" * 35
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "call %s for %s and %s",
        (token, "+989121234567", "09351234567"),
        None,
    )
    RedactingFilter([token]).filter(record)
    message = record.getMessage()
    assert token not in message and "9121234567" not in message and "9351234567" not in message
    assert "<token>" in message and "<phone>" in message


def test_the_internet_is_out_of_reach() -> None:
    with (
        pytest.raises(OSError, match="loopback"),
        socket.create_connection(("10.255.255.1", 80), timeout=1),
    ):
        pass
