"""Surveys: staff compose one for two clusters, members answer it in part, come back, finish
and change an answer; the results, chart and export count it right; closing refuses further
answers; forged answers and agents outside their clusters are refused."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook

from bot.sandbox import BotMessage, SandboxUser
from bot.services.digest.service import Digests, make_digests
from storage.roles import grant_role
from tests.conftest import ADMIN_ID, UNSEEN_MESSAGE, Khooshe, expect, sheet_of, shown, tap, workday

TITLE = "نیاز واحدها به انرژی"
Q1 = "مهم‌ترین کمبود واحد شما کدام است؟"
Q2 = "کدام فناوری‌ها را لازم دارید؟"
Q3 = "از خدمات شهرک چقدر راضی هستید؟"
Q4 = "چند نفر کارگر دارید؟"
Q5 = "چه پیشنهادی دارید؟"


async def compose(admin: SandboxUser, clusters: list[str]) -> None:
    """Write the five-question survey by hand, for these clusters, open now."""
    await admin.send_command("surveys")
    await expect(admin, "نظرسنجی تازه")
    await admin.press("➕ نظرسنجی تازه")
    await expect(admin, "عنوان نظرسنجی")
    await admin.send_text(TITLE)
    for kind, text, options in (
        ("یک گزینه‌ای", Q1, "برق\nآب\nگاز"),
        ("چندگزینه‌ای", Q2, "اتوماسیون\nنرم‌افزار\nانرژی خورشیدی"),
        ("امتیاز ۱ تا ۵", Q3, None),
        ("عدد", Q4, None),
        ("متن آزاد", Q5, None),
    ):
        await expect(admin, "از چه نوعی است")
        await admin.press(kind)
        await expect(admin, "متن پرسش را بنویسید")
        await admin.send_text(text)
        if options is not None:
            await expect(admin, "گزینه‌ها را بنویسید")
            await admin.send_text("فقط یکی")  # one option is not a choice
            await expect(admin, "هر گزینه را در یک خط")
            await admin.send_text(options)
    await expect(admin, "پرسش ۶")
    await admin.press("✔️ پرسش‌ها کامل است")
    await pick_audience(admin, {"🧩 خوشه‌ها": clusters})
    await expect(admin, "نظرسنجی از کی باز شود")
    await admin.press("▶️ همین حالا")
    await expect(admin, "تا کی پاسخ پذیرفته شود")
    await admin.send_text("دیروز")  # refused: not ahead
    await admin.send_text(workday(3))
    preview = shown(await expect(admin, "پیش‌نمایش نظرسنجی"))
    assert Q1 in preview and "[عدد]" in preview
    await admin.press("📤 انتشار")
    await expect(admin, "منتشر شد")


async def pick_audience(user: SandboxUser, picks: dict[str, list[str]]) -> None:
    """On the audience card (the broadcasts' picker), tick these values of each dimension
    (by its button), come back to the card, and go on."""
    await expect(user, "از چه کسانی پرسیده شود")
    for dimension, names in picks.items():
        await tap(user, dimension)
        for name in names:
            await tap(user, "▫️ " + name)
        await tap(user, "✔️ تأیید انتخاب")
    await user.press("ادامه »")


async def open_now_and_publish(user: SandboxUser) -> None:
    """Audience chosen: open it now, close it in two workdays, publish."""
    await expect(user, "از کی باز شود")
    await user.press("▶️ همین حالا")
    await expect(user, "تا کی پاسخ")
    await user.send_text(workday(2))
    await expect(user, "پیش‌نمایش")
    await user.press("📤 انتشار")
    await expect(user, "منتشر شد")


async def edited(user: SandboxUser, fragment: str) -> None:
    """Wait for an edit that shows `fragment` (earlier edits of the chat are skipped)."""
    while fragment not in shown(await user.chat.next_edit()):
        pass


async def start_answering(member: SandboxUser, fragment: str) -> BotMessage:
    """The member opens the invitation that shows `fragment`; return the invitation."""
    invite = await expect(member, fragment)
    await member.press_inline(invite, "📝 پاسخ می‌دهم")
    await expect(member, "پرسش ۱ از ۵")
    return invite


async def answer_q1(member: SandboxUser, option: str) -> None:
    await member.press("📝 پاسخ می‌دهم")
    await expect(member, "پرسش ۱ از ۵")
    await member.press(option)


async def answer_rest(member: SandboxUser, ticks: list[str], score: str, count: str) -> None:
    await expect(member, "پرسش ۲ از ۵")
    for tick in ticks:
        await tap(member, "▫️ " + tick)
    await member.press("✔️ ثبت و بعدی")
    await expect(member, "پرسش ۳ از ۵")
    await member.press(score)
    await expect(member, "پرسش ۴ از ۵")
    await member.send_text(count)


async def answers(khooshe: Khooshe, member: SandboxUser) -> dict[int, object]:
    rows = await khooshe.rows(
        "SELECT q.position, a.value FROM survey_answers a "
        "JOIN survey_questions q ON q.id = a.question_id "
        "JOIN member_addresses m ON m.member_id = a.member_id "
        "WHERE m.user_id = ? ORDER BY q.position",
        member.id,
    )
    return {r["position"]: json.loads(r["value"]) for r in rows}


async def test_survey_answered_resumed_changed_counted_and_closed(khooshe: Khooshe) -> None:
    first, second = await khooshe.seed_members(2, "leather_shoes")
    (third,) = await khooshe.seed_members(1, "furniture")
    (outsider,) = await khooshe.seed_members(1, "auto_parts")
    admin = khooshe.admin()
    await compose(admin, ["چرم و کفش", "مبلمان و صنایع چوب"])
    for member in (first, second, third):
        invite = await expect(member, TITLE)
        assert "📝 پاسخ می‌دهم" in invite.button_texts
    (survey,) = await khooshe.rows("SELECT id, audience, status FROM surveys")
    assert json.loads(survey["audience"])["clusters"] == ["furniture", "leather_shoes"]
    questions = await khooshe.rows("SELECT id, kind FROM survey_questions ORDER BY position")
    assert [q["kind"] for q in questions] == ["single", "multi", "scale", "number", "text"]
    q1 = questions[0]["id"]

    # The first member answers one question, ticks a second and leaves: the first is kept.
    await answer_q1(first, "آب")
    await expect(first, "پرسش ۲ از ۵")
    await tap(first, "▫️ اتوماسیون")
    await first.send_command("cancel")
    await expect(first, "تا اینجا ثبت شد")
    assert await answers(khooshe, first) == {1: 1}
    # Coming back resumes at the first unanswered question (the ticks were not confirmed).
    await first.press("📝 پاسخ می‌دهم")
    await expect(first, "ادامه نظرسنجی")
    await answer_rest(first, ["اتوماسیون", "نرم‌افزار"], "۴", "خیلی زیاد")
    await expect(first, "فقط یک عدد")
    await first.send_text("۱۲ نفر")
    await expect(first, "پرسش ۵ از ۵")
    await first.send_text("برای کاهش هزینه برق به انرژی خورشیدی نیاز داریم")
    summary = shown(await expect(first, "پاسخ‌های شما"))
    assert "آب" in summary and "اتوماسیون، نرم‌افزار" in summary and "۱۲" in summary
    # ...and changes the first answer until the survey closes.
    await first.press("✏️ پرسش ۱")
    again = shown(await expect(first, "پرسش ۱ از ۵"))
    assert "پاسخ فعلی شما: آب" in again
    await first.press("گاز")
    await expect(first, "پاسخ‌های شما")
    assert await answers(khooshe, first) == {
        1: 2,
        2: [0, 1],
        3: 4,
        4: 12,
        5: "برای کاهش هزینه برق به انرژی خورشیدی نیاز داریم",
    }

    await answer_q1(second, "گاز")
    await answer_rest(second, ["انرژی خورشیدی"], "۲", "۳۰")
    await expect(second, "پرسش ۵ از ۵")
    await second.send_text("انرژی خورشیدی و کاهش هزینه برق")
    await expect(second, "پاسخ‌های شما")
    await answer_q1(third, "برق")
    await expect(third, "پرسش ۲ از ۵")

    # Someone the survey does not ask cannot answer it, even with a forged button.
    refused = await outsider.press_forged(f"sv:p:{survey['id']}:{q1}:0", UNSEEN_MESSAGE)
    assert refused is not None and "از شما پرسیده نشده" in (refused.text or "")
    # A junk option, or a question from nowhere, is refused as well.
    refused = await third.press_forged(f"sv:p:{survey['id']}:{q1}:7", UNSEEN_MESSAGE)
    assert refused is not None and refused.show_alert
    assert await answers(khooshe, outsider) == {}
    assert await answers(khooshe, third) == {1: 0}
    responses = await khooshe.rows(
        "SELECT cluster_code, completed_at IS NOT NULL AS done FROM survey_responses "
        "ORDER BY cluster_code"
    )
    assert [(r["cluster_code"], r["done"]) for r in responses] == [
        ("furniture", 0),
        ("leather_shoes", 1),
        ("leather_shoes", 1),
    ]

    # Results: per option with percentages, per cluster, the themes of the free text.
    await admin.send_command("surveys")
    item = await expect(admin, f"نظرسنجی ۱: {TITLE}")
    await admin.press_inline(item, "📊 نتیجه")
    head = shown(await expect(admin, "پاسخ‌دهندگان: ۳ (کامل: ۲)"))
    assert "چرم و کفش: ۲" in head and "مبلمان و صنایع چوب: ۱" in head
    results = head
    chart = None
    while chart is None:
        message = await admin.next_message()
        if message.photo is not None:
            chart = message
        else:
            results += "\n" + shown(message)
    assert chart.photo is not None and chart.photo.data.startswith(b"\x89PNG")
    assert f"{Q1} (۳ پاسخ)" in results
    assert "• برق: ۱ (۳۳٪)" in results and "• گاز: ۲ (۶۷٪)" in results
    assert "• آب: ۰ (۰٪)" in results
    assert "◦ چرم و کفش: گاز: ۲" in results and "◦ مبلمان و صنایع چوب: برق: ۱" in results
    assert "میانگین: ۳٫۰" in results or "میانگین: ۳.۰" in results  # (4 + 2) / 2
    assert "کمترین ۱۲، بیشترین ۳۰" in results
    (themes,) = [line for line in results.split("\n") if "موضوع‌های تکراری" in line]
    assert "(۲)" in themes  # words both free-text answers share

    await admin.press_inline(item, "📥 اکسل")
    sheet = await expect(admin, "پاسخ‌دهنده")
    assert sheet.document is not None
    table = load_workbook(io.BytesIO(sheet.document.data)).active
    assert table is not None and table.sheet_view.rightToLeft
    rows = list(table.values)
    assert rows[0][0] == "واحد" and Q1 in rows[0]
    assert len(rows) == 4
    (found,) = [r for r in rows[1:] if r[rows[0].index(Q4)] == 12]
    assert found[rows[0].index(Q1)] == "گاز" and found[1] == "چرم و کفش"
    assert found[rows[0].index(Q2)] == "اتوماسیون، نرم‌افزار"

    # Closing: asked first; then no answer is taken or changed.
    await admin.press_inline(item, "⏹ بستن")
    await expect(admin, "بسته شود؟")
    await admin.press("⏹ بله، بسته شود")
    await edited(admin, "بسته شد.")
    refused = await first.press("✏️ پرسش ۱")
    assert refused is not None and "بسته شده است" in (refused.text or "")
    refused = await third.press("▫️ اتوماسیون")
    assert refused is not None and "بسته شده است" in (refused.text or "")
    refused = await first.press_forged(f"sv:p:{survey['id']}:{q1}:0", UNSEEN_MESSAGE)
    assert refused is not None and "بسته شده است" in (refused.text or "")
    assert (await answers(khooshe, first))[1] == 2
    assert await answers(khooshe, third) == {1: 0}
    (row,) = await khooshe.rows("SELECT status, closed_by FROM surveys")
    assert row["status"] == "closed" and str(ADMIN_ID) in row["closed_by"]


async def test_agents_stay_in_their_clusters_and_templates_are_ready(khooshe: Khooshe) -> None:
    (leather,) = await khooshe.seed_members(1, "leather_shoes")
    (furniture,) = await khooshe.seed_members(1, "furniture")
    admin = khooshe.admin()
    await compose(admin, ["چرم و کفش", "مبلمان و صنایع چوب"])
    await expect(furniture, TITLE)
    agent = await khooshe.agent("furniture")
    # The admin's survey asks a cluster that is not the agent's: not listed, not theirs.
    await agent.send_command("surveys")
    await expect(agent, "نظرسنجی تازه")
    await agent.settle()
    assert not [m for m in agent.chat.messages if TITLE in (m.content or "")]
    for data in ("svs:r:1", "svs:xl:1", "svs:cy:1"):
        refused = await agent.press_forged(data, UNSEEN_MESSAGE)
        assert refused is not None and "فقط برای کارشناسان" in (refused.text or ""), data
    assert await khooshe.value("SELECT status FROM surveys") == "published"

    # The agent starts from the satisfaction template; only their cluster is offered.
    await agent.press("🧰 الگو: رضایت از آموزش")
    loaded = shown(await expect(agent, "آماده است"))
    assert "چقدر راضی بودید" in loaded
    card = await expect(agent, "از چه کسانی پرسیده شود")
    assert "تعداد پرسیده‌شدگان: ۱ نفر" in shown(card)  # all of the agent's clusters
    picker = await tap(agent, "🧩 خوشه‌ها")
    assert "فقط خوشه‌های خودتان" in shown(picker)
    assert picker.button_texts[0] == "▫️ مبلمان و صنایع چوب"
    assert not [b for b in picker.button_texts if "چرم" in b]
    for forged in ("svs:t:c:leather_shoes", "svs:t:c:furniture,leather_shoes"):
        refused = await agent.press_forged(forged, UNSEEN_MESSAGE)
        assert refused is not None and refused.show_alert, forged
    await tap(agent, "✔️ تأیید انتخاب")
    await agent.press("ادامه »")  # none chosen: all of the agent's clusters
    await edited(agent, "۱ عضو")
    await open_now_and_publish(agent)
    await start_answering(furniture, "رضایت از آموزش")
    await furniture.press("۵")
    await expect(furniture, "پرسش ۲ از ۵")
    (mine,) = await khooshe.rows("SELECT id, audience, template FROM surveys WHERE id = 2")
    assert json.loads(mine["audience"])["clusters"] == ["furniture"]
    assert mine["template"] == "satisfaction"
    # The leather member was not asked: no invitation, and the button is refused.
    await leather.settle()
    assert not [m for m in leather.chat.messages if "رضایت از آموزش" in (m.content or "")]
    refused = await leather.press_forged("sv:a:2", UNSEEN_MESSAGE)
    assert refused is not None and "از شما پرسیده نشده" in (refused.text or "")
    # Their own survey is the agent's to read and close.
    await agent.send_command("surveys")
    item = await expect(agent, "نظرسنجی ۲")
    await agent.press_inline(item, "📊 نتیجه")
    await expect(agent, "پاسخ‌دهندگان: ۱")

    # The weekly digests mention the open surveys: a member's, those asked of them and not
    # finished; a reader's on the staff side, those in their clusters with their answers.
    assert await digests(khooshe).run(datetime.now(UTC) + timedelta(days=7)) == {
        "members": True,
        "staff": True,
    }
    digest = shown(await expect(furniture, "نظرسنجی‌های باز برای شما"))
    assert TITLE in digest and "رضایت از آموزش" in digest
    digest = shown(await expect(leather, "نظرسنجی‌های باز برای شما"))
    assert TITLE in digest and "رضایت" not in digest
    digest = shown(await expect(agent, "نظرسنجی‌های باز:"))
    assert "رضایت از آموزش: ۱ پاسخ‌دهنده" in digest and TITLE not in digest
    digest = shown(await expect(admin, "نظرسنجی‌های باز:"))
    assert "رضایت از آموزش: ۱ پاسخ‌دهنده" in digest and f"{TITLE}: ۰ پاسخ‌دهنده" in digest


def digests(khooshe: Khooshe) -> Digests:
    assert khooshe.runtime is not None
    return make_digests(khooshe.runtime.apps[khooshe.platform].state)


async def test_a_satisfaction_survey_asks_a_trainings_registrants(khooshe: Khooshe) -> None:
    from storage.offerings import NewOffering, create_offering, sign_up

    attended, other = await khooshe.seed_members(2, "leather_shoes")
    admin = khooshe.admin()
    now = datetime.now(UTC)
    course, _ = await create_offering(
        khooshe.db,
        NewOffering(
            kind="course", title="هوش مصنوعی در کسب‌وکار", description="—",
            starts_at=now + timedelta(hours=2), ends_at=None, place="اتاق بازرگانی",
            capacity=None, deadline=None, created_by="staff:test", dedupe_key="course",
        ),
        publish_at=now - timedelta(hours=1),
    )  # fmt: skip
    (row,) = await khooshe.rows(
        "SELECT member_id FROM member_addresses WHERE user_id = ?", attended.id
    )
    await sign_up(khooshe.db, course.id, row["member_id"], "leather_shoes", now)
    await admin.send_command("surveys")
    await expect(admin, "نظرسنجی تازه")
    await admin.press("🧰 الگو: رضایت از آموزش")
    await expect(admin, "از چه کسانی پرسیده شود")
    await expect(admin, "ثبت‌نامی‌های یک آموزش")
    await admin.press("👥 ثبت‌نامی‌های «هوش مصنوعی در کسب‌وکار»")
    await edited(admin, "۱ عضو")
    await open_now_and_publish(admin)
    invite = await expect(attended, "رضایت از آموزش")
    await attended.press_inline(invite, "📝 پاسخ می‌دهم")
    await expect(attended, "پرسش ۱ از ۵")
    await other.settle()
    assert not [m for m in other.chat.messages if "رضایت" in (m.content or "")]
    button = invite.button("📝 پاسخ می‌دهم")
    assert button is not None
    refused = await other.press_forged(str(button["callback_data"]), UNSEEN_MESSAGE)
    assert refused is not None and "از شما پرسیده نشده" in (refused.text or "")
    (survey,) = await khooshe.rows("SELECT audience FROM surveys")
    assert json.loads(survey["audience"])["offering"] == course.id


async def publish_template(user: SandboxUser, picks: dict[str, list[str]], reach: str) -> None:
    """The satisfaction template, asked of the audience `picks` chooses, open now."""
    await user.send_command("surveys")
    await expect(user, "نظرسنجی تازه")
    await user.press("🧰 الگو: رضایت از آموزش")
    await pick_audience(user, picks)
    await edited(user, reach)
    await open_now_and_publish(user)


async def test_a_survey_asks_by_every_dimension_a_broadcast_offers(khooshe: Khooshe) -> None:
    (asked,) = await khooshe.seed_members(
        1, "leather_shoes", estate_code="west_tabriz", job_role="manager"
    )
    (owner,) = await khooshe.seed_members(1, "leather_shoes", estate_code="west_tabriz")
    (elsewhere,) = await khooshe.seed_members(
        1, "furniture", estate_code="razi", job_role="manager"
    )
    (furniture_manager,) = await khooshe.seed_members(1, "furniture", job_role="manager")
    (furniture_owner,) = await khooshe.seed_members(1, "furniture")
    admin = khooshe.admin()
    # Staff: the managers of one estate, whatever their cluster.
    await publish_template(
        admin, {"📍 شهرک‌ها": ["شهرک صنعتی غرب تبریز"], "💼 نقش‌ها": ["مدیر"]}, "۱ عضو"
    )
    await expect(asked, "رضایت از آموزش")
    (survey,) = await khooshe.rows("SELECT audience FROM surveys")
    audience = json.loads(survey["audience"])
    assert audience["estates"] == ["west_tabriz"] and audience["job_roles"] == ["manager"]
    assert audience["clusters"] == []
    for user in (owner, elsewhere, furniture_manager, furniture_owner):
        await user.settle()
        assert not [m for m in user.chat.messages if "رضایت" in (m.content or "")]

    # An agent: managers too, but only ever within their own cluster, whatever is forged.
    agent = khooshe.member(first_name="عامل")
    await grant_role(
        khooshe.db, khooshe.platform.value, agent.id, "cluster_agent", ADMIN_ID, ["furniture"]
    )
    await agent.send_command("surveys")
    await expect(agent, "نظرسنجی تازه")
    await agent.press("🧰 الگو: رضایت از آموزش")
    await expect(agent, "از چه کسانی پرسیده شود")
    refused = await agent.press_forged("svs:t:c:leather_shoes", UNSEEN_MESSAGE)
    assert refused is not None and refused.show_alert
    await agent.settle()
    await agent.press("ادامه »")  # nothing picked yet: all of the agent's cluster
    await edited(agent, "۳ عضو")
    await agent.send_command("cancel")
    await expect(agent, "منتشر نشد")
    await publish_template(agent, {"💼 نقش‌ها": ["مدیر"]}, "۲ عضو")
    for user in (elsewhere, furniture_manager):
        await expect(user, "رضایت از آموزش")
    (mine,) = await khooshe.rows("SELECT audience FROM surveys WHERE id = 2")
    audience = json.loads(mine["audience"])
    assert audience["clusters"] == ["furniture"] and audience["job_roles"] == ["manager"]
    for user, times in ((asked, 1), (furniture_owner, 0)):
        await user.settle()
        invites = [m for m in user.chat.messages if "رضایت از آموزش" in (m.content or "")]
        assert len(invites) == times  # the staff's survey only, or none


async def test_the_composer_gets_the_invitations_delivery_report(khooshe: Khooshe) -> None:
    reader, blocker, quiet = await khooshe.seed_members(3)
    # A survey is not an announcement: a member who turned announcements off is still asked.
    await khooshe.write("UPDATE members SET announcements = 0 WHERE user_id = ?", quiet.id)
    khooshe.sandbox.block(blocker.id)
    admin = khooshe.admin()
    await publish_template(admin, {"🧩 خوشه‌ها": ["چرم و کفش"]}, "۳ عضو")
    report = await expect(admin, "گزارش ارسال دعوت نظرسنجی «رضایت از آموزش»")
    text = shown(report)
    assert "پرسیده‌شدگان: ۳" in text and "رسیده: ۲" in text, text
    assert "مسدود کرده‌اند: ۱" in text and "ناموفق: ۰" in text, text
    for user in (reader, quiet):
        await expect(user, "رضایت از آموزش")
    (status,) = await khooshe.rows("SELECT status FROM members WHERE user_id = ?", blocker.id)
    assert status["status"] == "blocked"
    await admin.press_inline(report, "📄 فهرست نرسیده‌ها")
    sheet = sheet_of(await expect(admin, "دعوت نظرسنجی «رضایت از آموزش» به آن‌ها نرسید"))
    rows = list(sheet.values)
    assert len(rows) == 2 and rows[1][0] == "عضو 1"


async def test_my_data_shows_the_members_own_answers(khooshe: Khooshe) -> None:
    mine, theirs = await khooshe.seed_members(2)
    admin = khooshe.admin()
    await publish_template(admin, {"🧩 خوشه‌ها": ["چرم و کفش"]}, "۲ عضو")
    for user, score in ((mine, "۴"), (theirs, "۲")):
        invite = await expect(user, "رضایت از آموزش")
        await user.press_inline(invite, "📝 پاسخ می‌دهم")
        await expect(user, "پرسش ۱ از ۵")
        await user.press(score)
        await expect(user, "پرسش ۲ از ۵")
    await mine.press("۵")
    await expect(mine, "پرسش ۳ از ۵")  # two answered, three not yet
    await theirs.press("۱")
    await expect(theirs, "پرسش ۳ از ۵")
    await mine.send_command("profile")
    await expect(mine, "پروفایل شما")
    await mine.press("🗂 داده‌های من")
    data = shown(await expect(mine, "هرچه از شما نگه داشته‌ایم"))
    assert "نظرسنجی‌هایی که پاسخ داده‌اید" in data
    assert "🗳 پاسخ‌های شما به «رضایت از آموزش»:" in data
    assert "۱. روی‌هم‌رفته از این آموزش چقدر راضی بودید؟ — ۴" in data
    assert "۲. محتوای آموزش چقدر به کار واحد شما می‌آید؟ — ۵" in data
    assert "۳." not in data.split("رضایت از آموزش")[-1]  # unanswered: not listed
    assert "— ۲" not in data and "— ۱" not in data  # the other member's answers: never
