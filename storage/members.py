"""Members: the people who registered with the bot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.roles import Grant

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
    "phone_verified, job_role, language, status, announcements, created_at, updated_at, digest"
)


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
    return Member(
        id=row["id"],
        platform=row["platform"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        name=row["name"],
        company=row["company"],
        cluster_code=row["cluster_code"],
        estate_code=row["estate_code"],
        phone=row["phone"],
        phone_verified=bool(row["phone_verified"]),
        job_role=row["job_role"],
        language=row["language"],
        status=row["status"],
        announcements=bool(row["announcements"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        digest=bool(row["digest"]),
    )


# Who uses the bot as (platform :p, user id :u): get_member's query, and the member part of
# get_member_with_grant's, so the two can never answer differently.
_MEMBER_OF_USER = f"SELECT {_COLUMNS} FROM members WHERE platform = :p AND user_id = :u"


async def get_member(db: aiosqlite.Connection, platform: str, user_id: int) -> Member | None:
    """The member registered as (platform, user id), if any."""
    async with db.execute(_MEMBER_OF_USER, {"p": platform, "u": user_id}) as cursor:
        row = await cursor.fetchone()
    return _member(row) if row else None


# One statement, one trip to the database thread: every update's member and (for a press or
# a staff command) their roles and clusters. \x1f cannot occur in a role or cluster code.
_WITH_GRANT = (
    "SELECT m.*, "
    "(SELECT group_concat(role, char(31)) FROM staff_roles WHERE platform = :p AND "
    "user_id = :u) AS _roles, "
    "(SELECT group_concat(cluster_code, char(31)) FROM agent_clusters WHERE platform = :p "
    "AND user_id = :u) AS _clusters "
    f"FROM (SELECT 1) LEFT JOIN ({_MEMBER_OF_USER}) AS m"
)


async def get_member_with_grant(
    db: aiosqlite.Connection, platform: str, user_id: int
) -> tuple[Member | None, Grant]:
    """The member registered as (platform, user id), if any, and what was granted to them
    (storage.roles.get_grant's answer), read together in one query."""
    (row,) = await db.execute_fetchall(_WITH_GRANT, {"p": platform, "u": user_id})
    roles, clusters = row["_roles"], row["_clusters"]
    grant = Grant(
        platform,
        user_id,
        frozenset(roles.split("\x1f")) if roles else frozenset(),
        frozenset(clusters.split("\x1f")) if clusters else frozenset(),
    )
    return (_member(row) if row["id"] is not None else None), grant


async def get_member_by_id(db: aiosqlite.Connection, member_id: int) -> Member | None:
    """The member with this row id, if any."""
    async with db.execute(f"SELECT {_COLUMNS} FROM members WHERE id = ?", (member_id,)) as cursor:
        row = await cursor.fetchone()
    return _member(row) if row else None


async def register_member(
    db: aiosqlite.Connection, platform: str, user_id: int, chat_id: int, new: NewMember
) -> tuple[Member, bool]:
    """Store a registration; return (member, created).

    Idempotent on (platform, user id): a double tap on "confirm" finds the first row and
    reports created=False instead of making a second member.
    """
    now = now_iso()
    async with transaction(db):
        cursor = await db.execute(
            "INSERT INTO members (platform, user_id, chat_id, name, company, cluster_code, "
            "estate_code, phone, phone_verified, job_role, language, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (platform, user_id) DO NOTHING",
            (
                platform, user_id, chat_id, new.name, new.company, new.cluster_code,
                new.estate_code, new.phone, int(new.phone_verified), new.job_role,
                new.language, now, now,
            ),
        )  # fmt: skip
        created = cursor.rowcount == 1
    member = await get_member(db, platform, user_id)
    assert member is not None
    return member, created


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
    """How many members are registered (all platforms)."""
    async with db.execute("SELECT COUNT(*) FROM members") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
