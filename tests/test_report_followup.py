"""After filing: follow-ups reach staff, the filer withdraws, and says whether it was solved."""

from __future__ import annotations

from bot.sandbox import SandboxUser
from bot.settings import Platform
from tests.conftest import Khooshe, add_details, expect, register, shown
from tests.test_reports import POWER_CUT, POWER_CUT_TOO, file_report, reach_similar
from tests.test_triage import _setup


async def _open_my_report(khooshe: Khooshe, member: SandboxUser) -> None:
    await member.press("📋 گزارش‌های من")
    listing = await expect(member, "گزارش‌های شما")
    await member.press_inline(listing, listing.button_texts[0])


async def not_solved(khooshe: Khooshe, member: SandboxUser, why: str) -> None:
    """Told the report was resolved, the member answers «❌ نه، هنوز نه» and says why: it is
    reopened (in review again)."""
    question = await expect(member, "واقعاً حل شد")
    await member.press_inline(question, "❌ نه، هنوز نه")
    await expect(member, "هنوز درست نشده")
    await member.send_text(why)
    await expect(member, "دوباره باز شد")
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "in_review"


async def test_a_follow_up_is_stored_and_reaches_the_staff_card(khooshe: Khooshe) -> None:
    group, _, member, card = await _setup(khooshe)
    await _open_my_report(khooshe, member)
    details = await expect(member, "سابقه")
    await add_details(member, details)
    await member.send_text("امروز صبح هم دو ساعت قطع بود")
    saved = await expect(member, "افزوده شد")
    assert "کارشناسان" in shown(saved)
    (note,) = await group.settle()
    assert "دو ساعت قطع" in shown(note) and note.reply_to_message_id == card.message_id
    (event,) = await khooshe.rows("SELECT kind, text FROM report_events WHERE kind='follow_up'")
    assert "دو ساعت" in event["text"]
    # a file as a follow-up is kept and copied to staff
    await add_details(member, details)
    await member.send_document(b"%PDF-1.4 bill", "bill.pdf", "application/pdf")
    await expect(member, "افزوده شد")
    notes = await group.settle()
    assert any(m.document is not None and m.document.file_name == "bill.pdf" for m in notes)
    (row,) = await khooshe.rows("SELECT kind, file_name FROM report_attachments")
    assert row == {"kind": "document", "file_name": "bill.pdf"}
    # a voice note too, as the ogg/opus audio some Bale clients send (docs/bale.md)
    khooshe.sandbox.voice_as_audio = khooshe.platform is Platform.BALE
    await add_details(member, details)
    sent = await member.send_voice(b"OggS it cut out again at noon")
    assert ("audio" in sent) is khooshe.sandbox.voice_as_audio
    await expect(member, "افزوده شد")
    rows = await khooshe.rows("SELECT kind FROM report_attachments ORDER BY id")
    assert [r["kind"] for r in rows] == ["document", "voice"]


async def test_withdrawing_asks_first_and_only_the_filer_may(khooshe: Khooshe) -> None:
    group, outsider, member, _ = await _setup(khooshe)
    forged = await outsider.press_forged("r:wdy:1")  # not their report
    assert forged is not None and forged.show_alert
    await _open_my_report(khooshe, member)
    details = await expect(member, "سابقه")
    await member.press_inline(details, "↩️ پس گرفتن گزارش")
    confirm = await expect(member, "پس می‌گیرید")
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "new"  # nothing yet
    await member.press_inline(confirm, "بله، پس می‌گیرم")
    await expect(member, "پس گرفته شد")
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "withdrawn"
    (note,) = await group.settle()
    assert "پس گرفت" in shown(note)


async def test_resolved_then_not_solved_reopens_and_solved_records_a_score(
    khooshe: Khooshe,
) -> None:
    group, _, member, card = await _setup(khooshe)
    admin = khooshe.admin()

    async def resolve() -> None:
        await admin.press_inline(card, "🔄 تغییر وضعیت")
        (status_menu,) = await group.settle()
        await admin.press_inline(status_menu, "حل‌شده")

    await resolve()
    await not_solved(khooshe, member, "برق هنوز نوسان دارد")
    notes = await group.settle()
    assert any("نوسان" in shown(m) for m in notes)

    await resolve()
    question = await expect(member, "واقعاً حل شد")
    await member.press_inline(question, "✅ بله، حل شد")
    scores = await expect(member, "راضی")
    await member.press_inline(scores, "۴ ⭐")
    await expect(member, "سپاس‌گزاریم")
    (row,) = await khooshe.rows("SELECT status, satisfaction FROM reports")
    assert row == {"status": "closed", "satisfaction": 4}
    # the old question cannot reopen the closed report
    stale = await member.press_inline(question, "❌ نه، هنوز نه")
    assert stale is not None and stale.show_alert


async def test_a_member_who_joined_may_say_it_is_not_solved_and_the_others_hear(
    khooshe: Khooshe,
) -> None:
    """Only the filer was asked whether a resolved report was solved; those who joined got the
    status alone, and nobody heard when it was reopened."""
    group, _, filer, card = await _setup(khooshe)
    joiner = khooshe.member()
    await register(joiner, name="رضا موسوی")
    await reach_similar(joiner, POWER_CUT_TOO)
    await joiner.press("🙋 مشکل من همین است (۱)")
    await expect(joiner, "پیوستید")
    await group.settle()  # the card's news of the joiner
    admin = khooshe.admin()
    await admin.press_inline(card, "🔄 تغییر وضعیت")
    (status_menu,) = await group.settle()
    await admin.press_inline(status_menu, "حل‌شده")
    await expect(filer, "واقعاً حل شد")
    await not_solved(khooshe, joiner, "برق ما هنوز قطع و وصل می‌شود")
    told = await expect(filer, "وضعیت گزارش")
    assert "در حال بررسی" in shown(told)
    assert any("قطع و وصل" in shown(m) for m in await group.settle())
    # The joiner says yes next time: thanked, not asked to score (the filer's to close).
    await admin.press_inline(card, "🔄 تغییر وضعیت")
    (status_menu,) = await group.settle()
    await admin.press_inline(status_menu, "حل‌شده")
    question = await expect(joiner, "واقعاً حل شد")
    await joiner.press_inline(question, "✅ بله، حل شد")
    await expect(joiner, "سپاس‌گزاریم")
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "resolved"


async def test_another_member_cannot_follow_up_on_my_report(khooshe: Khooshe) -> None:
    owner, stranger = khooshe.member(), khooshe.member()
    await register(owner)
    await register(stranger, name="رضا موسوی")
    await file_report(owner, POWER_CUT)
    answer = await stranger.press_forged("r:fu:1")
    assert answer is not None and answer.show_alert
    await stranger.send_text("متن من")
    await stranger.settle()
    assert await khooshe.rows("SELECT * FROM report_events WHERE kind = 'follow_up'") == []


async def test_a_co_reporter_sees_the_shared_problem_not_the_filers_words(
    khooshe: Khooshe,
) -> None:

    filer, joiner = khooshe.member(), khooshe.member()
    await register(filer)
    await register(joiner, name="رضا موسوی")
    await file_report(filer, "سلام من مریم از کفش آذر هستم. " + POWER_CUT)
    await _open_my_report(khooshe, filer)
    details = await expect(filer, "سابقه")
    await add_details(filer, details)
    await filer.send_text("شماره من ۰۹۱۲۱۱۱۲۲۳۳ است، تماس بگیرید")
    await expect(filer, "افزوده شد")

    await reach_similar(joiner, POWER_CUT_TOO)
    await joiner.press("🙋 مشکل من همین است (۱)")
    await joiner.settle()
    await _open_my_report(khooshe, joiner)
    seen = shown(await expect(joiner, "سابقه"))
    assert "مریم" not in seen and "کفش آذر" not in seen and "۰۹۱۲" not in seen
    assert "پیوسته‌اید" in seen


async def test_the_filer_sees_that_others_joined_never_their_words(khooshe: Khooshe) -> None:
    """A co-reporter's follow-up was shown to the filer, as «توضیح شما», by /track."""
    filer, joiner = khooshe.member(), khooshe.member()
    await register(filer)
    await register(joiner, name="رضا موسوی")
    code = await file_report(filer, POWER_CUT)
    await reach_similar(joiner, POWER_CUT_TOO)
    await joiner.press("🙋 مشکل من همین است (۱)")
    await expect(joiner, "پیوستید")
    await _open_my_report(khooshe, joiner)
    await add_details(joiner, await expect(joiner, "سابقه"))
    await joiner.send_text("شرکت رضا، شماره ۰۹۱۲۱۱۱۲۲۳۳، فقط برای کارشناس")
    await expect(joiner, "افزوده شد")
    (row,) = await khooshe.rows("SELECT COUNT(*) AS n FROM report_events WHERE kind='follow_up'")
    assert row["n"] == 1  # stored, for staff

    await filer.send_text(f"/track {code}")
    seen = shown(await expect(filer, "سابقه"))
    assert "شرکت رضا" not in seen and "۰۹۱۲" not in seen
    await _open_my_report(khooshe, joiner)  # the joiner still sees their own words
    assert "شرکت رضا" in shown(await expect(joiner, "سابقه"))


async def test_add_details_while_a_draft_is_open_is_a_follow_up(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    await member.press("📝 ثبت مشکل")  # a new draft is open…
    await expect(member, "با کلمات خودتان")
    await _open_my_report(khooshe, member)  # …and the member goes to the filed one instead
    details = await expect(member, "سابقه")
    await add_details(member, details)
    await member.send_text("امروز هم قطع شد")
    await expect(member, "افزوده شد")
    (row,) = await khooshe.rows("SELECT text FROM report_events WHERE kind = 'follow_up'")
    assert row["text"] == "امروز هم قطع شد"
    # a menu button instead of writing ends the follow-up: later text is not one
    await add_details(member, details)
    await member.press("👤 پروفایل من")
    await expect(member, "پروفایل شما")
    await member.send_text("سلام")
    await member.settle()
    assert len(await khooshe.rows("SELECT id FROM report_events WHERE kind = 'follow_up'")) == 1


async def test_me_too_on_a_report_closed_meanwhile_files_a_new_one(khooshe: Khooshe) -> None:

    filer, joiner = khooshe.member(), khooshe.member()
    await register(filer)
    await register(joiner, name="رضا موسوی")
    await file_report(filer, POWER_CUT)
    offer = await reach_similar(joiner, POWER_CUT_TOO)
    # the filer withdraws it while the joiner reads the offer
    await _open_my_report(khooshe, filer)
    details = await expect(filer, "سابقه")
    await filer.press_inline(details, "↩️ پس گرفتن گزارش")
    confirm = await expect(filer, "پس می‌گیرید")
    await filer.press_inline(confirm, "بله، پس می‌گیرم")
    await expect(filer, "پس گرفته شد")
    await joiner.press_inline(offer, "🙋 مشکل من همین است (۱)")
    await expect(joiner, "جداگانه ثبت")
    await expect(joiner, "فوری است")
    assert await khooshe.rows("SELECT * FROM report_coreporters") == []
