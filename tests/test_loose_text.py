"""Nothing a member types is lost: text outside any form is offered as a report (issue 12)."""

from __future__ import annotations

import asyncio

from bot.sandbox import SandboxUser
from bot.settings import Platform
from tests.conftest import Khooshe, expect, register, shown, to_summary, urgency_and_title

GAS = "سلام، گاز واحد ما از دیروز قطع است و برق تابلو هم مدام قطع می‌شود"


async def test_free_text_at_the_menu_becomes_a_report_in_two_taps(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.send_text(GAS)
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    assert "گاز واحد ما از دیروز قطع است" in shown(offer)  # quoted back
    # Kept before it was acknowledged: a restart loses nothing.
    await khooshe.stop()
    await khooshe.start()
    await user.press("📝 بله، ثبت مشکل")  # tap 1: the form opens with the text
    await expect(user, "آغاز شرح مشکل")
    await to_summary(user)  # tap 2: on to the category
    await user.press("✅ ثبت گزارش")
    await expect(user, "کد پیگیری")
    (report,) = await khooshe.rows("SELECT description FROM reports")
    assert report["description"].startswith("سلام، گاز واحد ما از دیروز قطع است")
    assert "مدام قطع" in report["description"]
    # The kept text was used up with the offer.
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert "loose_texts" not in data["data"]


async def test_the_text_is_the_first_part_and_more_can_follow(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.send_text("آب شهرک سه روز است وصل نشده")
    first = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    await user.send_text("تانکر هم نمی‌فرستند")  # a second message gets its own offer
    await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    await user.press_inline(first, "📝 بله، ثبت مشکل")
    await expect(user, "آغاز شرح مشکل")
    await user.send_text("کارگاه رنگ‌کاری تعطیل شده")
    ack = await expect(user, "دریافت شد")
    assert "۲ پیام" in shown(ack)


async def test_a_greeting_gets_the_menu_and_another_tap_dismisses(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    for greeting in ("سلام", "سلام وقت بخیر", "درود", "سلام، خسته نباشید!"):
        await user.send_text(greeting)
        menu = await expect(user, "از منوی زیر")
        assert "مریم رضایی عزیز" in shown(menu) and menu.inline_buttons == []
        assert menu.reply_keyboard  # the menu comes with it
    # In reply to an old message, the words are still offered, and may be let go.
    await user.send_text("مالیات امسال واحد ما دو برابر شده", reply_to=menu.message_id)
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    await user.press_inline(offer, "نه، لازم نیست")
    dismissed = await user.next_edit()
    while dismissed.message_id != offer.message_id:  # edits from registration come first
        dismissed = await user.next_edit()
    assert "ثبت نشد" in shown(dismissed) and dismissed.inline_buttons == []
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert "مالیات" not in data["data"]
    assert await khooshe.rows("SELECT id FROM reports") == []


async def test_strangers_and_commands_still_get_the_old_answers(khooshe: Khooshe) -> None:
    stranger = khooshe.member()
    await stranger.send_text("برق واحد ما قطع است")
    hint = await expect(stranger, "/start")
    assert "به‌عنوان مشکل ثبت" not in shown(hint)


async def _file_the_draft(user: SandboxUser, attachments: str = "۱") -> None:
    """From «✅ تمام شد» to the tracking code, taking the suggested answers."""
    await user.press("✅ تمام شد")
    question = await expect(user, "دسته", wait=30)
    await user.press_inline(question, question.button_texts[0])
    summary = await urgency_and_title(user)
    assert f"📎 پیوست: {attachments}" in shown(summary)
    await user.press("✅ ثبت گزارش")
    await expect(user, "کد پیگیری")


async def _send_album(user: SandboxUser, album: str, captions: list[str | None]) -> None:
    """Send photos with one media_group_id, one message each, as the apps deliver an album."""
    for number, caption in enumerate(captions):
        stored = user.server.store_file(b"\xff\xd8 photo %d" % number, "photo", None, "image/jpeg")
        content: dict[str, object] = {
            "photo": user.server.photo_sizes(stored),
            "media_group_id": album,
        }
        if caption is not None:
            content["caption"] = caption
        user.server.user_message(user, user.chat, content)


async def test_an_album_at_the_menu_gets_one_offer_and_becomes_one_report(
    khooshe: Khooshe,
) -> None:
    user = khooshe.member()
    await register(user)
    await user.settle()
    # The caption rides on the second photo: the offer follows as the album arrives.
    await _send_album(user, "13800001", [None, "سیم‌کشی تابلو برق سوخت", None])
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    unread = await user.settle()
    assert not [m for m in unread if "ثبت کنیم" in shown(m)]  # one offer for the album
    edited = await user.next_edit()
    while not (edited.message_id == offer.message_id and "۳ عکسی" in shown(edited)):
        edited = await user.next_edit()
    assert "سیم‌کشی تابلو برق سوخت" in shown(edited)  # the caption quoted back
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert data["data"].count("file_unique_id") == 3  # all three kept before the tap
    await user.press_inline(offer, "📝 بله، ثبت مشکل")
    await expect(user, "۳ پیوست شما به گزارش اضافه شد")
    await _file_the_draft(user, "۳")
    (report,) = await khooshe.rows("SELECT id, description FROM reports")
    assert report["description"].startswith("سیم‌کشی تابلو برق سوخت")
    files = await khooshe.rows("SELECT report_id, kind, file_id FROM report_attachments")
    assert len({f["file_id"] for f in files}) == 3
    assert all(f["report_id"] == report["id"] and f["kind"] == "photo" for f in files)
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert "loose_texts" not in data["data"]
    # A second album, let go: its one offer takes all its photos with it.
    await _send_album(user, "13800002", ["قبض گاز", None])
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    assert not [m for m in await user.settle() if "ثبت کنیم" in shown(m)]
    await user.press_inline(offer, "نه، لازم نیست")
    dismissed = await user.next_edit()
    while not (dismissed.message_id == offer.message_id and "ثبت نشد" in shown(dismissed)):
        dismissed = await user.next_edit()
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert "قبض گاز" not in data["data"] and "file_unique_id" not in data["data"]
    assert len(await khooshe.rows("SELECT id FROM report_attachments")) == 3


async def test_a_photo_at_the_menu_becomes_a_report_with_its_caption(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.send_photo(b"\xff\xd8 the burnt panel", caption="تابلو برق واحد ما سوخت")
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    assert "عکسی که فرستادید" in shown(offer)
    assert "تابلو برق واحد ما سوخت" in shown(offer)  # the caption quoted back
    # Kept before it was offered: a restart between the offer and the tap loses nothing.
    await khooshe.stop()
    await khooshe.start()
    await user.press_inline(offer, "📝 بله، ثبت مشکل")
    await expect(user, "متن آن آغاز شرح مشکل")
    await _file_the_draft(user)
    (report,) = await khooshe.rows("SELECT id, description FROM reports")
    assert report["description"].startswith("تابلو برق واحد ما سوخت")
    (file,) = await khooshe.rows("SELECT report_id, kind, file_id FROM report_attachments")
    assert file["report_id"] == report["id"] and file["kind"] == "photo" and file["file_id"]
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert "loose_texts" not in data["data"]


async def test_a_voice_note_without_words_waits_for_a_description(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    # On Bale it comes as ogg/opus audio, as some clients send it (docs/bale.md).
    khooshe.sandbox.voice_as_audio = khooshe.platform is Platform.BALE
    sent = await user.send_voice(b"OggS the gas is cut again")
    assert ("audio" in sent) is khooshe.sandbox.voice_as_audio
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    assert "پیام صوتی" in shown(offer)
    await user.press_inline(offer, "📝 بله، ثبت مشکل")
    await expect(user, "مشکل را در چند کلمه بنویسید")
    await user.send_text("گاز واحد ما از دیروز قطع است")
    await expect(user, "دریافت شد")
    await _file_the_draft(user)
    (report,) = await khooshe.rows("SELECT id, description FROM reports")
    assert report["description"] == "گاز واحد ما از دیروز قطع است"
    (file,) = await khooshe.rows("SELECT report_id, kind FROM report_attachments")
    assert (file["report_id"], file["kind"]) == (report["id"], "voice")


async def test_a_document_may_be_let_go_and_strangers_get_the_old_hint(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.send_document(b"%PDF bill", file_name="قبض گاز.pdf", mime_type="application/pdf")
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    assert "فایلی که فرستادید" in shown(offer)
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert "قبض گاز.pdf" in data["data"]  # kept on disk while the offer stands
    await user.press_inline(offer, "نه، لازم نیست")
    dismissed = await user.next_edit()
    while dismissed.message_id != offer.message_id:  # edits from registration come first
        dismissed = await user.next_edit()
    assert "ثبت نشد" in shown(dismissed)
    (data,) = await khooshe.rows("SELECT data FROM ptb_user_data")
    assert "قبض گاز.pdf" not in data["data"]
    assert await khooshe.rows("SELECT id FROM report_attachments") == []
    stranger = khooshe.member()
    await stranger.send_photo(b"\xff\xd8 a stranger's photo")
    hint = await expect(stranger, "/start")
    assert "به‌عنوان مشکل ثبت" not in shown(hint)


async def test_a_double_tap_on_the_offer_leaves_the_form_working(khooshe: Khooshe) -> None:
    user = khooshe.member()
    await register(user)
    await user.send_text("برق شهرک قطع شده")
    offer = await expect(user, "به‌عنوان مشکل ثبت کنیم؟")
    yes = offer.button("📝 بله، ثبت مشکل")
    assert yes is not None
    # Two presses of the same button at once, as a double tap sends them.
    answers = await asyncio.gather(
        user.press_inline(offer, "📝 بله، ثبت مشکل"), user.press_inline(offer, "📝 بله، ثبت مشکل")
    )
    await expect(user, "آغاز شرح مشکل")
    texts = sorted(a.text or "" for a in answers if a is not None)
    assert len(texts) == 2 and texts[0] == "" and "باز است" in texts[1], texts
    # A slow phone's late third tap (on the offer, now without its buttons) changes nothing.
    late = await user.press_forged(yes["callback_data"], offer.message_id)
    assert late is not None and "باز است" in (late.text or "")
    assert not [m for m in await user.settle() if "آغاز شرح مشکل" in shown(m)]  # not re-opened
    # The open form works to the end: the report is filed with the text, once.
    await to_summary(user)
    await user.press("✅ ثبت گزارش")
    await expect(user, "کد پیگیری")
    (report,) = await khooshe.rows("SELECT description FROM reports")
    assert report["description"].startswith("برق شهرک")  # (normalized: «قطع‌شده»)
    await user.press("📋 گزارش‌های من")
    mine = await expect(user, "برق شهرک")
    assert "هنوز گزارشی" not in shown(mine)
