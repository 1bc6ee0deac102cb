"""Storage: migrations, members, roles, persistence and the cluster list, on real SQLite."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import aiosqlite
import pytest

from bot.persistence import SqlitePersistence
from bot.services.places import PlacesError, parse_places, replace_from_csv
from storage.clusters import list_places
from storage.db import migrate, migrations, transaction
from storage.members import (
    NewMember,
    get_member,
    get_member_with_grant,
    register_member,
    update_member,
)
from storage.roles import get_grant, grant_role, revoke_role

NEW = NewMember(
    name="مریم رضایی",
    company="کفش آذر",
    cluster_code="leather_shoes",
    estate_code=None,
    phone="+989121234567",
    phone_verified=True,
    job_role="owner",
)


async def test_migrations_set_user_version_and_pragmas(db: aiosqlite.Connection) -> None:
    async with db.execute("PRAGMA user_version") as cursor:
        assert (await cursor.fetchone())[0] == len(migrations())  # type: ignore[index]
    async with db.execute("PRAGMA journal_mode") as cursor:
        assert (await cursor.fetchone())[0] == "wal"  # type: ignore[index]
    async with db.execute("PRAGMA foreign_keys") as cursor:
        assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
    assert await migrate(db) == len(migrations())  # a second run applies nothing


async def test_a_writer_cancelled_while_beginning_leaves_no_transaction_open(
    db: aiosqlite.Connection,
) -> None:
    """A task cancelled while its BEGIN waits on the connection's thread (as the outbox's
    workers are when a refused token stops their platform): the BEGIN still runs there, and
    nothing may keep the connection inside it, or every later write fails."""

    async def write() -> None:
        async with transaction(db):
            await db.execute("UPDATE members SET name = name")

    task = asyncio.create_task(write())
    await asyncio.sleep(0)  # the task is now waiting for its BEGIN to come back
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await register_member(db, "telegram", 7, 7, NEW)  # a write after it works
    assert not db.in_transaction
    assert await get_member(db, "telegram", 7) is not None


async def test_register_is_idempotent_and_keeps_64_bit_ids(db: aiosqlite.Connection) -> None:
    big = 9_007_199_254_740_993  # above 2**53 as well as 2**32
    first, created = await register_member(db, "bale", big, big, NEW)
    again, created_again = await register_member(db, "bale", big, big, NEW)
    assert created and not created_again
    assert first.id == again.id and first.user_id == big
    # the same id on the other platform is another person
    other, created_other = await register_member(db, "telegram", big, big, NEW)
    assert created_other and other.id != first.id


async def test_update_member_changes_only_editable_fields(db: aiosqlite.Connection) -> None:
    member, _ = await register_member(db, "telegram", 42, 42, NEW)
    await update_member(db, member.id, name="مریم", language="en")
    changed = await get_member(db, "telegram", 42)
    assert changed is not None and changed.name == "مریم" and changed.language == "en"
    with pytest.raises(ValueError):
        await update_member(db, member.id, status="blocked")


async def test_unknown_cluster_is_refused_by_the_database(db: aiosqlite.Connection) -> None:
    with pytest.raises(aiosqlite.IntegrityError):
        await register_member(db, "telegram", 43, 43, replace(NEW, cluster_code="nope"))


async def test_roles_grant_and_revoke(db: aiosqlite.Connection) -> None:
    await grant_role(db, "bale", 7, "cluster_agent", 1, ["furniture", "leather_shoes"])
    grant = await get_grant(db, "bale", 7)
    assert grant.roles == {"cluster_agent"} and grant.clusters == {"furniture", "leather_shoes"}
    assert await revoke_role(db, "bale", 7, "cluster_agent")
    assert not await revoke_role(db, "bale", 7, "cluster_agent")
    grant = await get_grant(db, "bale", 7)
    assert not grant.roles and not grant.clusters


async def test_member_and_grant_in_one_query_agree_with_each_read(
    db: aiosqlite.Connection,
) -> None:
    """The middleware's one query answers what get_member and get_grant answer, through
    registration, grants, a profile change and a revoke (nothing is cached between updates)."""

    async def agree(platform: str, user_id: int) -> None:
        member, grant = await get_member_with_grant(db, platform, user_id)
        assert member == await get_member(db, platform, user_id)
        assert grant == await get_grant(db, platform, user_id)

    await agree("bale", 7)  # nobody
    await grant_role(db, "bale", 7, "cluster_agent", 1, ["furniture", "leather_shoes"])
    await grant_role(db, "bale", 7, "staff", 1)
    await agree("bale", 7)  # staff, not a member
    member, _ = await register_member(db, "bale", 7, 7, NEW)
    await register_member(db, "telegram", 7, 7, NEW)  # the same id elsewhere: someone else
    await agree("bale", 7)
    await agree("telegram", 7)
    await update_member(db, member.id, name="مریم", cluster_code="furniture")
    await revoke_role(db, "bale", 7, "cluster_agent")
    await agree("bale", 7)
    found, grant = await get_member_with_grant(db, "bale", 7)
    assert found is not None and found.name == "مریم"
    assert grant.roles == {"staff"} and not grant.clusters


async def test_persistence_round_trip_per_platform(db: aiosqlite.Connection) -> None:
    bale = SqlitePersistence(db, "bale", 1.0)
    telegram = SqlitePersistence(db, "telegram", 1.0)
    await bale.update_conversation("member_form", (5, 5), "phone")
    await bale.update_user_data(5, {"form": {"draft": {"name": "علی"}}})
    assert await bale.get_conversations("member_form") == {(5, 5): "phone"}
    assert await telegram.get_conversations("member_form") == {}
    assert (await bale.get_user_data())[5]["form"]["draft"]["name"] == "علی"
    await bale.update_conversation("member_form", (5, 5), None)
    await bale.drop_user_data(5)
    assert await bale.get_conversations("member_form") == {}
    assert await bale.get_user_data() == {}


async def test_replacing_places_deactivates_missing_codes(db: aiosqlite.Connection) -> None:
    csv = "kind,code,name_fa,name_en\ncluster,furniture,مبلمان,Furniture\ncluster,new_one,نو,New\n"
    counts = await replace_from_csv(db, csv.encode())
    assert counts == {"cluster": 2}
    codes = [p.code for p in await list_places(db, "cluster")]
    assert codes == ["furniture", "new_one"]
    assert len(await list_places(db, "estate")) > 0  # estates were not in the file: untouched


def test_csv_errors_name_the_line_as_the_admin_sees_it() -> None:
    text = "# comment\n\nkind,code,name_fa,name_en\n# another\ncluster,ok,خوب,\ncity,x,نام,\n"
    with pytest.raises(PlacesError) as info:
        parse_places(text)
    assert (info.value.key, info.value.line) == ("places-error-kind", 6)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("code,name\nx,y\n", "places-error-header"),
        ("kind,code,name_fa,name_en\ncity,x,نام,\n", "places-error-kind"),
        ("kind,code,name_fa,name_en\ncluster,Bad Code,نام,\n", "places-error-code"),
        ("kind,code,name_fa,name_en\ncluster,a,نام,\ncluster,a,نام,\n", "places-error-duplicate"),
        ("kind,code,name_fa,name_en\ncluster,a,,\n", "places-error-name"),
        ("kind,code,name_fa,name_en\nestate,a,نام,\n", "places-error-no-clusters"),
    ],
)
def test_bad_csv_is_explained(text: str, key: str) -> None:
    with pytest.raises(PlacesError) as info:
        parse_places(text)
    assert info.value.key == key


async def test_create_report_is_idempotent_on_its_draft_key(db: aiosqlite.Connection) -> None:
    from storage.reports import NewReport, create_report

    member, _ = await register_member(db, "bale", 9, 9, NEW)
    new = NewReport("electricity", "electricity", False, "قطعی برق", "برق قطع است")
    first, created = await create_report(db, member.id, "leather_shoes", "bale", new, "k1")
    again, created_again = await create_report(db, member.id, "leather_shoes", "bale", new, "k1")
    assert created and not created_again and first.id == again.id
    async with db.execute("SELECT COUNT(*) FROM reports") as cursor:
        assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
