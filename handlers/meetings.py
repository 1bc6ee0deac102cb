"""/meetings: the joint meetings ahead with their agendas (proposals and reports, in order), and
each meeting's proposal pack as an .xlsx (right to left, supports and evidence counted per
item). Proposals themselves are handlers/proposals.py; the meetings' forms meeting_forms.py."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, access_of
from bot.services import proposals as service
from bot.text import shorten
from handlers.keyboards import answer, chat_id_of, rows
from handlers.proposals import meetings_ahead, pressed_id
from handlers.tables import send_table
from storage.clusters import cluster_names
from storage.meeting_agenda import (
    AgendaReport,
    agenda_reports,
)
from storage.proposals import (
    Proposal,
    agenda,
    supports,
)
from storage.report_triage import coreporter_counts

log = logging.getLogger(__name__)

LISTED = 10
MEETINGS = 8


Item = Proposal | AgendaReport


async def agenda_items(context: KhoosheContext, access: Access, meeting_id: int) -> list[Item]:
    """A meeting's agenda in order: proposals and reports, those of the reader's clusters."""
    proposals: list[Item] = [
        p for p in await agenda(context.db, meeting_id) if access.covers_clusters(set(p.clusters))
    ]
    reports: list[Item] = [
        r
        for r in await agenda_reports(context.db, meeting_id)
        if access.covers_cluster(r.cluster_code)
    ]
    return sorted(proposals + reports, key=lambda item: item.agenda_order or 0)


def _item_line(t: Texts, number: int, item: Item) -> str:
    if isinstance(item, AgendaReport):
        key = "meeting-item-report-decided" if item.decision_text else "meeting-item-report-open"
        return t(
            key,
            number=number,
            code=t.digits(item.code),
            summary=shorten(item.summary, 60),
            status=t(f"report-status-{item.status}"),
        )
    return t(
        "meeting-item",
        number=number,
        title=item.title,
        status=t(f"proposal-status-{item.status}"),
    )


async def meetings_command(update: Update, context: KhoosheContext) -> None:
    """/meetings: the joint meetings with their agendas (only the reader's clusters' items),
    a button to add a report, one to record the decision on each report, and the pack."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    t = context.t
    meetings = await meetings_ahead(context)
    if not meetings:
        await context.bot.send_message(chat_id_of(update), t("proposal-no-meetings"))
        return
    for meeting_id, title, at in meetings:
        items = await agenda_items(context, access, meeting_id)
        lines: list[str] = [t("meeting-head", title=title, when=at, count=len(items))]
        lines += [_item_line(t, i, item) for i, item in enumerate(items, start=1)]
        buttons = [
            InlineKeyboardButton(
                t.label("meeting-button-decide-report", code=t.digits(item.code)),
                callback_data=cb.MEETING_REPORT_DECIDE.pack(meeting_id, item.report_id),
            )
            for item in items
            if isinstance(item, AgendaReport) and item.decision_text is None
        ]
        buttons.append(
            InlineKeyboardButton(
                t.label("meeting-button-add-report"),
                callback_data=cb.MEETING_ADD_REPORT.pack(meeting_id),
            )
        )
        if items:
            buttons.append(
                InlineKeyboardButton(
                    t.label("meeting-button-pack"), callback_data=cb.MEETING_PACK.pack(meeting_id)
                )
            )
        await context.bot.send_message(
            chat_id_of(update),
            "\n".join(lines),
            reply_markup=InlineKeyboardMarkup(rows(buttons, 2)),
        )


PACK_COLUMNS = (
    "order", "title", "clusters", "problem", "solution", "body", "supports", "by_cluster",
    "reports", "members", "surveys", "topics", "status", "decision", "due",
)  # fmt: skip


async def on_pack(update: Update, context: KhoosheContext) -> None:
    """The meeting's proposal pack: one row per agenda item, supports and evidence counted."""
    from bot.services.export import Column, Value, table_workbook
    from storage.offerings import get_offering

    meeting = await get_offering(context.db, pressed_id(update, cb.MEETING_PACK))
    t = context.t
    if meeting is None or meeting.kind != "meeting":
        await answer(update, t("button-expired"), alert=True)
        return
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    items = await agenda_items(context, access, meeting.id)
    if not items:
        await answer(update, t("meeting-agenda-empty"), alert=True)
        return
    await answer(update)
    names = await cluster_names(context.db, context.t.lang)
    bodies = context.state.outside_bodies
    counts = await coreporter_counts(
        context.db,
        [r for item in items for r in (
            [item.report_id] if isinstance(item, AgendaReport) else item.reports
        )],
    )  # fmt: skip
    table: list[tuple[Value, ...]] = []
    for order, item in enumerate(items, start=1):
        if isinstance(item, AgendaReport):
            values: dict[str, Value] = {
                "title": t.label("meeting-pack-report", code=t.digits(item.code)),
                "clusters": names.get(item.cluster_code, item.cluster_code),
                "problem": item.summary,
                "body": service.body_name(bodies, item.decision_body, t.lang) or "",
                "reports": 1,
                "members": 1 + counts.get(item.report_id, 0),
                "status": t.label(f"report-status-{item.status}"),
                "decision": item.decision_text or "",
                "due": item.decision_due,
            }
        else:
            found = await supports(context.db, item.id)
            values = {
                "title": item.title,
                "clusters": t.label("list-separator").join(names.get(c, c) for c in item.clusters),
                "problem": item.problem,
                "solution": item.solution,
                "body": service.body_name(bodies, item.body, t.lang) or "",
                "supports": found.total,
                "by_cluster": t.label("list-separator").join(
                    f"{names.get(c, c)}: {t.digits(n)}"
                    for c, n in sorted(found.by_cluster().items())
                ),
                "reports": len(item.reports),
                "members": len(item.reports) + sum(counts.get(r, 0) for r in item.reports),
                "surveys": len(item.surveys),
                "topics": len(item.topics),
                "status": t.label(f"proposal-status-{item.status}"),
                "decision": t.label(f"proposal-decision-{item.decision}") if item.decision else "",
                "due": item.decision_due,
            }
        values["order"] = order
        table.append(tuple(values.get(c) for c in PACK_COLUMNS))
    columns = [
        Column(
            t.label(f"meeting-col-{c}"),
            40 if c in ("problem", "solution", "decision") else 16,
            gregorian=t.label("meeting-col-due_gregorian") if c == "due" else None,
            wrap=c in ("title", "problem", "solution", "by_cluster", "decision"),
        )
        for c in PACK_COLUMNS
    ]
    tz = context.settings.tz
    await send_table(
        context.bot,
        chat_id_of(update),
        lambda: table_workbook(
            columns, table, t.lang, tz, title=shorten(meeting.title, 30), printable=True
        ),
        f"meeting-{meeting.id}-pack.xlsx",
        t("meeting-pack-caption", title=meeting.title, count=len(items)),
    )
