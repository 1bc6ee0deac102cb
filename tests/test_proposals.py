"""Proposals and joint meetings: a proposal linking three reports is supported by members of
two clusters (one support withdrawn), put on a meeting's agenda and decided; its supporters and
linked reporters are told each change exactly once, also across a restart in the middle of
sending and after a crash between storing a change and queueing its notices; the linked
reports move on; agents stay within their clusters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.sandbox import BotMessage, SandboxUser
from bot.text import persian_digits, shorten
from storage.members import get_member
from storage.offerings import NewOffering, create_offering
from storage.proposals import put_on_agenda
from storage.reports import NewReport, create_report, join_report
from tests.conftest import (
    UNSEEN_MESSAGE,
    Khooshe,
    expect,
    sheet_of,
    shown,
    tap,
    wait_for,
    workday,
)

TITLE = "برق پایدار برای شهرک غرب"
MEETING = "جلسه مشترک کمیسیون صنعت و شرکت شهرک‌ها"
AGENDA = "در دستور کار جلسه"
DECIDED = "تصمیم جلسه درباره"
DONE = "اجرا شد"


async def member_id(khooshe: Khooshe, user: SandboxUser) -> int:
    member = await get_member(khooshe.db, khooshe.platform.value, user.id)
    assert member is not None
    return member.id


async def report(khooshe: Khooshe, user: SandboxUser, cluster: str, summary: str) -> str:
    new = NewReport("electricity", "electricity", False, summary, summary + " از هفته پیش")
    stored, _ = await create_report(
        khooshe.db, await member_id(khooshe, user), cluster, khooshe.platform.value, new,
        f"key-{user.id}",
    )  # fmt: skip
    return stored.code


async def meeting(khooshe: Khooshe) -> int:
    offering, _ = await create_offering(
        khooshe.db,
        NewOffering(
            kind="meeting", title=MEETING, description="—",
            starts_at=datetime.now(UTC) + timedelta(days=3), ends_at=None, place="اتاق بازرگانی",
            capacity=None, deadline=None, created_by="staff:test", dedupe_key="meeting",
        ),
        publish_at=datetime.now(UTC),
    )  # fmt: skip
    return offering.id


def told(user: SandboxUser, fragment: str) -> int:
    """How many messages in the user's chat contain `fragment`."""
    return sum(1 for m in user.chat.messages if fragment in (m.content or ""))


async def start_proposal(admin: SandboxUser, problem: str, solution: str) -> None:
    """/proposals, a new one titled TITLE with this problem and solution; up to the question
    of the body it is addressed to."""
    await admin.send_command("proposals")
    await expect(admin, "پیشنهاد تازه")
    await new_proposal(admin, TITLE, problem, solution)


async def new_proposal(user: SandboxUser, title: str, problem: str, solution: str) -> None:
    """From /proposals: «➕ پیشنهاد تازه», then this title, problem and solution; up to the
    question of the body it is addressed to."""
    await user.press("➕ پیشنهاد تازه")
    await expect(user, "عنوان پیشنهاد")
    for text, question in (
        (title, "مشکل را شرح دهید"),
        (problem, "راه‌حل پیشنهادی"),
        (solution, "خطاب به کدام دستگاه"),
    ):
        await user.send_text(text)
        await expect(user, question)


async def for_both_clusters(admin: SandboxUser) -> None:
    """Choose the leather and the furniture clusters; up to the question of linked reports."""
    await expect(admin, "برای کدام خوشه‌هاست")
    await tap(admin, "▫️ چرم و کفش")
    await tap(admin, "▫️ مبلمان و صنایع چوب")
    await admin.press("✔️ تأیید خوشه‌ها")
    await expect(admin, "کد پیگیری گزارش‌هایی")


async def publish_proposal(admin: SandboxUser) -> str:
    """From the question of related surveys and trainings: none, the preview, published;
    return the preview as shown."""
    await admin.press("✔️ ادامه")
    preview = shown(await expect(admin, "پیش‌نمایش پیشنهاد"))
    await admin.press("📤 انتشار برای حمایت")
    await expect(admin, "منتشر شد")
    return preview


async def write_proposal(admin: SandboxUser, codes: list[str]) -> None:
    await start_proposal(
        admin,
        "قطعی برق هر هفته تولید واحدهای چرم و مبلمان را متوقف می‌کند.",
        "خط تغذیه دوم برای شهرک و اطلاع قطعی از یک روز قبل.",
    )
    await admin.press("شرکت توزیع برق")
    await for_both_clusters(admin)
    await admin.send_text(" ".join([*codes, "۱۱۱۱۱۱"]))  # one unknown code: asked again
    await expect(admin, "۱۱۱۱۱۱")
    await admin.send_text("، ".join(codes))
    await expect(admin, "نظرسنجی‌ها و موضوع‌های آموزشی مرتبط")
    preview = await publish_proposal(admin)
    assert "۳ گزارش با ۴ عضو" in preview and "شرکت توزیع برق" in preview


async def to_agenda(
    khooshe: Khooshe, admin: SandboxUser, card: BotMessage, meeting_id: int
) -> BotMessage:
    """Put the proposal of this staff card on the meeting's agenda; return the card as it
    comes again."""
    await admin.press_inline(card, "🗓 به دستور جلسه")
    await expect(admin, "دستور کدام جلسه")
    await admin.press(f"{shorten(MEETING, 30)} — " + (await _day(khooshe, meeting_id)))
    return await expect(admin, "وضعیت: در دستور جلسه")


async def decide_on(admin: SandboxUser, card: BotMessage, outcome: str, minutes: str) -> None:
    """Record the meeting's decision on the proposal of this staff card (the power company to
    carry it out, in ten working days), up to the confirm."""
    await admin.press_inline(card, "⚖️ ثبت تصمیم")
    await expect(admin, "چه تصمیمی گرفت")
    await admin.press(outcome)
    await expect(admin, "متن تصمیم")
    await admin.send_text(minutes)
    await expect(admin, "مسئول اجرای آن")
    await admin.press("شرکت توزیع برق")
    await expect(admin, "مهلت اجرا")
    await admin.send_text(workday(10))
    await expect(admin, "ثبت شود؟")


async def test_a_proposal_from_supports_to_a_decision_told_exactly_once(
    khooshe: Khooshe,
) -> None:
    filer, second, joiner = await khooshe.seed_members(3, "leather_shoes")
    wood, carpenter, waverer = await khooshe.seed_members(3, "furniture")
    (outsider,) = await khooshe.seed_members(1, "auto_parts")
    codes = [
        await report(khooshe, filer, "leather_shoes", "قطعی برق در سالن دوخت"),
        await report(khooshe, wood, "furniture", "قطعی مکرر برق و خرابی دستگاه"),
        await report(khooshe, second, "leather_shoes", "افت ولتاژ برق"),
    ]
    (third,) = await khooshe.rows("SELECT id FROM reports WHERE code = ?", codes[2])
    assert await join_report(khooshe.db, third["id"], await member_id(khooshe, joiner))
    meeting_id = await meeting(khooshe)
    admin = khooshe.admin()
    await write_proposal(admin, codes)
    (row,) = await khooshe.rows("SELECT id, status, body FROM proposals")
    assert (row["status"], row["body"]) == ("open", "power")
    pid = row["id"]
    evidence = await khooshe.rows("SELECT kind FROM proposal_evidence WHERE proposal_id = ?", pid)
    assert [e["kind"] for e in evidence] == ["report"] * 3

    # Published to both clusters' members; supports from both, one withdrawn, a comment.
    for user in (filer, second, joiner, wood, carpenter, waverer):
        await expect(user, TITLE)
    answer = await joiner.press("👍 حمایت / پس گرفتن حمایت")
    assert answer is not None and "۱ حامی" in (answer.text or "")
    answer = await carpenter.press("👍 حمایت / پس گرفتن حمایت")
    assert answer is not None and "۲ حامی" in (answer.text or "")
    answer = await waverer.press("👍 حمایت / پس گرفتن حمایت")
    assert answer is not None and "۳ حامی" in (answer.text or "")
    answer = await waverer.press("👍 حمایت / پس گرفتن حمایت")
    assert answer is not None and "پس گرفته شد" in (answer.text or "")
    assert "۲ حامی" in (answer.text or "")
    await joiner.press("💬 نظر کوتاه")
    await expect(joiner, "نظر کوتاه خود را")
    await joiner.send_text("برق سالن ما هم هر روز می‌رود")
    await expect(joiner, "نظر شما ثبت شد")
    refused = await outsider.press_forged(f"pp:s:{pid}", UNSEEN_MESSAGE)
    assert refused is not None and "برای خوشه شما نیست" in (refused.text or "")
    refused = await waverer.press("💬 نظر کوتاه")  # no longer a supporter
    assert refused is not None and "اول" in (refused.text or "")

    # Staff see supports per cluster and unit, and the evidence counted.
    await admin.send_command("proposals")
    card = await expect(admin, f"پیشنهاد {persian_digits(pid)}:")
    text = shown(card)
    assert "حمایت: ۲ (مبلمان و صنایع چوب: ۱، چرم و کفش: ۱)" in text
    assert "۳ گزارش با ۴ عضو" in text
    await admin.press_inline(card, "👥 حامیان")
    listed = shown(await expect(admin, "حامیان «"))
    assert "برق سالن ما هم هر روز می‌رود" in listed and listed.count("• ") == 2

    # On the agenda: supporters and linked reporters told once; nobody else.
    card = await to_agenda(khooshe, admin, card, meeting_id)
    concerned = (filer, second, joiner, wood, carpenter)
    for user in concerned:
        await expect(user, AGENDA)
    await admin.send_command("meetings")
    listing = await expect(admin, f"جلسه «{MEETING}»")
    assert TITLE in shown(listing)
    head, first = await pack_row(admin, listing)
    assert first[head.index("عنوان")] == TITLE
    assert first[head.index("حامیان")] == 2 and first[head.index("گزارش‌های مرتبط")] == 3
    assert first[head.index("حامیان به تفکیک خوشه")] == "مبلمان و صنایع چوب: ۱، چرم و کفش: ۱"
    assert first[head.index("اعضای گزارش‌دهنده")] == 4
    assert first[head.index("وضعیت")] == "در دستور جلسه" and not first[head.index("تصمیم")]

    # The decision: one recipient's message fails once, and the bot restarts before the
    # retry; everyone concerned still gets it exactly once.
    await decide_on(
        admin, card, "به دستگاه مسئول ارجاع شد", "شرکت توزیع برق تا پایان ماه خط دوم را وصل کند."
    )
    fault = khooshe.sandbox.inject("sendMessage", error=502, chat_id=second.id)
    await admin.press("⚖️ ثبت تصمیم")
    assert await wait_for(lambda: fault.hits == 1, 10)
    await khooshe.stop()  # the failed message waits for its retry; others may too
    await khooshe.start()
    for user in (filer, joiner, wood, carpenter):
        await expect(user, DECIDED, wait=15)
    await expect(second, DECIDED, wait=15)
    decision = shown(second.chat.messages[-1])
    assert "به دستگاه مسئول ارجاع شد" in decision and "شرکت توزیع برق" in decision
    reports = await khooshe.rows("SELECT status, outside_body FROM reports ORDER BY id")
    assert reports == [{"status": "referred", "outside_body": "power"}] * 3
    # The pack printed after the meeting carries the decision and its due date.
    await admin.send_command("meetings")
    head, first = await pack_row(admin, await expect(admin, f"جلسه «{MEETING}»"))
    assert first[head.index("تصمیم")] == "به دستگاه مسئول ارجاع شد"
    assert "۱۴۰" in str(first[head.index("مهلت")])

    # Done, told once too.
    await admin.send_command("proposals")
    card = await expect(admin, TITLE)
    await admin.press_inline(card, "✅ انجام شد")
    for user in concerned:
        await expect(user, DONE)
    for user in concerned:
        await user.settle()
        assert [told(user, f) for f in (AGENDA, DECIDED, DONE)] == [1, 1, 1], user
    for user in (waverer, outsider):
        await user.settle()
        assert [told(user, f) for f in (AGENDA, DECIDED, DONE)] == [0, 0, 0], user
    events = await khooshe.rows("SELECT to_status, told FROM proposal_events ORDER BY id")
    assert [(e["to_status"], e["told"]) for e in events] == [
        ("open", 1), ("agenda", 1), ("decided", 1), ("done", 1),
    ]  # fmt: skip


async def pack_row(admin: SandboxUser, listing: BotMessage) -> tuple[Any, Any]:
    """The meeting's proposal pack from its /meetings listing: (headers, first item's row),
    after checking it prints as a Persian office expects (right to left, A4 landscape, every
    column on the page's width, the header on every page, long text wrapped)."""
    await admin.press_inline(listing, "📦 بسته پیشنهادها (اکسل)")
    sheet = sheet_of(await expect(admin, "بسته پیشنهادهای جلسه"))
    assert sheet.sheet_view.rightToLeft
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1
    assert setup.fitToHeight == 0 and sheet.print_title_rows == "$1:$1"
    assert sheet["D2"].alignment.wrap_text  # the problem, as long as it is
    head, first = list(sheet.values)[:2]
    return head, first


async def _day(khooshe: Khooshe, offering_id: int) -> str:
    from bot.i18n import format_date
    from storage.offerings import get_offering

    offering = await get_offering(khooshe.db, offering_id)
    assert offering is not None
    return format_date(offering.starts_at, "fa", khooshe.settings().tz)


async def test_a_change_stored_just_before_a_crash_is_told_at_start_once(
    khooshe: Khooshe,
) -> None:
    (filer,) = await khooshe.seed_members(1, "leather_shoes")
    (supporter,) = await khooshe.seed_members(1, "furniture")
    code = await report(khooshe, filer, "leather_shoes", "قطعی برق در سالن دوخت")
    meeting_id = await meeting(khooshe)
    admin = khooshe.admin()
    await write_proposal_quickly(khooshe, admin, code)
    await expect(supporter, TITLE)
    await supporter.press("👍 حمایت / پس گرفتن حمایت")
    (row,) = await khooshe.rows("SELECT id FROM proposals")
    # The crash window: the change is stored, its notices not queued yet.
    await put_on_agenda(khooshe.db, row["id"], meeting_id, "staff:test")
    await khooshe.stop()
    await khooshe.start()
    for user in (filer, supporter):
        await expect(user, AGENDA, wait=15)
    await khooshe.stop()  # and a second start tells nothing again
    await khooshe.start()
    await admin.send_command("help")
    await expect(admin, "/")
    for user in (filer, supporter):
        await user.settle()
        assert told(user, AGENDA) == 1
    (event,) = await khooshe.rows("SELECT told FROM proposal_events WHERE to_status = 'agenda'")
    assert event["told"] == 1


async def write_proposal_quickly(khooshe: Khooshe, admin: SandboxUser, code: str) -> None:
    """The proposal for both clusters, with one report and no more evidence."""
    await start_proposal(
        admin, "قطعی برق هر هفته تولید را متوقف می‌کند.", "خط تغذیه دوم برای شهرک."
    )
    await admin.press("دستگاه خاصی نیست")
    await for_both_clusters(admin)
    await admin.send_text(code)
    await expect(admin, "موضوع‌های آموزشی مرتبط")
    await publish_proposal(admin)


async def test_agents_act_only_on_proposals_of_their_clusters(khooshe: Khooshe) -> None:
    (leather,) = await khooshe.seed_members(1, "leather_shoes")
    (wood,) = await khooshe.seed_members(1, "furniture")
    leather_code = await report(khooshe, leather, "leather_shoes", "قطعی برق در سالن دوخت")
    wood_code = await report(khooshe, wood, "furniture", "کمبود چوب راش")
    meeting_id = await meeting(khooshe)
    admin = khooshe.admin()
    await write_proposal_quickly(khooshe, admin, leather_code)
    (row,) = await khooshe.rows("SELECT id FROM proposals")
    pid = row["id"]
    agent = await khooshe.agent("furniture")
    # The two-cluster proposal is not the furniture agent's: not listed, every button refused.
    await agent.send_command("proposals")
    await expect(agent, "پیشنهاد تازه")
    await agent.settle()
    assert not [m for m in agent.chat.messages if TITLE in (m.content or "")]
    for data in (
        f"pps:sup:{pid}", f"pps:ag:{pid}", f"pps:ags:{pid}:{meeting_id}", f"pps:d:{pid}",
        f"pps:done:{pid}",
    ):  # fmt: skip
        refused = await agent.press_forged(data, UNSEEN_MESSAGE)
        assert refused is not None and "فقط برای کارشناسان" in (refused.text or ""), data
    assert await khooshe.value("SELECT status FROM proposals") == "open"
    # Even an admin's agenda item of another cluster stays out of the agent's pack.
    await put_on_agenda(khooshe.db, pid, meeting_id, "staff:test")
    refused = await agent.press_forged(f"mt:pack:{meeting_id}", UNSEEN_MESSAGE)
    assert refused is not None and "خالی" in (refused.text or "")
    # Writing one: only their clusters are offered, and another cluster's report is refused.
    await new_proposal(
        agent, "چوب راش برای مبلمان", "چوب راش کمیاب و گران شده است.", "سهمیه چوب از بورس کالا."
    )
    await agent.press("دستگاه خاصی نیست")
    picker = await expect(agent, "برای کدام خوشه‌هاست")
    assert [b for b in picker.button_texts if b.startswith("▫️")] == ["▫️ مبلمان و صنایع چوب"]
    refused = await agent.press_forged("pps:t:leather_shoes", UNSEEN_MESSAGE)
    assert refused is not None and refused.show_alert
    await tap(agent, "▫️ مبلمان و صنایع چوب")
    await agent.press("✔️ تأیید خوشه‌ها")
    await expect(agent, "کد پیگیری گزارش‌هایی")
    await agent.send_text(leather_code)
    await expect(agent, "در خوشه‌های شما نیست")
    await agent.send_text(wood_code)
    await expect(agent, "موضوع‌های آموزشی مرتبط")
    await agent.press("✔️ ادامه")
    await expect(agent, "پیش‌نمایش پیشنهاد")
    await agent.press("💾 ذخیره به‌صورت پیش‌نویس")  # a draft: sent to nobody yet
    await expect(agent, "پیش‌نویس ماند")
    await wood.settle()
    assert not [m for m in wood.chat.messages if "چوب راش" in (m.content or "")]
    await agent.send_command("proposals")
    draft = await expect(agent, "وضعیت: پیش‌نویس")
    await agent.press_inline(draft, "📤 انتشار برای حمایت")
    await expect(wood, "چوب راش برای مبلمان")
    await leather.settle()
    assert not [m for m in leather.chat.messages if "چوب راش" in (m.content or "")]
    (mine,) = await khooshe.rows("SELECT id FROM proposals WHERE title = 'چوب راش برای مبلمان'")
    clusters = await khooshe.rows(
        "SELECT cluster_code FROM proposal_clusters WHERE proposal_id = ?", mine["id"]
    )
    assert clusters == [{"cluster_code": "furniture"}]
    # Their own proposal is theirs to manage.
    await agent.send_command("proposals")
    card = await expect(agent, "چوب راش برای مبلمان")
    assert "🗓 به دستور جلسه" in card.button_texts


async def test_digests_mention_open_proposals_and_overdue_decisions(khooshe: Khooshe) -> None:
    from bot.services.digest.service import make_digests
    from storage.proposals import Decision, NewProposal, create_proposal, decide, publish

    (leather,) = await khooshe.seed_members(1, "leather_shoes")
    (wood,) = await khooshe.seed_members(1, "furniture")
    admin = khooshe.admin()
    meeting_id = await meeting(khooshe)

    async def proposal(title: str, cluster: str) -> int:
        new = NewProposal(title, "مشکل", "راه‌حل", None, (cluster,), "staff:test", title)
        pid, _ = await create_proposal(khooshe.db, new)
        await publish(khooshe.db, pid, "staff:test")
        return pid

    await proposal("انبار مشترک چرم", "leather_shoes")
    late = await proposal("سهمیه چوب از بورس", "furniture")
    await put_on_agenda(khooshe.db, late, meeting_id, "staff:test")
    yesterday = datetime.now(UTC) - timedelta(days=1)
    decision = Decision("accepted", "سهمیه ماهانه داده شود", "power", yesterday)
    assert await decide(khooshe.db, late, decision, "staff:test") is not None
    agent = await khooshe.agent("leather_shoes")
    assert khooshe.runtime is not None
    digests = make_digests(khooshe.runtime.apps[khooshe.platform].state)
    assert await digests.run(datetime.now(UTC) + timedelta(days=7)) == {
        "members": True,
        "staff": True,
    }
    digest = shown(await expect(leather, "پیشنهادهای باز خوشه شما"))
    assert "انبار مشترک چرم (۰ حامی)" in digest and "چوب" not in digest
    await wood.settle()
    assert not [m for m in wood.chat.messages if "پیشنهادهای باز" in (m.content or "")]
    staff = shown(await expect(admin, "مهلتشان گذشته"))
    assert "سهمیه چوب از بورس — مهلت" in staff and "شرکت توزیع برق" in staff
    assert "پیشنهادهای باز: ۱، در دستور جلسه: ۰" in staff
    staff = shown(await expect(agent, "پیشنهادهای باز: ۱"))
    assert "مهلتشان گذشته" not in staff  # the late decision is another cluster's


async def test_a_report_on_a_meetings_agenda_is_decided_and_told_once(khooshe: Khooshe) -> None:
    filer, joiner, other = await khooshe.seed_members(3, "leather_shoes")
    code = await report(khooshe, filer, "leather_shoes", "قطعی برق در سالن دوخت")
    (row,) = await khooshe.rows("SELECT id FROM reports")
    assert await join_report(khooshe.db, row["id"], await member_id(khooshe, joiner))
    meeting_id = await meeting(khooshe)
    shown_code = persian_digits(code)
    admin = khooshe.admin()
    await admin.send_command("meetings")
    listing = await expect(admin, f"جلسه «{MEETING}»")
    await admin.press_inline(listing, "➕ گزارش به دستور جلسه")
    await expect(admin, "کد پیگیری گزارشی")
    await admin.send_text(shown_code)
    await expect(admin, "در دستور جلسه قرار گرفت")
    for user in (filer, joiner):
        await expect(user, f"گزارش شما با کد {shown_code} در دستور کار")

    agent = await khooshe.agent("furniture")
    await agent.send_command("meetings")
    theirs = shown(await expect(agent, f"جلسه «{MEETING}»"))
    assert shown_code not in theirs  # another cluster's report
    refused = await agent.press_forged(f"mt:d:{meeting_id}:{row['id']}", UNSEEN_MESSAGE)
    assert refused is not None and "فقط برای کارشناسان" in (refused.text or "")
    await agent.press("➕ گزارش به دستور جلسه")
    await expect(agent, "کد پیگیری گزارشی")
    await agent.send_text(shown_code)
    await expect(agent, "در خوشه‌های شما نیست")

    await admin.send_command("meetings")
    listing = await expect(admin, f"۱. گزارش {shown_code}")
    await admin.press_inline(listing, f"⚖️ تصمیم: گزارش {shown_code}")
    await expect(admin, "چه تصمیمی گرفت")
    await admin.send_text("شرکت توزیع برق تا آخر ماه ترانس سالن را عوض کند.")
    await expect(admin, "مسئول اجرای آن")
    await admin.press("شرکت توزیع برق")
    await expect(admin, "مهلت اجرا")
    await admin.press("بدون مهلت")
    await expect(admin, "ثبت شود؟")
    await admin.press("⚖️ ثبت تصمیم")
    for user in (filer, joiner):
        decided = shown(await expect(user, "درباره گزارش شما"))
        assert "ترانس سالن" in decided and "شرکت توزیع برق" in decided
    (stored,) = await khooshe.rows("SELECT status, outside_body FROM reports")
    assert stored == {"status": "referred", "outside_body": "power"}
    await admin.send_command("meetings")
    listing = await expect(admin, "تصمیم ثبت شد")
    assert f"⚖️ تصمیم: گزارش {shown_code}" not in listing.button_texts
    head, first = await pack_row(admin, listing)
    assert first[head.index("عنوان")] == f"گزارش {shown_code}"
    assert first[head.index("اعضای گزارش‌دهنده")] == 2
    for user in (filer, joiner, other):
        await user.settle()
    assert [told(u, "در دستور کار") for u in (filer, joiner, other)] == [1, 1, 0]
    assert [told(u, "درباره گزارش شما") for u in (filer, joiner, other)] == [1, 1, 0]
