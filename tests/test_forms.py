"""Every form comes from handlers/forms.py: the same ways out, and a timeout that closes an
abandoned form, keeps its draft and says where it is."""

from __future__ import annotations

from tests.conftest import Khooshe, expect, shown


async def test_an_abandoned_report_times_out_and_its_draft_comes_back(khooshe: Khooshe) -> None:
    await khooshe.stop()
    await khooshe.start(form_timeout_seconds=1)
    (member,) = await khooshe.seed_members(1)
    await member.send_text("📝 ثبت مشکل")
    await expect(member, "با کلمات خودتان")
    await member.send_text("آب شهرک از صبح قطع است و خط تولید خوابیده")
    await expect(member, "دریافت شد")
    told = await expect(member, "بی‌پاسخ ماند", wait=30)  # the timeout job, a second later
    assert "ثبت مشکل" in shown(told)
    states = await khooshe.rows(
        "SELECT state FROM ptb_conversations WHERE name = 'report_form' AND key LIKE ?",
        f"%{member.id}%",
    )
    assert states == []  # the form is closed (and a restart will not reopen it)
    await member.send_text("📝 ثبت مشکل")
    await expect(member, "محفوظ است")
    await member.press("✅ تمام شد")  # the kept text is the description
    await expect(member, "به نظر می‌رسد", wait=30)


async def test_an_abandoned_registration_resumes_at_its_step(khooshe: Khooshe) -> None:
    await khooshe.stop()
    await khooshe.start(form_timeout_seconds=1)
    user = khooshe.member()
    await user.send_command("start")
    await expect(user, "نام و نام خانوادگی")
    await user.send_text("رضا قلی‌زاده")
    await expect(user, "شرکت")
    await expect(user, "پاسخ‌هایتان نگه داشته شد", wait=30)
    await user.send_command("start")
    await expect(user, "نیمه‌کاره")
    await expect(user, "شرکت")  # the next question, the name kept
