"""/reports and /export_reports: staff lists of reports, filtered, paged, exported.

Cluster agents see only their clusters: the scope comes from bot/roles.py, never from the
buttons, whose data can be forged.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot import callbacks as cb
from bot.context import KhoosheApplication, KhoosheContext
from bot.i18n import Rendered, Texts
from bot.roles import Role, access_of, requires
from bot.services.report_files import export_text
from bot.services.reports import CATEGORIES
from bot.services.triage import overdue
from handlers.keyboards import button, rows, send_choices
from handlers.tables import send_table
from storage.attachments import attachment_counts
from storage.clock import parse_iso
from storage.clusters import cluster_names, list_places
from storage.report_triage import (
    ReportFilter,
    coreporter_counts,
    list_reports,
    units_by_cluster_many,
)
from storage.reports import OPEN_STATUSES

PAGE = 8
EXPORT_MAX = 20_000
STATUS_CHOICES = ("open", "new", "in_review", "referred", "resolved", "closed", "rejected", "all")
AGES = (0, 3, 7, 30)


def _state(context: KhoosheContext) -> dict[str, Any]:
    assert context.user_data is not None
    state: dict[str, Any] = context.user_data.setdefault(
        "report_list",
        {"status": "open", "category": None, "cluster": None, "body": None, "age": 0},
    )
    return state


async def _filter(update: Update, context: KhoosheContext) -> ReportFilter:
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    state = _state(context)
    status = state.get("status", "open")
    statuses = OPEN_STATUSES if status == "open" else () if status == "all" else (status,)
    age = int(state.get("age") or 0)
    before = (
        (datetime.now(UTC) - timedelta(days=age)).isoformat(timespec="seconds") if age else None
    )
    return ReportFilter(
        clusters=None if access.has(Role.STAFF) else access.agent_clusters,
        statuses=statuses,
        category=state.get("category"),
        cluster=state.get("cluster"),
        created_before=before,
        # Lists saved before this filter existed have no "body": they mean any body.
        outside_body=state.get("body"),
    )


def _body_codes(context: KhoosheContext) -> set[str]:
    return {b.code for b in context.state.outside_bodies}


def _body_name(context: KhoosheContext, code: str) -> str:
    """A body's name in the staff member's language; the code if staff removed it from the file."""
    body = next((b for b in context.state.outside_bodies if b.code == code), None)
    return body.name(context.t.lang) if body else code


def _code(context: KhoosheContext, code: str) -> str:
    return context.t.digits(code)


def by_cluster_text(t: Texts, counts: Mapping[str, int], names: Mapping[str, str]) -> Rendered:
    """ "Leather and shoes 2, Furniture 1": the units on a report, per cluster (in `counts`'
    order: largest first)."""
    parts = [f"{names.get(code, code)} {t.digits(count)}" for code, count in counts.items()]
    return t.join(t.label("list-separator"), parts)


def _units(t: Texts, total: int, counts: Mapping[str, int], names: Mapping[str, str]) -> Rendered:
    """The units on a list line; per cluster only when they come from more than one."""
    if len(counts) > 1:
        by_cluster = by_cluster_text(t, counts, names)
        return t("staff-units-by-cluster", count=total, by_cluster=by_cluster)
    return t("staff-units", count=total)


async def _send_list(update: Update, context: KhoosheContext, page: int) -> None:
    t = context.t
    f = await _filter(update, context)
    reports, total = await list_reports(context.db, f, PAGE, page * PAGE)
    counts = await coreporter_counts(context.db, [r.id for r in reports])
    by_cluster = await units_by_cluster_many(context.db, [r.id for r in reports])
    late = await overdue(
        context.db, reports, context.state.holidays, context.settings, datetime.now(UTC)
    )
    names = await cluster_names(context.db, t.lang)
    lines = [
        t(
            "staff-list-line",
            code=_code(context, r.code),
            overdue="⏰ " if late.get(r.id) else "",
            urgent=int(r.urgent),
            status=t(f"report-status-{r.status}"),
            category=t(f"category-{r.category}"),
            cluster=names.get(r.cluster_code, r.cluster_code),
            units=_units(t, counts.get(r.id, 0) + 1, by_cluster.get(r.id, {}), names),
            date=t.date(parse_iso(r.created_at)),
            summary=r.summary,
        )
        for r in reports
    ]
    state = _state(context)
    described = t(
        "staff-list-filter",
        status=t.label(f"staff-status-{state.get('status', 'open')}"),
        category=t(f"category-{state['category']}") if state.get("category") else t("staff-any"),
        cluster=names.get(state["cluster"], state["cluster"])
        if state.get("cluster")
        else t("staff-any"),
        age=t("staff-list-age", days=state["age"]) if state.get("age") else "",
        body=t("staff-list-body", body=_body_name(context, state["body"]))
        if state.get("body")
        else "",
    )
    text = (
        t("staff-list", filter=described, total=total, lines=t.join("\n", lines))
        if total
        else t("staff-list-empty", filter=described)
    )
    # One button per row opens its card, with every action (in this chat: no group needed).
    opens = [
        InlineKeyboardButton(
            t.label("staff-button-open-urgent" if r.urgent else "staff-button-open",
                    code=_code(context, r.code)),
            callback_data=cb.TRIAGE_OPEN.pack(r.id),
        )
        for r in reports
    ]  # fmt: skip
    filters_by = [
        button(t, f"staff-button-{which}", cb.LIST_FILTER_MENU.pack(which))
        for which in ("status", "category", "cluster", "body", "age")
    ]
    keyboard = [*rows(opens, 4), *rows(filters_by, 2)]
    nav = []
    if page > 0:
        nav.append(button(t, "button-previous", cb.LIST_PAGE.pack(page - 1)))
    if (page + 1) * PAGE < total:
        nav.append(button(t, "button-next", cb.LIST_PAGE.pack(page + 1)))
    if nav:
        keyboard.append(nav)
    if total:
        keyboard.append([button(t, "staff-button-export", cb.LIST_EXPORT.pack())])
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text, reply_markup=InlineKeyboardMarkup(keyboard))


@requires(Role.CLUSTER_AGENT)
async def reports_command(update: Update, context: KhoosheContext) -> None:
    """/reports: the reports in this staff member's scope."""
    await _send_list(update, context, 0)


@requires(Role.CLUSTER_AGENT)
async def on_page(update: Update, context: KhoosheContext) -> None:
    """Another page of the list."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await _send_list(update, context, cb.LIST_PAGE.first_int(query.data) or 0)


@requires(Role.CLUSTER_AGENT)
async def on_filter_menu(update: Update, context: KhoosheContext) -> None:
    """The choices for one filter."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = context.t
    (which,) = cb.LIST_FILTER_MENU.unpack(query.data) or ("",)
    if which == "status":
        choices = [
            (t.label(f"staff-status-{s}"), cb.LIST_FILTER_SET.pack("status", s))
            for s in STATUS_CHOICES
        ]
    elif which == "category":
        choices = [
            (t.label(f"category-{c}"), cb.LIST_FILTER_SET.pack("category", c)) for c in CATEGORIES
        ]
        choices.append((t.label("staff-any"), cb.LIST_FILTER_SET.pack("category", "-")))
    elif which == "cluster":
        user = update.effective_user
        assert user is not None
        access = await access_of(context, user.id)
        places = await list_places(context.db, "cluster")
        scoped = [p for p in places if access.covers_cluster(p.code)]
        choices = [(p.name(t.lang), cb.LIST_FILTER_SET.pack("cluster", p.code)) for p in scoped]
        choices.append((t.label("staff-any"), cb.LIST_FILTER_SET.pack("cluster", "-")))
    elif which == "body":
        choices = [
            (b.name(t.lang), cb.LIST_FILTER_SET.pack("body", b.code))
            for b in context.state.outside_bodies
        ]
        choices.append((t.label("staff-any"), cb.LIST_FILTER_SET.pack("body", "-")))
    else:
        choices = [
            (
                t.label("staff-age", days=d) if d else t.label("staff-any"),
                cb.LIST_FILTER_SET.pack("age", d),
            )
            for d in AGES
        ]
    await send_choices(update, context, t("staff-choose-filter"), choices)


@requires(Role.CLUSTER_AGENT)
async def on_filter_set(update: Update, context: KhoosheContext) -> None:
    """Apply one filter choice (validated: the data may be forged) and show the list."""
    query = update.callback_query
    assert query is not None and query.data is not None
    which, value = (str(v) for v in cb.LIST_FILTER_SET.unpack(query.data) or ("", ""))
    state = _state(context)
    valid = (
        (which == "status" and value in STATUS_CHOICES)
        or (which == "category" and (value in CATEGORIES or value == "-"))
        or (which == "cluster" and value)  # scope is enforced by _filter, not by this value
        or (which == "body" and (value == "-" or value in _body_codes(context)))
        or (which == "age" and value.isdigit() and int(value) in AGES)
    )
    if not valid:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await query.answer()
    state[which] = int(value) if which == "age" else (None if value == "-" else value)
    await _send_list(update, context, 0)


@requires(Role.CLUSTER_AGENT)
async def export_reports(update: Update, context: KhoosheContext) -> None:
    """/export_reports (or the list's button): an .xlsx of the filtered reports."""
    # Imported on first use: openpyxl (and numpy under it) is staff-only start-up weight.
    from bot.services.export import COLUMNS, DATE_COLUMNS, ExportRow, header_ids, reports_workbook

    if update.callback_query is not None:
        await update.callback_query.answer()
    t = context.t
    f = await _filter(update, context)
    reports, _ = await list_reports(context.db, f, EXPORT_MAX)
    counts = await coreporter_counts(context.db, [r.id for r in reports])
    files = await attachment_counts(context.db, [r.id for r in reports])
    late = await overdue(
        context.db, reports, context.state.holidays, context.settings, datetime.now(UTC)
    )
    names = await cluster_names(context.db, t.lang)
    yes, no = t.label("staff-yes"), t.label("staff-no")
    export_rows = [
        ExportRow(
            code=r.code,
            cluster=names.get(r.cluster_code, r.cluster_code),
            category=t.label(f"category-{r.category}"),
            status=t.label(f"report-status-{r.status}"),
            urgent=yes if r.urgent else no,
            summary=r.summary,
            created=parse_iso(r.created_at),
            updated=parse_iso(r.updated_at),
            co_reporters=counts.get(r.id, 0),
            overdue=yes if late.get(r.id) else no,
            outside_body=_body_name(context, r.outside_body) if r.outside_body else "",
            attachments=export_text(t, files.get(r.id, {})),
            description=r.description,
        )
        for r in reports
    ]
    headers = {c: t.label(f"export-col-{c}") for c in header_ids(COLUMNS, DATE_COLUMNS)}
    chat = update.effective_chat
    assert chat is not None
    tz = context.settings.tz
    stamp = datetime.now(tz).strftime("%Y%m%d-%H%M")
    await send_table(
        context.bot,
        chat.id,
        lambda: reports_workbook(export_rows, headers, t.lang, tz),
        f"khooshe_reports_{stamp}.xlsx",
        t("staff-export-caption", count=len(export_rows)),
    )


def staff_chats(app: Application) -> filters.BaseFilter:
    """Private chats and this platform's staff group: never a members' group."""
    assert isinstance(app, KhoosheApplication)
    group = app.state.settings.staff_chat_id(app.state.platform)
    private = filters.ChatType.PRIVATE
    return private | filters.Chat(group) if group is not None else private


def register(app: Application) -> None:
    """Install /reports, /export_reports and the list's buttons."""
    where = staff_chats(app)
    app.add_handler(CommandHandler("reports", reports_command, filters=where))
    app.add_handler(CommandHandler("export_reports", export_reports, filters=where))
    app.add_handler(CallbackQueryHandler(on_page, pattern=cb.LIST_PAGE.pattern()))
    app.add_handler(CallbackQueryHandler(on_filter_menu, pattern=cb.LIST_FILTER_MENU.pattern()))
    app.add_handler(CallbackQueryHandler(on_filter_set, pattern=cb.LIST_FILTER_SET.pattern()))
    app.add_handler(CallbackQueryHandler(export_reports, pattern=cb.LIST_EXPORT.pattern()))
