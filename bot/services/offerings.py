"""Trainings and events: publishing, reminders, cancelling and calendar files.

Everything said to many members goes through the outbox (bot/services/outbox.py):
- publishing stores the offering and one "offering" broadcast (an announcement, so opt-outs
  are respected) at the moment it becomes visible, with a sign-up button;
- each reminder lead (settings.offering_reminder_seconds) becomes one scheduled "reminder"
  broadcast to "the confirmed members of offering N". Its dedupe key names the offering,
  its version and the lead, so it exists once; the outbox re-arms it after a restart, and
  the audience is expanded only when it fires, so whoever cancelled by then is skipped;
- cancelling cancels the waiting announcement and reminders, then tells everyone signed up;
- moving the start bumps the version: the old reminders are cancelled and new ones made.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Unpack
from zoneinfo import ZoneInfo

import aiosqlite

from bot import callbacks as cb
from bot.roles import Access, Role
from bot.services import numbers
from bot.settings import Settings
from storage.offerings import (
    NewOffering,
    Notified,
    Offering,
    OfferingEdit,
    cancel_offering,
    change_offering,
    create_offering,
)
from storage.outbox import (
    Audience,
    Template,
    count_audience,
    owned_broadcast,
    waiting_with_key,
)

# Handlers name the acting staff member as this service's Owner (it lives beside broadcasts).
from storage.outbox import Owner as Owner

if TYPE_CHECKING:
    from bot.services.outbox import Outbox

log = logging.getLogger(__name__)


def may_manage(access: Access, offering: Offering) -> bool:
    """Staff manage every offering; an agent only one aimed at their clusters alone."""
    if access.has(Role.STAFF):
        return True
    if not access.is_staff_side or not offering.clusters:
        return False
    return all(access.covers_cluster(code) for code in offering.clusters)


def view_button(offering_id: int) -> tuple[str, str]:
    """The "details and sign-up" button under announcements and reminders."""
    return ("offering-button-view", cb.OFFERING_VIEW.pack(offering_id))


def _details(offering: Offering) -> dict[str, str | int | datetime]:
    return {"title": offering.title, "when": offering.starts_at, "place": offering.place}


async def publish(
    outbox: Outbox,
    db: aiosqlite.Connection,
    settings: Settings,
    new: NewOffering,
    owner: Owner,
    publish_at: datetime | None = None,
    before_announcing: Callable[[Offering], Awaitable[object]] | None = None,
) -> tuple[Offering, bool]:
    """Store and publish an offering: its announcement now or at `publish_at`, and its
    reminders. A second tap (same dedupe key) returns the first, created=False.
    `before_announcing` is awaited just before an announcement due now starts (stored by
    then): the form's «published», which must reach its owner before the delivery's report."""
    moment = publish_at or datetime.now(UTC)
    offering, created = await create_offering(db, new, publish_at=moment)
    if not created:
        return offering, False
    template = Template("offering-announce", _details(offering), ((view_button(offering.id),),))
    audience = Audience(clusters=tuple(sorted(offering.clusters)))
    announcement = owned_broadcast(
        owner, f"offering:{offering.id}", audience, moment, template, "offering"
    )
    if before_announcing is None:
        await outbox.submit(announcement)
    else:
        told = before_announcing
        await outbox.submit(announcement, lambda _: told(offering))
    await arm_reminders(outbox, settings, offering, owner)
    log.info("offering %s published (from %s)", offering.id, moment.isoformat())
    return offering, True


async def arm_reminders(
    outbox: Outbox, settings: Settings, offering: Offering, owner: Owner
) -> int:
    """One scheduled reminder per lead that is still ahead; how many were made."""
    now = datetime.now(UTC)
    made = 0
    for lead in sorted(set(settings.offering_reminder_seconds), reverse=True):
        send_at = offering.starts_at - timedelta(seconds=lead)
        if send_at <= now:
            continue
        template = Template(
            "offering-reminder", _details(offering), ((view_button(offering.id),),)
        )
        key = f"reminder:{offering.id}:v{offering.version}:{lead}"
        audience = Audience(offering=offering.id, signup_statuses=("confirmed",))
        _, created = await outbox.submit(
            owned_broadcast(owner, key, audience, send_at, template, "reminder")
        )
        made += int(created)
    return made


async def _cancel_waiting(outbox: Outbox, db: aiosqlite.Connection, prefix: str, by: str) -> int:
    cancelled = 0
    for broadcast in await waiting_with_key(db, prefix):
        cancelled += int(await outbox.cancel(broadcast.id, by))
    return cancelled


async def _tell_signed_up(
    outbox: Outbox,
    db: aiosqlite.Connection,
    offering: Offering,
    owner: Owner,
    key: str,
    template: Template,
) -> int:
    """A service message to everyone confirmed or waitlisted, now; how many it reaches."""
    audience = Audience(offering=offering.id, signup_statuses=("confirmed", "waitlisted"))
    count = await count_audience(db, audience, outbox.platforms, "reminder")
    if count:
        now = datetime.now(UTC)
        await outbox.submit(owned_broadcast(owner, key, audience, now, template, "reminder"))
    return count


async def cancel(
    outbox: Outbox, db: aiosqlite.Connection, offering: Offering, owner: Owner
) -> int | None:
    """Cancel an offering, its waiting announcement and reminders, and tell everyone signed
    up; how many were told (None: it was cancelled already)."""
    if not await cancel_offering(db, offering.id):
        return None
    await _cancel_waiting(outbox, db, f"offering:{offering.id}", owner.actor)
    await _cancel_waiting(outbox, db, f"reminder:{offering.id}:", owner.actor)
    template = Template("offering-cancelled-notice", _details(offering))
    return await _tell_signed_up(
        outbox, db, offering, owner, f"offering-cancelled:{offering.id}", template
    )


async def change(
    outbox: Outbox,
    db: aiosqlite.Connection,
    settings: Settings,
    offering: Offering,
    owner: Owner,
    **edit: Unpack[OfferingEdit],
) -> tuple[Offering, list[Notified]] | None:
    """Edit an offering; tell those signed up when its time or place changed, and remake
    the reminders for a new start. None: not editable (cancelled, fewer seats than already
    confirmed, an end not after the start or a deadline after it)."""
    result = await change_offering(db, offering.id, **edit)
    if result is None:
        return None
    changed, promoted = result
    if edit.get("starts_at") is not None:
        await _cancel_waiting(
            outbox, db, f"reminder:{offering.id}:v{offering.version}:", owner.actor
        )
        await arm_reminders(outbox, settings, changed, owner)
    if edit.get("starts_at") is not None or edit.get("place") is not None:
        template = Template(
            "offering-changed-notice", _details(changed), ((view_button(changed.id),),)
        )
        key = f"offering-changed:{changed.id}:{datetime.now(UTC).isoformat()}"
        await _tell_signed_up(outbox, db, changed, owner, key, template)
    return changed, promoted


def calendar_file(offering: Offering, tz: ZoneInfo, *, prodid: str = "-//Khooshe//fa") -> bytes:
    """An iCalendar file a phone's calendar can import, in the local time zone (with its
    VTIMEZONE), whose UID stays the same for the offering so a re-import updates it."""
    return calendar_event(
        f"offering-{offering.id}@khooshe",
        offering.version,
        offering.starts_at,
        offering.ends_at or offering.starts_at + timedelta(hours=2),
        offering.title,
        tz,
        description=offering.description,
        place=offering.place,
        cancelled=offering.status == "cancelled",
        prodid=prodid,
    )


def calendar_event(
    uid: str,
    sequence: int,
    start: datetime,
    end: datetime,
    summary: str,
    tz: ZoneInfo,
    *,
    description: str | None = None,
    place: str | None = None,
    cancelled: bool = False,
    prodid: str = "-//Khooshe//fa",
) -> bytes:
    """One event as an .ics file (a training, an advisory session)."""
    # Imported on first use, not at start-up: a member's "add to calendar" only.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", start.astimezone(tz))
    event.add("dtend", end.astimezone(tz))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if place:
        event.add("location", place)
    if cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def parse_count(text: str) -> int | None:
    """A count typed in any digits or in words, with or without a unit («۲۰ نفر»); else None."""
    return numbers.parse_count(text)


def targets_of(codes: Sequence[str], shares: dict[str, int]) -> dict[str, int | None]:
    """Chosen clusters with their shares (None where no share was set)."""
    return {code: shares.get(code) for code in codes}
