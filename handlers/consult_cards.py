"""A request's card and news, for the core's advisers: privately and in the core's group.

Everything goes through the outbox as report cards do (bot/services/notices.py): queued in
the handler before the member is told anything, sent paced, surviving a crash. An adviser
sees the member's name, cluster and unit — never their phone.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import TelegramError

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.i18n import Texts
from bot.platforms import send_voice_note
from bot.services import notices
from bot.services.notices import Notice
from bot.settings import Platform
from bot.text import clean, clip
from handlers.triage_cards import catch_up, queue_notices
from storage.clusters import get_place
from storage.consultations import (
    Consultation,
    attachment_count,
    attachments_with_platform,
    unannounced_consultations,
)
from storage.cores import Core, advisers_of, get_core
from storage.members import get_member, get_member_by_id

log = logging.getLogger(__name__)

EXCERPT_CHARS = 800


async def card_text(context: KhoosheContext, consultation: Consultation, t: Texts) -> str:
    """The request as an adviser sees it."""
    core = await get_core(context.db, consultation.core_id)
    member = await get_member_by_id(context.db, consultation.member_id)
    cluster = await get_place(context.db, "cluster", consultation.cluster_code)
    question = clip(consultation.question, EXCERPT_CHARS)
    return t(
        "consult-card",
        code=t.digits(consultation.code),
        core=core.name if core else "—",
        name=member.name if member else "—",
        company=member.company if member else "—",
        cluster=cluster.name(t.lang) if cluster else consultation.cluster_code,
        question=question,
        files=await attachment_count(context.db, consultation.id),
    )


def card_buttons(t: Texts, consultation: Consultation, files: int = 0) -> InlineKeyboardMarkup:
    """Take, answer, offer slots, close, hand over (each press checked again for the core)."""
    cid = consultation.id
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("consult-button-take"), callback_data=cb.ADVISE_TAKE.pack(cid)
                ),
                InlineKeyboardButton(
                    t.label("consult-button-reply"), callback_data=cb.ADVISE_REPLY.pack(cid)
                ),
            ],
            [
                InlineKeyboardButton(
                    t.label("consult-button-offer"), callback_data=cb.ADVISE_OFFER.pack(cid)
                ),
                InlineKeyboardButton(
                    t.label("consult-button-close"), callback_data=cb.ADVISE_CLOSE.pack(cid)
                ),
            ],
            [
                InlineKeyboardButton(
                    t.label("consult-button-hand"), callback_data=cb.ADVISE_HAND.pack(cid)
                ),
                InlineKeyboardButton(
                    t.label("consult-button-to-report"),
                    callback_data=cb.ADVISE_TO_REPORT.pack(cid),
                ),
            ],
            *(
                [
                    [
                        InlineKeyboardButton(
                            t.label("consult-button-files", count=files),
                            callback_data=cb.ADVISE_FILES.pack(cid),
                        )
                    ]
                ]
                if files
                else []
            ),
        ]
    )


async def _adviser_chats(context: KhoosheContext, core: Core) -> list[tuple[Platform, int, str]]:
    """(platform, chat, language) for each adviser privately and the core's group."""
    chats: list[tuple[Platform, int, str]] = []
    for adviser in await advisers_of(context.db, core.id):
        person = await get_member(context.db, adviser.platform, adviser.user_id)
        chats.append(
            (Platform(adviser.platform), adviser.user_id, person.language if person else "fa")
        )
    if core.group_platform and core.group_chat_id is not None:
        chats.append((Platform(core.group_platform), core.group_chat_id, "fa"))
    return chats


async def announce(context: KhoosheContext, consultation: Consultation) -> int:
    """Queue the request's card for its core's advisers and group; return how many."""
    core = await get_core(context.db, consultation.core_id)
    if core is None:
        return 0
    owed = []
    files = await attachment_count(context.db, consultation.id)
    for platform, chat_id, lang in await _adviser_chats(context, core):
        t = context.texts_for(lang, platform)
        owed.append(
            Notice(
                platform,
                chat_id,
                await card_text(context, consultation, t),
                markup=card_buttons(t, consultation, files),
            )
        )
    key = notices.event_key("consultation", consultation.id, "card", core.id)
    # Marked announced in the same transaction: a crash before it leaves the request to
    # `catch_up_cards` at the next start, never without a card.
    return await queue_notices(context, key, owed, announced_consultation=consultation.id)


async def catch_up_cards(app: KhoosheApplication) -> None:
    """At start: queue the cards of requests a crash left unqueued."""
    await catch_up(app, "consultation", unannounced_consultations, announce)


async def tell_advisers(
    context: KhoosheContext,
    consultation: Consultation,
    key: str,
    *,
    only_owner: bool = False,
    copy: tuple[int, int] | None = None,
    caption: str | None = None,
    **values: object,
) -> int:
    """News on a request for its owner (or, if nobody took it yet, every adviser of its core
    and its group); a file the member sent is copied to those on the same platform (with
    `caption` instead of its own, if given: see notices.copy_caption)."""
    core = await get_core(context.db, consultation.core_id)
    if core is None:
        return 0
    chats = await _adviser_chats(context, core)
    if consultation.owner and only_owner:
        platform_name, _, user_id = consultation.owner.rpartition(":")
        owner = (platform_name.rpartition(":")[2], int(user_id))
        chats = [c for c in chats if (c[0].value, c[1]) == owner] or [
            (Platform(owner[0]), owner[1], "fa")
        ]
    owed: list[Notice] = []
    for platform, chat_id, lang in chats:
        t = context.texts_for(lang, platform)
        text = values.get("text")
        others = {k: v for k, v in values.items() if k != "text"}
        code = t.digits(consultation.code)
        parts = (
            notices.fit(t, key, "text", text, code=code, **others)
            if isinstance(text, str)
            else [t(key, code=code, **others)]
        )
        markup = card_buttons(t, consultation)
        owed += [
            Notice(platform, chat_id, part, markup=markup if n == len(parts) - 1 else None)
            for n, part in enumerate(parts)
        ]
        if copy is not None and platform == context.platform:
            owed.append(Notice(platform, chat_id, copy=copy, caption=caption))
    return await queue_notices(
        context, notices.event_key("consultation", consultation.id, key), owed
    )


async def send_files(
    context: KhoosheContext, consultation: Consultation, chat_id: int, t: Texts
) -> int:
    """The member's files, in order, as what they are, to a chat on this platform; a file
    sent on the other messenger is named, not sent (file ids are per platform). Returns how
    many were sent."""
    files = await attachments_with_platform(context.db, consultation.id)
    sent = 0
    for number, (platform, file) in enumerate(files, start=1):
        caption = t(
            "consult-file-caption",
            code=t.digits(consultation.code),
            number=number,
            total=len(files),
        )
        if platform != context.platform.value:
            origin = t.label(f"platform-{platform}")
            await context.bot.send_message(
                chat_id, t("consult-file-elsewhere", caption=caption, platform=origin)
            )
            continue
        try:
            if file.kind == "photo":
                await context.bot.send_photo(chat_id, file.file_id, caption=caption)
            elif file.kind == "voice":
                await send_voice_note(context.bot, chat_id, file.file_id, caption=caption)
            else:
                await context.bot.send_document(chat_id, file.file_id, caption=caption)
            sent += 1
        except TelegramError as exc:
            log.info("consultation file not sent (%s)", exc.__class__.__name__)
            await context.bot.send_message(chat_id, t("consult-file-failed", caption=caption))
    return sent


async def relay_from_member(
    context: KhoosheContext, consultation: Consultation, message: Message
) -> None:
    """The member's answer to an adviser's question (a file copied, where it can be)."""
    text = clean(message.text or message.caption or "")
    copy = (message.chat_id, message.message_id) if message.text is None else None
    caption = notices.copy_caption(context.t, message.caption)
    await tell_advisers(
        context, consultation, "consult-member-said", only_owner=True, copy=copy,
        caption=caption, text=text,
    )  # fmt: skip
