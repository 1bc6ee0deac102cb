"""The outbox sender: the project's one way to deliver a message to many members.

A broadcast (and later a training announcement, a reminder, a digest) is expanded into one
outbox row per recipient before anything is sent; per platform a few workers take the oldest
due row, mark it in flight ('sending'), send it and record the result.

Pacing. Broadcast messages are spaced evenly at `outbox_share` (95%) of the platform's rate,
and every send then goes through the platform bot's AIORateLimiter, the same limiter the
interactive replies use: the remaining 5% and the limiter's burst keep a member's reply from
queueing behind a broadcast. A 429 pauses that limiter for `retry_after` and the row is
retried after it. Only `outbox_workers` messages are in flight per platform.

Per chat. Besides the platform's rate, each chat has its own: a group takes about 20
messages a minute, a private chat about one a second. Each chat gets its own leaky bucket
(`ChatPace`) at `outbox_share` of that rate, and a chat at its limit, or with a message in
flight, is skipped when the next row is claimed: its rows wait, nobody else's wait behind
them, and a worker never sleeps inside the rate limiter for one chat. One message in flight
per chat also keeps each chat's messages in order (a card before the news that replies to it).

Notices. What the bot owes someone after a stored event (a new report's card for staff, a
status change or a staff reply for members, a member's news for staff) is queued here too,
as a 'notice' (storage.outbox_queue.queue_notices) before the event is acknowledged, and goes
before waiting broadcast rows. A sent card is remembered as being about its report in the
same step that records it sent (`record_sent`).

Crash safety. A row is marked 'sending' in its own transaction before the request and its
result is written right after. If the process dies (kill -9), rows still 'sending' are put
back at start-up and sent again: **a crash can duplicate at most `outbox_workers` messages per
platform** (those in flight at that moment), and loses none. A timeout is retried too, so it
can duplicate the one message whose answer was lost.

Scheduling. Scheduled broadcasts live in the database; at start-up they are armed on the
scheduler (PTB's JobQueue of the first platform that starts). One that fell due while the bot
was down is sent if it is at most `schedule_grace_minutes` late, otherwise marked missed and
its composer told. Other weekly work (the digest) arms its jobs on the same scheduler through
`on_scheduler` hooks, so there is never a second one.

Owners. A broadcast the bot makes itself (the digest) has no owner: `owner_chat_id` is
`SYSTEM_OWNER` (0), and no progress or delivery report is sent for it.

Where it lives: how one message is rendered and paced is in bot/services/delivery.py, the
workers that send rows of any kind (notices and broadcasts alike) in
bot/services/outbox_sender.py, and this module adds broadcasts, scheduling and progress.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
)
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import TelegramError
from telegram.ext import CallbackContext, JobQueue

from bot import callbacks as cb
from bot.i18n import Texts
from bot.services.delivery import Pacer, texts
from bot.services.outbox_sender import OutboxSender
from bot.settings import Platform
from storage.outbox import (
    Broadcast,
    NewBroadcast,
    Tally,
    broadcasts_in,
    cancel_broadcast,
    create_broadcast,
    get_broadcast,
    mark_missed,
    set_progress_message,
    set_schedule,
    start_broadcast,
    tally,
)
from storage.outbox import finish_broadcast as finish_row
from storage.outbox_queue import NOTICE

log = logging.getLogger(__name__)


# Kinds whose composer follows the sending (a status message that counts up, then the
# delivery report), with the prefix of their messages; reminders, digests and notices run
# without: nobody composed them to be told.
REPORTED = {"announcement": "broadcast", "offering": "broadcast", "survey": "survey-invite"}

# owner_chat_id of a broadcast the bot makes itself: nobody is told about its progress.
SYSTEM_OWNER = 0


class JobsAtWork:
    """Whether the scheduler has work now: a job started and not finished, or one due; and
    how many runs of each job (by id) have finished."""

    def __init__(self, jobs: JobQueue[Any]) -> None:
        self._jobs = jobs
        self._running = 0
        self.runs: Counter[str] = Counter()
        jobs.scheduler.add_listener(
            self._count, EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR
        )

    def _count(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_SUBMITTED:
            self._running += 1
        else:
            self._running -= 1
            self.runs[event.job_id] += 1

    def __bool__(self) -> bool:
        if self._running:
            return True
        now = datetime.now(UTC)
        return any(job.next_t is not None and job.next_t <= now for job in self._jobs.jobs())


class Outbox(OutboxSender):
    """Sends what the outbox holds, on every running platform, and runs scheduled broadcasts."""

    # The scheduler's activity, once one is attached (`Runtime.at_rest` asks).
    jobs_at_work: JobsAtWork | None = None

    async def attach(self, platform: Platform, jobs: JobQueue[Any] | None) -> None:
        """A platform's Application is running: start its senders (and the scheduler)."""
        if platform in self._wake:
            return
        self._stopping = False
        self._wake[platform] = asyncio.Event()
        share = self.settings.outbox_share
        self._pacers[platform] = Pacer(self.settings.rate_limit(platform) * share)
        self._chats[platform] = {}
        self._in_flight[platform] = set()
        self._claiming[platform] = asyncio.Lock()
        for _ in range(self.settings.outbox_workers):
            self._workers.append(asyncio.create_task(self._work(platform)))
        if self.jobs is None and jobs is not None:
            self.jobs = jobs
            self.jobs_at_work = JobsAtWork(jobs)
            self._tasks.append(asyncio.create_task(self._monitor()))
            await self._rearm()
            for hook in self._hooks:
                try:
                    await hook(jobs)
                except Exception:  # a broken hook must not keep broadcasts from sending
                    log.exception("scheduler hook %r failed", hook)

    # --- broadcasts ----------------------------------------------------------------------

    @property
    def platforms(self) -> list[str]:
        """Platforms a broadcast may reach: those configured (a platform that is down for a
        while still gets its rows, sent when it comes up)."""
        return [p.value for p in self.settings.platforms()]

    async def submit(
        self,
        new: NewBroadcast,
        before_start: Callable[[Broadcast], Awaitable[object]] | None = None,
    ) -> tuple[Broadcast, bool]:
        """Store a confirmed broadcast, then send it now or arm it; (broadcast, created).

        `before_start` is awaited once a broadcast due now is stored and before it starts:
        what its owner should read before its status message (and its report) arrive. The
        broadcast starts even if that failed; a crash in between leaves it stored and due,
        for `recover`, as a crash right after the start would."""
        broadcast, created = await create_broadcast(self.db, new)
        if created:
            if broadcast.send_at <= datetime.now(UTC):
                if before_start is not None:
                    try:
                        await before_start(broadcast)
                    except Exception:  # the owner's notice failing must not hold it back
                        log.exception("broadcast %s: the notice before it failed", broadcast.id)
                await self.start(broadcast.id)
            else:
                self._arm(broadcast)
        fresh = await get_broadcast(self.db, broadcast.id)
        assert fresh is not None
        return fresh, created

    async def start(self, broadcast_id: int) -> int | None:
        """Expand a due broadcast into the outbox and start sending (None: not waiting)."""
        queued = await start_broadcast(self.db, broadcast_id, self.platforms)
        if queued is None:
            return None
        log.info("broadcast %s: %d recipient(s) queued", broadcast_id, queued)
        broadcast = await get_broadcast(self.db, broadcast_id)
        assert broadcast is not None
        if broadcast.kind in REPORTED:  # reminders and digests run without a status message
            # The rows are queued by now: the first line counts them («۰ از ۱۲۰», never «۰ از ۰»).
            counts = await tally(self.db, broadcast_id)
            message = await self._tell_owner(broadcast, self._progress_text(broadcast, counts))
            if message is not None:
                await set_progress_message(self.db, broadcast_id, message.message_id)
        self.wake()
        return queued

    async def reschedule(self, broadcast_id: int, when: datetime, actor: str) -> bool:
        """Move a waiting broadcast to a new time."""
        if not await set_schedule(self.db, broadcast_id, when, actor):
            return False
        self._disarm(broadcast_id)
        broadcast = await get_broadcast(self.db, broadcast_id)
        assert broadcast is not None
        self._arm(broadcast)
        return True

    async def send_now(self, broadcast_id: int, actor: str) -> int | None:
        """Send a waiting (e.g. missed) broadcast right away; None if it is not waiting."""
        if not await set_schedule(self.db, broadcast_id, datetime.now(UTC), actor):
            return None
        self._disarm(broadcast_id)
        return await self.start(broadcast_id)

    async def cancel(self, broadcast_id: int, actor: str) -> bool:
        """Cancel a broadcast that has not started."""
        if not await cancel_broadcast(self.db, broadcast_id, actor):
            return False
        self._disarm(broadcast_id)
        return True

    def _arm(self, broadcast: Broadcast) -> None:
        if self.jobs is None:
            return  # armed by _rearm() when the first platform starts
        self._disarm(broadcast.id)
        self.jobs.run_once(
            self._fire,
            when=broadcast.send_at,
            data=broadcast.id,
            name=f"broadcast:{broadcast.id}",
            # APScheduler drops a job more than 1 s late by default: a busy loop must not.
            job_kwargs={"misfire_grace_time": None},
        )

    def _disarm(self, broadcast_id: int) -> None:
        if self.jobs is None:
            return
        for job in self.jobs.get_jobs_by_name(f"broadcast:{broadcast_id}"):
            job.schedule_removal()

    async def _fire(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        job = context.job
        assert job is not None and isinstance(job.data, int)
        await self.start(job.data)

    async def _rearm(self) -> None:
        """Arm what is scheduled; send or give up on what fell due while we were down."""
        now = datetime.now(UTC)
        grace = timedelta(minutes=self.settings.schedule_grace_minutes)
        for broadcast in await broadcasts_in(self.db, ["scheduled"]):
            if broadcast.send_at > now:
                self._arm(broadcast)
            elif now - broadcast.send_at <= grace:
                log.info("broadcast %s fell due while down; sending now", broadcast.id)
                await self.start(broadcast.id)
            elif await mark_missed(self.db, broadcast.id):
                log.warning("broadcast %s missed its time; not sent", broadcast.id)
                t = self._owner_texts(broadcast)
                await self._tell_owner(
                    broadcast,
                    t(
                        "broadcast-missed",
                        number=t.digits(broadcast.number),
                        when=t.datetime(broadcast.send_at),
                    ),
                )

    # --- progress ------------------------------------------------------------------------

    async def _monitor(self) -> None:
        """Edit each running broadcast's status message as it goes; report when it is done."""
        while True:
            await asyncio.sleep(self.settings.progress_interval)
            try:
                for broadcast in await broadcasts_in(self.db, ["sending"]):
                    await self._report_progress(broadcast)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("broadcast progress failed; carrying on")

    async def _report_progress(self, broadcast: Broadcast) -> None:
        counts = await tally(self.db, broadcast.id)
        # Rows on a platform whose token was refused wait for a valid token (and a restart):
        # they are reported as waiting, and the rest of the broadcast finishes.
        stopped = [p.value for p in self.refused]
        held = sum(counts.waiting_on.get(name, 0) for name in stopped)
        if counts.waiting == held:
            if await finish_row(self.db, broadcast.id, stopped):
                await self._finish(broadcast, counts)
            return
        text = self._progress_text(broadcast, counts)
        if self._shown.get(broadcast.id) == text:
            return  # unchanged: an identical edit is an error on Telegram
        self._shown[broadcast.id] = text
        await self._edit_progress(broadcast, text)

    async def _finish(self, broadcast: Broadcast, counts: Tally) -> None:
        self._shown.pop(broadcast.id, None)
        self._broadcasts.pop(broadcast.id, None)
        self._file_bytes.pop(broadcast.id, None)
        # A notice (one event's messages) finishing is routine: not worth a line at INFO.
        level = logging.DEBUG if broadcast.kind == NOTICE else logging.INFO
        log.log(level, "broadcast %s done: %s", broadcast.id, counts.counts)
        if broadcast.kind not in REPORTED:
            return  # the results stay in the outbox; nobody composed it to be told
        await self._edit_progress(broadcast, self._progress_text(broadcast, counts, done=True))
        t = self._owner_texts(broadcast)
        markup = None
        if counts.undelivered:
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            t.label("broadcast-button-failed-list"),
                            callback_data=cb.BROADCAST_FAILED_LIST.pack(broadcast.id),
                        )
                    ]
                ]
            )
        await self._tell_owner(broadcast, self.report_text(broadcast, counts, t), markup)

    def report_text(self, broadcast: Broadcast, counts: Tally, t: Texts) -> str:
        """The delivery report: counts by outcome, and who still waits on which platform."""
        return self._counts_text("report", broadcast, counts, t)

    def _progress_text(self, broadcast: Broadcast, counts: Tally, *, done: bool = False) -> str:
        key = "progress" + ("-done" if done else "")
        return self._counts_text(key, broadcast, counts, self._owner_texts(broadcast))

    def _counts_text(self, key: str, broadcast: Broadcast, counts: Tally, t: Texts) -> str:
        # A survey's invitation is named by its survey's title (its template's argument).
        title = broadcast.template.args.get("title", "") if broadcast.template else ""
        text = t(
            f"{REPORTED.get(broadcast.kind, 'broadcast')}-{key}",
            number=t.digits(broadcast.number),
            title=str(title),
            total=counts.total,
            sent=counts["sent"],
            failed=counts["failed"],
            blocked=counts["blocked"],
            left=counts["left"],
        )
        return "\n".join([text, *self._waiting_lines(counts, t)])

    def _waiting_lines(self, counts: Tally, t: Texts) -> list[str]:
        """A platform that is down (Telegram is often unreachable from Iran) keeps its rows
        until it is back, one whose token was refused until a valid one is set: say so and
        why, or the count looks stuck for good."""
        return [
            t(
                "broadcast-progress-refused"
                if Platform(name) in self.refused
                else "broadcast-progress-offline",
                platform=t.label(f"platform-{name}"),
                count=count,
            )
            for name, count in sorted(counts.waiting_on.items())
            if Platform(name) not in self._wake
        ]

    def _owner_texts(self, broadcast: Broadcast) -> Texts:
        return texts(
            self.locales,
            broadcast.owner_lang,
            Platform(broadcast.owner_platform),
            self.settings.bale_escaping,
        )

    async def _tell_owner(
        self, broadcast: Broadcast, text: str, markup: InlineKeyboardMarkup | None = None
    ) -> Message | None:
        bot = self.bots.get(Platform(broadcast.owner_platform))
        if bot is None or broadcast.owner_chat_id == SYSTEM_OWNER:
            return None
        try:
            return await bot.send_message(broadcast.owner_chat_id, text, reply_markup=markup)
        except (TelegramError, RuntimeError) as exc:
            log.info("broadcast %s: composer not told (%s)", broadcast.id, type(exc).__name__)
            return None

    async def _edit_progress(self, broadcast: Broadcast, text: str) -> None:
        fresh = await get_broadcast(self.db, broadcast.id)
        bot = self.bots.get(Platform(broadcast.owner_platform))
        if fresh is None or fresh.progress_message_id is None or bot is None:
            return  # (a broadcast without owner never gets a progress message)
        try:
            await bot.edit_message_text(text, broadcast.owner_chat_id, fresh.progress_message_id)
        except (TelegramError, RuntimeError) as exc:
            # Bale's edits are reported unreliable; the final report is a new message anyway.
            log.info("broadcast %s: progress not edited (%s)", broadcast.id, type(exc).__name__)
