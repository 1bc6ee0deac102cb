"""The weekly digest end to end: built from stored reports, sent through the outbox once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from bot.i18n import format_date
from bot.sandbox import SandboxUser
from bot.services.digest.service import Digests, make_digests
from bot.services.digest.week import reported_week
from bot.text import persian_digits
from storage.digest import digest_recipients
from storage.members import get_member
from storage.reports import (
    NewReport,
    Report,
    add_event,
    change_status,
    create_report,
    join_report,
)
from tests.conftest import ADMIN_ID, Khooshe, expect, register, shown, wait_for
from tests.test_report_followup import not_solved
from tests.test_reports import POWER_CUT, file_report

STAFF = f"staff:test:{ADMIN_ID}"


def _digests(khooshe: Khooshe) -> Digests:
    assert khooshe.runtime is not None
    return make_digests(khooshe.runtime.apps[khooshe.platform].state)


async def _member_id(khooshe: Khooshe, user: SandboxUser) -> int:
    member = await get_member(khooshe.db, khooshe.platform.value, user.id)
    assert member is not None
    return member.id


async def _report(
    khooshe: Khooshe, user: SandboxUser, summary: str, cluster: str = "leather_shoes"
) -> Report:
    new = NewReport("electricity", "electricity", False, summary, summary)
    report, _ = await create_report(
        khooshe.db, await _member_id(khooshe, user), cluster, khooshe.platform.value, new,
        client_key=f"test:{summary}",
    )  # fmt: skip
    return report


async def _answered(khooshe: Khooshe, report: Report, reply: str = "پیگیری می‌کنیم") -> None:
    await change_status(khooshe.db, report.id, "new", "in_review", STAFF)
    await add_event(khooshe.db, report.id, STAFF, "reply", reply)


def _next_saturday() -> datetime:
    """A run a week from now reports the current week (the one the test's events are in)."""
    return datetime.now(UTC) + timedelta(days=7)


def jalali_day(moment: datetime) -> str:
    return format_date(moment, "fa", moment.tzinfo)  # type: ignore[arg-type]


def _digest_copies(user: SandboxUser) -> int:
    return sum("خلاصه هفته شما" in (m.content or "") for m in user.messages)


async def test_members_get_their_week_once_and_can_turn_it_off(khooshe: Khooshe) -> None:
    filer, joiner, quiet, blocker = await khooshe.seed_members(4)
    (elsewhere,) = await khooshe.seed_members(1, cluster="furniture")
    report = await _report(khooshe, filer, "قطعی برق سه روز")
    assert await join_report(khooshe.db, report.id, await _member_id(khooshe, joiner))
    await _answered(khooshe, report)
    await change_status(khooshe.db, report.id, "in_review", "resolved", STAFF)
    await _answered(khooshe, await _report(khooshe, blocker, "فشار گاز پایین است"))
    khooshe.sandbox.block(blocker.id)

    digests = _digests(khooshe)
    assert await digests.run(_next_saturday()) == {"members": True, "staff": True}
    # the job firing again the same week queues nothing
    assert await digests.run(_next_saturday()) == {"members": False, "staff": False}

    message = await expect(filer, "خلاصه هفته شما", wait=10)
    text = shown(message)
    assert f"گزارش {persian_digits(report.code)} «قطعی برق سه روز»" in text
    assert "وضعیت: در حال بررسی ← حل‌شده" in text
    assert "یک پاسخ کارشناس" in text and "یک عضو دیگر به آن پیوست" in text
    assert "خوشه چرم و کفش در این هفته: ۲ گزارش تازه ثبت شد و ۱ گزارش حل شد." in text
    week = reported_week(_next_saturday(), khooshe.settings().tz)
    assert jalali_day(week.start) in text  # «شنبه ۱۴ آذر ۱۴۰۵»: Jalali, Persian digits
    await expect(joiner, "قطعی برق سه روز")

    admin = khooshe.admin()
    chart = await expect(admin, "گزارش‌های تازه این هفته در برابر هفته قبل", wait=10)
    assert chart.photo is not None and chart.photo.data.startswith(b"\x89PNG")
    staff = shown(await expect(admin, "گزارش هفتگی کارشناسان"))
    assert "گزارش‌های تازه: ۲" in staff and "حل‌شده: ۱" in staff

    assert await wait_for(lambda: False, 0.5) is False  # let stray copies arrive, if any
    assert _digest_copies(filer) == 1 and _digest_copies(joiner) == 1
    assert quiet.messages == [] and elsewhere.messages == []  # nothing to tell: nothing sent
    rows = await khooshe.rows(
        "SELECT b.kind, o.chat_id, o.status FROM outbox o "
        "JOIN broadcasts b ON b.id = o.broadcast_id"
    )
    assert Counter(r["kind"] for r in rows) == {"digest": 3, "staff_digest": 1}
    (blocked,) = await khooshe.rows("SELECT status FROM members WHERE user_id = ?", blocker.id)
    assert blocked["status"] == "blocked"  # the outbox marked them

    answer = await filer.press_inline(message, callback_data="dg:off")
    assert answer is not None and "دیگر خلاصه هفتگی" in (answer.text or "")
    assert await khooshe.value("SELECT digest FROM members WHERE user_id = ?", filer.id) == 0
    # from now on the member who turned it off is not among the readers, news or not
    readers = await digest_recipients(khooshe.db, [khooshe.platform.value])
    assert filer.id not in {r.chat_id for r in readers} and joiner.id in {
        r.chat_id for r in readers
    }


async def test_a_restart_in_the_middle_of_sending_sends_no_second_copy(khooshe: Khooshe) -> None:
    await khooshe.stop()
    slow = {"telegram_rate_limit": 4, "bale_rate_limit": 4, "outbox_workers": 1}
    await khooshe.start(**slow)
    members = await khooshe.seed_members(12)
    for i, member in enumerate(members):
        await _answered(khooshe, await _report(khooshe, member, f"مشکل شماره {i}"))
    ids = {m.id for m in members}

    def delivered() -> Counter[int]:
        return Counter(
            int(call.params["chat_id"])
            for call in khooshe.sandbox.calls_to("sendMessage")
            if call.error_code is None and int(call.params["chat_id"]) in ids
        )

    await _digests(khooshe).run(_next_saturday())
    assert await wait_for(lambda: sum(delivered().values()) >= 3, 20)
    await khooshe.stop()
    assert sum(delivered().values()) < len(members)  # it really stopped in the middle
    await khooshe.start(**slow)
    # the job fires again after the restart: the week's broadcast exists, nothing is added
    assert await _digests(khooshe).run(_next_saturday()) == {"members": False, "staff": False}
    assert await wait_for(lambda: delivered().keys() == ids, 30)
    assert await wait_for(lambda: False, 0.5) is False
    assert set(delivered().values()) == {1}  # exactly one copy each
    statuses = await khooshe.rows(
        "SELECT o.status FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id "
        "WHERE b.kind = 'digest'"
    )
    assert Counter(r["status"] for r in statuses) == {"sent": len(members)}


async def test_a_run_missed_while_down_is_sent_on_start_within_the_grace_period(
    khooshe: Khooshe,
) -> None:
    tz = khooshe.settings().tz
    group = khooshe.sandbox.group(token=khooshe.token)
    await khooshe.stop()

    async def start_due(ago: timedelta) -> None:
        due = (datetime.now(UTC) - ago).astimezone(tz)
        await khooshe.start(
            digest_weekday=due.weekday(),
            digest_time=due.time().replace(second=0, microsecond=0),
            digest_grace_minutes=60,
            **{f"{khooshe.platform.value}_staff_chat_id": group.id},
        )

    await start_due(timedelta(hours=2))  # too late: not sent
    assert await khooshe.rows("SELECT id FROM broadcasts") == []
    await khooshe.stop()

    await start_due(timedelta(minutes=30))
    admin = khooshe.admin()
    await expect(admin, "گزارش هفتگی کارشناسان", wait=10)
    await expect(group, "دامنه: همه خوشه‌ها", wait=10)  # the staff group reads it too
    week = reported_week(datetime.now(UTC) - timedelta(minutes=30), tz)
    keys = {r["dedupe_key"] for r in await khooshe.rows("SELECT dedupe_key FROM broadcasts")}
    assert keys == {f"digest:members:{week.key}", f"digest:staff:{week.key}"}
    await khooshe.stop()

    await start_due(timedelta(minutes=31))  # the same run, found again at the next start
    assert await wait_for(lambda: False, 1.0) is False
    assert sum("گزارش هفتگی کارشناسان" in (m.content or "") for m in admin.messages) == 1
    assert sum("گزارش هفتگی کارشناسان" in (m.content or "") for m in group.messages) == 1
    assert len(await khooshe.rows("SELECT id FROM broadcasts")) == 2


async def test_preview_is_scoped_for_an_agent_and_denied_to_a_member(khooshe: Khooshe) -> None:
    (carpenter,) = await khooshe.seed_members(1, cluster="furniture")
    (shoemaker,) = await khooshe.seed_members(1, cluster="leather_shoes")
    (agent,) = await khooshe.seed_members(1, cluster="furniture")
    await _answered(khooshe, await _report(khooshe, carpenter, "نبود چوب راش", "furniture"))
    await _answered(khooshe, await _report(khooshe, shoemaker, "قطعی برق چرم"))
    await khooshe.grant(agent, "furniture")

    await agent.send_command("digest_preview")
    await expect(agent, "پیش‌نمایش گزارش هفتگی", wait=10)
    chart = await expect(agent, "گزارش‌های تازه این هفته")
    assert chart.photo is not None
    staff = shown(await expect(agent, "گزارش هفتگی کارشناسان"))
    assert "مبلمان و صنایع چوب" in staff and "گزارش‌های تازه: ۱" in staff
    assert "چرم و کفش" not in staff
    await expect(agent, "نمونه خلاصه هفتگی")
    sample = shown(await expect(agent, "خلاصه هفته شما"))
    assert "نبود چوب راش" in sample and "قطعی برق چرم" not in sample

    await shoemaker.send_command("digest_preview")
    await expect(shoemaker, "فقط برای کارشناسان مجاز است")
    await shoemaker.settle()
    assert not any("گزارش هفتگی" in (m.content or "") for m in shoemaker.messages)

    admin = khooshe.admin()
    await admin.send_command("digest_preview")
    everything = shown(await expect(admin, "دامنه:", wait=10))
    assert "همه خوشه‌ها" in everything and "گزارش‌های تازه: ۲" in everything


async def test_the_profile_turns_the_digest_off_and_on(khooshe: Khooshe) -> None:
    (member,) = await khooshe.seed_members(1)
    await member.send_command("profile")
    card = await expect(member, "پروفایل شما")
    assert "📰 خلاصه هفتگی: روشن (برای خاموش کردن بزنید)" in card.button_texts
    answer = await member.press("📰 خلاصه هفتگی: روشن (برای خاموش کردن بزنید)")
    assert answer is not None and "دیگر خلاصه هفتگی" in (answer.text or "")
    assert await khooshe.value("SELECT digest FROM members WHERE user_id = ?", member.id) == 0
    await member.settle()  # the card is edited to show the new state
    answer = await member.press("📭 خلاصه هفتگی: خاموش (برای روشن کردن بزنید)")
    assert answer is not None and "دوباره روشن" in (answer.text or "")
    (row,) = await khooshe.rows("SELECT digest, announcements FROM members WHERE user_id = ?",
                                member.id)  # fmt: skip
    assert row["digest"] == 1 and row["announcements"] == 1


async def test_the_digest_lists_next_weeks_trainings_and_their_fill_rates(
    khooshe: Khooshe,
) -> None:
    from tests.test_offering_admin import join
    from tests.test_offerings import TITLE, offer

    filer, other = await khooshe.seed_members(2)
    await _answered(khooshe, await _report(khooshe, filer, "کمبود مواد اولیه"))
    run_at = _next_saturday()
    week = reported_week(run_at, khooshe.settings().tz)
    course = await offer(khooshe, starts_at=week.end + timedelta(days=2), capacity=3)
    assert await join(khooshe, other, course.id) == "confirmed"
    await offer(khooshe, title="نمایشگاه چرم", starts_at=week.end + timedelta(days=9))  # later
    await offer(khooshe, title="همایش مبلمان", clusters={"furniture": None},
                starts_at=week.end + timedelta(days=3))  # fmt: skip

    # The admin's chat exists before the digest goes (the outbox may reach it first now
    # that each chat is paced on its own: the members had an announcement a moment ago).
    admin = khooshe.admin()
    assert await _digests(khooshe).run(run_at) == {"members": True, "staff": True}
    message = await expect(filer, "خلاصه هفته شما", wait=10)
    text = shown(message)
    assert "هفته پیش رو" in text and TITLE in text and "۲ جای خالی" in text
    assert "نمایشگاه چرم" not in text  # not next week
    assert "همایش مبلمان" not in text  # not for this member's cluster
    assert message.button(callback_data=f"of:view:{course.id}") is not None
    staff = shown(await expect(admin, "گزارش هفتگی کارشناسان", wait=10))
    assert f"{TITLE}: یک نفر ثبت‌نام کرده است (از ۳ جا)" in staff
    assert "همایش مبلمان: هنوز کسی ثبت‌نام نکرده است (از ۲ جا)" in staff
    assert "۰ نفر" not in staff  # nobody is not a number of people


async def test_a_reopened_report_is_told_as_it_is_now(khooshe: Khooshe) -> None:
    """Resolved by staff, reopened by the member's «❌ نه، هنوز نه»: the digest tells every step
    in order, ending with the status the report has now, and staff do not count it resolved."""
    admin, member = khooshe.admin(), khooshe.member()
    await register(member)
    code = await file_report(member, POWER_CUT)
    card = await expect(admin, "گزارش تازه")  # no staff group: the admin's own chat
    await admin.press_inline(card, "🙋 برمی‌دارم")
    await admin.press_inline(card, "🔄 تغییر وضعیت")
    await admin.press_inline(await expect(admin, "وضعیت تازه"), "حل‌شده")
    await not_solved(khooshe, member, "برق هنوز هر روز قطع می‌شود")
    await admin.settle()

    assert await _digests(khooshe).run(_next_saturday()) == {"members": True, "staff": True}
    text = shown(await expect(member, "خلاصه هفته شما", wait=10))
    assert f"گزارش {code}" in text
    assert "وضعیت: در حال بررسی ← حل‌شده ← در حال بررسی" in text
    assert "۱ گزارش حل‌شده" not in text
    staff = shown(await expect(admin, "گزارش هفتگی کارشناسان", wait=10))
    assert "گزارش‌های تازه: ۱" in staff and "حل‌شده: ۰" in staff


async def test_an_agent_whose_clusters_had_no_reports_gets_no_chart(khooshe: Khooshe) -> None:
    """An empty chart says nothing and is the digest's slowest part: none is drawn."""
    (shoemaker,) = await khooshe.seed_members(1, cluster="leather_shoes")
    (agent,) = await khooshe.seed_members(1, cluster="furniture")
    await _answered(khooshe, await _report(khooshe, shoemaker, "قطعی برق چرم"))
    await khooshe.grant(agent, "furniture")
    await agent.send_command("digest_preview")
    await expect(agent, "پیش‌نمایش گزارش هفتگی", wait=10)
    staff = shown(await expect(agent, "گزارش هفتگی کارشناسان"))
    assert "مبلمان و صنایع چوب" in staff and "چرم و کفش" not in staff
    await expect(agent, "نمونه خلاصه هفتگی")
    assert [m for m in agent.messages if m.photo is not None] == []
    # staff, who see every cluster, get the chart of the shoemaker's report
    admin = khooshe.admin()
    await admin.send_command("digest_preview")
    chart = await expect(admin, "گزارش‌های تازه این هفته", wait=10)
    assert chart.photo is not None
