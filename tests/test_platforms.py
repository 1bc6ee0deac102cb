"""The platform layer's repairs of Bale's answers, as pure functions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from telegram import Update

from bot.platforms import (
    DEFAULT_RETRY_AFTER,
    Decoded,
    RepairingRequest,
    escape_bale,
    fix_response,
    repair_updates,
)
from bot.sandbox.markdown import render_bale
from bot.settings import BaleEscaping


def test_bale_update_without_required_fields_is_repaired() -> None:
    raw = [
        {
            "update_id": 7,
            "callback_query": {
                "id": "99",
                "from": {"id": 5_000_000_001, "first_name": "مریم"},
                "data": "f:ok",
                "message": {
                    "message_id": 3,
                    "chat": {"id": 5_000_000_001, "type": "private"},
                    "from": {"id": 1, "first_name": "Khooshe"},
                    "text": "hi",
                },
            },
        }
    ]
    fixed = repair_updates(raw)
    update = Update.de_json(fixed[0], None)
    assert update.callback_query is not None
    assert update.callback_query.from_user.id == 5_000_000_001
    assert update.callback_query.from_user.is_bot is False
    assert update.callback_query.chat_instance == "5000000001"


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        pytest.param("\u200e/track ۴۸۲۱۰۷", None, id="pasted-without-entities"),
        pytest.param(
            "\u200e\u200f/track ۴۸۲۱۰۷",
            [{"type": "bot_command", "offset": 2, "length": 6}],
            id="entity-after-the-marks",
        ),
    ],
)
def test_a_pasted_command_loses_its_direction_marks(
    text: str, entities: list[dict[str, object]] | None
) -> None:
    """Our messages put a left-to-right mark before /track; pasting it back still works."""
    message: dict[str, object] = {
        "message_id": 3,
        "chat": {"id": 7, "type": "private"},
        "from": {"id": 7, "first_name": "م"},
        "text": text,
    }
    if entities is not None:
        message["entities"] = entities
    fixed = repair_updates([{"update_id": 9, "message": message}])
    update = Update.de_json(fixed[0], None)
    assert update.message is not None and update.message.text == "/track ۴۸۲۱۰۷"
    (command,) = update.message.entities
    assert (command.type, command.offset, command.length) == ("bot_command", 0, 6)


def test_marks_elsewhere_are_left_alone() -> None:
    text = "گزارش \u200e/track را دیدم"
    message = {"message_id": 3, "chat": {"id": 7, "type": "private"}, "text": text}
    fixed = repair_updates([{"update_id": 9, "message": message}])
    assert fixed[0]["message"]["text"] == text and "entities" not in fixed[0]["message"]


def test_unparseable_update_becomes_a_bare_one_so_polling_moves_on() -> None:
    fixed = repair_updates([{"update_id": 8, "message": {"message_id": "x", "chat": 5}}])
    assert fixed == [{"update_id": 8}]
    assert Update.de_json(fixed[0], None).update_id == 8


def test_get_me_without_is_bot_is_repaired() -> None:
    payload = json.dumps({"ok": True, "result": {"id": 1, "first_name": "K"}}).encode()
    code, body = fix_response("getMe", 200, payload)
    assert code == 200 and ptb_reads(body)["result"]["is_bot"] is True


@pytest.mark.parametrize("description", ["Bad Request: bot limit exceed", "local_rate_limited"])
def test_bales_400_rate_limits_become_429s(description: str) -> None:
    payload = json.dumps({"ok": False, "error_code": 400, "description": description}).encode()
    code, body = fix_response("sendMessage", 400, payload)
    assert code == 429  # so PTB raises RetryAfter and callers wait
    assert ptb_reads(body)["parameters"]["retry_after"] == DEFAULT_RETRY_AFTER
    other = json.dumps({"ok": False, "error_code": 400, "description": "Bad Request: odd"})
    assert fix_response("sendMessage", 400, other.encode())[0] == 400


@pytest.mark.parametrize(
    "stub",
    [
        {"message_id": 0, "date": 1, "chat": {"id": 5, "type": "private"}},  # as recorded
        {"message_id": 0, "chat": {"id": 5}},  # without date or chat type
        {"message_id": 0},
    ],
)
def test_an_edit_answered_with_a_stub_is_plain_success(stub: dict[str, object]) -> None:
    payload = json.dumps({"ok": True, "result": stub}).encode()
    code, body = fix_response("editMessageText", 200, payload)
    assert code == 200 and ptb_reads(body)["result"] is True
    full = {"message_id": 3, "date": 1, "chat": {"id": 5, "type": "private"}, "text": "x"}
    untouched = json.dumps({"ok": True, "result": full}).encode()
    assert fix_response("editMessageText", 200, untouched)[1] == untouched


def test_bale_404_is_not_an_invalid_token_except_for_get_me() -> None:
    payload = json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}).encode()
    assert fix_response("sendMessage", 404, payload)[0] == 400
    assert fix_response("getMe", 404, payload)[0] == 404


def test_429_without_retry_after_gets_one() -> None:
    payload = json.dumps({"ok": False, "error_code": 429, "description": "Too Many"}).encode()
    code, body = fix_response("sendMessage", 429, payload)
    assert code == 429
    assert ptb_reads(body)["parameters"]["retry_after"] == DEFAULT_RETRY_AFTER


def ptb_reads(payload: bytes) -> Any:
    """What PTB makes of an answer: the transport's parse_json_payload."""
    return RepairingRequest.parse_json_payload(payload)


def test_answers_are_decoded_once_and_telegrams_not_at_all() -> None:
    sent = json.dumps({"ok": True, "result": {"message_id": 3, "date": 1}}).encode()
    for on_bale in (True, False):  # a sent message needs no repair on either platform
        _, body = fix_response("sendMessage", 200, sent, bale=on_bale)
        assert body is sent and not isinstance(body, Decoded)
    update = {"update_id": 1, "message": {"message_id": 2, "chat": {"id": 5}, "text": "x"}}
    polled = json.dumps({"ok": True, "result": [update]}).encode()
    _, telegram = fix_response("getUpdates", 200, polled, bale=False)
    assert telegram is polled  # Telegram's updates go to PTB as they came
    _, bale = fix_response("getUpdates", 200, polled, bale=True)
    assert isinstance(bale, Decoded)
    assert ptb_reads(bale) is bale.body  # PTB takes the repaired body, no second decoding
    assert bale.body["result"][0]["message"]["chat"]["type"] == "private"


PLAIN = [
    "سلام",
    "(مهم) شهرک [غرب] (تبریز)",  # plain parentheses and brackets are not markup
    "cluster_agent a*b 2*3 snake_case_name",  # marks inside words open nothing
    "قیمت ۱۰٪ * ۲",  # a lone mark with a space after it
    "C:\\temp\\file",  # a backslash is the member's own text
]
MARKUP = [
    "*بولد*", "_کج_", "[متن](https://ble.ir)", "`کد`", "سلام *علی* و _رضا_ (تست)",
    # a link inside brackets: the inner one neutralised must not leave the outer to form,
    # with a bold inside its text (a survey's "[kind] text" line around a typed link)
    "۲. [*کفش* [سایت](https://ble.ir) هست] *کفش*",
]  # fmt: skip


@pytest.mark.parametrize("escaping", list(BaleEscaping))
@pytest.mark.parametrize("text", PLAIN)
def test_text_that_forms_no_markup_is_sent_unchanged(text: str, escaping: BaleEscaping) -> None:
    assert escape_bale(text, escaping) == text


@pytest.mark.parametrize("text", MARKUP + PLAIN)
def test_the_invisible_escape_shows_exactly_the_text_on_bale(text: str) -> None:
    escaped = escape_bale(text)
    shown = render_bale(escaped)
    assert shown.markup == () and shown.text == text
    assert escape_bale(escaped) == escaped  # idempotent: escaped pieces can be joined


@pytest.mark.parametrize("text", MARKUP)
def test_without_escaping_bale_would_eat_the_marks(text: str) -> None:
    assert render_bale(text).markup != ()


@pytest.mark.parametrize("text", MARKUP)
def test_backslashes_show_unless_bale_removes_them(text: str) -> None:
    escaped = escape_bale(text, BaleEscaping.BACKSLASH)
    assert "\\" in render_bale(escaped).text  # today's Bale as far as we know: visible
    assert render_bale(escaped, removes_escapes=True).text == text


@pytest.mark.parametrize("text", MARKUP)
def test_lookalikes_stop_markup_without_backslashes(text: str) -> None:
    shown = render_bale(escape_bale(text, BaleEscaping.LOOKALIKE))
    assert shown.markup == () and "\\" not in shown.text
