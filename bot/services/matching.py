"""Lexicon entries found in a text's word pieces, and their weights added up by label: the
categories' (bot/services/categorize.py) and the problem types' (bot/services/problems.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services.categorize import Lexicon, Unit

__all__ = ["Match", "Tally", "matches", "tally"]

Match = tuple[int, int, str]  # (first piece, end piece, key) of an entry found
# A word's plural ending as a piece of its own, possessives and all («دستگاه‌هامون»).
PLURALS = frozenset(
    "ها های هایی هایش هایشان هایمان هایتان هامون هاشون هاتون هاش هامان هاشان".split()  # noqa: SIM905
)


def matches(units: Sequence[Unit], lexicon: Lexicon) -> list[Match]:
    """Return (first piece, end piece, key) of every lexicon entry found in the pieces."""
    found: list[Match] = []
    entries, prefixes, last = lexicon.entries, lexicon.prefixes, len(units) - 1
    stems, solid = lexicon.azerbaijani_stems, lexicon.solid
    forms = [(*unit.forms, *unit.under) if stems else unit.forms for unit in units]
    for start in range(len(units)):
        # Joined across words, an entry written as one word is met only by a first word of
        # three letters or more (`short`: «ما هر» is no «ماهر») and by the next words as typed,
        # not a stem of theirs (`loose`: «گمرکی دادیم» is no «گمرکده»; «دیر کرد» is «دیرکرد»).
        pending = [(start, "", False, False, False)]
        while pending:
            index, so_far, short, crossed, loose = pending.pop()
            alone = units[start].alone if index == start else None
            for form in forms[index]:
                joined = so_far + form
                # This piece, of a later word, met by a stem, not as typed.
                loose_now = loose or (crossed and form != units[index].surface)
                if (
                    joined in entries
                    and (alone is None or form in alone)
                    and not ((short or loose_now) and joined in solid)
                ):
                    found.append((start, index + 1, joined))
                if index < last and joined in prefixes:
                    apart = units[index + 1].word != units[index].word
                    cut = short or (apart and len(joined) < 3)
                    pending.append((index + 1, joined, cut, crossed or apart, loose_now))
                    # A plural written apart with a half-space is passed over inside a phrase
                    # («چک‌های برگشتی» meets «چک برگشتی», as «چکهای برگشتی» does); the word
                    # after it is joined as any next word is («سرم‌های ما» is no «سرما»).
                    if index + 1 < last and not apart and units[index + 1].surface in PLURALS:
                        after = units[index + 2].word != units[index + 1].word
                        cut = short or (after and len(joined) < 3)
                        pending.append((index + 2, joined, cut, crossed or after, loose_now))
    return found


@dataclass(frozen=True)
class Tally:
    """What a lexicon found in a text: the scores by label, and the entries counted (each entry
    once, each piece in one entry), for the words behind a label (`words`)."""

    scores: dict[str, float]
    chosen: tuple[Match, ...]
    units: Sequence[Unit]
    lexicon: Lexicon

    def words(self, label: str) -> tuple[list[str], list[str]]:
        """The entries behind a label as the lexicon writes them, and as the member typed them.
        Asked only of the labels shown: a text's problem types are tallied in every category
        its words touch, and most are never shown."""
        matched: list[str] = []
        typed: list[str] = []
        for start, end, key in self.chosen:
            for sense in self.lexicon.entries[key]:
                if sense.slug == label:
                    matched.append(sense.written)
                    own = " ".join(dict.fromkeys(unit.own for unit in self.units[start:end]))
                    if own not in typed:
                        typed.append(own)
        return matched, typed


def tally(units: Sequence[Unit], lexicon: Lexicon, found: Sequence[Match] | None = None) -> Tally:
    """Add up the weights of the lexicon entries found in word pieces (`found`, when its
    `matches` are known already), by label."""
    # Longest entries first, each piece used once: «مالیات بر ارزش افزوده» is tax, and its
    # «ارزش» or «افزوده» are not counted again for another category.
    chosen: list[Match] = []
    used: set[int] = set()
    counted: set[str] = set()
    found = matches(units, lexicon) if found is None else found
    for start, end, key in sorted(found, key=lambda m: (-len(m[2]), m[0])):
        span = range(start, end)
        if used.intersection(span):
            continue
        used.update(span)
        # An entry repeated in one message says no more than once.
        if key not in counted:
            counted.add(key)
            chosen.append((start, end, key))
    chosen.sort()
    scores: dict[str, float] = {}
    for _, _, key in chosen:
        for sense in lexicon.entries[key]:
            scores[sense.slug] = scores.get(sense.slug, 0.0) + sense.weight
    return Tally(scores, tuple(chosen), units, lexicon)
