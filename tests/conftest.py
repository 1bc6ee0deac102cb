"""Fixtures: the loopback sandbox, the real bot against it, and a guard against the internet.

Over 500 lines: beside pytest's fixtures live the steps every flow test shares (registration,
the report form in each language, a bot on both platforms), which the fixtures and each other
use; one import serves every test. The shared steps are the part to move out (tests/flows.py)
when this grows again."""

from __future__ import annotations

import asyncio
import io
import ipaddress
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from bot import text
from bot.app import Runtime
from bot.sandbox import BotApiSandbox, BotMessage, SandboxChat, SandboxUser
from bot.sandbox.driver import WAIT_CAP
from bot.services.places import seed_places
from bot.settings import PROJECT_ROOT, Platform, Settings, describe_error
from storage.db import connect, transaction
from storage.members import NewMember, register_member
from storage.outbox import Audience, NewBroadcast
from storage.roles import grant_role

# On Bale, no member may see markup or a backslash nobody typed (issue #21).
pytest_plugins = ["tests.markup_guard"]
ADMIN_ID = 777_000_001
# A message the platform can no longer show (Telegram sends such a press with an
# "inaccessible message": no text, no buttons). A forged press there passes the check that the
# data is on the pressed message, so the handler's own checks (scope, ownership, idempotency)
# are what a test of it exercises.
UNSEEN_MESSAGE = 999_999


# --- no test may reach the internet -----------------------------------------------------------

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NonLoopbackError(ConnectionRefusedError):
    """A test tried to leave 127.0.0.1 (an OSError, so callers close their socket)."""


def _check_address(address: Any) -> None:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return
        try:
            if ipaddress.ip_address(host.split("%")[0]).is_loopback:
                return
        except ValueError:
            pass
        raise NonLoopbackError(f"tests may only use loopback; tried to reach {host}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check_address(address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check_address(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def loopback_only() -> Iterator[None]:
    """Fail any connection to a non-loopback address (asyncio and httpx use socket.connect)."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign,assignment]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


# --- the real CLI in a subprocess (for kill -9) ------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


async def wait_for(predicate: Any, seconds: float) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return False


async def spawn_bot(
    bale: BotApiSandbox,
    token: str,
    db: Path,
    *,
    stderr: bool | Path = False,
    settings: dict[str, str] | None = None,
) -> asyncio.subprocess.Process:
    """`python -m bot` on Bale, pointed at the sandbox (stderr kept if asked: piped, or
    written to a file, which cannot fill up and stall the bot as a pipe can)."""
    # a persistence interval of a minute: the form must not depend on PTB's timer
    env = bale.bot_env(token, db, **{"persistence_interval": "60", **(settings or {})})
    # (a database path that cannot exist still needs a folder to run in)
    cwd = next(folder for folder in db.parents if folder.is_dir())
    if isinstance(stderr, Path):
        with stderr.open("wb") as log:  # the child keeps its own copy of the descriptor
            return await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=cwd, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=cwd, env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE if stderr else asyncio.subprocess.DEVNULL,
    )  # fmt: skip


# --- the bot over the sandbox -----------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def hazm_loaded() -> None:
    """Load hazm once before any flow: settle() cannot tell a handler still waiting seconds
    for hazm's first import from one that is done, and would return early."""
    text.warm_up()


@pytest.fixture(params=["telegram", "bale"])
def flavour(request: pytest.FixtureRequest) -> str:
    """Every flow test runs on both sandbox flavours."""
    return str(request.param)


@pytest.fixture
async def sandbox(flavour: str) -> AsyncIterator[BotApiSandbox]:
    """A loopback Bot API server of the given flavour."""
    async with BotApiSandbox(flavour, max_poll_wait=0.5) as server:  # type: ignore[arg-type]
        yield server


# What every test bot runs with, on one platform (Khooshe) or both (both_platforms).
TEST_SETTINGS: dict[str, Any] = {
    "polling_timeout": 1,
    "persistence_interval": 0.2,
    "admin_alert_interval": 0,
    # Broadcast status messages are edited every few seconds in production.
    "progress_interval": 0.2,
    # The driver answers at machine speed; flood control has its own test.
    "flood_burst": 1000,
    # No weekly digest catches up at start unless a test asks for it (it would reach
    # the admin in the middle of unrelated tests run on a Saturday morning).
    "digest_grace_minutes": 0,
    # No backup at every start either: the backup tests ask for one.
    "backup_interval_hours": 0,
}
# The bot ids (for make_token) of a bot on both platforms.
TELEGRAM_BOT, BALE_BOT = 11, 22


def free_port() -> int:
    """A loopback port nothing listens on (a platform that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def both_platforms(
    tmp_path: Path, tg: BotApiSandbox | int, bale: BotApiSandbox, **overrides: Any
) -> Settings:
    """Settings for one bot on both platforms, on one temp database.

    `tg` is Telegram's sandbox, or a loopback port where nothing listens (Telegram is
    unreachable; a sandbox started on that port later serves the same token). The tokens are
    the sandboxes' `make_token(TELEGRAM_BOT)` and `make_token(BALE_BOT)` unless
    `telegram_token` / `bale_token` are given.
    """
    if isinstance(tg, BotApiSandbox):
        tg_token, tg_url, tg_file_url = tg.make_token(TELEGRAM_BOT), tg.base_url, tg.base_file_url
    else:
        down = f"http://127.0.0.1:{tg}"
        tg_token, tg_url, tg_file_url = (
            f"{TELEGRAM_BOT}:sandbox-token-{TELEGRAM_BOT}",
            f"{down}/bot",
            f"{down}/file/bot",
        )
    bale_token = overrides.pop("bale_token", None) or bale.make_token(BALE_BOT)
    values: dict[str, Any] = {
        **TEST_SETTINGS,
        **bale.bot_settings(bale_token, tmp_path / "both.db"),
        "telegram_token": overrides.pop("telegram_token", None) or tg_token,
        "telegram_base_url": tg_url,
        "telegram_base_file_url": tg_file_url,
    }
    values.update(overrides)
    return settings_of(**values)


def watch(runtime: Runtime, *sandboxes: BotApiSandbox | int) -> None:
    """Let settle() on these sandboxes wait while `runtime` still handles an update (an int is
    a platform that is down: nothing to watch there)."""
    for sandbox in sandboxes:
        if isinstance(sandbox, BotApiSandbox):
            token = runtime.settings.token(Platform(sandbox.flavour))
            assert token is not None
            watch_one(runtime, sandbox, token.get_secret_value())


def watch_one(runtime: Runtime, sandbox: BotApiSandbox, token: str) -> None:
    """Let the driver's waits ask `runtime` what it is doing on `sandbox`'s platform: still
    handling an update, its outbox sending to a chat, or done with all that could reach one."""
    platform = Platform(sandbox.flavour)
    sandbox.watch(
        token,
        lambda: runtime.handling > 0,
        lambda chat_id: (
            runtime.outbox is not None and runtime.outbox.sending_to(platform, chat_id)
        ),
        partial(runtime.at_rest, platform),
    )


class Khooshe:
    """The running bot plus helpers to play its users and read its database."""

    def __init__(self, sandbox: BotApiSandbox, tmp_path: Path) -> None:
        self.sandbox = sandbox
        self.platform = Platform(sandbox.flavour)
        self.token = sandbox.make_token(424242)
        self.db_path = tmp_path / "khooshe.db"
        self.runtime: Runtime | None = None

    def settings(self, **overrides: Any) -> Settings:
        """Settings pointing the bot at the sandbox, on a temp database."""
        values: dict[str, Any] = {
            **TEST_SETTINGS,
            **self.sandbox.bot_settings(self.token, self.db_path),
            "admins": f"{self.platform.value}:{ADMIN_ID}",
        }
        values.update(overrides)
        return settings_of(**values)

    async def start(self, **overrides: Any) -> Runtime:
        """Start the bot (again, after a stop) with these settings."""
        runtime = self.runtime = Runtime(self.settings(**overrides))
        await runtime.start()
        # settle() waits until the bot is done, as the bot itself says (no quiet spell).
        watch_one(runtime, self.sandbox, self.token)
        return runtime

    async def stop(self) -> None:
        """Stop the bot as a graceful shutdown would."""
        if self.runtime is not None:
            self.sandbox.watch(self.token, None)
            await self.runtime.stop()
            self.runtime = None

    @property
    def db(self) -> aiosqlite.Connection:
        """The bot's own connection (to assert on stored rows)."""
        assert self.runtime is not None and self.runtime.db is not None
        return self.runtime.db

    def member(self, **kwargs: Any) -> SandboxUser:
        """A new user of the bot."""
        return self.sandbox.user(token=self.token, **kwargs)

    def admin(self) -> SandboxUser:
        """The admin named in settings."""
        return self.sandbox.user(user_id=ADMIN_ID, first_name="مدیر", token=self.token)

    async def with_staff_group(self, **overrides: Any) -> SandboxChat:
        """Restart the bot with a staff group (and `overrides`); return the group."""
        group = self.sandbox.group(token=self.token)
        await self.stop()
        await self.start(**{f"{self.platform.value}_staff_chat_id": group.id, **overrides})
        return group

    async def agents(self, *named: tuple[str, str]) -> list[SandboxUser]:
        """Registered members made cluster agents by the admin's /grant: (name, cluster)."""
        admin, agents = self.admin(), [self.member() for _ in named]
        for agent, (name, _) in zip(agents, named, strict=True):
            await register(agent, name=name)
        for agent, (_, cluster) in zip(agents, named, strict=True):
            await admin.send_text(f"/grant {agent.id} cluster_agent {cluster}")
        await admin.settle()
        for agent in agents:
            await agent.settle()
        return agents

    async def seed_members(
        self, count: int, cluster: str = "leather_shoes", **fields: Any
    ) -> list[SandboxUser]:
        """Members registered straight through storage (fast), each a sandbox user."""
        users = []
        for i in range(count):
            user = self.member(first_name=f"عضو {i}")
            new = NewMember(
                name=f"عضو {i}",
                company=f"واحد {i}",
                cluster_code=cluster,
                estate_code=fields.get("estate_code"),
                phone=f"+98912{user.id % 10_000_000:07d}",
                phone_verified=True,
                job_role=fields.get("job_role", "owner"),
            )
            await register_member(self.db, self.platform.value, user.id, user.id, new)
            users.append(user)
        return users

    async def flush(self) -> None:
        """Write PTB's conversation and user data now, as its persistence job would soon (on
        a loaded machine, perhaps in the middle of what a test measures), once every update
        received is handled: a handler still running (its reply seen, its form state not yet
        set) would otherwise change the state after the flush."""
        assert self.runtime is not None
        for app in self.runtime.apps.values():
            await app.update_queue.join()
            await app.update_persistence()

    async def outbox_idle(self) -> None:
        """Wait until no broadcast is being sent and no outbox message waits or is in flight
        (a card or notice the bot owes goes out after the reply that caused it; on a loaded
        machine, much later)."""
        busy = (
            "SELECT (SELECT count(*) FROM broadcasts WHERE status = 'sending')"
            " + (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS n"
        )
        deadline = asyncio.get_running_loop().time() + WAIT_CAP
        while (await self.rows(busy))[0]["n"]:
            assert asyncio.get_running_loop().time() < deadline, "the outbox is still sending"
            await asyncio.sleep(0.05)

    async def write(self, sql: str, *params: Any) -> None:
        """Change rows as the bot does: in a transaction, behind its writers' lock (a bare
        statement could land inside a transaction the bot has open)."""
        async with transaction(self.db):
            await self.db.execute(sql, params)

    async def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        """Rows of a query as dicts."""
        async with self.db.execute(sql, params) as cursor:
            return [dict(row) for row in await cursor.fetchall()]

    async def value(self, sql: str, *params: Any) -> Any:
        """The one value of a query that returns one row of one column."""
        (row,) = await self.rows(sql, *params)
        (value,) = row.values()
        return value

    async def grant(
        self, user: SandboxUser, *clusters: str, role: str = "cluster_agent"
    ) -> SandboxUser:
        """Give `user` a staff role straight through storage, as the admin's /grant would (an
        agent's: of `clusters`); return the user."""
        await grant_role(self.db, self.platform.value, user.id, role, ADMIN_ID, clusters)
        return user

    async def agent(self, *clusters: str) -> SandboxUser:
        """A new user («عامل», not registered) made the agent of `clusters`."""
        return await self.grant(self.member(first_name="عامل"), *clusters)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    """A fresh database (its folder made by connect) with the sample clusters and estates."""
    connection = await connect(tmp_path / "sub" / "k.db")
    await seed_places(connection, PROJECT_ROOT / "data" / "clusters.csv")
    yield connection
    await connection.close()


@pytest.fixture
async def harness(sandbox: BotApiSandbox, tmp_path: Path) -> AsyncIterator[Khooshe]:
    """The real bot on a fresh database, not started yet (the test starts it with its own
    settings, and may stop and start it again); stopped at the end."""
    harness = Khooshe(sandbox, tmp_path)
    yield harness
    await harness.stop()
    # (no_member_sees_markup then checks what its members saw on Bale)


@pytest.fixture
async def khooshe(harness: Khooshe) -> Khooshe:
    """The real bot, polling the sandbox, on a fresh database."""
    await harness.start()
    return harness


def shown(message: BotMessage) -> str:
    """The text as the member sees it: on Bale, its Markdown rendered and any backslash kept
    (bot/sandbox/markdown.py), so an escape that shows fails the test."""
    return message.shown


async def expect(user: SandboxUser | SandboxChat, fragment: str, wait: float = 5.0) -> BotMessage:
    """Read the user's (or a group's) new messages until one contains `fragment` (no
    quiet-period wait)."""
    seen: list[BotMessage] = []
    while True:
        try:
            message = await user.next_message(wait)
        except AssertionError as exc:
            raise AssertionError(f"no message with {fragment!r}; saw {seen}") from exc
        if fragment in message.shown:
            return message
        seen.append(message)


async def tap(user: SandboxUser, label: str) -> BotMessage:
    """Press a button that edits its own message; return the message as edited."""
    pressed = next(m for m in reversed(user.messages) if m.button(label) is not None)
    await user.press(label)
    while True:
        edited = await user.chat.next_edit()
        if edited.message_id == pressed.message_id:
            return edited


STEPS = ("name", "company", "cluster", "estate", "phone", "job_role", "confirm", "done")
# Each step's question, as the bot asks it (a fragment).
QUESTIONS = dict(
    zip(
        STEPS,
        ("نام و نام خانوادگی", "شرکت", "کدام خوشه", "کدام شهرک", "شماره همراه", "نقش شما",
         "بررسی کنید", "ثبت‌نام شما انجام شد"),
        strict=True,
    )
)  # fmt: skip


async def walk_to(
    user: SandboxUser,
    step: str,
    *,
    since: str | None = None,
    name: str = "مریم رضایی",
    cluster: str = "چرم و کفش",
    estate: str = "شهرک صنعتی غرب تبریز",
    job_role: str = "مالک / مدیرعامل",
    wait: float = 5.0,
) -> BotMessage:
    """Take a new user through registration up to the question for `step` (or "done") and
    return it; with `since`, from the answer to that step's question, asked before (a restart
    in between), instead of from /start. `wait` bounds each answer's wait (a bot in a
    subprocess on a busy machine needs more)."""
    answers = {
        "name": lambda: user.send_text(name),
        "company": lambda: user.send_text("کفش آذر"),
        "cluster": lambda: user.press(cluster),
        "estate": lambda: user.press(estate),
        "phone": lambda: user.press("📱 ارسال شماره من"),
        "job_role": lambda: user.press(job_role),
        "confirm": lambda: user.press("✅ تأیید و ثبت"),
    }
    if since is None:
        await user.send_command("start")
        current = "name"
        asked = await expect(user, QUESTIONS[current], wait=wait)
    elif since == step:
        raise ValueError("walk_to from a step to itself")
    else:
        current = since
    while current != step:
        await answers[current]()
        current = STEPS[STEPS.index(current) + 1]
        asked = await expect(user, QUESTIONS[current], wait=wait)
    await user.settle()
    return asked


async def register(user: SandboxUser, name: str = "مریم رضایی", wait: float = 5.0) -> None:
    """Walk a user through registration with sensible answers."""
    await walk_to(user, "done", name=name, wait=wait)


async def to_summary(
    user: SandboxUser, *, urgent: bool = False, title: str | None = None, wait: float = 30.0
) -> BotMessage:
    """From a described problem («✅ تمام شد») to the report's summary card before sending:
    the suggested category, urgent or not, the proposed title (or `title` typed instead).

    The suggestion and the search for similar reports run in a worker thread: on a busy
    2-core machine the first one (the lexicon loading) can take several seconds, hence `wait`.
    """
    await user.press("✅ تمام شد")
    question = await expect(user, "به نظر می‌رسد", wait=wait)
    await user.press_inline(question, question.button_texts[0])
    return await urgency_and_title(user, urgent=urgent, title=title, wait=wait)


async def urgency(
    user: SandboxUser, *, urgent: bool = False, lang: str = "fa", wait: float = 30.0
) -> None:
    """From a report's category just chosen: the question whether it is urgent, answered (as
    a member reading `lang` sees it)."""
    words = REPORT_WORDS[lang]
    await expect(user, words.urgency, wait=wait)
    await user.press(words.urgent if urgent else words.normal)


async def urgency_and_title(
    user: SandboxUser,
    *,
    urgent: bool = False,
    title: str | None = None,
    lang: str = "fa",
    wait: float = 30.0,
) -> BotMessage:
    """From a report's category just chosen: urgent or not, the proposed title (or `title`
    typed instead), up to the summary card (as a member reading `lang` sees them)."""
    await urgency(user, urgent=urgent, lang=lang, wait=wait)
    words = REPORT_WORDS[lang]
    await expect(user, words.title, wait=wait)
    if title is None:
        await user.press(words.keep_title)
    else:
        await user.send_text(title)
    return await expect(user, words.card, wait=wait)


def sheet_of(message: BotMessage) -> Worksheet:
    """The first sheet of the .xlsx file a message carries."""
    assert message.document is not None
    sheet = load_workbook(io.BytesIO(message.document.data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def table_of(message: BotMessage) -> list[tuple[Any, ...]]:
    """The rows of the .xlsx file a message carries, headers first."""
    return list(sheet_of(message).iter_rows(values_only=True))


def announcement(
    platform: str, body: str, key: str, send_at: datetime | None = None
) -> NewBroadcast:
    """The admin's announcement to every member (`key`: its dedupe key), due now or `send_at`."""
    return NewBroadcast(
        created_by=f"staff:{platform}:{ADMIN_ID}",
        owner_platform=platform,
        owner_chat_id=ADMIN_ID,
        owner_lang="fa",
        body=body,
        audience=Audience(),
        send_at=send_at or datetime.now(UTC),
        dedupe_key=key,
    )


def workday(days_ahead: int, clock: str = "۱۰:۰۰") -> str:
    """The first working day (not a Thursday, Friday or holiday in data/holidays.csv) at least
    `days_ahead` days after today in Tehran, typed as staff would: «۱۴۰۵/۹/۱۲ ۱۰:۰۰». A start
    on a day off asks for a confirm, which flows that are not about it should not meet."""
    import datetime as dt

    import jdatetime

    from bot.i18n import TEHRAN
    from bot.services.workdays import Holidays, is_working_day

    holidays = Holidays.load()
    day = dt.datetime.now(TEHRAN).date() + dt.timedelta(days=days_ahead)
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    jalali = jdatetime.date.fromgregorian(date=day)
    return text.persian_digits(f"{jalali.year}/{jalali.month}/{jalali.day}") + " " + clock


# --- steps many flows share (issue 20: written once here) -------------------------------------


@dataclass(frozen=True)
class ReportWords:
    """What a member reads and presses in the report form, in one language."""

    own_words: str  # the question of a form that takes the member's own words
    received: str  # its acknowledgement of each message
    urgency: str  # the question whether it is urgent, and its two answers
    urgent: str
    normal: str
    title: str  # the question for a short title, and the button that keeps the one proposed
    keep_title: str
    card: str  # the summary before sending
    add_details: str  # the button under a report's details, and the question it opens
    details_asked: str


REPORT_WORDS = {
    "fa": ReportWords(
        "با کلمات خودتان", "دریافت شد", "فوری است", "🔴 فوری", "عادی", "عنوان کوتاه",
        "✅ همین خوب است", "گزارش شما:", "➕ افزودن توضیح", "توضیح تازه",
    ),
    "az": ReportWords(
        "اوز سوزلرینیزله یازین", "آلیندی", "فوریدیر؟", "🔴 فوری", "عادی", "قیسا بیر باشلیق",
        "✅ بو یاخشیدیر", "گزارشینیز:", "➕ توضیح آرتیر", "تزه توضیحینیزی یازین",
    ),
}  # fmt: skip


async def describe(
    user: SandboxUser,
    text: str,
    *more: str,
    button: str = "📝 ثبت مشکل",
    lang: str = "fa",
    wait: float = 5.0,
) -> BotMessage:
    """Open a form that takes the member's own words (a report, or a consultation by its
    `button`, in the member's `lang`) and send `text` and `more`, each acknowledged; return
    the last acknowledgement."""
    words = REPORT_WORDS[lang]
    await user.press(button)
    await expect(user, words.own_words, wait=wait)
    for part in (text, *more):
        await user.send_text(part)
        ack = await expect(user, words.received, wait=wait)
    return ack


async def send_and_track(
    user: SandboxUser, button: str = "✅ ثبت گزارش", wait: float = 5.0
) -> str:
    """Press a form's send `button` (a report's, on its summary card, by default; «✅ ارسال
    درخواست» for a request for advice); return the tracking code its answer shows."""
    await user.press(button)
    filed = await expect(user, "کد پیگیری", wait=wait)
    return shown(filed).split("کد پیگیری: ")[1].split()[0]


async def edit_profile(user: SandboxUser, field: str) -> list[BotMessage]:
    """/profile, then the button of `field` (as labelled in the member's language); return
    what the bot said to it."""
    await user.send_command("profile")
    await user.settle()
    await user.press(field)
    return await user.settle()


async def reply_on_card(staffer: SandboxUser, card: BotMessage, text: str) -> None:
    """«✍️ پاسخ به عضو» on a report's card, then `text` as the answer it asks for."""
    await staffer.press_inline(card, "✍️ پاسخ به عضو")
    await expect(staffer, "همین‌جا بنویسید")
    await staffer.send_text(text)


async def add_details(member: SandboxUser, details: BotMessage, lang: str = "fa") -> None:
    """«➕ افزودن توضیح» under a report's details, up to the question for what to add (as a
    member reading `lang` sees them)."""
    words = REPORT_WORDS[lang]
    await member.press_inline(details, words.add_details)
    await expect(member, words.details_asked)


@dataclass
class OnBoth:
    """One bot on both platforms: its runtime and the two sandboxes (see on_both_platforms)."""

    runtime: Runtime
    tg: BotApiSandbox
    bale: BotApiSandbox

    def sandbox(self, platform: str) -> BotApiSandbox:
        return self.tg if platform == "telegram" else self.bale

    def token(self, platform: str) -> str:
        """The bot's token on `platform` ("telegram" or "bale")."""
        return self.sandbox(platform).make_token(
            TELEGRAM_BOT if platform == "telegram" else BALE_BOT
        )

    def user(self, platform: str, **kwargs: Any) -> SandboxUser:
        """A user of the bot on `platform`."""
        return self.sandbox(platform).user(token=self.token(platform), **kwargs)


@asynccontextmanager
async def on_both_platforms(tmp_path: Path, **overrides: Any) -> AsyncIterator[OnBoth]:
    """One bot on a Telegram and a Bale sandbox with `both_platforms` settings (and
    `overrides`), started and watched by settle(); stopped at the end."""
    async with BotApiSandbox("telegram") as tg, BotApiSandbox("bale") as bale:
        runtime = Runtime(both_platforms(tmp_path, tg, bale, **overrides))
        await runtime.start()
        watch(runtime, tg, bale)
        try:
            yield OnBoth(runtime, tg, bale)
        finally:
            await runtime.stop()


# --- settings from given values alone (no .env file) -------------------------------------------


def settings_of(**values: Any) -> Settings:
    """Settings from `values` and the defaults only: no .env file is read."""
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def settings_error(**values: Any) -> str:
    """The one line a configuration gets (as `python -m bot` prints it), or "" when it is
    valid."""
    try:
        settings_of(**values)
    except ValidationError as exc:
        return describe_error(exc)
    return ""
