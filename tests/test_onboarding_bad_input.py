"""Bad input during registration: a polite answer and the same step again, never silence."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import Khooshe, register, walk_to


async def test_wrong_media_and_bad_names_repeat_the_step(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await user.send_command("start")
    await user.settle()

    await user.send_sticker()
    hint, again = await user.settle()
    assert "متن" in (hint.text or "") and "نام" in (again.text or "")

    await user.send_photo()
    hint, again = await user.settle()
    assert "متن" in (hint.text or "")

    await user.send_voice()
    hint, _ = await user.settle()
    assert "متن" in (hint.text or "")

    await user.send_text("ن" * 500)
    hint, again = await user.settle()
    assert "طولانی" in (hint.text or "") and "نام" in (again.text or "")

    await user.send_text("۱۲۳۴۵")
    hint, _ = await user.settle()
    assert "حروف" in (hint.text or "")

    await user.send_text("😀😀")
    hint, _ = await user.settle()
    assert "حروف" in (hint.text or "")

    # and the step still works afterwards
    await user.send_text("علی احمدی")
    (ask_company,) = await user.settle()
    assert "شرکت" in (ask_company.text or "")
    assert await khooshe.rows("SELECT * FROM members") == []


async def test_someone_elses_contact_and_bad_phones_are_refused(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await walk_to(user, "phone", estate="خارج از شهرک صنعتی")

    await user.send_contact("+989351112233", user_id=user.id + 1)  # another person's card
    hint, _ = await user.settle()
    assert "فقط شماره خودتان" in (hint.text or "")

    await user.send_text("12345")
    hint, _ = await user.settle()
    assert "درست نیست" in (hint.text or "")

    await user.send_text("۰۹۱۲ ۳۴۵ ۶۷۸۹")  # typed in Persian digits with spaces
    _thanks, ask_role = await user.settle()
    assert "نقش" in (ask_role.text or "")
    await user.press("کارمند")
    (summary,) = await user.settle()
    assert "۰۹۱۲۳۴۵۶۷۸۹" in (summary.text or "")
    await user.press("✅ تأیید و ثبت")
    await user.settle()
    (row,) = await khooshe.rows("SELECT phone, phone_verified, estate_code FROM members")
    assert row == {"phone": "+989123456789", "phone_verified": 0, "estate_code": None}


async def test_a_contact_without_owner_is_refused_on_telegram_unverified_on_bale(
    khooshe: Khooshe,
) -> None:
    user = khooshe.member()
    await walk_to(user, "phone", estate="خارج از شهرک صنعتی")
    await user.send_contact("989351112233", user_id=None)  # no user_id, no "+"
    replies = await user.settle()
    if khooshe.platform.value == "telegram":
        assert "فقط شماره خودتان" in (replies[0].text or "")
        assert user.reply_keyboard is not None  # the share button is still there
        return
    assert "نقش" in (replies[-1].text or "")
    await user.press("سایر")
    await user.settle()
    await user.press("✅ تأیید و ثبت")
    await user.settle()
    (row,) = await khooshe.rows("SELECT phone, phone_verified FROM members")
    assert row == {"phone": "+989351112233", "phone_verified": 0}


async def test_foreign_own_contact_is_accepted(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await user.send_command("start")
    await user.settle()
    for answer in ("Ali Ahmadi", "Azar Shoes"):
        await user.send_text(answer)
        await user.settle()
    await user.press("چرم و کفش")
    await user.settle()
    await user.press("خارج از شهرک صنعتی")
    await user.settle()
    await user.send_contact("4915112345678")  # own contact, a German SIM, sent without "+"
    replies = await user.settle()
    assert "نقش" in (replies[-1].text or "")


async def test_an_edited_message_is_not_taken_as_an_answer(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await user.send_command("start")
    await user.settle()
    sent = await user.send_text("علی احمدی")
    await user.settle()
    await user.edit_text(sent["message_id"], "علی احمدی‌نژاد")
    assert await user.settle() == []
    await user.send_text("کفش آذر")
    (ask_cluster,) = await user.settle()
    assert "کدام خوشه" in (ask_cluster.text or "")


async def test_double_tap_on_confirm_makes_one_member(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    (summary,) = [m for m in user.messages if m.text == "✔️ تأیید و ثبت"]
    assert not summary.inline_buttons
    # its buttons are gone; a client that still sends the old callback gets an answer
    answer = await user.press_forged("f:ok", summary.message_id)
    assert answer is not None and "فعال نیست" in (answer.text or "")
    assert len(await khooshe.rows("SELECT id FROM members")) == 1


async def test_two_quick_taps_on_confirm_make_one_member(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await walk_to(user, "phone", estate="خارج از شهرک صنعتی")
    await user.press("📱 ارسال شماره من")
    await user.settle()
    await user.press("سایر")
    (summary,) = await user.settle()
    first = user.press_inline(summary, "✅ تأیید و ثبت")
    second = user.press_forged("f:ok", summary.message_id)

    answers = await asyncio.gather(first, second)  # both reach the bot before it answers
    await user.settle()
    assert len(await khooshe.rows("SELECT id FROM members")) == 1
    assert any(a is not None for a in answers)
    registered = [m for m in user.messages if "ثبت‌نام شما انجام شد" in (m.text or "")]
    assert len(registered) == 1


async def test_stale_list_button_says_expired(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await walk_to(user, "cluster")
    (cluster_list,) = [m for m in user.messages if m.button("چرم و کفش")]
    await user.press("چرم و کفش")
    await user.settle()
    stale = await user.press_forged("f:cl:furniture", cluster_list.message_id)
    assert stale is not None and stale.show_alert and "فعال نیست" in (stale.text or "")
    (estate_question,) = [m for m in user.messages if "شهرک صنعتی" in (m.text or "")]
    assert estate_question.inline_buttons  # still at the estate step


async def test_typed_cluster_name_offers_matches(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await walk_to(user, "cluster")
    await user.send_text("چرم")
    (did_you_mean,) = await user.settle()
    assert did_you_mean.button_texts[0] == "چرم و کفش"
    await user.press("چرم و کفش")
    await user.settle()
    await user.send_text("xyzxyz")
    hint, again = await user.settle()
    assert "پیدا نشد" in (hint.text or "") and again.inline_buttons


@pytest.mark.parametrize(
    ("typed", "cluster"),
    [
        ("دری", "چرم و کفش"),
        ("kafsh", "چرم و کفش"),
        ("ghazaei", "صنایع غذایی"),
        ("خالچا", "فرش دستباف"),
    ],
)
async def test_a_cluster_typed_in_azerbaijani_or_finglish_is_found(
    khooshe: Khooshe, typed: str, cluster: str
) -> None:
    """«دری», «ایاققابی», «ghazaei» were «خوشه‌ای با این نام پیدا نشد»."""
    user = khooshe.member()
    await walk_to(user, "cluster")
    await user.send_text(typed)
    (did_you_mean,) = await user.settle()
    assert cluster in did_you_mean.button_texts


async def test_cancel_at_any_step_and_start_again(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await walk_to(user, "company", name="علی احمدی")
    await user.send_command("cancel")
    (bye,) = await user.settle()
    assert "لغو شد" in (bye.text or "")
    await user.send_text("سلام")
    (hint,) = await user.settle()
    assert "/start" in (hint.text or "")
    await user.send_command("start")
    _welcome, ask_name = await user.settle()
    assert "نام و نام خانوادگی" in (ask_name.text or "")


async def test_deep_link_preselects_the_cluster(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await user.send_command("start", "c_furniture")
    _welcome, chosen, _ask_name = await user.settle()
    assert "مبلمان" in (chosen.text or "")
    for answer in ("علی احمدی", "چوب‌کار"):
        await user.send_text(answer)
        await user.settle()
    # the cluster step is skipped: the estate comes next
    assert "شهرک" in (user.messages[-1].text or "")


async def test_unknown_deep_link_is_ignored(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await user.send_command("start", "c_nonexistent")
    _welcome, ask_name = await user.settle()
    assert "نام و نام خانوادگی" in (ask_name.text or "")


async def test_start_in_a_group_points_to_private_chat(khooshe: Khooshe) -> None:
    user = khooshe.member()
    group = khooshe.sandbox.group(token=khooshe.token)
    await user.send_command("start", chat=group)
    (reply,) = await group.settle()
    assert "خصوصی" in (reply.text or "")
