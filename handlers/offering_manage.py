"""/offerings: staff and cluster agents manage published trainings and events — edit (the
form in handlers/offering_form.py asks the new value), cancel (everyone signed up is told),
lists, an .xlsx export, and attendance after the start.

Every button is checked on the server: the role through bot/roles.py, and whether this person
may manage this offering (an agent: only one aimed at their clusters alone) whatever the
(forgeable) callback data says.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Role, access_of, actor, requires
from bot.services import offerings as service
from bot.text import pack_messages
from handlers.keyboards import (
    answer,
    button,
    chat_id_of,
    paged,
    private_command,
    replace_pressed,
    show_card,
    staff_button,
)
from handlers.offerings import seats_line
from handlers.tables import export_pressed, send_columns
from storage.offerings import Offering, get_offering, recent_offerings, seats
from storage.signup_lists import attendees, toggle_attended

log = logging.getLogger(__name__)

# Staff lists show offerings that started up to this long ago (attendance is taken after).
LIST_SINCE = timedelta(days=30)
LISTED = 10


def owner(update: Update, context: KhoosheContext) -> service.Owner:
    """The staff member pressing, as recorded on the broadcasts their action makes."""
    user = update.effective_user
    assert user is not None
    return service.Owner(
        actor(context, user.id), context.platform.value, chat_id_of(update), context.t.lang
    )


async def _pressed_offering(update: Update, context: KhoosheContext) -> Offering | None:
    return await managed(update, context, offering_id(update))


def offering_id(update: Update, index: int = 0) -> int:
    """The pressed button's `index`-th number (its offering's id, unless said otherwise)."""
    assert update.callback_query is not None
    return cb.number_in(update.callback_query.data, index)


async def managed(update: Update, context: KhoosheContext, offering_id: int) -> Offering | None:
    """The offering, if this person may manage it; otherwise say so."""
    offering = await get_offering(context.db, offering_id)
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if offering is None:
        await answer(update, context.t("offering-unavailable"), alert=True)
        return None
    if not service.may_manage(access, offering):
        user = update.effective_user
        log.warning("offering %s: user %s may not manage it", offering_id, user and user.id)
        await answer(update, context.t("offering-not-yours"), alert=True)
        return None
    return offering


# A staff button about an offering this person may manage (its id is the press's first number).
offering_button = staff_button(_pressed_offering)


def _manage_markup(t: Texts, offering: Offering) -> InlineKeyboardMarkup:
    i = offering.id
    return InlineKeyboardMarkup(
        [
            [
                button(t, "offering-button-edit", cb.OFFERING_EDIT_MENU.pack(i)),
                button(t, "offering-button-cancel-offering", cb.OFFERING_CANCEL.pack(i)),
            ],
            [
                button(t, "offering-button-lists", cb.OFFERING_LISTS.pack(i)),
                button(t, "offering-button-export", cb.OFFERING_EXPORT.pack(i)),
                button(t, "offering-button-attendance", cb.OFFERING_ATTENDANCE.pack(i)),
            ],
        ]
    )


@requires(Role.CLUSTER_AGENT)
async def list_command(update: Update, context: KhoosheContext) -> None:
    """/offerings: published offerings this person manages, each with its buttons."""
    await _send_items(update, context, 0)


@requires(Role.CLUSTER_AGENT)
async def on_more(update: Update, context: KhoosheContext) -> None:
    """The next offerings of the list (worked out again: the list may have changed)."""
    await answer(update)
    offset = offering_id(update)
    await replace_pressed(update, context.t("offering-staff-more-shown"))
    await _send_items(update, context, offset)


async def _send_items(update: Update, context: KhoosheContext, offset: int) -> None:
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    t = context.t
    found = [
        o
        for o in await recent_offerings(context.db, datetime.now(UTC) - LIST_SINCE)
        if service.may_manage(access, o)
    ]
    if not found[offset:]:
        empty = "offering-staff-list-end" if offset else "offering-staff-none"
        await context.bot.send_message(chat_id_of(update), t(empty))
        return
    for offering in found[offset : offset + LISTED]:
        counted = await seats(context.db, offering)
        text = t(
            "offering-staff-item",
            number=t.digits(offering.id),
            title=offering.title,
            when=t.datetime(offering.starts_at),
            confirmed=counted.confirmed,
            waitlisted=counted.waitlisted,
            seats=seats_line(t, counted.left, counted.waitlisted),
        )
        await context.bot.send_message(
            chat_id_of(update), text, reply_markup=_manage_markup(t, offering)
        )
    rest = len(found) - offset - LISTED
    if rest > 0:
        more = [[button(t, "offering-button-more", cb.OFFERINGS_MORE.pack(offset + LISTED))]]
        await context.bot.send_message(
            chat_id_of(update),
            t("offering-staff-more", count=rest),
            reply_markup=InlineKeyboardMarkup(more),
        )


@offering_button
async def on_edit_menu(update: Update, context: KhoosheContext, offering: Offering) -> None:
    """What to change."""
    await answer(update)
    t = context.t
    i = offering.id
    markup = InlineKeyboardMarkup(
        [
            [
                button(t, "offering-button-edit-start", cb.OFFERING_EDIT_FIELDS["start"].pack(i)),
                button(
                    t, "offering-button-edit-capacity", cb.OFFERING_EDIT_FIELDS["capacity"].pack(i)
                ),
                button(t, "offering-button-edit-place", cb.OFFERING_EDIT_FIELDS["place"].pack(i)),
            ],
            [
                button(t, "offering-button-edit-title", cb.OFFERING_EDIT_FIELDS["title"].pack(i)),
                button(
                    t,
                    "offering-button-edit-description",
                    cb.OFFERING_EDIT_FIELDS["description"].pack(i),
                ),
            ],
            [
                button(t, "offering-button-edit-end", cb.OFFERING_EDIT_FIELDS["end"].pack(i)),
                button(
                    t, "offering-button-edit-deadline", cb.OFFERING_EDIT_FIELDS["deadline"].pack(i)
                ),
            ],
        ]
    )
    await context.bot.send_message(
        chat_id_of(update),
        t("offering-edit-what", number=t.digits(i), title=offering.title),
        reply_markup=markup,
    )


@offering_button
async def on_cancel_ask(update: Update, context: KhoosheContext, offering: Offering) -> None:
    """Cancelling an offering asks first: everyone signed up will be told."""
    if offering.status == "cancelled":
        await answer(update, context.t("offering-was-cancelled"), alert=True)
        return
    await answer(update)
    t = context.t
    counted = await seats(context.db, offering)
    markup = InlineKeyboardMarkup(
        [
            [
                button(t, "offering-button-cancel-yes", cb.OFFERING_CANCEL_YES.pack(offering.id)),
                button(
                    t, "offering-button-cancel-keep", cb.OFFERING_CANCEL_KEEP.pack(offering.id)
                ),
            ]
        ]
    )
    await context.bot.send_message(
        chat_id_of(update),
        t(
            "offering-confirm-cancel",
            title=offering.title,
            count=counted.confirmed + counted.waitlisted,
        ),
        reply_markup=markup,
    )


@offering_button
async def on_cancel_yes(update: Update, context: KhoosheContext, offering: Offering) -> None:
    """Cancel it; its reminders are cancelled and everyone signed up is told."""
    told = await service.cancel(context.state.outbox, context.db, offering, owner(update, context))
    t = context.t
    if told is None:
        await answer(update, t("offering-was-cancelled"), alert=True)
        return
    await answer(update)
    await replace_pressed(update, t("offering-cancelled-staff", title=offering.title, count=told))


async def on_cancel_keep(update: Update, context: KhoosheContext) -> None:
    """Keep it after all."""
    await answer(update)
    await replace_pressed(update, context.t("offering-kept"))


@offering_button
async def on_lists(update: Update, context: KhoosheContext, offering: Offering) -> None:
    """Who is confirmed, waitlisted, cancelled."""
    await answer(update)
    t = context.t
    people = await attendees(context.db, offering.id)
    blocks = [t("offering-lists-title", title=offering.title)]
    for status in ("confirmed", "waitlisted", "cancelled"):
        names = [
            t("offering-lists-person", name=a.name, company=a.company)
            for a in people
            if a.status == status
        ]
        blocks.append(
            t.join(
                "\n",
                [t(f"offering-lists-{status}", count=len(names)), *names]
                if names
                else [t(f"offering-lists-{status}", count=0)],
            )
        )
    for text in pack_messages(blocks):
        await context.bot.send_message(chat_id_of(update), text)


EXPORT_COLUMNS = ("name", "company", "cluster", "phone", "status", "signed_up", "attended")


@offering_button
async def on_export(update: Update, context: KhoosheContext, offering: Offering) -> None:
    """An .xlsx of everyone who signed up."""
    t = context.t
    people = await attendees(context.db, offering.id)
    table = await export_pressed(
        update,
        context,
        people,
        "offering-nobody-yet",
        lambda a, cluster: (
            a.name,
            a.company,
            cluster,
            a.phone,
            t.label(f"offering-status-label-{a.status}"),
            a.signed_up_at,
            t.label("offering-attended-yes") if a.attended else "",
        ),
    )
    if table is None:
        return
    await send_columns(
        context,
        chat_id_of(update),
        EXPORT_COLUMNS,
        table,
        labels="offering-col-",
        dated="signed_up",
        filename=f"offering-{offering.id}.xlsx",
        caption=t("offering-export-caption", title=offering.title, count=len(people)),
    )


async def _attendance(
    update: Update, context: KhoosheContext, offering: Offering, page: int, *, new: bool = False
) -> None:
    t = context.t
    people = await attendees(context.db, offering.id, ["confirmed"])
    items = [
        (
            ("✅ " if a.attended else "▫️ ") + a.name,
            cb.OFFERING_ATTENDED.pack(offering.id, a.member_id, page),
        )
        for a in people
    ]
    present = sum(a.attended for a in people)
    markup = paged(t, items, page, lambda p: cb.OFFERING_ATTENDANCE_PAGE.pack(offering.id, p))
    text = t("offering-attendance", title=offering.title, present=present, total=len(people))
    if new:  # the list item keeps its buttons
        await context.bot.send_message(chat_id_of(update), text, reply_markup=markup)
    else:
        await show_card(update, context, text, markup)


@offering_button
async def on_attendance(update: Update, context: KhoosheContext, offering: Offering) -> None:
    """The confirmed members as toggle buttons (after the start): opened, or another page."""
    if datetime.now(UTC) < offering.starts_at:
        await answer(update, context.t("offering-attendance-too-early"), alert=True)
        return
    await answer(update)
    data = update.callback_query.data if update.callback_query else None
    if cb.OFFERING_ATTENDANCE.unpack(data) is not None:
        await _attendance(update, context, offering, 0, new=True)
    else:
        await _attendance(update, context, offering, offering_id(update, 1))


@offering_button
async def on_attended(update: Update, context: KhoosheContext, offering: Offering) -> None:
    """Mark one confirmed member present or absent."""
    if datetime.now(UTC) < offering.starts_at:
        await answer(update, context.t("offering-attendance-too-early"), alert=True)
        return
    member_id, page = offering_id(update, 1), offering_id(update, 2)
    if await toggle_attended(context.db, offering.id, member_id) is None:
        await answer(update, context.t("button-expired"), alert=True)
        return
    await answer(update)
    await _attendance(update, context, offering, page)


def register(app: Application) -> None:
    """Install /offerings and the buttons under its items."""
    app.add_handler(private_command("offerings", list_command))
    app.add_handler(CallbackQueryHandler(on_more, pattern=cb.OFFERINGS_MORE.pattern()))
    app.add_handler(CallbackQueryHandler(on_edit_menu, pattern=cb.OFFERING_EDIT_MENU.pattern()))
    app.add_handler(CallbackQueryHandler(on_cancel_ask, pattern=cb.OFFERING_CANCEL.pattern()))
    app.add_handler(CallbackQueryHandler(on_cancel_yes, pattern=cb.OFFERING_CANCEL_YES.pattern()))
    app.add_handler(
        CallbackQueryHandler(on_cancel_keep, pattern=cb.OFFERING_CANCEL_KEEP.pattern())
    )
    app.add_handler(CallbackQueryHandler(on_lists, pattern=cb.OFFERING_LISTS.pattern()))
    app.add_handler(CallbackQueryHandler(on_export, pattern=cb.OFFERING_EXPORT.pattern()))
    app.add_handler(
        CallbackQueryHandler(
            on_attendance, pattern=cb.any_of(cb.OFFERING_ATTENDANCE, cb.OFFERING_ATTENDANCE_PAGE)
        )
    )
    app.add_handler(CallbackQueryHandler(on_attended, pattern=cb.OFFERING_ATTENDED.pattern()))
