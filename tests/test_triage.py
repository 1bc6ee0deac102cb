"""Staff act on report cards: take, change status, reply; every press checked on the server."""

from __future__ import annotations

from bot.sandbox import BotMessage, SandboxChat, SandboxUser
from bot.text import fold_digits, persian_digits
from tests.conftest import Khooshe, expect, register, shown, walk_to
from tests.test_reports import POWER_CUT, POWER_CUT_TOO, file_report, reach_similar


async def _setup(khooshe: Khooshe) -> tuple[SandboxChat, SandboxUser, SandboxUser, BotMessage]:
    """A staff group, an agent of another cluster, a member with a filed report and its card."""
    group = await khooshe.with_staff_group()
    (outsider,) = await khooshe.agents(("عامل مبلمان", "furniture"))
    member = khooshe.member()
    await register(member)
    await file_report(member, POWER_CUT)
    (card,) = await group.settle()
    return group, outsider, member, card


async def test_staff_take_a_report_and_the_member_is_told(khooshe: Khooshe) -> None:
    _, _, member, card = await _setup(khooshe)
    admin = khooshe.admin()
    answer = await admin.press_inline(card, "🙋 برمی‌دارم")
    assert answer is not None and "در حال بررسی" in (answer.text or "")
    told = await expect(member, "وضعیت گزارش")
    assert "در حال بررسی" in shown(told)
    (titled,) = await khooshe.rows("SELECT summary FROM reports")
    assert titled["summary"] in shown(told)  # which report, not only its code
    (row,) = await khooshe.rows("SELECT status, assignee FROM reports")
    assert row == {"status": "in_review", "assignee": f"{khooshe.platform.value}:{admin.id}"}
    again = await admin.press_inline(card, "🙋 برمی‌دارم")  # a double tap changes nothing
    assert again is not None and "خودتان برداشته‌اید" in (again.text or "")
    events = await khooshe.rows("SELECT kind, from_status, to_status FROM report_events")
    assert events[-1] == {"kind": "status", "from_status": "new", "to_status": "in_review"}
    assert len(events) == 2


async def test_status_changes_follow_the_allowed_paths(khooshe: Khooshe) -> None:
    group, _, member, card = await _setup(khooshe)
    admin = khooshe.admin()
    await admin.press_inline(card, "🔄 تغییر وضعیت")
    (menu,) = await group.settle()
    assert "حل‌شده" in menu.button_texts and "بسته‌شده" not in menu.button_texts
    # Referred to whom? The bodies are offered; the status waits for one (a referral to
    # nobody showed as «?» among the digest's slowest bodies).
    await admin.press_inline(menu, "ارجاع‌شده به دستگاه مسئول")
    (bodies,) = await group.settle()
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "new"
    await admin.press_inline(bodies, "شرکت توزیع برق")
    told = await expect(member, "وضعیت گزارش")
    assert "ارجاع" in shown(told)
    # the old status menu is spent; a forged press for a path not allowed is refused
    forged = await admin.press_forged("t:set:1:closed", menu.message_id, chat=group)
    assert forged is not None and forged.show_alert
    (row,) = await khooshe.rows("SELECT status, outside_body FROM reports")
    assert row == {"status": "referred", "outside_body": "power"}
    # Rejected: staff are told the member deserves the reason, by a reply to the card.
    await admin.press_inline(card, "🔄 تغییر وضعیت")
    (menu,) = await group.settle()
    answer = await admin.press_inline(menu, "ردشده")
    assert answer is not None and "دلیل" in (answer.text or "")


async def test_a_staff_reply_reaches_the_member_and_co_reporters(khooshe: Khooshe) -> None:
    group, _, member, card = await _setup(khooshe)
    other = khooshe.member()
    await register(other, name="رضا موسوی")
    await reach_similar(other, POWER_CUT_TOO)
    await other.press("🙋 مشکل من همین است (۱)")
    await other.settle()
    await group.settle()  # the "another unit joined" note

    admin = khooshe.admin()
    await admin.send_text("با شرکت توزیع برق تماس گرفتیم؛ تا فردا وصل می‌شود.", chat=group,
                          reply_to=card.message_id)  # fmt: skip
    (ack,) = [m for m in await group.settle() if "فرستاده می‌شود" in shown(m)]
    assert "۲ عضو" in shown(ack)
    for person in (member, other):
        reply = await expect(person, "پاسخ کارشناس")
        assert "تا فردا وصل می‌شود" in shown(reply)
    (event,) = await khooshe.rows("SELECT kind, text FROM report_events WHERE kind = 'reply'")
    assert "شرکت توزیع برق" in event["text"]


async def test_only_staff_of_the_cluster_may_act(khooshe: Khooshe) -> None:
    group, outsider, member, card = await _setup(khooshe)
    # an agent of another cluster, pressing the card in the group
    answer = await outsider.press_inline(card, "🙋 برمی‌دارم")
    assert answer is not None and answer.show_alert
    # a member forging staff buttons in their own chat
    forged = await member.press_forged("t:set:1:resolved")
    assert forged is not None and "کارشناسان" in (forged.text or "")
    forged = await member.press_forged("t:take:1")
    assert forged is not None and "کارشناسان" in (forged.text or "")
    # an outsider's reply to the card is not relayed
    await outsider.send_text("پاسخ نامربوط", chat=group, reply_to=card.message_id)
    await group.settle()
    assert [m for m in await member.settle() if "نامربوط" in shown(m)] == []
    (row,) = await khooshe.rows("SELECT status FROM reports")
    assert row["status"] == "new"
    assert await khooshe.rows("SELECT * FROM report_events WHERE kind != 'filed'") == []


async def test_a_members_reply_to_an_ordinary_message_is_not_staff_business(
    khooshe: Khooshe,
) -> None:
    member = khooshe.member()
    await register(member)
    last = member.messages[-1]
    await member.send_text("سلام", reply_to=last.message_id)
    (reply,) = await member.settle()
    assert "کارشناسان" not in shown(reply) and "منو" in shown(reply)


async def test_staff_recategorise_and_refer_to_an_outside_body(khooshe: Khooshe) -> None:
    group, outsider, member, card = await _setup(khooshe)
    admin = khooshe.admin()
    await admin.press_inline(card, "🗂 دسته")
    (choices,) = await group.settle()
    assert "برق و انرژی" not in choices.button_texts  # the current one is not offered
    answer = await admin.press_inline(choices, "زیرساخت و خدمات شهرک")
    assert answer is not None and "زیرساخت" in (answer.text or "")
    (row,) = await khooshe.rows("SELECT category, suggested FROM reports")
    assert row == {"category": "infrastructure", "suggested": "electricity"}

    await admin.press_inline(card, "🏛 دستگاه مسئول")
    (bodies,) = await group.settle()
    await admin.press_inline(bodies, "شرکت توزیع برق")
    told = await expect(member, "وضعیت گزارش")
    assert "ارجاع" in shown(told)
    (row,) = await khooshe.rows("SELECT status, outside_body FROM reports")
    assert row == {"status": "referred", "outside_body": "power"}
    # an agent of another cluster cannot do either, even with forged data
    forged = await outsider.press_forged("t:setbody:1:bank", chat=group)
    assert forged is not None and forged.show_alert
    forged = await outsider.press_forged("t:setcat:1:finance", chat=group)
    assert forged is not None and forged.show_alert
    (row,) = await khooshe.rows("SELECT category, outside_body FROM reports")
    assert row == {"category": "infrastructure", "outside_body": "power"}


async def test_me_too_reaches_staff_with_units_by_cluster(khooshe: Khooshe) -> None:
    group, _, _, card = await _setup(khooshe)
    assert "چرم و کفش ۱" in shown(card)
    other = khooshe.member()
    await walk_to(other, "done", name="علی نجار", cluster="مبلمان و صنایع چوب")
    await reach_similar(other, POWER_CUT_TOO)
    await other.press("🙋 مشکل من همین است (۱)")
    await other.settle()
    (note,) = await group.settle()
    assert "مبلمان" in shown(note) and "۲ واحد" in shown(note)
    assert note.reply_to_message_id == card.message_id


async def test_merging_a_duplicate_moves_its_members(khooshe: Khooshe) -> None:
    group, outsider, _, _ = await _setup(khooshe)
    other = khooshe.member()
    await register(other, name="رضا موسوی")
    duplicate = await file_report(other, "آب شهرک قطع است و دستگاه‌های شستشو کار نمی‌کنند")
    await group.settle()
    codes = [r["code"] for r in await khooshe.rows("SELECT code FROM reports ORDER BY id")]
    first, second = codes
    # an agent of another cluster may not merge reports outside their scope
    await outsider.send_text(f"/merge {second} {first}")
    (denied,) = await outsider.settle()
    assert "کارشناسان" in shown(denied)
    admin = khooshe.admin()
    await admin.send_text(f"/merge {duplicate} {first}")
    (done,) = await admin.settle()
    assert "ادغام شد" in shown(done)
    told = await expect(other, "یکی شد")
    assert duplicate in shown(told)
    rows = await khooshe.rows("SELECT status, merged_into FROM reports ORDER BY id")
    assert rows[1]["status"] == "merged"
    coreporters = await khooshe.rows("SELECT member_id FROM report_coreporters")
    assert len(coreporters) == 1
    await admin.send_text(f"/merge {duplicate} {first}")  # twice: refused, nothing changes
    (refused,) = await admin.settle()
    assert "ممکن نیست" in shown(refused)
    await admin.send_text("/merge 1")
    (usage,) = await admin.settle()
    assert "/merge" in shown(usage)


async def test_a_reply_starting_with_hash_is_an_internal_note(khooshe: Khooshe) -> None:
    group, _, member, card = await _setup(khooshe)
    admin = khooshe.admin()
    await admin.send_text("# پیگیری با مدیر شهرک، فعلاً به عضو چیزی نگوییم", chat=group,
                          reply_to=card.message_id)  # fmt: skip
    (ack,) = await group.settle()
    assert "یادداشت داخلی" in shown(ack)
    assert [m for m in await member.settle() if "پیگیری با مدیر" in shown(m)] == []
    (note,) = await khooshe.rows("SELECT kind FROM report_events WHERE kind = 'note'")
    assert note == {"kind": "note"}


def _joined(messages: list[BotMessage], code: str) -> str:
    """The texts of a full view as one, continuation marks dropped, whitespace collapsed."""
    mark = f"(ادامه گزارش {code})"
    texts = [shown(m).removeprefix(mark) for m in messages]
    return " ".join(" ".join(texts).split())


async def test_staff_read_a_long_report_in_full_with_its_history(khooshe: Khooshe) -> None:
    group, _, member, _ = await _setup(khooshe)
    admin = khooshe.admin()
    # three messages of a long paste: about 11,000 characters, three platform messages' worth
    paste = [f"{n}) " + " ".join([POWER_CUT] * 50) for n in range(1, 4)]
    code = await file_report(member, paste[0], more=paste[1:])
    card = await expect(group, code)
    assert "…" in shown(card)  # the card has an excerpt only
    await admin.press_inline(card, "🙋 برمی‌دارم")
    await admin.send_text("با اداره برق تماس گرفتیم.", chat=group, reply_to=card.message_id)
    await admin.send_text("# مدیر شهرک در جریان است", chat=group, reply_to=card.message_id)
    await admin.press_inline(card, "🏛 دستگاه مسئول")
    bodies = await expect(group, "کدام دستگاه")
    await admin.press_inline(bodies, "شرکت توزیع برق")
    await group.settle()

    await admin.press_inline(card, "📄 متن کامل")
    messages = await group.settle()
    assert len(messages) == 3 and all(len(m.content or "") <= 4096 for m in messages)
    assert messages[0].reply_to_message_id == card.message_id
    assert all(shown(m).startswith(f"(ادامه گزارش {code})") for m in messages[1:])
    whole = _joined(messages, code)
    sql = "SELECT description FROM reports WHERE code = ?"
    (stored,) = await khooshe.rows(sql, fold_digits(code))
    # every word of the description arrived, in order, none of them cut in two
    assert " ".join(stored["description"].split()) in whole
    assert "دستگاه مسئول: شرکت توزیع برق" in whole and "چرم و کفش ۱" in whole
    assert "مریم رضایی — کفش آذر" in whole
    assert "وضعیت از «ثبت‌شده» به «در حال بررسی» تغییر کرد (کارشناس)" in whole
    assert "پاسخ کارشناس به اعضا: با اداره برق تماس گرفتیم." in whole
    assert "یادداشت داخلی کارشناس: # مدیر شهرک در جریان است" in whole
    assert "به «شرکت توزیع برق» ارجاع شد" in whole
    assert "ثبت گزارش (مریم رضایی)" in whole
    assert "۱۴۰" in whole and "ساعت" in whole  # Jalali date-times in Persian digits


async def test_the_full_text_is_for_staff_of_the_reports_cluster_only(khooshe: Khooshe) -> None:
    group, outsider, member, card = await _setup(khooshe)
    (row,) = await khooshe.rows("SELECT id, code FROM reports")
    # an agent of another cluster: the card's button, then the command
    answer = await outsider.press_inline(card, "📄 متن کامل")
    assert answer is not None and answer.show_alert and "کارشناسان" in (answer.text or "")
    assert await group.settle() == []
    await outsider.send_text(f"/show {row['code']}")
    (denied,) = await outsider.settle()
    assert "کارشناسان" in shown(denied) and "برق" not in shown(denied)
    # a member forging the button, and trying the command
    forged = await member.press_forged(f"t:full:{row['id']}")
    assert forged is not None and forged.show_alert and "کارشناسان" in (forged.text or "")
    await member.send_text(f"/show {row['code']}")
    (denied,) = await member.settle()
    assert "کارشناسان" in shown(denied) and "برق" not in shown(denied)

    # staff may, by the code in Persian digits, in their private chat
    admin = khooshe.admin()
    await admin.send_text(f"/show {persian_digits(row['code'])}")
    (full,) = await admin.settle()
    assert "شرح کامل" in shown(full) and "دستگاه‌های تزریق پلاستیک" in shown(full)
    await admin.send_text("/show 000000")
    (unknown,) = await admin.settle()
    assert "پیدا نشد" in shown(unknown)
    await admin.send_command("show")
    (usage,) = await admin.settle()
    assert "/show" in shown(usage)
