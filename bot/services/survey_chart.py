"""A survey's chart: one panel of horizontal bars per choice or scale question, drawn the way
the staff digest's chart is (bot/services/digest/chart.py): labels on the right, bars growing
leftwards, Persian shaped for Matplotlib by `visual_order`, digits in the reader's script."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.text import visual_order as shape

MAX_PANELS = 8


@dataclass(frozen=True, slots=True)
class ChartWords:
    """The chart's words, already in the reader's language."""

    title: str
    digits: Callable[[int], str]


def render_results_chart(
    bars: Mapping[int, Sequence[tuple[str, int]]],
    titles: Mapping[int, str],
    words: ChartWords,
) -> bytes:
    """PNG bytes: for each question (key), its options' counts (call it off the event loop)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = list(bars)[:MAX_PANELS]
    heights = [0.45 * len(bars[p]) + 0.9 for p in panels]
    figure = Figure(figsize=(8, sum(heights) + 0.8), dpi=100)
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(len(panels), 1, height_ratios=heights)
    for index, panel in enumerate(panels):
        axes = figure.add_subplot(grid[index])
        # Top to bottom in the question's order: barh draws the first option at the bottom.
        options = list(reversed(bars[panel]))
        values = [count for _, count in options]
        drawn = axes.barh(range(len(options)), values, 0.6, color="#2a7ab0")
        for bar, value in zip(drawn, values, strict=True):
            if value:
                axes.annotate(
                    words.digits(value),
                    (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(-3, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=9, color="white",
                )  # fmt: skip
        axes.set_yticks(list(range(len(options))), [shape(label) for label, _ in options])
        top = max([*values, 1])
        step = max(1, -(-top // 5))
        ticks = list(range(0, top + step + 1, step))
        axes.set_xticks(ticks, [words.digits(v) for v in ticks])
        axes.set_xlim(top * 1.15 + 0.5, 0)
        axes.yaxis.tick_right()
        axes.set_title(shape(titles.get(panel, "")), fontsize=10, loc="right")
        axes.spines[["top", "left"]].set_visible(False)
    figure.suptitle(shape(words.title))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
