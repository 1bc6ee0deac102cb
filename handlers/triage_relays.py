"""Staff side of reports, the relays: news on a report told to the parties.

Members hear of status changes; staff hear of a member's news (a "me too", a new file, a
withdrawal, a rating) as a reply to the report's card in each chat that holds it. Everything
goes through the outbox, like the cards (handlers/triage_cards.py).
"""

from __future__ import annotations

from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.services import notices
from bot.services.notices import Notice
from bot.settings import Platform
from handlers.keyboards import inline
from handlers.triage_cards import by_cluster, card_key, queue_notices
from storage.clusters import get_place
from storage.members import Member, get_member, get_member_by_id
from storage.outbox_queue import notice_chats
from storage.reports import (
    Report,
    card_messages,
    coreporter_count,
    parties,
)


async def announce_joined(context: KhoosheContext, report: Report, member: Member) -> None:
    """Tell staff that another unit said "me too", with the new count per cluster."""
    place = await get_place(context.db, "cluster", member.cluster_code)
    await announce_update(
        context,
        report,
        "triage-member-joined",
        cluster=place.name_fa if place else member.cluster_code,  # staff group: Persian
        units=await coreporter_count(context.db, report.id) + 1,
        by_cluster=await by_cluster(context, report, "fa"),
    )


async def members_on(context: KhoosheContext, report: Report) -> list[Member]:
    """The report's members, on either platform (filer first)."""
    found = []
    for member_id in await parties(context.db, report.id):
        member = await get_member_by_id(context.db, member_id)
        if member is not None:
            found.append(member)
    return found


class Coded(Protocol):
    """A record members know by its code: a report, a request for advice."""

    @property
    def code(self) -> str: ...


def member_notices(
    context: KhoosheContext,
    member: Member,
    key: str,
    record: Coded,
    markup: InlineKeyboardMarkup | None = None,
    **kwargs: object,
) -> list[Notice]:
    """A message for a member about a report (or a request for advice), in their language and
    for their platform (a long `text` split into messages that fit; `markup` under the last)."""
    platform = Platform(member.platform)
    t = context.texts_for(member.language, platform)
    code = t.digits(record.code)
    values = {k: t(v) if isinstance(v, MessageId) else v for k, v in kwargs.items()}
    text = values.pop("text", None)
    if isinstance(text, str):
        parts = notices.fit(t, key, "text", text, code=code, **values)
    else:
        parts = [t(key, code=code, **values)]
    return [
        Notice(
            platform,
            member.chat_id,
            part,
            member_id=member.id,
            markup=markup if number == len(parts) - 1 else None,
        )
        for number, part in enumerate(parts)
    ]


class MessageId(str):
    """An argument to be translated in the recipient's own language."""

    __slots__ = ()


async def tell_parties(
    context: KhoosheContext, report: Report, status: str, *, told: int | None = None
) -> None:
    """Tell the member who filed a report, and those who joined it, its new status (but not
    the member `told` already: the one who reopened it).

    When it is resolved, each of them is asked whether it really was: any of them may say it
    is not, for them, and reopen it.
    """
    owed: list[Notice] = []
    for member in await members_on(context, report):
        if member.id == told:
            continue
        t = context.texts_for(member.language, Platform(member.platform))
        if status != "resolved":
            status_id = MessageId(f"report-status-{status}")
            owed += member_notices(
                context,
                member,
                "report-status-changed",
                report,
                status=status_id,
                summary=report.summary,
            )
            continue
        markup = inline(
            t,
            [
                ("report-button-solved", cb.REPORT_SOLVED.pack(report.id)),
                ("report-button-not-solved", cb.REPORT_NOT_SOLVED.pack(report.id)),
            ],
        )
        owed += member_notices(context, member, "report-was-it-solved", report, markup)
    await queue_notices(context, notices.event_key("report", report.id, "status", status), owed)


async def _card_chats(context: KhoosheContext, report: Report) -> list[tuple[Platform, int]]:
    """Every chat that holds the report's card, or will: cards still queued count, so news
    queued after them (in the same chat, hence after them) still answers them."""
    found: set[tuple[Platform, int]] = set()
    for platform in context.settings.platforms():
        for chat_id, _ in await card_messages(context.db, platform, report.id):
            found.add((platform, chat_id))
    for platform_name, chat_id in await notice_chats(context.db, card_key(report)):
        found.add((Platform(platform_name), chat_id))
    return sorted(found)


async def forward_attachment(
    context: KhoosheContext,
    report: Report,
    from_chat: int,
    message_id: int,
    caption: str | None = None,
) -> None:
    """Copy a member's file (with its `caption`, cleaned) to the chats that hold the
    report's card (files are per platform: this platform's only)."""
    clean_caption = notices.copy_caption(context.texts_for("fa"), caption)
    owed = [
        Notice(
            platform,
            chat_id,
            copy=(from_chat, message_id),
            reply_card=report.id,
            caption=clean_caption,
        )
        for platform, chat_id in await _card_chats(context, report)
        if platform == context.platform
    ]
    await queue_notices(context, notices.event_key("report", report.id, "file"), owed)


async def announce_update(
    context: KhoosheContext, report: Report, key: str, **kwargs: object
) -> None:
    """Tell staff of a member's news on a report, as a reply to its card in each chat.

    The cards live on the platform the report was filed on, which may not be the one the
    news came from (a co-reporter on the other messenger): each goes out through its own
    platform's outbox rows. A long `text` is split into messages that fit.
    """
    owed: list[Notice] = []
    for platform, chat_id in await _card_chats(context, report):
        # A private chat is an agent's (their language); a group is the staff group.
        agent = await get_member(context.db, platform, chat_id) if chat_id > 0 else None
        t = context.texts_for(agent.language if agent else "fa", platform)
        code = t.digits(report.code)
        values = dict(kwargs)
        text = values.pop("text", None)
        parts = (
            notices.fit(t, key, "text", text, code=code, **values)
            if isinstance(text, str)
            else [t(key, code=code, **values)]
        )
        owed += [
            Notice(platform, chat_id, part, remember=report.id, reply_card=report.id)
            for part in parts
        ]
    await queue_notices(context, notices.event_key("report", report.id, key), owed)
