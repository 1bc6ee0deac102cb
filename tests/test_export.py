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
from bot.services.export import (
    COLUMNS,
    DATE_COLUMNS,
    DATE_FORMAT,
    Column,
    ExportRow,
    header_ids,
    reports_workbook,
    table_workbook,
)

SHEET_XML = "xl/worksheets/sheet1.xml"

# Stand-ins for the locale files' header texts, in sheet order.
HEADER_IDS = header_ids(COLUMNS, DATE_COLUMNS)
HEADERS = {
    "fa": dict(
        zip(
            HEADER_IDS,
            (
                "کد پیگیری", "خوشه", "دسته", "وضعیت", "فوری", "خلاصه", "ثبت", "ثبت (میلادی)",
                "آخرین تغییر", "آخرین تغییر (میلادی)", "هم‌گزارش‌دهندگان", "دیرکرد",
                "دستگاه مسئول", "پیوست‌ها", "شرح",
            ),
            strict=True,
        )
    ),
    "en": dict(
        zip(
            HEADER_IDS,
            (
                "Tracking code", "Cluster", "Category", "Status", "Urgent", "Summary", "Created",
                "Created (Gregorian)", "Last update", "Last update (Gregorian)", "Co-reporters",
                "Overdue", "Outside body", "Attachments", "Description",
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
    assert HEADER_IDS[6:10] == ("created", "created_gregorian", "updated", "updated_gregorian")
    assert rows[0] == tuple(HEADERS[lang][column] for column in HEADER_IDS)
    assert len(rows) == 3
    assert all(cell.font.bold for cell in ws[1])
    assert not ws["A2"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:O3"
    assert bool(ws.sheet_view.rightToLeft) is (lang == "fa")
    widths = {column: ws.column_dimensions[column].width for column in "ABCDEFGHIJKLMNO"}
    assert widths["F"] > widths["A"]  # the summary gets room
    assert widths["O"] > widths["F"]  # and the whole description more
    assert widths["G"] >= 30 and widths["H"] >= 16  # a Jalali date-time, an ISO one
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
        datetime(2025, 12, 6, 16, 30),  # the same instant, as a date value in Tehran time
        "سه‌شنبه ۱۸ آذر ۱۴۰۴، ساعت ۰۹:۳۵",
        datetime(2025, 12, 9, 9, 35),
        3,
        "خیر",
        "شرکت توزیع نیروی برق",
        "۳: ۱ عکس، ۱ فایل، ۱ پیام صوتی",
        "از دیروز سه بار برق رفته و دستگاه‌های تزریق خوابیده است.",
    )


def test_english_dates_keep_latin_digits() -> None:
    ws = sheet(reports_workbook([ROW], HEADERS["en"], "en", TEHRAN))
    assert values(ws)[1][6:10] == (
        "Saturday 15 Azar 1404, 16:30",
        datetime(2025, 12, 6, 16, 30),
        "Tuesday 18 Azar 1404, 09:35",
        datetime(2025, 12, 9, 9, 35),
    )


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
    assert ws["O1"].value == "شرح"
    assert ws["O2"].value == "خط اول\nخط دوم"
    stored = ws["O3"].value
    assert isinstance(stored, str) and len(stored) == 32_767
    assert stored.endswith("…") and stored[:-1] == long[:32_766]


def test_empty_list_has_headers_only() -> None:
    ws = sheet(reports_workbook([], HEADERS["fa"], "fa", TEHRAN))
    assert values(ws) == [tuple(HEADERS["fa"][column] for column in HEADER_IDS)]
    assert ws.auto_filter.ref == "A1:O1"


def test_sheet_title() -> None:
    data = reports_workbook([ROW], HEADERS["fa"], "fa", TEHRAN, title="گزارش‌ها: آذر/دی")
    assert sheet(data).title == "گزارش‌ها آذر دی"


def test_missing_header_is_an_error() -> None:
    for missing in ("overdue", "updated_gregorian"):
        headers = {k: v for k, v in HEADERS["fa"].items() if k != missing}
        with pytest.raises(ValueError, match=missing):
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
    assert cells["K"] == "4"
    assert cells["M"] == ROW.outside_body


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


# --- dates: a real date value to sort and filter by, the Jalali text beside it -------------------


def test_report_dates_are_date_values_that_sort() -> None:
    later = replace(ROW, code="2", created=ROW.created + timedelta(days=40, hours=3))
    ws = sheet(reports_workbook([later, ROW], HEADERS["fa"], "fa", TEHRAN))
    for row in (2, 3):
        for column in "HJ":
            cell = ws[f"{column}{row}"]
            assert cell.is_date and isinstance(cell.value, datetime), cell.coordinate
            assert cell.number_format == DATE_FORMAT
        for column in "GI":
            assert ws[f"{column}{row}"].data_type == "s"  # the Jalali text stays text
    assert ws["H2"].value == datetime(2026, 1, 15, 19, 30)  # Tehran wall clock, no zone
    assert ws["G2"].value == "پنج‌شنبه ۲۵ دی ۱۴۰۴، ساعت ۱۹:۳۰"
    assert sorted([ws["H2"].value, ws["H3"].value]) == [ws["H3"].value, ws["H2"].value]


def test_a_table_with_a_date_column() -> None:
    columns = [Column("نام"), Column("زمان", gregorian="زمان (میلادی)"), Column("تعداد")]
    rows = [
        ("الف", datetime(2026, 3, 21, 20, 0, tzinfo=UTC), 3),  # 1 Farvardin 1405, 23:30 Tehran
        ("ب", None, 0),
    ]
    ws = sheet(table_workbook(columns, rows, "fa", TEHRAN, title="نرسیده‌ها"))
    assert ws.title == "نرسیده‌ها"
    assert ws.sheet_view.rightToLeft
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D3"
    assert values(ws) == [
        ("نام", "زمان", "زمان (میلادی)", "تعداد"),
        ("الف", "شنبه ۱ فروردین ۱۴۰۵، ساعت ۲۳:۳۰", datetime(2026, 3, 21, 23, 30), 3),
        ("ب", None, None, 0),
    ]
    assert ws["C2"].is_date and not ws["B2"].is_date
    english = sheet(table_workbook(columns, rows[:1], "en", TEHRAN))
    assert not english.sheet_view.rightToLeft
    assert values(english)[1][1] == "Saturday 1 Farvardin 1405, 23:30"


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(("الف", "دیروز", 1), id="text-in-a-date-column"),
        pytest.param(("الف", datetime(2026, 1, 1, 9, 0), 1), id="naive-datetime"),
        pytest.param((datetime(2026, 1, 1, 9, 0, tzinfo=UTC), None, 1), id="date-elsewhere"),
        pytest.param(("الف", None), id="short-row"),
    ],
)
def test_a_table_refuses_rows_that_do_not_fit(row: tuple[object, ...]) -> None:
    columns = [Column("نام"), Column("زمان", gregorian="زمان (میلادی)"), Column("تعداد")]
    with pytest.raises((TypeError, ValueError)):
        table_workbook(columns, [row], "fa", TEHRAN)  # type: ignore[list-item]
