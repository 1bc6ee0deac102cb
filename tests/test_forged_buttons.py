"""Forged button presses, generated from the catalogue of every button (bot/callbacks.py).

Callback data comes from the client, so anyone can press any data on any message. For every
declared button family, people who may not press it — a stranger, a member who does not own
the records, a cluster agent of another cluster — press it in their private chat and in the
staff group, on a real message with buttons and on one the platform cannot show. Nothing of
anyone else's may change, and nothing of the member's report, name or phone may be shown
to the presser or the group. A new button is in the catalogue or it cannot be routed (the
first test checks every registered pattern), so it cannot be left out of these presses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler

from bot import callbacks as cb
from bot.sandbox import BotMessage, SandboxChat, SandboxUser
from storage.needs import suggest
from storage.offerings import NewOffering, create_offering
from storage.outbox import Audience, NewBroadcast, create_broadcast
from tests.conftest import UNSEEN_MESSAGE, Khooshe, expect, register
from tests.test_reports import POWER_CUT, file_report

FILER = "پروانه کاوه‌زاده"
# Tables a press may change for the presser alone (their own form state and own rows).
OWN_ROW_COLUMNS = ("member_id", "user_id", "key")


def _callback_handlers(handlers: list[BaseHandler[Any, Any, Any]]) -> list[CallbackQueryHandler]:
    found: list[CallbackQueryHandler] = []
    for handler in handlers:
        if isinstance(handler, CallbackQueryHandler):
            found.append(handler)
        elif isinstance(handler, ConversationHandler):
            found += _callback_handlers(list(handler.entry_points))
            for step in handler.states.values():
                found += _callback_handlers(list(step))
            found += _callback_handlers(list(handler.fallbacks))
    return found


async def test_every_routed_button_is_in_the_catalogue(khooshe: Khooshe) -> None:
    """Every callback pattern the bot routes on comes from the catalogue, and every family in
    the catalogue is routed: the forged presses below then cover every button there is."""
    assert khooshe.runtime is not None
    (app,) = khooshe.runtime.apps.values()
    handlers = [h for group in app.handlers.values() for h in group]
    routed = _callback_handlers(handlers)
    catch_alls = [h for h in routed if h.pattern is None]
    assert len(catch_alls) == 1  # the "button expired" answer, last of all
    patterns = {h.pattern.pattern for h in routed if isinstance(h.pattern, re.Pattern)}
    declared = {f.pattern() for f in cb.families()}
    for pattern in patterns:
        parts = set(re.findall(r"\(\?:(\^.*?\$)\)", pattern)) or {pattern}
        assert parts <= declared, f"pattern {pattern!r} is not from bot/callbacks.py"
    covered = {p for pattern in patterns for p in re.findall(r"\^.*?\$", pattern)}
    assert declared <= covered, f"declared but never routed: {declared - covered}"


def test_the_codec_rejects_junk_and_checks_its_limits() -> None:
    assert cb.TRIAGE_TAKE.pack(12) == "t:take:12"
    assert cb.TRIAGE_TAKE.unpack("t:take:12") == (12,)
    assert cb.REPORT_RATE.unpack("r:rate:3:5") == (3, 5)
    for junk in ("t:take:" + "9" * 30, "t:take:-1", "t:take:۱۲", "t:take:", "t:take:1:2"):
        assert cb.TRIAGE_TAKE.unpack(junk) is None, junk
    assert cb.REPORT_RATE.unpack("r:rate:3:9") is None
    assert cb.family_of("f:fix") is cb.FORM_FIX
    assert cb.family_of("f:fix:name") is cb.FORM_FIX_FIELD
    assert cb.family_of("admin:delete_all") is None
    with pytest.raises(ValueError):
        cb.LIST_FILTER_SET.pack("cluster", "x" * 70)
    with pytest.raises(ValueError):
        cb.TRIAGE_SET_STATUS.pack(1, "closed:2")
    for family in cb.families():
        data = family.sample()
        assert len(data.encode()) <= cb.MAX_BYTES
        assert cb.family_of(data) is family and family.unpack(data) is not None
        assert re.fullmatch(family.pattern(), data)


# --- the presses -------------------------------------------------------------------------------


async def _world(khooshe: Khooshe) -> dict[str, Any]:
    """A staff group; a member of leather and shoes with a report (its card in the group), a
    training for their cluster, a topic they suggested and an announcement the admin
    scheduled; another member of the same cluster; an agent of furniture; a stranger."""
    group = khooshe.sandbox.group(token=khooshe.token)
    await khooshe.stop()
    await khooshe.start(**{f"{khooshe.platform.value}_staff_chat_id": group.id})
    admin, filer = khooshe.admin(), khooshe.member()
    await register(filer, name=FILER)
    await file_report(filer, POWER_CUT)
    card = await expect(group, "گزارش تازه")
    (agent,) = await khooshe.seed_members(1, cluster="furniture")
    (other,) = await khooshe.seed_members(1, cluster="leather_shoes")
    await admin.send_text(f"/grant {agent.id} cluster_agent furniture")
    await expect(admin, "")
    (row,) = await khooshe.rows("SELECT id, phone FROM members WHERE name = ?", FILER)
    soon = datetime.now(UTC) + timedelta(days=3)
    await create_offering(
        khooshe.db,
        NewOffering(
            kind="course",
            title="دوره آزمایشی",
            description="—",
            starts_at=soon,
            ends_at=None,
            place="تبریز",
            capacity=10,
            deadline=None,
            created_by="staff:test",
            dedupe_key="forged-offering",
            clusters={"leather_shoes": None},
        ),
        publish_at=datetime.now(UTC),
    )
    await suggest(khooshe.db, row["id"], "leather_shoes", "آموزش صادرات کفش", None)
    await create_broadcast(
        khooshe.db,
        NewBroadcast(
            created_by=f"staff:{khooshe.platform.value}:{admin.id}",
            owner_platform=khooshe.platform.value,
            owner_chat_id=admin.id,
            owner_lang="fa",
            body="اطلاعیه آزمایشی",
            audience=Audience(clusters=("leather_shoes",)),
            send_at=soon,
            dedupe_key="forged-broadcast",
        ),
    )
    return {
        "group": group,
        "card": card,
        "agent": agent,
        "other": other,
        "stranger": khooshe.member(),
        "filer": filer,
        "secrets": (POWER_CUT[:30], FILER, row["phone"], row["phone"].lstrip("+")),
    }


async def _own_member(khooshe: Khooshe, presser: SandboxUser) -> int | None:
    mine = await khooshe.rows(
        "SELECT member_id FROM member_addresses WHERE platform = ? AND user_id = ?",
        khooshe.platform.value,
        presser.id,
    )
    return mine[0]["member_id"] if mine else None


async def _snapshot(
    khooshe: Khooshe, presser: SandboxUser, own_member: int | None
) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, leaving out the presser's own (their form state, their rows; a
    member may delete their own account, even by a forged "yes": the rows are theirs)."""
    tables = await khooshe.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
    snapshot = {}
    for (name,) in (tuple(t.values()) for t in tables):
        rows = await khooshe.rows(f"SELECT * FROM {name}")
        kept = []
        for row in rows:
            if name == "members" and row["id"] == own_member:
                continue
            if row.get("member_id") is not None and row.get("member_id") == own_member:
                continue
            if name.startswith("ptb_") and str(presser.id) in str(
                row.get("key", row.get("user_id"))
            ):
                continue
            kept.append(tuple(row.values()))
        snapshot[name] = sorted(kept, key=repr)
    return snapshot


def _seen(chat: SandboxChat, since: int) -> str:
    """Everything shown in a chat since message `since`, and every edit of any message."""
    texts = [m.content or "" for m in chat.messages[since:]]
    texts += [m.content or "" for m in chat.messages if m.edits]
    return "\n".join(texts)


async def _fence(user: SandboxUser) -> None:
    """Updates from one user are handled in order: once /help is answered, every press before
    it has been handled (and whatever it sent has arrived)."""
    await user.send_command("help")
    await expect(user, "/")


async def _press_forged(
    presser: SandboxUser,
    data: str,
    places: Sequence[tuple[str, SandboxChat, int]],
    secrets: Sequence[str],
) -> int:
    """Press forged `data` at each (name, chat, message id): every press is answered, and no
    answer shows a secret. How many presses."""
    for where, chat, message_id in places:
        answer = await presser.press_forged(data, message_id, chat=chat)
        assert answer is not None, f"{data} in {where}: no answer"
        for secret in secrets:
            assert secret not in (answer.text or ""), f"{data} in {where} showed {secret!r}"
    return len(places)


@pytest.mark.parametrize("persona", ["stranger", "other", "agent"])
async def test_forged_presses_change_and_reveal_nothing(khooshe: Khooshe, persona: str) -> None:
    world = await _world(khooshe)
    presser: SandboxUser = world["stranger"] if persona == "stranger" else world[persona]
    group: SandboxChat = world["group"]
    card: BotMessage = world["card"]
    secrets: tuple[str, ...] = world["secrets"]
    own_member = await _own_member(khooshe, presser)
    await khooshe.outbox_idle()  # the setup's card and notices, sent before the presses
    await khooshe.flush()  # the setup's form states, written before, not during, the presses
    before = await _snapshot(khooshe, presser, own_member)
    group_seen, private_seen = len(group.messages), len(presser.chat.messages)
    card_text, card_buttons = card.content, card.button_texts
    places = (
        ("the group's card", group, card.message_id),
        ("the group", group, UNSEEN_MESSAGE),
        ("private", presser.chat, UNSEEN_MESSAGE),
    )
    pressed = 0
    for family in cb.families():
        pressed += await _press_forged(presser, family.sample(), places, secrets)
    await _fence(presser)
    await khooshe.outbox_idle()  # whatever the presses queued has gone out
    await khooshe.flush()  # whatever the presses changed in memory is written too
    assert pressed > 150
    after = await _snapshot(khooshe, presser, own_member)
    changed = {t for t in before if before[t] != after.get(t)}
    assert not changed, f"forged presses changed {changed}"
    assert card.content == card_text and card.button_texts == card_buttons
    assert not [m for m in group.messages if m.edits], "a group message was edited"
    if persona != "agent":
        # An agent may use the staff group's own buttons (a list of their clusters' reports);
        # nobody else gets anything there.
        assert len(group.messages) == group_seen, group.messages[group_seen:]
    for where, seen in (
        ("group", _seen(group, group_seen)),
        ("private", _seen(presser.chat, private_seen)),
    ):
        for secret in secrets:
            assert secret not in seen, f"{persona} was shown {secret!r} in the {where} chat"


async def test_member_buttons_work_only_in_private(khooshe: Khooshe) -> None:
    """Even the member's own buttons are refused in the group: a profile card there would
    show their phone number to everyone (the press reaches no handler)."""
    world = await _world(khooshe)
    group: SandboxChat = world["group"]
    member: SandboxUser = world["filer"]
    card: BotMessage = world["card"]
    answer = await member.press_forged(
        cb.PROFILE_ANNOUNCEMENTS.pack(), card.message_id, chat=group
    )
    assert answer is not None and answer.show_alert
    (row,) = await khooshe.rows("SELECT announcements FROM members WHERE name = ?", FILER)
    assert row["announcements"] == 1
    assert not card.edits and FILER not in (answer.text or "")


async def test_out_of_range_ids_are_stale_buttons_not_errors(khooshe: Khooshe) -> None:
    """A 30-digit id (too big for any id) gets the "button expired" answer, even from an
    admin who may press anything; nothing is raised, so no error alert reaches the admins."""
    admin = khooshe.admin()
    await _fence(admin)
    seen = len(admin.chat.messages)
    huge = "9" * 30
    pressed = 0
    for family in cb.families():
        if not any(isinstance(f, cb.Int) for f in family.fields):
            continue
        values = [huge if isinstance(f, cb.Int) else f.sample for f in family.fields]
        data = ":".join([family.prefix, *values])
        answer = await admin.press_forged(data, UNSEEN_MESSAGE)
        assert answer is not None and "فعال نیست" in (answer.text or ""), data
        pressed += 1
    await _fence(admin)
    assert pressed > 40
    assert [m.content for m in admin.chat.messages[seen:-1]] == []
