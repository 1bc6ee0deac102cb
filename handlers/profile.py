"""The member's profile card (editing a field runs through the member form)."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import KhoosheContext, Texts
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
from handlers.keyboards import rows
from storage.clock import parse_iso
from storage.clusters import Kind, get_place
from storage.members import Member, get_member


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
    t = context.t
    buttons = [
        InlineKeyboardButton(t.label(f"field-{field}"), callback_data=f"pf:edit:{field}")
        for field in EDITABLE
    ]
    card = await describe(context, values_of(member))
    since = t.date(parse_iso(member.created_at))
    await context.bot.send_message(
        chat.id,
        t("profile-show", card=card, since=since),
        reply_markup=InlineKeyboardMarkup(rows(buttons, 2)),
    )


async def profile_command(update: Update, context: KhoosheContext) -> None:
    """/profile: show the profile card."""
    await send_profile(update, context)


def register(app: Application) -> None:
    """Install /profile."""
    app.add_handler(CommandHandler("profile", profile_command, filters=filters.ChatType.PRIVATE))
