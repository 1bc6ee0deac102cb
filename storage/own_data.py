"""A member's own data (issue 15, point 6): what is stored about them, and erasing it.

Deleting an account keeps the members row as an anonymous tombstone: reports, "me too"s,
topic suggestions and votes point at it, so the cluster's record and its numbers stay true,
but nothing in it says who it was. The README's "What the bot stores" section lists the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.clock import now_iso
from storage.db import transaction
from storage.members import addresses
from storage.queries import count

# Chat ids are at most 52 bits (Telegram's promise): an erased row's chat is below them all.
NO_CHAT = -(2**62)


@dataclass(frozen=True, slots=True)
class OwnSignup:
    """One of a member's sign-ups, whatever became of it."""

    title: str
    starts_at: str
    status: str
    attended: bool


@dataclass(frozen=True, slots=True)
class OwnIdeas:
    """What a member said in the needs assessment."""

    suggestions: list[str]
    votes: int


async def own_signups(db: aiosqlite.Connection, member_id: int) -> list[OwnSignup]:
    """Every sign-up of the member (cancelled and past ones too), newest offering first."""
    async with db.execute(
        "SELECT o.title, o.starts_at, s.status, s.attended FROM signups s "
        "JOIN offerings o ON o.id = s.offering_id WHERE s.member_id = ? "
        "ORDER BY o.starts_at DESC, o.id DESC",
        (member_id,),
    ) as cursor:
        return [OwnSignup(row[0], row[1], row[2], bool(row[3])) for row in await cursor.fetchall()]


async def own_ideas(db: aiosqlite.Connection, member_id: int) -> OwnIdeas:
    """The member's training-topic suggestions (their words) and how many votes they gave."""
    async with db.execute(
        "SELECT text FROM topic_suggestions WHERE member_id = ? ORDER BY id", (member_id,)
    ) as cursor:
        suggestions = [str(row[0]) for row in await cursor.fetchall()]
    return OwnIdeas(
        suggestions,
        await count(db, "SELECT COUNT(*) FROM topic_votes WHERE member_id = ?", member_id),
    )


@dataclass(frozen=True, slots=True)
class OwnVoice:
    """The member's say in surveys and proposals: answer sets, supports and their comments."""

    surveys: int
    supports: int
    comments: list[str]


async def own_voice(db: aiosqlite.Connection, member_id: int) -> OwnVoice:
    """How many surveys they answered, the proposals they support now, and their comments."""
    surveys = await count(
        db, "SELECT COUNT(*) FROM survey_responses WHERE member_id = ?", member_id
    )
    async with db.execute(
        "SELECT withdrawn_at IS NULL, comment FROM proposal_supports WHERE member_id = ? "
        "ORDER BY supported_at",
        (member_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    comments = [str(r[1]) for r in rows if r[1]]
    return OwnVoice(surveys, sum(1 for r in rows if r[0]), comments)


@dataclass(frozen=True, slots=True)
class Erased:
    """What deleting an account did."""

    accounts: list[tuple[str, int]]  # (platform, user id) that are nobody's now
    cancelled_messages: int


async def erase_member(db: aiosqlite.Connection, member_id: int) -> Erased | None:
    """Erase a member's personal data in one transaction; None if already deleted.

    Name, company, phone and every platform id go; the cluster stays (the reports' numbers
    by cluster read it). Their platform accounts are nobody's, so /start registers afresh;
    messages still waiting for them are cancelled ('skipped'), and the outbox's record of
    what was sent to them forgets their chat. Their form drafts go too. Sign-ups are given
    back before this (bot/services/own_data.py), through the same code as a member's own
    "give the seat back", so the waitlist moves up.
    """
    now = now_iso()
    async with transaction(db):
        accounts = await addresses(db, member_id)
        cursor = await db.execute(
            "UPDATE members SET name = '', company = '', phone = '', phone_verified = 0, "
            "estate_code = NULL, job_role = 'other', language = 'fa', status = 'blocked', "
            "announcements = 0, digest = 0, prefer = NULL, user_id = -id, chat_id = 0, "
            "deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            (now, now, member_id),
        )
        if cursor.rowcount != 1:
            return None
        await db.execute("DELETE FROM member_addresses WHERE member_id = ?", (member_id,))
        # Their advisory sessions ahead are given back (the slots open again, and the
        # reminders, addressed to the session's booked sides, reach nobody).
        await db.execute(
            "UPDATE core_bookings SET status = 'cancelled', ended_at = ? "
            "WHERE member_id = ? AND status = 'booked'",
            (now, member_id),
        )
        cancelled = 0
        for account in accounts:
            chat = "member_id = ? OR (platform = ? AND chat_id = ?)"
            params = (member_id, account.platform, account.chat_id)
            # Waiting and in-flight messages alike: a message on the wire may still arrive
            # (and is then recorded as sent), but none is tried again.
            cursor = await db.execute(
                "UPDATE outbox SET status = 'skipped', error = 'account deleted' "
                f"WHERE status IN ('pending', 'sending') AND ({chat})",
                params,
            )
            cancelled += cursor.rowcount
            # Every row keeps its result but no longer says which chat it went to (each row
            # its own number, so they stay unique per broadcast, far below any real chat id).
            await db.execute(
                f"UPDATE outbox SET chat_id = ? - id WHERE {chat}", (NO_CHAT, *params)
            )
            await db.execute(
                "DELETE FROM ptb_user_data WHERE platform = ? AND user_id = ?",
                (account.platform, account.user_id),
            )
            await db.execute(
                "DELETE FROM ptb_conversations WHERE platform = ? AND key = ?",
                (account.platform, f"[{account.chat_id}, {account.user_id}]"),
            )
    return Erased([(a.platform, a.user_id) for a in accounts], cancelled)
