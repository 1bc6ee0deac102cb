"""Needs assessment: members suggest topics (similar ones grouped) and vote; staff rank them
overall and per cluster and turn one into an offering."""

from __future__ import annotations

import pytest

from bot.sandbox import SandboxUser
from bot.services import categorize
from tests.conftest import UNSEEN_MESSAGE, Khooshe, expect, shown, tap, workday
from tests.test_offerings import MENU, to_deadline, to_preview

EXPORT = "آموزش صادرات به عراق"


@pytest.fixture(autouse=True, scope="module")
def similarity_loaded() -> None:
    """Load hazm's lemmatizer before the flow, as tests/conftest.py does for the normaliser:
    a worker's first similarity would otherwise spend seconds loading it mid-conversation."""
    categorize.warm_up()


async def suggest(member: SandboxUser, topic: str) -> str:
    await member.send_text(MENU)
    await expect(member, "در پیش نیست")
    await member.press("💡 پیشنهاد موضوع آموزشی")
    await expect(member, "به چه آموزشی نیاز دارید")
    await member.send_text(topic)
    # Generous: similarity runs in a worker thread, which a loaded test machine may starve.
    return shown(await expect(member, "پیشنهاد شما ثبت شد", wait=15))


async def test_suggest_group_vote_rank_and_make_an_offering(khooshe: Khooshe) -> None:
    first, second = await khooshe.seed_members(2, "leather_shoes")
    (third,) = await khooshe.seed_members(1, "furniture")
    said = await suggest(first, EXPORT)
    assert "رأی دهند" in said
    said = await suggest(second, "دوره صادرات محصولات به کشور عراق")
    assert f"«{EXPORT}»" in said and "۲ رأی" in said  # grouped with the first
    said = await suggest(third, "بازاریابی دیجیتال در اینستاگرام")
    assert "رأی دهند" in said
    topics = await khooshe.rows("SELECT id, title FROM topics ORDER BY id")
    assert [t["title"] for t in topics] == [EXPORT, "بازاریابی دیجیتال در اینستاگرام"]
    assert len(await khooshe.rows("SELECT * FROM topic_suggestions")) == 3

    # the furniture member votes for the export topic, takes it back, votes again
    await third.press("🗳 موضوع‌های پیشنهادی")
    listed = await third.chat.next_edit()
    assert "۱. " + EXPORT in shown(listed) and "۲ رأی" in shown(listed)
    voted = await tap(third, "▫️ " + EXPORT)
    assert "۳ رأی" in shown(voted) and "👍 " + EXPORT in voted.button_texts
    unvoted = await tap(third, "👍 " + EXPORT)
    assert "۲ رأی" in shown(unvoted)
    await tap(third, "▫️ " + EXPORT)
    votes = await khooshe.rows("SELECT cluster_code FROM topic_votes WHERE topic_id = 1")
    assert sorted(v["cluster_code"] for v in votes) == [
        "furniture",
        "leather_shoes",
        "leather_shoes",
    ]

    # an agent sees only their clusters' votes; a member cannot use the staff button
    agent = await khooshe.agent("furniture")
    await agent.send_command("needs")
    ranked_message = await expect(agent, "پرطرفدارترین")
    ranked = shown(ranked_message)
    assert f"{EXPORT} — ۱ رأی" in ranked and "چرم و کفش" not in ranked
    # the export topic is leather and shoes' too: making it an offering (which closes it for
    # them) is not a furniture agent's call, with the button or forged
    (offer_button,) = ranked_message.button_texts
    assert "بازاریابی" in offer_button
    answer = await agent.press_forged("nds:o:1", UNSEEN_MESSAGE)
    assert answer is not None and "کارشناسان ستاد" in (answer.text or "")
    (topic,) = await khooshe.rows("SELECT status FROM topics WHERE id = 1")
    assert topic["status"] == "open"
    assert "چه نوعی است" not in (agent.chat.messages[-1].content or "")
    answer = await first.press_forged("nds:o:1")
    assert answer is not None and "فقط برای کارشناسان" in (answer.text or "")

    admin = khooshe.admin()
    await admin.send_command("needs")
    ranked_message = await expect(admin, "پرطرفدارترین")
    ranked = shown(ranked_message)
    assert ranked.index(EXPORT) < ranked.index("بازاریابی")
    assert f"۱. {EXPORT} — ۳ رأی" in ranked
    assert "🧩 مبلمان و صنایع چوب:" in ranked and "🧩 چرم و کفش:" in ranked
    await admin.press(f"🎓 دوره برای «{EXPORT}»")
    await expect(admin, "چه نوعی است")
    await admin.press("کارگاه آموزشی")
    await expect(admin, "توضیح کوتاهی")  # the title came from the topic
    await admin.press("صرف‌نظر »")
    # a start on a day off would ask for a confirm
    await to_deadline(admin, workday(2), "اتاق بازرگانی", "۳۰")
    await to_preview(admin)
    await admin.press("📤 انتشار الان")
    await expect(admin, "منتشر شد")
    await expect(first, EXPORT)  # announced
    (offering,) = await khooshe.rows("SELECT id, title, kind FROM offerings")
    assert (offering["title"], offering["kind"]) == (EXPORT, "workshop")
    (topic,) = await khooshe.rows("SELECT status, offering_id FROM topics WHERE id = 1")
    assert topic == {"status": "offered", "offering_id": offering["id"]}
    # an offered topic takes no more votes (pressed on the list that carries the button: the
    # offering's announcement may have reached this member since, as their last message)
    answer = await third.press_forged("nd:v:1", listed.message_id)
    assert answer is not None and "دیگر باز نیست" in (answer.text or "")


async def test_bidi_controls_never_reach_other_members(khooshe: Khooshe) -> None:
    """A suggestion is sanitised like names and reports: U+202E, U+200F, U+2066… would turn
    the line around for every member who reads the list, and for offering titles."""
    (member,) = await khooshe.seed_members(1)
    typed = "\u202eآموزش\u200f صادرات\u2066 به\u2069 عراق\u202c"
    await suggest(member, typed)
    (row,) = await khooshe.rows("SELECT title FROM topics")
    (suggestion,) = await khooshe.rows("SELECT text FROM topic_suggestions")
    assert row["title"] == suggestion["text"] == EXPORT
