"""One person on both platforms (linking by a verified phone) and a member's own data (see it,
delete it): the real bot on both sandboxes at once, asserting on messages and rows."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.sandbox import SandboxUser
from bot.services.digest.service import make_digests
from bot.settings import Platform
from bot.text import fold_digits, persian_digits
from storage.members import (
    NewMember,
    count_members,
    get_member,
    get_member_by_id,
    link_address,
    link_candidate,
    register_member,
    set_preference,
    unlink_address,
    use_address,
)
from storage.own_data import erase_member
from storage.proposals import NewProposal, create_proposal, publish, set_comment, toggle_support
from tests.conftest import (
    ADMIN_ID,
    Khooshe,
    OnBoth,
    announcement,
    expect,
    on_both_platforms,
    register,
    shown,
    tap,
    walk_to,
)
from tests.test_consult import AI_QUESTION, _cores, ask_and_send
from tests.test_offerings import TITLE, card_of, offer, statuses
from tests.test_reports import POWER_CUT, file_report

PHONE = "989141234567"
NEWS = "جلسه مشترک خوشه چرم، دوشنبه ساعت ۱۰"


@dataclass
class Both(OnBoth):
    """One bot on both sandboxes, and one person with an account on each."""

    users: dict[str, SandboxUser]

    async def rows(self, sql: str, *params: object) -> list[dict[str, object]]:
        assert self.runtime.db is not None
        async with self.runtime.db.execute(sql, params) as cursor:
            return [dict(row) for row in await cursor.fetchall()]

    async def announce(self, body: str) -> int:
        """A staff announcement to everyone, through the outbox; its broadcast id."""
        assert self.runtime.outbox is not None
        broadcast, _ = await self.runtime.outbox.submit(
            announcement("bale", body, uuid.uuid4().hex)
        )
        return broadcast.id

    async def sent(self, broadcast_id: int) -> list[tuple[object, ...]]:
        """Once every row of the broadcast is settled: (platform, chat, status) per row."""

        async def rows() -> list[dict[str, object]]:
            return await self.rows(
                "SELECT platform, chat_id, status FROM outbox WHERE broadcast_id = ?",
                broadcast_id,
            )

        done = {"sent", "failed", "blocked", "left", "skipped"}
        for _ in range(400):  # the rows themselves are the signal
            found = await rows()
            if found and all(r["status"] in done for r in found):
                break
            await asyncio.sleep(0.05)
        return sorted((r["platform"], r["chat_id"], r["status"]) for r in await rows())


@asynccontextmanager
async def both(tmp_path: Path, **settings: object) -> AsyncIterator[Both]:
    async with on_both_platforms(tmp_path, admins=f"bale:{ADMIN_ID}", **settings) as world:
        users = {p: world.user(p, phone_number=PHONE) for p in ("telegram", "bale")}
        yield Both(world.runtime, world.tg, world.bale, users)


def _copies(user: SandboxUser, fragment: str) -> int:
    return sum(fragment in (m.content or "") for m in user.messages)


@pytest.mark.parametrize("first", ["bale", "telegram"])
async def test_one_person_on_both_platforms_is_one_member_reached_once(
    tmp_path: Path, first: str
) -> None:
    async with both(tmp_path, digest_without_news=True) as world:
        second = "telegram" if first == "bale" else "bale"
        old, new = world.users[first], world.users[second]
        first_name = "بله" if first == "bale" else "تلگرام"
        await register(old)
        code = await file_report(old, POWER_CUT)

        # the second platform, with the same number shared by the contact button
        await walk_to(new, "phone", name="مریم ر.")
        await new.press("📱 ارسال شماره من")
        offer_ = await expect(new, f"این شماره در {first_name} هم")
        assert "مریم رضایی" in shown(offer_)
        await new.press("🔗 بله، یکی کن")
        await expect(new, "پیوند خورد")
        members = await world.rows("SELECT id, platform, user_id, name FROM members")
        assert len(members) == 1 and members[0]["name"] == "مریم رضایی"
        accounts = await world.rows(
            "SELECT platform, user_id FROM member_addresses ORDER BY platform"
        )
        assert {(a["platform"], a["user_id"]) for a in accounts} == {
            (first, old.id),
            (second, new.id),
        }
        # reached where they used the bot last: the account just linked
        assert (members[0]["platform"], members[0]["user_id"]) == (second, new.id)

        # "my reports" on the second platform shows the report filed on the first
        await new.press("📋 گزارش‌های من")
        mine = await expect(new, "گزارش")
        assert code in shown(mine), shown(mine)

        # one announcement: one row, one copy, on the second platform
        broadcast = await world.announce(NEWS)
        assert await world.sent(broadcast) == [(second, new.id, "sent")]
        await expect(new, NEWS)
        await old.settle()
        assert _copies(old, NEWS) == 0 and _copies(new, NEWS) == 1

        # the weekly digest: once, on the second platform
        digests = make_digests(world.runtime.apps[Platform.BALE].state)
        assert (await digests.run(datetime.now(UTC) + timedelta(days=7)))["members"]
        rows = await world.rows(
            "SELECT o.platform, o.chat_id FROM outbox o JOIN broadcasts b "
            "ON b.id = o.broadcast_id WHERE b.dedupe_key LIKE 'digest:members:%'"
        )
        assert [(r["platform"], r["chat_id"]) for r in rows] == [(second, new.id)]
        await expect(new, "خلاصه هفته شما")
        await old.settle()
        assert _copies(old, "خلاصه هفته شما") == 0

        # writing from the first platform again moves the address there
        await old.send_command("profile")
        card = await expect(old, "پروفایل شما")
        assert f"الان {first_name}" in shown(card)
        # and choosing the second platform keeps it there, whichever they use
        await old.press_inline(card, "تلگرام" if second == "telegram" else "بله")
        await old.settle()
        broadcast = await world.announce(NEWS + " (۲)")
        assert await world.sent(broadcast) == [(second, new.id, "sent")]
        assert _copies(old, NEWS + " (۲)") == 0

        # unlink the second account, from the first: reports stay; the second starts afresh
        await old.send_command("profile")
        card = await expect(old, "پروفایل شما")
        await old.press_inline(
            card, f"✂️ جدا کردن حساب {'تلگرام' if second == 'telegram' else 'بله'}"
        )
        await expect(old, "جدا شود؟")
        await tap(old, "✂️ بله، جدا کن")
        accounts = await world.rows("SELECT platform, user_id FROM member_addresses")
        assert [(a["platform"], a["user_id"]) for a in accounts] == [(first, old.id)]
        members = await world.rows("SELECT platform, user_id, prefer FROM members")
        assert members == [{"platform": first, "user_id": old.id, "prefer": None}]
        await new.send_command("start")
        await expect(new, "نام و نام خانوادگی")


async def test_a_typed_phone_links_nothing(tmp_path: Path) -> None:
    async with both(tmp_path) as world:
        await register(world.users["bale"])
        on_tg = world.users["telegram"]
        await walk_to(on_tg, "phone")
        await on_tg.send_text("۰۹۱۴۱۲۳۴۵۶۷")  # the same number, typed: not proven theirs
        await expect(on_tg, "نقش شما")
        await on_tg.press("مالک / مدیرعامل")
        await expect(on_tg, "بررسی کنید")
        await on_tg.press("✅ تأیید و ثبت")
        await expect(on_tg, "ثبت‌نام شما انجام شد")
        assert not any("این شماره در" in (m.content or "") for m in on_tg.messages)
        members = await world.rows("SELECT platform, phone FROM members ORDER BY platform")
        assert [m["platform"] for m in members] == ["bale", "telegram"]
        assert {m["phone"] for m in members} == {"+989141234567"}


async def test_declining_the_link_registers_a_second_member(tmp_path: Path) -> None:
    async with both(tmp_path) as world:
        await register(world.users["telegram"])
        on_bale = world.users["bale"]
        await walk_to(on_bale, "phone")
        await on_bale.press("📱 ارسال شماره من")
        await expect(on_bale, "این شماره در تلگرام هم")
        await on_bale.press("نه، جدا ثبت‌نام می‌کنم")
        await expect(on_bale, "نقش شما")
        await on_bale.press("مالک / مدیرعامل")
        await expect(on_bale, "بررسی کنید")
        await on_bale.press("✅ تأیید و ثبت")
        await expect(on_bale, "ثبت‌نام شما انجام شد")
        assert len(await world.rows("SELECT platform FROM member_addresses")) == 2
        assert len(await world.rows("SELECT id FROM members")) == 2


# --- a member's own data ------------------------------------------------------------------------


async def _profile(user: SandboxUser) -> None:
    await user.send_command("profile")
    await expect(user, "پروفایل شما")


async def test_a_member_sees_their_data_and_deletes_their_account(khooshe: Khooshe) -> None:
    member = khooshe.member()
    await register(member)
    code = await file_report(member, POWER_CUT)
    (waiting,) = await khooshe.seed_members(1)
    offering = await offer(khooshe, capacity=1)
    for user, label in ((member, "✍️ ثبت‌نام"), (waiting, "⏳ ورود به فهرست انتظار")):
        await card_of(user)
        await tap(user, label)
        await tap(user, "✅ بله، ثبت‌نام کن")
    me = (await khooshe.rows("SELECT id FROM members WHERE user_id = ?", member.id))[0]["id"]

    # everything stored about them
    await _profile(member)
    await member.press("🗂 داده‌های من")
    data = shown(await expect(member, "هرچه از شما نگه داشته‌ایم"))
    for fragment in ("مریم رضایی", "کفش آذر", "۰۹۱۲", code, TITLE, "قطعی", "تأیید شده"):
        assert fragment in data, (fragment, data)
    platform_name = "بله" if khooshe.platform is Platform.BALE else "تلگرام"
    assert f"پیام‌رسان {platform_name} (شناسه {persian_digits(member.id)})" in data

    # a message that cannot get through yet waits in the outbox for them
    khooshe.sandbox.inject("sendMessage", error=502, times=10, chat_id=member.id, text=NEWS)
    runtime = khooshe.runtime
    assert runtime is not None and runtime.outbox is not None
    await runtime.outbox.submit(announcement(khooshe.platform.value, NEWS, "before-deletion"))

    async def tried() -> bool:
        rows = await khooshe.rows(
            "SELECT attempts FROM outbox WHERE member_id = ? AND attempts > 0 AND broadcast_id "
            "= (SELECT id FROM broadcasts WHERE dedupe_key = 'before-deletion')",
            me,
        )
        return bool(rows)

    for _ in range(400):
        if await tried():
            break
        await asyncio.sleep(0.05)
    assert await tried()

    # delete, with a confirm; "keep it" first changes nothing
    await _profile(member)
    await member.press("🗑 حذف حساب")
    await expect(member, "این کار برگشت ندارد")
    await tap(member, "نه، بماند")
    assert (await khooshe.rows("SELECT deleted_at FROM members WHERE id = ?", me))[0][
        "deleted_at"
    ] is None
    await _profile(member)
    await member.press("🗑 حذف حساب")
    await expect(member, "این کار برگشت ندارد")
    await tap(member, "🗑 بله، حذف کن")
    await expect(member, "پاک شد")

    # personal data erased, the report kept without a name, the seat given to the next
    (row,) = await khooshe.rows(
        "SELECT name, company, phone, user_id, chat_id, status, deleted_at, cluster_code "
        "FROM members WHERE id = ?",
        me,
    )
    assert (row["name"], row["company"], row["phone"]) == ("", "", "")
    assert row["user_id"] == -me and row["chat_id"] == 0 and row["deleted_at"] is not None
    assert row["cluster_code"] == "leather_shoes"
    assert await khooshe.rows("SELECT * FROM member_addresses WHERE member_id = ?", me) == []
    # (a flush of PTB's persistence begun before the press may write the old draft once more;
    # the press's own flush, 0.2 s later in tests, deletes it for good)
    sql = "SELECT * FROM ptb_user_data WHERE user_id = ?"
    for _ in range(200):
        if await khooshe.rows(sql, member.id) == []:
            break
        await asyncio.sleep(0.05)
    assert await khooshe.rows(sql, member.id) == []
    (report,) = await khooshe.rows(
        "SELECT member_id, status FROM reports WHERE code = ?", fold_digits(code)
    )
    assert report["member_id"] == me
    await expect(waiting, "یک جای خالی پیدا شد")
    assert await statuses(khooshe, offering) == [(-me, "cancelled"), (waiting.id, "confirmed")]
    # nothing more goes to them: the waiting message is cancelled, no row names their chat
    assert (
        await khooshe.rows(
            "SELECT id FROM outbox WHERE (member_id = ? OR chat_id = ?) "
            "AND status IN ('pending', 'sending')",
            me,
            member.id,
        )
        == []
    )
    assert await khooshe.rows("SELECT id FROM outbox WHERE chat_id = ?", member.id) == []
    (skipped,) = await khooshe.rows(
        "SELECT status, error FROM outbox WHERE member_id = ? AND broadcast_id = "
        "(SELECT id FROM broadcasts WHERE dedupe_key = 'before-deletion')",
        me,
    )
    assert skipped == {"status": "skipped", "error": "account deleted"}

    # /start begins a fresh registration
    await member.send_command("start")
    await expect(member, "نام و نام خانوادگی")


# --- the rules, straight on storage -------------------------------------------------------------


def _new(phone: str, verified: bool) -> NewMember:
    return NewMember("مریم", "کفش آذر", "furniture", None, phone, verified, "owner")


async def test_linking_needs_a_verified_phone_on_both_sides_and_one_account_per_platform(
    db: aiosqlite.Connection,
) -> None:
    typed, _ = await register_member(db, "bale", 1, 1, _new("+989141111111", False))
    shared, _ = await register_member(db, "bale", 2, 2, _new("+989142222222", True))
    # a member whose number was typed is never offered; nor one on the same platform
    assert await link_candidate(db, "telegram", "+989141111111") is None
    assert await link_candidate(db, "bale", "+989142222222") is None
    assert await link_address(db, typed.id, "telegram", 10, 10, "+989141111111") is None
    # the wrong phone links nothing; the right one links once
    assert await link_address(db, shared.id, "telegram", 20, 20, "+989141111111") is None
    linked = await link_address(db, shared.id, "telegram", 20, 20, "+989142222222")
    assert linked is not None and (linked.platform, linked.user_id) == ("telegram", 20)
    assert await link_address(db, shared.id, "telegram", 21, 21, "+989142222222") is None
    assert await link_candidate(db, "telegram", "+989142222222") is None
    # a registration from a linked account finds the member instead of making another
    again, created = await register_member(db, "telegram", 20, 20, _new("+989140000000", True))
    assert again.id == shared.id and not created
    assert await count_members(db) == 2
    # reached where used last, unless chosen
    fresh = await get_member(db, "bale", 2)
    assert fresh is not None and await use_address(db, fresh, "bale", 2, 2)
    assert await set_preference(db, shared.id, "telegram")
    chosen = await get_member(db, "bale", 2)
    assert chosen is not None and chosen.platform == "telegram"
    assert not await use_address(db, chosen, "bale", 2, 2)
    assert not await set_preference(db, typed.id, "telegram")  # no account there
    # unlinking keeps one account; the last one cannot be unlinked
    assert await unlink_address(db, shared.id, "telegram")
    assert not await unlink_address(db, shared.id, "bale")
    left = await get_member_by_id(db, shared.id)
    assert left is not None and (left.platform, left.user_id, left.prefer) == ("bale", 2, None)
    assert await get_member(db, "telegram", 20) is None


async def test_erasing_twice_erases_once(db: aiosqlite.Connection) -> None:
    member, _ = await register_member(db, "bale", 1, 1, _new("+989141111111", True))
    erased = await erase_member(db, member.id)
    assert erased is not None and erased.accounts == [("bale", 1)]
    assert await erase_member(db, member.id) is None
    assert await get_member_by_id(db, member.id) is None and await count_members(db) == 0
    # the same account registers afresh as a new member
    again, created = await register_member(db, "bale", 1, 1, _new("+989141111111", True))
    assert created and again.id != member.id


async def test_my_data_also_shows_requests_for_advice_and_a_say_in_proposals(
    khooshe: Khooshe,
) -> None:
    await _cores(khooshe)
    member = khooshe.member()
    await register(member)
    await ask_and_send(member, AI_QUESTION)  # a request for advice, through the real form
    (request,) = await khooshe.rows("SELECT code FROM consultations")
    (me,) = await khooshe.rows("SELECT id, cluster_code FROM members WHERE user_id = ?", member.id)
    cluster = me["cluster_code"]
    proposal, _ = await create_proposal(
        khooshe.db,
        NewProposal("انبار مشترک", "مشکل", "راه‌حل", None, (cluster,), "staff:test", "mine"),
    )
    await publish(khooshe.db, proposal, "staff:test")
    assert await toggle_support(khooshe.db, proposal, me["id"], cluster)
    assert await set_comment(khooshe.db, proposal, me["id"], "انبار در شهرک غرب بهتر است")

    await _profile(member)
    await member.press("🗂 داده‌های من")
    data = shown(await expect(member, "هرچه از شما نگه داشته‌ایم"))
    assert "درخواست‌های مشاوره: ۱" in data and persian_digits(request["code"]) in data
    assert "طرح‌هایی که از آن‌ها حمایت می‌کنید: ۱" in data
    assert "انبار در شهرک غرب بهتر است" in data
