"""Deleting a member's account: give their seats back, then erase what identifies them."""

from __future__ import annotations

from datetime import datetime, timedelta

import aiosqlite

from storage.offerings import Notified, Offering, cancel_signup
from storage.own_data import Erased, erase_member
from storage.signup_lists import member_signups


async def delete_account(
    db: aiosqlite.Connection, member_id: int, now: datetime
) -> tuple[Erased | None, list[tuple[Offering, Notified]]]:
    """Release the member's sign-ups (the freed seats go to the first in line, as when a
    member gives a seat back, but with no cut-off: a deleted account attends nothing), then
    erase their personal data. Returns what was erased (None: already deleted) and who was
    promoted, to be told."""
    promoted: list[tuple[Offering, Notified]] = []
    for offering, _ in await member_signups(db, member_id, now):
        outcome = await cancel_signup(db, offering.id, member_id, now, timedelta(0))
        promoted += [(offering, who) for who in outcome.promoted]
    return await erase_member(db, member_id), promoted
