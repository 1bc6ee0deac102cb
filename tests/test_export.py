"""Tests for bot.services.export: the reports workbook staff download."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.i18n import TEHRAN
from bot.services.export import COLUMNS, ExportRow, reports_workbook

SHEET_XML = "xl/worksheets/sheet1.xml"

# Stand-ins for the locale files' header texts, in COLUMNS order.
HEADERS = {
    "fa": dict(
        zip(
            COLUMNS,
            (
                "کد پیگیری", "خوشه", "دسته", "وضعیت", "فوری", "خلاصه", "ثبت",
                "آخرین تغییر", "هم‌گزارش‌دهندگان", "دیرکرد", "دستگاه مسئول", "پیوست‌ها", "شرح",
            ),
            strict=True,
        )
    ),
    "en": dict(
        zip(
            COLUMNS,
            (
                "Tracking code", "Cluster", "Category", "Status", "Urgent", "Summary", "Created",
                "Last update", "Co-reporters", "Overdue", "Outside body", "Attachments",
                "Description",
            ),
            strict=True,
        )
    ),
}  # fmt: skip

ROW = ExportRow(
    code="482913",
    cluster="مبلمان و صنایع چوب",
    category="برق و انرژی",
    status="در حال بررسی",
    urgent="بله",
    summary="قطعی مکرر برق در شهرک صنعتی",
    created=datetime(2025, 12, 6, 13, 0, tzinfo=UTC),  # Saturday 15 Azar 1404, 16:30 Tehran
    updated=datetime(2025, 12, 9, 6, 5, tzinfo=UTC),  # Tuesday 18 Azar 1404, 09:35 Tehran
    co_reporters=3,
    overdue="خیر",
    outside_body="شرکت توزیع نیروی برق",
    attachments="۳: ۱ عکس، ۱ فایل، ۱ پیام صوتی",
    description="از دیروز سه بار برق رفته و دستگاه‌های تزریق خوابیده است.",
)


def sheet(data: bytes) -> Worksheet:
    """Return the only worksheet of an .xlsx (any openpyxl warning fails the test)."""
    workbook = load_workbook(io.BytesIO(data))
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


def values(ws: Worksheet) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_headers_and_layout(lang: str) -> None:
    ws = sheet(reports_workbook([ROW, ROW], HEADERS[lang], lang, TEHRAN))
    rows = values(ws)
    assert rows[0] == tuple(HEADERS[lang][column] for column in COLUMNS)
    assert len(rows) == 3
    assert all(cell.font.bold for cell in ws[1])
    assert not ws["A2"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:M3"
    assert bool(ws.sheet_view.rightToLeft) is (lang == "fa")
    widths = {column: ws.column_dimensions[column].width for column in "ABCDEFGHIJKLM"}
    assert widths["F"] > widths["A"]  # the summary gets room
    assert widths["M"] > widths["F"]  # and the whole description more
    assert all(width >= 8 for width in widths.values())


def test_persian_row_with_jalali_dates() -> None:
    ws = sheet(reports_workbook([ROW], HEADERS["fa"], "fa", TEHRAN))
    assert values(ws)[1] == (
        "482913",
        "مبلمان و صنایع چوب",
        "برق و انرژی",
        "در حال بررسی",
        "بله",
        "قطعی مکرر برق در شهرک صنعتی",
        "شنبه ۱۵ آذر ۱۴۰۴، ساعت ۱۶:۳۰",
        "سه‌شنبه ۱۸ آذر ۱۴۰۴، ساعت ۰۹:۳۵",
        3,
        "خیر",
        "شرکت توزیع نیروی برق",
        "۳: ۱ عکس، ۱ فایل، ۱ پیام صوتی",
        "از دیروز سه بار برق رفته و دستگاه‌های تزریق خوابیده است.",
    )


def test_english_dates_keep_latin_digits() -> None:
    ws = sheet(reports_workbook([ROW], HEADERS["en"], "en", TEHRAN))
    assert values(ws)[1][6:8] == ("Saturday 15 Azar 1404, 16:30", "Tuesday 18 Azar 1404, 09:35")


@pytest.mark.parametrize(
    ("summary", "stored"),
    [
        pytest.param('=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")', id="formula"),
        pytest.param("+98 914 123 4567", "+98 914 123 4567", id="plus"),
        pytest.param("برق\x00 قطع\x1b است", "برق قطع است", id="control-characters"),
        pytest.param("الف" * 20_000, ("الف" * 20_000)[:32_766] + "…", id="over-excel-limit"),
        pytest.param("ب" * 32_767, "ب" * 32_767, id="at-excel-limit"),
    ],
)
def test_member_text_stays_text(summary: str, stored: str) -> None:
    ws = sheet(reports_workbook([replace(ROW, summary=summary)], HEADERS["fa"], "fa", TEHRAN))
    cell = ws["F2"]
    assert cell.value == stored
    assert cell.data_type == "s"


def test_the_whole_description_is_exported_up_to_excels_limit() -> None:
    long = "برق قطع است. " * 3_000  # 39,000 characters: more than a cell holds
    rows = [replace(ROW, description="خط اول\nخط دوم"), replace(ROW, description=long)]
    ws = sheet(reports_workbook(rows, HEADERS["fa"], "fa", TEHRAN))
    assert ws["M1"].value == "شرح"
    assert ws["M2"].value == "خط اول\nخط دوم"
    stored = ws["M3"].value
    assert isinstance(stored, str) and len(stored) == 32_767
    assert stored.endswith("…") and stored[:-1] == long[:32_766]


def test_empty_list_has_headers_only() -> None:
    ws = sheet(reports_workbook([], HEADERS["fa"], "fa", TEHRAN))
    assert values(ws) == [tuple(HEADERS["fa"][column] for column in COLUMNS)]
    assert ws.auto_filter.ref == "A1:M1"


def test_sheet_title() -> None:
    data = reports_workbook([ROW], HEADERS["fa"], "fa", TEHRAN, title="گزارش‌ها: آذر/دی")
    assert sheet(data).title == "گزارش‌ها آذر دی"


def test_missing_header_is_an_error() -> None:
    headers = {k: v for k, v in HEADERS["fa"].items() if k != "overdue"}
    with pytest.raises(ValueError, match="overdue"):
        reports_workbook([ROW], headers, "fa", TEHRAN)


def test_ten_thousand_rows() -> None:
    rows = (
        replace(
            ROW,
            code=str(100_000 + i),
            created=ROW.created + timedelta(minutes=7 * i),
            co_reporters=i % 5,
        )
        for i in range(10_000)
    )
    data = reports_workbook(rows, HEADERS["fa"], "fa", TEHRAN)
    # openpyxl takes two seconds just to read this back; the sheet's XML tells the same.
    cells = last_row_cells(data)
    assert cells["row"] == "10001"
    assert cells["A"] == "109999"
    assert cells["I"] == "4"
    assert cells["K"] == ROW.outside_body


def last_row_cells(data: bytes) -> dict[str, str]:
    """Return the row number and the values by column letter of the sheet's last row."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    last: dict[str, str] = {}
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(SHEET_XML) as xml:
        for _, element in ElementTree.iterparse(xml):
            if element.tag == f"{main}row":
                count += 1
                last = {"row": element.get("r", "")}
                for cell in element:
                    column = cell.get("r", "").rstrip("0123456789")
                    # openpyxl writes text inline (<is><t>…</t></is>), numbers as <v>.
                    last[column] = "".join(cell.itertext())
                element.clear()
    assert count == int(last["row"])
    return last
