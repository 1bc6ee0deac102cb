"""The check, after every test, that no member saw markup or a backslash nobody typed on
Bale (issue #21): a pytest plugin of tests/conftest.py, kept apart so conftest stays short."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.sandbox import BotApiSandbox


@pytest.fixture(autouse=True)
def no_member_sees_markup(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BotApiSandbox]]:
    """Every sandbox a test starts (the `sandbox` fixture's, or one a test opens itself, such
    as the second platform of a bot on both) is checked once the test is over: on Bale, no
    message may show our text taken as Markdown or a backslash nobody typed. The sandbox's
    start is only watched, not changed. (tests/sandbox/ turns this off: those tests send
    markup on purpose.)"""
    started: list[BotApiSandbox] = []
    start = BotApiSandbox.start

    async def watched_start(server: BotApiSandbox) -> None:
        started.append(server)
        await start(server)

    monkeypatch.setattr(BotApiSandbox, "start", watched_start)
    yield started
    problems = [problem for server in started for problem in server.unwanted_markup()]
    assert problems == [], "a member would see markup or a backslash"
