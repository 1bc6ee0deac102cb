"""Trainings and events, the member's side: browse, sign up, waitlist, give back, calendar,
reminders — on both sandbox flavours, asserting on messages and rows."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from bot.sandbox import BotMessage, SandboxUser
from bot.services.offerings import Owner, cancel, change, publish
from storage.offerings import NewOffering, Offering, cancel_signup, sign_up
from tests.conftest import ADMIN_ID, UNSEEN_MESSAGE, Khooshe, expect, shown, tap

TITLE = "هوش مصنوعی و اثر آن بر کسب‌وکار"
PLACE = "اتاق بازرگانی تبریز، سالن ۲"
MENU = "🎓 آموزش‌ها و رویدادها"
DETAILS = "📄 جزئیات و ثبت‌نام"


def owner(khooshe: Khooshe) -> Owner:
    platform = khooshe.platform.value
    return Owner(f"staff:{platform}:{ADMIN_ID}", platform, ADMIN_ID, "fa")


async def offer(khooshe: Khooshe, **changes: object) -> Offering:
    """Publish an offering through the service, as the staff form does."""
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    new = NewOffering(
        kind="course",
        title=TITLE,
        description="دوره عملی (۴ جلسه) برای مدیران واحدها",
        starts_at=datetime.now(UTC) + timedelta(days=5),
        ends_at=None,
        place=PLACE,
        capacity=2,
        deadline=None,
        created_by=owner(khooshe).actor,
        dedupe_key=uuid.uuid4().hex,
    )
    new = replace(new, **changes)  # type: ignore[arg-type]
    offering, created = await publish(
        runtime.outbox, khooshe.db, runtime.settings, new, owner(khooshe)
    )
    assert created
    return offering


async def card_of(member: SandboxUser) -> BotMessage:
    """The announcement's details button: a new card."""
    announcement = await expect(member, "آموزش / رویداد تازه")
    await member.press_inline(announcement, DETAILS)
    return await expect(member, "مهلت ثبت‌نام")


async def to_deadline(user: SandboxUser, start: str, place: str, capacity: str | None) -> None:
    """From the /new_offering form's start question: `start` typed, no end, `place`,
    `capacity` typed (None: unlimited), up to the sign-up deadline question."""
    await expect(user, "زمان شروع")
    await user.send_text(start)
    await expect(user, "زمان پایان")
    await user.press("صرف‌نظر »")
    await expect(user, "مکان برگزاری")
    await user.send_text(place)
    await expect(user, "ظرفیت چند نفر")
    if capacity is None:
        await user.press("بدون محدودیت")
    else:
        await user.send_text(capacity)
    await expect(user, "مهلت ثبت‌نام")


async def to_preview(user: SandboxUser) -> BotMessage:
    """From the /new_offering form's sign-up deadline question: open until the start, every
    cluster the user may choose, up to the preview."""
    await user.press("تا شروع")
    await expect(user, "برای کدام خوشه‌ها")
    await tap(user, "✔️ تأیید خوشه‌ها")
    return await expect(user, "پیش‌نمایش")


async def statuses(khooshe: Khooshe, offering: Offering) -> list[tuple[int, str]]:
    rows = await khooshe.rows(
        "SELECT m.user_id, s.status FROM signups s JOIN members m ON m.id = s.member_id "
        "WHERE s.offering_id = ? ORDER BY s.seq",
        offering.id,
    )
    return [(r["user_id"], r["status"]) for r in rows]


async def test_browse_sign_up_and_add_to_calendar(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    offering = await offer(khooshe)
    card = await card_of(member)
    text = shown(card)
    assert TITLE in text and PLACE in text and "۲ جای خالی" in text and "دوره آموزشی" in text
    assert "آذر" in text or "دی" in text or "بهمن" in text  # Jalali month names
    asked = await tap(member, "✍️ ثبت‌نام")
    assert "ثبت‌نام می‌کنید؟" in shown(asked)
    done = await tap(member, "✅ بله، ثبت‌نام کن")
    assert "ثبت‌نام شما انجام شد" in shown(done) and "۱ جای خالی" in shown(done)
    assert "قطعی است" not in shown(done)  # one confirmation, not two
    assert "↩️ انصراف از ثبت‌نام" in done.button_texts
    assert await statuses(khooshe, offering) == [(member.id, "confirmed")]

    # signing up twice (an old confirm button) changes nothing
    answer = await member.press_forged(f"of:joinok:{offering.id}", UNSEEN_MESSAGE)
    assert answer is not None and "قبلاً" in (answer.text or "")
    assert await statuses(khooshe, offering) == [(member.id, "confirmed")]

    await member.press_inline(done, "📅 افزودن به تقویم")
    sent = await expect(member, "تقویم گوشی")
    assert sent.document is not None and (sent.document.file_name or "").endswith(".ics")
    assert b"TZID=Asia/Tehran" in sent.document.data
    event = Calendar.from_ical(sent.document.data).walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(UTC) == offering.starts_at
    assert str(event["uid"]) == f"offering-{offering.id}@khooshe"
    assert str(event["summary"]) == TITLE and str(event["location"]) == PLACE

    await member.send_text(MENU)
    listed = await expect(member, "پیش رو")
    assert TITLE in shown(listed) and "۱ جای خالی" in shown(listed)
    mine = await tap(member, "🗂 ثبت‌نام‌های من")
    assert TITLE in shown(mine) and "قطعی" in shown(mine)


async def test_waitlist_and_promotion_with_a_button_to_give_the_seat_back(
    khooshe: Khooshe,
) -> None:
    first, second, third = await khooshe.seed_members(3)
    offering = await offer(khooshe, capacity=1)
    for member in (first, second, third):
        await card_of(member)
        await tap(member, "✍️ ثبت‌نام" if member is first else "⏳ ورود به فهرست انتظار")
        done = await tap(member, "✅ بله، ثبت‌نام کن")
        if member is second:
            assert "فهرست انتظار" in shown(done) and "نوبت شما: ۱" in shown(done)
    assert "نوبت شما: ۲" in shown(third.messages[-1])
    assert await statuses(khooshe, offering) == [
        (first.id, "confirmed"),
        (second.id, "waitlisted"),
        (third.id, "waitlisted"),
    ]
    await tap(first, "↩️ انصراف از ثبت‌نام")
    left = await tap(first, "↩️ بله، انصراف می‌دهم")
    assert "لغو شد" in shown(left)
    told = await expect(second, "یک جای خالی پیدا شد")
    assert TITLE in shown(told)
    assert await statuses(khooshe, offering) == [
        (first.id, "cancelled"),
        (second.id, "confirmed"),
        (third.id, "waitlisted"),
    ]
    # the promoted member gives the seat back: it goes on to the next in line
    asked = await tap(second, "↩️ جایم را واگذار می‌کنم")
    assert asked.message_id == told.message_id and "انصراف می‌دهید؟" in shown(asked)
    await tap(second, "↩️ بله، انصراف می‌دهم")
    await expect(third, "یک جای خالی پیدا شد")
    assert (await statuses(khooshe, offering))[-1] == (third.id, "confirmed")


async def test_many_members_pressing_at_once_never_overbook(khooshe: Khooshe) -> None:
    members = await khooshe.seed_members(12)
    offering = await offer(khooshe, capacity=5)
    # Everyone opens the card and taps "sign up"; then all confirm at the same moment.
    announcements = []
    for member in members:
        await card_of(member)
        await tap(member, "✍️ ثبت‌نام")
        announcements.append(member.chat.messages[-1])
    answers = await asyncio.gather(
        *(
            m.press_inline(a, "✅ بله، ثبت‌نام کن")
            for m, a in zip(members, announcements, strict=True)
        )
    )
    assert all(a is not None for a in answers)
    rows = await statuses(khooshe, offering)
    assert [s for _, s in rows].count("confirmed") == 5
    assert [s for _, s in rows].count("waitlisted") == 7
    for member, pressed in zip(members, announcements, strict=True):
        status = dict(rows)[member.id]
        edited = await member.chat.next_edit()  # the pressed announcement, answered
        assert edited.message_id == pressed.message_id
        said = "ثبت‌نام شما انجام شد" if status == "confirmed" else "نوبت شما"
        assert said in shown(edited), (status, edited)


async def test_cancelling_after_the_cut_off_is_refused(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    offering = await offer(khooshe, starts_at=datetime.now(UTC) + timedelta(hours=10))
    card = await card_of(member)
    await tap(member, "✍️ ثبت‌نام")
    await tap(member, "✅ بله، ثبت‌نام کن")
    await tap(member, "↩️ انصراف از ثبت‌نام")
    answer = await member.press_forged(f"of:leaveok:{offering.id}", card.message_id)
    assert answer is not None and "۲۴ ساعت" in (answer.text or "")
    assert await statuses(khooshe, offering) == [(member.id, "confirmed")]


async def test_forged_and_stale_buttons(khooshe: Khooshe) -> None:
    holder, other = await khooshe.seed_members(2)
    (outsider,) = await khooshe.seed_members(1, "furniture")
    offering = await offer(khooshe, clusters={"leather_shoes": None})
    await card_of(holder)
    await tap(holder, "✍️ ثبت‌نام")
    await tap(holder, "✅ بله، ثبت‌نام کن")
    # another member cannot give back someone else's seat: the data names no member
    card = await card_of(other)
    answer = await other.press_forged(f"of:leaveok:{offering.id}", UNSEEN_MESSAGE)
    assert answer is not None and "ثبت‌نامی ندارید" in (answer.text or "")
    # a member of another cluster cannot sign up by forging the button
    answer = await outsider.press_forged(f"of:joinok:{offering.id}")
    assert answer is not None and "در دسترس نیست" in (answer.text or "")
    answer = await outsider.press_forged("of:joinok:999")
    assert answer is not None and "در دسترس نیست" in (answer.text or "")
    assert await statuses(khooshe, offering) == [(holder.id, "confirmed")]
    assert outsider.messages == []  # never announced to them

    # cancelled while the other member looks at its buttons
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    told = await cancel(runtime.outbox, khooshe.db, offering, owner(khooshe))
    assert told == 1
    notice = await expect(holder, "لغو شد")
    assert TITLE in shown(notice)
    answer = await other.press_inline(card, "✍️ ثبت‌نام")
    assert answer is not None and "لغو شده" in (answer.text or "")
    answer = await other.press_forged(f"of:joinok:{offering.id}", UNSEEN_MESSAGE)
    assert answer is not None and "لغو شده" in (answer.text or "")
    await other.send_text(MENU)
    await expect(other, "در پیش نیست")


async def test_reminders_reach_the_confirmed_only_and_never_a_cancelled_offering(
    khooshe: Khooshe,
) -> None:
    await khooshe.stop()
    await khooshe.start(offering_reminder_seconds=(2,))
    stays, leaves = await khooshe.seed_members(2)
    # Both start tomorrow while the sign-ups and the cancellation are set up (on a loaded
    # machine that can take longer than any few seconds); then one is moved to start in 5 s.
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    soon = await offer(khooshe, starts_at=tomorrow)
    called_off = await offer(khooshe, starts_at=tomorrow, title="نشست لغوشده")
    for offering in (soon, called_off):
        for member in (stays, leaves):
            (row,) = await khooshe.rows(
                "SELECT id, cluster_code FROM members WHERE user_id = ?", member.id
            )
            outcome = await sign_up(
                khooshe.db, offering.id, row["id"], row["cluster_code"], datetime.now(UTC)
            )
            assert outcome.status == "confirmed"
    (left,) = await khooshe.rows("SELECT id FROM members WHERE user_id = ?", leaves.id)
    await cancel_signup(khooshe.db, soon.id, left["id"], datetime.now(UTC), timedelta(0))
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    await cancel(runtime.outbox, khooshe.db, called_off, owner(khooshe))
    moved = await change(
        runtime.outbox,
        khooshe.db,
        runtime.settings,
        soon,
        owner(khooshe),
        starts_at=datetime.now(UTC) + timedelta(seconds=5),
    )
    assert moved is not None
    soon = moved[0]

    reminder = await expect(stays, f"یادآوری: «{TITLE}»", wait=8)
    assert reminder.button_texts == [DETAILS]  # a service message: no opt-out button
    await expect(leaves, "نشست لغوشده")  # the cancellation notice
    await stays.settle()
    await leaves.settle()
    assert not any("یادآوری" in (m.content or "") for m in leaves.messages)
    assert not any("یادآوری: «نشست" in (m.content or "") for m in stays.messages)
    await khooshe.outbox_idle()  # the reminder is marked done once its rows are
    rows = await khooshe.rows(
        "SELECT dedupe_key, status FROM broadcasts WHERE kind = 'reminder' ORDER BY id"
    )
    states = [(r["dedupe_key"], r["status"]) for r in rows]
    assert (f"reminder:{soon.id}:v{soon.version}:2", "done") in states
    assert (f"reminder:{called_off.id}:v1:2", "cancelled") in states


async def test_reminders_are_rearmed_after_a_restart(khooshe: Khooshe) -> None:
    await khooshe.stop()
    await khooshe.start(offering_reminder_seconds=(2,))
    (member,) = await khooshe.seed_members(1)
    offering = await offer(khooshe, starts_at=datetime.now(UTC) + timedelta(seconds=6))
    (row,) = await khooshe.rows("SELECT id FROM members WHERE user_id = ?", member.id)
    await sign_up(khooshe.db, offering.id, row["id"], "leather_shoes", datetime.now(UTC))
    await khooshe.stop()
    await khooshe.start(offering_reminder_seconds=(2,))
    await expect(member, "یادآوری", wait=8)
    await member.settle()
    assert len([m for m in member.messages if "یادآوری" in (m.content or "")]) == 1
