"""Many members filing reports at once, through the real stack against the sandbox.

Run by hand: `python -m benchmarks.reports [--members 100] [--staff-group]`. Members are
seeded directly in the database (registration is not what is measured); each then files a
report through the bot's buttons at the same time as the others. Prints reports per second
over the whole burst, p50/p95 of the time from pressing "send" to the bot's answer with the
tracking code (the database on disk, WAL), and the categoriser's time per report.

With `--staff-group` a staff group is configured, so every report also owes the group a card
(at most 20 a minute there): an unrelated member sends /help when half the members have their
codes, and the time to its answer is printed, with how long the group's cards took to arrive.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.members import register_users
from bot import text
from bot.app import Runtime
from bot.sandbox import BotApiSandbox, BotMessage, SandboxUser
from bot.services.categorize import LEXICON_PATH, Lexicon
from bot.services.problems import suggest_category
from bot.settings import PROJECT_ROOT, Settings

TEXTS = [
    line.split("\t", 1)[1]
    for line in (PROJECT_ROOT / "tests" / "data" / "reports_labelled.tsv").read_text().splitlines()
    if "\t" in line
]


async def _next(user: SandboxUser, fragment: str) -> BotMessage:
    while True:
        message = await user.next_message(60)
        if fragment in (message.content or ""):
            return message


async def file_one(user: SandboxUser, body: str) -> float:
    """File one report; return seconds from "send" to the tracking code."""
    await user.send_text("📝 ثبت مشکل")
    await _next(user, "با کلمات خودتان")
    await user.send_text(body)
    await _next(user, "دریافت شد")
    await user.press("✅ تمام شد", timeout=60)
    question = await _next(user, "به نظر می‌رسد")
    await user.press_inline(question, question.button_texts[0], timeout=60)
    step = await user.next_message(60)
    if "واحدهای دیگر" in (step.content or ""):
        await user.press_inline(step, "➕ مشکل من فرق دارد", timeout=60)
        await _next(user, "فوری است")
    await user.press("عادی", timeout=60)
    await _next(user, "عنوان کوتاه")
    await user.press("✅ همین خوب است", timeout=60)
    card = await _next(user, "گزارش شما:")
    started = time.perf_counter()
    await user.press_inline(card, "✅ ثبت گزارش", timeout=60)
    await _next(user, "کد پیگیری")
    return time.perf_counter() - started


async def ask_help(user: SandboxUser, half_way: asyncio.Event) -> float:
    """When half the members have their codes, send /help; return seconds to the answer."""
    await half_way.wait()
    started = time.perf_counter()
    await user.send_command("help")
    await _next(user, "/help")
    return time.perf_counter() - started


async def main(members: int, staff_group: bool) -> None:
    """Run the burst and print the figures."""
    text.warm_up()
    lexicon = Lexicon.load(LEXICON_PATH)
    samples = TEXTS * (1 + 2000 // len(TEXTS))
    t0 = time.perf_counter()
    for sample in samples[:2000]:
        suggest_category(sample, lexicon)
    per_report_ms = (time.perf_counter() - t0) / 2000 * 1000

    async with BotApiSandbox("telegram") as server:
        token = server.make_token(77)
        with tempfile.TemporaryDirectory() as folder:
            group = server.group(token=token, title="کارشناسان") if staff_group else None
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                telegram_staff_chat_id=group.id if group else None,
                **server.bot_settings(token, Path(folder) / "bench.db"),
                flood_burst=10_000,
                telegram_rate_limit=10_000,
            )
            runtime = Runtime(settings)
            await runtime.start()
            assert runtime.db is not None
            users = [server.user(token=token) for _ in range(members)]
            await register_users(runtime.db, users)
            await runtime.apps[settings.platforms()[0]].state.lexicon.get()
            bystander = server.user(token=token)
            await register_users(runtime.db, [bystander], name="رهگذر", cluster="furniture")
            done: list[float] = []
            half_way = asyncio.Event()

            async def timed(user: SandboxUser, body: str) -> float:
                latency = await file_one(user, body)
                done.append(latency)
                if len(done) >= members // 2:
                    half_way.set()
                return latency

            started = time.perf_counter()
            latencies, help_wait = await asyncio.gather(
                asyncio.gather(*(timed(u, TEXTS[i % len(TEXTS)]) for i, u in enumerate(users))),
                ask_help(bystander, half_way),
            )
            elapsed = time.perf_counter() - started
            cards_at = None
            if group is not None:
                cards = 0
                while cards < members:
                    cards += "گزارش" in ((await group.next_message(300)).text or "")
                cards_at = time.perf_counter() - started
            async with runtime.db.execute("SELECT COUNT(*) FROM reports") as cursor:
                row = await cursor.fetchone()
            stored = int(row[0]) if row else 0
            await runtime.stop()
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(f"members filing at once: {members}; reports stored: {stored}")
    print(f"whole burst (8 steps each): {elapsed:.1f} s, {members / elapsed:.1f} reports/s")
    print(
        f"send → tracking code: p50 {statistics.median(ordered) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    print(f"an unrelated member's /help, sent half-way: answered in {help_wait * 1000:.0f} ms")
    if cards_at is not None:
        print(f"staff group: all {members} cards arrived {cards_at:.1f} s after the burst began")
    print(f"categorisation alone: {per_report_ms:.2f} ms per report")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--staff-group", action="store_true", help="configure a staff group")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.members, arguments.staff_group))
