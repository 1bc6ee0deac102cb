"""What start-up does before it polls, and what it leaves for later (issue 14's lean start)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from yarl import URL

from bot.app import COMMANDS, LOCALES_DIR
from bot.i18n import Locales
from bot.transport import AiohttpRequest
from tests.conftest import ROOT, Khooshe, expect, on_both_platforms, wait_for


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
    """Both platforms' transports (the long polls' and the sends') verify servers with the
    one TLS context aiohttp makes at import: one made per transport would load the
    certificate authorities again each time (some 50 ms of start-up apiece, four transports
    with both platforms)."""
    async with on_both_platforms(tmp_path) as world:
        contexts = set()
        for app in world.runtime.apps.values():
            polls, sends = app.bot._request  # PTB keeps the two transports here
            for request in (polls, sends):
                assert isinstance(request, AiohttpRequest) and request._session is not None
                connector = request._session.connector
                assert isinstance(connector, aiohttp.TCPConnector)
                contexts.add(id(connector._get_ssl_context(_https_request())))
        assert len(contexts) == 1
        user = world.user("bale")
        await user.send_command("start")
        await expect(user, "نام و نام خانوادگی")


def _https_request() -> aiohttp.ClientRequest:
    """A request to an https address, as the connector sees one (nothing is sent)."""
    return aiohttp.ClientRequest(
        "GET", URL("https://tapi.bale.ai/"), loop=asyncio.get_running_loop()
    )


def test_a_button_is_rendered_once_in_every_language_for_every_filter() -> None:
    """The reply-keyboard filters of some fifteen handlers share the menu's and the cancel
    button's labels: each label is rendered once per language, then shared."""
    locales = Locales.load(LOCALES_DIR)
    cancel = locales.labels("button-cancel")
    assert cancel == tuple(locales.translator(lang)("button-cancel") for lang in locales.languages)
    assert len(set(cancel)) == len(locales.languages) > 1  # Persian, English, Azerbaijani
    assert locales.labels("button-cancel") is cancel


PROTECT_WITHOUT_HAZM = """
import asyncio, sys
from pathlib import Path
from bot import text, understand
from bot.services.places import protect_places, seed_places
from bot.settings import Settings
from storage.db import connect

async def main():
    db = await connect(Path(sys.argv[1]))
    await seed_places(db, Settings(_env_file=None).clusters_file)
    await protect_places(db)  # what start-up does
    print(text._load.loaded, sorted(m for m in sys.modules if m.split(".")[0] == "hazm"))
    print(understand.is_place_word("رازی"), understand.is_place_word("راز"), text._load.loaded)
    await db.close()

asyncio.run(main())
"""


def test_start_up_keeps_the_place_names_without_loading_hazm(tmp_path: Path) -> None:
    """Start-up hands the cluster and estate names to bot/understand.py, which works out
    their words (normalising them needs hazm, half a second) when first asked: start-up used
    to wait for hazm there. Asked, the names are protected as before."""
    result = subprocess.run(
        [sys.executable, "-c", PROTECT_WITHOUT_HAZM, str(tmp_path / "places.db")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.splitlines() == ["False []", "True False True"]


def test_a_bundle_loads_its_babel_data_only_when_a_plural_or_number_needs_it() -> None:
    """The locales' bundles set what FluentBundle sets, less babel's locale data and plural
    rule, made when first needed; plurals and numbers then come out as before."""
    from fluent.runtime import FluentBundle

    locales = Locales.load(LOCALES_DIR)
    persian = locales.translator("fa")
    bundle = persian._bundle
    plain = FluentBundle(["fa"], use_isolating=False)
    assert set(vars(plain)) - set(vars(bundle)) == {"_babel_locale", "_plural_form"}
    assert bundle.use_isolating is False and bundle.locales == ["fa"]
    assert locales.labels("button-cancel")[0] == persian("button-cancel")
    assert "_plural_form" not in vars(bundle)  # a label needs no plural rule
    english = locales.translator("en")
    one, many = english("digest-news-replies", count=1), english("digest-news-replies", count=3)
    assert (one, many) == ("1 staff reply", "3 staff replies")
    standard = FluentBundle(["en"])
    assert [english._bundle._plural_form(n) for n in (1, 3)] == ["one", "other"]
    assert [standard._plural_form(n) for n in (1, 3)] == ["one", "other"]
    assert english._bundle._babel_locale == standard._babel_locale
