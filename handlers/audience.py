"""The audience picker of a staff form: clusters, estates, job roles and platforms.

A form (the broadcast and survey forms) keeps its draft in `user_data[draft_key]`; the picker
writes the chosen codes there ("clusters", "estates", "job_roles", "platforms") and
shows the audience card with the number of members it reaches. The form supplies its own
button families (declared in bot/callbacks.py) and the card's last row, so another form
can hold its own picker beside the broadcast one.

Every press is checked on the server: a cluster agent is offered, and may toggle, only
their own clusters, whatever the (forgeable) callback data says.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.callbacks import AudienceButtons, Button
from bot.context import KhoosheContext
from bot.roles import Access, Role, access_of
from handlers.keyboards import answer, button, chat_id_of, paged, rows, show_card
from storage.clusters import list_places
from storage.members import JOB_ROLES
from storage.outbox import Audience, count_audience

log = logging.getLogger(__name__)

# Audience dimensions: callback letter -> (draft key, message id of its picker).
DIMENSIONS = {
    "c": ("clusters", "broadcast-pick-clusters"),
    "e": ("estates", "broadcast-pick-estates"),
    "r": ("job_roles", "broadcast-pick-roles"),
    "p": ("platforms", "broadcast-pick-platforms"),
}


def audience_of(draft: dict[str, Any], access: Access) -> Audience | None:
    """The draft's audience within what this person may reach (None: outside their scope).

    A cluster agent's audience always names clusters: theirs, or the ones they picked.
    """
    clusters = tuple(sorted(draft.get("clusters", [])))
    if not access.has(Role.STAFF):
        if any(code not in access.agent_clusters for code in clusters):
            return None
        clusters = clusters or tuple(sorted(access.agent_clusters))
        if not clusters:
            return None
    return Audience(
        clusters=clusters,
        estates=tuple(sorted(draft.get("estates", []))),
        job_roles=tuple(sorted(draft.get("job_roles", []))),
        platforms=tuple(sorted(draft.get("platforms", []))),
    )


async def presser_access(update: Update, context: KhoosheContext) -> Access:
    """The roles of whoever sent this update."""
    user = update.effective_user
    assert user is not None
    return await access_of(context, user.id)


async def choices(
    context: KhoosheContext, dimension: str, access: Access
) -> list[tuple[str, str]]:
    """(code, label) of every value a dimension offers this person."""
    t, lang = context.t, context.t.lang
    if dimension == "c":
        places = await list_places(context.db, "cluster")
        if not access.has(Role.STAFF):
            places = [p for p in places if p.code in access.agent_clusters]
        return [(p.code, p.name(lang)) for p in places]
    if dimension == "e":
        return [(p.code, p.name(lang)) for p in await list_places(context.db, "estate")]
    if dimension == "r":
        return [(role, t.label(f"job-role-{role}")) for role in JOB_ROLES]
    return [(p, t.label(f"platform-{p}")) for p in context.state.outbox.platforms]


async def _names(context: KhoosheContext, dimension: str, codes: list[str], access: Access) -> str:
    t = context.t
    if not codes:
        return t("broadcast-all")
    labels = dict(await choices(context, dimension, access))
    return t.join(t.label("list-separator"), [labels.get(code, code) for code in codes])


async def _reach(context: KhoosheContext, audience: Audience | None, kind: str) -> int:
    if audience is None:
        return 0
    return await count_audience(context.db, audience, context.state.outbox.platforms, kind)


@dataclass(frozen=True)
class AudiencePicker:
    """One form's audience step: its card, the pickers behind it and their buttons."""

    form: str  # the form's name, for saving its step
    step: str  # the form's step the card and the pickers live in
    draft_key: str  # where in user_data the form keeps its draft
    buttons: AudienceButtons  # the form's own families (bot/callbacks.py audience_buttons)
    cancel: Button  # the form's cancel button, on the card's last row
    # What the form sends (opt-outs count for announcements only, storage/audience.py) and
    # the card's message id (same variables as the broadcast's).
    kind: str = "announcement"
    card_text: str = "broadcast-audience-card"

    def draft(self, context: KhoosheContext) -> dict[str, Any]:
        """The form's draft (made empty when there is none)."""
        assert context.user_data is not None
        draft: dict[str, Any] = context.user_data.setdefault(self.draft_key, {})
        return draft

    async def audience(self, update: Update, context: KhoosheContext) -> Audience | None:
        """The draft's audience within the presser's scope (None: outside it)."""
        return audience_of(self.draft(context), await presser_access(update, context))

    async def count(self, update: Update, context: KhoosheContext) -> int:
        """How many members the draft's audience reaches (0 when outside the scope)."""
        return await _reach(context, await self.audience(update, context), self.kind)

    async def card(
        self, update: Update, context: KhoosheContext
    ) -> tuple[str, InlineKeyboardMarkup, int]:
        """The audience card's text, buttons and the number of members it reaches."""
        t = context.t
        draft = self.draft(context)
        access = await presser_access(update, context)
        count = await _reach(context, audience_of(draft, access), self.kind)
        text = t(
            self.card_text,
            clusters=await _names(context, "c", draft.get("clusters", []), access),
            estates=await _names(context, "e", draft.get("estates", []), access),
            roles=await _names(context, "r", draft.get("job_roles", []), access),
            platforms=await _names(context, "p", draft.get("platforms", []), access),
            count=count,
        )
        dimensions = ["c", "e", "r"]
        if len(context.state.outbox.platforms) > 1:
            dimensions.append("p")
        labels = {"c": "clusters", "e": "estates", "r": "roles", "p": "platforms"}
        own = self.buttons
        buttons = [
            button(t, f"broadcast-button-{labels[d]}", own.dimension.pack(d)) for d in dimensions
        ]
        buttons.append(button(t, "broadcast-button-everyone", own.everyone.pack()))
        keyboard = rows(buttons, 2)
        keyboard.append(
            [
                button(t, "broadcast-button-continue", own.done.pack()),
                button(t, "button-cancel", self.cancel.pack()),
            ]
        )
        return text, InlineKeyboardMarkup(keyboard), count

    async def show(self, update: Update, context: KhoosheContext, *, fresh: bool = False) -> str:
        """Show the audience card (the form is saved on this step first) and stay on it:
        in place of the pressed card, or as a new message when `fresh`."""
        text, markup, _ = await self.card(update, context)
        # What was typed is stored before the next step shows it was taken.
        await context.save_form_now(self.form, self.step)
        if fresh:
            await context.bot.send_message(chat_id_of(update), text, reply_markup=markup)
        else:
            await show_card(update, context, text, markup)
        return self.step

    async def _picker(
        self, update: Update, context: KhoosheContext, dimension: str, page: int
    ) -> None:
        t = context.t
        draft = self.draft(context)
        access = await presser_access(update, context)
        key, title = DIMENSIONS[dimension]
        chosen = set(draft.get(key, []))
        items = [
            (
                ("✅ " if code in chosen else "▫️ ") + label,
                self.buttons.toggle.pack(dimension, code),
            )
            for code, label in await choices(context, dimension, access)
        ]
        done = button(t, "broadcast-button-done", self.buttons.back.pack())
        markup = paged(
            t, items, page, lambda p: self.buttons.page.pack(dimension, p), extra=[done]
        )
        if dimension == "c" and not access.has(Role.STAFF):
            title = "broadcast-pick-clusters-agent"
        await show_card(update, context, t(title), markup)

    async def on_dimension(self, update: Update, context: KhoosheContext) -> str:
        """Open the picker of clusters, estates, roles or platforms."""
        assert update.callback_query is not None and update.callback_query.data is not None
        await answer(update)
        (dimension,) = self.buttons.dimension.words(update.callback_query.data)
        self.draft(context)["page"] = 0
        await self._picker(update, context, dimension, 0)
        return self.step

    async def on_page(self, update: Update, context: KhoosheContext) -> str:
        """Another page of a picker."""
        assert update.callback_query is not None and update.callback_query.data is not None
        await answer(update)
        dimension, page = self.buttons.page.words(update.callback_query.data)
        self.draft(context)["page"] = int(page)
        await self._picker(update, context, dimension, int(page))
        return self.step

    async def on_toggle(self, update: Update, context: KhoosheContext) -> str:
        """Choose or un-choose one value (only values this person is offered are accepted)."""
        assert update.callback_query is not None and update.callback_query.data is not None
        dimension, code = self.buttons.toggle.words(update.callback_query.data)
        access = await presser_access(update, context)
        offered = {c for c, _ in await choices(context, dimension, access)}
        if code not in offered:
            log.warning("%s: value %r not offered on %s", self.form, code, context.platform)
            await answer(update, context.t("broadcast-out-of-scope"), alert=True)
            return self.step
        await answer(update)
        draft = self.draft(context)
        key, _ = DIMENSIONS[dimension]
        chosen = set(draft.get(key, []))
        chosen.symmetric_difference_update({code})
        # Both platforms chosen is the same as none: "all".
        draft[key] = sorted(chosen) if not (key == "platforms" and chosen == offered) else []
        await context.save_form_now(self.form, self.step)
        page = int(draft.get("page", 0)) if dimension in "ce" else 0
        await self._picker(update, context, dimension, page)
        return self.step

    async def on_back(self, update: Update, context: KhoosheContext) -> str:
        """Back from a picker to the audience card."""
        await answer(update)
        return await self.show(update, context)

    async def on_everyone(self, update: Update, context: KhoosheContext) -> str:
        """Clear every choice: all members (an agent: all of their clusters)."""
        await answer(update)
        draft = self.draft(context)
        for key, _ in DIMENSIONS.values():
            draft.pop(key, None)
        return await self.show(update, context)

    def handlers(self) -> list[BaseHandler[Any, KhoosheContext, Any]]:
        """The picker's button handlers, for the form's audience step."""
        return [
            CallbackQueryHandler(self.on_dimension, pattern=self.buttons.dimension.pattern()),
            CallbackQueryHandler(self.on_toggle, pattern=self.buttons.toggle.pattern()),
            CallbackQueryHandler(self.on_page, pattern=self.buttons.page.pattern()),
            CallbackQueryHandler(self.on_back, pattern=self.buttons.back.pattern()),
            CallbackQueryHandler(self.on_everyone, pattern=self.buttons.everyone.pattern()),
        ]
