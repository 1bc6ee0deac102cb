"""Offerings storage on real SQLite: fair seats, the waitlist, shares, cut-offs, the audience."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import aiosqlite
import pytest

from bot.services.offerings import parse_count
from storage.members import NewMember, register_member
from storage.offerings import (
    NewOffering,
    cancel_signup,
    change_offering,
    create_offering,
    get_signup,
    seats,
    sign_up,
    upcoming_for,
    waitlist_position,
)
from storage.outbox import Audience, count_audience
from storage.signup_lists import attendees, toggle_attended

NOW = datetime.now(UTC)
CUTOFF = timedelta(hours=24)


async def members(
    db: aiosqlite.Connection, count: int, cluster: str = "leather_shoes"
) -> list[int]:
    ids = []
    for i in range(count):
        member, _ = await register_member(
            db,
            "telegram",
            hash((cluster, i)) % 10**9,
            i,
            NewMember(f"عضو {i}", f"واحد {i}", cluster, None, f"+98912{i:07d}", True, "owner"),
        )
        ids.append(member.id)
    return ids


def course(**changes: object) -> NewOffering:
    new = NewOffering(
        kind="course",
        title="هوش مصنوعی در کسب‌وکار",
        description="دوره عملی",
        starts_at=NOW + timedelta(days=5),
        ends_at=None,
        place="اتاق بازرگانی",
        capacity=10,
        deadline=None,
        created_by="staff:telegram:1",
        dedupe_key=f"k{changes}",
    )
    return replace(new, **changes)  # type: ignore[arg-type]


async def test_fifty_concurrent_sign_ups_for_ten_seats(db: aiosqlite.Connection) -> None:
    offering, _ = await create_offering(db, course(), publish_at=NOW - timedelta(minutes=1))
    people = await members(db, 50)
    outcomes = await asyncio.gather(
        *(sign_up(db, offering.id, m, "leather_shoes", NOW) for m in people)
    )
    statuses = [o.status for o in outcomes]
    assert statuses.count("confirmed") == 10 and statuses.count("waitlisted") == 40
    counted = await seats(db, offering)
    assert (counted.confirmed, counted.waitlisted, counted.left) == (10, 40, 0)
    # the waitlist is in order of arrival, and each was told their own place
    waiting = await attendees(db, offering.id, ["waitlisted"])
    assert [a.seq for a in waiting] == sorted(a.seq for a in waiting)
    positions = sorted(o.position for o in outcomes if o.status == "waitlisted")  # type: ignore[type-var]
    assert positions == list(range(1, 41))
    for place, attendee in enumerate(waiting, start=1):
        assert await waitlist_position(db, offering.id, attendee.member_id) == place


async def test_a_freed_seat_goes_to_the_first_in_line(db: aiosqlite.Connection) -> None:
    offering, _ = await create_offering(
        db, course(capacity=2), publish_at=NOW - timedelta(minutes=1)
    )
    a, b, c, d = await members(db, 4)
    for m in (a, b, c, d):
        await sign_up(db, offering.id, m, "leather_shoes", NOW)
    again = await sign_up(db, offering.id, c, "leather_shoes", NOW)
    assert again.status == "already_waitlisted" and again.position == 1
    outcome = await cancel_signup(db, offering.id, a, NOW, CUTOFF)
    assert outcome.status == "cancelled" and [p.member_id for p in outcome.promoted] == [c]
    assert (await waitlist_position(db, offering.id, d)) == 1
    # a waitlisted member leaving promotes nobody
    outcome = await cancel_signup(db, offering.id, d, NOW, CUTOFF)
    assert outcome.status == "cancelled" and outcome.promoted == ()
    assert (await cancel_signup(db, offering.id, d, NOW, CUTOFF)).status == "not_signed_up"
    # signing up again after cancelling goes to the back of the line
    assert (await sign_up(db, offering.id, a, "leather_shoes", NOW)).status == "waitlisted"
    # more seats promote at once
    result = await change_offering(db, offering.id, capacity=3)
    assert result is not None and [p.member_id for p in result[1]] == [a]
    assert await change_offering(db, offering.id, capacity=1) is None  # below the confirmed


async def test_cluster_shares_keep_seats_for_others(db: aiosqlite.Connection) -> None:
    shares = {"leather_shoes": 2, "furniture": None}
    offering, _ = await create_offering(
        db, course(capacity=4, clusters=shares), publish_at=NOW - timedelta(minutes=1)
    )
    leather = await members(db, 3, "leather_shoes")
    furniture = await members(db, 2, "furniture")
    (food,) = await members(db, 1, "food")
    got = [(await sign_up(db, offering.id, m, "leather_shoes", NOW)).status for m in leather]
    assert got == ["confirmed", "confirmed", "waitlisted"]  # the share is full, seats are not
    assert (await sign_up(db, offering.id, food, "food", NOW)).status == "not_invited"
    got = [(await sign_up(db, offering.id, m, "furniture", NOW)).status for m in furniture]
    assert got == ["confirmed", "confirmed"]
    # a leather seat freed goes to the waiting leather member (the share has room again)
    outcome = await cancel_signup(db, offering.id, leather[0], NOW, CUTOFF)
    assert [p.member_id for p in outcome.promoted] == [leather[2]]
    # a furniture seat freed cannot go to leather beyond its share
    await sign_up(db, offering.id, leather[0], "leather_shoes", NOW)
    outcome = await cancel_signup(db, offering.id, furniture[0], NOW, CUTOFF)
    assert outcome.promoted == ()
    assert (await seats(db, offering)).confirmed == 3
    assert [o.id for o in await upcoming_for(db, "furniture", NOW)] == [offering.id]
    assert await upcoming_for(db, "food", NOW) == []


async def test_cut_off_deadline_and_visibility(db: aiosqlite.Connection) -> None:
    soon, _ = await create_offering(
        db,
        course(starts_at=NOW + timedelta(hours=10), dedupe_key="soon", capacity=1),
        publish_at=NOW - timedelta(minutes=1),
    )
    a, b, c = await members(db, 3)
    await sign_up(db, soon.id, a, "leather_shoes", NOW)
    await sign_up(db, soon.id, b, "leather_shoes", NOW)
    too_late = await cancel_signup(db, soon.id, a, NOW, CUTOFF)
    assert too_late.status == "too_late"
    assert (await get_signup(db, soon.id, a)).status == "confirmed"  # type: ignore[union-attr]
    # the waitlisted may still leave
    assert (await cancel_signup(db, soon.id, b, NOW, CUTOFF)).status == "cancelled"

    closed, _ = await create_offering(
        db,
        course(deadline=NOW - timedelta(hours=1), dedupe_key="closed"),
        publish_at=NOW - timedelta(days=1),
    )
    assert (await sign_up(db, closed.id, c, "leather_shoes", NOW)).status == "closed"
    later, _ = await create_offering(
        db, course(dedupe_key="later"), publish_at=NOW + timedelta(hours=1)
    )
    assert (await sign_up(db, later.id, c, "leather_shoes", NOW)).status == "unavailable"
    assert later.id not in [o.id for o in await upcoming_for(db, "leather_shoes", NOW)]


async def test_attendance_and_the_registrants_audience(db: aiosqlite.Connection) -> None:
    offering, _ = await create_offering(
        db, course(capacity=1), publish_at=NOW - timedelta(minutes=1)
    )
    a, b = await members(db, 2)
    await sign_up(db, offering.id, a, "leather_shoes", NOW)
    await sign_up(db, offering.id, b, "leather_shoes", NOW)
    assert await toggle_attended(db, offering.id, a) is True
    assert await toggle_attended(db, offering.id, a) is False
    assert await toggle_attended(db, offering.id, b) is None  # waitlisted: not in the room
    confirmed = Audience(offering=offering.id, signup_statuses=("confirmed",))
    everyone = Audience(offering=offering.id, signup_statuses=("confirmed", "waitlisted"))
    assert await count_audience(db, confirmed, ["telegram"], "reminder") == 1
    assert await count_audience(db, everyone, ["telegram"], "reminder") == 2
    assert Audience.from_json(confirmed.to_json()) == confirmed


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("۲۰", 20),
        ("٢٠", 20),
        ("20", 20),
        (" ۱۲۰ ", 120),
        ("بیست", 20),
        ("۲۰ نفر", 20),
        ("زیاد", None),
        ("-3", None),
        ("", None),
    ],
)
def test_counts_in_any_digits(typed: str, count: int | None) -> None:
    assert parse_count(typed) == count
