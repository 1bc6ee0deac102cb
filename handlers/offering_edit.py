"""Changing one field of a published training or event (/offerings' "edit" buttons): the
new value is checked as the form checks it, a start on a Friday or a holiday needs a confirm,
and those signed up are told through the outbox (bot/services/offerings.py `change`).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import (
    ConversationHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, requires
from bot.services import offerings as service
from handlers.keyboards import answer
from handlers.offering_manage import managed, offering_id
from handlers.offering_steps import (
    EDIT,
    again,
    ask,
    ask_day_ok,
    count_value,
    date_refused,
    day_kept,
    draft_of,
    moment_of,
    owner_of,
    scope_of,
    text_value,
)
from handlers.offerings import tell_promoted
from storage.offerings import (
    get_offering,
)

log = logging.getLogger(__name__)


@requires(Role.CLUSTER_AGENT)
async def on_edit_field(update: Update, context: KhoosheContext) -> str | None:
    """Ask for the new value of one field."""
    assert update.callback_query is not None and update.callback_query.data is not None
    offering = await managed(update, context, offering_id(update))
    if offering is None:
        return None
    if offering.status != "published":
        await answer(update, context.t("offering-was-cancelled"), alert=True)
        return None
    await answer(update)
    field = next(
        name
        for name, family in cb.OFFERING_EDIT_FIELDS.items()
        if family.unpack(update.callback_query.data) is not None
    )
    assert context.user_data is not None
    context.user_data["offering"] = {"edit": field, "id": offering.id}
    return await ask(
        update, context, EDIT, f"offering-ask-new-{field}", example=context.t.label("when-example")
    )


# The field a date step changes.
DATE_FIELDS = {"start": "starts_at", "end": "ends_at", "deadline": "deadline"}


async def on_edit_value(update: Update, context: KhoosheContext) -> str | int:
    """The new value: checked as the form checks it, stored, and those signed up told."""
    draft = draft_of(context)
    field, offering_id = draft.get("edit"), int(draft.get("id", 0))
    changes: dict[str, Any] = {}
    if field in DATE_FIELDS:
        current = await get_offering(context.db, offering_id)
        day_of = current.starts_at if current is not None and field != "start" else None
        after = day_of if field == "end" else None
        typed = await moment_of(update, context, EDIT, day_of=day_of, after=after)
        if typed is None:
            return EDIT
        moment, _ = typed
        if current is not None and await date_refused(
            update, context, str(field), moment, current.starts_at
        ):
            return EDIT
        if field == "start":
            draft["starts_at"] = moment.isoformat()
            if await ask_day_ok(update, context, EDIT, moment) is not None:
                return EDIT  # a Friday or a holiday: kept only when confirmed
        changes[DATE_FIELDS[str(field)]] = moment
    elif field == "capacity":
        count = await count_value(update, context)
        if count is None:
            return EDIT
        changes["capacity"] = count
    else:
        text = await text_value(update, context, str(field))
        if text is None:
            return EDIT
        changes[str(field)] = text
    return await _apply(update, context, offering_id, str(field), changes)


async def on_edit_day_ok(update: Update, context: KhoosheContext) -> str | int:
    """The new start stays on the Friday or holiday it was warned about."""
    moment = await day_kept(update, context)
    if moment is None:
        return EDIT
    offering_id = int(draft_of(context).get("id", 0))
    return await _apply(update, context, offering_id, "start", {"starts_at": moment})


async def _apply(
    update: Update, context: KhoosheContext, offering_id: int, field: str, changes: dict[str, Any]
) -> int:
    """Store the change and tell those signed up (and those moved up from the waitlist)."""
    assert context.user_data is not None
    context.user_data.pop("offering", None)
    # Checked again on the server: the button that opened this step could be old.
    offering = await get_offering(context.db, offering_id)
    access = await scope_of(update, context)
    t = context.t
    if offering is None or not service.may_manage(access, offering):
        await again(update, context, "offering-not-yours")
        return ConversationHandler.END
    result = await service.change(
        context.state.outbox,
        context.db,
        context.settings,
        offering,
        owner_of(update, context),
        **changes,
    )
    if result is None:
        key = "offering-capacity-below" if field == "capacity" else "offering-was-cancelled"
        await again(update, context, key)
        return ConversationHandler.END
    changed, promoted = result
    for who in promoted:
        await tell_promoted(context, changed, who)
    await again(
        update, context, "offering-edited", number=t.digits(changed.id), promoted=len(promoted)
    )
    return ConversationHandler.END
