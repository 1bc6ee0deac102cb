"""Trainings and events for members: browse, details, sign up, give a seat back, "my
sign-ups", and a calendar file.

Callback data carries an offering id only; who signs up or cancels is always the member who
pressed (the context's member), so nobody can act on another member's sign-up. Whether the
offering is still open, visible and meant for the member's cluster is checked on every press:
an offering cancelled while a member looks at its buttons answers politely.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.services.offerings import calendar_file
from bot.settings import Platform
from bot.text import shorten
from handlers.keyboards import answer, button, paged, show_card
from storage.members import Member
from storage.offerings import (
    Notified,
    Offering,
    Signup,
    cancel_signup,
    get_offering,
    get_signup,
    seats,
    sign_up,
    upcoming_for,
    waitlist_position,
)
from storage.signup_lists import member_signups

log = logging.getLogger(__name__)

TITLE_IN_BUTTON = 40


def _offering_button(
    *, signed_up_ok: bool = False
) -> Callable[
    [Callable[[Update, KhoosheContext, Member, Offering], Awaitable[None]]],
    Callable[[Update, KhoosheContext], Coroutine[Any, Any, None]],
]:
    """A member's button about an offering: for registered members only, and only while they
    may still see the offering (or, `signed_up_ok`, hold a sign-up for it); the handler gets
    the member and the offering. Anyone else is told why, in the press's answer."""

    def decorate(
        handler: Callable[[Update, KhoosheContext, Member, Offering], Awaitable[None]],
    ) -> Callable[[Update, KhoosheContext], Coroutine[Any, Any, None]]:
        @functools.wraps(handler)
        async def pressed(update: Update, context: KhoosheContext) -> None:
            member = await _member(update, context)
            if member is None:
                return
            offering = await _open_offering(update, context, member, signed_up_ok=signed_up_ok)
            if offering is not None:
                await handler(update, context, member, offering)

        return pressed

    return decorate


def _id(update: Update) -> int:
    assert update.callback_query is not None
    return int((update.callback_query.data or "").rsplit(":", 1)[1])


def _short(title: str) -> str:
    return shorten(title, TITLE_IN_BUTTON)


def seats_line(t: Texts, left: int | None, waitlisted: int) -> str:
    """Seats left, unlimited, or full with how many wait."""
    if left is None:
        return t("offering-seats-unlimited")
    if left == 0:
        return t("offering-seats-full", waiting=waitlisted)
    return t("offering-seats-left", seats=left)


def describe(t: Texts, offering: Offering, seats_text: str) -> str:
    """An offering's details as a card's text (the end, if any, on the line after the start)."""
    when: str = t.datetime(offering.starts_at)
    if offering.ends_at is not None:
        when = t.join("\n", [when, t("offering-card-ends", ends=t.datetime(offering.ends_at))])
    parts: list[str] = [
        t(
            "offering-card",
            kind=t(f"offering-kind-{offering.kind}"),
            title=offering.title,
            when=when,
            place=offering.place or t("value-none"),
            seats=seats_text,
            closes=t.datetime(offering.closes_at),
        )
    ]
    if offering.description:
        parts.append(offering.description)  # escaped by join
    return t.join("\n\n", parts)


def _visible(offering: Offering | None, member: Member, now: datetime) -> bool:
    return (
        offering is not None
        and offering.status == "published"
        and offering.published_at is not None
        and offering.published_at <= now
        and offering.starts_at > now
        and offering.targets(member.cluster_code)
    )


async def _member(update: Update, context: KhoosheContext) -> Member | None:
    if context.member is None:
        await answer(update, context.t("not-registered-hint"), alert=True)
    return context.member


async def _open_offering(
    update: Update, context: KhoosheContext, member: Member, *, signed_up_ok: bool = False
) -> Offering | None:
    """The pressed offering if the member may still see it; otherwise say why."""
    offering = await get_offering(context.db, _id(update))
    now = datetime.now(UTC)
    if _visible(offering, member, now):
        return offering
    if (
        signed_up_ok
        and offering is not None
        and offering.status == "published"
        and await _active_signup(context, offering, member) is not None
    ):
        return offering  # their cluster changed since: their own sign-up stays theirs
    key = (
        "offering-was-cancelled"
        if offering is not None and offering.status == "cancelled"
        else "offering-unavailable"
    )
    await answer(update, context.t(key), alert=True)
    return None


async def _active_signup(
    context: KhoosheContext, offering: Offering, member: Member
) -> Signup | None:
    signup = await get_signup(context.db, offering.id, member.id)
    return signup if signup is not None and signup.status != "cancelled" else None


# --- the list ---------------------------------------------------------------------------------


def needs_buttons(t: Texts) -> list[InlineKeyboardButton]:
    """Suggest a training topic, and vote on topics (handlers/needs.py answers them)."""
    return [
        button(t, "needs-button-suggest", cb.NEEDS_SUGGEST.pack()),
        button(t, "needs-button-topics", cb.NEEDS_TOPICS.pack()),
    ]


async def show_list(update: Update, context: KhoosheContext, page: int = 0) -> None:
    """Upcoming trainings and events for the member's cluster, one button each."""
    member = context.member
    if member is None:
        return
    t = context.t
    offerings = await upcoming_for(context.db, member.cluster_code, datetime.now(UTC))
    mine = button(t, "offering-button-mine", cb.OFFERING_MINE.pack())
    if not offerings:
        markup = InlineKeyboardMarkup([[mine], needs_buttons(t)])
        await show_card(update, context, t("offering-list-empty"), markup)
        return
    lines = []
    for offering in offerings:
        counted = await seats(context.db, offering)
        lines.append(
            t(
                "offering-list-item",
                title=offering.title,
                when=t.datetime(offering.starts_at),
                seats=seats_line(t, counted.left, counted.waitlisted),
            )
        )
    items = [(f"{_short(o.title)}", cb.OFFERING_CARD.pack(o.id)) for o in offerings]
    markup = paged(t, items, page, cb.OFFERING_LIST_PAGE.pack, extra=[mine], per_row=1)
    markup = InlineKeyboardMarkup([*markup.inline_keyboard, needs_buttons(t)])
    text = t.join("\n\n", [t("offering-list-title"), *lines])
    await show_card(update, context, text, markup)


async def on_list(update: Update, context: KhoosheContext) -> None:
    """Back to the list, or another page of it."""
    if await _member(update, context) is None:
        return
    await answer(update)
    data = (update.callback_query.data or "") if update.callback_query else ""
    page = cb.OFFERING_LIST_PAGE.first_int(data) or 0
    await show_list(update, context, page)


# --- one offering -----------------------------------------------------------------------------


async def _card(
    context: KhoosheContext, offering: Offering, member: Member, note: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    counted = await seats(context.db, offering)
    signup = await _active_signup(context, offering, member)
    parts = [describe(t, offering, seats_line(t, counted.left, counted.waitlisted))]
    buttons = []
    # A card with a note (the answer to a sign-up just made) lets the note say where the member
    # stands: one confirmation, not two.
    if signup is not None and signup.status == "confirmed":
        if note is None:
            parts.append(t("offering-you-are-confirmed"))
        buttons.append(button(t, "offering-button-leave", cb.OFFERING_LEAVE.pack(offering.id)))
    elif signup is not None:
        if note is None:
            position = await waitlist_position(context.db, offering.id, member.id)
            parts.append(t("offering-you-are-waitlisted", position=position))
        buttons.append(
            button(t, "offering-button-leave-waitlist", cb.OFFERING_LEAVE.pack(offering.id))
        )
    elif datetime.now(UTC) < offering.closes_at:
        label = "offering-button-join" if counted.left != 0 else "offering-button-join-waitlist"
        buttons.append(button(t, label, cb.OFFERING_JOIN.pack(offering.id)))
    else:
        parts.append(t("offering-closed"))
    if note is not None:
        parts.append(note)
    keyboard = [
        buttons,
        [
            button(t, "offering-button-calendar", cb.OFFERING_CALENDAR.pack(offering.id)),
            button(t, "offering-button-list", cb.OFFERING_LIST.pack()),
        ],
    ]
    return t.join("\n\n", parts), InlineKeyboardMarkup([row for row in keyboard if row])


@_offering_button(signed_up_ok=True)
async def on_view(
    update: Update, context: KhoosheContext, member: Member, offering: Offering
) -> None:
    """Details of one offering: a new card (from an announcement, a reminder, the list)."""
    await answer(update)
    text, markup = await _card(context, offering, member)
    data = update.callback_query.data if update.callback_query else ""
    if cb.OFFERING_VIEW.unpack(data) is not None:
        # Announcements and reminders stay as they are: the card is a message of its own.
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_message(chat.id, text, reply_markup=markup)
    else:
        await show_card(update, context, text, markup)


@_offering_button()
async def on_join(
    update: Update, context: KhoosheContext, member: Member, offering: Offering
) -> None:
    """Sign-up asks first."""
    if await _active_signup(context, offering, member) is not None:
        await answer(update, context.t("offering-already-signed-up"), alert=True)
        return
    await answer(update)
    t = context.t
    full = (await seats(context.db, offering)).left == 0
    markup = InlineKeyboardMarkup(
        [
            [
                button(t, "offering-button-join-yes", cb.OFFERING_JOIN_YES.pack(offering.id)),
                button(t, "offering-button-back", cb.OFFERING_CARD.pack(offering.id)),
            ]
        ]
    )
    key = "offering-confirm-waitlist" if full else "offering-confirm-join"
    await show_card(
        update, context, t(key, title=offering.title, when=t.datetime(offering.starts_at)), markup
    )


async def on_join_ok(update: Update, context: KhoosheContext) -> None:
    """Sign up: a seat if one is free, else the waitlist (decided in one transaction)."""
    member = await _member(update, context)
    if member is None:
        return
    offering_id = _id(update)
    outcome = await sign_up(
        context.db, offering_id, member.id, member.cluster_code, datetime.now(UTC)
    )
    t = context.t
    offering = await get_offering(context.db, offering_id)
    if outcome.status in ("unavailable", "not_invited", "closed") or offering is None:
        key = {
            "closed": "offering-signup-closed",
            "not_invited": "offering-unavailable",
        }.get(outcome.status, "offering-unavailable")
        if offering is not None and offering.status == "cancelled":
            key = "offering-was-cancelled"
        await answer(update, t(key), alert=True)
        return
    if outcome.status.startswith("already_"):  # a double tap, or an old button
        await answer(update, t("offering-already-signed-up"), alert=True)
        return
    await answer(update)
    if outcome.status == "confirmed":
        note = t("offering-signed-up")
    else:
        note = t("offering-waitlisted", position=outcome.position or 0)
    text, markup = await _card(context, offering, member, note)
    await show_card(update, context, text, markup)


@_offering_button(signed_up_ok=True)
async def on_leave(
    update: Update, context: KhoosheContext, member: Member, offering: Offering
) -> None:
    """Giving a seat back asks first."""
    if await _active_signup(context, offering, member) is None:
        await answer(update, context.t("offering-not-signed-up"), alert=True)
        return
    await answer(update)
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            [
                button(t, "offering-button-leave-yes", cb.OFFERING_LEAVE_YES.pack(offering.id)),
                button(t, "offering-button-keep", cb.OFFERING_CARD.pack(offering.id)),
            ]
        ]
    )
    await show_card(update, context, t("offering-confirm-leave", title=offering.title), markup)


async def on_leave_ok(update: Update, context: KhoosheContext) -> None:
    """Give the sign-up back; the freed seat goes to the first in line, who is told."""
    member = await _member(update, context)
    if member is None:
        return
    t = context.t
    cutoff = timedelta(hours=context.settings.offering_cancel_cutoff_hours)
    outcome = await cancel_signup(context.db, _id(update), member.id, datetime.now(UTC), cutoff)
    if outcome.status == "not_signed_up":
        await answer(update, t("offering-not-signed-up"), alert=True)
        return
    if outcome.status == "too_late":
        hours = int(context.settings.offering_cancel_cutoff_hours)
        await answer(update, t("offering-too-late-to-leave", hours=hours), alert=True)
        return
    await answer(update)
    offering = await get_offering(context.db, _id(update))
    assert offering is not None
    await show_card(update, context, t("offering-left", title=offering.title), None)
    for promoted in outcome.promoted:
        await tell_promoted(context, offering, promoted)


async def tell_promoted(context: KhoosheContext, offering: Offering, who: Notified) -> None:
    """A seat became theirs: say so, with a button to give it back."""
    platform = Platform(who.platform)
    bot = context.state.bots.get(platform)
    if bot is None:
        return
    t = context.texts_for(who.language, platform)
    markup = InlineKeyboardMarkup(
        [
            [
                button(t, "offering-button-view", cb.OFFERING_VIEW.pack(offering.id)),
                button(t, "offering-button-give-back", cb.OFFERING_LEAVE.pack(offering.id)),
            ]
        ]
    )
    text = t("offering-promoted", title=offering.title, when=t.datetime(offering.starts_at))
    try:
        await bot.send_message(who.chat_id, text, reply_markup=markup)
    except (TelegramError, RuntimeError) as exc:  # RuntimeError: that platform is not up
        log.info("promotion on offering %s not told (%s)", offering.id, type(exc).__name__)


@_offering_button(signed_up_ok=True)
async def on_calendar(
    update: Update, context: KhoosheContext, member: Member, offering: Offering
) -> None:
    """An .ics file of the offering for the phone's calendar."""
    await answer(update)
    data = calendar_file(offering, context.settings.tz)
    chat = update.effective_chat
    assert chat is not None
    t = context.t
    await context.bot.send_document(
        chat.id,
        InputFile(io.BytesIO(data), filename=f"offering-{offering.id}.ics"),
        caption=t("offering-calendar-caption", title=offering.title),
    )


async def on_mine(update: Update, context: KhoosheContext) -> None:
    """The member's sign-ups that are still ahead."""
    member = await _member(update, context)
    if member is None:
        return
    await answer(update)
    t = context.t
    found = await member_signups(context.db, member.id, datetime.now(UTC))
    back = button(t, "offering-button-list", cb.OFFERING_LIST.pack())
    if not found:
        await show_card(update, context, t("offering-mine-empty"), InlineKeyboardMarkup([[back]]))
        return
    lines = [t("offering-mine-title")]
    for offering, signup in found:
        if signup.status == "confirmed":
            status = t("offering-status-confirmed")
        else:
            position = await waitlist_position(context.db, offering.id, member.id)
            status = t("offering-status-waitlisted", position=position)
        lines.append(
            t(
                "offering-mine-item",
                title=offering.title,
                when=t.datetime(offering.starts_at),
                status=status,
            )
        )
    buttons = [
        [InlineKeyboardButton(_short(o.title), callback_data=cb.OFFERING_CARD.pack(o.id))]
        for o, _ in found
    ]
    await show_card(
        update, context, t.join("\n\n", lines), InlineKeyboardMarkup([*buttons, [back]])
    )


def register(app: Application) -> None:
    """Install the member's offering buttons (the menu entry is in handlers/menu.py)."""
    app.add_handler(
        CallbackQueryHandler(on_list, pattern=cb.any_of(cb.OFFERING_LIST, cb.OFFERING_LIST_PAGE))
    )
    app.add_handler(
        CallbackQueryHandler(on_view, pattern=cb.any_of(cb.OFFERING_VIEW, cb.OFFERING_CARD))
    )
    app.add_handler(CallbackQueryHandler(on_join, pattern=cb.OFFERING_JOIN.pattern()))
    app.add_handler(CallbackQueryHandler(on_join_ok, pattern=cb.OFFERING_JOIN_YES.pattern()))
    app.add_handler(CallbackQueryHandler(on_leave, pattern=cb.OFFERING_LEAVE.pattern()))
    app.add_handler(CallbackQueryHandler(on_leave_ok, pattern=cb.OFFERING_LEAVE_YES.pattern()))
    app.add_handler(CallbackQueryHandler(on_calendar, pattern=cb.OFFERING_CALENDAR.pattern()))
    app.add_handler(CallbackQueryHandler(on_mine, pattern=cb.OFFERING_MINE.pattern()))
