"""Advisers' slots: reading what they type, the sessions' calendar files and reminders.

An adviser types a moment as staff do (the Jalali parser in bot/services/when.py): one
session («۱۴۰۵/۹/۲۰ ساعت ۱۰»), a span cut into sessions («یکشنبه ۱۰ تا ۱۲، جلسات ۳۰
دقیقه‌ای») or, with the plural weekday («یکشنبه‌ها …»), the same span every week for WEEKS
weeks. Reminders are scheduled broadcasts to the session's two sides (Audience.booking),
like a training's: stored, so they survive a restart, and reaching nobody once the session
is cancelled or moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.services.offerings import Owner, calendar_event
from bot.services.outbox import Outbox
from bot.settings import Settings
from bot.text import fold_digits
from storage.core_slots import Slot
from storage.outbox import Audience, Template, owned_broadcast, waiting_with_key

if TYPE_CHECKING:
    # Imported when an adviser first types slots (read_slots), not at start-up (issue 14).
    from bot.services.when import WhenError

WEEKS = 4
MAX_SESSIONS = 60
LENGTHS = (30, 45, 60, 90)
_WEEKDAY = (
    "(?:"
    + "|".join(f"{d} ?\u200c?شنبه" for d in ("یک", "دو", "سه", "چهار", "پنج"))
    + "|شنبه|جمعه)"
)
_PLURAL = re.compile(f"({_WEEKDAY})\u200c? ?ها")
# «جلسات ۳۰ دقیقه‌ای», «جلسه‌های ۴۵ دقیقه»: the length, not part of the moment.
_LENGTH = re.compile(r"(?:جلسات|جلسه(?:\u200c? ?های)?)?\s*(\d{1,3})\s*(?:دقیقه|min)\S*(?:\s*ای)?")
_CLAUSE = re.compile(r"[،,;؛]")


@dataclass(frozen=True, slots=True)
class SlotPlan:
    """What an adviser typed: a first start, a span's end (or none), a length, weekly or not."""

    start: datetime
    end: datetime | None
    minutes: int | None
    weekly: bool

    def starts(self, minutes: int) -> list[datetime]:
        """Every session's start: the span cut into `minutes`, each week when weekly."""
        first: list[datetime] = []
        moment = self.start
        if self.end is None:
            first = [self.start]
        while self.end is not None and moment + timedelta(minutes=minutes) <= self.end:
            first.append(moment)
            moment += timedelta(minutes=minutes)
        weeks = WEEKS if self.weekly else 1
        every = [s + timedelta(weeks=w) for w in range(weeks) for s in first]
        return every[:MAX_SESSIONS]


def read_slots(text: str, now: datetime, tz: ZoneInfo) -> SlotPlan | WhenError:
    """The slots an adviser typed (plain code: tested without a bot)."""
    from bot.services.when import When, WhenError, parse_when

    folded = fold_digits(text)
    length = _LENGTH.search(folded)
    minutes = int(length.group(1)) if length else None
    moment = " ".join(_CLAUSE.sub(" ", _LENGTH.sub(" ", folded)).split())
    weekly = bool(_PLURAL.search(moment))
    moment = _PLURAL.sub(r"\1", moment)
    parsed = parse_when(moment, now, tz, range_ok=True)
    if isinstance(parsed, WhenError):
        return parsed
    assert isinstance(parsed, When)
    return SlotPlan(parsed.at, parsed.end, minutes, weekly)


def session_file(slot: Slot, booking_id: int, title: str, tz: ZoneInfo) -> bytes:
    """The session as an .ics file (the same UID for both sides)."""
    return calendar_event(
        f"session_{booking_id}@khooshe",
        0,
        slot.starts_at,
        slot.ends_at,
        title,
        tz,
        place=slot.place,
    )


def reminder_key(booking_id: int) -> str:
    """The dedupe-key prefix of one session's reminders."""
    return f"session:{booking_id}:"


async def arm_reminders(
    outbox: Outbox,
    settings: Settings,
    booking_id: int,
    slot: Slot,
    title: str,
    owner: Owner,
) -> int:
    """One scheduled reminder per lead still ahead (both sides); how many were made."""
    made = 0
    now = datetime.now(UTC)
    for lead in sorted(set(settings.session_reminder_seconds), reverse=True):
        send_at = slot.starts_at - timedelta(seconds=lead)
        if send_at <= now:
            continue
        template = Template(
            "consult-session-reminder",
            {"title": title, "when": slot.starts_at, "place": slot.place},
        )
        key = f"{reminder_key(booking_id)}{lead}"
        await outbox.submit(
            owned_broadcast(
                owner, key, Audience(booking=booking_id), send_at, template, "reminder"
            )
        )
        made += 1
    return made


async def cancel_reminders(outbox: Outbox, booking_id: int, by: str) -> int:
    """Cancel a session's waiting reminders (they would reach nobody anyway)."""
    cancelled = 0
    for broadcast in await waiting_with_key(outbox.db, reminder_key(booking_id)):
        cancelled += int(await outbox.cancel(broadcast.id, by))
    return cancelled
