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
as a 'notice' (storage.outbox.queue_notices) before the event is acknowledged, and goes
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
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, MessageId
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import CallbackContext, ExtBot, JobQueue

from bot import callbacks as cb
from bot.context import Texts
from bot.i18n import Locales
from bot.platforms import DEFAULT_RETRY_AFTER, adapter, is_rate_limit
from bot.services.files import Uploads, download
from bot.settings import BaleEscaping, Platform, Settings
from storage.outbox import (
    ANNOUNCING,
    NOTICE,
    Broadcast,
    NewBroadcast,
    OutboxItem,
    Tally,
    Template,
    broadcasts_in,
    cancel_broadcast,
    claim_next,
    create_broadcast,
    get_broadcast,
    mark_missed,
    media_file_id,
    next_due,
    outbox_file,
    record_retry,
    record_sent,
    record_undelivered,
    remember_file_id,
    requeue_in_flight,
    set_progress_message,
    set_schedule,
    start_broadcast,
    tally,
)
from storage.outbox import finish_broadcast as finish_row
from storage.reports import card_message

log = logging.getLogger(__name__)

# Retrying a 5xx or a timeout: after 2, 4, 8, 16 s, then give up on that message.
MAX_ATTEMPTS = 5
IDLE_WAIT = 5.0
STOP_WAIT = 10.0
# owner_chat_id of a broadcast the bot makes itself: nobody is told about its progress.
SYSTEM_OWNER = 0
SchedulerHook = Callable[[JobQueue[Any]], Awaitable[None]]
# Per-chat limits (Telegram's; Bale publishes none): (messages, seconds). A group's bucket
# fills up to its 20 at once, like PTB's AIORateLimiter's own group limiter, so the outbox
# seldom waits in it; a private chat gets one message a second, evenly.
GROUP_LIMIT = (20, 60.0)
PRIVATE_LIMIT = (1, 1.0)


@dataclass(frozen=True, slots=True)
class Content:
    """What a broadcast says: plain text as the composer typed it, maybe with one file."""

    body: str
    media_kind: str | None = None  # 'photo' | 'document'
    media: str | bytes | None = None  # a file id on the sending platform, or the file itself
    media_name: str | None = None


# How each platform says a chat is not there (Bale: "no such group or user", docs/bale.md).
_GONE = ("chat not found", "user not found", "no such group or user")


def chat_is_gone(exc: TelegramError) -> bool:
    """Whether an error says the recipient's chat no longer exists for the bot."""
    lowered = str(exc).lower()
    return any(words in lowered for words in _GONE)


def texts(
    locales: Locales,
    lang: str,
    platform: Platform,
    escaping: BaleEscaping = BaleEscaping.INVISIBLE,
) -> Texts:
    """A translator for someone on a platform (outside any update); pass settings'
    `bale_escaping` so a deployment's choice holds everywhere."""
    return Texts(locales.translator(lang), adapter(platform, escaping).escape)


async def send_content(
    bot: ExtBot[Any], platform: Platform, chat_id: int, content: Content, t: Texts
) -> Message:
    """Send a broadcast's message as members see it (the composer's preview uses this too).

    The composer's text is data, not markup: on Bale, which always renders Markdown, it is
    escaped, so members read exactly what was typed.
    """
    body = t.escape(content.body) if content.body else None
    markup = InlineKeyboardMarkup([opt_out_row(t)])
    media: str | InputFile | None = None
    if content.media is not None:
        media = (
            content.media
            if isinstance(content.media, str)
            else InputFile(content.media, filename=content.media_name or "file")
        )
    if content.media_kind == "photo" and media is not None:
        return await bot.send_photo(chat_id, media, caption=body, reply_markup=markup)
    if content.media_kind == "document" and media is not None:
        return await bot.send_document(chat_id, media, caption=body, reply_markup=markup)
    assert body is not None
    return await bot.send_message(chat_id, body, reply_markup=markup)


def opt_out_row(t: Texts) -> list[InlineKeyboardButton]:
    """The "no more announcements" button every announcement carries."""
    return [
        InlineKeyboardButton(
            t.label("broadcast-button-opt-out"), callback_data=cb.ANNOUNCEMENTS_OFF.pack()
        )
    ]


def render(t: Texts, template: Template, kind: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """A templated broadcast as one recipient reads it, in their language."""
    keyboard = [
        [InlineKeyboardButton(t.label(label), callback_data=data) for label, data in row]
        for row in template.buttons
    ]
    if kind in ANNOUNCING:
        keyboard.append(opt_out_row(t))
    return t(template.msg_id, **template.args), (
        InlineKeyboardMarkup(keyboard) if keyboard else None
    )


def _error_text(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:300]


class Pacer:
    """Spaces sends evenly at `rate` per second (no bursts), across all of a platform's workers.

    Even spacing keeps the platform's own token bucket from ever seeing a burst (each 429
    costs a pause of at least a second for everybody), and leaves the limiter room for replies.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        """Until this sender's slot."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


class ChatPace:
    """One chat's leaky bucket: `capacity` messages, draining at capacity/period per second
    (the shape of aiolimiter's, which PTB's AIORateLimiter uses for groups)."""

    def __init__(self, capacity: float, period: float) -> None:
        self.capacity = max(capacity, 1.0)
        self.rate = capacity / period
        self.level = 0.0
        self._at = 0.0

    def _leak(self, now: float) -> None:
        self.level = max(0.0, self.level - (now - self._at) * self.rate)
        self._at = now

    def ready_in(self, now: float) -> float:
        """Seconds until one more message fits (0: now)."""
        self._leak(now)
        return max(0.0, (self.level + 1 - self.capacity) / self.rate)

    def take(self, now: float) -> None:
        """One message goes."""
        self._leak(now)
        self.level += 1

    def idle(self, now: float) -> bool:
        """Drained: forgetting it changes nothing."""
        self._leak(now)
        return self.level <= 0


class Outbox:
    """Sends what the outbox holds, on every running platform, and runs scheduled broadcasts."""

    def __init__(
        self,
        db: Any,
        settings: Settings,
        locales: Locales,
        bots: dict[Platform, ExtBot[Any]],
    ) -> None:
        self.db = db
        self.settings = settings
        self.locales = locales
        self.bots = bots
        self.jobs: JobQueue[Any] | None = None
        self._wake: dict[Platform, asyncio.Event] = {}
        self._pacers: dict[Platform, Pacer] = {}
        # Per platform: each chat's bucket, the chats with a message in flight, and a lock
        # so two workers never claim for the same chat at once.
        self._chats: dict[Platform, dict[int, ChatPace]] = {}
        self._in_flight: dict[Platform, set[int]] = {}
        self._claiming: dict[Platform, asyncio.Lock] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._workers: list[asyncio.Task[None]] = []
        self._stopping = False
        self._shown: dict[int, str] = {}
        self._broadcasts: dict[int, Broadcast] = {}
        # Shared with report attachments (handlers/triage.py): one upload per file and platform.
        self.uploads = Uploads()
        self._file_bytes: dict[int, bytes] = {}
        self._hooks: list[SchedulerHook] = []

    def on_scheduler(self, hook: SchedulerHook) -> None:
        """Run `hook(jobs)` when the scheduler is attached (at every start), after the
        broadcasts are re-armed: weekly work arms its jobs there."""
        self._hooks.append(hook)

    # --- life cycle ----------------------------------------------------------------------

    async def recover(self) -> None:
        """Before any platform starts: what was in flight when we stopped goes again."""
        again = await requeue_in_flight(self.db)
        if again:
            log.warning("outbox: %d message(s) were in flight at the last stop; resending", again)

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
            self._tasks.append(asyncio.create_task(self._monitor()))
            await self._rearm()
            for hook in self._hooks:
                try:
                    await hook(jobs)
                except Exception:  # a broken hook must not keep broadcasts from sending
                    log.exception("scheduler hook %r failed", hook)

    async def stop(self) -> None:
        """Stop sending: messages in flight finish first (briefly), so a graceful stop
        duplicates nothing; what is cut off is resent on the next start."""
        self._stopping = True
        self.wake()
        if self._workers:
            await asyncio.wait(self._workers, timeout=STOP_WAIT)
        for task in (*self._workers, *self._tasks):
            task.cancel()
        for task in (*self._workers, *self._tasks):
            with suppress(asyncio.CancelledError, Exception):
                await task
        self._workers.clear()
        self._tasks.clear()
        self._wake.clear()
        self.jobs = None

    async def detach(self, platform: Platform) -> None:
        """A platform stopped for good (its token was refused): its senders stop after the
        message in hand, and its rows wait, unsent and uncounted, for a valid token."""
        wake = self._wake.pop(platform, None)
        if wake is not None:
            wake.set()

    def wake(self) -> None:
        """New rows are queued: let idle workers look now."""
        for event in self._wake.values():
            event.set()

    # --- broadcasts ----------------------------------------------------------------------

    @property
    def platforms(self) -> list[str]:
        """Platforms a broadcast may reach: those configured (a platform that is down for a
        while still gets its rows, sent when it comes up)."""
        return [p.value for p in self.settings.platforms()]

    async def submit(self, new: NewBroadcast) -> tuple[Broadcast, bool]:
        """Store a confirmed broadcast, then send it now or arm it; (broadcast, created)."""
        broadcast, created = await create_broadcast(self.db, new)
        if created:
            if broadcast.send_at <= datetime.now(UTC):
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
        if broadcast.kind in ANNOUNCING:  # reminders and digests run without a status message
            message = await self._tell_owner(broadcast, self._progress_text(broadcast, Tally()))
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
                        number=t.digits(broadcast.id),
                        when=t.datetime(broadcast.send_at),
                    ),
                )

    # --- sending -------------------------------------------------------------------------

    async def _work(self, platform: Platform) -> None:
        wake = self._wake[platform]
        in_flight = self._in_flight[platform]
        while not self._stopping and self._wake.get(platform) is wake:
            try:
                wake.clear()
                item = await self._claim(platform)
                if item is None:
                    with suppress(TimeoutError):
                        await asyncio.wait_for(wake.wait(), await self._idle_wait(platform))
                    continue
                try:
                    await self._send(platform, item)
                finally:
                    in_flight.discard(item.chat_id)
                    wake.set()  # the chat's next message may be due now
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug must not stop deliveries for good
                log.exception("outbox worker on %s failed; carrying on", platform)
                await asyncio.sleep(IDLE_WAIT)

    def _busy(self, platform: Platform) -> set[int]:
        """Chats not to send to now: a message in flight, or at their own rate limit."""
        now = asyncio.get_running_loop().time()
        chats = self._chats[platform]
        for chat_id in [c for c, pace in chats.items() if pace.idle(now)]:
            del chats[chat_id]  # a broadcast touches thousands of chats once each
        limited = {c for c, pace in chats.items() if pace.ready_in(now) > 0}
        return limited | self._in_flight[platform]

    async def _claim(self, platform: Platform) -> OutboxItem | None:
        async with self._claiming[platform]:
            item = await claim_next(self.db, platform.value, _later(0), self._busy(platform))
            if item is not None:
                self._in_flight[platform].add(item.chat_id)
                limit = GROUP_LIMIT if item.chat_id < 0 else PRIVATE_LIMIT
                share = self.settings.outbox_share
                pace = self._chats[platform].setdefault(
                    item.chat_id, ChatPace(limit[0] * share, limit[1])
                )
                pace.take(asyncio.get_running_loop().time())
            return item

    async def _idle_wait(self, platform: Platform) -> float:
        """Until the next retry falls due or a waiting chat may have its next message (new
        rows and finished sends wake the workers anyway)."""
        busy = self._busy(platform)
        wait = IDLE_WAIT
        now = asyncio.get_running_loop().time()
        for chat_id in busy - self._in_flight[platform]:
            wait = min(wait, self._chats[platform][chat_id].ready_in(now))
        due = await next_due(self.db, platform.value, busy)
        if due:
            seconds = (datetime.fromisoformat(due) - datetime.now(UTC)).total_seconds()
            wait = min(wait, seconds)
        return max(wait, 0.05)

    async def _send(self, platform: Platform, item: OutboxItem) -> None:
        bot = self.bots.get(platform)
        if bot is None:  # configured but not started yet: try again shortly
            await record_retry(self.db, item.id, _later(5), "platform not running", counts=False)
            return
        try:
            await self._pacers[platform].wait()
            message = await self._deliver(bot, platform, item)
        except InvalidToken as exc:
            # Our token was refused (revoked?), not the member: the runtime stops this
            # platform; the row waits for a valid token and the member's state is untouched.
            await record_retry(self.db, item.id, _later(60), _error_text(exc), counts=False)
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            await record_retry(self.db, item.id, _later(seconds), "429", counts=False)
        except Forbidden as exc:
            status = "blocked" if "block" in str(exc).lower() else "left"
            await record_undelivered(self.db, item, status, _error_text(exc))
        except BadRequest as exc:
            if is_rate_limit(str(exc)):  # Bale's 400 "bot limit exceed": a 429 by another name
                later = _later(DEFAULT_RETRY_AFTER)
                await record_retry(self.db, item.id, later, "429", counts=False)
            else:
                status = "left" if chat_is_gone(exc) else "failed"
                await record_undelivered(self.db, item, status, _error_text(exc))
        except NetworkError as exc:  # 5xx, timeouts, connection trouble: try again later
            if item.attempts >= MAX_ATTEMPTS:
                await record_undelivered(self.db, item, "failed", _error_text(exc))
            else:
                later = _later(float(2**item.attempts))
                await record_retry(self.db, item.id, later, _error_text(exc), counts=True)
        except TelegramError as exc:
            await record_undelivered(self.db, item, "failed", _error_text(exc))
        else:
            card = item.payload.get("remember") if item.payload else None
            report_id = card if isinstance(card, int) else None
            await record_sent(self.db, item.id, message.message_id, report_id)

    async def _deliver(
        self, bot: ExtBot[Any], platform: Platform, item: OutboxItem
    ) -> Message | MessageId:
        t = texts(self.locales, item.language, platform, self.settings.bale_escaping)
        if item.payload is not None:
            return await self._send_payload(bot, item)
        broadcast = await self._broadcast(item.broadcast_id)
        if broadcast.template is not None:
            text, markup = render(t, broadcast.template, broadcast.kind)
            return await bot.send_message(item.chat_id, text, reply_markup=markup)
        if broadcast.media_kind is None:
            return await send_content(bot, platform, item.chat_id, Content(broadcast.body), t)
        return await self._send_media(bot, platform, item.chat_id, broadcast, t)

    async def _send_payload(self, bot: ExtBot[Any], item: OutboxItem) -> Message | MessageId:
        """A message of its own for this recipient (already rendered for its platform).

        A payload naming a stored file ("photo": id) sends that picture first (captioned),
        then the text: a text longer than a caption still arrives whole. A crash between
        the two repeats the picture only, like any message in flight. "copy": [chat, message]
        copies a member's or a staffer's file instead of sending text; "reply_card": report id
        answers that report's card in this chat (if it was sent; otherwise stands alone).
        """
        payload = item.payload
        assert payload is not None
        reply: dict[str, Any] = {}
        card = payload.get("reply_card")
        if isinstance(card, int):
            card_id = await card_message(self.db, item.platform, item.chat_id, card)
            if card_id is not None:
                reply = {"reply_to_message_id": card_id, "allow_sending_without_reply": True}
        copy = payload.get("copy")
        if isinstance(copy, list) and len(copy) == 2:
            return await bot.copy_message(item.chat_id, int(copy[0]), int(copy[1]), **reply)
        photo = payload.get("photo")
        if isinstance(photo, int):
            stored = await outbox_file(self.db, photo)
            if stored is not None:
                name, data = stored
                caption = payload.get("caption")
                await bot.send_photo(
                    item.chat_id,
                    InputFile(data, filename=name),
                    caption=str(caption) if caption else None,
                )
        buttons = payload.get("buttons") or []
        assert isinstance(buttons, list)
        markup = (
            InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(b["text"], callback_data=b["data"]) for b in row]
                    for row in buttons
                ]
            )
            if buttons
            else None
        )
        return await bot.send_message(
            item.chat_id, str(payload["text"]), reply_markup=markup, **reply
        )

    async def _broadcast(self, broadcast_id: int) -> Broadcast:
        cached = self._broadcasts.get(broadcast_id)
        if cached is None:
            cached = await get_broadcast(self.db, broadcast_id)
            assert cached is not None
            self._broadcasts[broadcast_id] = cached
        return cached

    async def _send_media(
        self, bot: ExtBot[Any], platform: Platform, chat_id: int, broadcast: Broadcast, t: Texts
    ) -> Message:
        """File ids are per platform: the first message on another platform uploads the file
        (fetched once from the composer's platform) and the rest reuse its new id (the one
        upload is bot/services/files.py's, shared with report attachments)."""

        async def send(media: str | bytes) -> Message:
            content = Content(broadcast.body, broadcast.media_kind, media, broadcast.media_name)
            return await send_content(bot, platform, chat_id, content, t)

        async def remember(new_id: str) -> None:
            await remember_file_id(self.db, broadcast.id, platform.value, new_id)

        return await self.uploads.send(
            ("broadcast", broadcast.id),
            platform.value,
            known=lambda: media_file_id(self.db, broadcast.id, platform.value),
            fetch=lambda: self._original_file(broadcast),
            send=send,
            remember=remember,
        )

    async def _original_file(self, broadcast: Broadcast) -> bytes:
        cached = self._file_bytes.get(broadcast.id)
        if cached is not None:
            return cached
        origin = Platform(broadcast.owner_platform)
        file_id = await media_file_id(self.db, broadcast.id, origin.value)
        bot = self.bots.get(origin)
        if file_id is None or bot is None:
            raise NetworkError("the broadcast's file is not reachable yet")
        data = await download(bot, file_id)
        self._file_bytes[broadcast.id] = data
        return data

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
        if counts.waiting == 0:
            if await finish_row(self.db, broadcast.id):
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
        if broadcast.kind not in ANNOUNCING:
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
        """The delivery report: counts by outcome."""
        return t(
            "broadcast-report",
            number=t.digits(broadcast.id),
            total=counts.total,
            sent=counts["sent"],
            failed=counts["failed"],
            blocked=counts["blocked"],
            left=counts["left"],
        )

    def _progress_text(self, broadcast: Broadcast, counts: Tally, *, done: bool = False) -> str:
        t = self._owner_texts(broadcast)
        text = t(
            "broadcast-progress-done" if done else "broadcast-progress",
            number=t.digits(broadcast.id),
            total=counts.total,
            sent=counts["sent"],
            failed=counts["failed"],
            blocked=counts["blocked"],
            left=counts["left"],
        )
        # A platform that is down (Telegram is often unreachable from Iran) keeps its rows
        # until it is back: say so, or the count looks stuck for good.
        offline = [
            t("broadcast-progress-offline", platform=t.label(f"platform-{name}"), count=count)
            for name, count in sorted(counts.waiting_on.items())
            if Platform(name) not in self._wake
        ]
        return "\n".join([text, *offline])

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


def _later(seconds: float) -> str:
    # Milliseconds: a 1 s retry_after must not come due early by rounding.
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return moment.isoformat(timespec="milliseconds")
