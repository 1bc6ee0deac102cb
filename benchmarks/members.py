"""Members the benchmarks register straight through storage (fast), each a sandbox user."""

from __future__ import annotations

from collections.abc import Iterable

import aiosqlite

from bot.sandbox import SandboxUser
from storage.members import NewMember, register_member


async def register_users(
    db: aiosqlite.Connection,
    users: Iterable[SandboxUser],
    *,
    name: str = "عضو آزمایشی",
    cluster: str = "leather_shoes",
) -> None:
    """Register each user as a member on Telegram (their own chat), all with `name`."""
    for user in users:
        new = NewMember(name, "واحد", cluster, None, "+989120000000", True, "owner")
        await register_member(db, "telegram", user.id, user.id, new)
