"""Broadcasts: compose, target, preview, send or schedule; delivery through the outbox."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import jdatetime

from bot.i18n import TEHRAN as TEHRAN_ZONE
from bot.i18n import format_date
from bot.sandbox import BotMessage, SandboxUser
from storage.outbox import NewBroadcast, Template
from tests.conftest import (
    ADMIN_ID,
    UNSEEN_MESSAGE,
    Khooshe,
    announcement,
    expect,
    register,
    sheet_of,
    shown,
    tap,
    workday,
)
from tests.test_reports import POWER_CUT, file_report

NEWS = "جلسه مشترک خوشه چرم و کفش: شنبه ساعت ۱۰ در اتاق بازرگانی. (حضور مدیران الزامی است)"


async def compose(staff: SandboxUser, text: str = NEWS) -> BotMessage:
    """/broadcast and the message: returns the audience card."""
    await staff.send_command("broadcast")
    await expect(staff, "متن اطلاعیه")
    await staff.send_text(text)
    return await expect(staff, "برای چه کسانی")


async def preview(staff: SandboxUser) -> BotMessage:
    """Continue from the audience card; returns the preview card (after the preview)."""
    await staff.press("ادامه »")
    return await expect(staff, "دقیقاً همین‌طور")


async def test_staff_send_to_one_cluster_and_get_a_report(khooshe: Khooshe) -> None:
    leather = await khooshe.seed_members(2, "leather_shoes")
    (furniture,) = await khooshe.seed_members(1, "furniture")
    admin = khooshe.admin()
    card = await compose(admin)
    assert "تعداد گیرندگان: ۳ نفر" in shown(card)
    await tap(admin, "🧩 خوشه‌ها")
    await tap(admin, "▫️ چرم و کفش")
    card = await tap(admin, "✔️ تأیید انتخاب")
    assert "تعداد گیرندگان: ۲ نفر" in shown(card) and "چرم و کفش" in shown(card)

    await admin.press("ادامه »")
    shown_preview = await expect(admin, "جلسه مشترک")
    assert shown(shown_preview) == NEWS
    card = await expect(admin, "دقیقاً همین‌طور")
    await admin.press("📤 ارسال الان")
    report = await expect(admin, "گزارش ارسال")
    # the card pressed now says what happened, without its buttons
    card = admin.chat.message(card.message_id)
    assert "در حال ارسال به ۲ نفر" in shown(card) and card.button_texts == []
    assert "رسیده: ۲" in shown(report) and "ناموفق: ۰" in shown(report)
    assert report.button_texts == []  # nobody to list

    for member in leather:
        got = await expect(member, "جلسه مشترک")
        assert shown(got) == NEWS  # on Bale too: the text as typed, escapes rendered away
        assert got.button_texts == ["🔕 دیگر اطلاعیه نمی‌خواهم"]
    assert not [m for m in furniture.messages if "جلسه" in (m.content or "")]

    (broadcast,) = await khooshe.rows("SELECT * FROM broadcasts")
    assert broadcast["status"] == "done" and broadcast["body"] == NEWS
    assert broadcast["created_by"] == f"staff:{khooshe.platform.value}:{ADMIN_ID}"
    assert '"clusters": ["leather_shoes"]' in broadcast["audience"]
    rows = await khooshe.rows("SELECT chat_id, status FROM outbox ORDER BY chat_id")
    assert rows == [{"chat_id": m.id, "status": "sent"} for m in leather]
    # the status message was edited to its final state
    progress = admin.chat.message(broadcast["progress_message_id"])
    assert "تمام شد" in shown(progress)


async def test_blocked_and_opted_out_members(khooshe: Khooshe) -> None:
    reader, blocker, quiet = await khooshe.seed_members(3)
    await khooshe.write("UPDATE members SET announcements = 0 WHERE user_id = ?", quiet.id)
    khooshe.sandbox.block(blocker.id)
    admin = khooshe.admin()
    card = await compose(admin)
    assert "تعداد گیرندگان: ۲ نفر" in shown(card)  # the opted-out member is not counted
    await preview(admin)
    await admin.press("📤 ارسال الان")
    report = await expect(admin, "گزارش ارسال")
    text = shown(report)
    assert "رسیده: ۱" in text and "مسدود کرده‌اند: ۱" in text
    await expect(reader, "جلسه مشترک")
    assert quiet.messages == []
    (status,) = await khooshe.rows("SELECT status FROM members WHERE user_id = ?", blocker.id)
    assert status["status"] == "blocked"  # no more broadcasts until they write again

    await admin.press_inline(report, "📄 فهرست نرسیده‌ها")
    sheet = sheet_of(await expect(admin, "به آن‌ها نرسید"))
    rows = list(sheet.values)
    assert rows[0][0] == "نام" and len(rows) == 2
    assert rows[1][0] == "عضو 1" and rows[1][5] == "ربات را مسدود کرده"
    # when the bot gave up: Jalali text, and beside it a date value to sort and filter by
    assert rows[0][7:] == ("زمان آخرین تلاش", "زمان آخرین تلاش (میلادی)")
    assert "۱۴۰" in str(rows[1][7])
    assert sheet["I2"].is_date and isinstance(rows[1][8], datetime)

    # the blocked member comes back: they get the next one
    khooshe.sandbox.unblock(blocker.id)
    await blocker.send_command("help")
    await blocker.settle()
    (status,) = await khooshe.rows("SELECT status FROM members WHERE user_id = ?", blocker.id)
    assert status["status"] == "active"


async def test_members_may_turn_announcements_off_and_on(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    admin = khooshe.admin()
    await compose(admin)
    await preview(admin)
    await admin.press("📤 ارسال الان")
    got = await expect(member, "جلسه مشترک")

    async def press(message: BotMessage, label: str, told: str) -> int:
        """Press the switch; return the member's stored choice once told `told`."""
        answer = await member.press_inline(message, label)
        assert answer is not None and told in (answer.text or "")
        (row,) = await khooshe.rows("SELECT announcements FROM members")
        return int(row["announcements"])

    assert await press(got, "🔕 دیگر اطلاعیه نمی‌خواهم", "دیگر اطلاعیه") == 0
    await member.send_command("profile")
    card = await expect(member, "پروفایل شما")
    off = "🔕 اطلاعیه‌ها: خاموش (برای روشن کردن بزنید)"
    assert await press(card, off, "از این پس") == 1
    card = await member.chat.next_edit()
    assert "🔔 اطلاعیه‌ها: روشن (برای خاموش کردن بزنید)" in card.button_texts


async def test_agents_reach_only_their_clusters(khooshe: Khooshe) -> None:
    (own,) = await khooshe.seed_members(1, "leather_shoes")
    (other,) = await khooshe.seed_members(1, "furniture")
    agent = await khooshe.agent("leather_shoes")
    card = await compose(agent)
    assert "تعداد گیرندگان: ۱ نفر" in shown(card)
    picker = await tap(agent, "🧩 خوشه‌ها")
    assert [b for b in picker.button_texts if b.startswith("▫️")] == ["▫️ چرم و کفش"]
    answer = await agent.press_forged("bc:t:c:furniture", UNSEEN_MESSAGE)
    assert answer is not None and "فقط" in (answer.text or "")
    await tap(agent, "✔️ تأیید انتخاب")
    await preview(agent)
    await agent.press("📤 ارسال الان")
    await expect(agent, "گزارش ارسال")
    await expect(own, "جلسه مشترک")
    assert other.messages == []
    (row,) = await khooshe.rows("SELECT audience FROM broadcasts")
    assert '"clusters": ["leather_shoes"]' in row["audience"]


async def test_members_cannot_broadcast_or_forge_staff_buttons(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    await member.send_command("broadcast")
    denied = await expect(member, "فقط برای کارشناسان")
    for forged in ("bc:now", "bc:failed:1", "bc:c:1", "bc:cy:1", "bc:rs:1"):
        answer = await member.press_forged(forged, denied.message_id)
        assert answer is not None and answer.text, forged
    assert await khooshe.rows("SELECT * FROM broadcasts") == []


async def test_bad_messages_get_the_same_step_again(khooshe: Khooshe) -> None:
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await admin.send_command("broadcast")
    await expect(admin, "متن اطلاعیه")
    await admin.send_text("ا" * 4097)
    assert "۴۰۹۷ حرف" in shown(await expect(admin, "حداکثر"))
    await admin.send_sticker()
    await expect(admin, "این نوع پیام")
    await admin.send_photo(caption="ب" * 1025)
    assert "۱۰۲۴" in shown(await expect(admin, "توضیح زیر عکس"))
    await admin.send_photo(caption="نمایشگاه")
    await expect(admin, "برای چه کسانی")
    await admin.send_text("همه")  # typing where buttons are expected
    await expect(admin, "دکمه‌های پیام بالا")
    await admin.press("ادامه »")
    photo = await expect(admin, "نمایشگاه")
    assert photo.photo is not None
    await expect(admin, "دقیقاً همین‌طور")
    assert "فرستاده نشد" in shown(await tap(admin, "❌ انصراف"))
    assert await khooshe.rows("SELECT * FROM broadcasts") == []


async def test_the_length_checked_is_the_length_sent(khooshe: Khooshe) -> None:
    """On Bale the text is escaped before it goes: 4,079 characters of markup-looking text
    are more than 4,096 once escaped, and are refused at once, not lost at sending."""
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await admin.send_command("broadcast")
    await expect(admin, "متن اطلاعیه")
    starred = "*مهم* " * 680  # 4,079 characters; Bale would show them bold without escapes
    await admin.send_text(starred.strip())
    if khooshe.platform.value == "bale":
        refused = shown(await expect(admin, "حداکثر"))
        assert "۴۷۵۹ حرف" in refused  # 4,079 typed + 680 invisible breaks
        await admin.send_text("(مهم) " * 680)  # parentheses are never escaped: it fits
    await expect(admin, "برای چه کسانی")


async def test_a_double_tap_on_send_sends_once(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    admin = khooshe.admin()
    await compose(admin)
    card = await preview(admin)
    first, second = await asyncio.gather(
        admin.press_inline(card, "📤 ارسال الان"), admin.press_inline(card, "📤 ارسال الان")
    )
    answers = [a.text or "" for a in (first, second) if a is not None]
    assert any("دیگر فعال نیست" in a for a in answers), answers  # the second was stale
    await expect(admin, "گزارش ارسال")
    await expect(member, "جلسه مشترک")
    await member.settle()
    assert len([m for m in member.messages if "جلسه" in (m.content or "")]) == 1
    assert len(await khooshe.rows("SELECT * FROM broadcasts")) == 1


async def test_schedule_list_reschedule_and_cancel(khooshe: Khooshe) -> None:
    await khooshe.seed_members(2)
    admin = khooshe.admin()
    await compose(admin)
    await preview(admin)
    asked = await tap(admin, "🕒 زمان‌بندی")
    assert "به وقت تهران" in shown(asked)
    await admin.send_text("۱۴۰۰/۱/۱ ۱۰:۰۰")
    await expect(admin, "گذشته است")
    await admin.send_text("۱۴۰۵/۱۳/۱ ۱۰")
    await expect(admin, "وجود ندارد")
    await admin.send_text(workday(1, "۱۰:۳۰"))
    confirm = await expect(admin, "تأیید می‌کنید")
    assert "۱۰:۳۰" in shown(confirm) and "۲ نفر" in shown(confirm)
    done = await tap(admin, "✅ تأیید زمان‌بندی")
    assert "زمان‌بندی شد" in shown(done)
    assert "/scheduled" in shown(done)
    (row,) = await khooshe.rows("SELECT id, status, send_at FROM broadcasts")
    assert row["status"] == "scheduled"
    send_at = datetime.fromisoformat(row["send_at"])
    assert timedelta(0) < send_at - datetime.now(UTC) < timedelta(days=10)

    await admin.send_command("scheduled")
    item = await expect(admin, "اطلاعیه شماره ۱")
    assert "جلسه مشترک" in shown(item)
    await admin.press_inline(item, "🕒 تغییر زمان")
    await expect(admin, "زمان تازه")
    await admin.send_text(workday(1, "۹ صبح"))  # the same working day, earlier
    moved = await expect(admin, "زمان‌بندی شد")
    assert "۹:۰۰" in shown(moved) or "۰۹:۰۰" in shown(moved)
    (row,) = await khooshe.rows("SELECT status, send_at, changed_by FROM broadcasts")
    assert datetime.fromisoformat(row["send_at"]) < send_at
    assert row["changed_by"] == f"staff:{khooshe.platform.value}:{ADMIN_ID}"

    await admin.press_inline(item, "🗑 لغو")
    await expect(admin, "لغو شود؟")
    assert "لغو شد" in shown(await tap(admin, "🗑 بله، لغو شود"))
    assert await khooshe.value("SELECT status FROM broadcasts") == "cancelled"
    assert await khooshe.rows("SELECT * FROM outbox") == []
    answer = await admin.press_inline(item, "🗑 لغو")  # the old list's button
    assert answer is not None and "دیگر در انتظار نیست" in (answer.text or "")


def _new(khooshe: Khooshe, send_at: datetime, key: str) -> NewBroadcast:
    return announcement(khooshe.platform.value, f"اطلاعیه {key}", key, send_at)


async def test_a_scheduled_broadcast_goes_out_at_its_time(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    admin = khooshe.admin()
    assert khooshe.runtime is not None and khooshe.runtime.outbox is not None
    soon = datetime.now(UTC) + timedelta(seconds=1.5)
    await khooshe.runtime.outbox.submit(_new(khooshe, soon, "soon"))
    assert member.messages == []
    got = await expect(member, "اطلاعیه soon", wait=5)
    assert got.content == "اطلاعیه soon"
    await expect(admin, "گزارش ارسال")


async def test_scheduled_broadcasts_survive_a_restart(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    admin = khooshe.admin()
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    now = datetime.now(UTC)
    await runtime.outbox.submit(_new(khooshe, now + timedelta(seconds=3), "later"))
    await khooshe.stop()
    # while the bot is down: one falls due a little late, one far too late (grace is 60 min)
    from storage.db import connect
    from storage.outbox import create_broadcast

    db = await connect(khooshe.db_path)
    await create_broadcast(db, _new(khooshe, now - timedelta(minutes=10), "late"))
    await create_broadcast(db, _new(khooshe, now - timedelta(hours=2), "missed"))
    await db.close()

    await khooshe.start()
    await expect(member, "اطلاعیه late")
    missed = await expect(admin, "خاموش بود")
    assert "شماره ۳" in shown(missed)
    await expect(member, "اطلاعیه later", wait=8)  # re-armed from the database
    await member.settle()
    # The member has the message before the bot marks it sent and the broadcast done: on a
    # loaded machine, later than the quiet half second.
    await khooshe.outbox_idle()
    texts = [m.content for m in member.messages]
    assert texts.count("اطلاعیه late") == 1 and texts.count("اطلاعیه later") == 1
    assert "اطلاعیه missed" not in texts
    rows = await khooshe.rows("SELECT dedupe_key, status FROM broadcasts ORDER BY id")
    assert [(r["dedupe_key"], r["status"]) for r in rows] == [
        ("later", "done"),
        ("late", "done"),
        ("missed", "missed"),
    ]


async def test_a_templated_broadcast_speaks_each_members_language(khooshe: Khooshe) -> None:
    persian, english, quiet = await khooshe.seed_members(3)
    admin = khooshe.admin()  # (known to the sandbox from the start: a message to them would show)
    await khooshe.write("UPDATE members SET language = 'en' WHERE user_id = ?", english.id)
    await khooshe.write("UPDATE members SET announcements = 0 WHERE user_id = ?", quiet.id)
    assert khooshe.runtime is not None and khooshe.runtime.outbox is not None
    when = datetime(2026, 12, 12, 6, 30, tzinfo=UTC)  # 10:00 in Tehran
    template = Template(
        "scheduled-rescheduled",
        {"number": "7", "when": when},
        ((("scheduled-button-keep", "x:1"),),),
    )
    new = replace(_new(khooshe, datetime.now(UTC), "reminder"), kind="reminder", template=template)
    await khooshe.runtime.outbox.submit(new)
    fa = await expect(persian, "شماره 7")
    assert "۱۰:۰۰" in shown(fa) and "آذر" in shown(fa)
    # a reminder is about one's own sign-up: no opt-out button, and opted-out members get it
    assert fa.button_texts == ["نه، بماند"]
    en = await expect(english, "no. 7")
    assert "10:00" in shown(en) and en.button_texts == ["No, keep it"]
    await expect(quiet, "شماره 7")
    # a reminder is nobody's composition: no status message or report to the "owner"
    for _ in range(100):
        (row,) = await khooshe.rows("SELECT status FROM broadcasts")
        if row["status"] == "done":
            break
        await asyncio.sleep(0.05)
    assert row["status"] == "done"
    await khooshe.stop()  # (a graceful stop lets the outbox finish: anything to tell is told)
    assert admin.messages == []
    assert not [c for c in khooshe.sandbox.calls if c.params.get("chat_id") == admin.id]


async def test_an_audience_of_nobody_cannot_be_sent_to(khooshe: Khooshe) -> None:
    await khooshe.seed_members(1, "leather_shoes", job_role="employee")
    admin = khooshe.admin()
    card = await compose(admin)
    await tap(admin, "💼 نقش‌ها")
    await tap(admin, "▫️ مالک / مدیرعامل")
    card = await tap(admin, "✔️ تأیید انتخاب")
    assert "با این انتخاب‌ها گیرنده‌ای نیست" in shown(card)
    answer = await admin.press_inline(card, "ادامه »")
    assert answer is not None and "هیچ عضوی" in (answer.text or "")
    await admin.settle()
    assert await khooshe.rows("SELECT * FROM broadcasts") == []
    # the same card still works: everyone again, and on it goes
    card = await tap(admin, "👥 همه اعضا")
    assert "تعداد گیرندگان: ۱ نفر" in shown(card)
    await preview(admin)


def _tehran_day(days: int) -> datetime:
    """Midnight in Tehran, `days` after today there (expected dates are counted, not parsed)."""
    today = datetime.now(TEHRAN_ZONE).date() + timedelta(days=days)
    return datetime(today.year, today.month, today.day, tzinfo=TEHRAN_ZONE)


async def test_dates_as_staff_type_them(khooshe: Khooshe) -> None:
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await compose(admin)
    await preview(admin)
    await tap(admin, "🕒 زمان‌بندی")
    # "هفته بعد سه‌شنبه" was «این تاریخ را متوجه نشدم»: Tuesday of the week after this one
    # (weeks start on Saturday).
    await admin.send_text("هفته بعد سه‌شنبه ساعت ۱۰")
    confirm = await expect(admin, "تأیید می‌کنید")
    tuesday = _tehran_day(0).date() + timedelta(days=7 - _jalali_weekday() + 3)
    expected = datetime.combine(tuesday, time(10), TEHRAN_ZONE)
    assert format_date(tuesday, "fa", TEHRAN_ZONE) in shown(confirm)
    await tap(admin, "✅ تأیید زمان‌بندی")
    (row,) = await khooshe.rows("SELECT send_at FROM broadcasts")
    assert datetime.fromisoformat(row["send_at"]) == expected

    # "جمعه ۵": five in the morning or the afternoon is asked, not guessed; then the Friday
    # is named and needs a confirm.
    await admin.send_command("scheduled")
    item = await expect(admin, "اطلاعیه شماره ۱")
    await admin.press_inline(item, "🕒 تغییر زمان")
    await expect(admin, "زمان تازه")
    await admin.send_text("جمعه ۵")
    asked = await expect(admin, "صبح یا")
    assert asked.button_texts == ["۵ صبح", "۵ عصر"]
    await admin.press_inline(asked, "۵ عصر")
    warned = await expect(admin, "زمان دیگری بنویسید")
    assert "تعطیل" in shown(warned) and "جمعه" in shown(warned) and "۱۷:۰۰" in shown(warned)
    (row,) = await khooshe.rows("SELECT send_at FROM broadcasts")
    assert datetime.fromisoformat(row["send_at"]) == expected  # not moved before the confirm
    await admin.press_inline(warned, "✅ بله، همین روز")
    await expect(admin, "زمان‌بندی شد")
    (row,) = await khooshe.rows("SELECT send_at FROM broadcasts")
    moved = datetime.fromisoformat(row["send_at"]).astimezone(TEHRAN_ZONE)
    assert (moved.weekday(), moved.hour, moved.minute) == (4, 17, 0)  # Friday, 17:00


async def test_a_while_from_now(khooshe: Khooshe) -> None:
    """«۲ ساعت دیگه» was asked about as two o'clock: it is two hours from now."""
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await compose(admin)
    await preview(admin)
    await tap(admin, "🕒 زمان‌بندی")
    before = datetime.now(TEHRAN_ZONE).replace(microsecond=0)  # stored to the second
    await admin.send_text("۲ ساعت دیگه")
    await expect(admin, "تأیید می‌کنید")
    after = datetime.now(TEHRAN_ZONE)
    await tap(admin, "✅ تأیید زمان‌بندی")
    (row,) = await khooshe.rows("SELECT send_at FROM broadcasts")
    send_at = datetime.fromisoformat(row["send_at"])
    assert before + timedelta(hours=2) <= send_at <= after + timedelta(hours=2)


def _jalali_weekday() -> int:
    """Today's weekday in Tehran, counted from Saturday (0)."""
    return jdatetime.date.fromgregorian(date=_tehran_day(0).date()).weekday()


async def test_staff_see_their_announcements_numbered_from_one_and_counted_from_the_start(
    khooshe: Khooshe,
) -> None:
    """Service messages (a report's notices, reminders, digests) take broadcast rows too; the
    number staff see counts announcements only, and the first status line counts recipients."""
    admin, member = khooshe.admin(), khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)  # queues the card as a notice (a broadcast row)
    await admin.settle()
    assert (await khooshe.rows("SELECT COUNT(*) AS n FROM broadcasts"))[0]["n"] >= 1
    for expected in ("۱", "۲"):
        await compose(admin)
        await preview(admin)
        await admin.press("📤 ارسال الان")
        report = await expect(admin, "گزارش ارسال")
        assert f"اطلاعیه شماره {expected}" in shown(report)
    (last,) = await khooshe.rows(
        "SELECT progress_message_id FROM broadcasts WHERE kind = 'announcement' "
        "ORDER BY id DESC LIMIT 1"
    )
    progress = admin.chat.message(last["progress_message_id"])
    first = (progress.edit_history[0] if progress.edit_history else progress.raw).get("text", "")
    assert "شماره ۲" in first and "۰ از ۰" not in first and "از ۱" in first
