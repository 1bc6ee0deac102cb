"""The trainings section: the coming week's events per cluster and sign-up fill rates."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.services.digest.week import Week
from bot.services.offerings import view_button
from storage.clusters import list_places
from storage.offerings import published_starting


@dataclass(frozen=True, slots=True)
class ComingEvent:
    """A training or event in the coming week, as a member's digest lists it."""

    offering_id: int
    title: str
    starts_at: datetime
    seats_left: int | None  # None: no capacity limit
    signup_data: str  # callback data of its sign-up button


@dataclass(frozen=True, slots=True)
class FillRate:
    """How full a training is, for the staff digest."""

    title: str
    cluster_codes: tuple[str, ...]
    registered: int
    capacity: int | None
    waitlist: int


# The coming week's trainings and events per cluster (for members) and sign-up fill rates
# (for staff) are read through these two sources, so the builders stay plain functions that
# tests can feed directly.
ComingEvents = Callable[
    [aiosqlite.Connection, Week], Awaitable[Mapping[str, Sequence[ComingEvent]]]
]
FillRates = Callable[[aiosqlite.Connection, Week], Awaitable[Sequence[FillRate]]]


async def no_coming_events(
    db: aiosqlite.Connection, week: Week
) -> Mapping[str, Sequence[ComingEvent]]:
    """No trainings to announce (tests of the other sections)."""
    return {}


async def no_fill_rates(db: aiosqlite.Connection, week: Week) -> Sequence[FillRate]:
    """No fill rates (tests of the other sections)."""
    return ()


async def coming_events(
    db: aiosqlite.Connection, week: Week
) -> Mapping[str, Sequence[ComingEvent]]:
    """Per cluster code: published trainings and events starting in `week` (the digest asks
    for the week beginning as it is sent)."""
    upcoming = await published_starting(db, week.start, week.end, datetime.now(UTC))
    by_cluster: dict[str, list[ComingEvent]] = {}
    for place in await list_places(db, "cluster"):
        for offering, seats in upcoming:
            if offering.targets(place.code):
                by_cluster.setdefault(place.code, []).append(
                    ComingEvent(
                        offering_id=offering.id,
                        title=offering.title,
                        starts_at=offering.starts_at,
                        seats_left=seats.left,
                        signup_data=view_button(offering.id)[1],
                    )
                )
    return by_cluster


async def fill_rates(db: aiosqlite.Connection, week: Week) -> Sequence[FillRate]:
    """Trainings that started this week or start in the next: seats taken and waitlists."""
    found = await published_starting(
        db, week.start, week.end + timedelta(days=7), datetime.now(UTC)
    )
    return [
        FillRate(
            title=offering.title,
            cluster_codes=tuple(sorted(offering.clusters)),
            registered=seats.confirmed,
            capacity=offering.capacity,
            waitlist=seats.waitlisted,
        )
        for offering, seats in found
    ]
