"""/consultations: the requests an adviser's cores (or, for staff, every core) received, with
per-core figures, filters by core, status and age, and an .xlsx of the same list.

Scope is decided here from `Access` (the one role check): an adviser sees their cores only,
whatever a forged filter names; staff and admins see every core.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, Role, access_of
from bot.services.workdays import is_overdue
from handlers.keyboards import answer, private_command, show_card
from handlers.tables import send_table
from storage.clock import parse_iso
from storage.consultation_lists import CoreFigures, Listed, core_figures, list_consultations
from storage.cores import Core, list_cores

SHOWN = 15


async def _visible_cores(context: KhoosheContext, access: Access) -> list[Core]:
    cores = await list_cores(context.db)
    return [c for c in cores if access.has(Role.STAFF) or access.advises(c.id)]


def _figures_line(t: Texts, figures: CoreFigures) -> str:
    hours = figures.first_answer_hours
    return t(
        "consult-figures-line",
        core=figures.name,
        requests=figures.requests,
        open=figures.open,
        hours=t.number(round(hours)) if hours is not None else "—",
        held=figures.sessions_held,
        rating=t.digits(f"{figures.rating:.1f}") if figures.rating is not None else "—",
        ratings=figures.ratings,
    )


def _overdue(context: KhoosheContext, listed: Listed, now: datetime) -> bool:
    c = listed.consultation
    if c.status != "new":
        return False
    settings = context.settings
    return is_overdue(
        parse_iso(c.created_at), now, settings.first_response_days, context.state.holidays,
        settings.tz,
    )  # fmt: skip


async def _query(
    context: KhoosheContext, access: Access, core: int, status: str, age: str
) -> tuple[list[Core], list[Listed]]:
    cores = await _visible_cores(context, access)
    ids = [c.id for c in cores if core in (0, c.id)]
    since = None
    if age != "0":
        since = (datetime.now(UTC) - timedelta(days=int(age))).isoformat(timespec="seconds")
    rows = await list_consultations(
        context.db, ids, status=None if status == "all" else status, since=since
    )
    return cores, rows


async def show(
    update: Update, context: KhoosheContext, core: int = 0, status: str = "open", age: str = "0"
) -> None:
    """The list with its figures and filter buttons."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if not access.consults:
        await show_card(update, context, context.t("consult-advisers-only"), None)
        return
    t = context.t
    cores, rows = await _query(context, access, core, status, age)
    now = datetime.now(UTC)
    figures = await core_figures(
        context.db, [c.id for c in cores], now.isoformat(timespec="seconds")
    )
    lines = [
        t(
            "consult-list-line",
            code=t.digits(r.consultation.code),
            core=r.core_name,
            status=t(f"consult-status-{r.consultation.status}"),
            name=r.member_name,
            company=r.company,
            date=t.date(parse_iso(r.consultation.created_at)),
            overdue=int(_overdue(context, r, now)),
        )
        for r in rows[:SHOWN]
    ]
    text = t(
        "consult-list",
        figures=t.join("\n", [_figures_line(t, f) for f in figures]) or "—",
        lines=t.join("\n", lines) or t("consult-list-empty"),
        total=len(rows),
        shown=min(len(rows), SHOWN),
    )
    await show_card(update, context, text, _markup(t, cores, core, status, age))


def _markup(t: Texts, cores: list[Core], core: int, status: str, age: str) -> InlineKeyboardMarkup:
    def button(label: str, on: bool, c: int, s: str, a: str) -> InlineKeyboardButton:
        text = f"✅ {label}" if on else label
        return InlineKeyboardButton(text, callback_data=cb.CONSULT_LIST.pack(c, s, a))

    core_row = [button(t.label("consult-filter-all-cores"), core == 0, 0, status, age)]
    core_row += [button(c.name, core == c.id, c.id, status, age) for c in cores]
    status_row = [
        button(t.label(f"consult-filter-{s}"), status == s, core, s, age)
        for s in cb.CONSULT_STATUSES
    ]
    age_row = [
        button(t.label(f"consult-age-{a}"), age == a, core, status, a) for a in cb.CONSULT_AGES
    ]
    export = InlineKeyboardButton(
        t.label("consult-button-export"),
        callback_data=cb.CONSULT_LIST_EXPORT.pack(core, status, age),
    )
    keyboard: list[list[InlineKeyboardButton]] = []
    for row in (core_row, status_row):
        keyboard += [row[i : i + 3] for i in range(0, len(row), 3)]
    return InlineKeyboardMarkup([*keyboard, age_row, [export]])


async def command(update: Update, context: KhoosheContext) -> None:
    """/consultations."""
    await show(update, context)


async def on_filter(update: Update, context: KhoosheContext) -> None:
    """A filter button: the list again, narrowed."""
    query = update.callback_query
    assert query is not None
    core, status, age = cb.CONSULT_LIST.values(query.data)
    await answer(update)
    await show(update, context, int(core), str(status), str(age))


async def on_export(update: Update, context: KhoosheContext) -> None:
    """The same list as an .xlsx."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query is not None and user is not None and chat is not None
    core, status, age = cb.CONSULT_LIST_EXPORT.values(query.data)
    access = await access_of(context, user.id)
    await answer(update, context.t("consult-export-coming"))
    _, rows = await _query(context, access, int(core), str(status), str(age))
    # Imported on first use: openpyxl (and numpy under it) is staff-only start-up weight.
    from bot.services.export import Column, table_workbook

    t = context.t
    columns = [
        Column(t.label("consult-col-code"), 10),
        Column(t.label("consult-col-core"), 28),
        Column(t.label("consult-col-status"), 14),
        Column(t.label("consult-col-member"), 20),
        Column(t.label("consult-col-company"), 20),
        Column(t.label("consult-col-cluster"), 14),
        Column(t.label("consult-col-created"), gregorian=t.label("consult-col-created-date")),
        Column(t.label("consult-col-answered"), gregorian=t.label("consult-col-answered-date")),
        Column(t.label("consult-col-sessions"), 8),
        Column(t.label("consult-col-rating"), 8),
        Column(t.label("consult-col-question"), 60),
    ]
    data = [
        (
            r.consultation.code,
            r.core_name,
            t.label(f"consult-status-{r.consultation.status}"),
            r.member_name,
            r.company,
            r.consultation.cluster_code,
            parse_iso(r.consultation.created_at),
            parse_iso(r.consultation.first_answer_at) if r.consultation.first_answer_at else None,
            r.sessions,
            r.rating if r.rating is not None else "",
            r.consultation.question,
        )
        for r in rows
    ]
    await send_table(
        context.bot,
        chat.id,
        lambda: table_workbook(columns, data, t.lang, context.settings.tz),
        "consultations.xlsx",
        t("consult-export-caption", count=len(rows)),
    )


def register(app: Application) -> None:
    """Install /consultations and its buttons."""
    app.add_handler(private_command("consultations", command))
    app.add_handler(CallbackQueryHandler(on_filter, pattern=cb.CONSULT_LIST.pattern()))
    app.add_handler(CallbackQueryHandler(on_export, pattern=cb.CONSULT_LIST_EXPORT.pattern()))
