"""The one place that checks roles — for commands and callback buttons alike.

Callback data can be forged by any client, so staff buttons are guarded by the same
decorator as staff commands, and scoped actions check the cluster on the server side.

Plain code: nothing here imports PTB (its types are only named in annotations), so roles can
be checked — and this module read — without the bot around it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from bot.callbacks import Button, Where, Who
from storage.roles import get_grant

if TYPE_CHECKING:
    from telegram import Update

    from bot.context import KhoosheContext

log = logging.getLogger(__name__)


class Role(StrEnum):
    """Roles, from least to most powerful."""

    MEMBER = "member"
    # Per advisory core (Access.adviser_cores); beside the staff ladder, not on it.
    ADVISER = "adviser"
    CLUSTER_AGENT = "cluster_agent"
    STAFF = "staff"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Access:
    """What one user may do."""

    roles: frozenset[Role]
    agent_clusters: frozenset[str]
    adviser_cores: frozenset[int] = frozenset()

    def has(self, role: Role) -> bool:
        """Admins may do anything staff may; staff anything an agent may (in all clusters)."""
        if Role.ADMIN in self.roles:
            return True
        if role is Role.CLUSTER_AGENT:
            return bool(self.roles & {Role.CLUSTER_AGENT, Role.STAFF})
        return role in self.roles

    @property
    def is_staff_side(self) -> bool:
        """Admin, staff or cluster agent."""
        return self.has(Role.CLUSTER_AGENT)

    def covers_clusters(self, cluster_codes: set[str]) -> bool:
        """May act on something these clusters share (an agent: only if all are theirs)."""
        if self.has(Role.STAFF):
            return True
        return bool(cluster_codes) and all(self.covers_cluster(c) for c in cluster_codes)

    def covers_cluster(self, cluster_code: str) -> bool:
        """May act on this cluster: staff and admins everywhere, agents in their clusters."""
        if self.has(Role.STAFF):
            return True
        return Role.CLUSTER_AGENT in self.roles and cluster_code in self.agent_clusters

    def advises(self, core_id: int) -> bool:
        """May act on this core's requests and slots: its advisers, and admins."""
        return Role.ADMIN in self.roles or core_id in self.adviser_cores

    def oversees(self, core_id: int) -> bool:
        """May see this core's requests (not act on them): its advisers, staff and admins."""
        return self.has(Role.STAFF) or self.advises(core_id)

    @property
    def holds_a_role(self) -> bool:
        """Any role beyond member's: admin, staff, cluster agent or adviser. Such a person who
        is not a registered member is answered with their own help, not told to register."""
        return self.is_staff_side or Role.ADVISER in self.roles or bool(self.adviser_cores)

    @property
    def consults(self) -> bool:
        """Sees consultations at all: an adviser of some core, staff or an admin."""
        return self.has(Role.STAFF) or bool(self.adviser_cores)


async def access_of(context: KhoosheContext, user_id: int) -> Access:
    """Load (and cache on the context) the current user's access."""
    if context.access is not None:
        return context.access
    roles: set[Role] = set()
    if context.member is not None:
        roles.add(Role.MEMBER)
    if context.settings.is_admin(context.platform, user_id):
        roles.add(Role.ADMIN)
    grant = context.grant
    if grant is None or grant.user_id != user_id:
        grant = await get_grant(context.db, context.platform, user_id)
    roles.update(Role(r) for r in grant.roles)
    context.access = Access(frozenset(roles), grant.clusters, grant.cores)
    return context.access


def actor(context: KhoosheContext, user_id: int) -> str:
    """How a staff action's author is recorded (in histories and the broadcast audit)."""
    return f"staff:{context.platform.value}:{user_id}"


def press_refusal(
    access: Access, family: Button, *, private: bool, staff_chat: bool, core_chat: bool = False
) -> str | None:
    """Why this user may not press a button of this family in this chat (a message id), or
    None when they may. The chat first: a member's own buttons (their profile, reports,
    sign-ups) work only in their private chat, so a forged press in a group can neither act
    for them nor show their data there; staff buttons work in private chats and in this
    platform's staff group only. Then the role; an agent's cluster scope is checked by the
    handler, which knows the record (an adviser's core likewise: `Access.advises`).
    `core_chat`: the chat is an advisory core's group."""
    if family.where is Where.PRIVATE and not private:
        return "button-private-only"
    if family.where is Where.STAFF_CHATS and not (private or staff_chat):
        return "access-denied"
    if family.where is Where.CORE_CHATS and not (private or staff_chat or core_chat):
        return "access-denied"
    if family.who is Who.ANYONE:
        return None
    if family.who is Who.MEMBER:
        # Nobody but a member (or staff) was ever sent one: a stranger's press is stale.
        return None if access.has(Role.MEMBER) or access.is_staff_side else "button-expired"
    if family.who is Who.ADVISER:
        # Staff oversee the cores (lists, figures); acting on a request is checked per core.
        return None if access.consults else "access-denied"
    if access.has(Role(family.who.value)):
        return None
    return "access-denied-admin" if family.who is Who.ADMIN else "access-denied"


# Staff commands, in the order help names them, each with the least role it is for. Each
# handler checks its own (`requires`); this only says whom the staff group's /help names a
# command to. ADVISER here: whoever sees consultations (`Access.consults`).
STAFF_COMMANDS: dict[str, Role] = {
    "broadcast": Role.CLUSTER_AGENT,
    "scheduled": Role.CLUSTER_AGENT,
    "new_offering": Role.CLUSTER_AGENT,
    "offerings": Role.CLUSTER_AGENT,
    "needs": Role.CLUSTER_AGENT,
    "surveys": Role.CLUSTER_AGENT,
    "proposals": Role.CLUSTER_AGENT,
    "meetings": Role.CLUSTER_AGENT,
    "reports": Role.CLUSTER_AGENT,
    "export_reports": Role.CLUSTER_AGENT,
    "show": Role.CLUSTER_AGENT,
    "merge": Role.CLUSTER_AGENT,
    "digest_preview": Role.CLUSTER_AGENT,
    "to_consultation": Role.CLUSTER_AGENT,
    "consultations": Role.ADVISER,
    "slots": Role.ADVISER,
    "cores": Role.ADMIN,
    "grant": Role.ADMIN,
    "revoke": Role.ADMIN,
    "staff": Role.ADMIN,
}


def staff_commands(access: Access) -> list[str]:
    """The staff commands (STAFF_COMMANDS) this user's roles are for, in help's order."""
    return [
        name
        for name, role in STAFF_COMMANDS.items()
        if (access.consults if role is Role.ADVISER else access.has(role))
    ]


R = TypeVar("R")
Handler = Callable[["Update", "KhoosheContext"], Coroutine[Any, Any, R]]


def requires(role: Role) -> Callable[[Handler[R]], Handler[R | None]]:
    """Guard a handler (command or callback) so only `role` (or higher) gets through."""

    def decorate(handler: Handler[R]) -> Handler[R | None]:
        @functools.wraps(handler)
        async def guarded(update: Update, context: KhoosheContext) -> R | None:
            user = update.effective_user
            if user is None:
                return None
            access = await access_of(context, user.id)
            if access.has(role):
                return await handler(update, context)
            log.warning("denied %s to user %s on %s", handler.__name__, user.id, context.platform)
            await deny(update, context, "access-denied-admin" if role is Role.ADMIN else None)
            return None

        return guarded

    return decorate


async def deny(update: Update, context: KhoosheContext, key: str | None = None) -> None:
    """Tell the user, politely, that this is not theirs to do."""
    text = context.t(key or "access-denied")
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


T = TypeVar("T")


async def permitted(
    update: Update,
    context: KhoosheContext,
    record: T | None,
    allowed: Callable[[Access, T], bool],
    what: str,
    key: str | None = None,
) -> T | None:
    """`record` (a report, a request for advice), if there is one and this user's access is
    `allowed` it; otherwise the refusal logged as `what`, the user told (`deny`, with `key`)
    and None."""
    user = update.effective_user
    assert user is not None
    if record is not None and allowed(await access_of(context, user.id), record):
        return record
    log.warning("%s refused to user %s on %s", what, user.id, context.platform)
    await deny(update, context, key)
    return None
