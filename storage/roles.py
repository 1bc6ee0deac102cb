"""Staff roles granted by admins, and the clusters a cluster agent covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction

STAFF_ROLES = ("staff", "cluster_agent")
# Granted per advisory core (storage/cores.py), not in staff_roles.
ADVISER = "adviser"


@dataclass(frozen=True, slots=True)
class Grant:
    """Roles and agent clusters held by one (platform, user)."""

    platform: str
    user_id: int
    roles: frozenset[str]
    clusters: frozenset[str]
    # The advisory cores (ids) this user advises; "adviser" is in `roles` when there is one.
    cores: frozenset[int] = frozenset()


async def get_grant(db: aiosqlite.Connection, platform: str, user_id: int) -> Grant:
    """Everything granted to one user (empty sets if nothing)."""
    async with db.execute(
        "SELECT role FROM staff_roles WHERE platform = ? AND user_id = ?", (platform, user_id)
    ) as cursor:
        roles = frozenset(r["role"] for r in await cursor.fetchall())
    async with db.execute(
        "SELECT cluster_code FROM agent_clusters WHERE platform = ? AND user_id = ?",
        (platform, user_id),
    ) as cursor:
        clusters = frozenset(r["cluster_code"] for r in await cursor.fetchall())
    async with db.execute(
        "SELECT core_id FROM core_advisers WHERE platform = ? AND user_id = ?", (platform, user_id)
    ) as cursor:
        cores = frozenset(int(r["core_id"]) for r in await cursor.fetchall())
    return Grant(platform, user_id, roles | ({ADVISER} if cores else set()), clusters, cores)


async def grant_role(
    db: aiosqlite.Connection,
    platform: str,
    user_id: int,
    role: str,
    granted_by: int,
    clusters: Iterable[str] = (),
) -> None:
    """Grant a role; for a cluster agent, add the named clusters to their scope."""
    if role not in STAFF_ROLES:
        raise ValueError(f"unknown role {role!r}")
    async with transaction(db):
        await db.execute(
            "INSERT INTO staff_roles (platform, user_id, role, granted_by, granted_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (platform, user_id, role, granted_by, now_iso()),
        )
        await db.executemany(
            "INSERT INTO agent_clusters (platform, user_id, cluster_code) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(platform, user_id, code) for code in clusters],
        )


async def revoke_role(db: aiosqlite.Connection, platform: str, user_id: int, role: str) -> bool:
    """Revoke a role (and an agent's cluster scope with it); True if there was one."""
    async with transaction(db):
        cursor = await db.execute(
            "DELETE FROM staff_roles WHERE platform = ? AND user_id = ? AND role = ?",
            (platform, user_id, role),
        )
        if role == "cluster_agent":
            await db.execute(
                "DELETE FROM agent_clusters WHERE platform = ? AND user_id = ?",
                (platform, user_id),
            )
        return cursor.rowcount > 0


async def list_grants(db: aiosqlite.Connection) -> list[Grant]:
    """Every user holding a staff role, for the admins' overview."""
    async with db.execute(
        "SELECT platform, user_id FROM staff_roles UNION "
        "SELECT platform, user_id FROM core_advisers ORDER BY platform, user_id"
    ) as cursor:
        keys = [(r["platform"], r["user_id"]) for r in await cursor.fetchall()]
    return [await get_grant(db, platform, user_id) for platform, user_id in keys]


async def agents_of_cluster(
    db: aiosqlite.Connection, platform: str, cluster_code: str
) -> list[int]:
    """User ids of the cluster agents covering a cluster on one platform."""
    async with db.execute(
        "SELECT a.user_id FROM agent_clusters a JOIN staff_roles r "
        "ON r.platform = a.platform AND r.user_id = a.user_id AND r.role = 'cluster_agent' "
        "WHERE a.platform = ? AND a.cluster_code = ? ORDER BY a.user_id",
        (platform, cluster_code),
    ) as cursor:
        return [int(row[0]) for row in await cursor.fetchall()]


async def holders_of(db: aiosqlite.Connection, platform: str, role: str) -> list[int]:
    """User ids holding a role on one platform."""
    async with db.execute(
        "SELECT user_id FROM staff_roles WHERE platform = ? AND role = ? ORDER BY user_id",
        (platform, role),
    ) as cursor:
        return [int(row[0]) for row in await cursor.fetchall()]
