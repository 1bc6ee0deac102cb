"""Advisory cores (issue 17): admins set up cores and their advisers."""

from __future__ import annotations

from bot import callbacks as cb
from bot.roles import Access, Role, press_refusal
from storage.cores import CoreFields, save_core
from tests.conftest import Khooshe, expect, register, shown, tap

MARKETING = CoreFields(
    name="هسته مشاوره بازاریابی و صادرات",
    description="بازاریابی، برند و بازارهای صادراتی",
    categories=("market", "export"),
    keywords=("برند", "بازاریابی"),
)
TECHNOLOGY = CoreFields(
    name="هسته فناوری و هوش مصنوعی",
    description="اتوماسیون، نرم‌افزار و هوش مصنوعی",
    categories=("technology",),
    keywords=("هوش مصنوعی", "اتوماسیون", "نرم افزار"),
)
FINANCE = CoreFields(
    name="هسته مالی و تأمین سرمایه",
    description="وام، سرمایه در گردش و ضمانت",
    categories=("finance",),
    keywords=("سرمایه گذار",),
)


async def test_an_admin_sets_up_a_core_and_grants_an_adviser(khooshe: Khooshe) -> None:
    admin = khooshe.admin()
    await admin.send_command("cores")
    await expect(admin, "هنوز هسته")
    await admin.press("➕ هسته تازه")
    await expect(admin, "نام هسته")
    await admin.send_text("x" * 90)
    await expect(admin, "بین ۱ تا ۸۰")
    await admin.send_text(TECHNOLOGY.name)
    await expect(admin, "توضیح کوتاهی")
    await admin.send_text(TECHNOLOGY.description)
    await expect(admin, "کدام دسته")
    await tap(admin, "فناوری و نوآوری")
    await tap(admin, "مجوزها و مقررات")
    await tap(admin, "✅ مجوزها و مقررات")  # taken off again
    await admin.press("✅ دسته‌ها انتخاب شد")
    await expect(admin, "کلیدواژه")
    await admin.send_text("هوش مصنوعی، اتوماسیون")
    await expect(admin, "شناسه گروه")
    await admin.send_text("گروه ما")
    await expect(admin, "عددی منفی")
    await admin.press("بدون گروه")
    card = await expect(admin, "بررسی کنید")
    assert "فناوری و نوآوری" in shown(card) and "مجوزها" not in shown(card)
    await admin.press("✅ ذخیره")
    await expect(admin, "ذخیره شد")
    (core,) = await khooshe.rows("SELECT id, name, group_chat_id FROM cores")
    assert core["name"] == TECHNOLOGY.name and core["group_chat_id"] is None
    topics = await khooshe.rows("SELECT kind, value FROM core_topics ORDER BY kind, value")
    assert [(t["kind"], t["value"]) for t in topics] == [
        ("category", "technology"),
        ("keyword", "اتوماسیون"),
        ("keyword", "هوش مصنوعی"),
    ]

    adviser = khooshe.member(first_name="مشاور")
    await register(adviser, name="سارا مشاور")
    await admin.send_text(f"/grant {adviser.id} adviser 9")
    await expect(admin, "شماره یک هسته")
    await admin.send_text(f"/grant {adviser.id} adviser {core['id']}")
    await expect(admin, "مشاور «هسته فناوری")
    await expect(adviser, "مشاور هسته")
    rows = await khooshe.rows("SELECT core_id, user_id FROM core_advisers")
    assert rows == [{"core_id": core["id"], "user_id": adviser.id}]
    await adviser.send_command("help")
    member_help = await expect(adviser, "درخواست مشاوره")
    assert "/consultations" not in shown(member_help)
    adviser_help = await expect(adviser, "دستورهای مشاوران هسته")
    assert "/slots" in shown(adviser_help)
    await admin.send_command("cores")
    listed = await expect(admin, "هسته‌های مشاوره")
    assert "سارا مشاور" in shown(listed)
    await admin.send_command("staff")
    assert "مشاور هسته" in shown(await expect(admin, "سارا مشاور"))

    # Edit: every step offers «keep»; only the group changes.
    group = khooshe.sandbox.group(token=khooshe.token, title="هسته فناوری")
    await admin.press(f"✏️ هسته {'۱'}")
    await expect(admin, "نام هسته")
    await admin.press("همین بماند")
    await expect(admin, "توضیح کوتاهی")
    await admin.press("همین بماند")
    await expect(admin, "کدام دسته")
    await admin.press("✅ دسته‌ها انتخاب شد")
    await expect(admin, "کلیدواژه")
    await admin.press("همین بماند")
    await expect(admin, "شناسه گروه")
    await admin.send_text(str(group.id))
    await expect(admin, "بررسی کنید")
    await admin.press("✅ ذخیره")
    await expect(admin, "ذخیره شد")
    (edited,) = await khooshe.rows("SELECT name, group_chat_id, group_platform FROM cores")
    assert edited == {
        "name": TECHNOLOGY.name,
        "group_chat_id": group.id,
        "group_platform": khooshe.platform.value,
    }
    assert len(await khooshe.rows("SELECT * FROM core_topics")) == 3

    await admin.send_text(f"/revoke {adviser.id} adviser")
    await expect(admin, "گرفته شد")
    assert await khooshe.rows("SELECT * FROM core_advisers") == []


async def test_cores_are_for_admins_only(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)
    await member.send_command("cores")
    await expect(member, "فقط برای مدیران")
    answer = await member.press_forged(cb.CORE_NEW.pack())
    assert answer is not None and "فقط برای مدیران" in (answer.text or "")
    await save_core(khooshe.db, MARKETING, None)
    answer = await member.press_forged(cb.CORE_EDIT.pack(1))
    assert answer is not None and answer.show_alert
    assert (await khooshe.rows("SELECT name FROM cores"))[0]["name"] == MARKETING.name


def test_adviser_buttons_need_an_adviser_and_work_in_core_groups() -> None:
    member = Access(frozenset({Role.MEMBER}), frozenset())
    adviser = Access(frozenset({Role.MEMBER, Role.ADVISER}), frozenset(), frozenset({2}))
    staff = Access(frozenset({Role.STAFF}), frozenset())
    # Shaped like the request card's buttons (not declared: nothing routes it).
    take = cb.Button("test:take", (cb.ID,), cb.Who.ADVISER, cb.Where.CORE_CHATS)
    assert press_refusal(member, take, private=True, staff_chat=False) == "access-denied"
    assert press_refusal(adviser, take, private=True, staff_chat=False) is None
    assert press_refusal(staff, take, private=True, staff_chat=False) is None
    assert press_refusal(adviser, take, private=False, staff_chat=False) == "access-denied"
    assert press_refusal(adviser, take, private=False, staff_chat=False, core_chat=True) is None
    assert adviser.advises(2) and not adviser.advises(3)
    assert staff.oversees(3) and not staff.advises(3)
