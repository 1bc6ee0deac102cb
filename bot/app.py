"""Runs one PTB Application per platform (bot/wiring.py builds them) over one database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from typing import Any

import aiosqlite
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ExtBot, JobQueue

from bot import text
from bot.context import AppState, KhoosheApplication
from bot.i18n import Locales, Texts
from bot.lazy import keep_loaded_for_good
from bot.proxies import label, why_unreachable
from bot.services.backups import ScheduledBackups
from bot.services.consult_overdue import OverdueWatch
from bot.services.delivery import texts as texts_for
from bot.services.outbox import Outbox
from bot.services.places import protect_places, seed_places
from bot.services.pollwatch import SAVE_EVERY, PollWatch
from bot.services.reports import LazyLexicon
from bot.services.triage import load_outside_bodies
from bot.services.workdays import Holidays
from bot.settings import Platform, Settings
from bot.updates import UpdateQueue
from bot.webhooks import ALLOWED_UPDATES, check_port, plan_for
from bot.wiring import COMMANDS, LOCALES_DIR, PollingRefused, build_application, publish_menu
from handlers.errors import send_alert
from storage.db import (
    DatabaseInUse,
    DatabaseLock,
    DatabaseUnavailable,
    connect,
    prepare_folder,
)

# Tests, benchmarks and the sandbox name these here, beside the runtime that uses them.
__all__ = ["COMMANDS", "LOCALES_DIR", "Runtime", "build_application"]

log = logging.getLogger(__name__)


class Runtime:
    """Owns the database connection and runs every configured platform independently.

    The connection is opened before any Application initialises (PTB loads persistence inside
    `initialize()`, before `post_init`) and closed after the last one has shut down, so both
    platforms share it for their whole lives. A platform that cannot start (Telegram is often
    unreachable from Iran) is retried in the background while the other keeps serving.

    A refused token (revoked, or replaced in BotFather) is different: no retry can help. That
    platform stops polling and sending (its outbox rows wait, members' states untouched), one
    line says so and the admins on the other platform are told. When no platform is left
    serving or being retried, `finished` is set and `python -m bot` exits non-zero.
    """

    def __init__(self, settings: Settings, platforms: Sequence[Platform] | None = None) -> None:
        self.settings = settings
        self.platforms = list(platforms if platforms is not None else settings.platforms())
        self.apps: dict[Platform, KhoosheApplication] = {}
        self.db: aiosqlite.Connection | None = None
        self.outbox: Outbox | None = None
        self.bots: dict[Platform, ExtBot[Any]] = {}
        self._running: set[Platform] = set()
        self._refused: set[Platform] = set()
        self._retrying: set[Platform] = set()
        self._checking: set[Platform] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self.started = asyncio.Event()
        self.finished = asyncio.Event()
        # Set when the first platform's first poll sets out (or its webhook listens).
        self.serving_once = asyncio.Event()
        self._lock: DatabaseLock | None = None

    async def start(self) -> None:
        """Open the database, build the apps and start polling (or webhooks) on each platform.

        A webhook port that cannot be bound stops the start before anything is touched
        (WebhookUnavailable): that is a configuration error, not a platform to retry.
        """
        for platform in self.platforms:
            plan = plan_for(self.settings, platform)
            if plan is not None:
                check_port(plan)
        path = self.settings.database_path
        # One bot per database, and `python -m bot restore` refuses while it runs: both
        # through this lock. A lock file that cannot be made (a read-only folder) is left for
        # connect() to explain, which says more; should the database open all the same,
        # that failure stands.
        unlocked: DatabaseUnavailable | None = None
        if str(path) != ":memory:":
            await asyncio.to_thread(prepare_folder, path)
            lock = DatabaseLock(path)
            try:
                lock.acquire()
                self._lock = lock
            except DatabaseInUse:
                raise
            except DatabaseUnavailable as exc:
                unlocked = exc
        try:
            self.db = await connect(path)
            if unlocked is not None:
                raise unlocked
        except BaseException:
            if self.db is not None:
                await self.db.close()
                self.db = None
            self._release_lock()
            raise
        await seed_places(self.db, self.settings.clusters_file)
        await protect_places(self.db)
        locales = Locales.load(LOCALES_DIR, self.settings.tz)
        lexicon = LazyLexicon(self.settings.lexicon_file)
        holidays = await asyncio.to_thread(Holidays.load, self.settings.holidays_file)
        bodies = await asyncio.to_thread(load_outside_bodies, self.settings.outside_bodies_file)
        bots = self.bots
        self.outbox = Outbox(self.db, self.settings, locales, bots)
        await self.outbox.recover()
        for platform in self.platforms:
            self.apps[platform] = build_application(
                self.settings, platform, self.db, locales, lexicon, holidays, bodies,
                self.outbox, bots, partial(self._on_refused, platform),
                self.serving_once.set,
            )  # fmt: skip
        # The weekly digest arms its job on the outbox's scheduler when that is attached.
        first = next(iter(self.apps.values()))
        self.outbox.on_scheduler(partial(_arm_digests, first.state))
        backups = ScheduledBackups(self.settings, on_failure=self._alert_backup_failed)
        self.outbox.on_scheduler(backups.arm)
        # Requests for advice nobody acted on in time (issue 17).
        self.outbox.on_scheduler(OverdueWatch(first.state).arm)
        results = await asyncio.gather(
            *(self._start_one(p, attempts=1) for p in self.platforms), return_exceptions=True
        )
        refused = []
        for platform, result in zip(self.platforms, results, strict=True):
            if isinstance(result, InvalidToken):
                self._refused.add(platform)
                self.bots.pop(platform, None)
                log.error(_REFUSED, platform, platform.value.upper())
                refused.append(platform)
            elif isinstance(result, BaseException):
                log.warning("%s: could not start (%s)", platform, _why(result))
                self._retrying.add(platform)
                self._tasks.append(asyncio.create_task(self._keep_trying(platform, result)))
        if len(refused) == len(self.platforms):
            raise InvalidToken("every configured token was refused")
        for platform in refused:
            await self._alert_refused(platform)
        self._tasks.append(asyncio.create_task(self._warm_up(lexicon, locales)))
        self.started.set()

    async def _warm_up(self, lexicon: LazyLexicon, locales: Locales) -> None:
        """Load hazm (seconds) and the category lexicon off the event loop, and check the .ftl
        files whole (messages are parsed as they are first used), once polling runs.

        Not before the first poll has set out: a worker thread loading hazm shares the
        processor (and the interpreter's lock) with start-up, which it slowed by half a
        second of processor time. The first reply that needs hazm waits in a worker thread.
        """
        await self.serving_once.wait()
        await asyncio.gather(
            asyncio.to_thread(text.warm_up),
            lexicon.warm_up(),
            asyncio.to_thread(locales.log_problems),
        )
        # hazm's lists, the lexicons: not walked again by every full collection
        log.debug("warmed up; %d more objects kept out of collections", keep_loaded_for_good())

    async def _start_one(self, platform: Platform, attempts: int) -> None:
        app = self.apps[platform]
        await app.initialize()
        await app.start()
        plan = plan_for(self.settings, platform)
        if plan is None:
            await self._poll(app, attempts)
        else:
            assert app.updater is not None
            # setWebhook first (a failure is retried like an unreachable platform), then
            # listen. Polling's start deletes any webhook, so switching back needs nothing.
            await app.updater.start_webhook(
                listen=plan.listen,
                port=plan.port,
                url_path=plan.url_path,
                webhook_url=plan.url,
                secret_token=plan.secret_token,
                allowed_updates=list(ALLOWED_UPDATES),
                bootstrap_retries=attempts,
            )
            self._tasks.append(asyncio.create_task(_listening(app, platform)))
            self.serving_once.set()
        proxy = self.settings.proxy(platform)
        via = f" through {platform.value.upper()}_PROXY={label(proxy)}" if proxy else ""
        if plan is None:
            log.info("%s: polling as @%s%s", platform, app.bot.username, via)
        else:
            log.info(
                "%s: webhook on %s as @%s%s", platform, plan.describe(), app.bot.username, via
            )
        self._running.add(platform)
        self._tasks.append(asyncio.create_task(publish_menu(app)))
        # The first platform up also hosts the scheduler (one JobQueue for both).
        assert self.outbox is not None
        await self.outbox.attach(platform, app.job_queue)

    async def _poll(self, app: KhoosheApplication, attempts: int) -> None:
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0,
            timeout=self.settings.polling_timeout,
            bootstrap_retries=attempts,
            allowed_updates=list(ALLOWED_UPDATES),
            error_callback=_polling_error,
        )

    async def _keep_trying(self, platform: Platform, failure: BaseException) -> None:
        """Start a platform that could not start, with growing pauses; one line each time,
        saying why (its proxy, if it has one, is probed) and that the others serve on."""
        delay = 5.0
        while platform not in self._running:
            reason = await why_unreachable(self.settings, platform, failure)
            log.warning("%s: %s; retrying in %.0f s", platform, reason, delay)
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
                self._retrying.discard(platform)
                self._refused.add(platform)
                self.bots.pop(platform, None)
                log.error(_REFUSED, platform, platform.value.upper())
                await self._alert_refused(platform)
                self._check_serving()
                return
            except Exception as exc:  # keep trying whatever went wrong; the other runs on
                log.warning("%s: start failed (%s)", platform, _why(exc))
                failure = exc
        self._retrying.discard(platform)
        # Admins here have not heard of a token refused while this platform was unreachable.
        for refused in self._refused:
            await self._alert_refused(refused, only=platform)

    def _on_refused(self, platform: Platform) -> None:
        """The server answered 401 on a running platform (called from its transport)."""
        if platform in self._refused or platform in self._checking:
            return  # known already, or being checked
        if platform not in self._running:
            return  # start-up is deciding (it sees InvalidToken itself)
        self._checking.add(platform)
        self._tasks.append(asyncio.create_task(self._confirm_refusal(platform)))

    async def _confirm_refusal(self, platform: Platform) -> None:
        """Ask getMe whether the token is really refused: one stray 401 (a proxy, a glitch)
        must not take a platform down, and a revoked token must not leave it polling deaf."""
        app = self.apps[platform]
        try:
            await app.bot.get_me()
        except InvalidToken:
            refused = True
        except Exception:  # cannot tell now; a revoked token 401s the next poll: asked again
            refused = False
        else:
            refused = False
        finally:
            self._checking.discard(platform)
        if refused:
            await self._retire(platform)
            return
        # Polling retries by itself (see WatchedRequest); the outbox row waits a minute.
        log.warning("%s: a 401 that getMe does not confirm; carrying on", platform)

    async def _retire(self, platform: Platform) -> None:
        """Stop a platform whose token was refused, tell the admins elsewhere."""
        self._refused.add(platform)
        # Nothing may use the token from now on: senders that look the bot up find none.
        self.bots.pop(platform, None)
        log.error(_REFUSED, platform, platform.value.upper())
        if self.outbox is not None:
            await self.outbox.detach(platform)
        # Only polling stops: the Application (and its JobQueue, which may be every
        # platform's scheduler) runs on until the runtime stops.
        updater = self.apps[platform].updater
        if updater is not None and updater.running:
            with suppress(TelegramError, RuntimeError):
                await updater.stop()
        await self._alert_refused(platform)
        self._check_serving()

    def _check_serving(self) -> None:
        if not (self._running - self._refused) and not self._retrying:
            log.info("no platform is left serving")
            self.finished.set()

    async def _alert_refused(self, platform: Platform, only: Platform | None = None) -> None:
        """Tell the admins on every platform still serving (or `only` one) (best effort)."""
        await self._alert(
            lambda t: t("admin-alert-token-refused", platform=t.label(f"platform-{platform}")),
            only,
        )

    async def _alert_backup_failed(self) -> None:
        """A scheduled backup failed (the log says why): the admins should know."""
        await self._alert(lambda t: t("admin-alert-backup-failed"))

    async def _alert(self, render: Callable[[Texts], str], only: Platform | None = None) -> None:
        """Send the admins on every platform serving (or `only` one) a text (best effort)."""
        for other in self._running - self._refused:
            if only is not None and other is not only:
                continue
            bot = self.bots.get(other)
            admins = self.settings.admins.get(other, frozenset())
            if bot is None or not admins or self.outbox is None:
                continue
            await send_alert(bot, admins, render(texts_for(self.outbox.locales, "fa", other)))

    @property
    def handling(self) -> int:
        """Updates received on any platform and not yet handled."""
        return sum(
            app.update_queue.unfinished
            for app in self.apps.values()
            if isinstance(app.update_queue, UpdateQueue)
        )

    async def at_rest(self, platform: Platform, chat_id: int) -> bool:
        """Whether the bot has done all it will do now that could reach this chat: every update
        handled (work a handler left running beside it too), no scheduled job due or running,
        and nothing in the outbox in flight or due for the chat. Tests and the sandbox console
        wait for this, not for a quiet spell."""
        if self.handling or any(app.background for app in self.apps.values()):
            return False
        outbox = self.outbox
        if outbox is None:
            return True
        if outbox.jobs is not None and outbox.jobs_at_work:
            return False
        return not await outbox.owes(platform, chat_id)

    @property
    def serving(self) -> set[Platform]:
        """Platforms polling now."""
        return self._running - self._refused

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
        # A platform that never started (unreachable, refused) has open connections all the
        # same: its failed start made them. Closing twice is harmless.
        for app in self.apps.values():
            for transport in app.state.transports:
                await transport.shutdown()
        self._running.clear()
        self._refused.clear()
        if self.db is not None:
            await self.db.close()
            self.db = None
        self._release_lock()

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


async def _arm_digests(state: AppState, jobs: JobQueue[Any]) -> None:
    # Imported here, once polling runs: the digest service is weekly work, not start-up's.
    from bot.services.digest.service import make_digests

    await make_digests(state).arm(jobs)


_REFUSED = (
    "%s: the server refused the token (revoked or replaced?): this platform stops; "
    "members' messages wait. Put a valid %s_TOKEN in the settings and restart"
)


async def _listening(app: KhoosheApplication, platform: Platform) -> None:
    """While the webhook listener is up, stamp it as polling would (bot/services/pollwatch.py):
    the first stamp tells the admins how long the bot was down, and a later switch back to
    polling does not read the time on webhooks as a gap. Updates themselves are no heartbeat:
    on webhooks, a quiet hour is just a quiet hour."""
    watch = PollWatch(app.state, platform)
    updater = app.updater
    while updater is not None and updater.running:
        try:
            await watch.polled()
        except Exception:  # a stamp is not worth stopping for; the next one may work
            log.warning("%s: could not record the webhook's heartbeat", platform)
        await asyncio.sleep(SAVE_EVERY.total_seconds())


def _why(exc: BaseException) -> str:
    """The error's class, and the server's description when it gave one (a refused
    setWebhook says why; descriptions never hold the token)."""
    if isinstance(exc, TelegramError) and not isinstance(exc, NetworkError):
        return f"{exc.__class__.__name__}: {exc.message}"
    return exc.__class__.__name__


def _polling_error(exc: TelegramError) -> None:
    if isinstance(exc, PollingRefused):
        return  # the runtime checks the token and says what it found
    # Network trouble during polling is routine on estate networks; PTB retries by itself.
    log.warning("polling: %s", exc.__class__.__name__)
