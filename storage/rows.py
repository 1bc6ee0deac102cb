"""A stored row as a plain dataclass: the one mapping every table family uses.

A row's columns carry its dataclass's field names, so the mapping is read from the dataclass
instead of being written out field by field per table (where a new column had to be added to
the query, the dataclass and the hand-written mapping alike). The stored forms are decoded by
the field's declared type: SQLite's 0/1 for a `bool`, ISO text for a `datetime` (NULL stays
None). Anything else stored differently (JSON, a related table) is passed in by name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from datetime import datetime
from functools import cache
from typing import Any, TypeVar, cast, get_type_hints

import aiosqlite

from storage.clock import parse_iso

T = TypeVar("T")

Decode = Callable[[Any], Any]


def _as_bool(value: Any) -> bool:
    return bool(value)


def _as_moment(value: Any) -> Any:
    return parse_iso(value) if value else None


def _decoder(hint: Any) -> Decode | None:
    """How a field of this type is decoded from its column (None: taken as stored)."""
    if hint is bool:
        return _as_bool
    if hint in (datetime, datetime | None):
        return _as_moment
    return None


@cache
def _plan(cls: Any) -> tuple[tuple[str, Decode | None, bool], ...]:
    """Each init field of `cls`: its name, its decoder, whether it has a default."""
    hints = get_type_hints(cls)
    return tuple(
        (
            f.name,
            _decoder(hints[f.name]),
            f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
        if f.init
    )


def from_row(cls: type[T], row: aiosqlite.Row | Mapping[str, Any], **given: Any) -> T:
    """`cls` from a row (or a mapping of the same names): each field not `given` is the column
    of its name, decoded by its type; a field with a default may be absent from the row."""
    columns = set(row.keys())
    values = dict(given)
    for name, decode, optional in _plan(cast(Hashable, cls)):
        if name in values:
            continue
        if name not in columns:
            if optional:
                continue
            raise KeyError(f"{cls.__name__}: no column {name!r}")
        value = row[name]
        values[name] = decode(value) if decode is not None else value
    return cls(**values)
