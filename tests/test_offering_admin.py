"""Trainings and events, the staff side: the /new_offering form with its bad input, shares,
publishing; /offerings with edit, cancel, lists, export and attendance; who may do what."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import jdatetime

from bot.sandbox import BotMessage, SandboxUser
from bot.text import persian_digits
from storage.offerings import sign_up
from tests.conftest import ADMIN_ID, UNSEEN_MESSAGE, Khooshe, expect, sheet_of, shown, tap, workday
from tests.test_offerings import TITLE, offer, statuses, to_deadline, to_preview

TEHRAN = ZoneInfo("Asia/Tehran")


async def join(khooshe: Khooshe, member: SandboxUser, offering_id: int) -> str:
    (row,) = await khooshe.rows(
        "SELECT id, cluster_code FROM members WHERE user_id = ?", member.id
    )
    outcome = await sign_up(
        khooshe.db, offering_id, row["id"], row["cluster_code"], datetime.now(UTC)
    )
    return outcome.status


async def new_offering(user: SandboxUser, kind: str, title: str) -> None:
    """/new_offering up to the question for its description."""
    await user.send_command("new_offering")
    await expect(user, "چه نوعی است")
    await user.press(kind)
    await expect(user, "عنوان را بنویسید")
    await user.send_text(title)
    await expect(user, "توضیح کوتاهی")


async def edit(user: SandboxUser, item: BotMessage, field: str, question: str) -> None:
    """From a listed offering's ✏️ button up to the question for one field's new value."""
    await user.press_inline(item, "✏️ ویرایش")
    await expect(user, "تغییر کند")
    await user.press(field)
    await expect(user, question)


async def test_the_form_with_bad_input_shares_and_publishing(khooshe: Khooshe) -> None:
    leather = await khooshe.seed_members(2, "leather_shoes")
    (furniture,) = await khooshe.seed_members(1, "furniture")
    (food,) = await khooshe.seed_members(1, "food")
    admin = khooshe.admin()
    await new_offering(admin, "دوره آموزشی", TITLE)
    await admin.send_text("سرفصل‌ها: مفاهیم، ابزارها، نمونه‌های واقعی")
    await expect(admin, "زمان شروع")
    await admin.send_text("۱۴۰۰/۱/۱ ۱۰:۰۰")
    await expect(admin, "گذشته است")
    start = workday(2)
    await admin.send_text(start)
    await expect(admin, "زمان پایان")
    # A time alone is on the start's day: «ساعت ۹ صبح» is before it, «ساعت ۱۳» after.
    await admin.send_text("ساعت ۹ صبح")
    await expect(admin, "پایان باید بعد از شروع")
    await admin.send_text("ساعت ۱۳")
    await expect(admin, "مکان برگزاری")
    await admin.send_text("اتاق بازرگانی تبریز")
    await expect(admin, "ظرفیت چند نفر")
    await admin.send_text("خیلی زیاد")
    await expect(admin, "۲۰ نفر")
    await admin.send_text("۰")
    await expect(admin, "صفر")
    # "۱ نفر" was refused as a number in words; units are dropped
    await admin.send_text("۳ نفر")
    await expect(admin, "مهلت ثبت‌نام")
    await admin.send_text("ساعت ۱۳")
    await expect(admin, "بعد از شروع باشد")
    await admin.press("تا شروع")
    await expect(admin, "برای کدام خوشه‌ها")
    await tap(admin, "▫️ چرم و کفش")
    await tap(admin, "▫️ مبلمان و صنایع چوب")
    await tap(admin, "✔️ تأیید خوشه‌ها")
    await expect(admin, "سهم جداگانه")
    await admin.press("➗ تعیین سهم")
    asked = await expect(admin, "حداکثر چند جا")
    assert "مبلمان" in shown(asked)
    await admin.press("بدون سهم")
    asked = await expect(admin, "حداکثر چند جا")
    assert "چرم و کفش" in shown(asked)
    await admin.send_text("2")
    preview = await expect(admin, "پیش‌نمایش")
    text = shown(preview)
    assert TITLE in text and "چرم و کفش (حداکثر ۲ جا)" in text and "۳ عضو" in text
    await admin.press("📤 انتشار الان")
    await expect(admin, "منتشر شد")

    for member in [*leather, furniture]:
        got = await expect(member, "آموزش / رویداد تازه")
        assert TITLE in shown(got)
    assert food.messages == []
    (row,) = await khooshe.rows("SELECT * FROM offerings")
    assert (row["status"], row["capacity"], row["kind"]) == ("published", 3, "course")
    starts_at = datetime.fromisoformat(row["starts_at"])
    assert datetime.fromisoformat(row["ends_at"]) == starts_at + timedelta(hours=3)
    assert row["created_by"] == f"staff:{khooshe.platform.value}:{ADMIN_ID}"
    shares = await khooshe.rows(
        "SELECT cluster_code, seats FROM offering_clusters ORDER BY cluster_code"
    )
    assert shares == [
        {"cluster_code": "furniture", "seats": None},
        {"cluster_code": "leather_shoes", "seats": 2},
    ]
    # one reminder per lead (a day and an hour before), waiting in the outbox
    reminders = await khooshe.rows(
        "SELECT dedupe_key, status FROM broadcasts WHERE kind = 'reminder' ORDER BY send_at"
    )
    assert [r["dedupe_key"] for r in reminders] == [
        f"reminder:{row['id']}:v1:86400",
        f"reminder:{row['id']}:v1:3600",
    ]
    assert {r["status"] for r in reminders} == {"scheduled"}


async def test_manage_edit_lists_export_and_cancel(khooshe: Khooshe) -> None:
    first, second, third = await khooshe.seed_members(3)
    offering = await offer(khooshe, capacity=2)
    for member in (first, second, third):
        await join(khooshe, member, offering.id)
    admin = khooshe.admin()
    await admin.send_command("offerings")
    item = await expect(admin, "🎓 شماره ۱")
    assert "قطعی: ۲" in shown(item) and "انتظار: ۱" in shown(item)

    await admin.press_inline(item, "👥 فهرست‌ها")
    lists = await expect(admin, "ثبت‌نام‌های")
    assert "عضو 0" in shown(lists) and "فهرست انتظار (۱)" in shown(lists)

    await admin.press_inline(item, "📊 اکسل")
    table = sheet_of(await expect(admin, "ردیف"))
    values = list(table.values)
    assert values[0][:6] == ("نام", "شرکت / واحد", "خوشه", "تلفن", "وضعیت", "زمان ثبت‌نام")
    assert values[1][0] == "عضو 0" and values[1][2] == "چرم و کفش" and values[1][4] == "قطعی"
    assert "۱۴۰۵" in str(values[1][5])  # a Jalali time
    # and beside it the same moment as a date value, to sort and filter by
    assert values[0][6] == "زمان ثبت‌نام (میلادی)"
    assert table["G2"].is_date and isinstance(values[1][6], datetime)
    assert values[3][4] == "فهرست انتظار"

    # more seats: the waitlisted member moves up and is told
    await edit(admin, item, "👥 ظرفیت", "ظرفیت تازه")
    await admin.send_text("زیاد")
    await expect(admin, "۲۰ نفر")
    await admin.send_text("۱ نفر")
    await expect(admin, "کمتر شود")
    await admin.press_inline(item, "✏️ ویرایش")
    await expect(admin, "تغییر کند")
    await admin.press("👥 ظرفیت")
    await admin.send_text("۳")
    await expect(admin, "به‌روز شد")
    await expect(third, "یک جای خالی پیدا شد")

    # a typo in the title or the description can be fixed after publishing
    await edit(admin, item, "🏷 عنوان", "عنوان تازه")
    await admin.send_text("ا" * 201)
    await expect(admin, "عنوان باید")
    await admin.send_text("کارگاه هوش مصنوعی در کسب‌وکار")
    await expect(admin, "به‌روز شد")
    await edit(admin, item, "📝 توضیح", "توضیح تازه")
    await admin.send_text("همراه با نمونه‌های واقعی از خوشه‌ها")
    await expect(admin, "به‌روز شد")
    (row,) = await khooshe.rows("SELECT title, description FROM offerings")
    assert row == {
        "title": "کارگاه هوش مصنوعی در کسب‌وکار",
        "description": "همراه با نمونه‌های واقعی از خوشه‌ها",
    }

    # a new start: the reminders are made anew and those signed up are told
    await edit(admin, item, "🕒 زمان شروع", "زمان شروع تازه")
    await admin.send_text(workday(2, "۱۱:۰۰"))
    await expect(admin, "به‌روز شد")
    await expect(first, "تغییر در")
    reminders = await khooshe.rows(
        "SELECT dedupe_key, status FROM broadcasts WHERE kind = 'reminder' "
        "AND dedupe_key LIKE 'reminder:%' ORDER BY id"
    )
    by_key = {r["dedupe_key"]: r["status"] for r in reminders}
    assert by_key[f"reminder:{offering.id}:v1:3600"] == "cancelled"
    assert by_key[f"reminder:{offering.id}:v2:3600"] == "scheduled"

    await admin.press_inline(item, "🗑 لغو")
    asked = await expect(admin, "لغو شود؟")
    assert "۳ نفر" in shown(asked)
    done = await tap(admin, "🗑 بله، لغو شود")
    assert "لغو شد" in shown(done)
    for member in (first, second, third):
        await expect(member, "لغو شد")
    assert await khooshe.value("SELECT status FROM offerings") == "cancelled"
    waiting = await khooshe.rows(
        "SELECT * FROM broadcasts WHERE kind = 'reminder' AND status = 'scheduled'"
    )
    assert waiting == []
    answer = await admin.press_forged(f"ofs:cy:{offering.id}", UNSEEN_MESSAGE)  # again
    assert answer is not None and "لغو شده" in (answer.text or "")
    answer = await admin.press_inline(item, "🗑 لغو")  # the old list's button
    assert answer is not None and "لغو شده" in (answer.text or "")


async def test_attendance_after_the_start(khooshe: Khooshe) -> None:
    present, absent = await khooshe.seed_members(2)
    offering = await offer(khooshe)
    for member in (present, absent):
        await join(khooshe, member, offering.id)
    admin = khooshe.admin()
    await admin.send_command("offerings")
    item = await expect(admin, "🎓 شماره ۱")
    answer = await admin.press_inline(item, "✔️ حضور و غیاب")
    assert answer is not None and "پس از شروع" in (answer.text or "")
    started = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
    await khooshe.write("UPDATE offerings SET starts_at = ?", started)
    await admin.press_inline(item, "✔️ حضور و غیاب")
    sheet = await expect(admin, "حاضر: ۰ از ۲")
    assert sheet.button_texts == ["▫️ عضو 0", "▫️ عضو 1"]
    marked = await tap(admin, "▫️ عضو 0")
    assert "✅ عضو 0" in marked.button_texts and "حاضر: ۱ از ۲" in shown(marked)
    rows = await khooshe.rows("SELECT attended FROM signups ORDER BY seq")
    assert [r["attended"] for r in rows] == [1, 0]


async def test_members_and_other_clusters_agents_cannot_manage(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1, "leather_shoes")
    furniture_offering = await offer(khooshe, clusters={"furniture": None})
    own = await offer(khooshe, clusters={"leather_shoes": None}, title="کارگاه چرم")
    assert await join(khooshe, member, own.id) == "confirmed"
    await member.send_command("new_offering")
    denied = await expect(member, "فقط برای کارشناسان")
    for forged in ("ofs:c:2", "ofs:cy:2", "ofs:x:2", "ofs:ao:2", "ofs:es:2", "ofs:at:2:1:0"):
        answer = await member.press_forged(forged, denied.message_id)
        assert answer is not None and "فقط برای کارشناسان" in (answer.text or ""), forged

    agent = await khooshe.agent("leather_shoes")
    await agent.send_command("offerings")
    item = await expect(agent, "کارگاه چرم")
    await agent.settle()
    assert not any(TITLE in (m.content or "") for m in agent.messages)
    for forged in (f"ofs:cy:{furniture_offering.id}", f"ofs:x:{furniture_offering.id}"):
        answer = await agent.press_forged(forged, UNSEEN_MESSAGE)
        assert answer is not None and "در حوزه شما نیست" in (answer.text or ""), forged
    rows = await khooshe.rows("SELECT id, status FROM offerings ORDER BY id")
    assert [r["status"] for r in rows] == ["published", "published"]
    # the agent's own offering: theirs to manage
    await agent.press_inline(item, "🗑 لغو")
    await expect(agent, "لغو شود؟")
    await tap(agent, "🗑 بله، لغو شود")
    await expect(member, "لغو شد")
    assert await statuses(khooshe, own) == [(member.id, "confirmed")]

    # the agent's form offers only their clusters; a forged one is refused
    await new_offering(agent, "کارگاه آموزشی", "کارگاه بسته‌بندی")
    await agent.press("صرف‌نظر »")
    await to_deadline(agent, workday(2, "۱۰:۰۰"), "https://meet.example/khooshe", None)
    await agent.press("تا شروع")
    picker = await expect(agent, "فقط خوشه‌های خودتان")
    assert [b for b in picker.button_texts if b.startswith("▫️")] == ["▫️ چرم و کفش"]
    answer = await agent.press_forged("ofn:t:furniture", UNSEEN_MESSAGE)
    assert answer is not None and "فقط برای خوشه‌های خودتان" in (answer.text or "")
    await tap(agent, "✔️ تأیید خوشه‌ها")
    preview = await expect(agent, "پیش‌نمایش")
    assert "چرم و کفش" in shown(preview) and "بدون محدودیت ظرفیت" in shown(preview)
    await agent.press("📤 انتشار الان")
    await expect(agent, "منتشر شد")
    rows = await khooshe.rows(
        "SELECT o.capacity, c.cluster_code FROM offerings o "
        "JOIN offering_clusters c ON c.offering_id = o.id WHERE o.id = 3"
    )
    assert rows == [{"capacity": None, "cluster_code": "leather_shoes"}]


async def test_the_form_survives_a_restart_and_publishing_can_wait(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    admin = khooshe.admin()
    await admin.send_command("new_offering")
    await expect(admin, "چه نوعی است")
    await admin.press("نمایشگاه")
    await expect(admin, "عنوان را بنویسید")
    await admin.send_sticker()
    await expect(admin, "به‌صورت متن")
    await admin.send_text("نمایشگاه مبلمان تبریز")
    await expect(admin, "توضیح کوتاهی")
    await khooshe.stop()
    await khooshe.start()
    await admin.send_text("غرفه‌های رایگان برای اعضای خوشه")  # the answer to the same step
    await to_deadline(admin, workday(2, "۱۰:۰۰"), "نمایشگاه بین‌المللی تبریز", None)
    await to_preview(admin)
    await admin.press("🕒 زمان‌بندی انتشار")
    await expect(admin, "چه زمانی منتشر")
    await admin.send_text("۱۴۰۰/۱/۱ ۱۰:۰۰")
    await expect(admin, "گذشته است")
    await admin.send_text(workday(2, "۱۱:۰۰"))  # after the start
    await expect(admin, "پیش از شروع باشد")
    await admin.send_text("فردا ۹ صبح")
    await expect(admin, "انتشار و اعلام آن برای")
    (row,) = await khooshe.rows("SELECT id, status, published_at, description FROM offerings")
    assert row["description"] == "غرفه‌های رایگان برای اعضای خوشه"
    assert datetime.fromisoformat(row["published_at"]) > datetime.now(UTC)
    (announcement,) = await khooshe.rows(
        "SELECT status, kind FROM broadcasts WHERE dedupe_key = ?", f"offering:{row['id']}"
    )
    assert announcement == {"status": "scheduled", "kind": "offering"}
    # not visible to members before its time
    await member.send_text("🎓 آموزش‌ها و رویدادها")
    await expect(member, "در پیش نیست")
    answer = await member.press_forged(f"of:joinok:{row['id']}", UNSEEN_MESSAGE)
    assert answer is not None and "در دسترس نیست" in (answer.text or "")
    assert await khooshe.rows("SELECT * FROM signups") == []


def _jalali(moment: datetime, hour: int) -> str:
    """A date as staff type it: «۱۴۰۵/۹/۸ ۱۰:۰۰» (Persian digits), in Tehran."""
    day = jdatetime.date.fromgregorian(date=moment.astimezone(TEHRAN).date())
    return persian_digits(f"{day.year}/{day.month}/{day.day} {hour}:00")


def _tehran(moment: datetime, hour: int) -> str:
    local = datetime.combine(moment.astimezone(TEHRAN).date(), time(hour), TEHRAN)
    return local.astimezone(UTC).isoformat(timespec="seconds")


async def test_the_end_and_the_sign_up_deadline_can_be_moved(khooshe: Khooshe) -> None:
    now = datetime.now(UTC)
    offering = await offer(khooshe, deadline=now + timedelta(hours=3))  # starts in 5 days
    admin = khooshe.admin()
    await admin.send_command("offerings")
    item = await expect(admin, "🎓 شماره ۱")

    await edit(admin, item, "⏳ مهلت ثبت‌نام", "مهلت ثبت‌نام تازه")
    await admin.send_text(_jalali(now + timedelta(days=7), 10))
    await expect(admin, "نمی‌تواند بعد از شروع")  # the same step again
    await admin.send_text(_jalali(now + timedelta(days=2), 10))
    await expect(admin, "به‌روز شد")

    await edit(admin, item, "🏁 زمان پایان", "زمان پایان تازه")
    await admin.send_text(_jalali(now + timedelta(days=2), 10))
    await expect(admin, "پایان باید بعد از شروع")
    await admin.send_text(_jalali(now + timedelta(days=6), 12))
    await expect(admin, "به‌روز شد")

    (row,) = await khooshe.rows("SELECT deadline, ends_at, version FROM offerings")
    assert row == {
        "deadline": _tehran(now + timedelta(days=2), 10),
        "ends_at": _tehran(now + timedelta(days=6), 12),
        "version": offering.version,  # the start did not move: the reminders stay
    }


async def test_a_start_moved_to_a_friday_is_kept_only_when_confirmed(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    offering = await offer(khooshe)
    await join(khooshe, member, offering.id)
    admin = khooshe.admin()
    await admin.send_command("offerings")
    item = await expect(admin, "🎓 شماره ۱")
    await edit(admin, item, "🕒 زمان شروع", "زمان شروع تازه")
    await admin.send_text("جمعه ساعت ۹ صبح")
    warned = await expect(admin, "همین روز بماند")
    assert "تعطیل" in shown(warned)
    # nothing changed before the confirm
    assert await khooshe.value("SELECT version FROM offerings") == offering.version
    await admin.press_inline(warned, "✅ بله، همین روز")
    await expect(admin, "به‌روز شد")
    await expect(member, "تغییر در")
    (row,) = await khooshe.rows("SELECT starts_at, version FROM offerings")
    starts_at = datetime.fromisoformat(row["starts_at"]).astimezone(TEHRAN)
    assert (starts_at.weekday(), starts_at.hour) == (4, 9) and row["version"] > offering.version
    answer = await admin.press_forged("ofn:dayok", UNSEEN_MESSAGE)  # again: nothing more
    assert answer is not None and "فعال نیست" in (answer.text or "")
    (again,) = await khooshe.rows("SELECT version FROM offerings")
    assert again == {"version": row["version"]}

    # Warned, then another time typed instead: a working day goes through at once.
    await edit(admin, item, "🕒 زمان شروع", "زمان شروع تازه")
    await admin.send_text("جمعه ساعت ۹ صبح")
    await expect(admin, "همین روز بماند")
    await admin.send_text(workday(3, "۱۱:۰۰"))
    await expect(admin, "به‌روز شد")
    (row,) = await khooshe.rows("SELECT starts_at FROM offerings")
    assert datetime.fromisoformat(row["starts_at"]).astimezone(TEHRAN).weekday() != 4


async def test_a_long_list_of_offerings_goes_on_with_a_button(khooshe: Khooshe) -> None:
    soon = datetime.now(UTC) + timedelta(days=2)
    for day in range(12):
        await offer(khooshe, title=f"دوره {day + 1}", starts_at=soon + timedelta(days=day))
    admin = khooshe.admin()
    await admin.send_command("offerings")
    more = await expect(admin, "۲ مورد دیگر هم هست")
    cards = [m for m in admin.messages if "🎓 شماره" in (m.content or "")]
    assert len(cards) == 10 and shown(cards[0]).startswith("🎓 شماره ۱: دوره 1")  # soonest first
    await admin.press_inline(more, "⬇️ ادامه فهرست")
    eleventh = await expect(admin, "🎓 شماره ۱۱")
    assert "دوره 11" in shown(eleventh) and eleventh.button("✏️ ویرایش") is not None
    await expect(admin, "🎓 شماره ۱۲")
    assert (more.content or "").startswith("⬇️ ادامه فهرست")  # the pressed button is gone
    (member,) = await khooshe.seed_members(1)
    answer = await member.press_forged("ofs:m:10", more.message_id)
    assert answer is not None and "فقط برای کارشناسان" in (answer.text or "")
    assert not any("شماره" in (m.content or "") for m in member.messages)


async def test_dates_and_numbers_as_staff_type_them(khooshe: Khooshe) -> None:
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await new_offering(admin, "دوره آموزشی", TITLE)
    await admin.press("صرف‌نظر »")
    await expect(admin, "زمان شروع")
    # "جمعه ۵" was silently 05:00: the hour is asked about, then the Friday needs a confirm.
    await admin.send_text("جمعه ۵")
    asked = await expect(admin, "صبح یا")
    await admin.press_inline(asked, "۵ عصر")
    warned = await expect(admin, "همین روز بماند")
    assert "تعطیل" in shown(warned) and "۱۷:۰۰" in shown(warned)
    # Another time typed instead: a range gives the start and the end, on a working day.
    await admin.send_text(workday(2, "ساعت ۱۶ الی ۱۸"))
    taken = await expect(admin, "پایان:")
    assert "۱۶:۰۰" in shown(taken) and "۱۸:۰۰" in shown(taken)
    await expect(admin, "مکان برگزاری")
    await admin.send_text("اتاق بازرگانی تبریز")
    await expect(admin, "ظرفیت چند نفر")
    await admin.send_text("۱ نفر")  # was refused as "a number in words"
    await expect(admin, "مهلت ثبت‌نام")
    await to_preview(admin)
    await admin.press("📤 انتشار الان")
    await expect(admin, "منتشر شد")
    (row,) = await khooshe.rows("SELECT starts_at, ends_at, capacity FROM offerings")
    starts_at = datetime.fromisoformat(row["starts_at"]).astimezone(TEHRAN)
    ends_at = datetime.fromisoformat(row["ends_at"]).astimezone(TEHRAN)
    assert (starts_at.hour, ends_at.hour, ends_at.date()) == (16, 18, starts_at.date())
    assert row["capacity"] == 1

    # The Friday kept after its warning, and an end typed as a time alone.
    await new_offering(admin, "دوره آموزشی", "کارگاه دوم")
    await admin.press("صرف‌نظر »")
    await expect(admin, "زمان شروع")
    await admin.send_text("جمعه ساعت ۹ صبح")
    warned = await expect(admin, "همین روز بماند")
    await admin.press_inline(warned, "✅ بله، همین روز")
    await expect(admin, "زمان پایان")
    await admin.send_text("۱۳")
    await expect(admin, "مکان برگزاری")
    (draft,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    stored = json.loads(draft["data"])["offering"]
    starts_at = datetime.fromisoformat(stored["starts_at"]).astimezone(TEHRAN)
    ends_at = datetime.fromisoformat(stored["ends_at"]).astimezone(TEHRAN)
    assert starts_at.weekday() == 4 and (starts_at.hour, ends_at.hour) == (9, 13)
    assert ends_at.date() == starts_at.date()
