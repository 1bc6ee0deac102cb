"""The reports workbook staff download: localised headers, Jalali dates, right-to-left for fa."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.i18n import format_datetime

__all__ = ["COLUMNS", "ExportRow", "reports_workbook", "table_workbook"]

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
# Excel refuses cells longer than this. A description is at most 12,000 characters today, but
# the limit is Excel's, not ours: longer text is cut and ends with an ellipsis.
_MAX_CELL = 32_767
# Characters Excel's sheet names may not contain, and its length limit for them.
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
_MAX_SHEET_TITLE = 31


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


def _cells(ws: WriteOnlyWorksheet, row: ExportRow, lang: str, tz: ZoneInfo) -> list[Cell | int]:
    """Return the sheet row for one report, in COLUMNS order."""
    return [
        _text(ws, row.code),
        _text(ws, row.cluster),
        _text(ws, row.category),
        _text(ws, row.status),
        _text(ws, row.urgent),
        _text(ws, row.summary),
        _text(ws, format_datetime(row.created, lang, tz)),
        _text(ws, format_datetime(row.updated, lang, tz)),
        row.co_reporters,
        _text(ws, row.overdue),
        _text(ws, row.outside_body),
        _text(ws, row.attachments),
        _text(ws, row.description),
    ]


def reports_workbook(
    rows: Iterable[ExportRow],
    headers: Mapping[str, str],
    lang: str,
    tz: ZoneInfo,
    *,
    title: str | None = None,
) -> bytes:
    """Return an .xlsx of rows, headers mapping each id in COLUMNS to its localised text.

    CPU-bound, about two seconds for 10,000 rows: call it through asyncio.to_thread.
    """
    missing = [column for column in COLUMNS if column not in headers]
    if missing:
        raise ValueError(f"no header for columns: {', '.join(missing)}")
    # Write-only mode streams rows to a temporary file instead of keeping a cell object per
    # value: 10,000 reports peak at about a megabyte of Python memory.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(title) if title else None)
    ws.sheet_view.rightToLeft = lang.lower().startswith("fa")
    for index, column in enumerate(COLUMNS, start=1):
        width = max(_WIDTHS[column], len(headers[column]) + 2)
        ws.column_dimensions[get_column_letter(index)].width = width
    # Keep the header in view while scrolling (freeze everything above A2).
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header_row = []
    for column in COLUMNS:
        cell = _text(ws, headers[column])
        cell.font = bold
        header_row.append(cell)
    ws.append(header_row)
    count = 0
    for row in rows:
        ws.append(_cells(ws, row, lang, tz))
        count += 1
    # Only now is the last row known; openpyxl writes autoFilter after the rows, so it is not
    # too late even though the rows have been streamed out already.
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Return title made acceptable as an Excel sheet name."""
    cleaned = " ".join(title.translate(_SHEET_TITLE_FORBIDDEN).split())
    return cleaned[:_MAX_SHEET_TITLE] or "Sheet"


def table_workbook(headers: Sequence[str], rows: Iterable[Sequence[str]], rtl: bool) -> bytes:
    """Return an .xlsx of text rows under bold headers (e.g. a broadcast's undelivered list)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.sheet_view.rightToLeft = rtl
    for index, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(16, len(header) + 2)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header_row = []
    for header in headers:
        cell = _text(ws, header)
        cell.font = bold
        header_row.append(cell)
    ws.append(header_row)
    for row in rows:
        ws.append([_text(ws, value) for value in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
