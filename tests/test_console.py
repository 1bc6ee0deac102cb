"""The terminal sandbox (`python -m bot sandbox`), driven as a person types: a line in, the
printed screen out. The real bot runs on both loopback servers, on a temp database."""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.driver import WAIT_CAP
from bot.sandbox.terminal import Session, open_console
from bot.settings import Platform
from bot.text import visual_order
from storage.members import NewMember, get_member, register_member
from storage.reports import NewReport, create_report
from tests.conftest import ROOT, wait_for

STAMP = r"\d\d:\d\d:\d\d"


class Terminal:
    """A console session and what it printed."""

    def __init__(self, session: Session, screen: io.StringIO) -> None:
        self.session = session
        self.console = session.console
        self.screen = screen

    async def type(self, line: str) -> str:
        """Type one line; what the console printed for it."""
        mark = len(self.screen.getvalue())
        assert await self.console.handle(line)
        return self.screen.getvalue()[mark:]

    def printed(self, since: str = "") -> str:
        """Everything printed after ``since`` (a piece of output already read)."""
        text = self.screen.getvalue()
        return text[text.rindex(since) + len(since) :] if since else text

    async def register_member(self) -> None:
        """Member 1 on the current platform, registered straight through storage."""
        user = self.console.user
        new = NewMember(
            name="مریم رضایی",
            company="کفش آذر",
            cluster_code="leather_shoes",
            estate_code=None,
            phone=f"+98912{user.id % 10_000_000:07d}",
            phone_verified=True,
            job_role="owner",
        )
        db = self.session.runtime.db
        assert db is not None
        await register_member(db, self.console.platform.value, user.id, user.id, new)


@pytest.fixture(params=["bale", "telegram"])
async def terminal(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Terminal]:
    screen = io.StringIO()
    async with open_console(
        request.param, tmp_path / "console.db", out=screen, files_dir=tmp_path / "files"
    ) as session:
        yield Terminal(session, screen)


async def test_switching_back_shows_what_arrived_meanwhile_in_order(terminal: Terminal) -> None:
    await terminal.register_member()
    shown = await terminal.type("دستگاه پرس کارگاه خراب شده و تولید متوقف است")
    assert "[1.1] 📝 بله، ثبت مشکل" in shown
    for press in (":1", ":2.1", ":1", ":1", ":1"):
        shown = await terminal.type(press)
    assert re.search(r"\[6\.1\] ✅ ثبت گزارش", shown), shown
    shown = await terminal.type(":6.1")
    assert "کد پیگیری" in shown
    # The card went to the staff group, which nobody on this terminal is looking at.
    assert "1 new message for the staff group" in shown

    shown = await terminal.type(":admin")
    assert f"admin (id {terminal.console.user.id})" in shown
    shown = await terminal.type(":group")
    card = re.search(rf"#1 {STAMP} 🤖 🆕 گزارش تازه", shown)
    assert card is not None, shown
    assert "[1.1] 🙋 برمی‌دارم" in shown

    # A toast-only answer shows at once (the old console then waited 15 s for a message).
    shown = await asyncio.wait_for(terminal.type(":1.1"), 10)
    assert "(toast) گزارش به نام شما ثبت شد" in shown
    before = len(terminal.printed())
    shown = await terminal.type(":reply 1 سلام، همکار ما فردا سر می‌زند.")
    assert "پاسخ ثبت شد" in shown
    # The reply goes through the outbox; the console tells when it reaches the member, unasked
    # (on a slow machine, perhaps before it has printed that the reply was saved).
    # Both, the status change and the reply: a private chat takes about one a second.
    told = re.compile(r"-- 2 new messages for member on")
    arrived = await wait_for(lambda: told.search(terminal.printed()[before:]), WAIT_CAP)
    assert arrived, terminal.printed()

    shown = await terminal.type(":member")
    # What the staff did reached the member while they were away: both, in order, with times.
    assert "-- arrived while you were away: 2 messages" in shown, shown
    status = re.search(rf"#8 {STAMP} 🤖 وضعیت گزارش .*در حال بررسی", shown)
    reply = re.search(rf"#9 {STAMP} 🤖 💬 پاسخ کارشناس", shown)
    assert status is not None and reply is not None and status.start() < reply.start(), shown
    assert "سلام، همکار ما فردا سر می‌زند." in shown[reply.start() :]
    assert shown.count("🤖") == 2, shown  # what was printed before is not printed again
    # Coming back again shows nothing new.
    assert "🤖" not in await terminal.type(":member")


async def test_digits_are_text_and_every_message_keeps_its_buttons(terminal: Terminal) -> None:
    await terminal.type(":admin")
    await terminal.type("/broadcast")
    shown = await terminal.type("جلسه فردا ساعت ده برگزار می‌شود")
    assert "[2.1] 🧩 خوشه‌ها" in shown
    # A plain digit, Persian or not, is text: nothing is pressed, the form asks for a button.
    shown = await terminal.type("۱")
    assert "لطفاً از دکمه‌های پیام بالا استفاده کنید" in shown
    assert "✎" not in shown
    shown = await terminal.type("1")
    assert "لطفاً از دکمه‌های پیام بالا استفاده کنید" in shown
    # The hints have no buttons; the audience message above them still has its own.
    shown = await terminal.type(":2.1")
    assert re.search(rf"#2 {STAMP} ✎ 🤖 خوشه‌های گیرنده", shown), shown
    # ":1" presses the newest message's first button; Persian digits work in commands too.
    shown = await terminal.type(":۱")
    assert "[2.1] ✅ مبلمان و صنایع چوب" in shown, shown
    db = terminal.session.runtime.db
    assert db is not None
    (count,) = next(iter(await db.execute_fetchall("SELECT COUNT(*) FROM broadcasts")))
    assert count == 0  # nothing was sent by a mistaken press
    assert "-- no message #9 here" in await terminal.type(":9.1")
    assert "has buttons 2.1 to" in await terminal.type(":2.99")


async def test_several_members_each_with_their_own_chat(terminal: Terminal) -> None:
    shown = await terminal.type(":member 2")
    member_2 = terminal.console.user
    assert f"member 2 (id {member_2.id})" in shown
    assert "نام و نام خانوادگی" in await terminal.type("/start")
    shown = await terminal.type(":member 3")
    assert terminal.console.user.id != member_2.id
    assert "🤖" not in shown  # member 3 has no messages yet
    shown = await terminal.type(":member 2")
    assert "🤖" not in shown  # all of member 2's were printed already
    shown = await terminal.type(":who")
    assert f"member 2 (id {member_2.id})" in shown
    # The walk-through in the README: the admin makes member 2 staff, who is told.
    await terminal.type(":admin")
    shown = await terminal.type(f"/grant {member_2.id} staff")
    assert "کارشناس ستاد" in shown
    shown = await terminal.type(":member 2")
    assert "-- arrived while you were away: 1 message" in shown
    assert re.search(rf"#\d+ {STAMP} 🤖 نقش «کارشناس ستاد» در ربات خوشه به شما داده شد", shown)
    other = Platform.TELEGRAM if terminal.console.platform is Platform.BALE else Platform.BALE
    shown = await terminal.type(f":{other}")
    assert f"member 2 (id {terminal.console.user.id}) on {other}" in shown
    assert terminal.console.user.id != member_2.id


async def test_files_are_saved_and_their_path_printed(terminal: Terminal) -> None:
    await terminal.type(":admin")
    shown = await terminal.type("/export_reports")
    saved = re.search(r"📎 saved (\S+\.xlsx)", shown)
    assert saved is not None, shown
    path = Path(saved.group(1))
    assert path.parent == terminal.console.files_dir
    assert (await asyncio.to_thread(path.read_bytes)).startswith(b"PK")  # an .xlsx is a zip
    # The staff digest's chart comes as a photo: saved as the picture it is (a chart is
    # drawn only when there was a report this week or the last).
    await terminal.register_member()
    db = terminal.session.runtime.db
    assert db is not None
    member = await get_member(db, terminal.console.platform.value, terminal.console.user.id)
    assert member is not None
    await create_report(
        db,
        member.id,
        "leather_shoes",
        terminal.console.platform.value,
        NewReport("electricity", "electricity", False, "قطع برق", "برق شهرک قطع است", ()),
        "console-files",
    )
    shown = await terminal.type("/digest_preview")
    chart = re.search(r"📎 saved (\S+\.png)", shown)
    assert chart is not None, shown
    assert (await asyncio.to_thread(Path(chart.group(1)).read_bytes)).startswith(b"\x89PNG")


async def test_bidi_option_reshapes_and_reorders_persian(terminal: Terminal) -> None:
    assert "bidi on" in await terminal.type(":bidi")
    shown = await terminal.type("/start")
    first = terminal.console.view.messages[0].shown.split("\n")[0]
    line = next(s for s in shown.splitlines() if s.strip())
    stamp = re.search(STAMP, line)
    assert stamp is not None
    logical = f"#1 {stamp.group(0)} 🤖 {first}"
    assert line == visual_order(logical) != logical
    assert "bidi off" in await terminal.type(":bidi")


async def _spawn_console(tmp_path: Path) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox", "--database", str(tmp_path / "sb.db"),
        cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_ctrl_c_leaves_cleanly_with_status_0(tmp_path: Path) -> None:
    process = await _spawn_console(tmp_path)
    assert process.stdout is not None and process.stdin is not None
    seen = b""
    try:
        while b"bale/member> " not in seen:
            chunk = await asyncio.wait_for(process.stdout.read(4096), 120)
            assert chunk, seen.decode()
            seen += chunk
        process.stdin.write(b"/start\n")
        await process.stdin.drain()
        while "نام و نام خانوادگی".encode() not in seen:
            chunk = await asyncio.wait_for(process.stdout.read(4096), 60)
            assert chunk, seen.decode()
            seen += chunk
    except BaseException:
        process.kill()
        raise
    process.send_signal(signal.SIGINT)  # stdin stays open: Ctrl-C alone must end it
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode(), stderr.decode()
    assert "-- bye" in stdout.decode()


async def test_piped_script_registers_in_persian(tmp_path: Path) -> None:
    script = [
        "/start", "مریم رضایی", "کفش آذر", "چرم", ":1", ":1", ":contact", ":1", ":1", ":quit",
    ]  # fmt: skip
    process = await _spawn_console(tmp_path)
    stdout, stderr = await asyncio.wait_for(
        process.communicate(("\n".join(script) + "\n").encode()), 120
    )
    output = stdout.decode()
    assert process.returncode == 0, stderr.decode()
    assert "ثبت‌نام شما انجام شد" in output, output[-2000:]
    assert "۰۹۱۲" in output  # the phone in Persian digits in the summary
