"""Needs assessment (نیازسنجی): members suggest training topics in their own words and vote
on open ones; staff see the ranking overall and per cluster (/needs) and turn a topic into
an offering (the button opens /new_offering with the topic as its title).

A suggestion that reads like an open topic joins it, using the reports' "me too" similarity
(bot/services/similar.py), so one need asked for in many ways is one topic with its votes.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Role, access_of, requires
from bot.services.similar import most_similar
from bot.text import clean, pack_messages, shorten
from handlers import forms, menu
from handlers.keyboards import answer, private_command, show_card
from handlers.offerings import needs_buttons
from storage.clusters import list_places
from storage.needs import (
    Topic,
    get_topic,
    open_topics,
    ranking,
    suggest,
    toggle_vote,
    topic_clusters,
    votes_of,
)

log = logging.getLogger(__name__)

FORM = "needs_form"
TOPIC = "topic"
MIN_TEXT, MAX_TEXT = 3, 300
LISTED = 10
PER_CLUSTER = 3
TITLE_IN_BUTTON = 30


def _short(title: str) -> str:
    return shorten(title, TITLE_IN_BUTTON)


async def on_suggest(update: Update, context: KhoosheContext) -> str | None:
    """Ask for the topic in the member's own words."""
    if context.member is None:
        await answer(update, context.t("not-registered-hint"), alert=True)
        return None
    await answer(update)
    await context.save_form_now(FORM, TOPIC)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, context.t("needs-ask-topic"))
    return TOPIC


async def on_topic(update: Update, context: KhoosheContext) -> str | int:
    """Store the suggestion (joined to a similar open topic, or a new one), then thank."""
    assert update.message is not None and update.message.text is not None
    member = context.member
    t = context.t
    # The one sanitiser for member text: others read this title (and offerings take it).
    text = " ".join(clean(update.message.text).split())
    if member is None:
        return ConversationHandler.END
    if not MIN_TEXT <= len(text) <= MAX_TEXT:
        await update.message.reply_text(t("needs-topic-length", limit=MAX_TEXT))
        return TOPIC
    candidates = await open_topics(context.db)
    ranked = await asyncio.to_thread(most_similar, text, candidates, 1)
    similar = ranked[0][0] if ranked else None
    topic_id, created = await suggest(context.db, member.id, member.cluster_code, text, similar)
    topic = await get_topic(context.db, topic_id)
    assert topic is not None
    markup = InlineKeyboardMarkup([needs_buttons(t)[1:]])
    if created:
        await update.message.reply_text(t("needs-topic-new"), reply_markup=markup)
    else:
        await update.message.reply_text(
            t("needs-topic-joined", title=topic.title, votes=topic.votes), reply_markup=markup
        )
    return ConversationHandler.END


async def cancel(update: Update, context: KhoosheContext) -> int:
    """Drop the suggestion; nothing was stored."""
    await menu.show_menu(update, context, "needs-cancelled")
    return ConversationHandler.END


# A menu button instead of a topic: the button does what it says.
leave_for_menu = forms.leave_dropping()


async def on_not_text(update: Update, context: KhoosheContext) -> str:
    """Anything but text: ask again."""
    assert update.message is not None
    await update.message.reply_text(context.t("needs-topic-length", limit=MAX_TEXT))
    return TOPIC


async def _topics_card(
    context: KhoosheContext, member_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    topics = await ranking(context.db, limit=LISTED)
    mine = await votes_of(context.db, member_id)
    if not topics:
        return t("needs-none"), InlineKeyboardMarkup([needs_buttons(t)[:1]])
    lines = [t("needs-list-title")]
    lines += [
        t("needs-list-item", rank=i, title=topic.title, votes=topic.votes)
        for i, topic in enumerate(topics, start=1)
    ]
    buttons = [
        [
            InlineKeyboardButton(
                ("👍 " if topic.id in mine else "▫️ ") + _short(topic.title),
                callback_data=cb.NEEDS_VOTE.pack(topic.id),
            )
        ]
        for topic in topics
    ]
    buttons.append(needs_buttons(t)[:1])
    return t.join("\n", lines), InlineKeyboardMarkup(buttons)


async def on_topics(update: Update, context: KhoosheContext) -> None:
    """Open topics by votes, each a vote toggle for this member."""
    if context.member is None:
        await answer(update, context.t("not-registered-hint"), alert=True)
        return
    await answer(update)
    text, markup = await _topics_card(context, context.member.id)
    await show_card(update, context, text, markup)


async def on_vote(update: Update, context: KhoosheContext) -> None:
    """Vote for a topic, or take the vote back (the member is always the one who pressed)."""
    member = context.member
    if member is None:
        await answer(update, context.t("not-registered-hint"), alert=True)
        return
    assert update.callback_query is not None
    topic_id = int((update.callback_query.data or "").rsplit(":", 1)[1])
    voted = await toggle_vote(context.db, topic_id, member.id, member.cluster_code)
    if voted is None:
        await answer(update, context.t("needs-topic-closed"), alert=True)
        return
    await answer(update, context.t("needs-voted" if voted else "needs-unvoted"))
    text, markup = await _topics_card(context, member.id)
    await show_card(update, context, text, markup)


def _ranked_lines(t: Texts, topics: list[Topic]) -> list[str]:
    return [
        t("needs-list-item", rank=i, title=topic.title, votes=topic.votes)
        for i, topic in enumerate(topics, start=1)
    ]


@requires(Role.CLUSTER_AGENT)
async def needs_command(update: Update, context: KhoosheContext) -> None:
    """/needs: the ranking overall (staff) and per cluster, with "make it an offering"."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    access = await access_of(context, user.id)
    t = context.t
    clusters = await list_places(context.db, "cluster")
    if not access.has(Role.STAFF):
        clusters = [c for c in clusters if c.code in access.agent_clusters]
        overall = await ranking(context.db, [c.code for c in clusters], LISTED)
    else:
        overall = await ranking(context.db, None, LISTED)
    overall = [topic for topic in overall if topic.votes > 0]
    if not overall:
        await context.bot.send_message(chat.id, t("needs-staff-none"))
        return
    blocks = [t.join("\n", [t("needs-staff-overall"), *_ranked_lines(t, overall)])]
    for cluster in clusters:
        top = await ranking(context.db, [cluster.code], PER_CLUSTER)
        if top:
            heading = t("needs-staff-cluster", cluster=cluster.name(t.lang))
            blocks.append(t.join("\n", [heading, *_ranked_lines(t, top)]))
    texts = pack_messages(blocks)
    buttons = [
        [
            InlineKeyboardButton(
                t.label("needs-button-make-offering", title=_short(topic.title)),
                callback_data=cb.NEEDS_OFFER.pack(topic.id),
            )
        ]
        for topic in overall[:5]
        if access.covers_clusters(await topic_clusters(context.db, topic.id))
    ]
    for i, text in enumerate(texts):
        last = i == len(texts) - 1
        await context.bot.send_message(
            chat.id, text, reply_markup=InlineKeyboardMarkup(buttons) if last else None
        )


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The one-question suggestion form."""
    buttons = menu.buttons(app)
    text, other = buttons.text, buttons.other
    states: dict[object, list[Any]] = {
        TOPIC: [MessageHandler(text, on_topic), MessageHandler(other, on_not_text)]
    }
    return forms.form(
        app,
        FORM,
        entry_points=[CallbackQueryHandler(on_suggest, pattern=cb.NEEDS_SUGGEST.pattern())],
        states=states,
        cancel=cancel,
        leave_for_menu=leave_for_menu,
        timeout_key="needs-form-timeout",
    )


def register(app: Application) -> None:
    """Install the suggestion form, the vote buttons and /needs."""
    app.add_handler(build(app))
    app.add_handler(CallbackQueryHandler(on_topics, pattern=cb.NEEDS_TOPICS.pattern()))
    app.add_handler(CallbackQueryHandler(on_vote, pattern=cb.NEEDS_VOTE.pattern()))
    app.add_handler(private_command("needs", needs_command))
