"""Category suggestion: load cost, time per report, and accuracy on the labelled sets.

Run by hand from the project root: `python -m benchmarks.categorize [--texts 5000]`. Prints the
cost of importing the module, loading the lexicon (which loads hazm's normaliser) and the first
suggestion (hazm's tokenizer and lemmatizer); then seconds per report, mean and p95, first over
the distinct labelled texts (cold word cache) and then over them repeated to --texts reports;
the `python -m bot categorize` loop (categorize_lines) on the same lines; and top-1 / top-3
accuracy on the tuning and held-out sets.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.__main__ import categorize_lines

if TYPE_CHECKING:
    from bot.services.categorize import Lexicon

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = {"tuning": DATA / "reports_labelled.tsv", "held-out": DATA / "reports_heldout.tsv"}
# Reports by style (formal, colloquial, Finglish, Azerbaijani): style, slug, text per line.
STYLE_SETS = {
    "style tuning": DATA / "reports_styles_tuning.tsv",
    "style held-out": DATA / "reports_styles_heldout.tsv",
}


def read_styles(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Return the (slug, text) rows of a by-style TSV file, by style."""
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            style, slug, text = line.split("\t", 2)
            rows.setdefault(style, []).append((slug, text))
    return rows


def accuracy(labelled: Iterable[tuple[str, str]], lexicon: Lexicon) -> tuple[float, float]:
    """Return the top-1 and top-3 accuracy of suggest() on (slug, text) pairs."""
    from bot.services.categorize import suggest

    top1 = top3 = total = 0
    for slug, text in labelled:
        slugs = [s.slug for s in suggest(text, lexicon, top=3)]
        total += 1
        top1 += slugs[0] == slug
        top3 += slug in slugs
    return (top1 / total, top3 / total) if total else (0.0, 0.0)


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """Return the (slug, text) rows of a labelled TSV file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            slug, text = line.split("\t", 1)
            rows.append((slug, text))
    return rows


def per_report(texts: list[str], run: Callable[[str], object]) -> list[float]:
    """Return the seconds each text took through run."""
    times = []
    for text in texts:
        start = time.perf_counter()
        run(text)
        times.append(time.perf_counter() - start)
    return times


def describe(times: list[float]) -> str:
    """Return mean and p95 of times in milliseconds."""
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return f"mean {statistics.fmean(times) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def main(count: int) -> None:
    """Measure and print."""
    start = time.perf_counter()
    from bot.services import categorize

    imported = time.perf_counter() - start
    start = time.perf_counter()
    lexicon = categorize.Lexicon.load(categorize.LEXICON_PATH)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    categorize.suggest("برق شهرک قطع شده bargh", lexicon)
    first = time.perf_counter() - start
    print(
        f"import {imported:.3f} s; lexicon load ({len(lexicon)} entries, loads hazm's "
        f"normaliser) {loaded:.2f} s; first suggestion (loads tokenizer, lemmatizer and "
        f"Finglish tables) {first:.2f} s"
    )

    rows = {name: read_labelled(path) for name, path in SETS.items()}
    for name, path in STYLE_SETS.items():
        for style, labelled in read_styles(path).items():
            rows[f"{name}, {style}"] = labelled
    texts = [text for labelled in rows.values() for _, text in labelled]
    repeated = (texts * (count // len(texts) + 1))[:count]

    def run(text: str) -> object:
        return categorize.suggest(text, lexicon)

    cold, warm = per_report(texts, run), per_report(repeated, run)
    lengths = [len(text) for text in texts]
    print(
        f"suggest, {len(texts)} distinct texts ({min(lengths)}-{max(lengths)} characters, "
        f"mean {statistics.fmean(lengths):.0f}), cold word cache: {describe(cold)}"
    )
    print(f"suggest, {len(repeated)} texts (the sets repeated): {describe(warm)}")

    stdin, stdout = io.StringIO("\n".join(repeated) + "\n"), io.StringIO()
    start = time.perf_counter()
    categorize_lines(stdin, stdout, categorize.LEXICON_PATH)
    elapsed = time.perf_counter() - start
    print(
        f"categorize_lines, {len(repeated)} lines (lexicon load included): {elapsed:.2f} s, "
        f"{len(repeated) / elapsed:.0f} lines/s"
    )

    for name, labelled in rows.items():
        top1, top3 = accuracy(labelled, lexicon)
        print(f"accuracy, {name} ({len(labelled)} reports): top-1 {top1:.3f}, top-3 {top3:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=5000, help="reports to time (default 5000)")
    main(parser.parse_args().texts)
