"""The weekly digest's pure parts: the week, the texts, the themes and the chart."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from arabic_reshaper import reshape
from bidi import get_display

from bot.app import LOCALES_DIR
from bot.i18n import Locales, Texts
from bot.platforms import adapter, escape_bale
from bot.sandbox.markdown import render_bale
from bot.services.digest.chart import (
    LAST_WEEK,
    THIS_WEEK,
    WIDTH,
    ChartText,
    chart_layout,
    font,
    render_chart,
    shape,
)
from bot.services.digest.events import ComingEvent
from bot.services.digest.member import ClusterWeek, member_digest
from bot.services.digest.staff import StaffData, slowest, staff_digest
from bot.services.digest.themes import themes
from bot.services.digest.week import Week, last_due, reported_week, week_of
from bot.services.reports import CATEGORIES
from bot.settings import Platform
from bot.text import MESSAGE_MAX
from storage.digest import Count, NewReportText, ReportNews
from storage.reports import Report
from tests.conftest import settings_of

TEHRAN = ZoneInfo("Asia/Tehran")
# Saturday 14 Azar 1405 is 5 December 2026.
SATURDAY = datetime(2026, 12, 5, tzinfo=TEHRAN)


@pytest.fixture(scope="module")
def locales() -> Locales:
    return Locales.load(LOCALES_DIR)


def fa(locales: Locales, platform: Platform = Platform.TELEGRAM) -> Texts:
    return Texts(locales.translator("fa"), adapter(platform).escape)


@pytest.mark.parametrize(
    "moment",
    [
        SATURDAY,
        SATURDAY + timedelta(hours=9),
        SATURDAY + timedelta(days=6, hours=23, minutes=59),  # Friday night
    ],
)
def test_the_iranian_week_runs_from_saturday_midnight_in_tehran(moment: datetime) -> None:
    week = week_of(moment.astimezone(UTC), TEHRAN)
    assert week.start == SATURDAY and week.end == SATURDAY + timedelta(days=7)
    assert week.start.weekday() == 5


def test_a_saturday_digest_reports_the_week_just_ended_under_a_jalali_key() -> None:
    week = reported_week(SATURDAY + timedelta(hours=9), TEHRAN)
    assert week.start == SATURDAY - timedelta(days=7)
    assert week.key == "1405-W37"  # 7 Azar 1405 is the 253rd day of the year
    assert week_of(SATURDAY, TEHRAN).key == "1405-W38"
    assert week.previous.end == week.start


def test_last_due_is_the_latest_scheduled_time_not_after_now() -> None:
    settings = settings_of()
    assert settings.digest_weekday == 5 and settings.digest_time == time(9, 0)
    nine = SATURDAY + timedelta(hours=9)
    assert last_due(nine + timedelta(minutes=1), settings) == nine
    assert last_due(nine, settings) == nine
    assert last_due(nine - timedelta(minutes=1), settings) == nine - timedelta(days=7)


def _news(code: str, summary: str = "قطعی برق", **kwargs: object) -> ReportNews:
    return ReportNews(int(code), code, summary, "resolved", **kwargs)  # type: ignore[arg-type]


def test_a_member_digest_tells_their_news_in_persian_with_jalali_dates(
    locales: Locales,
) -> None:
    week = week_of(SATURDAY, TEHRAN)
    built = member_digest(
        fa(locales),
        week,
        [_news("123456", statuses=["in_review", "resolved"], replies=2, joined=3)],
        "چرم و کفش",
        ClusterWeek(raised=5, resolved=1),
    )
    assert built is not None
    text, buttons = built
    assert "شنبه ۱۴ آذر ۱۴۰۵" in text and "جمعه ۲۰ آذر ۱۴۰۵" in text
    assert "گزارش ۱۲۳۴۵۶ «قطعی برق»" in text
    assert "وضعیت: در حال بررسی ← حل‌شده" in text
    assert "۲ پاسخ کارشناس" in text and "۳ عضو دیگر به آن پیوستند" in text
    assert "خوشه چرم و کفش در این هفته: ۵ گزارش تازه ثبت شد و ۱ گزارش حل شد." in text
    assert buttons == [[("🔕 دیگر خلاصه هفتگی نمی‌خواهم", "dg:off")]]


def test_no_news_means_no_digest_unless_staff_choose_otherwise(locales: Locales) -> None:
    week = week_of(SATURDAY, TEHRAN)
    t = fa(locales)
    assert member_digest(t, week, [], "چرم", ClusterWeek(raised=4)) is None
    assert member_digest(t, week, [], "چرم", ClusterWeek(), without_news=True) is None
    built = member_digest(t, week, [], "چرم", ClusterWeek(raised=4), without_news=True)
    assert built is not None and "۴ گزارش تازه" in built[0]


def test_a_member_digest_fits_one_message_and_is_escaped_on_bale(locales: Locales) -> None:
    week = week_of(SATURDAY, TEHRAN)
    news = [
        _news(str(100000 + i), summary="مشکل_برق *فوری* [شهرک] " * 20, replies=i)
        for i in range(40)
    ]
    built = member_digest(fa(locales, Platform.BALE), week, news, "چرم", ClusterWeek())
    assert built is not None
    text = built[0]
    assert len(text) < MESSAGE_MAX
    # The member's words are data: as sent (escaped on the way out, bot/platforms.py) Bale
    # shows them as typed, no markup, no backslash, even where a long summary was cut.
    shown = render_bale(escape_bale(text))
    assert shown.markup == () and "\\" not in shown.text
    assert "مشکل_برق *فوری* [شهرک]" in shown.text
    assert "۳۲ مورد دیگر" in text  # 8 shown, the rest counted


def test_recurring_themes_count_reports_and_name_their_clusters() -> None:
    reports = [
        NewReportText("leather_shoes", "قطعی برق در شهرک باعث توقف خط تولید شد"),
        NewReportText("leather_shoes", "برق کارخانه دیروز سه ساعت قطع بود"),
        NewReportText("furniture", "قطعی مکرر برق و خرابی دستگاه‌ها"),
        NewReportText("furniture", "تسهیلات بانکی برای سرمایه در گردش نمی‌دهند"),
    ]
    found = {t.word: t for t in themes(reports)}
    assert found["برق"].count == 3
    assert set(found["برق"].clusters) == {"leather_shoes", "furniture"}
    assert found["برق"].clusters[0] == "leather_shoes"  # most reports first
    # stop-words and one-off words are no themes
    assert not {"در", "و", "برای", "بانکی", "تسهیلات"} & set(found)


def _late(report_id: int, cluster: str, category: str) -> Report:
    return Report(
        report_id, f"K{report_id}", 1, cluster, category, category, False, "", "", "new",
        None, None, None, None, "2026-11-01T00:00:00+00:00", "2026-11-01T00:00:00+00:00",
    )  # fmt: skip


def _staff_data() -> StaffData:
    week = week_of(SATURDAY, TEHRAN)
    return StaffData(
        week=week,
        new=[Count("leather_shoes", "electricity", 4), Count("furniture", "finance", 2)],
        new_before=[Count("leather_shoes", "electricity", 1)],
        resolved=[Count("furniture", "finance", 1)],
        resolved_before=[],
        overdue=[_late(1, "leather_shoes", "electricity"), _late(2, "furniture", "finance")],
        overdue_before=[
            _late(1, "leather_shoes", "electricity"),
            _late(3, "furniture", "finance"),
            _late(4, "furniture", "permits"),
        ],
        lemmas=[],
        slow=[
            ("power", "leather_shoes", 12.0),
            ("power", "leather_shoes", 4.0),
            ("bank", "furniture", 30.0),
        ],
        deliveries={"sent": 10, "blocked": 2},
    )


def test_the_staff_digest_compares_weeks_and_agents_see_their_clusters_only(
    locales: Locales,
) -> None:
    t = fa(locales)
    names = {"leather_shoes": "چرم و کفش", "furniture": "مبلمان"}
    bodies = {"power": "شرکت توزیع برق", "bank": "بانک"}
    everyone = staff_digest(t, _staff_data(), None, names, bodies, [])
    assert "گزارش‌های تازه: ۶ (۵ بیشتر از هفته قبل)" in everyone
    assert "معوق (باز و دیرکرد): ۲ (۱ کمتر از هفته قبل)" in everyone
    assert "چرم و کفش: ۴ تازه (▲۳)، ۰ حل‌شده (=)، ۱ معوق (=)" in everyone
    assert "مبلمان: ۲ تازه (▲۲)، ۱ حل‌شده (▲۱)، ۱ معوق (▼۱)" in everyone
    assert "مجوزها و مقررات: ۰ تازه (=)، ۰ حل‌شده (=)، ۰ معوق (▼۱)" in everyone
    assert "مبلمان" in everyone and "بانک: ۳۰ روز (۱ ارجاع)" in everyone
    assert "۱۰ رسیده، ۲ مسدود" in everyone
    agent = staff_digest(t, _staff_data(), frozenset({"leather_shoes"}), names, bodies, [])
    assert "گزارش‌های تازه: ۴ (۳ بیشتر از هفته قبل)" in agent
    assert "معوق (باز و دیرکرد): ۱ (مثل هفته قبل)" in agent
    assert "مبلمان" not in agent and "بانک" not in agent
    assert "شرکت توزیع برق: ۸ روز (۲ ارجاع)" in agent
    assert "رسیده" not in agent  # announcements are not per cluster: staff only


def test_slowest_outside_bodies_by_average_time_referred() -> None:
    slow = slowest([("a", "x", 1.0), ("b", "x", 5.0), ("b", "x", 3.0), ("c", "y", 9.0)], None)
    assert [(s.body, s.average_days, s.referrals) for s in slow] == [
        ("c", 9.0, 1), ("b", 4.0, 2), ("a", 1.0, 1),
    ]  # fmt: skip


# --- the chart --------------------------------------------------------------------------------


def _words(locales: Locales) -> ChartText:
    t = locales.translator("fa")
    return ChartText(
        title=t("digest-chart-title"),
        this_week=t("digest-chart-this-week"),
        last_week=t("digest-chart-last-week"),
        labels={c: t(f"category-{c}") for c in CATEGORIES},
        digits=t.number,
    )


def _is_presentation_form(ch: str) -> bool:
    return 0xFB50 <= ord(ch) <= 0xFEFF


def test_the_chart_lays_out_persian_labels_joined_and_right_to_left(locales: Locales) -> None:
    words = _words(locales)
    layout = chart_layout({"electricity": 3, "finance": 1}, {"electricity": 2}, words)
    labels = [row.label for row in layout.rows]
    wanted = [words.labels["electricity"], words.labels["finance"]]  # top to bottom
    assert labels == [get_display(reshape(label)) for label in wanted]
    assert layout.title == get_display(reshape("گزارش‌های تازه به تفکیک دسته"))
    # this week's key on the right, as Persian reads
    assert [text for _, text in layout.legend] == [
        get_display(reshape(words.last_week)),
        get_display(reshape(words.this_week)),
    ]
    for text in [*labels, layout.title, *(text for _, text in layout.legend)]:
        # joined letters (presentation forms) and no logical-order Arabic letters left
        assert any(_is_presentation_form(ch) for ch in text), text
        assert not any("\u0621" <= ch <= "\u064a" for ch in text), text
    # visual order: the label's first letter (ب of برق) is drawn last, at the right
    assert labels[0][-1] == reshape(words.labels["electricity"])[0]
    # the numbers on the axis and beside the bars are Persian digits
    assert "۳" in {text for _, text in layout.ticks}
    assert [(r.now_text, r.before_text) for r in layout.rows] == [("۳", "۲"), ("۱", "")]


def test_every_letter_of_the_chart_has_a_glyph_in_its_font(locales: Locales) -> None:
    """A letter the font lacks is drawn as the same empty box (.notdef) as any other."""
    words = _words(locales)
    layout = chart_layout(dict.fromkeys(CATEGORIES, 12), {}, words)
    missing = font(14).getmask("\ue000")  # a private-use character: no font draws it
    texts = [row.label for row in layout.rows] + [layout.title]
    texts += [text for _, text in layout.legend] + [text for _, text in layout.ticks]
    letters = {ch for text in texts for ch in text if not ch.isspace()} - {"\u200c"}
    assert len(letters) > 30
    lacking = [
        ch
        for ch in letters
        if (mask := font(14).getmask(ch)).size == missing.size and bytes(mask) == bytes(missing)
    ]
    assert lacking == []


def _label_pixels(text: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (240, 48), 255)
    ImageDraw.Draw(image).text((8, 12), text, font=font(14), fill=0)
    return image.tobytes()


def test_a_shaped_label_is_drawn_differently_from_the_raw_letters() -> None:
    label = "برق و انرژی"
    assert _label_pixels(shape(label)) != _label_pixels(label)
    assert shape(label) != label


def _runs(image: Any, colour: str, y: int) -> list[int]:
    """The x of every pixel of `colour` on row y."""
    from PIL import ImageColor

    wanted = bytes(ImageColor.getrgb(colour))
    line = image.crop((0, y, image.width, y + 1)).tobytes()
    return [x for x in range(image.width) if line[3 * x : 3 * x + 3] == wanted]


def test_the_chart_draws_bars_growing_leftwards_from_the_labels(locales: Locales) -> None:
    from PIL import Image

    png = render_chart({"electricity": 4, "finance": 2}, {"finance": 1}, _words(locales))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == WIDTH
    # this week's bars (electricity above finance), each a run of pixels ending at the axis
    bars = [
        xs
        for y in range(image.height)
        if len(xs := _runs(image, THIS_WEEK, y)) > 20  # not the legend's swatch
    ]
    widths = sorted({len(xs) for xs in bars})
    assert len(widths) == 2, widths
    short, long = widths
    assert abs(long - 2 * short) <= 2  # four reports against two
    assert len({xs[-1] for xs in bars}) == 1  # every bar starts at the same right edge
    assert len({xs[0] for xs in bars}) == 2  # and ends where its number says
    # last week's single report: a shorter bar in the other colour
    before = [xs for y in range(image.height) if len(xs := _runs(image, LAST_WEEK, y)) > 20]
    assert before and abs(len(before[0]) - short / 2) <= 2
    # the labels are written right of the bars, the numbers left of their ends
    right, gray = bars[0][-1], image.convert("L").tobytes()

    def ink(columns: range) -> bool:
        return any(gray[y * WIDTH + x] < 80 for y in range(image.height) for x in columns)

    first = min(xs[0] for xs in bars)
    assert ink(range(right + 2, WIDTH)) and ink(range(first - 30, first))


def test_an_empty_week_still_draws_a_chart(locales: Locales) -> None:
    layout = chart_layout({}, {}, _words(locales))
    assert [row.category for row in layout.rows] == ["other"]
    assert render_chart({}, {}, _words(locales)).startswith(b"\x89PNG")


def test_week_is_a_value() -> None:
    week = week_of(SATURDAY, TEHRAN)
    assert Week(week.start, week.end) == week


def test_the_trainings_extension_point_lists_events_with_seats_and_sign_up_buttons(
    locales: Locales,
) -> None:
    week = week_of(SATURDAY, TEHRAN)
    start = SATURDAY + timedelta(days=7, hours=16, minutes=30)
    coming = [
        ComingEvent(1, "هوش مصنوعی در کسب‌وکار", start, 5, "of:join:1"),
        ComingEvent(2, "نمایشگاه مبلمان", start, 0, "of:join:2"),  # full: no button
        ComingEvent(3, "نشست مشترک", start, None, "of:join:3"),
    ]
    built = member_digest(fa(locales), week, [], "مبلمان", ClusterWeek(), coming)
    assert built is not None  # coming events alone are worth a digest
    text, buttons = built
    assert "هوش مصنوعی در کسب‌وکار، شنبه ۲۱ آذر ۱۴۰۵، ساعت ۱۶:۳۰ (۵ جای خالی)" in text
    assert "(۰ جای خالی)" in text and "بدون محدودیت ظرفیت" in text
    assert [row[0][1] for row in buttons] == ["of:join:1", "of:join:3", "dg:off"]
    assert all(len(row) <= 3 for row in buttons)
