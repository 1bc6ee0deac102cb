"""One platform's PTB Application: its transport, its bot, its handlers and its command menu.

The runtime (bot/app.py) builds one per configured platform and runs them side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import aiosqlite
from telegram.error import NetworkError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    ContextTypes,
    ExtBot,
)

from bot.context import AppState, KhoosheApplication, KhoosheContext
from bot.i18n import Locales
from bot.persistence import SqlitePersistence
from bot.platforms import (
    CONNECT_TIMEOUT,
    WRITE_TIMEOUT,
    BaleBot,
    KhoosheBot,
    RepairingRequest,
    adapter,
    set_commands,
)
from bot.services.outbox import Outbox
from bot.services.pollwatch import PollWatch
from bot.services.reports import LazyLexicon
from bot.services.throttle import FloodGuard, RateGate
from bot.services.triage import OutsideBody
from bot.services.workdays import Holidays
from bot.settings import PROJECT_ROOT, Platform, Settings
from bot.updates import OnePersonAtATime, UpdateQueue
from bot.webhooks import KhoosheUpdater
from handlers import register_all

LOCALES_DIR = PROJECT_ROOT / "locales"
# Requests one platform's bot has on the wire at once (the long poll has its own connection);
# more wait their turn. Enough to reach Telegram's 30 messages a second at half a second a
# request (a proxy from Iran); Bale's answers are faster. All stay open between bursts.
IN_FLIGHT = 16
# The command menu (where the platform has one), in the order members see it.
COMMANDS = (
    "start", "report", "myreports", "track", "consult", "surveys", "proposals", "profile", "help",
    "cancel",
)  # fmt: skip


class PollingRefused(NetworkError):
    """A 401 to getUpdates, raised as a network error: PTB retries those with backoff, where
    it aborts polling for good (and cannot restart it cleanly) on InvalidToken."""

    refused_token = True  # bot.logs drops PTB's tracebacks for it: the runtime says it once


class WatchedRequest(RepairingRequest):
    """The platform's transport, which also tells the runtime when the token is refused.

    Every call can learn it (getUpdates while polling, a send from a handler or the outbox),
    so the answer is watched here rather than in each caller. fix_response has turned Bale's
    403 "Token not found" into the 401 Telegram sends, which PTB raises as InvalidToken.

    On the polling transport a 401 is raised as PollingRefused instead, which PTB retries:
    the runtime decides (getMe) whether the token is really refused, and stops polling if so.
    That transport also says when a poll sets out (`on_poll`): the runtime's background
    loading waits for the first, so it does not hold up the start.
    """

    def __init__(
        self,
        on_refused: Callable[[], None],
        *,
        polling: bool = False,
        on_poll: Callable[[], None] = lambda: None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._on_refused = on_refused
        self._polling = polling
        self._on_poll = on_poll

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """Send the request; report a 401 before PTB raises it."""
        if self._polling:
            self._on_poll()
        code, payload = await super().do_request(url, method, *args, **kwargs)
        if code == HTTPStatus.UNAUTHORIZED and "/file/" not in url:
            self._on_refused()
            if self._polling:
                raise PollingRefused("getUpdates: the token was refused")
        return code, payload


def build_application(
    settings: Settings,
    platform: Platform,
    db: aiosqlite.Connection,
    locales: Locales,
    lexicon: LazyLexicon,
    holidays: Holidays,
    outside_bodies: tuple[OutsideBody, ...],
    outbox: Outbox,
    bots: dict[Platform, ExtBot[Any]],
    on_refused: Callable[[], None] = lambda: None,
    on_poll: Callable[[], None] = lambda: None,
) -> KhoosheApplication:
    """One platform's Application, with every handler registered."""
    token = settings.token(platform)
    if token is None:
        raise ValueError(f"no token for {platform}")
    base_url, base_file_url = settings.base_urls(platform)
    state = AppState(
        settings=settings,
        db=db,
        locales=locales,
        adapter=adapter(platform, settings.bale_escaping),
        lexicon=lexicon,
        holidays=holidays,
        outside_bodies=outside_bodies,
        outbox=outbox,
        bots=bots,
        flood=FloodGuard(burst=settings.flood_burst, rate=settings.flood_rate),
        admin_alerts=RateGate(interval=settings.admin_alert_interval),
    )
    rate_limiter = AIORateLimiter(
        overall_max_rate=settings.rate_limit(platform), overall_time_period=1, max_retries=2
    )
    # Every request of the platform goes through its proxy, if any: the long polls, the sends
    # and (File.download uses the bot's sending transport) the file downloads.
    proxy = settings.proxy(platform)
    # Long polls hold a connection for `polling_timeout` seconds: give reads a little more.
    # Bale's answers are repaired; Telegram's go to PTB as they came (bot/platforms.py).
    bale = platform is Platform.BALE
    poll_request = WatchedRequest(
        on_refused,
        polling=True,
        on_poll=on_poll,
        proxy=proxy,
        read_timeout=settings.polling_timeout + 10,
        on_polled=PollWatch(state, platform).polled,
        bale=bale,
    )
    request = WatchedRequest(
        on_refused,
        connection_pool_size=IN_FLIGHT,
        read_timeout=settings.request_timeout,
        media_write_timeout=WRITE_TIMEOUT,
        connect_timeout=CONNECT_TIMEOUT,
        bale=bale,
        proxy=proxy,
    )
    state.transports = (poll_request, request)
    # Both platforms' bots are wired alike; only Bale's escapes what it sends.
    wiring: dict[str, Any] = {
        "base_url": base_url,
        "base_file_url": base_file_url,
        "request": request,
        "get_updates_request": poll_request,
        "rate_limiter": rate_limiter,
    }
    bot: ExtBot[Any]
    if platform is Platform.BALE:
        bot = BaleBot(token.get_secret_value(), escaping=settings.bale_escaping, **wiring)
    else:
        bot = KhoosheBot(token.get_secret_value(), **wiring)
    app = (
        ApplicationBuilder()
        .application_class(KhoosheApplication, kwargs={"state": state})
        # The updater brings the bot and the update queue (bot/updates.py) with it.
        .updater(KhoosheUpdater(bot, UpdateQueue()))
        .context_types(ContextTypes(context=KhoosheContext))
        .persistence(SqlitePersistence(db, platform.value, settings.persistence_interval))
        # Different people's updates side by side, each person's in order (bot/updates.py).
        .concurrent_updates(OnePersonAtATime())
        .build()
    )
    assert isinstance(app, KhoosheApplication)
    state.bots[platform] = app.bot
    register_all(app)
    return app


async def publish_menu(app: KhoosheApplication) -> None:
    """Set the platform's command menu; the runtime calls it once polling (or the webhook)
    runs, since nothing waits for the menu and start-up need not wait for its round trip."""
    t = app.state.locales.translator("fa")
    await set_commands(app.bot, [(name, t(f"command-{name}")) for name in COMMANDS])
