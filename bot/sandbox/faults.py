"""Injected failures and delays, the Bot API's error answer, and the per-chat rate bucket."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from http import HTTPStatus

from bot.sandbox.messages import JSONDict


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSONDict:
        """The JSON body Telegram would send."""
        body: JSONDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class Fault:
    """An injected failure or delay for the next ``times`` matching calls."""

    method: str | None
    error: int | None
    description: str | None
    retry_after: int | None
    delay: float
    times: int
    chat_id: int | None
    hits: int = 0
    # Below 1, each matching call is hit with this chance (seeded: runs are repeatable).
    probability: float = 1.0
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    # Only messages whose text (or caption) contains this: one message fails, not the chat.
    text: str | None = None
    # Set: the call takes effect (the message is in the chat) but its answer waits until the
    # test calls `release()`, as a slow network holds the bot between the two.
    held: asyncio.Event | None = None

    def release(self) -> None:
        """Let a held call answer."""
        if self.held is not None:
            self.held.set()

    @property
    def remaining(self) -> int:
        """How many more calls this fault will hit."""
        return self.times - self.hits

    def matches(self, method: str, params: JSONDict) -> bool:
        """Whether a call to ``method`` with ``params`` should be hit."""
        if self.method is None:
            if method == "getUpdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        if self.chat_id is not None and params.get("chat_id") != self.chat_id:
            return False
        if self.text is not None and self.text not in str(
            params.get("text") or params.get("caption") or ""
        ):
            return False
        return self.probability >= 1.0 or self.rng.random() < self.probability

    def as_error(self) -> ApiError | None:
        """The error this fault answers with, if any."""
        if self.error is None:
            return None
        description = self.description
        if description is None:
            if self.error == 429:
                description = "Too Many Requests"
                if self.retry_after is not None:
                    description += f": retry after {self.retry_after}"
            elif self.error == 403:
                description = "Forbidden: bot was blocked by the user"
            else:
                try:
                    description = HTTPStatus(self.error).phrase
                except ValueError:
                    description = "Error"
                if self.error == 400:
                    description = "Bad Request"
        return ApiError(self.error, description, self.retry_after)


class Bucket:
    """A token bucket holding one second's worth of messages: cheap enough for benchmarks."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, rate: float, now: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one message may go (0 when it may go now)."""
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate
