"""/new_offering: staff and cluster agents create and publish trainings and events; the same
form asks the new value when /offerings' "edit" buttons are pressed (handlers/offering_edit.py;
handlers/offering_manage.py manages published ones).

The form asks one thing at a time (persisted before each question, so it survives a
restart); bad input gets a hint and the same question again. Publishing goes through
bot/services/offerings.py (and so the outbox). Every button is checked on the server: the
role through bot/roles.py, and an agent may only target, and only manage, their own clusters
whatever the (forgeable) callback data says. The shared helpers are in offering_steps.py, the
clusters, shares, preview and publishing steps in offering_publish.py.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, requires
from handlers import forms, menu
from handlers.keyboards import answer, chat_id_of, private_command, replace_pressed, rows
from handlers.offering_edit import on_edit_day_ok, on_edit_field, on_edit_value
from handlers.offering_manage import offering_id
from handlers.offering_publish import (
    on_cluster_page,
    on_cluster_toggle,
    on_clusters_done,
    on_publish_at,
    on_publish_now,
    on_schedule,
    on_share,
    on_shares_no,
    on_shares_yes,
    picker,
)
from handlers.offering_steps import (
    CAPACITY,
    CLUSTERS,
    DEADLINE,
    DESCRIPTION,
    EDIT,
    END,
    FORM,
    KIND,
    PLACE,
    PREVIEW,
    PUBLISH_AT,
    SHARES,
    START,
    TITLE,
    ask,
    ask_day_ok,
    cancel,
    count_value,
    date_refused,
    day_kept,
    draft_of,
    is_half,
    label_button,
    leave_for_menu,
    moment_of,
    on_need_text,
    on_use_buttons,
    scope_of,
    skip_markup,
    stored_at,
    text_value,
)
from storage.needs import get_topic, topic_clusters
from storage.offerings import (
    KINDS,
)

log = logging.getLogger(__name__)


# --- the form ----------------------------------------------------------------------------------


@requires(Role.CLUSTER_AGENT)
async def start(update: Update, context: KhoosheContext) -> str:
    """/new_offering: which kind?"""
    assert context.user_data is not None
    context.user_data["offering"] = {"key": uuid.uuid4().hex}
    t = context.t
    buttons = [
        label_button(t, f"offering-kind-{kind}", cb.NEW_OFFERING_KIND.pack(kind)) for kind in KINDS
    ]
    keyboard = [
        *rows(buttons, 2),
        [label_button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack())],
    ]
    return await ask(update, context, KIND, "offering-ask-kind", InlineKeyboardMarkup(keyboard))


@requires(Role.CLUSTER_AGENT)
async def from_topic(update: Update, context: KhoosheContext) -> str | None:
    """/needs' button: a new offering titled after an open topic (which it then closes)."""
    topic = await get_topic(context.db, offering_id(update))
    if topic is None or topic.status != "open":
        await answer(update, context.t("needs-topic-closed"), alert=True)
        return None
    # Making it an offering closes the topic for everyone who asked: an agent may do that
    # only when all of them are in the agent's clusters.
    access = await scope_of(update, context)
    if not access.covers_clusters(await topic_clusters(context.db, topic.id)):
        log.warning("offering: topic %s is not in the scope of %s", topic.id, context.platform)
        await answer(update, context.t("needs-topic-not-yours"), alert=True)
        return None
    await answer(update)
    next_step = await start(update, context)
    draft_of(context).update(title=topic.title, topic=topic.id)
    await context.save_form_now(FORM, KIND)
    return next_step


async def on_kind(update: Update, context: KhoosheContext) -> str:
    """The kind was chosen."""
    assert update.callback_query is not None and update.callback_query.data is not None
    (kind,) = cb.NEW_OFFERING_KIND.words(update.callback_query.data)
    if kind not in KINDS:
        await answer(update, context.t("button-expired"), alert=True)
        return KIND
    await answer(update)
    t = context.t
    draft_of(context)["kind"] = kind
    await replace_pressed(update, t("offering-chosen-kind", kind=t(f"offering-kind-{kind}")))
    if draft_of(context).get("title"):  # from a needs-assessment topic: its title is kept
        return await ask(update, context, DESCRIPTION, "offering-ask-description", skip_markup(t))
    return await ask(update, context, TITLE, "offering-ask-title")


async def on_title(update: Update, context: KhoosheContext) -> str:
    """The title."""
    if not await _kept(update, context, TITLE):
        return TITLE
    return await ask(
        update, context, DESCRIPTION, "offering-ask-description", skip_markup(context.t)
    )


async def _kept(update: Update, context: KhoosheContext, field: str) -> bool:
    """The typed title, description or place kept in the draft; False after the hint (the
    same question stays open)."""
    text = await text_value(update, context, field)
    if text is None:
        return False
    draft_of(context)[field] = text
    return True


async def on_description(update: Update, context: KhoosheContext) -> str:
    """The description (or skipped)."""
    if update.message is not None:
        if not await _kept(update, context, DESCRIPTION):
            return DESCRIPTION
    else:
        await answer(update)
        await replace_pressed(update, context.t("offering-skipped"))
    return await ask(
        update, context, START, "offering-ask-start", example=context.t.label("when-example")
    )


async def on_start(update: Update, context: KhoosheContext) -> str:
    """The start, a Jalali date and time in Tehran ("۱۶ الی ۱۸" gives the end too); a Friday
    or a holiday is shown with a warning and needs a confirm."""
    typed = await moment_of(update, context, START, range_ok=True)
    if typed is None:
        return START
    moment, end = typed
    draft = draft_of(context)
    draft["starts_at"] = moment.isoformat()
    if end is not None:
        draft["ends_at"] = end.isoformat()
    else:
        draft.pop("ends_at", None)
    asked = await ask_day_ok(update, context, START, moment)
    return asked if asked is not None else await _after_start(update, context)


async def on_start_day_ok(update: Update, context: KhoosheContext) -> str:
    """The start stays on the Friday or holiday it was warned about."""
    if await day_kept(update, context) is None:
        return START
    return await _after_start(update, context)


async def _after_start(update: Update, context: KhoosheContext) -> str:
    """Ask for the end, unless a range already gave it."""
    draft = draft_of(context)
    moment = stored_at(draft, "starts_at")
    end = stored_at(draft, "ends_at")
    assert moment is not None
    t = context.t
    if end is not None:
        await context.bot.send_message(
            chat_id_of(update),
            t("offering-range-taken", start=t.datetime(moment), end=t.datetime(end)),
        )
        return await ask(update, context, PLACE, "offering-ask-place")
    return await ask(
        update,
        context,
        END,
        "offering-ask-end",
        skip_markup(t),
        start=t.datetime(moment),
        example=context.t.label("when-example"),
    )


async def _moment_after_start(
    update: Update, context: KhoosheContext, step: str, field: str, key: str
) -> bool:
    """A moment typed for `field` (a time alone is on the start's day), kept in the draft
    under `key` when it fits the start, or skipped by its button; False when refused (the
    member was told why, and the form stays on `step`)."""
    draft = draft_of(context)
    starts_at = stored_at(draft, "starts_at")
    assert starts_at is not None
    t = context.t
    if update.message is None and not is_half(update):
        # The button says what was chosen: «صرف‌نظر» an end, «تا شروع» the deadline.
        await answer(update)
        skipped = (
            t("offering-chosen-until-start", start=t.datetime(starts_at))
            if field == "deadline"
            else t("offering-skipped")
        )
        await replace_pressed(update, skipped)
        return True
    after = starts_at if field == "end" else None
    typed = await moment_of(update, context, step, day_of=starts_at, after=after)
    if typed is None:
        return False
    moment, _ = typed
    if await date_refused(update, context, field, moment, starts_at):
        return False
    draft[key] = moment.isoformat()
    if field == "end":
        await context.bot.send_message(
            chat_id_of(update), t("offering-chosen-end", end=t.datetime(moment))
        )
    return True


async def on_end(update: Update, context: KhoosheContext) -> str:
    """The end (or skipped); it must come after the start."""
    # "ساعت ۱۳" alone ends the same day it starts.
    if not await _moment_after_start(update, context, END, "end", "ends_at"):
        return END
    return await ask(update, context, PLACE, "offering-ask-place")


async def on_place(update: Update, context: KhoosheContext) -> str:
    """The place or online link."""
    if not await _kept(update, context, PLACE):
        return PLACE
    return await ask(
        update,
        context,
        CAPACITY,
        "offering-ask-capacity",
        skip_markup(context.t, "offering-button-unlimited"),
    )


async def on_capacity(update: Update, context: KhoosheContext) -> str:
    """How many seats (or unlimited)."""
    draft = draft_of(context)
    if update.message is not None:
        count = await count_value(update, context)
        if count is None:
            return CAPACITY
        draft["capacity"] = count
    else:
        await answer(update)
        draft["capacity"] = None
        await replace_pressed(update, context.t("offering-unlimited-chosen"))
    return await ask(
        update,
        context,
        DEADLINE,
        "offering-ask-deadline",
        skip_markup(context.t, "offering-button-until-start"),
        example=context.t.label("when-example"),
    )


async def on_deadline(update: Update, context: KhoosheContext) -> str:
    """The sign-up deadline (or until the start); not after the start."""
    if not await _moment_after_start(update, context, DEADLINE, "deadline", "deadline"):
        return DEADLINE
    draft_of(context)["clusters"] = []
    await context.save_form_now(FORM, CLUSTERS)
    await picker(update, context, 0, new_message=True)
    return CLUSTERS


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The offering form's ConversationHandler (creating, and editing one field)."""
    buttons = menu.buttons(app)
    text, other = buttons.text, buttons.other
    skip = CallbackQueryHandler
    states: dict[object, list[Any]] = {
        KIND: [CallbackQueryHandler(on_kind, pattern=cb.NEW_OFFERING_KIND.pattern())],
        TITLE: [MessageHandler(text, on_title)],
        DESCRIPTION: [
            MessageHandler(text, on_description),
            skip(on_description, cb.NEW_OFFERING_SKIP.pattern()),
        ],
        START: [
            MessageHandler(text, on_start),
            CallbackQueryHandler(on_start, pattern=cb.WHEN_HALF.pattern()),
            CallbackQueryHandler(on_start_day_ok, pattern=cb.NEW_OFFERING_DAY_OK.pattern()),
        ],
        END: [
            MessageHandler(text, on_end),
            skip(on_end, cb.any_of(cb.NEW_OFFERING_SKIP, cb.WHEN_HALF)),
        ],
        PLACE: [MessageHandler(text, on_place)],
        CAPACITY: [
            MessageHandler(text, on_capacity),
            skip(on_capacity, cb.NEW_OFFERING_SKIP.pattern()),
        ],
        DEADLINE: [
            MessageHandler(text, on_deadline),
            skip(on_deadline, cb.any_of(cb.NEW_OFFERING_SKIP, cb.WHEN_HALF)),
        ],
        CLUSTERS: [
            CallbackQueryHandler(on_cluster_toggle, pattern=cb.NEW_OFFERING_TOGGLE.pattern()),
            CallbackQueryHandler(on_cluster_page, pattern=cb.NEW_OFFERING_PAGE.pattern()),
            CallbackQueryHandler(
                on_clusters_done, pattern=cb.NEW_OFFERING_CLUSTERS_DONE.pattern()
            ),
        ],
        SHARES: [
            CallbackQueryHandler(on_shares_yes, pattern=cb.NEW_OFFERING_SHARES.pattern()),
            CallbackQueryHandler(on_shares_no, pattern=cb.NEW_OFFERING_NO_SHARES.pattern()),
            MessageHandler(text, on_share),
            skip(on_share, cb.NEW_OFFERING_SKIP.pattern()),
        ],
        PREVIEW: [
            CallbackQueryHandler(on_publish_now, pattern=cb.NEW_OFFERING_PUBLISH.pattern()),
            CallbackQueryHandler(on_schedule, pattern=cb.NEW_OFFERING_SCHEDULE.pattern()),
        ],
        PUBLISH_AT: [
            MessageHandler(text, on_publish_at),
            CallbackQueryHandler(on_publish_at, pattern=cb.WHEN_HALF.pattern()),
        ],
        EDIT: [
            MessageHandler(text, on_edit_value),
            CallbackQueryHandler(on_edit_value, pattern=cb.WHEN_HALF.pattern()),
            CallbackQueryHandler(on_edit_day_ok, pattern=cb.NEW_OFFERING_DAY_OK.pattern()),
        ],
    }
    for step in states:
        # Steps answered by buttons only say so; the others want their answer as text.
        hint = on_use_buttons if step in (KIND, CLUSTERS, PREVIEW) else on_need_text
        states[step].append(MessageHandler(other, hint))
    return forms.form(
        app,
        FORM,
        entry_points=[
            private_command("new_offering", start),
            CallbackQueryHandler(
                on_edit_field, pattern=cb.any_of(*cb.OFFERING_EDIT_FIELDS.values())
            ),
            CallbackQueryHandler(from_topic, pattern=cb.NEEDS_OFFER.pattern()),
        ],
        states=states,
        cancel=cancel,
        cancel_button=cb.NEW_OFFERING_CANCEL,
        leave_for_menu=leave_for_menu,
        timeout_key="offering-form-timeout",
    )


def register(app: Application) -> None:
    """Install /new_offering (and the edit step /offerings' buttons open)."""
    app.add_handler(build(app))
