"""Members file problem reports: describe, categorise, join similar ones, track them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.sandbox import BotMessage, SandboxUser
from bot.sandbox.flavours import BALE_ERRORS
from bot.services.reports import is_greeting, proposed_summary
from tests.conftest import (
    Khooshe,
    describe,
    expect,
    register,
    send_and_track,
    shown,
    to_summary,
    urgency,
    urgency_and_title,
    walk_to,
)

POWER_CUT = "برق شهرک از دیروز سه بار قطع شده و دستگاه‌های تزریق پلاستیک ما خوابیده"
POWER_CUT_TOO = "قطع برق شهرک از دیروز دستگاه‌های تزریق ما را خوابانده، سه بار برق رفت"
LOAN_REFUSED = "بانک ملی وام رونق تولید رو به ما نمیده، میگه سهمیه تموم شده"
LOAN_REFUSED_TOO = "سهمیه وام رونق تولید بانک ملی تموم شده و به واحد ما وام نمیدن"


async def reach_card(
    user: SandboxUser,
    text: str,
    *,
    urgent: bool = False,
    more: Sequence[str] = (),
    title: str | None = None,
    wait: float = 5.0,
) -> BotMessage:
    """Describe a problem, take the suggested category; return the card before sending.

    `more` are further messages of the description, as a long paste arrives.
    """
    await describe(user, text, *more, wait=wait)
    return await to_summary(user, urgent=urgent, title=title)


async def file_report(
    user: SandboxUser, text: str, *, urgent: bool = False, more: Sequence[str] = ()
) -> str:
    """File a report with the suggested category; return the tracking code as shown."""
    await reach_card(user, text, urgent=urgent, more=more)
    code = await send_and_track(user)
    await user.settle()
    return code


async def reach_similar(user: SandboxUser, text: str) -> BotMessage:
    """Describe a problem and take the suggested category; return the "me too" offer."""
    await describe(user, text)
    await user.press("✅ تمام شد")
    question = await expect(user, "به نظر می‌رسد")
    await user.press_inline(question, question.button_texts[0])
    return await expect(user, "واحدهای دیگر")


async def test_a_member_files_a_report_and_gets_a_code(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    ack = await describe(user, "برق شهرک از دیروز سه بار قطع شده")
    assert "۱ پیام" in shown(ack)
    await user.send_photo(caption="تابلوی برق سوخته")
    await expect(user, "۱ فایل")
    await user.press("✅ تمام شد")
    question = await expect(user, "به نظر می‌رسد")
    assert "برق و انرژی" in shown(question)
    assert question.button_texts[0] == "✅ برق و انرژی"
    assert "سایر" in question.button_texts
    await user.press("✅ برق و انرژی")
    card = await urgency_and_title(user, urgent=True, title="قطعی مکرر برق")
    assert "قطعی مکرر برق" in shown(card) and "فوری" in shown(card)
    await user.press("✅ ثبت گزارش")
    filed = await expect(user, "کد پیگیری")
    (report,) = await khooshe.rows("SELECT * FROM reports")
    code = report["code"]
    assert len(code) == 6 and code.isdigit()
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert persian in shown(filed)
    assert report["category"] == report["suggested"] == "electricity"
    assert report["urgent"] == 1 and report["summary"] == "قطعی مکرر برق"
    assert "سه بار قطع" in report["description"]
    assert "تابلوی برق سوخته" in report["description"]
    assert report["cluster_code"] == "leather_shoes" and report["status"] == "new"
    (attachment,) = await khooshe.rows("SELECT kind, platform FROM report_attachments")
    assert attachment == {"kind": "photo", "platform": khooshe.platform.value}
    events = await khooshe.rows("SELECT kind, to_status FROM report_events")
    assert events == [{"kind": "filed", "to_status": "new"}]


async def test_the_summary_card_goes_back_to_fix_category_urgency_and_title(
    khooshe: Khooshe,
) -> None:
    user = khooshe.member()
    await register(user)
    loan = "وام سرمایه در گردش از بانک هنوز پرداخت نشده و چک‌ها برگشت می‌خورد"
    card = await reach_card(user, loan, title="وام")
    await user.press_inline(card, "✏️ اصلاح")
    again = await expect(user, "به نظر می‌رسد")  # the category again, the text kept
    stale = await user.press_forged("r:ok", card.message_id)  # the old card sends nothing
    assert stale is not None and "دیگر فعال نیست" in (stale.text or "")
    assert await khooshe.rows("SELECT id FROM reports") == []
    await user.press_inline(again, "📋 همه دسته‌ها")
    every = await expect(user, "دسته")
    await user.press_inline(every, "مالیات و بیمه")
    card = await urgency_and_title(user, urgent=True, title="برگشت چک و وام معوق")
    assert "مالیات و بیمه" in shown(card) and "برگشت چک و وام معوق" in shown(card)
    await user.press_inline(card, "✅ ثبت گزارش")
    await expect(user, "کد پیگیری")
    (report,) = await khooshe.rows("SELECT category, urgent, summary, description FROM reports")
    assert report["description"].startswith("وام سرمایه در گردش")
    assert (report["category"], report["urgent"], report["summary"]) == (
        "tax_insurance", 1, "برگشت چک و وام معوق",
    )  # fmt: skip


async def test_similar_reports_are_offered_without_their_author(khooshe: Khooshe) -> None:
    first, second = khooshe.member(), khooshe.member()
    await register(first, name="فاطمه کریمی")
    await register(second, name="رضا موسوی")
    await file_report(first, POWER_CUT)

    offer = await reach_similar(second, POWER_CUT_TOO)
    assert "فاطمه" not in shown(offer) and "کریمی" not in shown(offer)
    (filed,) = await khooshe.rows("SELECT id, summary FROM reports")
    assert filed["summary"][:20] in shown(offer)

    # a forged "me too" for a report that was not offered is refused
    answer = await second.press_forged("r:same:999", offer.message_id)
    assert answer is not None and "فعال نیست" in (answer.text or "")

    await second.press("🙋 مشکل من همین است (۱)")
    joined = await expect(second, "پیوستید")
    assert "از این پس" in shown(joined)
    assert len(await khooshe.rows("SELECT id FROM reports")) == 1
    rows = await khooshe.rows("SELECT report_id FROM report_coreporters")
    assert rows == [{"report_id": filed["id"]}]

    await second.press("📋 گزارش‌های من")
    listing = await expect(second, "گزارش‌های شما")
    assert "(۱)" in shown(listing)


async def test_an_estates_own_problem_is_offered_only_within_the_estate(khooshe: Khooshe) -> None:
    """A power cut in another estate is another problem, however alike the words; a bank's
    refusal is the same wherever the unit is, but not another bank's."""
    west, salimi = khooshe.member(), khooshe.member()
    await register(west, name="فاطمه کریمی")
    await walk_to(salimi, "done", name="رضا موسوی", estate="شهرک صنعتی شهید سلیمی")
    await file_report(west, POWER_CUT)
    await describe(salimi, POWER_CUT_TOO)
    await salimi.press("✅ تمام شد")
    question = await expect(salimi, "به نظر می‌رسد")
    assert "برق" in question.button_texts[0]
    await salimi.press_inline(question, question.button_texts[0])
    asked = await expect(salimi, "فوری")  # straight on: no "me too" from the other estate
    assert "واحدهای دیگر" not in shown(asked)
    await salimi.press("❌ انصراف")
    await expect(salimi, "لغو")

    await file_report(west, LOAN_REFUSED)
    await describe(salimi, LOAN_REFUSED_TOO.replace("ملی", "سپه"))
    await salimi.press("✅ تمام شد")
    question = await expect(salimi, "به نظر می‌رسد")
    await salimi.press_inline(question, question.button_texts[0])
    asked = await expect(salimi, "فوری")  # Bank Sepah's quota is not Bank Melli's
    assert "واحدهای دیگر" not in shown(asked)
    await salimi.press("❌ انصراف")
    await expect(salimi, "لغو")
    offer = await reach_similar(salimi, LOAN_REFUSED_TOO)
    (loan,) = await khooshe.rows("SELECT summary FROM reports WHERE category = 'finance'")
    assert loan["summary"][:20] in shown(offer)


async def test_tracking_codes_never_reveal_another_members_report(khooshe: Khooshe) -> None:
    owner, stranger = khooshe.member(), khooshe.member()
    await register(owner)
    await register(stranger, name="رضا موسوی")
    code = await file_report(owner, POWER_CUT)
    ascii_code = code.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))

    await stranger.send_text(f"/track {code}")
    (reply,) = await stranger.settle()
    assert "ندارد" in shown(reply) and "برق" not in shown(reply)
    await stranger.send_text("/track 000000")
    (unknown,) = await stranger.settle()
    assert shown(unknown).replace("۰۰۰۰۰۰", code) == shown(reply)  # the same answer

    await owner.send_text(f"/track {ascii_code}")  # ASCII digits work as well
    (details,) = await owner.settle()
    assert "ثبت‌شده" in shown(details) and "برق" in shown(details)
    await owner.send_command("track")
    (usage,) = await owner.settle()
    assert "/track" in shown(usage)
    # the command as our message shows it, direction mark and all, copied and pasted back
    example = next(line for line in shown(usage).splitlines() if "/track" in line)
    pasted = example[example.index("\u200e/track") :].replace("۱۲۳۴۵۶", code)
    await owner.send_text(pasted)
    (again,) = await owner.settle()
    assert "برق" in shown(again) and shown(again) == shown(details)


async def test_bad_input_while_describing(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.press("📝 ثبت مشکل")
    await user.settle()
    forwarded = {"id": 1, "first_name": "x", "is_bot": False}
    for send, expected in [
        (user.send_sticker, "این نوع پیام"),
        (lambda: user.send_text("😡😡😡"), "چند کلمه"),
        (lambda: user.send_text("برق نداریم", forward_from=forwarded), "هدایت"),
        (lambda: user.send_location(38.07, 46.29), "این نوع پیام"),
    ]:
        await send()
        (hint,) = await user.settle()
        assert expected in shown(hint), shown(hint)
    # none of them went into the draft
    answer = await user.press("✅ تمام شد")
    assert answer is not None and "اول مشکل" in (answer.text or "")
    for _ in range(3):  # a long paste arrives as several 4096-character messages
        await user.send_text("آب " * 1300)
        (ack,) = await user.settle()
        assert "دریافت شد" in shown(ack)
    await user.send_text("آب " * 1300)
    (too_long,) = await user.settle()
    assert "ذخیره نشد" in shown(too_long)
    await user.press("❌ انصراف")
    await user.settle()
    assert not await khooshe.rows("SELECT id FROM reports")


async def test_cancelling_on_the_card_says_so_once(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    card = await reach_card(user, POWER_CUT)
    await user.press_inline(card, "❌ انصراف")
    await expect(user, "گزارش لغو شد")
    await user.settle()
    said = [m for m in user.messages if "لغو شد" in (m.text or "")]
    assert len(said) == 1, [m.text for m in said]
    # the card keeps what was pressed, without its buttons
    assert card.text == "✔️ انصراف" and card.inline_buttons == []
    assert not await khooshe.rows("SELECT id FROM reports")


async def test_double_tap_on_send_files_one_report(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    card = await reach_card(user, POWER_CUT)
    await asyncio.gather(
        user.press_inline(card, "✅ ثبت گزارش"), user.press_forged("r:ok", card.message_id)
    )
    await user.settle()
    assert len(await khooshe.rows("SELECT id FROM reports")) == 1


async def test_a_draft_survives_a_detour_and_a_restart(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await describe(user, POWER_CUT)
    await user.press("👤 پروفایل من")  # a detour to the menu
    await expect(user, "پروفایل شما")
    await khooshe.stop()
    await khooshe.start()
    await user.press("📝 ثبت مشکل")
    await expect(user, "محفوظ است")
    await user.press("✅ تمام شد")
    await expect(user, "به نظر می‌رسد")


async def test_new_reports_reach_the_staff_group_and_the_clusters_agents(
    khooshe: Khooshe,
) -> None:
    group = await khooshe.with_staff_group()
    agent, other_agent = await khooshe.agents(
        ("عامل چرم", "leather_shoes"), ("عامل مبلمان", "furniture")
    )
    member = khooshe.member()
    await register(member)
    code = await file_report(member, POWER_CUT, urgent=True)

    (card,) = await group.settle()
    assert code in shown(card) and "چرم و کفش" in shown(card) and "فوری" in shown(card)
    assert "مریم رضایی — کفش آذر" in shown(card)  # staff follow up with the unit
    assert "۰۹۱۲" not in shown(card)  # but the phone stays out of the group
    (private,) = await agent.settle()
    assert code in shown(private)
    assert await other_agent.settle() == []


async def test_a_voice_note_sent_as_audio_is_a_voice_note(khooshe: Khooshe) -> None:
    """Some Bale clients send voice notes as ogg/opus audio (docs/bale.md); music is still
    not an attachment."""
    user = khooshe.member()
    await register(user)
    await user.press("📝 ثبت مشکل")
    await expect(user, "با کلمات خودتان")
    await user.send_audio()  # an mp3: not a voice note
    await expect(user, "نمی‌توانیم")
    khooshe.sandbox.voice_as_audio = True
    sent = await user.send_voice()
    assert "audio" in sent and "voice" not in sent
    await expect(user, "۱ فایل")
    await user.send_text(POWER_CUT)
    await expect(user, "دریافت شد")
    await to_summary(user)
    await user.press("✅ ثبت گزارش")
    await expect(user, "کد پیگیری")
    (attachment,) = await khooshe.rows("SELECT kind FROM report_attachments")
    assert attachment["kind"] == "voice"


async def test_a_report_filed_through_bales_own_answers(khooshe: Khooshe) -> None:
    """Bale's answers during the report form (docs/bale.md): a reply refused with 400 "bot
    limit exceed" (no retry_after) is waited out and sent; every button answer refused (old
    clients) and every edit answered with a stub stop nothing."""
    user = khooshe.member()
    await register(user)
    sandbox = khooshe.sandbox
    code, limit = BALE_ERRORS["bot_limit"]
    limited = sandbox.inject("sendMessage", error=code, description=limit, chat_id=user.id)
    code, old = BALE_ERRORS["old_query"]
    refused = sandbox.inject("answerCallbackQuery", error=code, description=old, times=100)
    await user.press("📝 ثبت مشکل")
    await expect(user, "با کلمات خودتان", wait=30)  # after the limit's wait
    assert limited.hits == 1
    await user.send_text(POWER_CUT)
    await expect(user, "دریافت شد")
    await to_summary(user)
    await user.press("✅ ثبت گزارش")
    filed = await expect(user, "کد پیگیری")
    (row,) = await khooshe.rows("SELECT code, category FROM reports")
    assert row["code"] in shown(filed).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    assert row["category"] == "electricity" and refused.hits >= 1


@pytest.mark.parametrize(
    ("description", "title"),
    [
        ("سلام برق شهرک مدام قطع میشه", "برق شهرک مدام قطع میشه"),
        ("سلام، وقت بخیر. گاز واحد ما قطع است", "گاز واحد ما قطع است"),
        ("درود خسته نباشید آب شهرک قطعه", "آب شهرک قطعه"),
        ("سلام", "سلام"),  # nothing else to offer: the member writes a title
    ],
)
def test_the_offered_title_leaves_the_greeting_out(description: str, title: str) -> None:
    assert proposed_summary({"parts": [description], "attachments": []}) == title


@pytest.mark.parametrize(
    ("text", "greeting"),
    [
        ("سلام", True),
        ("سلام وقت بخیر", True),
        ("درود، خسته نباشید!", True),
        ("salam", True),
        ("slm", True),
        ("salam khoobin?", True),
        ("سلام. ممنون از پیگیری", True),
        ("تشکر از زحماتتون", True),
        ("سالام، ساغ اولاسیز", True),
        ("منو", True),
        ("سلام، گاز واحد ما از دیروز قطع است", False),
        ("ایشیق گئدیر", False),
        ("ممنون ولی هنوز گاز وصل نشده", False),
        ("salam bargh nadarim", False),
    ],
)
def test_a_greeting_alone_is_told_from_a_problem(text: str, greeting: bool) -> None:
    assert is_greeting(text) is greeting


async def test_a_voice_note_alone_is_a_report(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.press("📝 ثبت مشکل")
    await expect(user, "تمام شد")
    await user.send_voice(b"OggS the manager explains")
    await expect(user, "۱ فایل")
    await user.press("✅ تمام شد")
    # nothing written: the member chooses the category, then the title asks for a few words
    question = await expect(user, "پیام شما رسید")
    await user.press_inline(question, "برق و انرژی")
    await urgency(user, urgent=True)
    ask = await expect(user, "در چند کلمه")
    assert ask.button_texts == []
    await user.send_text("؟")  # no words: asked again
    await expect(user, "چند کلمه")
    await user.send_text("قطع برق شهرک")
    card = await expect(user, "گزارش شما")
    assert "قطع برق شهرک" in shown(card)
    code = await send_and_track(user)
    (row,) = await khooshe.rows("SELECT id, summary, description, urgent FROM reports")
    assert row["summary"] == "قطع برق شهرک" and row["description"] == "" and row["urgent"] == 1
    (kind,) = await khooshe.rows("SELECT kind FROM report_attachments")
    assert kind["kind"] == "voice"
    # urgency shows in "my reports" and /track
    await user.press("📋 گزارش‌های من")
    listing = await expect(user, code)
    assert "🔴 فوری" in shown(listing)
    await user.send_text(f"/track {code}")
    details = await expect(user, "سابقه")
    assert "🔴 فوری" in shown(details)


async def test_one_suggested_category_offers_no_empty_row(
    khooshe: Khooshe, caplog: pytest.LogCaptureFixture
) -> None:
    user = khooshe.member()
    await register(user)
    await describe(user, "گاز واحد ما قطع است")  # one category with a sign: «برق و انرژی»
    await user.press("✅ تمام شد")
    question = await expect(user, "به نظر می‌رسد", wait=30)
    rows = question.inline_buttons
    assert [len(row) for row in rows] == [1, 2], rows  # the guess; «سایر» and «همه دسته‌ها»
    calls = khooshe.sandbox.calls_to("sendMessage")
    sent = next(c.params["reply_markup"] for c in calls if "به نظر" in str(c.params["text"]))
    assert all(sent["inline_keyboard"]), sent  # as sent, not only as shown
    assert "empty keyboard row" not in caplog.text  # built without one, not mended on the way
    await user.press_inline(question, "✅ برق و انرژی")
    await urgency(user)
