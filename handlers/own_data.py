"""A member's own data, from the profile: everything stored about them, and deleting it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import Application

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.services import notices
from bot.services.own_data import delete_account
from bot.services.surveys import answer_lines
from handlers import profile
from handlers.keyboards import add_presses, answer, replace_pressed
from handlers.offerings import tell_promoted
from storage.clock import parse_iso
from storage.consultations import member_consultations
from storage.members import Member, addresses
from storage.own_data import own_ideas, own_signups, own_voice
from storage.reports import member_reports
from storage.surveys import answered_by, answers_of

log = logging.getLogger(__name__)

# Everything, however many reports: the view is split into messages that fit.
ALL = 1_000_000


async def describe_all(context: KhoosheContext, member: Member) -> str:
    """Every stored thing about the member, section by section."""
    t = context.t
    about = [
        t("mydata-profile", card=await profile.describe(context, profile.values_of(member))),
        t("mydata-phone-verified" if member.phone_verified else "mydata-phone-typed"),
        t(
            "mydata-accounts",
            accounts=t.join(t.label("list-separator"), await _accounts(context, member)),
        ),
        t(
            "mydata-settings",
            announcements=t("mydata-on" if member.announcements else "mydata-off"),
            digest=t("mydata-on" if member.digest else "mydata-off"),
        ),
        t(
            "mydata-since",
            since=t.date(parse_iso(member.created_at)),
            updated=t.date(parse_iso(member.updated_at)),
        ),
    ]
    reports, total = await member_reports(context.db, member.id, ALL)
    filed = [t("mydata-reports", count=total)]
    for report in reports:
        key = "mydata-report-filed" if report.member_id == member.id else "mydata-report-joined"
        filed.append(
            t(
                key,
                code=t.digits(report.code),
                summary=report.summary,
                status=t(f"report-status-{report.status}"),
                date=t.date(parse_iso(report.created_at)),
            )
        )
    signups = await own_signups(context.db, member.id)
    signed = [t("mydata-signups", count=len(signups))]
    for signup in signups:
        signed.append(
            t(
                "mydata-signup",
                title=signup.title,
                when=t.date(parse_iso(signup.starts_at)),
                status=t(f"offering-status-label-{signup.status}"),
            )
        )
    ideas = await own_ideas(context.db, member.id)
    said = [t("mydata-ideas", count=len(ideas.suggestions), votes=ideas.votes)]
    said += [t("mydata-idea", text=text) for text in ideas.suggestions]
    requests = await member_consultations(context.db, member.id, limit=1_000)
    asked = [t("mydata-requests", count=len(requests))]
    for request in requests:
        asked.append(
            t(
                "mydata-request",
                code=t.digits(request.code),
                summary=request.summary,
                status=t(f"consult-status-{request.status}"),
                date=t.date(parse_iso(request.created_at)),
            )
        )
    voice = await own_voice(context.db, member.id)
    voiced = [t("mydata-voice", surveys=voice.surveys, supports=voice.supports)]
    voiced += [t("mydata-idea", text=text) for text in voice.comments]
    # Their own answers, question by question (only theirs: the query is by their id).
    for survey in await answered_by(context.db, member.id):
        voiced.append(t("mydata-survey", title=survey.title))
        voiced += answer_lines(t, survey, await answers_of(context.db, survey.id, member.id))
    parts = (about, filed, signed, said, asked, voiced)
    return t.join("\n\n", (t.join("\n", part) for part in parts))


async def _accounts(context: KhoosheContext, member: Member) -> list[str]:
    t = context.t
    return [
        t("mydata-account", platform=t(f"platform-{a.platform}"), id=t.digits(a.user_id))
        for a in await addresses(context.db, member.id)
    ]


async def on_my_data(update: Update, context: KhoosheContext) -> None:
    """ "Everything stored about me": the whole record, in as many messages as it takes."""
    member, chat = context.member, update.effective_chat
    assert chat is not None
    if member is None:
        await answer(update, context.t("form-not-registered"), alert=True)
        return
    await answer(update)
    body = await describe_all(context, member)
    for part in notices.fit(context.t, "mydata-show", "body", body):
        await context.bot.send_message(chat.id, part)


async def on_delete(update: Update, context: KhoosheContext) -> None:
    """ "Delete my account": say what it means, and ask."""
    chat = update.effective_chat
    assert chat is not None
    if context.member is None:
        await answer(update, context.t("form-not-registered"), alert=True)
        return
    await answer(update)
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("delete-button-yes"), callback_data=cb.PROFILE_DELETE_YES.pack()
                ),
                InlineKeyboardButton(
                    t.label("delete-button-keep"), callback_data=cb.PROFILE_DELETE_KEEP.pack()
                ),
            ]
        ]
    )
    await context.bot.send_message(chat.id, t("delete-confirm"), reply_markup=markup)


async def on_delete_yes(update: Update, context: KhoosheContext) -> None:
    """Delete the account: seats given back (the waitlist told), personal data erased,
    nothing more sent; the next /start registers afresh."""
    member, chat = context.member, update.effective_chat
    assert chat is not None
    if member is None:
        await answer(update, context.t("button-expired"), alert=True)
        return
    erased, promoted = await delete_account(context.db, member.id, datetime.now(UTC))
    await answer(update)
    if erased is None:
        return
    log.info(
        "member %s deleted their account (%d waiting message(s) cancelled)",
        member.id,
        erased.cancelled_messages,
    )
    # This chat's drafts, in memory as well as on disk (the other platform's were on disk).
    if context.user_data is not None:
        context.user_data.clear()
    context.member = None
    await replace_pressed(update, context.t("delete-done-short"))
    await context.bot.send_message(
        chat.id, context.t("delete-done"), reply_markup=ReplyKeyboardRemove()
    )
    for offering, who in promoted:
        await tell_promoted(context, offering, who)


async def on_keep(update: Update, context: KhoosheContext) -> None:
    """ "No, keep it" under a delete or unlink question."""
    await answer(update)
    await replace_pressed(update, context.t("delete-kept"))


def register(app: Application) -> None:
    """Install the profile's own-data buttons."""
    add_presses(
        app,
        (cb.PROFILE_MY_DATA, on_my_data),
        (cb.PROFILE_DELETE, on_delete),
        (cb.PROFILE_DELETE_YES, on_delete_yes),
        (cb.PROFILE_DELETE_KEEP, on_keep),
    )
