"""The outbox's workers: claim the oldest due row per platform, send it, record the result.

Pacing, per-chat limits, notices and crash safety are described in bot/services/outbox.py;
this is the part that sends rows of any kind (notices and broadcasts alike). `Outbox`
(bot/services/outbox.py) adds broadcasts, scheduling and progress on top.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
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
    TimedOut,
)
from telegram.ext import ExtBot, JobQueue

from bot.i18n import Locales, Texts
from bot.platforms import DEFAULT_RETRY_AFTER, is_rate_limit, longest_request
from bot.services.delivery import (
    GROUP_LIMIT,
    PRIVATE_LIMIT,
    ChatPace,
    Content,
    Pacer,
    chat_is_gone,
    error_text,
    render,
    send_content,
    texts,
)
from bot.services.files import Uploads, download
from bot.settings import Platform, Settings
from storage.outbox import Broadcast, get_broadcast, media_file_id, remember_file_id
from storage.outbox_queue import (
    OutboxItem,
    claim_next,
    next_due,
    outbox_file,
    owes,
    record_retry,
    record_sent,
    record_undelivered,
    requeue_in_flight,
)
from storage.reports import card_message

log = logging.getLogger(__name__)


# Retrying a 5xx (or a bug of ours): after 2, 4, 8, 16 s, then give up on that message.
MAX_ATTEMPTS = 5
IDLE_WAIT = 5.0
# A timed-out send may have been delivered (only its answer was lost): it is sent once more,
# and the marker stays in the row's error so that no later retry sends it a third time.
TIMED_OUT = "TimedOut"
SchedulerHook = Callable[[JobQueue[Any]], Awaitable[None]]


class OutboxSender:
    """Sends what the outbox holds, on every running platform."""

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
        # Told each time a message has been sent and its answer recorded (`landed`).
        self._recorded = asyncio.Condition()
        self._tasks: list[asyncio.Task[None]] = []
        self._workers: list[asyncio.Task[None]] = []
        self._stopping = False
        self._shown: dict[int, str] = {}
        self._broadcasts: dict[int, Broadcast] = {}
        # Shared with report attachments (handlers/triage.py): one upload per file and platform.
        self.uploads = Uploads()
        self._file_bytes: dict[int, bytes] = {}
        self._hooks: list[SchedulerHook] = []
        # Platforms whose token was refused: their rows wait, and hold up no broadcast.
        self.refused: set[Platform] = set()
        # A graceful stop lets a send in flight finish: as long as one call can take.
        self.stop_wait = longest_request(settings.request_timeout) + 1.0

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

    async def stop(self) -> None:
        """Stop sending: messages in flight finish first (briefly), so a graceful stop
        duplicates nothing; what is cut off is resent on the next start."""
        self._stopping = True
        self.wake()
        if self._workers:
            await asyncio.wait(self._workers, timeout=self.stop_wait)
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
        self.refused.add(platform)
        wake = self._wake.pop(platform, None)
        if wake is not None:
            wake.set()

    def sending_to(self, platform: Platform, chat_id: int) -> bool:
        """Whether a message to this chat is in flight, or the chat's next one waits for its
        own rate limit (for tests and tools that wait for what is on its way)."""
        if chat_id in self._in_flight.get(platform, ()):
            return True
        pace = self._chats.get(platform, {}).get(chat_id)
        return pace is not None and pace.ready_in(asyncio.get_running_loop().time()) > 0

    def flying(self, platform: Platform, chat_id: int) -> bool:
        """Whether a message to this chat is in flight: sent, its answer not yet recorded (a
        report card is remembered only then)."""
        return chat_id in self._in_flight.get(platform, ())

    async def landed(self, platform: Platform, chat_id: int) -> None:
        """Wait until no message to this chat is in flight (`flying`)."""
        async with self._recorded:
            await self._recorded.wait_for(lambda: not self.flying(platform, chat_id))

    async def owes(self, platform: Platform, chat_id: int) -> bool:
        """Whether a message to this chat is in flight or due now (a refused platform's rows
        wait for a valid token: nothing is on its way), for tests and tools that wait."""
        if platform in self.refused:
            return False
        if chat_id in self._in_flight.get(platform, ()):
            return True
        return await owes(self.db, platform.value, chat_id, later_than_now(0))

    def wake(self) -> None:
        """New rows are queued: let idle workers look now."""
        for event in self._wake.values():
            event.set()

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
                    async with self._recorded:
                        self._recorded.notify_all()
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
            item = await claim_next(
                self.db, platform.value, later_than_now(0), self._busy(platform)
            )
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
            reason = _reason(item, "platform not running")
            await record_retry(self.db, item.id, later_than_now(5), reason, counts=False)
            return
        try:
            await self._pacers[platform].wait()
            message = await self._deliver(bot, platform, item)
        except InvalidToken as exc:
            # Our token was refused (revoked?), not the member: the runtime stops this
            # platform; the row waits for a valid token and the member's state is untouched.
            reason = _reason(item, error_text(exc))
            await record_retry(self.db, item.id, later_than_now(60), reason, counts=False)
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            later = later_than_now(seconds)
            await record_retry(self.db, item.id, later, _reason(item, "429"), counts=False)
        except Forbidden as exc:
            status = "blocked" if "block" in str(exc).lower() else "left"
            await record_undelivered(self.db, item, status, error_text(exc))
        except BadRequest as exc:
            if is_rate_limit(str(exc)):  # Bale's 400 "bot limit exceed": a 429 by another name
                later = later_than_now(DEFAULT_RETRY_AFTER)
                await record_retry(self.db, item.id, later, "429", counts=False)
            else:
                status = "left" if chat_is_gone(exc) else "failed"
                await record_undelivered(self.db, item, status, error_text(exc))
        except NetworkError as exc:  # 5xx, timeouts, connection trouble: try again later
            reason = _reason(item, error_text(exc))
            if isinstance(exc, TimedOut) and not reason.startswith(TIMED_OUT):
                reason = f"{TIMED_OUT}: {reason}"
            if item.attempts >= MAX_ATTEMPTS or _timed_out(item):
                # After a timeout, the one more send was this one: it may have arrived twice
                # already, so it is not sent a third time.
                await record_undelivered(self.db, item, "failed", reason)
            else:
                later = later_than_now(float(2**item.attempts))
                await record_retry(self.db, item.id, later, reason, counts=True)
        except TelegramError as exc:
            await record_undelivered(self.db, item, "failed", error_text(exc))
        except Exception as exc:
            # A bug of ours (or a library's answer we did not expect): the row must not stay
            # in flight ('sending') until the next start. Retried like a 5xx, then given up.
            log.exception("outbox: sending row %s failed", item.id)
            if item.attempts >= MAX_ATTEMPTS:
                await record_undelivered(self.db, item, "failed", error_text(exc))
            else:
                later = later_than_now(float(2**item.attempts))
                reason = _reason(item, error_text(exc))
                await record_retry(self.db, item.id, later, reason, counts=True)
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
            caption = payload.get("caption")
            if isinstance(caption, str):  # the member's own, cleaned (notices.copy_caption)
                reply["caption"] = caption
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


def _timed_out(item: OutboxItem) -> bool:
    """Whether an earlier attempt at this row timed out (and so may have been delivered)."""
    return item.error is not None and item.error.startswith(TIMED_OUT)


def _reason(item: OutboxItem, reason: str) -> str:
    """A retry's reason, keeping the mark of an earlier timeout."""
    if _timed_out(item) and not reason.startswith(TIMED_OUT):
        return f"{TIMED_OUT} earlier; {reason}"
    return reason


def later_than_now(seconds: float) -> str:
    # Milliseconds: a 1 s retry_after must not come due early by rounding.
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return moment.isoformat(timespec="milliseconds")
