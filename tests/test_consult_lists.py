"""Oversight of advisory cores (issue 17): /consultations scoped per adviser, with figures,
filters and an .xlsx; the overdue flag after two working days without an adviser."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook

from bot import callbacks as cb
from bot.sandbox import SandboxUser
from bot.services.consult_overdue import JOB_NAME as OVERDUE_JOB
from storage.consultations import NewConsultation, answered, create_consultation, rate
from storage.cores import Core, grant_adviser
from tests.conftest import Khooshe, expect, register, shown, wait_for
from tests.test_consult import _cores

AI = "هوش مصنوعی برای کنترل کیفیت"
LOAN = "وام سرمایه در گردش"


async def _asked(khooshe: Khooshe, core: Core, question: str, key: str) -> int:
    (member,) = await khooshe.rows("SELECT id, cluster_code FROM members LIMIT 1")
    new = NewConsultation(core.id, core.id, question, question)
    consultation, _ = await create_consultation(
        khooshe.db, member["id"], member["cluster_code"], khooshe.platform.value, new, key
    )
    return consultation.id


async def _adviser(khooshe: Khooshe, core: Core) -> SandboxUser:
    user = khooshe.member()
    await grant_adviser(khooshe.db, core.id, khooshe.platform.value, user.id, 1)
    return user


async def test_consultations_are_scoped_with_figures_filters_and_export(
    khooshe: Khooshe,
) -> None:
    cores = await _cores(khooshe)
    member = khooshe.member()
    await register(member, name="مریم رضایی")
    tech, money = cores["technology"], cores["finance"]
    first = await _asked(khooshe, tech, AI, "a")
    await _asked(khooshe, tech, AI + " دوم", "b")
    await _asked(khooshe, money, LOAN, "c")
    await answered(khooshe.db, first, "staff:x:1", "پاسخ")
    await rate(khooshe.db, first, 4, "member:1")
    adviser = await _adviser(khooshe, tech)

    await adviser.send_command("consultations")
    listing = await expect(adviser, "درخواست‌های مشاوره")
    text = shown(listing)
    assert TECHNOLOGY_NAME in text and FINANCE_NAME not in text and LOAN not in text
    assert "۳ درخواست" not in text and "۲ درخواست" in text  # the figures: their core only
    assert "امتیاز ۴.۰" in text and "مریم رضایی" in text
    # A forged filter naming another core shows nothing of it.
    answer = await adviser.press_forged(cb.CONSULT_LIST.pack(money.id, "all", "0"))
    assert answer is not None
    await adviser.settle()
    seen = "\n".join(m.content or "" for m in adviser.messages)
    assert LOAN not in seen and FINANCE_NAME not in seen
    # Filters: answered only.
    await adviser.press_inline(listing, "پاسخ‌داده")
    edited = await adviser.chat.next_edit()
    assert "۱ از ۱ درخواست" in shown(edited)
    await adviser.press_inline(edited, "📊 اکسل")
    sent = await expect(adviser, "ردیف")
    assert sent.document is not None
    sheet = load_workbook(io.BytesIO(sent.document.data)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 2 and AI in values[1]

    admin = khooshe.admin()
    await admin.send_command("consultations")
    everything = shown(await expect(admin, "درخواست‌های مشاوره"))
    assert TECHNOLOGY_NAME in everything and FINANCE_NAME in everything
    await member.send_command("consultations")
    await expect(member, "برای مشاوران")


async def test_a_request_nobody_takes_is_flagged_overdue_once(khooshe: Khooshe) -> None:
    await khooshe.stop()
    await khooshe.start(consult_overdue_check_seconds=1)
    cores = await _cores(khooshe)
    member = khooshe.member()
    await register(member)
    tech = cores["technology"]
    adviser = await _adviser(khooshe, tech)
    late = await _asked(khooshe, tech, AI, "late")
    fresh = await _asked(khooshe, tech, AI + " تازه", "fresh")
    week_ago = (datetime.now(UTC) - timedelta(days=7)).isoformat(timespec="seconds")
    await khooshe.write("UPDATE consultations SET created_at = ? WHERE id = ?", week_ago, late)
    flag = await expect(adviser, "بی‌پاسخ", wait=15)
    (code,) = await khooshe.rows("SELECT code FROM consultations WHERE id = ?", late)
    assert code["code"] in shown(flag).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    await expect(khooshe.admin(), "بی‌پاسخ")  # no staff group: the admins privately
    rows = await khooshe.rows("SELECT id, overdue_at FROM consultations ORDER BY id")
    assert [r["overdue_at"] is not None for r in rows] == [True, False]
    assert rows[1]["id"] == fresh
    # Later runs tell nobody again.
    assert khooshe.runtime is not None
    outbox = khooshe.runtime.outbox
    assert outbox is not None and outbox.jobs is not None and outbox.jobs_at_work is not None
    (job,) = outbox.jobs.get_jobs_by_name(OVERDUE_JOB)
    runs, job_id = outbox.jobs_at_work.runs, str(job.id)
    done = runs[job_id]
    assert await wait_for(lambda: runs[job_id] >= done + 2, 15)
    await adviser.settle()
    assert len([m for m in adviser.messages if "بی‌پاسخ" in (m.content or "")]) == 1
    events = await khooshe.rows("SELECT kind FROM consultation_events WHERE kind = 'overdue'")
    assert len(events) == 1


TECHNOLOGY_NAME = "هسته فناوری و هوش مصنوعی"
FINANCE_NAME = "هسته مالی و تأمین سرمایه"


async def test_the_weekly_digest_has_open_requests_and_a_section_per_core(
    khooshe: Khooshe,
) -> None:
    from bot.services.digest.service import make_digests

    cores = await _cores(khooshe)
    asker, quiet = await khooshe.seed_members(2)
    request = await _asked(khooshe, cores["technology"], AI, "digest")
    assert khooshe.runtime is not None
    digests = make_digests(khooshe.runtime.apps[khooshe.platform].state)
    assert await digests.run(datetime.now(UTC) + timedelta(days=7)) == {
        "members": True,
        "staff": True,
    }
    (code,) = await khooshe.rows("SELECT code FROM consultations WHERE id = ?", request)
    text = shown(await expect(asker, "خلاصه هفته شما", wait=10))
    assert "۱ درخواست مشاوره باز دارید" in text
    assert code["code"] in text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    staff = shown(await expect(khooshe.admin(), "گزارش هفتگی کارشناسان", wait=10))
    assert "هسته‌های مشاوره" in staff
    assert f"{TECHNOLOGY_NAME}: ۱ درخواست تازه، ۱ باز" in staff
    assert f"{FINANCE_NAME}: ۰ درخواست تازه، ۰ باز" in staff
    await quiet.settle()
    assert quiet.messages == []  # nothing for them: no digest
