"""Recurring themes: the words that come back across the week's new reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.services.similar import tokens_for_similarity
from storage.digest import NewReportText

MAX_THEMES = 8  # themes per staff digest


@dataclass(frozen=True, slots=True)
class Theme:
    """A meaningful word that came up in several new reports."""

    word: str
    count: int  # reports it appears in
    clusters: tuple[str, ...]  # most frequent first


_HAZM_STOP_WORDS: frozenset[str] | None = None


def _hazm_stop_words() -> frozenset[str]:
    global _HAZM_STOP_WORDS
    if _HAZM_STOP_WORDS is None:
        from bot.hazm_parts import parts
        from bot.services.categorize import _fold

        _HAZM_STOP_WORDS = frozenset(_fold(w) for w in parts().stopwords())
    return _HAZM_STOP_WORDS


@dataclass(frozen=True, slots=True)
class Lemmas:
    """The meaningful lemmas of one new report, and its cluster."""

    cluster_code: str
    words: frozenset[str]


def lemmas(reports: Iterable[NewReportText]) -> list[Lemmas]:
    """Each report's lemmas (hazm), stop-words (ours and hazm's) and short words removed.

    Lemmatising takes a millisecond or two a report: call it off the event loop."""
    stop = _hazm_stop_words()
    return [
        Lemmas(
            r.cluster_code,
            frozenset(w for w in tokens_for_similarity(r.text) if w not in stop and len(w) >= 3),
        )
        for r in reports
    ]


def themes(reports: Iterable[NewReportText], limit: int = MAX_THEMES) -> list[Theme]:
    """The lemmas found in most new reports (see `themes_of`)."""
    return themes_of(lemmas(reports), limit)


def themes_of(reports: Iterable[Lemmas], limit: int = MAX_THEMES) -> list[Theme]:
    """The lemmas found in most reports, each with its count of reports and the clusters
    they came from (most reports first); a word in one report is no theme."""
    counts: Counter[str] = Counter()
    clusters: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        for word in report.words:
            counts[word] += 1
            clusters[word][report.cluster_code] += 1
    ranked = sorted((w for w, n in counts.items() if n >= 2), key=lambda w: (-counts[w], w))
    return [
        Theme(word, counts[word], tuple(c for c, _ in clusters[word].most_common()))
        for word in ranked[:limit]
    ]
