"""Relays as long as a message between a member and an adviser (issue 11, point 5, as for
reports in tests/test_notices.py): the adviser's answer and the member's answer back reach
the other side whole, in parts that each fit once the template (and, on Bale, the escaping)
is added; no send fails."""

from __future__ import annotations

from bot.sandbox import BotMessage, SandboxUser
from bot.text import MESSAGE_MAX, utf16_len
from tests.conftest import Khooshe, expect
from tests.test_consult import _world, answer_card, reply_to_adviser
from tests.test_notices import _body, _long_text


async def _parts(user: SandboxUser, fragment: str, text: str) -> list[BotMessage]:
    """The messages carrying `text`, in order, once they add up to all of it."""
    parts = [await expect(user, fragment)]
    while len(" ".join(_body(p) for p in parts)) < len(text):
        parts.append(await expect(user, fragment))
    return parts


async def test_long_answers_between_adviser_and_member_arrive_whole(khooshe: Khooshe) -> None:
    world = await _world(khooshe)
    adviser, member = world["first"], world["member"]
    card = await expect(adviser, "درخواست مشاوره")
    text = _long_text()
    await answer_card(adviser, card, text)
    parts = await _parts(member, "پاسخ مشاور", text)
    assert len(parts) >= 2 and " ".join(_body(p) for p in parts) == text
    assert parts[-1].button("✍️ پاسخ به مشاور") is not None  # the buttons under the last part
    await reply_to_adviser(member, parts[-1], lambda: member.send_text(text))
    back = await _parts(adviser, "پاسخ عضو", text)
    assert len(back) >= 2 and " ".join(_body(p) for p in back) == text
    calls = khooshe.sandbox.calls_to("sendMessage")
    assert [c for c in calls if c.error_code is not None] == []
    assert all(utf16_len(c.params["text"]) <= MESSAGE_MAX for c in calls)  # as sent
