"""Admin commands and the role guard, driven through the sandbox."""

from __future__ import annotations

from bot.roles import Access, Role
from bot.text import fold_digits
from tests.conftest import Khooshe, expect, register, shown

CSV = (
    "# new list\n"
    "kind,code,name_fa,name_en\n"
    "cluster,furniture,مبلمان,Furniture\n"
    "cluster,saffron,زعفران,Saffron\n"
    "estate,west_tabriz,شهرک صنعتی غرب تبریز,West Tabriz\n"
)


async def test_admin_grants_and_revokes_roles(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    agent = khooshe.member()
    await register(agent)

    await admin.send_text(f"/grant {agent.id} cluster_agent furniture leather_shoes")
    (done,) = await admin.settle()
    assert "عامل توسعه خوشه" in (done.text or "")
    (notice,) = await agent.settle()
    assert "نقش" in (notice.text or "")
    roles = await khooshe.rows("SELECT role FROM staff_roles WHERE user_id = ?", agent.id)
    assert roles == [{"role": "cluster_agent"}]
    clusters = await khooshe.rows(
        "SELECT cluster_code FROM agent_clusters WHERE user_id = ? ORDER BY 1", agent.id
    )
    assert [c["cluster_code"] for c in clusters] == ["furniture", "leather_shoes"]

    await admin.send_command("staff")
    (listing,) = await admin.settle()
    assert "مریم رضایی" in (listing.text or "") and "furniture" in (listing.text or "")

    await admin.send_text(f"/revoke {agent.id} cluster_agent")
    (revoked,) = await admin.settle()
    assert "گرفته شد" in (revoked.text or "")
    assert await khooshe.rows("SELECT * FROM agent_clusters") == []


async def test_grant_accepts_persian_digits_and_explains_mistakes(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    await admin.send_text("/grant ۱۲۳۴۵ staff")
    await expect(admin, "کارشناس")
    assert await khooshe.rows("SELECT user_id FROM staff_roles") == [{"user_id": 12345}]
    for bad, expected in [
        ("/grant", "روش استفاده"),
        ("/grant abc staff", "روش استفاده"),
        ("/grant 5 boss", "روش استفاده"),
        ("/grant 5 cluster_agent", "دست‌کم یک خوشه"),
        ("/grant 5 cluster_agent nowhere", "nowhere"),
        ("/grant 5 staff furniture", "لازم نیست"),
        ("/revoke 5", "روش استفاده"),
    ]:
        await admin.send_text(bad)
        reply = await admin.next_message()
        assert expected in (reply.text or ""), bad


async def test_members_cannot_use_admin_commands(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)
    for command in (f"/grant {member.id} staff", "/staff", f"/revoke {member.id} staff"):
        await member.send_text(command)
        reply = await member.next_message()
        assert "فقط برای مدیران ربات" in (reply.text or "")
    assert await khooshe.rows("SELECT * FROM staff_roles") == []
    await member.send_document(CSV.encode(), "clusters.csv", "text/csv")
    (reply,) = await member.settle()
    assert "فقط برای مدیران ربات" in (reply.text or "")
    assert len(await khooshe.rows("SELECT code FROM clusters WHERE active = 1")) > 30


async def test_admin_replaces_the_cluster_list_with_a_csv(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)  # in leather_shoes, which the new list drops
    admin = khooshe.admin()
    await admin.send_document(CSV.encode(), "clusters.csv", "text/csv")
    (reply,) = await admin.settle()
    assert "۲ خوشه" in (reply.text or "") and "۱ شهرک" in (reply.text or "")
    active = await khooshe.rows("SELECT code FROM clusters WHERE active = 1 ORDER BY position")
    assert [r["code"] for r in active] == ["furniture", "saffron"]
    (row,) = await khooshe.rows("SELECT cluster_code FROM members")
    assert row["cluster_code"] == "leather_shoes"  # kept, though no longer offered

    await admin.send_document(b"kind,code\ncluster,x\n", "bad.csv", "text/csv")
    (reply,) = await admin.settle()
    assert "kind,code,name_fa,name_en" in shown(reply)
    await admin.send_document(b"kind,code,name_fa,name_en\ncluster,Bad!,x,\n", "b.csv")
    (reply,) = await admin.settle()
    assert "سطر ۲" in (reply.text or "")
    await admin.send_document(b"\xff\xfe\x00", "latin.csv")
    (reply,) = await admin.settle()
    assert "UTF-8" in (reply.text or "")


async def test_staff_cannot_use_admin_commands_and_see_their_menu(khooshe: Khooshe) -> None:
    admin, staff = khooshe.admin(), khooshe.member()
    await register(staff)
    await admin.send_text(f"/grant {staff.id} staff")
    await admin.settle()
    await staff.settle()
    await staff.send_text(f"/grant {staff.id} cluster_agent furniture")
    (reply,) = await staff.settle()
    assert "مدیران ربات" in (reply.text or "")
    await staff.send_command("start")
    await staff.settle()
    assert ["🛠 بخش کارشناسان"] in [[b["text"] for b in row] for row in staff.reply_keyboard or []]


def test_access_levels_and_cluster_scope() -> None:
    agent = Access(frozenset({Role.MEMBER, Role.CLUSTER_AGENT}), frozenset({"furniture"}))
    assert agent.has(Role.CLUSTER_AGENT) and not agent.has(Role.STAFF)
    assert agent.covers_cluster("furniture") and not agent.covers_cluster("stone")
    staff = Access(frozenset({Role.STAFF}), frozenset())
    assert staff.has(Role.CLUSTER_AGENT) and staff.covers_cluster("stone")
    assert not staff.has(Role.ADMIN)
    admin = Access(frozenset({Role.ADMIN}), frozenset())
    assert admin.has(Role.STAFF) and admin.covers_cluster("stone")
    member = Access(frozenset({Role.MEMBER}), frozenset())
    assert not member.is_staff_side and not member.covers_cluster("furniture")


async def test_an_unregistered_admin_gets_the_admin_help(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    await admin.send_command("help")
    (reply,) = await admin.settle()
    assert "/grant" in shown(reply) and "/staff" in shown(reply)
    stranger = khooshe.member()
    await stranger.send_command("help")
    (reply,) = await stranger.settle()
    assert "/grant" not in shown(reply) and "/start" in shown(reply)


async def test_staff_lists_the_admins_from_the_settings(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    await admin.send_command("staff")
    (listing,) = await admin.settle()
    assert "مدیر ربات" in shown(listing)
    digits = "".join(ch for ch in fold_digits(shown(listing)) if ch.isdigit())
    assert str(admin.id) in digits


async def test_an_admin_starting_the_bot_gets_their_commands_and_may_register(
    khooshe: Khooshe,
) -> None:
    admin = khooshe.admin()
    await admin.send_command("start")
    welcome, help_text = await admin.settle()
    assert "کارشناسان" in shown(welcome) and "نام و نام خانوادگی" not in shown(welcome)
    # every command an admin has, in Persian prose (column names only in the sample)
    for command in (
        "/broadcast", "/scheduled", "/new_offering", "/offerings", "/needs", "/reports",
        "/export_reports", "/show", "/merge", "/digest_preview", "/grant", "/revoke", "/staff",
    ):  # fmt: skip
        assert f"\u200e{command}" in shown(help_text), command
    assert "staff یا cluster_agent" not in shown(help_text)
    assert not [r for r in await khooshe.rows("SELECT * FROM members")]
    # registering as a member is one button away
    await admin.press_inline(welcome, "📝 ثبت‌نام به‌عنوان عضو")
    await expect(admin, "نام و نام خانوادگی")
    await admin.send_text("مدیر خوشه")
    await expect(admin, "شرکت")
