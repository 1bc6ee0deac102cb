"""A member who reads Azerbaijani (Tabriz Turkish, Persian script) uses the whole bot in it,
on both sandbox flavours: registers, reports, follows the report, signs up for a training,
gets an announcement, a reminder and the weekly digest. Staff keep Persian throughout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.sandbox import SandboxUser
from bot.services.digest.week import reported_week
from bot.text import persian_digits
from storage.offerings import sign_up
from tests.conftest import (
    Khooshe,
    add_details,
    describe,
    edit_profile,
    expect,
    register,
    reply_on_card,
    shown,
    tap,
    urgency_and_title,
)
from tests.test_broadcasts import NEWS, compose, preview
from tests.test_digest import _digests, _next_saturday
from tests.test_offerings import TITLE, offer, statuses

AZ = "آذربایجان تورکجه‌سی"
# A problem as Tabriz members write it: Azerbaijani with the Persian words for the things.
PROBLEM = "برق شهرک اوچ گوندور کسیلیر، دستگاه‌لار ایشله‌میر و تولید دایانیب"


async def register_in_azerbaijani(user: SandboxUser) -> None:
    """/start, the Azerbaijani button under the welcome, then every answer."""
    await user.send_command("start")
    welcome = await expect(user, "خوش آمدید")
    assert welcome.button_texts == ["فارسی", AZ, "English"]  # Persian first
    await user.press_inline(welcome, AZ)
    await expect(user, "آدینیزی و فامیلینیزی یازین")
    assert "خوش گلمیسینیز" in shown(user.chat.message(welcome.message_id))
    await user.send_text("مریم رضایی")
    await expect(user, "نه‌دیر؟")
    await user.send_text("کفش آذر")
    await expect(user, "هانسی خوشه‌نین")
    await user.press("چرم و کفش")  # places keep their Persian names
    await expect(user, "هانسی صنعتی شهرکده")
    await user.press("شهرک صنعتی غرب تبریز")
    await expect(user, "نومره‌نیزی گوندرین")
    await user.press("📱 نومره‌می گوندر")
    await expect(user, "نقشینیز نه‌دیر")
    await user.press("صاحب / مدیرعامل")
    summary = await expect(user, "مشخصاتی یوخلایین")
    assert f"🌐 دیل: {AZ}" in shown(summary)
    await user.press("✅ تأیید و ثبت ائله")
    await expect(user, "ثبت‌نامینیز اولدو")
    await user.settle()


async def test_a_member_does_everything_in_azerbaijani(khooshe: Khooshe) -> None:
    member, admin = khooshe.member(), khooshe.admin()
    await register_in_azerbaijani(member)
    assert await khooshe.value("SELECT language FROM members") == "az"
    keyboard = [[b["text"] for b in r] for r in member.reply_keyboard or []]
    assert ["📝 مشکل ثبت ائله", "📋 منیم گزارشلریم"] in keyboard

    # A report, in the member's own words.
    ack = await describe(member, PROBLEM, button="📝 مشکل ثبت ائله", lang="az")
    assert "۱ پیام" in shown(ack)
    await member.press("✅ قورتاردی")
    question = await expect(member, "سئچین", wait=30)
    await member.press_inline(question, question.button_texts[0])
    await urgency_and_title(member, lang="az")
    await member.press("✅ گزارشی ثبت ائله")
    filed = await expect(member, "پیگیری کودو")
    (report,) = await khooshe.rows("SELECT code, description FROM reports")
    code = persian_digits(report["code"])
    assert f"پیگیری کودو: {code}" in shown(filed) and "\u200e/track" in shown(filed)
    assert report["description"] == PROBLEM  # what they typed, untouched

    # Staff (Persian) take it and reply; the member reads both in Azerbaijani.
    card = await expect(admin, "گزارش تازه")  # no staff group: the card comes privately
    await admin.press_inline(card, "🙋 برمی‌دارم")
    told = await expect(member, "وضعیتی")
    (titled,) = await khooshe.rows("SELECT summary FROM reports")
    assert shown(told) == (
        f"{code} گزارشینین («{titled['summary']}») وضعیتی «بررسی اولونور» اولدو."
    )
    await reply_on_card(admin, card, "سلام، همکار ما فردا سر می‌زند.")
    await expect(admin, "پاسخ ثبت شد")
    reply = await expect(member, "کارشناسین")
    assert shown(reply) == f"💬 کارشناسین {code} گزارشینه جوابی:\nسلام، همکار ما فردا سر می‌زند."

    # Following the report: the list, its history, a follow-up.
    await member.press("📋 منیم گزارشلریم")
    listing = await expect(member, "گزارشلرینیز (")
    assert "بررسی اولونور" in shown(listing)
    await member.press_inline(listing, listing.button_texts[0])
    details = await expect(member, "گئچمیشی")
    assert "کارشناسین جوابی: سلام" in shown(details)
    await add_details(member, details, lang="az")
    await member.send_text("بو گون ده ایکی ساعات ایشیق یوخودو")
    await expect(member, "آرتیریلدی")
    events = await khooshe.rows("SELECT kind, text FROM report_events WHERE kind='follow_up'")
    assert [e["text"] for e in events] == ["بو گون ده ایکی ساعات ایشیق یوخودو"]

    # A training next week: the announcement, the card and the sign-up.
    week = reported_week(_next_saturday(), khooshe.settings().tz)
    course = await offer(khooshe, starts_at=week.end + timedelta(days=2), capacity=3)
    announced = await expect(member, "تزه آموزش / رویداد")
    await member.press_inline(announced, "📄 آرتیق بیلگی و آد یازدیرماق")
    card_text = shown(await expect(member, "آد یازدیرماغین سون واختی"))
    assert TITLE in card_text and "۳ بوش یئر" in card_text and "آموزش دوره‌سی" in card_text
    assert "، ساعت " in card_text  # the Jalali date and time, Persian digits
    asked = await tap(member, "✍️ آد یازدیر")
    assert "آدینیزی یازدیریرسینیز؟" in shown(asked)
    done = await tap(member, "✅ بلی، آدیمی یاز")
    assert "آدینیز یازیلدی" in shown(done) and "۲ بوش یئر" in shown(done)
    assert await statuses(khooshe, course) == [(member.id, "confirmed")]

    # An announcement: staff's words as written, the button under it in Azerbaijani.
    await compose(admin)
    await preview(admin)
    await admin.press("📤 ارسال الان")
    await expect(admin, "گزارش ارسال")
    news = await expect(member, "جلسه مشترک")
    assert shown(news) == NEWS
    assert news.button_texts == ["🔕 داها اطلاعیه ایسته‌میرم"]

    # The weekly digest.
    assert await _digests(khooshe).run(_next_saturday()) == {"members": True, "staff": True}
    digest = shown(await expect(member, "هفته‌نین خلاصه‌سی", wait=10))
    assert f"• {code} گزارشی" in digest and "وضعیت: بررسی اولونور" in digest
    assert "کارشناسدان بیر جواب" in digest
    assert "چرم و کفش خوشه‌سی بو هفته: ۱ تزه گزارش ثبت اولدو." in digest
    assert "گلن هفته‌نین آموزشلری" in digest and TITLE in digest and "۲ بوش یئر" in digest
    # Staff read theirs in Persian.
    assert "گزارش‌های تازه: ۱" in shown(await expect(admin, "گزارش هفتگی کارشناسان", wait=10))


async def test_one_announcement_and_one_reminder_each_in_its_readers_language(
    khooshe: Khooshe,
) -> None:
    await khooshe.stop()
    await khooshe.start(offering_reminder_seconds=(2,))
    tabriz, tehran, visitor = await khooshe.seed_members(3)
    for user, language in ((tabriz, "az"), (visitor, "en")):
        await khooshe.write("UPDATE members SET language = ? WHERE user_id = ?", language, user.id)
    admin = khooshe.admin()
    await compose(admin)
    await preview(admin)
    await admin.press("📤 ارسال الان")
    news = {user.id: await expect(user, "جلسه مشترک") for user in (tabriz, tehran, visitor)}
    assert {shown(message) for message in news.values()} == {NEWS}  # written once, as written
    assert {user_id: message.button_texts for user_id, message in news.items()} == {
        tabriz.id: ["🔕 داها اطلاعیه ایسته‌میرم"],
        tehran.id: ["🔕 دیگر اطلاعیه نمی‌خواهم"],
        visitor.id: ["🔕 No more announcements"],
    }
    answer = await tabriz.press_inline(news[tabriz.id], "🔕 داها اطلاعیه ایسته‌میرم")
    assert answer is not None and "داها سیزه اطلاعیه گوندریلمه‌یه‌جک" in (answer.text or "")

    soon = await offer(khooshe, starts_at=datetime.now(UTC) + timedelta(seconds=5))
    for user in (tabriz, tehran):
        (row,) = await khooshe.rows("SELECT id FROM members WHERE user_id = ?", user.id)
        outcome = await sign_up(khooshe.db, soon.id, row["id"], "leather_shoes", datetime.now(UTC))
        assert outcome.status == "confirmed"
    reminder = await expect(tabriz, f"یادینیزا سالیریق: «{TITLE}»", wait=8)
    assert "سیزی گوزله‌ییریک" in shown(reminder)
    assert reminder.button_texts == ["📄 آرتیق بیلگی و آد یازدیرماق"]
    await expect(tehran, f"یادآوری: «{TITLE}»", wait=8)


async def test_a_persian_member_switches_to_azerbaijani_in_the_profile(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    (question,) = await edit_profile(user, "زبان")
    assert question.button_texts == ["فارسی", AZ, "English"]
    await user.press(AZ)
    saved, card = await user.settle()
    assert saved.text == "✅ ساخلاندی."
    assert f"🌐 دیل: {AZ}" in shown(card) and "🧩 خوشه: چرم و کفش" in shown(card)
    keyboard = [[b["text"] for b in r] for r in user.reply_keyboard or []]
    assert ["👤 منیم پروفایلیم", "❓ کومک"] in keyboard
    await user.press("❓ کومک")
    (help_text,) = await user.settle()
    assert "\u200e/track ۴۸۲۱۰۷" in shown(help_text) and "گزارشلرینیزین وضعیتی" in shown(help_text)
    assert await khooshe.value("SELECT language FROM members") == "az"


async def test_a_registration_left_half_way_keeps_speaking_azerbaijani(khooshe: Khooshe) -> None:
    """The language pressed under the welcome lives in the draft: the timeout, a restart and
    the resumed form speak it; a forged language is refused."""
    await khooshe.stop()
    await khooshe.start(form_timeout_seconds=1)
    user = khooshe.member()
    await user.send_command("start")
    welcome = await expect(user, "خوش آمدید")
    forged = await user.press_forged("f:wl:de", welcome.message_id)
    assert forged is not None and forged.show_alert  # not a language we have
    await user.press_inline(welcome, AZ)
    await expect(user, "آدینیزی و فامیلینیزی یازین")
    await user.send_text("رضا قلی‌زاده")
    await expect(user, "نه‌دیر؟")
    await expect(user, "جوابلارینیز ساخلاندی", wait=30)  # the timeout, in Azerbaijani
    await khooshe.stop()
    await khooshe.start()
    await user.send_command("start")
    await expect(user, "قالدیغی یئردن داوام ائدیریک")
    await expect(user, "نه‌دیر؟")
