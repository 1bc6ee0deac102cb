"""Registration and profile, driven as a member would, on both sandbox flavours."""

from __future__ import annotations

from tests.conftest import Khooshe, register


async def test_registration_in_persian_stores_the_member(khooshe: Khooshe) -> None:
    user = khooshe.member(first_name="مریم")
    await user.send_command("start")
    welcome, question = await user.settle()
    assert "خوش آمدید" in (welcome.text or "")
    assert "نام و نام خانوادگی" in (question.text or "")

    await user.send_text("  مريم   رضايي ")  # Arabic ي and extra spaces
    (ask_company,) = await user.settle()
    assert "شرکت" in (ask_company.text or "")

    await user.send_text("کفش آذر")
    (ask_cluster,) = await user.settle()
    assert "چرم و کفش" in ask_cluster.button_texts

    await user.press("چرم و کفش")
    (ask_estate,) = await user.settle()
    assert "شهرک صنعتی غرب تبریز" in ask_estate.button_texts
    # the used list turned into the choice, so its buttons cannot be pressed again
    assert ask_cluster.text == "✔️ چرم و کفش" and not ask_cluster.inline_buttons

    await user.press("شهرک صنعتی غرب تبریز")
    (ask_phone,) = await user.settle()
    assert "شماره همراه" in (ask_phone.text or "")
    assert user.reply_keyboard is not None

    await user.press("📱 ارسال شماره من")
    thanks, ask_role = await user.settle()
    assert thanks.removes_keyboard
    assert "نقش شما" in (ask_role.text or "")

    await user.press("مالک / مدیرعامل")
    (summary,) = await user.settle()
    assert "مریم رضایی" in (summary.text or "")
    assert "۰۹۱۲" in (summary.text or "")  # Persian digits

    await user.press("✅ تأیید و ثبت")
    messages = await user.settle()
    assert any("ثبت‌نام شما انجام شد" in (m.text or "") for m in messages)
    assert user.reply_keyboard is not None
    rows = await khooshe.rows("SELECT * FROM members")
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == "مریم رضایی"
    assert row["cluster_code"] == "leather_shoes"
    assert row["estate_code"] == "west_tabriz"
    assert row["phone"].startswith("+98912") and row["phone_verified"] == 1
    assert row["platform"] == khooshe.platform.value and row["user_id"] == user.id


async def test_registered_member_gets_the_menu_not_the_form(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.send_command("start")
    (reply,) = await user.settle()
    assert "دوباره خوش آمدید" in (reply.text or "")
    keyboard = [[b["text"] for b in row] for row in user.reply_keyboard or []]
    assert keyboard == [
        ["📝 ثبت مشکل", "📋 گزارش‌های من"],
        ["🎓 آموزش‌ها و رویدادها", "💡 درخواست مشاوره"],
        ["👤 پروفایل من", "❓ راهنما"],
    ]
