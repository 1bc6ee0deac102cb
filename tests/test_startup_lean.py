"""What start-up does before it polls, and what it leaves for later (issue 14's lean start)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bot.app import COMMANDS, LOCALES_DIR
from bot.i18n import Locales
from tests.conftest import Khooshe, expect, on_both_platforms, wait_for


async def test_start_up_does_not_wait_for_the_command_menu(harness: Khooshe) -> None:
    """The menu, which nothing waits for, is set once polling runs: a platform slow to take
    it neither holds up start-up nor the first answers."""
    harness.sandbox.inject("setMyCommands", delay=30, times=1)
    runtime = await harness.start()
    # Started before the menu's answer could have come or timed out (start-up used to wait
    # for it: a slow platform cost request_timeout, here 20 s, before the first poll).
    started = time.monotonic()
    assert await wait_for(lambda: harness.sandbox.calls_to("setMyCommands"), 10)
    (menu,) = harness.sandbox.calls_to("setMyCommands")
    assert started - menu.at < runtime.settings.request_timeout < 30
    user = harness.member()
    await user.send_command("start")
    await expect(user, "نام و نام خانوادگی")
    commands = menu.params["commands"]
    commands = json.loads(commands) if isinstance(commands, str) else commands
    assert [c["command"] for c in commands] == list(COMMANDS)
    assert commands[0]["description"] != "command-start"  # rendered from the locales


async def test_every_transport_verifies_with_one_tls_context(tmp_path: Path) -> None:
    """Both platforms' transports (the long polls' and the sends') share one TLS context:
    httpx would load the certificate authorities once per transport otherwise."""
    async with on_both_platforms(tmp_path) as world:
        contexts = set()
        for app in world.runtime.apps.values():
            polls, sends = app.bot._request  # PTB keeps the two transports here
            for request in (polls, sends):
                contexts.add(id(request._client._transport._pool._ssl_context))
        assert len(contexts) == 1
        user = world.user("bale")
        await user.send_command("start")
        await expect(user, "نام و نام خانوادگی")


def test_a_button_is_rendered_once_in_every_language_for_every_filter() -> None:
    """The reply-keyboard filters of some fifteen handlers share the menu's and the cancel
    button's labels: each label is rendered once per language, then shared."""
    locales = Locales.load(LOCALES_DIR)
    cancel = locales.labels("button-cancel")
    assert cancel == tuple(locales.translator(lang)("button-cancel") for lang in locales.languages)
    assert len(set(cancel)) == len(locales.languages) > 1  # Persian, English, Azerbaijani
    assert locales.labels("button-cancel") is cancel
