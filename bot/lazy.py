"""A value built on first use and shared by every thread: hazm's parts, the normaliser's and
the categoriser's engines, the similarity tables (each takes up to seconds to build)."""

from __future__ import annotations

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
