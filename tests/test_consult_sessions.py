"""Advisory sessions (issue 17): slots, one-tap booking under races, .ics, reminders that
survive a restart, cancel and move with notice, and the member's rating."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.sandbox import BotMessage, SandboxUser
from bot.services.consult_slots import SlotPlan, read_slots
from storage.core_slots import add_slots
from storage.cores import Core, grant_adviser
from tests.conftest import UNSEEN_MESSAGE, Khooshe, expect, register, shown
from tests.test_consult import AI_QUESTION, _cores, ask_and_send

TEHRAN = ZoneInfo("Asia/Tehran")
PLACE = "تبریز، خیابان امام، ساختمان اتاق بازرگانی، طبقه ۳"


async def _adviser(khooshe: Khooshe, core: Core) -> SandboxUser:
    """An adviser who is also a member (so reminders reach them too)."""
    (user,) = await khooshe.seed_members(1, cluster="furniture")
    await grant_adviser(khooshe.db, core.id, khooshe.platform.value, user.id, 1)
    return user


async def _slots(khooshe: Khooshe, core: Core, adviser: SandboxUser, *starts: datetime) -> None:
    who = f"staff:{khooshe.platform.value}:{adviser.id}"
    await add_slots(khooshe.db, core.id, who, starts, 30, "in_person", PLACE)


async def _open_slots(khooshe: Khooshe, *starts: datetime) -> tuple[dict[str, Core], SandboxUser]:
    """The seed cores, and a technology adviser (a member) with open slots at `starts`."""
    cores = await _cores(khooshe)
    adviser = await _adviser(khooshe, cores["technology"])
    await _slots(khooshe, cores["technology"], adviser, *starts)
    return cores, adviser


def _days_ahead(days: int) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)


async def _asking(khooshe: Khooshe, name: str) -> SandboxUser:
    member = khooshe.member()
    await register(member, name=name)
    await ask_and_send(member, AI_QUESTION)
    return member


async def _offer(adviser: SandboxUser) -> None:
    """The adviser offers the core's open slots under the newest request card."""
    card = await expect(adviser, "درخواست مشاوره")
    answer = await adviser.press_inline(card, "📅 پیشنهاد وقت")
    assert answer is not None and "فرستاده شد" in (answer.text or "")


async def _book(member: SandboxUser, choice: int = 0) -> BotMessage:
    """The member books a slot of the offer; return the offer (its other slots still there)."""
    offer = await expect(member, "رزرو کنید")
    await member.press_inline(offer, offer.button_texts[choice])
    await expect(member, "رزرو شد:")
    return offer


def test_weekly_patterns_and_spans_are_read() -> None:
    now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a Monday in Tehran
    plan = read_slots("یکشنبه‌ها ۱۰ تا ۱۲، جلسات ۳۰ دقیقه‌ای", now, TEHRAN)
    assert isinstance(plan, SlotPlan) and plan.weekly and plan.minutes == 30
    starts = plan.starts(30)
    assert len(starts) == 16
    local = [s.astimezone(TEHRAN) for s in starts]
    assert {s.weekday() for s in local} == {6}  # Sundays
    assert [s.strftime("%H:%M") for s in local[:4]] == ["10:00", "10:30", "11:00", "11:30"]
    assert (local[4] - local[0]).days == 7
    plan = read_slots("فردا ۱۶ تا ۱۷ جلسات ۴۵ دقیقه ای", now, TEHRAN)
    assert isinstance(plan, SlotPlan) and not plan.weekly and len(plan.starts(45)) == 1
    plan = read_slots("۱۴۰۵/۹/۲۰ ساعت ۱۰", now, TEHRAN)
    assert isinstance(plan, SlotPlan) and plan.minutes is None and len(plan.starts(60)) == 1
    assert not isinstance(read_slots("هر وقت شد", now, TEHRAN), SlotPlan)


async def test_an_adviser_publishes_a_weekly_pattern(khooshe: Khooshe) -> None:
    cores = await _cores(khooshe)
    adviser = await _adviser(khooshe, cores["technology"])
    await adviser.send_command("slots")
    await expect(adviser, "وقت آزادی")
    await adviser.press("➕ وقت تازه")
    await expect(adviser, "الگوی هفتگی")
    await adviser.send_text("هر وقت شد")
    await expect(adviser, "الگوی هفتگی")  # a polite refusal, then the same question
    await adviser.send_text("یکشنبه‌ها ۱۰ تا ۱۲")
    await expect(adviser, "چند دقیقه")
    await adviser.press("۳۰ دقیقه")
    await expect(adviser, "حضوری است یا برخط")
    await adviser.press("حضوری")
    await expect(adviser, "نشانی")
    await adviser.send_text(PLACE)
    confirm = await expect(adviser, "منتشر شود")
    assert "۱۶ جلسه" in shown(confirm)
    await adviser.press("✅ ذخیره")
    await adviser.settle()
    rows = await khooshe.rows("SELECT starts_at, minutes, mode, place, core_id FROM core_slots")
    assert len(rows) == 16
    assert {(r["minutes"], r["mode"], r["place"]) for r in rows} == {(30, "in_person", PLACE)}
    assert {datetime.fromisoformat(r["starts_at"]).astimezone(TEHRAN).weekday() for r in rows} == {
        6
    }
    await adviser.send_command("slots")
    listed = await expect(adviser, "وقت‌های پیش رو")
    assert PLACE in shown(listed)
    # A member (no adviser) has no /slots.
    member = khooshe.member()
    await register(member)
    await member.send_command("slots")
    await expect(member, "برای مشاوران")


async def test_two_members_race_for_one_slot(khooshe: Khooshe) -> None:
    start = _days_ahead(3)
    _, adviser = await _open_slots(khooshe, start)
    first = await _asking(khooshe, "مریم رضایی")
    await _offer(adviser)
    second = await _asking(khooshe, "علی کریمی")
    await _offer(adviser)
    offers: list[BotMessage] = [
        await expect(first, "رزرو کنید"),
        await expect(second, "رزرو کنید"),
    ]
    assert PLACE in shown(offers[0])
    answers = await asyncio.gather(
        first.press_inline(offers[0], offers[0].button_texts[0]),
        second.press_inline(offers[1], offers[1].button_texts[0]),
    )
    texts = [a.text or "" if a is not None else "" for a in answers]
    assert sum("رزرو شد" in t and "همین حالا" not in t for t in texts) == 1, texts
    assert sum("همین حالا رزرو شد" in t for t in texts) == 1, texts
    bookings = await khooshe.rows("SELECT member_id, status FROM core_bookings")
    assert len(bookings) == 1 and bookings[0]["status"] == "booked"
    winner = first if "همین حالا" not in texts[0] else second
    booked = await expect(winner, "رزرو شد:")
    assert "❌ لغو جلسه" in booked.button_texts
    for side in (winner, adviser):
        sent = await expect(side, "فایل تقویم")
        assert sent.document is not None and (sent.document.file_name or "").endswith(".ics")
        event = Calendar.from_ical(sent.document.data).walk("VEVENT")[0]
        assert event.decoded("dtstart").astimezone(UTC) == start
        assert str(event["location"]) == PLACE
    await expect(adviser, "جلسه رزرو کرد")


@pytest.mark.parametrize("a_member", [True, False], ids=["adviser-a-member", "adviser-only"])
async def test_reminders_fire_and_survive_a_restart(khooshe: Khooshe, a_member: bool) -> None:
    await khooshe.stop()
    await khooshe.start(session_reminder_seconds=(3,))
    cores = await _cores(khooshe)
    if a_member:
        adviser = await _adviser(khooshe, cores["technology"])
    else:  # granted the role, never registered: reached at their own chat
        adviser = khooshe.member()
        await grant_adviser(
            khooshe.db, cores["technology"].id, khooshe.platform.value, adviser.id, 1
        )
    member = await _asking(khooshe, "مریم رضایی")
    start = datetime.now(UTC) + timedelta(seconds=12)
    await _slots(khooshe, cores["technology"], adviser, start)
    await _offer(adviser)
    await _book(member)
    waiting = await khooshe.rows(
        "SELECT dedupe_key, status FROM broadcasts WHERE kind = 'reminder'"
    )
    assert [r["status"] for r in waiting] == ["scheduled"]
    await khooshe.stop()
    await khooshe.start(session_reminder_seconds=(3,))
    for side in (member, adviser):
        reminder = await expect(side, "⏰ یادآوری", wait=15)
        assert PLACE in shown(reminder)
    for side in (member, adviser):
        await side.settle()
        assert len([m for m in side.messages if "⏰ یادآوری" in (m.content or "")]) == 1
    assert await khooshe.value("SELECT status FROM broadcasts WHERE kind = 'reminder'") == "done"


async def test_sessions_are_moved_and_cancelled_with_notice(khooshe: Khooshe) -> None:
    soon = _days_ahead(3)
    _, adviser = await _open_slots(khooshe, soon, soon + timedelta(hours=1))
    member = await _asking(khooshe, "مریم رضایی")
    await _offer(adviser)
    offer = await _book(member)
    await expect(adviser, "جلسه رزرو کرد")
    # Booking the other slot moves the session.
    await member.press_inline(offer, offer.button_texts[1])
    moved = await expect(member, "رزرو شد:")
    await expect(adviser, "جابه‌جا کرد")
    statuses = await khooshe.rows("SELECT status FROM core_bookings ORDER BY id")
    assert [s["status"] for s in statuses] == ["moved", "booked"]
    reminders = await khooshe.rows(
        "SELECT dedupe_key, status FROM broadcasts WHERE kind = 'reminder' ORDER BY id"
    )
    assert [r["status"] for r in reminders][:2] == ["cancelled", "cancelled"]
    await member.press_inline(moved, "❌ لغو جلسه")
    await expect(adviser, "لغو کرد")
    statuses = await khooshe.rows("SELECT status FROM core_bookings ORDER BY id")
    assert [s["status"] for s in statuses] == ["moved", "cancelled"]
    # The slot is open again; booked again, then the adviser cancels it.
    await member.press_inline(offer, offer.button_texts[1])
    await expect(member, "رزرو شد:")
    notice = await expect(adviser, "جلسه رزرو کرد")
    await adviser.press_inline(notice, "❌ لغو جلسه")
    await expect(member, "مشاور جلسه درخواست")
    kinds = await khooshe.rows("SELECT kind FROM consultation_events ORDER BY id")
    assert [k["kind"] for k in kinds][-4:] == [
        "moved",
        "session_cancelled",
        "booked",
        "session_cancelled",
    ]


@pytest.mark.parametrize("score", [5, 2])
async def test_the_member_rates_the_session(khooshe: Khooshe, score: int) -> None:
    _, adviser = await _open_slots(khooshe, _days_ahead(1))
    member = await _asking(khooshe, "مریم رضایی")
    card = await expect(adviser, "درخواست مشاوره")
    await adviser.press_inline(card, "📅 پیشنهاد وقت")
    await _book(member)
    # The session's time comes (the clock moved on, as far as the slot is concerned).
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
    await khooshe.write("UPDATE core_slots SET starts_at = ?", past)
    answer = await adviser.press_inline(card, "✅ پایان")
    assert answer is not None and "بسته شد" in (answer.text or "")
    question = await expect(member, "کمکتان کرد")
    digits = "۰۱۲۳۴۵"
    await member.press_inline(question, digits[score])
    await member.chat.next_edit()
    answer = await member.press_forged(f"cm:rate:{(await _request_id(khooshe))}:1", UNSEEN_MESSAGE)
    assert answer is not None and "قبلاً" in (answer.text or "")
    (booking,) = await khooshe.rows("SELECT id, status FROM core_bookings")
    assert booking["status"] == "held"
    (rating,) = await khooshe.rows("SELECT score, booking_id FROM consultation_ratings")
    assert rating == {"score": score, "booking_id": booking["id"]}
    assert await khooshe.value("SELECT status FROM consultations") == "closed"
    rated = member.chat.message(question.message_id)
    await member.press_inline(rated, "💬 افزودن نظر")
    await expect(member, "نظرتان")
    await member.send_text("جلسه مفیدی بود، سپاس")
    await expect(member, "ثبت شد")
    comment = await expect(adviser, "نظر عضو")
    assert "جلسه مفیدی بود" in shown(comment)
    (stored,) = await khooshe.rows("SELECT comment FROM consultation_ratings")
    assert stored["comment"] == "جلسه مفیدی بود، سپاس"


async def _request_id(khooshe: Khooshe) -> int:
    (row,) = await khooshe.rows("SELECT id FROM consultations")
    return int(row["id"])


async def test_a_deleted_account_gives_its_sessions_back(khooshe: Khooshe) -> None:
    from storage.own_data import erase_member

    cores, adviser = await _open_slots(khooshe, _days_ahead(2))
    member = await _asking(khooshe, "مریم رضایی")
    await _offer(adviser)
    await _book(member)
    (row,) = await khooshe.rows("SELECT member_id FROM core_bookings")
    assert await erase_member(khooshe.db, row["member_id"]) is not None
    (booking,) = await khooshe.rows("SELECT status FROM core_bookings")
    assert booking["status"] == "cancelled"
    (slot,) = await khooshe.rows("SELECT core_id FROM core_slots")
    open_now = await khooshe.rows(
        "SELECT s.id FROM core_slots s WHERE NOT EXISTS (SELECT 1 FROM core_bookings b "
        "WHERE b.slot_id = s.id AND b.status = 'booked')"
    )
    assert len(open_now) == 1 and slot["core_id"] == cores["technology"].id
