"""Advisory cores (issue 17): a member asks, advisers take, answer, hand over; scope holds."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot import callbacks as cb
from bot.sandbox import BotMessage, SandboxUser
from bot.services.consult import rank_cores, suggest_cores
from bot.services.reports import LazyLexicon
from bot.settings import Platform
from bot.text import persian_digits
from storage.cores import Core, grant_adviser, save_core
from tests.conftest import (
    UNSEEN_MESSAGE,
    Khooshe,
    describe,
    expect,
    register,
    send_and_track,
    settings_of,
    shown,
)
from tests.test_cores import FINANCE, MARKETING, TECHNOLOGY

AI_QUESTION = "می‌خواهیم برای کنترل کیفیت خط تولید از هوش مصنوعی و اتوماسیون استفاده کنیم"
MEMBER_NAME = "پروانه کاوه‌زاده"


async def _cores(khooshe: Khooshe) -> dict[str, Core]:
    """The three cores of the seed agreement, in /cores order."""
    return {
        "marketing": await save_core(khooshe.db, MARKETING, None),
        "technology": await save_core(khooshe.db, TECHNOLOGY, None),
        "finance": await save_core(khooshe.db, FINANCE, None),
    }


async def _adviser(khooshe: Khooshe, core: Core, name: str) -> SandboxUser:
    user = khooshe.member(first_name=name)
    await grant_adviser(khooshe.db, core.id, khooshe.platform.value, user.id, 1)
    return user


async def ask(user: SandboxUser, text: str) -> BotMessage:
    """Ask a question; return the core suggestion."""
    await describe(user, text, button="💡 درخواست مشاوره")
    await user.press("✅ تمام شد")
    return await expect(user, "هسته", wait=30)


async def ask_and_send(user: SandboxUser, text: str) -> str:
    """Ask, take the suggested core, send; return the tracking code as shown."""
    suggestion = await ask(user, text)
    await user.press_inline(suggestion, suggestion.button_texts[0])
    await expect(user, "ارسال شود")
    return await send_and_track(user, "✅ ارسال درخواست")


async def _world(khooshe: Khooshe) -> dict[str, Any]:
    cores = await _cores(khooshe)
    first = await _adviser(khooshe, cores["technology"], "مشاور یک")
    second = await _adviser(khooshe, cores["technology"], "مشاور دو")
    money = await _adviser(khooshe, cores["finance"], "مشاور مالی")
    member = khooshe.member()
    await register(member, name=MEMBER_NAME)
    await ask_and_send(member, AI_QUESTION)
    (row,) = await khooshe.rows("SELECT * FROM consultations")
    (phone,) = await khooshe.rows("SELECT phone FROM members WHERE name = ?", MEMBER_NAME)
    return {
        "cores": cores,
        "first": first,
        "second": second,
        "money": money,
        "member": member,
        "row": row,
        "phone": phone["phone"],
    }


async def answer_card(adviser: SandboxUser, card: BotMessage, text: str) -> None:
    """The adviser answers a request from its card (the first answer takes it) with `text`,
    which goes to the member."""
    await adviser.press_inline(card, "✍️ پاسخ")
    await expect(adviser, "پاسخ خود")
    await adviser.send_text(text)
    await expect(adviser, "فرستاده شد")


async def reply_to_adviser(
    member: SandboxUser, said: BotMessage, send: Callable[[], Awaitable[object]]
) -> None:
    """The member answers the adviser's message `said` with what `send` sends."""
    await member.press_inline(said, "✍️ پاسخ به مشاور")
    await expect(member, "پاسخ خود به مشاور")
    await send()
    await expect(member, "فرستاده شد")


async def test_a_member_asks_and_the_right_core_is_suggested(khooshe: Khooshe) -> None:
    cores = await _cores(khooshe)
    adviser = await _adviser(khooshe, cores["technology"], "مشاور")
    member = khooshe.member()
    await register(member, name=MEMBER_NAME)
    suggestion = await ask(member, AI_QUESTION)
    assert "«هسته فناوری و هوش مصنوعی»" in shown(suggestion)
    assert "«هوش مصنوعی»" in shown(suggestion)  # the member's own words, quoted back
    await member.press_inline(suggestion, suggestion.button_texts[0])
    confirm = await expect(member, "ارسال شود")
    assert AI_QUESTION in shown(confirm)
    await member.press("✅ ارسال درخواست")
    filed = await expect(member, "کد پیگیری")
    (row,) = await khooshe.rows("SELECT * FROM consultations")
    assert row["core_id"] == row["suggested_core"] == cores["technology"].id
    assert row["question"] == AI_QUESTION and row["status"] == "new" and len(row["code"]) == 7
    assert row["code"] in shown(filed).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    events = await khooshe.rows("SELECT kind FROM consultation_events")
    assert [e["kind"] for e in events] == ["asked"]
    # The adviser gets the card: the member's name, cluster and unit — not their phone.
    card = await expect(adviser, "درخواست مشاوره")
    (phone,) = await khooshe.rows("SELECT phone FROM members WHERE name = ?", MEMBER_NAME)
    assert MEMBER_NAME in shown(card) and "چرم و کفش" in shown(card) and "کفش آذر" in shown(card)
    assert phone["phone"][-7:] not in shown(card).replace("۰", "0")
    assert card.button_texts == [
        "🙋 برمی‌دارم",
        "✍️ پاسخ",
        "📅 پیشنهاد وقت",
        "✅ پایان",
        "↪️ به هسته دیگر",
        "📝 تبدیل به گزارش",
    ]

    # Another core, picked by the member over the suggestion.
    suggestion = await ask(member, "برای صادرات کفش به عراق و برندسازی کمک می‌خواهم")
    assert "«هسته مشاوره بازاریابی و صادرات»" in shown(suggestion)
    await member.press_inline(suggestion, "📋 هسته‌های دیگر")
    every = await expect(member, "انتخاب کنید")
    await member.press_inline(every, FINANCE.name)
    await expect(member, "ارسال شود")
    await member.press("✅ ارسال درخواست")
    await expect(member, "کد پیگیری")
    last = (await khooshe.rows("SELECT * FROM consultations ORDER BY id"))[-1]
    assert last["core_id"] == cores["finance"].id
    assert last["suggested_core"] == cores["marketing"].id


async def test_a_question_without_cores_or_words(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)
    await member.press("💡 درخواست مشاوره")
    await expect(member, "هنوز هسته")
    cores = await _cores(khooshe)
    adviser = await _adviser(khooshe, cores["technology"], "مشاور")
    await member.press("💡 درخواست مشاوره")
    await expect(member, "با کلمات خودتان")
    # Some Bale clients send a voice note as ogg/opus audio (docs/bale.md): a voice note still.
    khooshe.sandbox.voice_as_audio = khooshe.platform is Platform.BALE
    sent = await member.send_voice()
    assert ("audio" in sent) is khooshe.sandbox.voice_as_audio
    await expect(member, "دریافت شد")
    answer = await member.press("✅ تمام شد")
    assert answer is not None and "چند کلمه" in (answer.text or "")
    await member.send_text("سلام، یک سؤال کلی درباره کارگاه دارم")
    await expect(member, "دریافت شد")
    await member.press("✅ تمام شد")
    await expect(member, "نزدیک‌تر است", wait=30)  # nothing matched: every core to choose from
    await member.send_text("کدام؟")
    await expect(member, "دکمه")
    await member.press(TECHNOLOGY.name)
    await expect(member, "ارسال شود")
    await member.press("✅ ارسال درخواست")
    await expect(member, "کد پیگیری")
    (row,) = await khooshe.rows("SELECT * FROM consultations")
    files = await khooshe.rows("SELECT kind FROM consultation_attachments")
    assert row["suggested_core"] is None and [f["kind"] for f in files] == ["voice"]
    # The adviser gets the voice note from the card's «📎» button.
    card = await expect(adviser, "درخواست مشاوره")
    await adviser.press_inline(card, "📎 پیوست‌ها (۱)")
    voice = await expect(adviser, "پیوست ۱ از ۱")
    assert voice.voice is not None
    # Asking again lists the member's requests first.
    await member.press("💡 درخواست مشاوره")
    mine = await expect(member, "درخواست‌های مشاوره اخیر شما")
    assert "هسته فناوری" in shown(mine) and "تازه" in shown(mine)


async def test_two_advisers_race_to_take_one_request(khooshe: Khooshe) -> None:
    world = await _world(khooshe)
    first, second = world["first"], world["second"]
    cards = [await expect(first, "درخواست مشاوره"), await expect(second, "درخواست مشاوره")]
    answers = await asyncio.gather(
        first.press_inline(cards[0], "🙋 برمی‌دارم"),
        second.press_inline(cards[1], "🙋 برمی‌دارم"),
    )
    texts = sorted(a.text or "" for a in answers if a is not None)
    assert len(texts) == 2
    assert sum("برداشتید" in t for t in texts) == 1
    assert sum("مشاور دیگری" in t for t in texts) == 1
    winner = first if "برداشتید" in (answers[0].text if answers[0] else "") else second
    (row,) = await khooshe.rows("SELECT owner, status FROM consultations")
    assert row == {"owner": f"staff:{khooshe.platform.value}:{winner.id}", "status": "taken"}
    taken = await khooshe.rows("SELECT actor FROM consultation_events WHERE kind = 'taken'")
    assert len(taken) == 1
    await expect(world["member"], "برداشت")
    # The loser cannot answer it either.
    loser = second if winner is first else first
    answer = await loser.press_inline(cards[1 if loser is second else 0], "✍️ پاسخ")
    assert answer is not None and "مشاور دیگری" in (answer.text or "")


async def test_an_adviser_answers_and_the_member_answers_back(khooshe: Khooshe) -> None:
    world = await _world(khooshe)
    adviser, member = world["first"], world["member"]
    card = await expect(adviser, "درخواست مشاوره")
    await adviser.press_inline(card, "✍️ پاسخ")  # answering takes it
    await expect(adviser, "با # شروع")
    await adviser.send_text("# باید نمونه داده‌هایشان را ببینم")
    await expect(adviser, "یادداشت")
    await answer_card(adviser, card, "چند عکس از خط تولید و نمونه‌های معیوب بفرستید؟")
    said = await expect(member, "پاسخ مشاور")
    assert "چند عکس از خط تولید" in shown(said) and "نمونه داده" not in shown(said)
    await reply_to_adviser(member, said, lambda: member.send_photo(caption="این یکی از نمونه‌هاست"))
    back = await expect(adviser, "پاسخ عضو")
    assert "این یکی از نمونه‌هاست" in shown(back)
    (row,) = await khooshe.rows("SELECT owner, status, first_answer_at FROM consultations")
    assert row["owner"] == f"staff:{khooshe.platform.value}:{adviser.id}"
    assert row["status"] == "answered" and row["first_answer_at"] is not None
    # The phone only when the member chooses to give it, for a call.
    digits = world["phone"][-7:]
    assert not any(digits in _ascii(m.content or "") for m in adviser.messages)
    await member.press_inline(said, "📞 شماره‌ام را به مشاور بدهید")
    await expect(member, "به مشاور داده شد")
    call = await expect(adviser, "برای تماس")
    assert digits in _ascii(shown(call))
    kinds = await khooshe.rows("SELECT kind FROM consultation_events ORDER BY id")
    assert [k["kind"] for k in kinds] == [
        "asked", "taken", "note", "reply", "member", "phone_shared"
    ]  # fmt: skip


async def test_an_adviser_hands_a_request_to_another_core(khooshe: Khooshe) -> None:
    world = await _world(khooshe)
    adviser, money, member = world["first"], world["money"], world["member"]
    card = await expect(adviser, "درخواست مشاوره")
    await adviser.press_inline(card, "↪️ به هسته دیگر")
    choices = await expect(adviser, "کدام هسته")
    await adviser.press_inline(choices, FINANCE.name)
    await expect(adviser, "سپرده شد")
    await expect(money, "درخواست مشاوره")
    await expect(member, "سپرده شد")
    (row,) = await khooshe.rows("SELECT core_id, owner, status FROM consultations")
    assert row == {"core_id": world["cores"]["finance"].id, "owner": None, "status": "new"}
    # The first core's adviser no longer advises on it.
    answer = await adviser.press_inline(card, "🙋 برمی‌دارم")
    assert answer is not None and "مشاورش نیستید" in (answer.text or "")


async def test_an_adviser_of_another_core_cannot_see_or_act(khooshe: Khooshe) -> None:
    """Forged presses of every adviser button, by an adviser of another core and by a member,
    change nothing and show nothing of the request."""
    world = await _world(khooshe)
    row, money, member = world["row"], world["money"], world["member"]
    before = await khooshe.rows("SELECT * FROM consultations")
    events = await khooshe.rows("SELECT * FROM consultation_events")
    secrets = (AI_QUESTION[:20], MEMBER_NAME, world["phone"][-7:])
    families = [f for f in cb.families() if f.who is cb.Who.ADVISER or f.prefix.startswith("cm:")]
    for presser in (money, member, khooshe.member()):
        seen = len(presser.chat.messages)
        for family in families:
            values = [row["id"] if f is cb.ID else f.sample for f in family.fields]
            if family is cb.ADVISE_HAND_TO:
                values = [row["id"], world["cores"]["finance"].id]
            answer = await presser.press_forged(family.pack(*values))
            assert answer is not None, family.prefix
            for secret in secrets:
                assert secret not in (answer.text or "")
        await presser.send_command("help")
        await expect(presser, "/")
        for message in presser.chat.messages[seen:]:
            for secret in secrets:
                assert secret not in (message.content or "")
    assert await khooshe.rows("SELECT * FROM consultations") == before
    assert await khooshe.rows("SELECT * FROM consultation_events") == events


async def test_a_core_group_gets_the_card_and_only_advisers_act_there(khooshe: Khooshe) -> None:
    group = khooshe.sandbox.group(token=khooshe.token, title="هسته فناوری")
    cores = await _cores(khooshe)
    await khooshe.write(
        "UPDATE cores SET group_platform = ?, group_chat_id = ? WHERE id = ?",
        khooshe.platform.value,
        group.id,
        cores["technology"].id,
    )
    adviser = await _adviser(khooshe, cores["technology"], "مشاور")
    bystander = khooshe.member(first_name="رهگذر")
    member = khooshe.member()
    await register(member, name=MEMBER_NAME)
    await ask_and_send(member, AI_QUESTION)
    card = await expect(group, "درخواست مشاوره")
    answer = await bystander.press_inline(card, "🙋 برمی‌دارم")
    assert answer is not None and "فقط برای کارشناسان" in (answer.text or "")
    answer = await adviser.press_inline(card, "🙋 برمی‌دارم")
    assert answer is not None and "برداشتید" in (answer.text or "")
    await expect(group, "برداشت")
    assert (
        await khooshe.value("SELECT owner FROM consultations")
        == f"staff:{khooshe.platform.value}:{adviser.id}"
    )


@pytest.mark.parametrize(
    ("question", "core"),
    [
        (AI_QUESTION, "technology"),
        ("نرم افزار حسابداری و اتوماسیون انبار می‌خواهیم", "technology"),
        ("برای گرفتن وام سرمایه در گردش از بانک راهنمایی می‌خواهم", "finance"),
        ("vam banki mikhaym baraye sarmaye dar gardesh", "finance"),
        ("چطور محصولاتمان را به بازار روسیه صادر کنیم", "marketing"),
        ("برای برندسازی و فروش اینترنتی مبل‌هایمان مشاوره می‌خواهیم", "marketing"),
    ],
)
async def test_core_suggestions(question: str, core: str) -> None:
    """The categoriser's reading of members' words, mapped to cores' topics."""
    cores = [
        Core(i, f.name, f.description, tuple(f.categories), tuple(f.keywords), None, None, True)
        for i, f in enumerate((MARKETING, TECHNOLOGY, FINANCE), start=1)
    ]
    lexicon = LazyLexicon(settings_of().lexicon_file)
    best = (await suggest_cores(lexicon, cores, question))[0]
    assert (
        best.core.name
        == {"marketing": MARKETING, "technology": TECHNOLOGY, "finance": FINANCE}[core].name
    )
    assert best.score > 0


def test_keywords_count_at_word_starts() -> None:
    core = Core(1, "ب", "", (), ("برند",), None, None, True)
    other = Core(2, "ف", "", ("technology",), (), None, None, True)
    ranked = rank_cores([other, core], {"technology": 1.0}, {"technology": ("x",)}, "برندسازی")
    assert ranked[0].core is core and ranked[0].words == ("برند",)
    ranked = rank_cores([other, core], {"technology": 1.0}, {}, "ابربرند")
    assert ranked[0].core is other


async def test_a_request_turns_into_a_report_and_back_with_its_history(
    khooshe: Khooshe,
) -> None:
    world = await _world(khooshe)
    adviser, money, member = world["first"], world["money"], world["member"]
    card = await expect(adviser, "درخواست مشاوره")
    await answer_card(adviser, card, "این مشکل برق شهرک است، نه مشاوره")
    await adviser.press_inline(card, "📝 تبدیل به گزارش")
    confirm = await expect(adviser, "شرکت شهرک")
    await adviser.press_inline(confirm, "✅ بله، گزارش شود")
    told = await expect(member, "کد پیگیری گزارش")
    (request,) = await khooshe.rows("SELECT id, status, report_id, code FROM consultations")
    assert request["status"] == "to_report" and request["report_id"] is not None
    (report,) = await khooshe.rows("SELECT * FROM reports")
    assert report["id"] == request["report_id"] and report["description"] == AI_QUESTION
    assert report["member_id"] == world["row"]["member_id"] and report["category"] == "technology"
    assert report["code"] in _ascii(shown(told))
    kinds = [
        (e["kind"], e["text"])
        for e in await khooshe.rows("SELECT kind, text FROM report_events ORDER BY id")
    ]
    assert kinds[0] == ("filed", None)
    assert ("consultation", "asked") in kinds and ("consultation", "taken") in kinds
    assert ("reply", "این مشکل برق شهرک است، نه مشاوره") in kinds
    assert kinds[-1] == ("from_consultation", request["code"])
    # The member sees the adviser's answer in the report's history.
    await member.send_text(f"/track {report['code']}")
    details = await expect(member, "برق شهرک است")
    assert "نه مشاوره" in shown(details)
    # A second confirm (a double tap) files nothing more.
    answer = await adviser.press_forged(
        cb.ADVISE_TO_REPORT_YES.pack(request["id"]), UNSEEN_MESSAGE
    )
    assert answer is not None and "قبلاً گزارش شده" in (answer.text or "")
    assert len(await khooshe.rows("SELECT id FROM reports")) == 1

    # And back: staff hand the report to the finance core, history and all.
    admin = khooshe.admin()
    await admin.send_text(f"/to_consultation {report['code']} ۹")
    await expect(admin, "روش استفاده")
    finance = world["cores"]["finance"].id
    await admin.send_text(f"/to_consultation {report['code']} {finance}")
    await expect(admin, "سابقه")
    back = (await khooshe.rows("SELECT * FROM consultations ORDER BY id"))[-1]
    assert back["from_report_id"] == report["id"] and back["core_id"] == finance
    events = await khooshe.rows(
        "SELECT kind, text FROM consultation_events WHERE consultation_id = ? ORDER BY id",
        back["id"],
    )
    back_kinds = [e["kind"] for e in events]
    # In time order (the first request's steps and the report's), then this request.
    assert back_kinds[-1] == "asked"
    assert "report_filed" in back_kinds and "report_reply" in back_kinds
    assert back_kinds.count("report_consultation") >= 2
    (closed,) = await khooshe.rows("SELECT status FROM reports")
    assert closed["status"] == "closed"
    await expect(money, "درخواست مشاوره")
    await expect(member, "سپرده شد")
    # A cluster agent of another cluster may not.
    (agent,) = await khooshe.seed_members(1, cluster="furniture")
    await admin.send_text(f"/grant {agent.id} cluster_agent furniture")
    await expect(admin, "داده شد")
    await agent.send_text(f"/to_consultation {report['code']} {finance}")
    await expect(agent, "فقط برای کارشناسان")
    assert len(await khooshe.rows("SELECT id FROM consultations")) == 2


def _ascii(text: str) -> str:
    return text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


async def test_an_answer_asked_for_and_cancelled_sends_nothing(khooshe: Khooshe) -> None:
    """«✍️ پاسخ» then ❌ instead of the answer: the member hears nothing and the form is closed
    (the next text is not an answer); the request stays taken (pressing «✍️ پاسخ» took it)."""
    world = await _world(khooshe)
    adviser, member = world["first"], world["member"]
    card = await expect(adviser, "درخواست مشاوره")
    await adviser.press_inline(card, "✍️ پاسخ")
    asked = await expect(adviser, "با # شروع")
    await adviser.press_inline(asked, "❌ انصراف")
    await expect(adviser, "چیزی فرستاده نشد")
    await adviser.send_text("این متن پاسخ نیست")
    await adviser.settle()
    kinds = await khooshe.rows("SELECT kind FROM consultation_events ORDER BY id")
    assert [k["kind"] for k in kinds] == ["asked", "taken"]
    assert [m for m in await member.settle() if "پاسخ مشاور" in shown(m)] == []


async def test_a_member_tracks_a_request_by_its_code_and_nobody_else_can(
    khooshe: Khooshe,
) -> None:
    """The acknowledgement calls the request's code a tracking code: /track takes it too."""
    world = await _world(khooshe)
    member, code = world["member"], world["row"]["code"]
    await member.send_text(f"/track {persian_digits(code)}")
    found = await expect(member, "درخواست مشاوره شما")
    assert persian_digits(code) in shown(found)
    assert "تازه" in shown(found) and "هوش مصنوعی" in shown(found)
    # Another member gets the same answer as for a code nobody has: nothing leaks.
    other = khooshe.member()
    await register(other, name="رضا موسوی")
    await other.send_text(f"/track {code}")
    refused = await expect(other, "ندارد")
    assert "هوش مصنوعی" not in shown(refused)
    await other.send_text("/track 9999999")
    nobody = await expect(other, "ندارد")
    assert shown(nobody).replace(persian_digits("9999999"), "") == shown(refused).replace(
        persian_digits(code), ""
    )
