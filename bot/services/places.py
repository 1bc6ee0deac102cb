"""Clusters and estates: the shipped sample list, and admins' CSV replacements."""

from __future__ import annotations

import asyncio
import csv
import logging
import re
from pathlib import Path

import aiosqlite

from bot.text import normalize
from bot.understand import protect_place_names
from storage.clusters import Kind, Place, count_places, list_places, replace_places

log = logging.getLogger(__name__)

CODE_PATTERN = re.compile(r"^[a-z0-9_]{1,20}$")
COLUMNS = ("kind", "code", "name_fa", "name_en")
MAX_ROWS = 2000


class PlacesError(ValueError):
    """A CSV that cannot become the list; `key` is a message id, `line` the CSV line."""

    def __init__(self, key: str, line: int = 0, value: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.value = value


def parse_places(text: str, *, normalise: bool = True) -> list[Place]:
    """Parse `kind,code,name_fa,name_en` rows; lines starting with # are comments.

    Errors name the line of the file as the admin sees it in a spreadsheet or editor.
    """
    numbered = [
        (number, line)
        for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if len(numbered) > MAX_ROWS:
        raise PlacesError("places-error-too-many")
    rows = list(csv.reader(line for _, line in numbered))
    if not rows or tuple(f.strip().lower() for f in rows[0])[:4] != COLUMNS:
        raise PlacesError("places-error-header")
    places: list[Place] = []
    seen: set[tuple[str, str]] = set()
    for (number, _), row in zip(numbered[1:], rows[1:], strict=True):
        kind, code, name_fa, name_en = ([*row, "", "", "", ""])[:4]
        kind, code = kind.strip().lower(), code.strip().lower()
        name_fa, name_en = name_fa.strip(), name_en.strip()
        if normalise:
            name_fa = normalize(name_fa)
        if kind not in ("cluster", "estate"):
            raise PlacesError("places-error-kind", number, kind)
        if not CODE_PATTERN.match(code):
            raise PlacesError("places-error-code", number, code)
        if (kind, code) in seen:
            raise PlacesError("places-error-duplicate", number, code)
        if not name_fa:
            raise PlacesError("places-error-name", number, code)
        seen.add((kind, code))
        k: Kind = "cluster" if kind == "cluster" else "estate"
        places.append(Place(k, code, name_fa, name_en or name_fa))
    if not any(p.kind == "cluster" for p in places):
        raise PlacesError("places-error-no-clusters")
    return places


async def seed_places(db: aiosqlite.Connection, path: Path) -> None:
    """Load the shipped list on first start (later lists come from admins)."""
    if await count_places(db, "cluster") > 0:
        return
    text = await asyncio.to_thread(path.read_text, encoding="utf-8")
    # The shipped file is stored normalised (tests/test_text.py checks it), so the first start
    # does not wait seconds for hazm to load just to normalise names that are already clean.
    places = parse_places(text, normalise=False)
    counts = await replace_places(db, places)
    log.info("loaded sample clusters and estates from %s: %s", path.name, counts)


async def protect_places(db: aiosqlite.Connection) -> None:
    """Keep cluster and estate names whole in similarity and themes (bot/understand.py)."""
    kinds: tuple[Kind, ...] = ("cluster", "estate")
    found = [p for kind in kinds for p in await list_places(db, kind, active_only=False)]
    # Kept as they are: their words are worked out (with hazm) when first needed. The English
    # name says how members spell the place in Latin letters.
    protect_place_names((p.name_fa, p.name_en) for p in found)


async def replace_from_csv(db: aiosqlite.Connection, data: bytes) -> dict[Kind, int]:
    """Replace the lists from an uploaded CSV; raises PlacesError with a message id."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlacesError("places-error-encoding") from exc
    # Normalising loads hazm the first time (seconds): keep the event loop free meanwhile.
    places = await asyncio.to_thread(parse_places, text)
    counts = await replace_places(db, places)
    await protect_places(db)
    return counts


def read_as_persian(text: str) -> str:
    """A place typed another way, read as Persian words: Finglish («ghazaei», «kafsh»),
    Azerbaijani in either script («دری», «dəri» are leather), as the categoriser reads
    members' words (CPU work on first use: call it off the event loop)."""
    from bot import understand
    from bot.services import categorize

    read = understand.words(text, categorize.engine().informal)
    return " ".join(word.text for word in read)
