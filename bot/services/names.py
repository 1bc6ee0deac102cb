"""Named places and bodies in members' reports: two reports naming different ones are two problems.

A queue at the Bazargan border is not one at Sero, a tax assessment in Tabriz is not one in
Marand, a rate rise at Bank Saderat is not one at Bank Sepah: the words of such reports agree in
all but the name, so "me too" (bot/services/similar.py) would offer the one to the other. The
names, grouped (places, banks, borders, countries), are in data/names.toml; a text is read with
the categoriser's reading of members' words (bot/services/categorize.py `Engine.units`), so
«تبریزده», «tabriz» and «تبریز» are one name.

A report that names nothing of a group agrees with any report (its author may not have said
where); a place agrees with the places it is in («سلیمی» is in «تبریز»).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot import understand
from bot.services.categorize import Unit, engine
from bot.settings import PROJECT_ROOT, read_toml
from bot.text import TEXTS_KEPT

__all__ = ["NAMES_PATH", "differ", "load", "names_of", "warm_up"]

NAMES_PATH = PROJECT_ROOT / "data" / "names.toml"
# The longest name, in word pieces («بانک صنعت و معدن»).
_LONGEST = 4


@dataclass(frozen=True)
class _Table:
    """Each name's spelling (as word-piece keys) → (group, name); each place's places around it."""

    spellings: Mapping[tuple[str, ...], tuple[str, str]]
    around: Mapping[str, frozenset[str]]


def _keys(unit: Unit, alone: bool) -> frozenset[str]:
    """The forms a word piece may say a name by: as written, and as its lemma, unless it is a
    one-word name the lemma made an adjective of («بازرگانی», commercial, is no «بازرگان»
    border; «تبریزی» no town). Within a phrase the ending is Azerbaijani («ملی بانکیندان»)."""
    surface = unit.surface
    if alone and unit.canonical != surface and surface.startswith(unit.canonical + "ی"):
        return frozenset((surface,))
    return frozenset((surface, unit.canonical))


def load(path: Path) -> _Table:
    """Read data/names.toml (see its header)."""
    data = read_toml(path)
    read = engine().units
    spellings: dict[tuple[str, ...], tuple[str, str]] = {}
    parents: dict[str, str] = {}
    groups: dict[str, str] = {}
    for group, names in data.items():
        if not isinstance(names, dict):
            raise ValueError(f"{path.name}: [{group}] must hold names: name = {{ words = [...] }}")
        for name, entry in names.items():
            words = entry.get("words") if isinstance(entry, dict) else None
            if (
                not isinstance(words, list)
                or not words
                or not all(isinstance(w, str) for w in words)
            ):
                raise ValueError(f'{path.name}: {group}.{name} needs words = ["…", …]')
            if groups.setdefault(name, group) != group:
                raise ValueError(f"{path.name}: {name} is in [{groups[name]}] and [{group}]")
            if "in" in entry:
                parents[name] = str(entry["in"])
            for word in words:
                units = read(word)
                if not 1 <= len(units) <= _LONGEST:
                    raise ValueError(f"{path.name}: {group}.{name}: {word!r} is not 1-4 words")
                # The spelling as a text will be read: each piece as written or as its lemma.
                for key in _spelled(units):
                    if spellings.setdefault(key, (group, name)) != (group, name):
                        raise ValueError(
                            f"{path.name}: {word!r} is {group}.{name} and {spellings[key]}"
                        )
    for name, parent in parents.items():
        if parent not in groups:
            raise ValueError(f"{path.name}: {name} is in {parent!r}, which is no name")
    around = {}
    for name in {n for _, n in spellings.values()}:
        chain, at = {name}, name
        while at in parents and parents[at] not in chain:
            at = parents[at]
            chain.add(at)
        around[name] = frozenset(chain)
    return _Table(spellings, around)


def _spelled(units: list[Unit]) -> Iterator[tuple[str, ...]]:
    """Every way of reading word pieces: each as written or as its lemma."""
    return itertools.product(*({unit.surface, unit.canonical} for unit in units))


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    """The names, read on first use and again when the place names change (they change how
    members' words are read: «salimi» is «سلیمی» only once it is a place)."""
    return load(NAMES_PATH)


@functools.lru_cache(maxsize=TEXTS_KEPT)
def names_of(text: str) -> Mapping[str, frozenset[str]]:
    """Return the names a text says, by group («places»: {«tabriz», «salimi»})."""
    table = _table()
    units = engine().units(text)
    found: dict[str, set[str]] = {}
    index = 0
    while index < len(units):
        for size in range(min(_LONGEST, len(units) - index), 0, -1):
            window = [_keys(u, size == 1) for u in units[index : index + size]]
            hit = _match(table, window)
            if hit is not None:
                found.setdefault(hit[0], set()).add(hit[1])
                index += size
                break
        else:
            index += 1
    return {group: frozenset(names) for group, names in found.items()}


def _match(table: _Table, window: list[frozenset[str]]) -> tuple[str, str] | None:
    """The name a run of word pieces spells, if any (each piece by any of its forms)."""
    for key in itertools.product(*window):
        hit = table.spellings.get(key)
        if hit is not None:
            return hit
    return None


def warm_up() -> None:
    """Read the names now, not at the first report."""
    _table()


for _cache in (_table, names_of):
    understand.forget_with_places(_cache.cache_clear)


def differ(a: str, b: str) -> bool:
    """Whether two texts name things of one group and nothing of it in common (a place agrees
    with the places it is in)."""
    na, nb = names_of(a), names_of(b)
    around = _table().around
    for group in na.keys() & nb.keys():
        if not any(x in around[y] or y in around[x] for x in na[group] for y in nb[group]):
            return True
    return False
