"""Admin commands: grant and revoke staff roles, replace the cluster list from a CSV."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.context import KhoosheContext
from bot.roles import Role, requires
from bot.services.members import digits_only
from bot.services.places import PlacesError, replace_from_csv
from bot.settings import Platform
from bot.text import fold_digits
from storage.clusters import get_place
from storage.cores import get_core, grant_adviser, revoke_adviser
from storage.members import get_member
from storage.roles import ADVISER, STAFF_ROLES, grant_role, list_grants, revoke_role

log = logging.getLogger(__name__)

MAX_CSV_BYTES = 512 * 1024


async def _reply(update: Update, context: KhoosheContext, key: str, **kwargs: object) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, context.t(key, **kwargs))


def _target(text: str, default: Platform) -> tuple[Platform, int] | None:
    """`123`, `bale:123` or `telegram:123` (any digits) → (platform, user id)."""
    platform_text, sep, id_text = fold_digits(text).strip().lower().rpartition(":")
    platform = default
    if sep:
        if platform_text not in {p.value for p in Platform}:
            return None
        platform = Platform(platform_text)
    digits = digits_only(id_text)
    if not digits or digits != id_text.strip():
        return None
    return platform, int(digits)


RoleChange = Callable[[Update, KhoosheContext, Platform, int, str], Awaitable[None]]
Command = Callable[[Update, KhoosheContext], Coroutine[Any, Any, None]]


def role_command(usage: str) -> Callable[[RoleChange], Command]:
    """An admin command changing someone's role (/grant, /revoke): only admins get through, and
    the `<user id> <role>` at the start of its arguments is read here and handed on as
    (platform, user id, role); when they are not well formed, the command's `usage` is said."""

    def decorate(change: RoleChange) -> Command:
        @requires(Role.ADMIN)
        @functools.wraps(change)
        async def command(update: Update, context: KhoosheContext) -> None:
            args = context.args or []
            target = _target(args[0], context.platform) if args else None
            role = args[1].lower() if len(args) > 1 else ""
            if target is None or role not in (*STAFF_ROLES, ADVISER):
                await _reply(update, context, usage)
                return
            await change(update, context, *target, role)

        return command

    return decorate


@role_command("admin-grant-usage")
async def grant(
    update: Update, context: KhoosheContext, platform: Platform, user_id: int, role: str
) -> None:
    """/grant <user id> <staff|cluster_agent> [cluster codes…]"""
    codes = [c.lower() for c in (context.args or [])[2:]]
    if role == ADVISER:
        await grant_adviser_role(update, context, platform, user_id, codes)
        return
    if role == "cluster_agent" and not codes:
        await _reply(update, context, "admin-grant-needs-clusters")
        return
    if role == "staff" and codes:
        await _reply(update, context, "admin-grant-staff-no-clusters")
        return
    for code in codes:
        place = await get_place(context.db, "cluster", code)
        if place is None or not place.active:
            await _reply(update, context, "admin-unknown-cluster", code=code)
            return
    assert update.effective_user is not None
    await grant_role(context.db, platform, user_id, role, update.effective_user.id, codes)
    log.info("role %s granted to %s:%s", role, platform, user_id)
    await _reply(update, context, "admin-granted", user=user_id, role=context.t(f"role-{role}"))
    if platform is context.platform:
        await _tell(context, user_id, "role-granted-notice", role)


@role_command("admin-revoke-usage")
async def revoke(
    update: Update, context: KhoosheContext, platform: Platform, user_id: int, role: str
) -> None:
    """/revoke <user id> <staff|cluster_agent>"""
    if role == ADVISER:
        await revoke_adviser_role(update, context, platform, user_id)
        return
    removed = await revoke_role(context.db, platform, user_id, role)
    key = "admin-revoked" if removed else "admin-revoke-none"
    log.info("role %s revoked from %s:%s (%s)", role, platform, user_id, removed)
    await _reply(update, context, key, user=user_id, role=context.t(f"role-{role}"))


@requires(Role.ADMIN)
async def staff_list(update: Update, context: KhoosheContext) -> None:
    """/staff: the admins (from ADMINS) and who holds which granted role."""
    grants = await list_grants(context.db)
    lines = []
    for platform, user_ids in sorted(context.settings.admins.items()):
        for user_id in sorted(user_ids):
            member = await get_member(context.db, platform, user_id)
            lines.append(
                context.t(
                    "admin-staff-admin-line",
                    platform=context.t(f"platform-{platform.value}"),
                    user=user_id,
                    name=member.name if member else "—",
                )
            )
    if not lines and not grants:
        await _reply(update, context, "admin-staff-empty")
        return
    sep = context.t.label("list-separator")
    for g in grants:
        member = await get_member(context.db, g.platform, g.user_id)
        lines.append(
            context.t(
                "admin-staff-line",
                platform=context.t(f"platform-{g.platform}"),
                user=g.user_id,
                name=member.name if member else "—",
                roles=context.t.join(sep, (context.t(f"role-{r}") for r in sorted(g.roles))),
                clusters=context.t.join(sep, sorted(g.clusters)) if g.clusters else "—",
            )
        )
    await _reply(update, context, "admin-staff-list", lines=context.t.join("\n", lines))


@requires(Role.ADMIN)
async def upload_places(update: Update, context: KhoosheContext) -> None:
    """A CSV document from an admin replaces the clusters and estates."""
    message = update.message
    assert message is not None and message.document is not None
    if (message.document.file_size or 0) > MAX_CSV_BYTES:
        await _reply(update, context, "places-error-too-big")
        return
    file = await message.document.get_file()
    data = bytes(await file.download_as_bytearray())
    if len(data) > MAX_CSV_BYTES:  # Bale may leave file_size out
        await _reply(update, context, "places-error-too-big")
        return
    try:
        counts = await replace_from_csv(context.db, data)
    except PlacesError as error:
        await _reply(update, context, error.key, line=error.line, value=error.value)
        return
    log.info("clusters and estates replaced: %s", counts)
    await _reply(
        update,
        context,
        "places-replaced",
        clusters=counts.get("cluster", 0),
        estates=counts.get("estate", 0),
    )


# --- advisers, per advisory core (issue 17) -----------------------------------------------------


async def grant_adviser_role(
    update: Update, context: KhoosheContext, platform: Platform, user_id: int, args: list[str]
) -> None:
    """/grant <user id> adviser <core number>: one core at a time, by its /cores number."""
    core_id = int(fold_digits(args[0])) if len(args) == 1 and fold_digits(args[0]).isdigit() else 0
    core = await get_core(context.db, core_id) if core_id else None
    if core is None or not core.active:
        await _reply(update, context, "admin-grant-needs-core")
        return
    assert update.effective_user is not None
    await grant_adviser(context.db, core.id, platform.value, user_id, update.effective_user.id)
    log.info("adviser of core %s granted to %s:%s", core.id, platform, user_id)
    await _reply(update, context, "admin-granted-adviser", user=user_id, core=core.name)
    if platform is context.platform:
        await _tell(context, user_id, "role-granted-notice", ADVISER)


async def revoke_adviser_role(
    update: Update, context: KhoosheContext, platform: Platform, user_id: int
) -> None:
    """/revoke <user id> adviser [core number]: one core, or all of them."""
    args = (context.args or [])[2:]
    core_id = int(fold_digits(args[0])) if args and fold_digits(args[0]).isdigit() else None
    removed = await revoke_adviser(context.db, platform.value, user_id, core_id)
    key = "admin-revoked" if removed else "admin-revoke-none"
    log.info("adviser role revoked from %s:%s (%s)", platform, user_id, removed)
    await _reply(update, context, key, user=user_id, role=context.t(f"role-{ADVISER}"))


async def _tell(context: KhoosheContext, user_id: int, key: str, role: str) -> None:
    """Best-effort notice to someone whose role changed."""
    member = await get_member(context.db, context.platform, user_id)
    t = context.texts_for(member.language if member else "fa")
    try:
        await context.bot.send_message(user_id, t(key, role=t(f"role-{role}")))
    except TelegramError as exc:
        log.info("role notice not delivered (%s)", exc.__class__.__name__)


def register(app: Application) -> None:
    """Install the admin commands."""
    app.add_handler(CommandHandler("grant", grant))
    app.add_handler(CommandHandler("revoke", revoke))
    app.add_handler(CommandHandler("staff", staff_list))
    app.add_handler(
        MessageHandler(
            filters.Document.FileExtension("csv") & filters.ChatType.PRIVATE, upload_places
        )
    )
