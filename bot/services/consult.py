"""Which advisory core a member's question is for, from the categoriser's understanding.

The report categoriser (bot/services/categorize.py) already reads members' own words —
colloquial Persian, Finglish, Azerbaijani — into category scores; a core covers some of
those categories and a few keywords of its own, so a core's score is its categories' scores
plus a point for each of its keywords the question contains. Every guess is explained by the
member's own words (the lexicon's matches, or those the learned model weighed most, see
bot/services/learned.py): the member is shown the core and picks another if it is wrong.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.categorize import SLUGS
from bot.services.problems import suggest_category
from bot.services.reports import LazyLexicon
from bot.text import MATCH_FOLD, ZWNJ, fold_digits
from storage.cores import Core

# A keyword the admins typed is a stronger sign than one lexicon entry of a category.
KEYWORD_WEIGHT = 2.0
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class CoreGuess:
    """One core and why it was suggested."""

    core: Core
    score: float
    words: tuple[str, ...]


def _fold(text: str) -> str:
    folded = fold_digits(text).replace(ZWNJ, " ").replace("ي", "ی").replace("ك", "ک").lower()
    return " " + _SPACES.sub(" ", folded.translate(MATCH_FOLD)).strip() + " "


def rank_cores(
    cores: Sequence[Core], scores: dict[str, float], words: dict[str, tuple[str, ...]], text: str
) -> list[CoreGuess]:
    """Cores best first for a question with these category scores (plain code: tested alone).

    A keyword matches at word starts («برند» in «برندسازی»), as members add endings."""
    folded = _fold(text)
    guesses = []
    for core in cores:
        score = sum(scores.get(slug, 0.0) for slug in core.categories)
        found = [w for slug in core.categories if scores.get(slug) for w in words.get(slug, ())]
        for keyword in core.keywords:
            if _fold(keyword).rstrip() in folded:
                score += KEYWORD_WEIGHT
                found.append(keyword)
        guesses.append(CoreGuess(core, round(score, 3), tuple(dict.fromkeys(found))))
    # Stable: cores in their /cores order on ties.
    return sorted(guesses, key=lambda g: -g.score)


async def suggest_cores(lexicon: LazyLexicon, cores: Sequence[Core], text: str) -> list[CoreGuess]:
    """Cores best first for a member's question (hazm runs in a worker thread)."""
    found = await asyncio.to_thread(suggest_category, text, await lexicon.get(), len(SLUGS))
    scores = {s.slug: s.score for s in found}
    words = {s.slug: s.words for s in found}
    return rank_cores(cores, scores, words, text)
