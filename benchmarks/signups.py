"""A burst of sign-ups for one popular course, through the real stack against the sandbox.

Run by hand: `python -m benchmarks.signups [--members 300] [--seats 50]`. Members are seeded
directly in the database and the course is published through the service (as /new_offering
does); then every member presses "yes, sign me up" at the same moment. Prints sign-ups per
second over the whole burst, the processor time it took, p50/p95 of the time from the press
to the bot's answer (the database on disk, WAL), and proof of no overbooking: confirmed ==
seats, the rest waitlisted in one unbroken order. The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.members import register_users
from bot import callbacks as cb
from bot.app import Runtime
from bot.sandbox import BotApiSandbox, BotMessage, SandboxUser
from bot.services.offerings import Owner, publish
from bot.settings import Settings
from storage.offerings import NewOffering


async def open_confirm(
    user: SandboxUser, offering_id: int, announcement: BotMessage
) -> BotMessage:
    """Details under the announcement, then "sign up": the card now asks "yes, sign me up?"."""
    await user.press_inline(announcement, callback_data=cb.OFFERING_VIEW.pack(offering_id))
    card = await user.next_message(60)
    await user.press_inline(card, callback_data=cb.OFFERING_JOIN.pack(offering_id))
    return await user.chat.next_edit(60)


async def sign_up_one(user: SandboxUser, offering_id: int, card: BotMessage) -> float:
    """Press "yes, sign me up" on the card; seconds until the answer arrives."""
    started = time.perf_counter()
    await user.press_inline(card, callback_data=cb.OFFERING_JOIN_YES.pack(offering_id))
    await user.chat.next_edit(60)
    return time.perf_counter() - started


async def main(members: int, capacity: int) -> None:
    """Run the burst and print the figures."""
    async with BotApiSandbox("telegram") as server:
        token = server.make_token(78)
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                **server.bot_settings(token, Path(folder) / "bench.db"),
                flood_burst=10_000,
                telegram_rate_limit=10_000,
            )
            runtime = Runtime(settings)
            await runtime.start()
            assert runtime.db is not None and runtime.outbox is not None
            users = [server.user(token=token) for _ in range(members)]
            await register_users(runtime.db, users)
            owner = Owner("staff:telegram:1", "telegram", 1, "fa")
            offering, _ = await publish(
                runtime.outbox,
                runtime.db,
                settings,
                NewOffering(
                    kind="course",
                    title="هوش مصنوعی و کسب‌وکار",
                    description="",
                    starts_at=datetime.now(UTC) + timedelta(days=7),
                    ends_at=None,
                    place="اتاق بازرگانی",
                    capacity=capacity,
                    deadline=None,
                    created_by=owner.actor,
                    dedupe_key=uuid.uuid4().hex,
                ),
                owner,
            )
            # Everyone has the announcement and opens "sign up" first; then all confirm in the
            # same moment (a press must be on a message that has the button: bot/callbacks.py).
            announcements = await asyncio.gather(*(u.next_message(120) for u in users))
            cards = await asyncio.gather(
                *(
                    open_confirm(u, offering.id, a)
                    for u, a in zip(users, announcements, strict=True)
                )
            )
            started, cpu = time.perf_counter(), time.process_time()
            latencies = await asyncio.gather(
                *(sign_up_one(u, offering.id, c) for u, c in zip(users, cards, strict=True))
            )
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            async with runtime.db.execute(
                "SELECT status, COUNT(*), MIN(seq), MAX(seq) FROM signups WHERE offering_id = ? "
                "GROUP BY status",
                (offering.id,),
            ) as cursor:
                counts = {row[0]: (row[1], row[2], row[3]) for row in await cursor.fetchall()}
            await runtime.stop()
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    confirmed = counts.get("confirmed", (0, 0, 0))[0]
    waitlisted = counts.get("waitlisted", (0, 0, 0))[0]
    print(f"members pressing at once: {members}; seats: {capacity}")
    print(f"whole burst (press to answer, all at once): {elapsed:.2f} s, "
          f"{members / elapsed:.1f} sign-ups/s")  # fmt: skip
    # The steadier figure on a shared machine: the bot, the sandbox and the members all run in
    # this process (the database thread included).
    print(f"processor time over the burst: {cpu:.2f} s")
    print(
        f"press → answer: p50 {statistics.median(ordered) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    overbooked = confirmed > capacity
    print(f"confirmed: {confirmed}, waitlisted: {waitlisted}, "
          f"overbooked: {'YES' if overbooked else 'no'}; "
          f"every press stored: {confirmed + waitlisted == members}")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--seats", type=int, default=50)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.members, arguments.seats))
