"""Members: the people who registered with the bot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.queries import count, fetch_one
from storage.roles import ADVISER, Grant
from storage.rows import from_row

JobRole = Literal["owner", "manager", "employee", "other"]
JOB_ROLES: tuple[JobRole, ...] = ("owner", "manager", "employee", "other")

# Columns a member may change from their profile (also the draft keys of the form).
EDITABLE_FIELDS = (
    "name",
    "company",
    "cluster_code",
    "estate_code",
    "phone",
    "job_role",
    "language",
)

_COLUMNS = (
    "id, platform, user_id, chat_id, name, company, cluster_code, estate_code, phone, "
    "phone_verified, job_role, language, status, announcements, created_at, updated_at, digest, "
    "prefer"
)
# The same, read through a join (member_addresses a JOIN members m).
_M_COLUMNS = ", ".join(f"m.{column.strip()}" for column in _COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class Member:
    """A registered member."""

    id: int
    platform: str
    user_id: int
    chat_id: int
    name: str
    company: str
    cluster_code: str
    estate_code: str | None
    phone: str
    phone_verified: bool
    job_role: str
    language: str
    status: str
    announcements: bool
    created_at: str
    updated_at: str
    # Gets the weekly digest (their own switch, apart from announcements).
    digest: bool = True
    # Where a linked member is reached (platform, user_id, chat_id above are that address):
    # None follows the platform they used last.
    prefer: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """One platform account a member uses the bot from."""

    platform: str
    user_id: int
    chat_id: int
    linked_at: str


@dataclass(frozen=True, slots=True)
class NewMember:
    """What the registration form collects."""

    name: str
    company: str
    cluster_code: str
    estate_code: str | None
    phone: str
    phone_verified: bool
    job_role: str
    language: str = "fa"


def _member(row: aiosqlite.Row) -> Member:
    return from_row(Member, row)


# Who uses the bot as (platform :p, user id :u), on either of a linked member's platforms:
# get_member's query, and the member part of get_member_with_grant's, so the two can never
# answer differently.
_MEMBER_OF_USER = (
    f"SELECT {_M_COLUMNS} FROM member_addresses a JOIN members m ON m.id = a.member_id "
    "WHERE a.platform = :p AND a.user_id = :u AND m.deleted_at IS NULL"
)


async def get_member(db: aiosqlite.Connection, platform: str, user_id: int) -> Member | None:
    """The member who uses the bot as (platform, user id), if any (on either of a linked
    member's platforms)."""
    row = await fetch_one(db, _MEMBER_OF_USER, {"p": platform, "u": user_id})
    return _member(row) if row else None


# One statement, one trip to the database thread: every update's member and (for a press or
# a staff command) their roles and clusters. \x1f cannot occur in a role or cluster code.
_WITH_GRANT = (
    "SELECT m.*, "
    "(SELECT group_concat(role, char(31)) FROM staff_roles WHERE platform = :p AND "
    "user_id = :u) AS _roles, "
    "(SELECT group_concat(cluster_code, char(31)) FROM agent_clusters WHERE platform = :p "
    "AND user_id = :u) AS _clusters, "
    "(SELECT group_concat(core_id, char(31)) FROM core_advisers WHERE platform = :p "
    "AND user_id = :u) AS _cores "
    f"FROM (SELECT 1) LEFT JOIN ({_MEMBER_OF_USER}) AS m"
)


async def get_member_with_grant(
    db: aiosqlite.Connection, platform: str, user_id: int
) -> tuple[Member | None, Grant]:
    """The member who uses the bot as (platform, user id), if any, and what was granted to them
    (storage.roles.get_grant's answer), read together in one query."""
    (row,) = await db.execute_fetchall(_WITH_GRANT, {"p": platform, "u": user_id})
    roles, clusters, cores = row["_roles"], row["_clusters"], row["_cores"]
    core_ids = frozenset(int(c) for c in str(cores).split("\x1f")) if cores else frozenset()
    grant = Grant(
        platform,
        user_id,
        (frozenset(roles.split("\x1f")) if roles else frozenset())
        | ({ADVISER} if core_ids else frozenset()),
        frozenset(clusters.split("\x1f")) if clusters else frozenset(),
        core_ids,
    )
    return (_member(row) if row["id"] is not None else None), grant


async def get_member_by_id(db: aiosqlite.Connection, member_id: int) -> Member | None:
    """The member with this row id, if any (a deleted account is nobody)."""
    row = await fetch_one(
        db, f"SELECT {_COLUMNS} FROM members WHERE id = ? AND deleted_at IS NULL", (member_id,)
    )
    return _member(row) if row else None


async def register_member(
    db: aiosqlite.Connection, platform: str, user_id: int, chat_id: int, new: NewMember
) -> tuple[Member, bool]:
    """Store a registration; return (member, created).

    Idempotent on (platform, user id): a double tap on "confirm" (or a confirm after this
    account was linked to a member) finds that member and reports created=False instead of
    making a second one.
    """
    now = now_iso()
    async with transaction(db):
        if await _address_owner(db, platform, user_id) is None:
            cursor = await db.execute(
                "INSERT INTO members (platform, user_id, chat_id, name, company, cluster_code, "
                "estate_code, phone, phone_verified, job_role, language, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    platform, user_id, chat_id, new.name, new.company, new.cluster_code,
                    new.estate_code, new.phone, int(new.phone_verified), new.job_role,
                    new.language, now, now,
                ),
            )  # fmt: skip
            await _add_address(db, cursor.lastrowid, platform, user_id, chat_id, now)
            created = True
        else:
            created = False
    member = await get_member(db, platform, user_id)
    assert member is not None
    return member, created


async def _address_owner(db: aiosqlite.Connection, platform: str, user_id: int) -> int | None:
    row = await fetch_one(
        db,
        "SELECT member_id FROM member_addresses WHERE platform = ? AND user_id = ?",
        (platform, user_id),
    )
    return int(row[0]) if row else None


async def _add_address(
    db: aiosqlite.Connection,
    member_id: int | None,
    platform: str,
    user_id: int,
    chat_id: int,
    now: str,
) -> None:
    await db.execute(
        "INSERT INTO member_addresses (platform, user_id, chat_id, member_id, linked_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (platform, user_id, chat_id, member_id, now),
    )


async def update_member(
    db: aiosqlite.Connection, member_id: int, **changes: str | int | bool | None
) -> None:
    """Change profile fields (only those a member may edit, plus phone_verified)."""
    allowed = {*EDITABLE_FIELDS, "phone_verified", "announcements", "digest"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if not changes:
        return
    assignments = ", ".join(f"{column} = ?" for column in changes)
    values = [int(v) if isinstance(v, bool) else v for v in changes.values()]
    async with transaction(db):
        await db.execute(
            f"UPDATE members SET {assignments}, updated_at = ? WHERE id = ?",
            (*values, now_iso(), member_id),
        )


async def set_status(db: aiosqlite.Connection, platform: str, user_id: int, status: str) -> None:
    """Mark a member active (they wrote to us) or blocked (a send got 403)."""
    async with transaction(db):
        await db.execute(
            "UPDATE members SET status = ?, updated_at = ? "
            "WHERE platform = ? AND user_id = ? AND status != ?",
            (status, now_iso(), platform, user_id, status),
        )


async def count_members(db: aiosqlite.Connection) -> int:
    """How many members are registered (a linked person once; deleted accounts not)."""
    return await count(db, "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL")


# --- one person on both platforms -------------------------------------------------------------


async def addresses(db: aiosqlite.Connection, member_id: int) -> list[Address]:
    """The platform accounts a member uses the bot from (one, or one per platform)."""
    async with db.execute(
        "SELECT platform, user_id, chat_id, linked_at FROM member_addresses "
        "WHERE member_id = ? ORDER BY linked_at, platform",
        (member_id,),
    ) as cursor:
        return [Address(*row) for row in await cursor.fetchall()]


async def link_candidate(db: aiosqlite.Connection, platform: str, phone: str) -> Member | None:
    """The member on the other platform with this *verified* phone, if they have no account
    on `platform` yet: the person now registering there may be offered to link to them."""
    row = await fetch_one(
        db,
        f"SELECT {_COLUMNS} FROM members WHERE phone = ? AND phone_verified = 1 "
        "AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM member_addresses a "
        "WHERE a.member_id = members.id AND a.platform = ?) ORDER BY updated_at DESC LIMIT 1",
        (phone, platform),
    )
    return _member(row) if row else None


async def link_address(
    db: aiosqlite.Connection,
    member_id: int,
    platform: str,
    user_id: int,
    chat_id: int,
    phone: str,
) -> Member | None:
    """Add this account to the member, who becomes reachable from both platforms.

    Checked again in the transaction (the offer may be old): the member still has this
    verified phone and no account on `platform`, and this account belongs to nobody. The
    account just used is the one they used last: a member who did not choose a platform is
    reached here from now on. None: no longer possible.
    """
    now = now_iso()
    async with transaction(db):
        candidate = await link_candidate(db, platform, phone)
        if candidate is None or candidate.id != member_id:
            return None
        if await _address_owner(db, platform, user_id) is not None:
            return None
        await _add_address(db, member_id, platform, user_id, chat_id, now)
        await _move_preferred(db, member_id, platform, user_id, chat_id, only_unchosen=True)
    return await get_member_by_id(db, member_id)


async def _move_preferred(
    db: aiosqlite.Connection,
    member_id: int,
    platform: str,
    user_id: int,
    chat_id: int,
    *,
    only_unchosen: bool,
) -> bool:
    """Make this address the one messages go to (inside the caller's transaction). A new
    address is not known to be blocked: the member is active there."""
    unchosen = " AND prefer IS NULL" if only_unchosen else ""
    cursor = await db.execute(
        "UPDATE members SET platform = ?, user_id = ?, chat_id = ?, status = 'active', "
        "updated_at = ? WHERE id = ? AND deleted_at IS NULL "
        f"AND NOT (platform = ? AND user_id = ?){unchosen}",
        (platform, user_id, chat_id, now_iso(), member_id, platform, user_id),
    )
    return cursor.rowcount == 1


async def use_address(
    db: aiosqlite.Connection, member: Member, platform: str, user_id: int, chat_id: int
) -> bool:
    """The member wrote from this account: if they did not choose a platform, it is where
    they are reached from now on. True if that moved."""
    if member.prefer is not None or (member.platform, member.user_id) == (platform, user_id):
        return False
    async with transaction(db):
        return await _move_preferred(db, member.id, platform, user_id, chat_id, only_unchosen=True)


async def set_preference(db: aiosqlite.Connection, member_id: int, prefer: str | None) -> bool:
    """Reach a linked member on `prefer` (None: the platform they use last, from now on
    starting with the current one). False: they have no account there."""
    async with transaction(db):
        if prefer is not None:
            row = await fetch_one(
                db,
                "SELECT user_id, chat_id FROM member_addresses WHERE member_id = ? "
                "AND platform = ?",
                (member_id, prefer),
            )
            if row is None:
                return False
            await _move_preferred(
                db, member_id, prefer, int(row[0]), int(row[1]), only_unchosen=False
            )
        cursor = await db.execute(
            "UPDATE members SET prefer = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            (prefer, now_iso(), member_id),
        )
    return cursor.rowcount == 1


async def unlink_address(db: aiosqlite.Connection, member_id: int, platform: str) -> bool:
    """Take the account on `platform` away from a linked member. Their reports and sign-ups
    stay with them (on the account left); that account is nobody's again, and its /start
    registers afresh. False: they have no other account to keep."""
    async with transaction(db):
        kept = [a for a in await addresses(db, member_id) if a.platform != platform]
        if len(kept) == 0 or len(kept) == len(await addresses(db, member_id)):
            return False
        await db.execute(
            "DELETE FROM member_addresses WHERE member_id = ? AND platform = ?",
            (member_id, platform),
        )
        stay = kept[0]
        await _move_preferred(
            db, member_id, stay.platform, stay.user_id, stay.chat_id, only_unchosen=False
        )
        await db.execute(
            "UPDATE members SET prefer = NULL WHERE id = ? AND prefer = ?", (member_id, platform)
        )
    return True
