"""The /new_offering form's end step as staff type it («تا ۱۲ و نیم», «ساعت ۸» after a 16:00
start), what each time step echoes back, and the preview's times."""

from __future__ import annotations

from tests.conftest import Khooshe, expect, shown, tap, workday
from tests.test_offering_admin import new_offering


async def test_the_end_step_reads_until_and_an_hour_after_the_start(khooshe: Khooshe) -> None:
    await khooshe.seed_members(1)
    admin = khooshe.admin()
    await new_offering(admin, "کارگاه آموزشی", "کارگاه مدیریت انرژی")
    await admin.press("صرف‌نظر »")
    await expect(admin, "زمان شروع")
    await admin.send_text(workday(2, "ساعت ۱۶"))
    await expect(admin, "زمان پایان")
    # a part of the day said is kept as said (and refused: before the start)
    await admin.send_text("ساعت ۸ صبح")
    await expect(admin, "پایان باید بعد از شروع")
    # «ساعت ۸» after a 16:00 start is 20:00, and the end is echoed back
    await admin.send_text("ساعت ۸")
    echoed = await expect(admin, "پایان:")
    assert "ساعت ۲۰:۰۰" in shown(echoed)
    await expect(admin, "مکان برگزاری")
    await admin.send_text("سالن اجتماعات")
    await expect(admin, "ظرفیت چند نفر")
    await admin.press("بدون محدودیت")
    await expect(admin, "مهلت ثبت‌نام")
    # «تا شروع» echoes what was chosen, not «skipped»
    chosen = await tap(admin, "تا شروع")
    assert "مهلت ثبت‌نام: تا شروع" in shown(chosen) and "صرف‌نظر" not in shown(chosen)
    await expect(admin, "برای کدام خوشه‌ها")
    await tap(admin, "✔️ تأیید خوشه‌ها")
    await expect(admin, "پیش‌نمایش")
    await admin.press("❌ انصراف")
    await admin.settle()

    # «تا ۱۲ و نیم» after a 9:00 start; «تا ۶ عصر» after 16:00
    for start, typed, end in (
        ("ساعت ۹ صبح", "تا ۱۲ و نیم", "۱۲:۳۰"),
        ("۱۶:۰۰", "تا ۶ عصر", "۱۸:۰۰"),
    ):
        await new_offering(admin, "دوره آموزشی", "دوره صادرات")
        await admin.press("صرف‌نظر »")
        await expect(admin, "زمان شروع")
        await admin.send_text(workday(2, start))
        await expect(admin, "زمان پایان")
        await admin.send_text(typed)
        echoed = await expect(admin, "پایان:")
        assert f"ساعت {end}" in shown(echoed), typed
        await expect(admin, "مکان برگزاری")
        await admin.send_text("/cancel")
        await admin.settle()
    assert await khooshe.rows("SELECT id FROM offerings") == []


async def test_the_preview_shows_the_end_under_the_start_and_published_comes_first(
    khooshe: Khooshe,
) -> None:
    await khooshe.seed_members(3)
    admin = khooshe.admin()
    await new_offering(admin, "کارگاه آموزشی", "کارگاه مدیریت انرژی")
    await admin.send_text("مدرس: دکتر نوری")
    await expect(admin, "زمان شروع")
    await admin.send_text(workday(2, "ساعت ۹ صبح"))
    await expect(admin, "زمان پایان")
    await admin.send_text("تا ۱۲ و نیم")
    await expect(admin, "مکان برگزاری")
    await admin.send_text("سالن اجتماعات")
    await expect(admin, "ظرفیت چند نفر")
    await admin.send_text("۲")
    await expect(admin, "مهلت ثبت‌نام")
    await admin.press("تا شروع")
    await expect(admin, "برای کدام خوشه‌ها")
    await tap(admin, "✔️ تأیید خوشه‌ها")
    preview = await expect(admin, "پیش‌نمایش")
    lines = shown(preview).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("🕒"))
    assert "ساعت ۰۹:۰۰" in lines[start]
    assert "پایان:" in lines[start + 1] and "ساعت ۱۲:۳۰" in lines[start + 1]
    assert lines[start + 2].startswith("📍")

    await admin.press("📤 انتشار الان")
    report = await expect(admin, "گزارش ارسال")
    await admin.settle()
    published = next(m for m in admin.messages if "منتشر شد" in shown(m))
    progress = next(m for m in admin.messages if "تمام شد" in shown(m))
    # «published» first, then the delivery's status message, then its report
    assert published.message_id < progress.message_id < report.message_id
