"""Forged presses of every declared button carrying the ids of real records (issue 11, point 1).

tests/test_forged_buttons.py presses every family with sample ids; here each family carries
the id of a real record of its kind — a member's report, request for advice, survey answer,
supported and commented proposal, meeting, training, topic, announcement, text left at the
menu — and is pressed by those who may not act on it: a stranger, a member of another
cluster, a cluster agent of another cluster, an adviser of another core, and the member
themselves in a group (their own buttons work only in their private chat). Each presses in
their private chat, in the staff group and in the advisory core's group, on the real card
there and on a message the platform cannot show. Nothing of anyone else's may change, and
neither the member's words, name nor phone may be shown to the presser or to either group.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot import callbacks as cb
from bot.sandbox import BotMessage, SandboxChat, SandboxUser
from storage.cores import grant_adviser
from storage.needs import suggest
from storage.offerings import NewOffering, create_offering
from storage.outbox import Audience, NewBroadcast, create_broadcast
from storage.proposals import (
    put_on_agenda,
)
from tests.conftest import (
    ADMIN_ID,
    UNSEEN_MESSAGE,
    Khooshe,
    expect,
    register,
    shown,
    table_of,
)
from tests.test_consult import AI_QUESTION, _cores, ask_and_send
from tests.test_forged_buttons import _fence, _own_member, _press_forged, _seen, _snapshot
from tests.test_issue18_forged import (
    SECRET_ANSWER,
    SECRET_COMMENT,
    answered_survey,
    supported_proposal,
)
from tests.test_reports import POWER_CUT, file_report

FILER = "پروانه کاوه‌زاده"
LOOSE = "انبار ما دیروز آب گرفت و نیمی از چرم‌ها خراب شد"

# Which record a family's "id" names, by its prefix.
ID_OF = {
    "t": "report", "r": "report", "l": "report", "cm": "consultation", "ca": "consultation",
    "sv": "survey", "svs": "survey", "pp": "proposal", "pps": "proposal", "mt": "meeting",
    "of": "offering", "ofs": "offering", "nd": "topic", "nds": "topic", "bc": "broadcast",
    "co": "core", "sl": "core", "lt": "loose",
}  # fmt: skip


async def _world(khooshe: Khooshe) -> dict[str, Any]:
    """A staff group and the technology core's group; a member of leather and shoes with a
    report and a request for advice (their cards in both groups), a survey answer, a
    supported proposal with a comment on a meeting's agenda, a topic, a training, an
    announcement and a text left at the menu; and the people who may not touch them."""
    # Over a thousand presses each: more than the tests' flood guard lets through at once.
    group = await khooshe.with_staff_group(flood_burst=10_000)
    cores = await _cores(khooshe)
    core_group = khooshe.sandbox.group(token=khooshe.token, title="هسته فناوری")
    await khooshe.write(
        "UPDATE cores SET group_platform = ?, group_chat_id = ? WHERE id = ?",
        khooshe.platform.value,
        core_group.id,
        cores["technology"].id,
    )
    filer = khooshe.member()
    await register(filer, name=FILER)
    code = await file_report(filer, POWER_CUT)
    card = await expect(group, "گزارش تازه")
    await ask_and_send(filer, AI_QUESTION)
    consult_card = await expect(core_group, "درخواست مشاوره")
    await filer.send_text(LOOSE)
    offer = await expect(filer, LOOSE)
    loose = cb.LOOSE_TEXT_REPORT.first_int(offer.inline_buttons[0][0]["callback_data"])
    (member,) = await khooshe.rows("SELECT id, phone, company FROM members WHERE name = ?", FILER)
    (report,) = await khooshe.rows("SELECT id FROM reports")
    (consultation,) = await khooshe.rows("SELECT id FROM consultations")
    ids = await _records(khooshe, member["id"])
    (other,) = await khooshe.seed_members(1, cluster="auto_parts")
    (agent,) = await khooshe.seed_members(1, cluster="furniture")
    admin = khooshe.admin()
    await admin.send_text(f"/grant {agent.id} cluster_agent furniture")
    await expect(admin, "")
    (adviser,) = await khooshe.seed_members(1, cluster="auto_parts")
    await grant_adviser(khooshe.db, cores["finance"].id, khooshe.platform.value, adviser.id, 1)
    ids.update(
        report=report["id"],
        consultation=consultation["id"],
        loose=loose or 1,
        member=member["id"],
        core=cores["technology"].id,
    )
    return {
        "group": group,
        "core_group": core_group,
        "card": card,
        "consult_card": consult_card,
        "code": code,
        "ids": ids,
        "pressers": {
            "stranger": khooshe.member(),
            "other": other,
            "agent": agent,
            "adviser": adviser,
            "filer": filer,
        },
        "secrets": (
            POWER_CUT[:30], AI_QUESTION[:30], LOOSE[:30], SECRET_ANSWER, SECRET_COMMENT, FILER,
            member["company"], member["phone"], member["phone"].lstrip("+"),
            member["phone"][-10:],
        ),
    }  # fmt: skip


async def _records(khooshe: Khooshe, member_id: int) -> dict[str, int]:
    """The survey (answered by the member), the proposal (supported and commented on, on a
    meeting's agenda), the meeting, a training, a topic and an announcement."""
    now = datetime.now(UTC)
    survey = await answered_survey(khooshe, member_id, ("leather_shoes",), "forged-survey")
    offering = {}
    for kind in ("meeting", "course"):
        made, _ = await create_offering(
            khooshe.db,
            NewOffering(
                kind=kind, title="جلسه مشترک" if kind == "meeting" else "دوره آزمایشی",
                description="—", starts_at=now + timedelta(days=3), ends_at=None,
                place="تبریز", capacity=None if kind == "meeting" else 10, deadline=None,
                created_by="staff:test", dedupe_key=f"forged-{kind}",
                clusters={} if kind == "meeting" else {"leather_shoes": None},
            ),
            publish_at=now,
        )  # fmt: skip
        offering[kind] = made.id
    proposal = await supported_proposal(khooshe, member_id)
    await put_on_agenda(khooshe.db, proposal, offering["meeting"], "staff:test")
    topic, _ = await suggest(khooshe.db, member_id, "leather_shoes", "آموزش صادرات کفش", None)
    broadcast, _ = await create_broadcast(
        khooshe.db,
        NewBroadcast(
            created_by=f"staff:{khooshe.platform.value}:{ADMIN_ID}",
            owner_platform=khooshe.platform.value, owner_chat_id=ADMIN_ID, owner_lang="fa",
            body="اطلاعیه آزمایشی", audience=Audience(clusters=("leather_shoes",)),
            send_at=now + timedelta(days=3), dedupe_key="forged-broadcast",
        ),
    )  # fmt: skip
    return {
        "survey": survey.id,
        "question": survey.questions[1].id,
        "proposal": proposal,
        "meeting": offering["meeting"],
        "offering": offering["course"],
        "topic": topic,
        "broadcast": broadcast.id,
    }


async def _delivered(khooshe: Khooshe) -> None:
    """Until every notice queued so far is sent and recorded as done."""
    await khooshe.outbox_idle()
    sql = "SELECT COUNT(*) AS n FROM broadcasts WHERE kind = 'notice' AND status = 'sending'"
    for _ in range(200):
        if not (await khooshe.rows(sql))[0]["n"]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("a notice was never marked done")


def _files(chat: SandboxChat, since: int) -> str:
    """The text of every file sent since message `since`: a spreadsheet's cells, any other
    file's bytes as far as they read as text (an export must not carry the member either)."""
    texts = []
    for message in chat.messages[since:]:
        document = message.document
        if document is None:
            continue
        if (document.file_name or "").endswith(".xlsx"):
            texts += [str(cell) for row in table_of(message) for cell in row if cell is not None]
        else:
            texts.append(document.data.decode("utf-8", "replace"))
    return "\n".join(texts)


def _data(family: cb.Button, ids: dict[str, int], code: str) -> str:
    """The family's data naming the real records (a stale sample where there is none)."""
    values: list[int | str] = []
    for field in family.fields:
        if isinstance(field, cb.Int):
            name = ID_OF.get(family.prefix.split(":")[0]) if field.name == "id" else field.name
            values.append(ids.get(name or "", field.sample))
        elif isinstance(field, cb.Choice):
            values.append(field.values[0])
        elif field.name == "code":
            values.append("".join(str("۰۱۲۳۴۵۶۷۸۹".find(c)) for c in code))
        else:
            values.append({"cluster": "leather_shoes"}.get(field.name, field.sample))
    return family.pack(*values)


# Where each presses: their private chat, the staff group (on the report's card and on a message
# it cannot show) and the core's group (on the request's card and on a hidden message).
CHATS = ("private", "group-card", "group", "core-card", "core")


@pytest.mark.parametrize("persona", ["stranger", "other", "agent", "adviser", "filer"])
async def test_forged_presses_with_real_ids_change_and_reveal_nothing(
    khooshe: Khooshe, persona: str
) -> None:
    world = await _world(khooshe)
    presser: SandboxUser = world["pressers"][persona]
    group: SandboxChat = world["group"]
    core_group: SandboxChat = world["core_group"]
    card: BotMessage = world["card"]
    consult_card: BotMessage = world["consult_card"]
    secrets: tuple[str, ...] = world["secrets"]
    # The member's own rows count too: in a group, even their own buttons may change nothing.
    own = None if persona == "filer" else await _own_member(khooshe, presser)
    places = {
        "private": (presser.chat, UNSEEN_MESSAGE),
        "group-card": (group, card.message_id),
        "group": (group, UNSEEN_MESSAGE),
        "core-card": (core_group, consult_card.message_id),
        "core": (core_group, UNSEEN_MESSAGE),
    }
    chats = [c for c in CHATS if not (persona == "filer" and c == "private")]
    await _fence(presser)
    await _delivered(khooshe)  # the cards' notices done, not finishing during the presses
    await khooshe.flush()
    before = await _snapshot(khooshe, presser, own)
    seen = {chat.id: len(chat.messages) for chat in (group, core_group, presser.chat)}
    shown_before = (shown(card), card.button_texts, shown(consult_card))
    pressed = 0
    pressing = [(where, *places[where]) for where in chats]
    for family in cb.families():
        data = _data(family, world["ids"], world["code"])
        pressed += await _press_forged(presser, data, pressing, secrets)
    await _fence(presser)
    await presser.settle()
    await khooshe.flush()
    assert pressed >= 4 * len(cb.families())
    after = await _snapshot(khooshe, presser, own)
    changed = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
    assert not changed, f"{persona}'s forged presses changed {sorted(changed)}: {changed}"
    assert (shown(card), card.button_texts, shown(consult_card)) == shown_before
    for chat in (group, core_group):
        assert not [m for m in chat.messages if m.edits], f"a message in {chat.title} was edited"
    if persona != "agent":  # an agent may list their own clusters' reports in the staff group
        assert len(group.messages) == seen[group.id], shown(group.messages[-1])
    assert len(core_group.messages) == seen[core_group.id], shown(core_group.messages[-1])
    for chat in (group, core_group, presser.chat):
        text = _seen(chat, seen[chat.id]) + _files(chat, seen[chat.id])
        for secret in secrets:
            if chat is presser.chat and persona == "filer":
                continue  # their own words, in their own chat
            assert secret not in text, f"{persona} got {secret!r} shown in {chat.type}"
