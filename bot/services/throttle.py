"""In-memory rate gates: member flood control and admin alert limiting."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


@dataclass
class FloodGuard:
    """Token bucket per sender: `burst` updates at once, refilled at `rate` per second."""

    burst: int = 20
    rate: float = 2.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[Hashable, _Bucket] = field(default_factory=dict)

    def check(self, key: Hashable) -> tuple[bool, bool]:
        """Return (allowed, warn_now); warn only once per flood, not per message."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            if bucket.tokens >= self.burst / 2:
                bucket.warned = False
            return True, False
        warn = not bucket.warned
        bucket.warned = True
        if len(self._buckets) > 50_000:
            self._forget_idle(now)
        return False, warn

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, b in self._buckets.items() if now - b.stamp > self.burst / self.rate]
        for key in idle:
            del self._buckets[key]


@dataclass
class RateGate:
    """Allow an event at most once per `interval` seconds per key."""

    interval: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _last: dict[Hashable, float] = field(default_factory=dict)

    def allow(self, key: Hashable = None) -> bool:
        """True if the event may happen now (and remember that it did)."""
        now = self.clock()
        last = self._last.get(key)
        if last is not None and now - last < self.interval:
            return False
        self._last[key] = now
        return True
