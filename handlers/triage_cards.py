"""Staff side of reports, the cards: the one card (text and buttons) staff act on, wherever it
appears — sent for a new report to the staff group, to admins and staff privately (REPORT_CARDS;
always when there is no staff group) and to the cluster's agents; opened from a /reports row;
under /show — and queuing cards (and catching up on ones a crash left unsent).

A card is queued in the outbox (see bot/services/notices.py), never sent here directly, so a
crash loses none and a staff group at its rate limit keeps no member's handler waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import aiosqlite
from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.i18n import Rendered, Texts
from bot.services import notices
from bot.services.notices import Notice
from bot.services.report_files import kinds_text
from bot.text import clip
from handlers import staff_lists
from handlers.keyboards import button
from storage.attachments import kinds_of
from storage.clusters import get_place
from storage.consultations import Consultation
from storage.members import get_member, get_member_by_id
from storage.report_triage import units_by_cluster
from storage.reports import Report, coreporter_count, remember_message, unannounced_reports
from storage.roles import agents_of_cluster, holders_of

log = logging.getLogger(__name__)


EXCERPT_CHARS = 800


async def card_text(context: KhoosheContext, report: Report, lang: str) -> str:
    t = context.texts_for(lang)
    cluster = await get_place(context.db, "cluster", report.cluster_code)
    reporter = await get_member_by_id(context.db, report.member_id)
    description = clip(report.description, EXCERPT_CHARS)
    return t(
        "triage-new-report",
        code=t.digits(report.code),
        cluster=cluster.name(lang) if cluster else report.cluster_code,
        category=t(f"category-{report.category}"),
        urgency=t("report-urgent" if report.urgent else "report-normal"),
        summary=report.summary,
        description=description,
        units=await coreporter_count(context.db, report.id) + 1,
        by_cluster=await by_cluster(context, report, lang),
        # Staff follow reports up with the unit, so they see who filed it (not the phone:
        # a staff group can be large; the number stays in the member's profile).
        reporter=reporter.name if reporter else "—",
        company=reporter.company if reporter else "—",
        # How many files of which kinds; the card's «📎» button sends them.
        attachments=kinds_text(t, await kinds_of(context.db, report.id)),
    )


async def by_cluster(context: KhoosheContext, report: Report, lang: str) -> Rendered:
    """ "Leather and shoes 2, Furniture 1": the units on a report, per cluster."""
    counts = await units_by_cluster(context.db, report.id)
    names = {}
    for code in counts:
        place = await get_place(context.db, "cluster", code)
        names[code] = place.name(lang) if place else code
    return staff_lists.by_cluster_text(context.texts_for(lang), counts, names)


def card_key(report: Report) -> str:
    """The key of a report's cards in the outbox (one set per report, ever)."""
    return f"report:{report.id}:card"


async def announce_new_report(context: KhoosheContext, report: Report) -> int:
    """Queue the report's card for the staff group and the cluster's agents; return how many.

    Queued in the outbox, with the report marked announced in the same transaction; the
    outbox remembers each card as it is sent. Queuing twice (a double tap) adds nothing.
    """
    cards = [
        Notice(
            context.platform,
            chat_id,
            await card_text(context, report, lang),
            markup=card_buttons(context.texts_for(lang), report),
            remember=report.id,
        )
        for chat_id, lang in await _card_targets(context, report)
    ]
    return await queue_notices(context, card_key(report), cards, announced_report=report.id)


async def _card_targets(context: KhoosheContext, report: Report) -> list[tuple[int, str]]:
    """The chats a new report's card goes to, each with its language (a chat once)."""
    settings, platform = context.settings, context.platform
    people: list[int] = []
    if settings.cards_in_private(platform):
        people += sorted(settings.admins.get(platform, frozenset()))
        people += await holders_of(context.db, platform, "staff")
    people += await agents_of_cluster(context.db, platform, report.cluster_code)
    targets: list[tuple[int, str]] = []
    group = settings.staff_chat_id(platform)
    if group is not None and settings.cards_to_group(platform):
        targets.append((group, "fa"))
    for user_id in dict.fromkeys(people):
        person = await get_member(context.db, platform, user_id)
        targets.append((user_id, person.language if person else "fa"))
    return targets


async def send_card(update: Update, context: KhoosheContext, report: Report) -> None:
    """The card, with its buttons, in the chat the staff member is in (a /reports row)."""
    chat = update.effective_chat
    assert chat is not None
    # The staff group reads Persian, as its cards do; a private chat its owner's language.
    lang = context.t.lang if chat.type == Chat.PRIVATE else "fa"
    sent = await context.bot.send_message(
        chat.id,
        await card_text(context, report, lang),
        reply_markup=card_buttons(context.texts_for(lang), report),
    )
    # A card like the ones the outbox sends: replying to it (the gesture) reaches the members.
    await remember_message(context.db, context.platform.value, chat.id, sent.message_id, report.id)


# What a card is about: a report, or a request for advice (handlers/consult_cards.py).
Announced = TypeVar("Announced", Report, Consultation)


async def catch_up(
    app: KhoosheApplication,
    what: str,
    unannounced: Callable[[aiosqlite.Connection, str], Awaitable[Sequence[Announced]]],
    announce: Callable[[KhoosheContext, Announced], Awaitable[int]],
) -> None:
    """At start: queue the cards of the `what`s (reports, requests) stored on this platform
    just before a crash, which their members may already have a tracking code for."""
    context = KhoosheContext(app)
    for found in await unannounced(context.db, context.platform.value):
        queued = await announce(context, found)
        log.warning("%s %s: %d card(s) queued after a restart", what, found.id, queued)


async def catch_up_cards(app: KhoosheApplication) -> None:
    """At start: queue the cards of reports a crash left unqueued."""
    await catch_up(app, "report", unannounced_reports, announce_new_report)


async def queue_notices(
    context: KhoosheContext,
    key: str,
    owed: list[Notice],
    *,
    announced_report: int | None = None,
    announced_consultation: int | None = None,
) -> int:
    """Queue what an event owes (see bot/services/notices.py) and wake the outbox."""
    queued = await notices.queue(
        context.db,
        context.settings.platforms(),
        context.platform,
        key,
        owed,
        announced_report=announced_report,
        announced_consultation=announced_consultation,
    )
    context.state.outbox.wake()
    return queued


def card_buttons(t: Texts, report: Report, *, full_text: bool = True) -> InlineKeyboardMarkup:
    """The card's actions: the same wherever the card appears (each press checked again)."""
    i = report.id
    take, status, category, body, full, reply, merge = (
        button(t, "triage-button-take", cb.TRIAGE_TAKE.pack(i)),
        button(t, "triage-button-status", cb.TRIAGE_STATUS_MENU.pack(i)),
        button(t, "triage-button-category", cb.TRIAGE_CATEGORY_MENU.pack(i)),
        button(t, "triage-button-body", cb.TRIAGE_BODY_MENU.pack(i)),
        button(t, "triage-button-full", cb.TRIAGE_FULL_TEXT.pack(i)),
        button(t, "triage-button-reply", cb.TRIAGE_REPLY.pack(i)),
        button(t, "triage-button-merge", cb.TRIAGE_MERGE.pack(i)),
    )
    # Always there: files a member adds with a follow-up later are sent by it too.
    last = [full, attachments_button(t, report)] if full_text else [attachments_button(t, report)]
    return InlineKeyboardMarkup([[take, status], [category, body], [reply, merge], last])


def attachments_button(t: Texts, report: Report) -> InlineKeyboardButton:
    """«📎 Attachments»: on the card, under the full view and /show."""
    return button(t, "triage-button-attachments", cb.TRIAGE_ATTACHMENTS.pack(report.id))
