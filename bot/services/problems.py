"""Problem types: which concrete problem of its category a member's text is about.

data/problems/<category>.toml lists, per category, the everyday problems members report
(electricity: power cuts, low voltage, the bill, a new connection, gas pressure …), each with
the words and phrases that say it, in formal and spoken Persian, Finglish (as converted to
Persian script) and Azerbaijani, weighted as in the category lexicon. A text is of a problem
type when that type's words outweigh every other type's of the category clearly (see
`problem_of`); otherwise it is of none, and similarity goes by its words alone.

"Me too" (bot/services/similar.py) reads two reports of one type as likelier one problem, and
two of different types as likely two: a word list can't tell that «ذرت و سویا گیر نمیاد» is the
«نهاده‌های دامی» shortage, but a catalogue of problems written for each category can. The
matching is the categoriser's (bot/services/categorize.py `tally`): the same reading of
members' words, the same file format, every decision explained by the entries that fired.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from bot.lazy import Shared
from bot.services.categorize import SLUGS, Lexicon, analysed_key, engine, tally
from bot.understand import PROBLEMS_DIR

__all__ = ["MARGIN", "MIN_SCORE", "catalogue", "classify", "load", "problem_of", "scores"]

# A type needs this much weight in a text (one entry of weight 2 or more, or two of 1: «برق»
# and «قطع»), and this much more than the next type of its category, to be the text's type.
MIN_SCORE = 2.0
MARGIN = 1.0
# Problem ids: lower-case Latin words joined by "_" (they are labels, never shown to members).
_PROBLEM_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def load(directory: Path) -> Lexicon:
    """Read every category's problem file into one lexicon labelled `category.problem`.

    ValueError names the file and the bad entry: a file not named after a category, a
    problem id that isn't one, or an entry the category lexicon's rules refuse.
    """
    data: dict[str, Mapping[str, object]] = {}
    for path in sorted(directory.glob("*.toml")):
        own: dict[str, Mapping[str, object]] = {}
        if path.stem not in SLUGS:
            raise ValueError(f"{path.name}: not a category; known: {', '.join(SLUGS)}")
        try:
            problems = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path.name}: not valid TOML: {exc}") from exc
        for problem, table in problems.items():
            if not _PROBLEM_ID.fullmatch(problem):
                raise ValueError(f"{path.name}: [{problem}] is not a problem id (a_b_c)")
            if not isinstance(table, Mapping) or not table:
                raise ValueError(f'{path.name}: [{problem}] must be a table of "entry" = weight')
            own[f"{path.stem}.{problem}"] = table
        # Checked file by file, so an error names the file.
        Lexicon.from_mapping(own, source=path.name, labels=tuple(own))
        data.update(own)
    # Entries in spoken form («پیدا نمیشه») match as members' spoken text is read.
    return Lexicon.from_mapping(data, labels=tuple(data), analyse=analysed_key)


_catalogue = Shared(lambda: load(PROBLEMS_DIR))


def catalogue() -> Lexicon:
    """Return the problem catalogue, read on first use."""
    return _catalogue()


def scores(text: str, category: str, lexicon: Lexicon) -> list[tuple[str, float]]:
    """Return the problem types of a category found in text, with their weights, best first."""
    found = tally(engine().units(text), lexicon)
    prefix = f"{category}."
    return sorted(
        ((label, score) for label, score in found.scores.items() if label.startswith(prefix)),
        key=lambda pair: -pair[1],
    )


def classify(text: str, category: str, lexicon: Lexicon) -> str | None:
    """Return the problem type (`category.problem`) text is clearly about, or None."""
    ranked = scores(text, category, lexicon)
    if not ranked:
        return None
    label, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top < MIN_SCORE or top - second < MARGIN:
        return None
    return label


@functools.lru_cache(maxsize=4096)
def problem_of(text: str, category: str) -> str | None:
    """Return the catalogue's problem type text is clearly about, or None (cached: one new
    report meets every open report of its category)."""
    return classify(text, category, catalogue())
