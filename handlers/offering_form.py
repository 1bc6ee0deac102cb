"""/new_offering: staff and cluster agents create and publish trainings and events; the same
form asks the new value when /offerings' "edit" buttons are pressed (handlers/offering_manage.py
manages published ones).

The form asks one thing at a time (persisted before each question, so it survives a
restart); bad input gets a hint and the same question again. Publishing goes through
bot/services/offerings.py (and so the outbox). Every button is checked on the server: the
role through bot/roles.py, and an agent may only target, and only manage, their own clusters
whatever the (forgeable) callback data says.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, Role, access_of, actor, requires
from bot.services import offerings as service
from handlers import forms, menu
from handlers.keyboards import answer, paged, replace_pressed, rows, show_card
from handlers.offering_manage import managed, offering_id
from handlers.offerings import describe, seats_line, tell_promoted
from handlers.when_input import off_day_line, pressed_when, read_when
from storage.clusters import list_places
from storage.needs import get_topic, mark_offered, topic_clusters
from storage.offerings import (
    KINDS,
    NewOffering,
    Offering,
    get_offering,
)
from storage.outbox import Audience, count_audience

log = logging.getLogger(__name__)

FORM = "offering_form"
(
    KIND,
    TITLE,
    DESCRIPTION,
    START,
    END,
    PLACE,
    CAPACITY,
    DEADLINE,
    CLUSTERS,
    SHARES,
    PREVIEW,
    PUBLISH_AT,
    EDIT,
) = (
    "kind",
    "title",
    "description",
    "start",
    "end",
    "place",
    "capacity",
    "deadline",
    "clusters",
    "shares",
    "preview",
    "publish_at",
    "edit",
)
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_PLACE = 300
MAX_CAPACITY = 10_000


def _draft(context: KhoosheContext) -> dict[str, Any]:
    assert context.user_data is not None
    draft: dict[str, Any] = context.user_data.setdefault("offering", {})
    return draft


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def _access(update: Update, context: KhoosheContext) -> Access:
    user = update.effective_user
    assert user is not None
    return await access_of(context, user.id)


def _owner(update: Update, context: KhoosheContext) -> service.Owner:
    user = update.effective_user
    assert user is not None
    return service.Owner(
        actor(context, user.id), context.platform.value, _chat_id(update), context.t.lang
    )


def _button(t: Texts, label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(t.label(label), callback_data=data)


def _skip_markup(t: Texts, label: str = "offering-button-skip") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(t, label, cb.NEW_OFFERING_SKIP.pack()),
                _button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack()),
            ]
        ]
    )


async def _ask(
    update: Update,
    context: KhoosheContext,
    step: str,
    key: str,
    markup: InlineKeyboardMarkup | None = None,
    **kwargs: object,
) -> str:
    """Save the form at `step`, then ask its question (stored before it is asked)."""
    await context.save_form_now(FORM, step)
    await context.bot.send_message(_chat_id(update), context.t(key, **kwargs), reply_markup=markup)
    return step


async def _again(update: Update, context: KhoosheContext, key: str, **kwargs: object) -> None:
    """A polite hint; the same question stays open (sent, not replied: a press may lead here)."""
    await context.bot.send_message(_chat_id(update), context.t(key, **kwargs))


def _text(update: Update) -> str:
    assert update.message is not None and update.message.text is not None
    return update.message.text.strip()


def _is_half(update: Update) -> bool:
    """A press of «۵ صبح» / «۵ عصر», asked after an hour from 1 to 6."""
    query = update.callback_query
    return query is not None and cb.WHEN_HALF.unpack(query.data) is not None


async def _typed_moment(update: Update, context: KhoosheContext) -> str | None:
    """The typed text of a date step, or the kept one completed by a half-of-day press."""
    if update.message is not None:
        return _text(update)
    return await pressed_when(update, context, _draft(context))


async def _moment(
    update: Update,
    context: KhoosheContext,
    step: str,
    *,
    day_of: datetime | None = None,
    range_ok: bool = False,
) -> tuple[datetime, datetime | None] | None:
    """The moment typed (or completed by a press), and a range's end; None when refused,
    answered, and the form saved on the same step. A time alone is on `day_of`'s day."""
    text = await _typed_moment(update, context)
    if text is None:
        return None
    draft = _draft(context)
    day = day_of.astimezone(context.settings.tz).date() if day_of is not None else None
    when = await read_when(update, context, draft, text, day=day, range_ok=range_ok)
    if when is None:
        # The text kept for a half-of-day question is on disk before the question is seen.
        await context.save_form_now(FORM, step)
        return None
    return when.at, when.end


def _at(draft: dict[str, Any], key: str) -> datetime | None:
    value = draft.get(key)
    return datetime.fromisoformat(value) if value else None


# --- the form ----------------------------------------------------------------------------------


@requires(Role.CLUSTER_AGENT)
async def start(update: Update, context: KhoosheContext) -> str:
    """/new_offering: which kind?"""
    assert context.user_data is not None
    context.user_data["offering"] = {"key": uuid.uuid4().hex}
    t = context.t
    buttons = [
        _button(t, f"offering-kind-{kind}", cb.NEW_OFFERING_KIND.pack(kind)) for kind in KINDS
    ]
    keyboard = [*rows(buttons, 2), [_button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack())]]
    return await _ask(update, context, KIND, "offering-ask-kind", InlineKeyboardMarkup(keyboard))


@requires(Role.CLUSTER_AGENT)
async def from_topic(update: Update, context: KhoosheContext) -> str | None:
    """/needs' button: a new offering titled after an open topic (which it then closes)."""
    topic = await get_topic(context.db, offering_id(update))
    if topic is None or topic.status != "open":
        await answer(update, context.t("needs-topic-closed"), alert=True)
        return None
    # Making it an offering closes the topic for everyone who asked: an agent may do that
    # only when all of them are in the agent's clusters.
    access = await _access(update, context)
    if not access.covers_clusters(await topic_clusters(context.db, topic.id)):
        log.warning("offering: topic %s is not in the scope of %s", topic.id, context.platform)
        await answer(update, context.t("needs-topic-not-yours"), alert=True)
        return None
    await answer(update)
    next_step = await start(update, context)
    _draft(context).update(title=topic.title, topic=topic.id)
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
    _draft(context)["kind"] = kind
    await replace_pressed(update, t("offering-chosen-kind", kind=t(f"offering-kind-{kind}")))
    if _draft(context).get("title"):  # from a needs-assessment topic: its title is kept
        return await _ask(
            update, context, DESCRIPTION, "offering-ask-description", _skip_markup(t)
        )
    return await _ask(update, context, TITLE, "offering-ask-title")


async def on_title(update: Update, context: KhoosheContext) -> str:
    """The title."""
    title = " ".join(_text(update).split())
    if not title or len(title) > MAX_TITLE:
        await _again(update, context, "offering-title-length", limit=MAX_TITLE)
        return TITLE
    _draft(context)["title"] = title
    return await _ask(
        update, context, DESCRIPTION, "offering-ask-description", _skip_markup(context.t)
    )


async def on_description(update: Update, context: KhoosheContext) -> str:
    """The description (or skipped)."""
    if update.message is not None:
        text = _text(update)
        if len(text) > MAX_DESCRIPTION:
            await _again(update, context, "offering-description-length", limit=MAX_DESCRIPTION)
            return DESCRIPTION
        _draft(context)["description"] = text
    else:
        await answer(update)
        await replace_pressed(update, context.t("offering-skipped"))
    return await _ask(
        update, context, START, "offering-ask-start", example=context.t.label("when-example")
    )


async def on_start(update: Update, context: KhoosheContext) -> str:
    """The start, a Jalali date and time in Tehran ("۱۶ الی ۱۸" gives the end too); a Friday
    or a holiday is shown with a warning and needs a confirm."""
    typed = await _moment(update, context, START, range_ok=True)
    if typed is None:
        return START
    moment, end = typed
    draft = _draft(context)
    draft["starts_at"] = moment.isoformat()
    if end is not None:
        draft["ends_at"] = end.isoformat()
    else:
        draft.pop("ends_at", None)
    t = context.t
    warning = off_day_line(context, moment)
    if warning is not None:
        draft["day_pending"] = True
        markup = InlineKeyboardMarkup(
            [
                [
                    _button(t, "offering-button-day-ok", cb.NEW_OFFERING_DAY_OK.pack()),
                    _button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack()),
                ]
            ]
        )
        return await _ask(
            update,
            context,
            START,
            "offering-day-confirm",
            markup,
            warning=warning,
            start=t.datetime(moment),
        )
    draft.pop("day_pending", None)
    return await _after_start(update, context)


async def on_start_day_ok(update: Update, context: KhoosheContext) -> str:
    """The start stays on the Friday or holiday it was warned about."""
    draft = _draft(context)
    moment = _at(draft, "starts_at")
    if not draft.pop("day_pending", False) or moment is None:
        await answer(update, context.t("button-expired"), alert=True)
        return START
    await answer(update)
    await replace_pressed(update, context.t("offering-day-kept", start=context.t.datetime(moment)))
    return await _after_start(update, context)


async def _after_start(update: Update, context: KhoosheContext) -> str:
    """Ask for the end, unless a range already gave it."""
    draft = _draft(context)
    moment = _at(draft, "starts_at")
    end = _at(draft, "ends_at")
    assert moment is not None
    t = context.t
    if end is not None:
        await context.bot.send_message(
            _chat_id(update),
            t("offering-range-taken", start=t.datetime(moment), end=t.datetime(end)),
        )
        return await _ask(update, context, PLACE, "offering-ask-place")
    return await _ask(
        update,
        context,
        END,
        "offering-ask-end",
        _skip_markup(t),
        start=t.datetime(moment),
        example=context.t.label("when-example"),
    )


async def on_end(update: Update, context: KhoosheContext) -> str:
    """The end (or skipped); it must come after the start."""
    draft = _draft(context)
    if update.message is not None or _is_half(update):
        starts_at = _at(draft, "starts_at")
        assert starts_at is not None
        # "ساعت ۱۳" alone ends the same day it starts.
        typed = await _moment(update, context, END, day_of=starts_at)
        if typed is None:
            return END
        moment, _ = typed
        if moment <= starts_at:
            await _again(update, context, "offering-end-before-start")
            return END
        draft["ends_at"] = moment.isoformat()
    else:
        await answer(update)
        await replace_pressed(update, context.t("offering-skipped"))
    return await _ask(update, context, PLACE, "offering-ask-place")


async def on_place(update: Update, context: KhoosheContext) -> str:
    """The place or online link."""
    place = _text(update)
    if not place or len(place) > MAX_PLACE:
        await _again(update, context, "offering-place-length", limit=MAX_PLACE)
        return PLACE
    _draft(context)["place"] = place
    return await _ask(
        update,
        context,
        CAPACITY,
        "offering-ask-capacity",
        _skip_markup(context.t, "offering-button-unlimited"),
    )


def _count_or_hint(text: str) -> int | str:
    """A positive count, or the message id of the hint."""
    count = service.parse_count(text)
    if count is None:
        # "زیاد" or "twenty": words that are not a Persian number up to 99.
        wordy = any(ch.isalpha() for ch in text)
        return "offering-count-words" if wordy else "offering-count-invalid"
    if count == 0:
        return "offering-count-zero"
    if count > MAX_CAPACITY:
        return "offering-count-invalid"
    return count


async def on_capacity(update: Update, context: KhoosheContext) -> str:
    """How many seats (or unlimited)."""
    draft = _draft(context)
    if update.message is not None:
        count = _count_or_hint(_text(update))
        if isinstance(count, str):
            await _again(update, context, count)
            return CAPACITY
        draft["capacity"] = count
    else:
        await answer(update)
        draft["capacity"] = None
        await replace_pressed(update, context.t("offering-unlimited-chosen"))
    return await _ask(
        update,
        context,
        DEADLINE,
        "offering-ask-deadline",
        _skip_markup(context.t, "offering-button-until-start"),
        example=context.t.label("when-example"),
    )


async def on_deadline(update: Update, context: KhoosheContext) -> str:
    """The sign-up deadline (or until the start); not after the start."""
    draft = _draft(context)
    if update.message is not None or _is_half(update):
        starts_at = _at(draft, "starts_at")
        assert starts_at is not None
        typed = await _moment(update, context, DEADLINE, day_of=starts_at)
        if typed is None:
            return DEADLINE
        moment, _ = typed
        if moment > starts_at:
            await _again(update, context, "offering-deadline-after-start")
            return DEADLINE
        draft["deadline"] = moment.isoformat()
    else:
        await answer(update)
        await replace_pressed(update, context.t("offering-skipped"))
    draft["clusters"] = []
    await context.save_form_now(FORM, CLUSTERS)
    await _picker(update, context, 0, new_message=True)
    return CLUSTERS


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


async def _picker(
    update: Update, context: KhoosheContext, page: int, *, new_message: bool = False
) -> None:
    t = context.t
    draft = _draft(context)
    access = await _access(update, context)
    chosen = set(draft.get("clusters", []))
    items = [
        (("✅ " if code in chosen else "▫️ ") + label, cb.NEW_OFFERING_TOGGLE.pack(code))
        for code, label in await _choices(context, access)
    ]
    done = _button(t, "offering-button-clusters-done", cb.NEW_OFFERING_CLUSTERS_DONE.pack())
    markup = paged(t, items, page, cb.NEW_OFFERING_PAGE.pack, extra=[done])
    key = "offering-pick-clusters" if access.has(Role.STAFF) else "offering-pick-clusters-agent"
    if new_message:
        await context.bot.send_message(_chat_id(update), t(key), reply_markup=markup)
    else:
        await show_card(update, context, t(key), markup)


async def on_cluster_page(update: Update, context: KhoosheContext) -> str:
    """Another page of clusters."""
    assert update.callback_query is not None and update.callback_query.data is not None
    await answer(update)
    (page,) = cb.NEW_OFFERING_PAGE.ints(update.callback_query.data) or (0,)
    _draft(context)["page"] = page
    await _picker(update, context, page)
    return CLUSTERS


async def on_cluster_toggle(update: Update, context: KhoosheContext) -> str:
    """Choose or un-choose a cluster (only those offered to this person)."""
    assert update.callback_query is not None and update.callback_query.data is not None
    (code,) = cb.NEW_OFFERING_TOGGLE.words(update.callback_query.data)
    access = await _access(update, context)
    if code not in {c for c, _ in await _choices(context, access)}:
        log.warning("offering: cluster %r not offered on %s", code, context.platform)
        await answer(update, context.t("offering-out-of-scope"), alert=True)
        return CLUSTERS
    await answer(update)
    draft = _draft(context)
    chosen = set(draft.get("clusters", []))
    chosen.symmetric_difference_update({code})
    draft["clusters"] = sorted(chosen)
    await context.save_form_now(FORM, CLUSTERS)
    await _picker(update, context, int(draft.get("page", 0)))
    return CLUSTERS


async def on_clusters_done(update: Update, context: KhoosheContext) -> str:
    """Clusters chosen: offer shares (when seats are limited and clusters named)."""
    draft = _draft(context)
    access = await _access(update, context)
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
                    _button(t, "offering-button-shares", cb.NEW_OFFERING_SHARES.pack()),
                    _button(t, "offering-button-no-shares", cb.NEW_OFFERING_NO_SHARES.pack()),
                ]
            ]
        )
        return await _ask(update, context, SHARES, "offering-ask-shares", markup)
    return await _to_preview(update, context)


async def _ask_next_share(update: Update, context: KhoosheContext) -> str:
    draft = _draft(context)
    queue = [c for c in draft.get("targets", []) if c not in draft.get("share_done", [])]
    if not queue:
        return await _to_preview(update, context)
    access = await _access(update, context)
    names = dict(await _choices(context, access))
    draft["share_for"] = queue[0]
    return await _ask(
        update,
        context,
        SHARES,
        "offering-ask-share",
        _skip_markup(context.t, "offering-button-no-share"),
        cluster=names.get(queue[0], queue[0]),
    )


async def on_shares_yes(update: Update, context: KhoosheContext) -> str:
    """Set a share per chosen cluster, one at a time."""
    await answer(update)
    await replace_pressed(update, context.t("offering-shares-chosen"))
    _draft(context)["share_done"] = []
    return await _ask_next_share(update, context)


async def on_shares_no(update: Update, context: KhoosheContext) -> str:
    """No shares: only the overall capacity counts."""
    await answer(update)
    await replace_pressed(update, context.t("offering-no-shares-chosen"))
    return await _to_preview(update, context)


async def on_share(update: Update, context: KhoosheContext) -> str:
    """One cluster's share (a count, or skipped)."""
    draft = _draft(context)
    code = draft.get("share_for")
    if code is None:  # typed before "set shares" was chosen
        if update.message is not None:
            await _again(update, context, "offering-use-buttons")
        return SHARES
    if update.message is not None:
        count = _count_or_hint(_text(update))
        if isinstance(count, str):
            await _again(update, context, count)
            return SHARES
        draft.setdefault("shares", {})[code] = count
    else:
        await answer(update)
        await replace_pressed(update, context.t("offering-skipped"))
    draft.setdefault("share_done", []).append(code)
    draft.pop("share_for", None)
    return await _ask_next_share(update, context)


# --- preview and publishing -------------------------------------------------------------------


def _new_offering(update: Update, context: KhoosheContext, targets: list[str]) -> NewOffering:
    draft = _draft(context)
    starts_at = _at(draft, "starts_at")
    assert starts_at is not None
    shares = {k: int(v) for k, v in draft.get("shares", {}).items()}
    return NewOffering(
        kind=draft["kind"],
        title=draft["title"],
        description=draft.get("description", ""),
        starts_at=starts_at,
        ends_at=_at(draft, "ends_at"),
        place=draft["place"],
        capacity=draft.get("capacity"),
        deadline=_at(draft, "deadline"),
        created_by=_owner(update, context).actor,
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
    access = await _access(update, context)
    targets = _targets(_draft(context), access) or []
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
                _button(t, "offering-button-publish", cb.NEW_OFFERING_PUBLISH.pack()),
                _button(t, "offering-button-schedule", cb.NEW_OFFERING_SCHEDULE.pack()),
            ],
            [_button(t, "button-cancel", cb.NEW_OFFERING_CANCEL.pack())],
        ]
    )
    await context.save_form_now(FORM, PREVIEW)
    await context.bot.send_message(_chat_id(update), text, reply_markup=markup)
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
    access = await _access(update, context)
    targets = _targets(_draft(context), access)
    t = context.t
    if targets is None:  # checked again: roles may have changed while the form was open
        await context.bot.send_message(_chat_id(update), t("offering-out-of-scope"))
        return ConversationHandler.END
    new = _new_offering(update, context, targets)
    if new.starts_at <= datetime.now(UTC):
        await context.bot.send_message(_chat_id(update), t("offering-start-passed"))
        return await _ask(
            update, context, START, "offering-ask-start", example=context.t.label("when-example")
        )
    offering, _ = await service.publish(
        context.state.outbox,
        context.db,
        context.settings,
        new,
        _owner(update, context),
        publish_at,
    )
    topic = _draft(context).get("topic")
    if topic is not None:
        await mark_offered(context.db, int(topic), offering.id)
    assert context.user_data is not None
    context.user_data.pop("offering", None)
    key = "offering-published" if publish_at is None else "offering-publish-scheduled"
    await context.bot.send_message(
        _chat_id(update),
        t(key, number=t.digits(offering.id), when=t.datetime(publish_at or offering.starts_at)),
    )
    return ConversationHandler.END


async def on_publish_now(update: Update, context: KhoosheContext) -> str | int:
    """Publish and announce now."""
    await answer(update)
    await replace_pressed(update, context.t("offering-publishing"))
    return await _publish(update, context, None)


async def on_schedule(update: Update, context: KhoosheContext) -> str:
    """Ask when to publish."""
    await answer(update)
    return await _ask(
        update,
        context,
        PUBLISH_AT,
        "offering-ask-publish-at",
        example=context.t.label("when-example"),
    )


async def on_publish_at(update: Update, context: KhoosheContext) -> str | int:
    """Publish at a later time (before the start)."""
    typed = await _moment(update, context, PUBLISH_AT)
    if typed is None:
        return PUBLISH_AT
    moment, _ = typed
    starts_at = _at(_draft(context), "starts_at")
    assert starts_at is not None
    if moment >= starts_at:
        await _again(update, context, "offering-publish-after-start")
        return PUBLISH_AT
    return await _publish(update, context, moment)


async def cancel(update: Update, context: KhoosheContext) -> int:
    """Throw the draft away; nothing was published."""
    await answer(update)
    assert context.user_data is not None
    context.user_data.pop("offering", None)
    t = context.t
    if update.callback_query is not None:
        await show_card(update, context, t("offering-form-cancelled"), None)
    elif context.member is not None:
        await menu.show_menu(update, context, "offering-form-cancelled")
    else:
        await context.bot.send_message(_chat_id(update), t("offering-form-cancelled"))
    return ConversationHandler.END


async def leave_for_menu(update: Update, context: KhoosheContext) -> int:
    """A menu button mid-form: the draft is dropped, the button does what it says."""
    assert context.user_data is not None
    context.user_data.pop("offering", None)
    await menu.on_menu_button(update, context)
    return ConversationHandler.END


async def on_need_text(update: Update, context: KhoosheContext) -> None:
    """A sticker, photo or voice note where a typed answer is expected: stay on the step."""
    assert update.message is not None
    await update.message.reply_text(context.t("offering-need-text"))


async def on_use_buttons(update: Update, context: KhoosheContext) -> None:
    """Typing where a button is expected: stay on the step."""
    assert update.message is not None
    await update.message.reply_text(context.t("offering-use-buttons"))


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
    return await _ask(
        update, context, EDIT, f"offering-ask-new-{field}", example=context.t.label("when-example")
    )


async def on_edit_value(update: Update, context: KhoosheContext) -> str | int:
    """The new value: checked, stored, and those signed up told (through the outbox)."""
    draft = _draft(context)
    field, offering_id = draft.get("edit"), int(draft.get("id", 0))
    text = _text(update) if update.message is not None else ""
    changes: dict[str, Any] = {}
    if field in ("start", "end", "deadline"):
        current = await get_offering(context.db, offering_id)
        day_of = current.starts_at if current is not None and field != "start" else None
        typed = await _moment(update, context, EDIT, day_of=day_of)
        if typed is None:
            return EDIT
        moment, _ = typed
        if current is not None and field == "end" and moment <= current.starts_at:
            await _again(update, context, "offering-end-before-start")
            return EDIT
        if current is not None and field == "deadline" and moment > current.starts_at:
            await _again(update, context, "offering-deadline-after-start")
            return EDIT
        changes[{"start": "starts_at", "end": "ends_at", "deadline": "deadline"}[field]] = moment
    elif field == "capacity":
        count = _count_or_hint(text)
        if isinstance(count, str):
            await _again(update, context, count)
            return EDIT
        changes["capacity"] = count
    elif field == "title":
        if not text or len(text) > MAX_TITLE:
            await _again(update, context, "offering-title-length", limit=MAX_TITLE)
            return EDIT
        changes["title"] = text
    elif field == "description":
        if not text or len(text) > MAX_DESCRIPTION:
            await _again(update, context, "offering-description-length", limit=MAX_DESCRIPTION)
            return EDIT
        changes["description"] = text
    else:
        if not text or len(text) > MAX_PLACE:
            await _again(update, context, "offering-place-length", limit=MAX_PLACE)
            return EDIT
        changes["place"] = text
    assert context.user_data is not None
    context.user_data.pop("offering", None)
    # Checked again on the server: the button that opened this step could be old.
    offering = await get_offering(context.db, offering_id)
    access = await _access(update, context)
    t = context.t
    if offering is None or not service.may_manage(access, offering):
        await _again(update, context, "offering-not-yours")
        return ConversationHandler.END
    result = await service.change(
        context.state.outbox,
        context.db,
        context.settings,
        offering,
        _owner(update, context),
        **changes,
    )
    if result is None:
        key = "offering-capacity-below" if field == "capacity" else "offering-was-cancelled"
        await _again(update, context, key)
        return ConversationHandler.END
    changed, promoted = result
    for who in promoted:
        await tell_promoted(context, changed, who)
    await _again(
        update, context, "offering-edited", number=t.digits(changed.id), promoted=len(promoted)
    )
    return ConversationHandler.END


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The offering form's ConversationHandler (creating, and editing one field)."""
    buttons = menu.buttons(app)
    private = filters.ChatType.PRIVATE
    text = filters.TEXT & ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
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
            CommandHandler("new_offering", start, filters=private),
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
