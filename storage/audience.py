"""Who a broadcast reaches: the audience's dimensions, stored as JSON with the broadcast, and
the SQL condition that picks its members (opt-outs, blocked and deleted members left out)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import aiosqlite

from storage.queries import count

# Kinds that are announcements: members who opted out do not get them, and each carries the
# opt-out button. Other kinds (reminders, digests) are service messages about one's own affairs.
ANNOUNCING = ("announcement", "offering")


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a broadcast is for: each chosen dimension narrows it; an empty one means "all"."""

    clusters: tuple[str, ...] = ()
    estates: tuple[str, ...] = ()
    job_roles: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    # "The members signed up for offering N" (a course's registrants), in these sign-up
    # statuses: reminders and notices about one training or event.
    offering: int | None = None
    signup_statuses: tuple[str, ...] = ()
    # "The two sides of advisory session N" (core_bookings.id): its member, and its adviser
    # — while it is still booked (issue 17's reminders). An adviser who is not a member is
    # added by storage/outbox.py start_broadcast, at their own chat.
    booking: int | None = None

    def to_json(self) -> str:
        """As stored (without `booking` when unset, as stored before it existed)."""
        data = asdict(self)
        if data["booking"] is None:
            del data["booking"]
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Audience:
        """From the stored form (unknown keys from a newer version are ignored)."""
        data = json.loads(text)
        return cls(
            clusters=tuple(data.get("clusters", ())),
            estates=tuple(data.get("estates", ())),
            job_roles=tuple(data.get("job_roles", ())),
            platforms=tuple(data.get("platforms", ())),
            offering=data.get("offering"),
            signup_statuses=tuple(data.get("signup_statuses", ())),
            booking=data.get("booking"),
        )


def audience_where(
    audience: Audience, platforms: Sequence[str], kind: str = "announcement"
) -> tuple[str, list[object]]:
    """Members a broadcast reaches: active, on a platform we serve, and for announcements
    not opted out."""
    chosen = [p for p in platforms if not audience.platforms or p in audience.platforms]
    # A linked member is one row, reached at their preferred address (its platform column):
    # one copy per person. A deleted account is nobody.
    clauses = ["status = 'active'", "deleted_at IS NULL"]
    if kind in ANNOUNCING:
        clauses.append("announcements = 1")
    params: list[object] = []
    for column, values in (
        ("platform", chosen),
        ("cluster_code", audience.clusters),
        ("estate_code", audience.estates),
        ("job_role", audience.job_roles),
    ):
        if column == "platform" or values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values)) or 'NULL'})")
            params.extend(values)
    if audience.offering is not None:
        # Expanded when the broadcast starts: whoever cancelled by then is not reached.
        statuses = audience.signup_statuses or ("confirmed",)
        clauses.append(
            "id IN (SELECT member_id FROM signups WHERE offering_id = ? "
            f"AND status IN ({', '.join('?' * len(statuses))}))"
        )
        params.extend([audience.offering, *statuses])
    if audience.booking is not None:
        # Expanded when the reminder starts: a cancelled or moved session reaches nobody.
        # The adviser is "staff:<platform>:<user id>"; an adviser who is a member is reached.
        clauses.append(
            "id IN (SELECT b.member_id FROM core_bookings b WHERE b.id = ? "
            "AND b.status = 'booked' UNION SELECT a.member_id FROM core_bookings b "
            "JOIN core_slots s ON s.id = b.slot_id JOIN member_addresses a "
            "ON s.adviser = 'staff:' || a.platform || ':' || a.user_id "
            "WHERE b.id = ? AND b.status = 'booked')"
        )
        params.extend([audience.booking, audience.booking])
    return " AND ".join(clauses), params


async def count_audience(
    db: aiosqlite.Connection,
    audience: Audience,
    platforms: Sequence[str],
    kind: str = "announcement",
) -> int:
    """How many members the audience reaches now."""
    where, params = audience_where(audience, platforms, kind)
    return await count(db, f"SELECT COUNT(*) FROM members WHERE {where}", *params)
