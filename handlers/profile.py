"""The member's profile card (editing a field runs through the member form)."""

from __future__ import annotations

import logging
from typing import Any, Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import access_of
from bot.services.members import (
    CLUSTER,
    COMPANY,
    EDITABLE,
    ESTATE,
    JOB_ROLE,
    LANGUAGE,
    NAME,
    PHONE,
    local_phone,
)
from handlers.keyboards import private_command, replace_pressed, rows
from storage.clock import parse_iso
from storage.clusters import Kind, get_place
from storage.members import (
    Address,
    Member,
    addresses,
    get_member,
    set_preference,
    unlink_address,
    update_member,
    use_address,
)

log = logging.getLogger(__name__)


def phone_for_display(t: Texts, e164: str) -> str:
    """The member's number as they write it, in their digits."""
    local = local_phone(e164)
    return t.digits(local)


async def _place_name(context: KhoosheContext, kind: Kind, code: str | None) -> str:
    if code is None:
        return context.t("value-none")
    place = await get_place(context.db, kind, code)
    return place.name(context.t.lang) if place else code


async def describe(context: KhoosheContext, values: dict[str, Any]) -> str:
    """The profile card (also the registration summary) for a draft or a member."""
    t = context.t
    return t(
        "profile-card",
        name=values[NAME],
        company=values[COMPANY],
        cluster=await _place_name(context, "cluster", values[CLUSTER]),
        estate=await _place_name(context, "estate", values[ESTATE]),
        phone=phone_for_display(t, values[PHONE]),
        job_role=t(f"job-role-{values[JOB_ROLE]}"),
        language=t(f"language-{values.get(LANGUAGE, t.lang)}"),
    )


def values_of(member: Member) -> dict[str, Any]:
    """A member's profile as form values."""
    return {
        NAME: member.name,
        COMPANY: member.company,
        CLUSTER: member.cluster_code,
        ESTATE: member.estate_code,
        PHONE: member.phone,
        JOB_ROLE: member.job_role,
        LANGUAGE: member.language,
    }


async def send_profile(update: Update, context: KhoosheContext) -> None:
    """The member's profile card with a button per editable field."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    member = await get_member(context.db, context.platform, user.id)
    if member is None:
        await context.bot.send_message(chat.id, context.t("form-not-registered"))
        return
    context.member = member
    text, markup = await _profile_message(context, member)
    await context.bot.send_message(chat.id, text, reply_markup=markup)


async def _profile_message(
    context: KhoosheContext, member: Member
) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    buttons = [
        InlineKeyboardButton(t.label(f"field-{field}"), callback_data=cb.PROFILE_EDIT.pack(field))
        for field in EDITABLE
    ]
    keyboard = rows(buttons, 2)
    # Announcements are the one setting that is not a profile field: a toggle of its own.
    switch = "profile-announcements-on" if member.announcements else "profile-announcements-off"
    keyboard.append(
        [InlineKeyboardButton(t.label(switch), callback_data=cb.PROFILE_ANNOUNCEMENTS.pack())]
    )
    digest = "profile-digest-on" if member.digest else "profile-digest-off"
    keyboard.append(
        [InlineKeyboardButton(t.label(digest), callback_data=cb.PROFILE_DIGEST.pack())]
    )
    accounts = await addresses(context.db, member.id)
    keyboard += _link_rows(t, member, accounts, context.platform.value)
    keyboard.append(
        [
            InlineKeyboardButton(
                t.label("mydata-button"), callback_data=cb.PROFILE_MY_DATA.pack()
            ),
            InlineKeyboardButton(t.label("delete-button"), callback_data=cb.PROFILE_DELETE.pack()),
        ]
    )
    card = await describe(context, values_of(member))
    if len(accounts) > 1:
        card = t.join("\n", [card, linked_line(t, member)])
    since = t.date(parse_iso(member.created_at))
    return t("profile-show", card=card, since=since), InlineKeyboardMarkup(keyboard)


def linked_line(t: Texts, member: Member) -> str:
    """Where a linked member is reached: chosen, or where they used the bot last."""
    where = t(f"platform-{member.platform}")
    if member.prefer is None:
        return t("link-profile-last", platform=where)
    return t("link-profile-chosen", platform=where)


def _link_rows(
    t: Texts, member: Member, accounts: list[Address], here: str
) -> list[list[InlineKeyboardButton]]:
    """A linked member's choice of platform (the current one ticked) and the unlink button."""
    if len(accounts) < 2:
        return []
    choices = []
    for choice in ("last", *cb.PLATFORMS):
        label = t.label("link-prefer-last") if choice == "last" else t.label(f"platform-{choice}")
        if (member.prefer or "last") == choice:
            label = "✔️ " + label
        choices.append(InlineKeyboardButton(label, callback_data=cb.PROFILE_PREFER.pack(choice)))
    other = next(a.platform for a in accounts if a.platform != here)
    unlink = InlineKeyboardButton(
        t.label("link-button-unlink", platform=t.label(f"platform-{other}")),
        callback_data=cb.PROFILE_UNLINK.pack(other),
    )
    return [choices, [unlink]]


async def _refresh(update: Update, context: KhoosheContext, member: Member) -> None:
    """Show the pressed profile card as it is now."""
    query = update.callback_query
    assert query is not None
    text, markup = await _profile_message(context, member)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except TelegramError as exc:  # an old card: the answer said it all
        log.info("profile card not refreshed (%s)", exc.__class__.__name__)


async def on_prefer(update: Update, context: KhoosheContext) -> None:
    """A linked member chooses where messages reach them (or "where I used it last")."""
    query, member = update.callback_query, context.member
    assert query is not None
    choice = cb.PROFILE_PREFER.words(query.data)[0]
    prefer = None if choice == "last" else choice
    if member is None or not await set_preference(context.db, member.id, prefer):
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    user = update.effective_user
    assert user is not None
    if prefer is None:  # "where I used it last" starts here
        fresh = await get_member(context.db, context.platform, user.id)
        chat = update.effective_chat
        assert fresh is not None and chat is not None
        await use_address(context.db, fresh, context.platform, user.id, chat.id)
    member = await get_member(context.db, context.platform, user.id)
    assert member is not None
    await query.answer(
        context.t("link-prefer-saved", platform=context.t(f"platform-{member.platform}"))
    )
    await _refresh(update, context, member)


async def on_unlink(update: Update, context: KhoosheContext) -> None:
    """Unlink the account on the other platform: ask first."""
    query, member = update.callback_query, context.member
    assert query is not None
    other = cb.PROFILE_UNLINK.words(query.data)[0]
    if member is None or other == context.platform.value:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await query.answer()
    t = context.t
    name = t(f"platform-{other}")
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("link-button-unlink-yes"),
                    callback_data=cb.PROFILE_UNLINK_YES.pack(other),
                ),
                InlineKeyboardButton(
                    t.label("delete-button-keep"), callback_data=cb.PROFILE_DELETE_KEEP.pack()
                ),
            ]
        ]
    )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(
        chat.id, t("link-confirm-unlink", platform=name), reply_markup=markup
    )


async def on_unlink_yes(update: Update, context: KhoosheContext) -> None:
    """Unlink: the other account is nobody's again; reports and sign-ups stay here."""
    query, member = update.callback_query, context.member
    assert query is not None
    other = cb.PROFILE_UNLINK_YES.words(query.data)[0]
    if (
        member is None
        or other == context.platform.value
        or not await unlink_address(context.db, member.id, other)
    ):
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await query.answer()
    log.info("member %s unlinked their account on %s", member.id, other)
    await replace_pressed(
        update, context.t("link-unlinked", platform=context.t(f"platform-{other}"))
    )


# What a setting's button says it did: setting -> {now on?: message id}.
TOGGLED = {
    "announcements": {True: "profile-announcements-now-on", False: "broadcast-opted-out"},
    "digest": {True: "digest-now-on", False: "digest-opted-out"},
}


async def _toggle(
    update: Update, context: KhoosheContext, setting: Literal["announcements", "digest"]
) -> None:
    """Turn one of the member's settings off or back on, say which, and refresh the card."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    member = await get_member(context.db, context.platform, user.id)
    if member is None:
        await query.answer(context.t("form-not-registered"), show_alert=True)
        return
    await update_member(context.db, member.id, **{setting: not getattr(member, setting)})
    member = await get_member(context.db, context.platform, user.id)
    assert member is not None
    await query.answer(context.t(TOGGLED[setting][getattr(member, setting)]), show_alert=True)
    text, markup = await _profile_message(context, member)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except TelegramError as exc:  # an old card: the answer above said it all
        log.info("profile card not refreshed (%s)", exc.__class__.__name__)


async def on_toggle_announcements(update: Update, context: KhoosheContext) -> None:
    """Turn announcements (broadcasts) off or back on; news of one's own reports still comes."""
    await _toggle(update, context, "announcements")


async def on_toggle_digest(update: Update, context: KhoosheContext) -> None:
    """Turn the weekly digest off or back on."""
    await _toggle(update, context, "digest")


async def opt_out(
    update: Update, context: KhoosheContext, setting: Literal["announcements", "digest"]
) -> None:
    """The button under a broadcast or a digest: turn that setting off, say so in a popup."""
    query = update.callback_query
    assert query is not None
    if context.member is None:
        # Staff who are not members see the button under their own preview (the broadcast
        # form's, /digest_preview's): there is nothing of theirs to turn off.
        user = update.effective_user
        staff = user is not None and (await access_of(context, user.id)).holds_a_role
        key = "staff-opt-out-preview" if staff else "not-registered-hint"
        await query.answer(context.t(key), show_alert=True)
        return
    await update_member(context.db, context.member.id, **{setting: False})
    await query.answer(context.t(TOGGLED[setting][False]), show_alert=True)


async def profile_command(update: Update, context: KhoosheContext) -> None:
    """/profile: show the profile card."""
    await send_profile(update, context)


def register(app: Application) -> None:
    """Install /profile."""
    app.add_handler(private_command("profile", profile_command))
    app.add_handler(
        CallbackQueryHandler(on_toggle_announcements, pattern=cb.PROFILE_ANNOUNCEMENTS.pattern())
    )
    app.add_handler(CallbackQueryHandler(on_toggle_digest, pattern=cb.PROFILE_DIGEST.pattern()))
    app.add_handler(CallbackQueryHandler(on_prefer, pattern=cb.PROFILE_PREFER.pattern()))
    app.add_handler(CallbackQueryHandler(on_unlink, pattern=cb.PROFILE_UNLINK.pattern()))
    app.add_handler(CallbackQueryHandler(on_unlink_yes, pattern=cb.PROFILE_UNLINK_YES.pattern()))
