"""Builds one PTB Application per platform and runs them side by side over one database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

import aiosqlite
from telegram.error import InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, ExtBot

from bot import text
from bot.context import AppState, KhoosheApplication, KhoosheContext
from bot.i18n import Locales
from bot.platforms import ADAPTERS, BaleBot, RepairingRequest, set_commands
from bot.services.digest import make_digests
from bot.services.outbox import Outbox
from bot.services.places import protect_places, seed_places
from bot.services.reports import LazyLexicon
from bot.services.throttle import FloodGuard, RateGate
from bot.services.triage import OutsideBody, load_outside_bodies
from bot.services.workdays import Holidays
from bot.settings import PROJECT_ROOT, Platform, Settings
from handlers import register_all
from storage.db import connect
from storage.persistence import SqlitePersistence

log = logging.getLogger(__name__)

LOCALES_DIR = PROJECT_ROOT / "locales"
# The command menu (where the platform has one), in the order members see it.
COMMANDS = ("start", "report", "myreports", "track", "profile", "help", "cancel")


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
        adapter=ADAPTERS[platform],
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
    # Long polls hold a connection for `polling_timeout` seconds: give reads a little more.
    poll_request = RepairingRequest(read_timeout=settings.polling_timeout + 10)
    request = RepairingRequest(connection_pool_size=64, read_timeout=20, write_timeout=30)
    bot_class = BaleBot if platform is Platform.BALE else ExtBot
    bot: ExtBot[Any] = bot_class(
        token.get_secret_value(),
        base_url=base_url,
        base_file_url=base_file_url,
        request=request,
        get_updates_request=poll_request,
        rate_limiter=rate_limiter,
    )
    app = (
        ApplicationBuilder()
        .application_class(KhoosheApplication, kwargs={"state": state})
        .bot(bot)
        .context_types(ContextTypes(context=KhoosheContext))
        .persistence(SqlitePersistence(db, platform.value, settings.persistence_interval))
        .post_init(_post_init)
        .build()
    )
    assert isinstance(app, KhoosheApplication)
    state.bots[platform] = app.bot
    register_all(app)
    return app


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Per-platform start-up work that needs the bot to be reachable."""
    assert isinstance(app, KhoosheApplication)
    t = app.state.locales.translator("fa")
    await set_commands(
        app.bot,
        [(name, t(f"command-{name}")) for name in COMMANDS],
    )


class Runtime:
    """Owns the database connection and runs every configured platform independently.

    The connection is opened before any Application initialises (PTB loads persistence inside
    `initialize()`, before `post_init`) and closed after the last one has shut down, so both
    platforms share it for their whole lives. A platform that cannot start (Telegram is often
    unreachable from Iran) is retried in the background while the other keeps serving.
    """

    def __init__(self, settings: Settings, platforms: Sequence[Platform] | None = None) -> None:
        self.settings = settings
        self.platforms = list(platforms if platforms is not None else settings.platforms())
        self.apps: dict[Platform, KhoosheApplication] = {}
        self.db: aiosqlite.Connection | None = None
        self.outbox: Outbox | None = None
        self._running: set[Platform] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self.started = asyncio.Event()

    async def start(self) -> None:
        """Open the database, build the apps and start polling on each platform."""
        self.db = await connect(self.settings.database_path)
        await seed_places(self.db, self.settings.clusters_file)
        await protect_places(self.db)
        locales = Locales.load(LOCALES_DIR, self.settings.tz)
        lexicon = LazyLexicon(self.settings.lexicon_file)
        holidays = await asyncio.to_thread(Holidays.load, self.settings.holidays_file)
        bodies = await asyncio.to_thread(load_outside_bodies, self.settings.outside_bodies_file)
        # hazm takes seconds to import: load it (and the category lexicon) off the event loop
        # while polling starts, so neither start-up nor the first reply waits for it.
        self._tasks.append(asyncio.create_task(asyncio.to_thread(text.warm_up)))
        self._tasks.append(asyncio.create_task(lexicon.warm_up()))
        bots: dict[Platform, ExtBot[Any]] = {}
        self.outbox = Outbox(self.db, self.settings, locales, bots)
        await self.outbox.recover()
        for platform in self.platforms:
            self.apps[platform] = build_application(
                self.settings, platform, self.db, locales, lexicon, holidays, bodies,
                self.outbox, bots,
            )  # fmt: skip
        # The weekly digest arms its job on the outbox's scheduler when that is attached.
        first = next(iter(self.apps.values()))
        self.outbox.on_scheduler(make_digests(first.state).arm)
        results = await asyncio.gather(
            *(self._start_one(p, attempts=1) for p in self.platforms), return_exceptions=True
        )
        refused = []
        for platform, result in zip(self.platforms, results, strict=True):
            if isinstance(result, InvalidToken):
                log.error("%s: the server refused the token; this platform stays off", platform)
                refused.append(platform)
            elif isinstance(result, BaseException):
                log.warning("%s: could not start (%s)", platform, result.__class__.__name__)
                self._tasks.append(asyncio.create_task(self._keep_trying(platform)))
        if len(refused) == len(self.platforms):
            raise InvalidToken("every configured token was refused")
        self.started.set()

    async def _start_one(self, platform: Platform, attempts: int) -> None:
        app = self.apps[platform]
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0,
            timeout=self.settings.polling_timeout,
            bootstrap_retries=attempts,
            allowed_updates=["message", "callback_query"],
            error_callback=_polling_error,
        )
        self._running.add(platform)
        log.info("%s: polling as @%s", platform, app.bot.username)
        # The first platform up also hosts the scheduler (one JobQueue for both).
        assert self.outbox is not None
        await self.outbox.attach(platform, app.job_queue)

    async def _keep_trying(self, platform: Platform) -> None:
        delay = 5.0
        while platform not in self._running:
            log.warning("%s: not reachable yet; retrying in %.0f s", platform, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 300.0)
            app = self.apps[platform]
            with suppress(Exception):
                if app.running:
                    await app.stop()
                await app.shutdown()
            try:
                await self._start_one(platform, attempts=1)
            except InvalidToken:
                log.error("%s: the token was refused; this platform stays off", platform)
                return
            except Exception as exc:  # keep trying whatever went wrong; the other runs on
                log.warning("%s: start failed (%s)", platform, exc.__class__.__name__)

    async def stop(self) -> None:
        """Stop polling, flush persistence, then close the database."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with suppress(asyncio.CancelledError, Exception):
                await task
        if self.outbox is not None:
            await self.outbox.stop()
        for platform, app in self.apps.items():
            if platform not in self._running:
                continue
            try:
                if app.updater is not None and app.updater.running:
                    await app.updater.stop()
                if app.running:
                    await app.stop()
                await app.shutdown()
            except Exception:
                log.exception("%s: error while stopping", platform)
        self._running.clear()
        if self.db is not None:
            await self.db.close()
            self.db = None


def _polling_error(exc: TelegramError) -> None:
    # Network trouble during polling is routine on estate networks; PTB retries by itself.
    log.warning("polling: %s", exc.__class__.__name__)
