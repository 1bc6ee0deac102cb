"""The staff digest's chart: new and resolved reports per category, drawn with matplotlib."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.services.reports import CATEGORIES
from bot.text import visual_order as shape


@dataclass(frozen=True, slots=True)
class ChartText:
    """The chart's words, already in the reader's language."""

    title: str
    this_week: str
    last_week: str
    labels: Mapping[str, str]  # category → label
    digits: Callable[[int], str]


def chart_figure(
    this_week: Mapping[str, int], last_week: Mapping[str, int], words: ChartText
) -> Any:
    """A Matplotlib figure: new reports per category, this week against last week."""
    from matplotlib.figure import Figure

    categories = [c for c in CATEGORIES if this_week.get(c) or last_week.get(c)] or ["other"]
    # Top to bottom in taxonomy order: barh draws the first category at the bottom.
    categories.reverse()
    figure = Figure(figsize=(8, 0.5 * len(categories) + 1.6), dpi=100)
    axes = figure.add_subplot()
    positions = range(len(categories))
    height = 0.38
    now = [this_week.get(c, 0) for c in categories]
    before = [last_week.get(c, 0) for c in categories]
    bars_now = axes.barh(
        [p + height / 2 for p in positions], now, height, label=shape(words.this_week),
        color="#2a7ab0",
    )  # fmt: skip
    bars_before = axes.barh(
        [p - height / 2 for p in positions], before, height, label=shape(words.last_week),
        color="#b8c7d3",
    )  # fmt: skip
    for bars, values in ((bars_now, now), (bars_before, before)):
        for bar, value in zip(bars, values, strict=True):
            if value:
                axes.annotate(
                    words.digits(value),
                    (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(-3, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=9,
                )  # fmt: skip
    axes.set_yticks(list(positions), [shape(words.labels.get(c, c)) for c in categories])
    top = max([*now, *before, 1])
    step = max(1, -(-top // 5))
    ticks = list(range(0, top + step + 1, step))
    axes.set_xticks(ticks, [words.digits(v) for v in ticks])
    # Read from the right, as Persian is: bars grow leftwards from labels on the right.
    axes.set_xlim(top * 1.15 + 0.5, 0)
    axes.yaxis.tick_right()
    axes.set_title(shape(words.title))
    # Right to left as well: this week's key on the right.
    axes.legend(
        handles=[bars_before, bars_now],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncols=2,
        frameon=False,
    )
    axes.spines[["top", "left"]].set_visible(False)
    figure.tight_layout()
    return figure


def render_chart(
    this_week: Mapping[str, int], last_week: Mapping[str, int], words: ChartText
) -> bytes:
    """The chart as PNG bytes (Agg, no display; call it off the event loop)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = chart_figure(this_week, last_week, words)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
