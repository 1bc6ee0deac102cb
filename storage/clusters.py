"""Clusters and industrial estates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import aiosqlite

from storage.db import transaction
from storage.queries import count, fetch_one
from storage.rows import from_row

Kind = Literal["cluster", "estate"]
_TABLE = {"cluster": "clusters", "estate": "estates"}


@dataclass(frozen=True, slots=True)
class Place:
    """A cluster or an estate: a code for deep links and two display names."""

    kind: Kind
    code: str
    name_fa: str
    name_en: str
    active: bool = True

    def name(self, lang: str) -> str:
        """The display name in a member's language."""
        return self.name_en if lang == "en" and self.name_en else self.name_fa


async def list_places(
    db: aiosqlite.Connection, kind: Kind, *, active_only: bool = True
) -> list[Place]:
    """All clusters or estates, in the order staff gave them."""
    where = "WHERE active = 1" if active_only else ""
    sql = (
        f"SELECT code, name_fa, name_en, active FROM {_TABLE[kind]} {where} "
        "ORDER BY position, code"
    )
    async with db.execute(sql) as cursor:
        rows = await cursor.fetchall()
    return [from_row(Place, r, kind=kind) for r in rows]


async def cluster_names(db: aiosqlite.Connection, lang: str) -> dict[str, str]:
    """Every cluster's name in `lang` by its code (retired ones too: old records name them)."""
    return {p.code: p.name(lang) for p in await list_places(db, "cluster", active_only=False)}


async def get_place(db: aiosqlite.Connection, kind: Kind, code: str) -> Place | None:
    """One cluster or estate by code (active or not)."""
    sql = f"SELECT code, name_fa, name_en, active FROM {_TABLE[kind]} WHERE code = ?"
    r = await fetch_one(db, sql, (code,))
    return from_row(Place, r, kind=kind) if r else None


async def count_places(db: aiosqlite.Connection, kind: Kind) -> int:
    """How many active clusters or estates there are."""
    return await count(db, f"SELECT COUNT(*) FROM {_TABLE[kind]} WHERE active = 1")


async def replace_places(db: aiosqlite.Connection, places: Iterable[Place]) -> dict[Kind, int]:
    """Make `places` the active list: upsert them, deactivate every other code of each kind.

    Kinds absent from `places` are left untouched. Returns the number of active rows per kind.
    """
    by_kind: dict[Kind, list[Place]] = {}
    for place in places:
        by_kind.setdefault(place.kind, []).append(place)
    async with transaction(db):
        for kind, items in by_kind.items():
            table = _TABLE[kind]
            await db.execute(f"UPDATE {table} SET active = 0")
            await db.executemany(
                f"INSERT INTO {table} (code, name_fa, name_en, position, active) "
                "VALUES (?, ?, ?, ?, 1) ON CONFLICT (code) DO UPDATE SET "
                "name_fa = excluded.name_fa, name_en = excluded.name_en, "
                "position = excluded.position, active = 1",
                [(p.code, p.name_fa, p.name_en, i) for i, p in enumerate(items)],
            )
    return {kind: len(items) for kind, items in by_kind.items()}
