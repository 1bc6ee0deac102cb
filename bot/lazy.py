"""A value built on first use and shared by every thread: hazm's parts, the normaliser's and
the categoriser's engines, the similarity tables (each takes up to seconds to build)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Shared(Generic[T]):
    """`shared()` builds the value once, whoever asks first; later calls return it at once.

    A lock, not functools.cache: two chats arriving together at start-up must not both pay
    the build (the second waits for the first's).
    """

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def __call__(self) -> T:
        value = self._value
        if value is not None:
            return value
        with self._lock:
            if self._value is None:
                self._value = self._build()
            return self._value

    @property
    def loaded(self) -> bool:
        """Whether it is built (code on the event loop avoids waiting for the lock)."""
        return self._value is not None


_loaded_kept = False


def keep_loaded_for_good() -> int:
    """Once the shared loaders have loaded, keep every object alive now out of the cyclic
    collector's walks for good (gc.freeze, as start-up's objects are: bot/__main__.py); return
    how many more objects that kept.

    What they built lasts as long as the process: hazm's word lists and models, the lexicons
    and tables, some 75,000 tracked objects holding hundreds of thousands of entries. A full
    collection walking them took 0.09-0.2 s (`python -m benchmarks.categorize` prints it), and
    the event loop, every chat with it, waited. The first time only: later warm-ups in one
    process (tests start many bots) load nothing new, and freezing again would keep their
    garbage for good.
    """
    global _loaded_kept
    if _loaded_kept:
        return 0
    _loaded_kept = True
    before = gc.get_freeze_count()
    gc.freeze()
    return gc.get_freeze_count() - before
