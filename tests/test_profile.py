"""Profile: show, edit a field, switch language; a form survives a restart."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.i18n import format_date
from tests.conftest import Khooshe, edit_profile, register, walk_to


async def test_profile_shows_and_edits_a_field(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.press("👤 پروفایل من")
    (card,) = await user.settle()
    assert "کفش آذر" in (card.text or "") and "چرم و کفش" in (card.text or "")
    today = format_date(datetime.now(UTC), "fa", ZoneInfo("Asia/Tehran"))
    assert f"عضو از: {today}" in (card.text or "")  # Jalali, Persian digits

    await user.press("واحد")
    (ask,) = await user.settle()
    assert "شرکت" in (ask.text or "")
    await user.send_text("تبریز چرم")
    saved, new_card = await user.settle()
    assert "ذخیره شد" in (saved.text or "")
    assert "تبریز چرم" in (new_card.text or "")
    assert await khooshe.value("SELECT company FROM members") == "تبریز چرم"


async def test_editing_the_cluster_and_cancelling_an_edit(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await edit_profile(user, "خوشه")
    await user.send_command("cancel")
    (cancelled,) = await user.settle()
    assert "ویرایش لغو شد" in (cancelled.text or "")
    assert await khooshe.value("SELECT cluster_code FROM members") == "leather_shoes"

    await edit_profile(user, "خوشه")
    await user.press("مبلمان و صنایع چوب")
    await user.settle()
    assert await khooshe.value("SELECT cluster_code FROM members") == "furniture"


async def test_switching_language_to_english_and_back(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await edit_profile(user, "زبان")
    await user.press("English")
    saved, card = await user.settle()
    assert saved.text == "✅ Saved."
    assert "Cluster: Leather and shoes" in (card.text or "")
    assert ["👤 My profile", "❓ Help"] in [
        [b["text"] for b in r] for r in user.reply_keyboard or []
    ]
    await user.press("❓ Help")
    (help_text,) = await user.settle()
    assert "My profile" in (help_text.text or "")
    await user.press("Language")
    await user.settle()
    await user.press("فارسی")
    saved, _ = await user.settle()
    assert saved.text == "✅ ذخیره شد."
    assert await khooshe.value("SELECT language FROM members") == "fa"


async def test_profile_in_a_group_shows_nothing_private(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    group = khooshe.sandbox.group(token=khooshe.token)
    await user.send_command("profile", chat=group)
    (reply,) = await group.settle()
    assert "خصوصی" in (reply.text or "")
    assert "۰۹۱۲" not in (reply.text or "") and not reply.inline_buttons
    answer = await user.press_forged("pf:edit:phone", chat=group)
    assert answer is not None and "گفت‌وگوی خصوصی" in (answer.text or "")
    assert await group.settle() == []


async def test_stranger_cannot_use_profile_buttons(khooshe: Khooshe) -> None:
    user = khooshe.member()
    answer = await user.press_forged("pf:edit:name")
    assert answer is not None and "فعال نیست" in (answer.text or "")
    await user.send_command("profile")
    (reply,) = await user.settle()
    assert "/start" in (reply.text or "")


async def test_half_finished_form_survives_a_restart(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await walk_to(user, "cluster", name="علی احمدی")  # the company: «کفش آذر»

    await khooshe.stop()
    await khooshe.start()

    # the list the member was given still works after the restart
    await user.press("چرم و کفش")
    (ask_estate,) = await user.settle()
    assert "شهرک" in (ask_estate.text or "")
    await khooshe.stop()
    await khooshe.start()
    await user.send_command("start")
    resume, again = await user.settle()
    assert "نیمه‌کاره" in (resume.text or "") and "شهرک" in (again.text or "")
    await user.press("خارج از شهرک صنعتی")
    await user.settle()
    await user.press("📱 ارسال شماره من")
    await user.settle()
    await user.press("مدیر")
    (summary,) = await user.settle()
    assert "علی احمدی" in (summary.text or "") and "کفش آذر" in (summary.text or "")
    await user.press("✅ تأیید و ثبت")
    await user.settle()
    (row,) = await khooshe.rows("SELECT name, company, cluster_code FROM members")
    assert row == {"name": "علی احمدی", "company": "کفش آذر", "cluster_code": "leather_shoes"}
