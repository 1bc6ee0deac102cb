"""The whole of a report for staff: the card's "full text" button and /show <code>.

A card carries an excerpt (staff groups are busy); this sends everything staff know about a
report: the full description, the outside body, the units per cluster and the history with
who did what and when, in as many messages as it takes. The same checks as the card's other
buttons: the staff role, and the report's cluster for agents (the button's data can be forged).
"""

from __future__ import annotations

from telegram import Chat, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Rendered, Texts
from bot.roles import Role, requires
from bot.services.report_files import kinds_text
from bot.services.reports import parse_code
from bot.text import MESSAGE_MAX, pack_messages, utf16_len
from handlers import staff_lists, triage, triage_cards
from storage.attachments import Attachment, kinds_of, report_attachments
from storage.clock import parse_iso
from storage.clusters import get_place
from storage.members import get_member, get_member_by_id
from storage.reports import Report, ReportEvent, coreporter_count, get_by_code, get_report, history

# Event kinds with a line of their own; anything else is shown as "updated".
EVENT_KINDS = (
    "filed", "joined", "status", "reply", "note", "follow_up", "reopened", "category",
    "referred", "merged_in",
)  # fmt: skip


@requires(Role.CLUSTER_AGENT)
async def on_full_text(update: Update, context: KhoosheContext) -> None:
    """The card's "full text" button."""
    query = update.callback_query
    assert query is not None
    report = await triage.report_in_scope(update, context, triage.report_id_of(query.data))
    if report is None:
        return
    await query.answer()
    card = query.message.message_id if query.message is not None else None
    await send_full_report(update, context, report, reply_to=card)


@requires(Role.CLUSTER_AGENT)
async def show_command(update: Update, context: KhoosheContext) -> None:
    """/show <code>: the whole of a report, by its tracking code in any digits."""
    chat = update.effective_chat
    assert chat is not None
    code = parse_code(" ".join(context.args or []))
    if code is None:
        await chat.send_message(context.t("triage-full-usage"))
        return
    found = await get_by_code(context.db, code)
    if found is None:
        await chat.send_message(context.t("triage-full-unknown", code=context.t.digits(code)))
        return
    report = await triage.report_in_scope(update, context, found.id)
    if report is not None:
        await send_full_report(update, context, report, actions=True)


async def send_full_report(
    update: Update,
    context: KhoosheContext,
    report: Report,
    reply_to: int | None = None,
    *,
    actions: bool = False,
) -> None:
    """Send the report in as many messages as it takes, each marked as a continuation; with
    `actions` (/show), the card's buttons under the last one, as on the card itself."""
    chat = update.effective_chat
    assert chat is not None
    # The staff group reads Persian, as its cards do; a private chat its owner's language.
    t = context.t if chat.type == Chat.PRIVATE else context.texts_for("fa")
    kinds = await kinds_of(context.db, report.id)
    blocks = [await _header(context, t, report, kinds)]
    files = await report_attachments(context.db, report.id)
    if files:
        blocks.append(t("triage-full-attachments", lines=t.join("\n", _file_lines(t, files))))
    blocks += [
        t("triage-full-description", text=report.description),
        t("triage-full-history", lines=t.join("\n", await _history_lines(context, t, report))),
    ]
    more = t("triage-full-continued", code=t.digits(report.code))
    messages = pack_messages(blocks, MESSAGE_MAX - utf16_len(more) - 1)
    # The files (and the card's actions, for /show) are offered where the reading ends.
    if actions:
        markup: InlineKeyboardMarkup | None = triage_cards.card_buttons(t, report, full_text=False)
    else:
        markup = InlineKeyboardMarkup([[triage_cards.attachments_button(t, report)]])
    if not (actions or kinds):
        markup = None
    for number, text in enumerate(messages):
        await context.bot.send_message(
            chat.id,
            text if number == 0 else f"{more}\n{text}",
            reply_to_message_id=reply_to if number == 0 else None,
            reply_markup=markup if number == len(messages) - 1 else None,
        )


async def _header(
    context: KhoosheContext, t: Texts, report: Report, kinds: dict[str, int]
) -> Rendered:
    cluster = await get_place(context.db, "cluster", report.cluster_code)
    reporter = await get_member_by_id(context.db, report.member_id)
    return t(
        "triage-full-report",
        code=t.digits(report.code),
        cluster=cluster.name(t.lang) if cluster else report.cluster_code,
        status=t(f"report-status-{report.status}"),
        category=t(f"category-{report.category}"),
        urgency=t("report-urgent" if report.urgent else "report-normal"),
        body=_body(context, t, report.outside_body),
        units=await coreporter_count(context.db, report.id) + 1,
        by_cluster=await triage_cards.by_cluster(context, report, t.lang),
        reporter=reporter.name if reporter else t.label("value-none"),
        company=reporter.company if reporter else t.label("value-none"),
        created=t.datetime(parse_iso(report.created_at)),
        updated=t.datetime(parse_iso(report.updated_at)),
        summary=report.summary,
        attachments=kinds_text(t, kinds),
    )


def _file_lines(t: Texts, files: list[Attachment]) -> list[Rendered]:
    """One line per file, in the order the member sent them (the «📎» button sends them so)."""
    return [
        t(
            "triage-full-attachment-named" if f.file_name else "triage-full-attachment-line",
            number=number,
            kind=t.label(f"attachment-kind-{f.kind}"),
            name=f.file_name or "",
            when=t.datetime(parse_iso(f.added_at)),
        )
        for number, f in enumerate(files, start=1)
    ]


def _body(context: KhoosheContext, t: Texts, code: str | None) -> str:
    if code is None:
        return t.label("value-none")
    body = next((b for b in context.state.outside_bodies if b.code == code), None)
    return body.name(t.lang) if body else code


async def _history_lines(context: KhoosheContext, t: Texts, report: Report) -> list[Rendered]:
    names: dict[str, str] = {}
    lines = []
    for event in await history(context.db, report.id):
        if event.actor not in names:
            names[event.actor] = await _who(context, t, event.actor)
        lines.append(await _event_line(context, t, event, names[event.actor]))
    return lines


async def _who(context: KhoosheContext, t: Texts, actor: str) -> str:
    """A name for an event's actor ("member:<id>" or "staff:<platform>:<user id>")."""
    kind, _, rest = actor.partition(":")
    if kind == "member" and rest.isdigit():
        member = await get_member_by_id(context.db, int(rest))
        return member.name if member else t.label("triage-full-a-member")
    platform, _, user_id = rest.partition(":")
    if kind == "staff" and user_id.isdigit():
        # Staff who also registered as members have a name; others (admins) are "staff".
        staff = await get_member(context.db, platform, int(user_id))
        return staff.name if staff else t.label("triage-full-a-staff-member")
    return actor


async def _event_line(context: KhoosheContext, t: Texts, event: ReportEvent, who: str) -> Rendered:
    when = t.datetime(parse_iso(event.at))
    text = event.text or t.label("value-none")
    kind = event.kind if event.kind in EVENT_KINDS else "other"
    if kind == "status":
        return t(
            "triage-full-event-status",
            when=when,
            who=who,
            before=t(f"report-status-{event.from_status}") if event.from_status else "",
            after=t(f"report-status-{event.to_status}") if event.to_status else "",
        )
    if kind == "category":
        category = t(f"category-{text}")
        return t("triage-full-event-category", when=when, who=who, category=category)
    if kind == "referred":
        body = _body(context, t, event.text)
        return t("triage-full-event-referred", when=when, who=who, body=body)
    if kind == "merged_in":
        source = await get_report(context.db, int(text)) if text.isdigit() else None
        code = t.digits(source.code) if source else text
        return t("triage-full-event-merged_in", when=when, who=who, source=code)
    return t(f"triage-full-event-{kind}", when=when, who=who, text=text)


def register(app: Application) -> None:
    """Install /show and the card's "full text" button."""
    app.add_handler(CommandHandler("show", show_command, filters=staff_lists.staff_chats(app)))
    app.add_handler(CallbackQueryHandler(on_full_text, pattern=cb.TRIAGE_FULL_TEXT.pattern()))
