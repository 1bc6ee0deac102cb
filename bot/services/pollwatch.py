"""Tell admins when a platform's updates went unfetched for long (and may be lost).

Bale (like Telegram) keeps a bot's updates for 24 hours only (docs/bale.md): if the process
was down, or the host unreachable, for many hours, members wrote and nobody answered, and
past a day their messages are gone. Nothing in the updates says so, so the time of the last
successful getUpdates is kept in the database, and the first poll after a long gap tells the
admins how long it was.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from telegram.error import TelegramError

from bot.i18n import Texts
from bot.services.delivery import texts
from bot.settings import Platform
from storage.polling import last_poll, record_poll

if TYPE_CHECKING:
    from bot.context import AppState

log = logging.getLogger(__name__)

# A gap this long is worth an admin's attention (a restart takes seconds).
ALERT_AFTER = timedelta(hours=1)
# How long the platforms keep a bot's updates.
KEPT_FOR = timedelta(hours=24)
# The stamp is written at most this often (polls come every few seconds).
SAVE_EVERY = timedelta(minutes=1)


class PollWatch:
    """Called after every successful getUpdates on one platform."""

    def __init__(self, state: AppState, platform: Platform) -> None:
        self.state = state
        self.platform = platform
        self._last: datetime | None = None
        self._saved: datetime | None = None

    async def polled(self) -> None:
        """One getUpdates answered: compare with the last one, alert after a long gap."""
        now = datetime.now(UTC)
        previous = self._last
        if previous is None:  # the first poll of this process: the last one is on disk
            previous = await last_poll(self.state.db, self.platform.value)
        self._last = now
        if self._saved is None or now - self._saved >= SAVE_EVERY:
            self._saved = now
            await record_poll(self.state.db, self.platform.value, now)
        if previous is not None and now - previous >= ALERT_AFTER:
            await self._alert(previous, now - previous)

    async def _alert(self, since: datetime, gap: timedelta) -> None:
        hours = int(gap.total_seconds() // 3600)
        lost = gap >= KEPT_FOR
        log.warning("%s: no updates fetched for %s hours", self.platform, hours)
        settings = self.state.settings
        for platform, bot in list(self.state.bots.items()):
            for admin_id in settings.admins.get(platform, frozenset()):
                t = self._texts(platform)
                text = t(
                    "poll-gap-lost" if lost else "poll-gap",
                    platform=t.label(f"platform-{self.platform.value}"),
                    hours=hours,
                    since=since,
                )
                try:
                    await bot.send_message(admin_id, text)
                except TelegramError as exc:
                    log.info("poll gap alert not delivered (%s)", exc.__class__.__name__)

    def _texts(self, platform: Platform) -> Texts:
        return texts(self.state.locales, "fa", platform, self.state.settings.bale_escaping)
