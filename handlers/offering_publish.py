"""The offering form's last steps: target clusters (an agent only theirs), seat shares per
cluster, the preview and publishing now or at a set time (through bot/services/offerings.py).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    ConversationHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, Role
from bot.services import offerings as service
from handlers.keyboards import answer, chat_id_of, paged, replace_pressed, show_card
from handlers.offering_steps import (
    CLUSTERS,
    FORM,
    PREVIEW,
    PUBLISH_AT,
    SHARES,
    START,
    again,
    ask,
    count_value,
    draft_of,
    label_button,
    moment_of,
    owner_of,
    scope_of,
    skip_markup,
    stored_at,
)
from handlers.offerings import describe, seats_line
from storage.clusters import list_places
from storage.needs import mark_offered
from storage.offerings import (
    NewOffering,
    Offering,
)
from storage.outbox import Audience, count_audience

log = logging.getLogger(__name__)


# --- target clusters and shares ---------------------------------------------------------------


async def _choices(context: KhoosheContext, access: Access) -> list[tuple[str, str]]:
    places = await list_places(context.db, "cluster")
    if not access.has(Role.STAFF):
        places = [p for p in places if p.code in access.agent_clusters]
    return [(p.code, p.name(context.t.lang)) for p in places]


def _targets(draft: dict[str, Any], access: Access) -> list[str] | None:
    """The chosen clusters within this person's scope (None: outside it). An agent's
    offering always names clusters: theirs, or those picked."""
    chosen = sorted(draft.get("clusters", []))
    if access.has(Role.STAFF):
        return chosen
    if any(code not in access.agent_clusters for code in chosen):
        return None
    return chosen or sorted(access.agent_clusters) or None


async def picker(
    update: Update, context: KhoosheContext, page: int, *, new_message: bool = False
) -> None:
    t = context.t
    draft = draft_of(context)
    access = await scope_of(update, context)
    chosen = set(draft.get("clusters", []))
    items = [
        (("✅ " if code in chosen else "▫️ ") + label, cb.NEW_OFFERING_TOGGLE.pack(code))
        for code, label in await _choices(context, access)
    ]
    done = label_button(t, "offering-button-clusters-done", cb.NEW_OFFERING_CLUSTERS_DONE.pack())
    markup = paged(t, items, page, cb.NEW_OFFERING_PAGE.pack, extra=[done])
    key = "offering-pick-clusters" if access.has(Role.STAFF) else "offering-pick-clusters-agent"
    if new_message:
        await context.bot.send_message(chat_id_of(update), t(key), reply_markup=markup)
    else:
        await show_card(update, context, t(key), markup)


async def on_cluster_page(update: Update, context: KhoosheContext) -> str:
    """Another page of clusters."""
    assert update.callback_query is not None and update.callback_query.data is not None
    await answer(update)
    (page,) = cb.NEW_OFFERING_PAGE.ints(update.callback_query.data) or (0,)
    draft_of(context)["page"] = page
    await picker(update, context, page)
    return CLUSTERS


async def on_cluster_toggle(update: Update, context: KhoosheContext) -> str:
    """Choose or un-choose a cluster (only those offered to this person)."""
    assert update.callback_query is not None and update.callback_query.data is not None
    (code,) = cb.NEW_OFFERING_TOGGLE.words(update.callback_query.data)
    access = await scope_of(update, context)
    if code not in {c for c, _ in await _choices(context, access)}:
        log.warning("offering: cluster %r not offered on %s", code, context.platform)
        await answer(update, context.t("offering-out-of-scope"), alert=True)
        return CLUSTERS
    await answer(update)
    draft = draft_of(context)
    chosen = set(draft.get("clusters", []))
    chosen.symmetric_difference_update({code})
    draft["clusters"] = sorted(chosen)
    await context.save_form_now(FORM, CLUSTERS)
    await picker(update, context, int(draft.get("page", 0)))
    return CLUSTERS


async def on_clusters_done(update: Update, context: KhoosheContext) -> str:
    """Clusters chosen: offer shares (when seats are limited and clusters named)."""
    draft = draft_of(context)
    access = await scope_of(update, context)
    targets = _targets(draft, access)
    if targets is None:
        await answer(update, context.t("offering-out-of-scope"), alert=True)
        return CLUSTERS
    await answer(update)
    t = context.t
    draft["targets"] = targets
    draft["shares"] = {}
    names = dict(await _choices(context, access))
    chosen = t.join(t.label("list-separator"), [names.get(c, c) for c in targets])
    await show_card(
        update,
        context,
        t("offering-chosen-clusters", clusters=chosen if targets else t("offering-all-clusters")),
        None,
    )
    if draft.get("capacity") and len(targets) > 1:
        markup = InlineKeyboardMarkup(
            [
                [
                    label_button(t, "offering-button-shares", cb.NEW_OFFERING_SHARES.pack()),
                    label_button(t, "offering-button-no-shares", cb.NEW_OFFERING_NO_SHARES.pack()),
                ]
            ]
        )
        return await ask(update, context, SHARES, "offering-ask-shares", markup)
    return await _to_preview(update, context)


async def _ask_next_share(update: Update, context: KhoosheContext) -> str:
    draft = draft_of(context)
    queue = [c for c in draft.get("targets", []) if c not in draft.get("share_done", [])]
    if not queue:
        return await _to_preview(update, context)
    access = await scope_of(update, context)
    names = dict(await _choices(context, access))
    draft["share_for"] = queue[0]
    return await ask(
        update,
        context,
        SHARES,
        "offering-ask-share",
        skip_markup(context.t, "offering-button-no-share"),
        cluster=names.get(queue[0], queue[0]),
    )


async def on_shares_yes(update: Update, context: KhoosheContext) -> str:
    """Set a share per chosen cluster, one at a time."""
    await answer(update)
    await replace_pressed(update, context.t("offering-shares-chosen"))
    draft_of(context)["share_done"] = []
    return await _ask_next_share(update, context)


async def on_shares_no(update: Update, context: KhoosheContext) -> str:
    """No shares: only the overall capacity counts."""
    await answer(update)
    await replace_pressed(update, context.t("offering-no-shares-chosen"))
    return await _to_preview(update, context)


async def on_share(update: Update, context: KhoosheContext) -> str:
    """One cluster's share (a count, or skipped)."""
    draft = draft_of(context)
    code = draft.get("share_for")
    if code is None:  # typed before "set shares" was chosen
        if update.message is not None:
            await again(update, context, "offering-use-buttons")
        return SHARES
    if update.message is not None:
        count = await count_value(update, context)
        if count is None:
            return SHARES
        draft.setdefault("shares", {})[code] = count
    else:
        await answer(update)
        await replace_pressed(update, context.t("offering-skipped"))
    draft.setdefault("share_done", []).append(code)
    draft.pop("share_for", None)
    return await _ask_next_share(update, context)


# --- preview and publishing -------------------------------------------------------------------
# --- preview and publishing -------------------------------------------------------------------


def _new_offering(update: Update, context: KhoosheContext, targets: list[str]) -> NewOffering:
    draft = draft_of(context)
    starts_at = stored_at(draft, "starts_at")
    assert starts_at is not None
    shares = {k: int(v) for k, v in draft.get("shares", {}).items()}
    return NewOffering(
        kind=draft["kind"],
        title=draft["title"],
        description=draft.get("description", ""),
        starts_at=starts_at,
        ends_at=stored_at(draft, "ends_at"),
        place=draft["place"],
        capacity=draft.get("capacity"),
        deadline=stored_at(draft, "deadline"),
        created_by=owner_of(update, context).actor,
        dedupe_key=draft["key"],
        clusters=service.targets_of(targets, shares),
    )


def _preview_offering(new: NewOffering) -> Offering:
    return Offering(
        id=0,
        kind=new.kind,
        title=new.title,
        description=new.description,
        starts_at=new.starts_at,
        ends_at=new.ends_at,
        place=new.place,
        capacity=new.capacity,
        deadline=new.deadline,
        status="draft",
        published_at=None,
        version=1,
        created_by=new.created_by,
        clusters=dict(new.clusters),
    )


async def _to_preview(update: Update, context: KhoosheContext) -> str:
    t = context.t
    access = await scope_of(update, context)
    targets = _targets(draft_of(context), access) or []
    new = _new_offering(update, context, targets)
    audience = Audience(clusters=tuple(targets))
    count = await count_audience(context.db, audience, context.state.outbox.platforms, "offering")
    seats_text = seats_line(t, new.capacity, 0)
    text = t.join(
        "\n\n",
        [
            describe(t, _preview_offering(new), seats_text),
            _shares_text(t, new, dict(await _choices(context, access))),
            t("offering-preview-footer", count=count),
        ],
    )
    markup = InlineKeyboardMarkup(
        [
            [
                label_button(t, "offering-button-publish", cb.NEW_OFFERING_PUBLISH.pack()),
                label_button(t, "offering-button-schedule", cb.NEW_OFFERING_SCHEDULE.pack()),
            ],
            [label_button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack())],
        ]
    )
    await context.save_form_now(FORM, PREVIEW)
    await context.bot.send_message(chat_id_of(update), text, reply_markup=markup)
    return PREVIEW


def _shares_text(t: Texts, new: NewOffering, names: dict[str, str]) -> str:
    if not new.clusters:
        return t("offering-targets-all")
    parts = [
        t("offering-target-share", cluster=names.get(code, code), seats=seats)
        if seats is not None
        else names.get(code, code)
        for code, seats in new.clusters.items()
    ]
    return t("offering-targets", clusters=t.join(t.label("list-separator"), parts))


async def _publish(
    update: Update, context: KhoosheContext, publish_at: datetime | None
) -> str | int:
    access = await scope_of(update, context)
    targets = _targets(draft_of(context), access)
    t = context.t
    if targets is None:  # checked again: roles may have changed while the form was open
        await context.bot.send_message(chat_id_of(update), t("offering-out-of-scope"))
        return ConversationHandler.END
    new = _new_offering(update, context, targets)
    if new.starts_at <= datetime.now(UTC):
        await context.bot.send_message(chat_id_of(update), t("offering-start-passed"))
        return await ask(
            update, context, START, "offering-ask-start", example=context.t.label("when-example")
        )
    told: list[Offering] = []
    topic = draft_of(context).get("topic")

    async def acknowledge(offering: Offering) -> None:
        """The form's last word, its records done first (a topic made into this offering)."""
        if topic is not None:
            await mark_offered(context.db, int(topic), offering.id)
        assert context.user_data is not None
        context.user_data.pop("offering", None)
        key = "offering-published" if publish_at is None else "offering-publish-scheduled"
        when = t.datetime(publish_at or offering.starts_at)
        await context.bot.send_message(
            chat_id_of(update), t(key, number=t.digits(offering.id), when=when)
        )
        told.append(offering)

    # Published now: «✅ منتشر شد» is sent before the announcement starts, so the delivery's
    # status message and report come after it (the outbox sends those as it goes).
    offering, _ = await service.publish(
        context.state.outbox,
        context.db,
        context.settings,
        new,
        owner_of(update, context),
        publish_at,
        before_announcing=acknowledge,
    )
    if not told:  # scheduled, or a double tap's: nothing started now
        await acknowledge(offering)
    return ConversationHandler.END


async def on_publish_now(update: Update, context: KhoosheContext) -> str | int:
    """Publish and announce now."""
    await answer(update)
    await replace_pressed(update, context.t("offering-publishing"))
    return await _publish(update, context, None)


async def on_schedule(update: Update, context: KhoosheContext) -> str:
    """Ask when to publish."""
    await answer(update)
    return await ask(
        update,
        context,
        PUBLISH_AT,
        "offering-ask-publish-at",
        example=context.t.label("when-example"),
    )


async def on_publish_at(update: Update, context: KhoosheContext) -> str | int:
    """Publish at a later time (before the start)."""
    typed = await moment_of(update, context, PUBLISH_AT)
    if typed is None:
        return PUBLISH_AT
    moment, _ = typed
    starts_at = stored_at(draft_of(context), "starts_at")
    assert starts_at is not None
    if moment >= starts_at:
        await again(update, context, "offering-publish-after-start")
        return PUBLISH_AT
    return await _publish(update, context, moment)
