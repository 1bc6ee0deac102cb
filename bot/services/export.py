"""The workbooks staff download: localised headers, real dates beside Jalali ones, right-to-left
for fa.

Every export goes through table_workbook: a date is shown as Jalali text, which is what Persian
readers read, and stored beside it as a spreadsheet date value in the bot's time zone, which
staff can sort and filter by.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from bot.i18n import format_datetime, persian_script

__all__ = [
    "COLUMNS",
    "DATE_COLUMNS",
    "DATE_FORMAT",
    "Column",
    "ExportRow",
    "header_ids",
    "reports_workbook",
    "table_workbook",
]

# Column ids in sheet order; callers map each to a header from the locale files.
COLUMNS = (
    "code",
    "cluster",
    "category",
    "status",
    "urgent",
    "summary",
    "created",
    "updated",
    "co_reporters",
    "overdue",
    "outside_body",
    "attachments",
    # Last: the whole text is long, and staff scan the short columns first.
    "description",
)
# The reports' date columns: each (Jalali text) is followed by its date value, headed
# "<id>_gregorian".
DATE_COLUMNS = ("created", "updated")
# How a date value shows in the sheet: ISO order sorts the same as the value, in any locale.
DATE_FORMAT = "yyyy-mm-dd hh:mm"
# Widths in characters: wide enough for typical values (a Persian Jalali date-time is about 30)
# without making staff scroll sideways past a long summary.
_WIDTHS = {
    "code": 10,
    "cluster": 24,
    "category": 24,
    "status": 14,
    "urgent": 8,
    "summary": 60,
    "created": 30,
    "updated": 30,
    "co_reporters": 10,
    "overdue": 10,
    "outside_body": 22,
    "attachments": 30,
    "description": 80,
}
_DATE_WIDTH = 17
_JALALI_WIDTH = 30
# Excel refuses cells longer than this. A description is at most 12,000 characters today, but
# the limit is Excel's, not ours: longer text is cut and ends with an ellipsis.
_MAX_CELL = 32_767
# Characters Excel's sheet names may not contain, and its length limit for them.
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
_MAX_SHEET_TITLE = 31

# What a table's cell may hold: text, a number, an aware datetime (date columns) or nothing.
Value = str | int | datetime | None


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table as staff see it.

    A date column (`gregorian` set) takes aware datetimes: it becomes two sheet columns, the
    Jalali text under `header` and the date value under `gregorian`.
    """

    header: str
    width: int = 16
    gregorian: str | None = None
    # Long text (a problem, a solution) wraps inside its column, so a printed page shows it.
    wrap: bool = False


def header_ids(columns: Iterable[str], dates: Iterable[str]) -> tuple[str, ...]:
    """The header ids a table needs: each column's, and "<id>_gregorian" after a date column."""
    dated = set(dates)
    ids: list[str] = []
    for column in columns:
        ids.append(column)
        if column in dated:
            ids.append(f"{column}_gregorian")
    return tuple(ids)


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One report as staff see it: labels already in the export's language, times aware."""

    code: str
    cluster: str
    category: str
    status: str
    urgent: str
    summary: str
    created: datetime
    updated: datetime
    co_reporters: int
    overdue: str
    outside_body: str
    # How many files members attached, and of which kinds ("3: 1 photo, 1 file, 1 voice note").
    attachments: str
    description: str


_WRAP = Alignment(wrap_text=True, vertical="top")


def _text(ws: WriteOnlyWorksheet, value: str) -> Cell:
    """Return a cell that holds value as plain text, whatever it starts with."""
    # Member-written text such as "=HYPERLINK(...)" must stay text: openpyxl would otherwise
    # store it as a formula that Excel evaluates. Control characters (which Telegram lets
    # through) make openpyxl refuse the whole file; they are invisible, so they go.
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > _MAX_CELL:
        value = value[: _MAX_CELL - 1] + "…"
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


def _row(row: ExportRow) -> list[Value]:
    """Return the table row for one report, in COLUMNS order."""
    return [
        row.code,
        row.cluster,
        row.category,
        row.status,
        row.urgent,
        row.summary,
        row.created,
        row.updated,
        row.co_reporters,
        row.overdue,
        row.outside_body,
        row.attachments,
        row.description,
    ]


def reports_workbook(
    rows: Iterable[ExportRow],
    headers: Mapping[str, str],
    lang: str,
    tz: ZoneInfo,
    *,
    title: str | None = None,
) -> bytes:
    """Return an .xlsx of rows, headers mapping each id of header_ids(COLUMNS, DATE_COLUMNS)
    to its localised text.

    CPU-bound, about two seconds for 10,000 rows: call it through asyncio.to_thread.
    """
    missing = [c for c in header_ids(COLUMNS, DATE_COLUMNS) if c not in headers]
    if missing:
        raise ValueError(f"no header for columns: {', '.join(missing)}")
    columns = [
        Column(
            headers[c],
            max(_WIDTHS[c], len(headers[c]) + 2),
            headers[f"{c}_gregorian"] if c in DATE_COLUMNS else None,
        )
        for c in COLUMNS
    ]
    return table_workbook(columns, (_row(r) for r in rows), lang, tz, title=title)


def _sheet_title(title: str) -> str:
    """Return title made acceptable as an Excel sheet name."""
    cleaned = " ".join(title.translate(_SHEET_TITLE_FORBIDDEN).split())
    return cleaned[:_MAX_SHEET_TITLE] or "Sheet"


def _date(ws: WriteOnlyWorksheet, value: datetime | None, tz: ZoneInfo) -> Cell:
    """Return a cell holding value as a spreadsheet date in tz (empty for None)."""
    if value is None:
        return WriteOnlyCell(ws, value=None)
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value.isoformat()}: pass an aware datetime")
    # Spreadsheets have no time zones: the value is the wall-clock time staff live in.
    cell = WriteOnlyCell(ws, value=value.astimezone(tz).replace(tzinfo=None))
    cell.number_format = DATE_FORMAT
    return cell


def _cells(
    ws: WriteOnlyWorksheet,
    columns: Sequence[Column],
    row: Sequence[Value],
    lang: str,
    tz: ZoneInfo,
) -> list[Cell | int]:
    """Return the sheet cells of one table row (a date column gives two)."""
    if len(row) != len(columns):
        raise ValueError(f"a row of {len(row)} values for {len(columns)} columns")
    cells: list[Cell | int] = []
    for column, value in zip(columns, row, strict=True):
        if column.gregorian is not None:
            if value is not None and not isinstance(value, datetime):
                raise TypeError(f"column {column.header!r} takes datetimes, not {value!r}")
            jalali = "" if value is None else format_datetime(value, lang, tz)
            cells.append(_text(ws, jalali))
            cells.append(_date(ws, value, tz))
        elif isinstance(value, int) and not isinstance(value, bool):
            cells.append(value)
        elif isinstance(value, datetime):
            raise TypeError(f"a datetime in column {column.header!r}, which is not a date column")
        else:
            cell = _text(ws, "" if value is None else str(value))
            if column.wrap:
                cell.alignment = _WRAP
            cells.append(cell)
    return cells


def table_workbook(
    columns: Sequence[Column],
    rows: Iterable[Sequence[Value]],
    lang: str,
    tz: ZoneInfo,
    *,
    title: str | None = None,
    printable: bool = False,
) -> bytes:
    """Return an .xlsx of rows under bold headers: filterable, header frozen, right-to-left
    for Persian, each date as Jalali text with its date value beside it. A `printable` one
    is set up for an office printer: A4 landscape, all columns fitted to the page's width,
    the header row repeated on every page.

    Member-written text stays text (never a formula). CPU-bound: call it through
    asyncio.to_thread (handlers/tables.py send_table does).
    """
    # Write-only mode streams rows to a temporary file instead of keeping a cell object per
    # value: 10,000 reports peak at about a megabyte of Python memory.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(title) if title else None)
    ws.sheet_view.rightToLeft = persian_script(lang)
    if printable:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages long as it takes
        ws.print_title_rows = "1:1"
    headers: list[str] = []
    widths: list[int] = []
    for column in columns:
        headers.append(column.header)
        if column.gregorian is None:
            widths.append(max(column.width, len(column.header) + 2))
        else:
            widths.append(max(column.width, _JALALI_WIDTH, len(column.header) + 2))
            headers.append(column.gregorian)
            widths.append(max(_DATE_WIDTH, len(column.gregorian) + 2))
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    # Keep the header in view while scrolling (freeze everything above A2).
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header_row = []
    for header in headers:
        cell = _text(ws, header)
        cell.font = bold
        header_row.append(cell)
    ws.append(header_row)
    count = 0
    try:
        for row in rows:
            ws.append(_cells(ws, columns, row, lang, tz))
            count += 1
    except Exception:
        # A row that does not fit its columns is the caller's bug: finish the half-written
        # file anyway, which closes and removes the streaming writer's temporary file.
        with contextlib.suppress(Exception):
            wb.save(io.BytesIO())
        raise
    # Only now is the last row known; openpyxl writes autoFilter after the rows, so it is not
    # too late even though the rows have been streamed out already.
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
