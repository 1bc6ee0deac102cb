"""The one settings object, read from the environment and `.env`."""

from __future__ import annotations

import re
import tomllib
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def read_toml(path: Path) -> dict[str, Any]:
    """A data file staff edit (data/*.toml); ValueError names it when it is not valid TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: not valid TOML: {exc}") from exc


# Both platforms issue tokens shaped "<bot id>:<secret>"; anything else is a typo worth
# stopping for before we try to reach a server with it.
TOKEN_PATTERN = re.compile(r"^\d{2,}:[A-Za-z0-9_-]{16,}$")
# Telegram's secret_token allows 1-256 of these; fewer than 16 is guessable.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
# What the transport (bot/transport.py) can go through: aiohttp's own http(s) proxies, socks5 via
# aiohttp-socks (socks5h is socks5 with the name resolved by the proxy, as every socks5 is here).
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


class BaleEscaping(StrEnum):
    """How text is kept from turning into Bale's Markdown (see docs/bale.md).

    Bale renders `*bold*`, `_italic_`, `[text](url)` and backtick code in every message and
    has no parse_mode to turn that off. Only a delimiter that would really open markup is
    touched, never plain parentheses:

    - ``invisible`` puts a zero-width non-joiner before it (nothing visible changes);
    - ``backslash`` puts a backslash before it (right only if Bale removes escapes: check);
    - ``lookalike`` swaps it for a look-alike character (∗ ＿ ˋ ［), if Bale ignores both.
    """

    INVISIBLE = "invisible"
    BACKSLASH = "backslash"
    LOOKALIKE = "lookalike"


class Platform(StrEnum):
    """A messenger Khooshe serves; a member is identified by (platform, user id)."""

    TELEGRAM = "telegram"
    BALE = "bale"


def _parse_ids(value: object, *, what: str) -> dict[Platform, frozenset[int]]:
    """Parse `bale:123,telegram:456` into ids per platform."""
    result: dict[Platform, set[int]] = {p: set() for p in Platform}
    if value is None or value == "":
        return {p: frozenset(ids) for p, ids in result.items()}
    if isinstance(value, dict):
        return {Platform(k): frozenset(int(i) for i in v) for k, v in value.items()}
    for item in str(value).replace(";", ",").split(","):
        item = item.strip()
        if not item:
            continue
        platform, sep, user_id = item.partition(":")
        if not sep or platform.strip().lower() not in {p.value for p in Platform}:
            raise ValueError(f"{what}: expected platform:id such as bale:123, got {item!r}")
        try:
            result[Platform(platform.strip().lower())].add(int(user_id.strip()))
        except ValueError as exc:
            raise ValueError(f"{what}: {user_id!r} is not a numeric id") from exc
    return {p: frozenset(ids) for p, ids in result.items()}


class ReportCards(StrEnum):
    """Where new-report cards are sent (REPORT_CARDS)."""

    GROUP = "group"
    PRIVATE = "private"
    BOTH = "both"


def _secret_text(value: object) -> str | None:
    """A secret setting's text, stripped; None when it is missing or blank."""
    if value is None:
        return None
    text = (value.get_secret_value() if isinstance(value, SecretStr) else str(value)).strip()
    return text or None


class Settings(BaseSettings):
    """Khooshe's configuration; see the table in README.md."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    telegram_token: SecretStr | None = None
    bale_token: SecretStr | None = None
    database_path: Path = Path("data/khooshe.db")
    admins: Annotated[dict[Platform, frozenset[int]], NoDecode] = Field(
        default_factory=lambda: _parse_ids(None, what="ADMINS")
    )
    telegram_staff_chat_id: int | None = None
    bale_staff_chat_id: int | None = None
    # Where a new report's card goes: the staff group, each admin and staff member privately,
    # or both. With no staff group on a platform, cards go privately whatever this says.
    # Cluster agents always get their clusters' cards privately.
    report_cards: ReportCards = ReportCards.GROUP
    timezone: str = "Asia/Tehran"
    log_level: str = "INFO"
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str = "https://api.telegram.org/file/bot"
    bale_base_url: str = "https://tapi.bale.ai/bot"
    bale_base_file_url: str = "https://tapi.bale.ai/file/bot"
    # A proxy per platform (http://, https://, socks5:// or socks5h://, credentials in the
    # URL if needed): every request of that platform goes through it (polling, sends, file
    # downloads). A server in Iran usually needs one for Telegram; one abroad maybe for Bale.
    telegram_proxy: SecretStr | None = None
    bale_proxy: SecretStr | None = None
    # Which way Bale's Markdown is kept off our text; switch after the live check (README).
    bale_escaping: BaleEscaping = BaleEscaping.INVISIBLE
    clusters_file: Path = PROJECT_ROOT / "data" / "clusters.csv"
    lexicon_file: Path = PROJECT_ROOT / "data" / "categories.toml"
    holidays_file: Path = PROJECT_ROOT / "data" / "holidays.csv"
    outside_bodies_file: Path = PROJECT_ROOT / "data" / "outside_bodies.csv"
    # Targets for reports, in working days (Saturday–Wednesday, minus holidays).
    first_response_days: int = Field(default=2, ge=1)
    resolution_days: int = Field(default=10, ge=1)
    # A member may send this many updates in a burst, refilled at flood_rate per second.
    flood_burst: int = Field(default=20, ge=1)
    flood_rate: float = Field(default=2.0, gt=0)
    # How often PTB writes conversation state and form drafts to SQLite (seconds).
    persistence_interval: float = Field(default=1.0, gt=0)
    # A form left this long without an answer is closed (its draft kept where the member
    # will find it, and they are told so): a day, for members who finish a report tonight.
    form_timeout_seconds: float = Field(default=86_400.0, gt=0)
    # At most one error alert to admins per this many seconds.
    admin_alert_interval: float = Field(default=300.0, ge=0)
    # Outgoing messages per second: Telegram publishes ~30/s; Bale publishes nothing, so be
    # conservative there and obey its 429s.
    telegram_rate_limit: float = Field(default=30.0, gt=0)
    bale_rate_limit: float = Field(default=10.0, gt=0)
    # Broadcast messages in flight per platform: enough to keep up the rate over a slow
    # network, few enough that a member's reply never queues behind many of them. It is
    # also the most a crash can duplicate (see bot/services/outbox.py).
    outbox_workers: int = Field(default=8, ge=1, le=64)
    # Share of the platform's rate a broadcast may use; the rest keeps replies to members fast.
    outbox_share: float = Field(default=0.95, gt=0, le=1)
    # How often a running broadcast's status message is edited (seconds).
    progress_interval: float = Field(default=3.0, gt=0)
    # A scheduled broadcast that fell due while the bot was down is still sent this late.
    schedule_grace_minutes: int = Field(default=60, ge=0)
    # Reminders to confirmed members before a training or event starts, in seconds before
    # the start (a day and an hour by default); as JSON in the environment: [86400, 3600].
    offering_reminder_seconds: tuple[int, ...] = (86400, 3600)
    # Reminders of an advisory session to both sides, likewise (issue 17).
    session_reminder_seconds: tuple[int, ...] = (86400, 3600)
    # How often requests for advice are checked for the overdue flag (0: never).
    consult_overdue_check_seconds: int = Field(default=900, ge=0)
    # A confirmed member may give their seat back until this many hours before the start
    # (a waitlisted one until the start).
    offering_cancel_cutoff_hours: float = Field(default=24.0, ge=0)
    # The weekly digest: day (Python's numbering, Monday 0 … Saturday 5) and time in
    # `timezone`; the Iranian week starts on Saturday, so Saturday morning reports the week
    # just ended. A run missed while the bot was down is sent on start this late at most.
    digest_weekday: int = Field(default=5, ge=0, le=6)
    digest_time: time = time(9, 0)
    digest_grace_minutes: int = Field(default=12 * 60, ge=0)
    # Send members whose own reports had no news their cluster's numbers anyway (if any).
    digest_without_news: bool = False
    # Online backups of the database (storage/backup.py): where they go (default: a
    # `backups` folder beside the database; better another disk), how often in hours (0: none
    # scheduled, `python -m bot backup` still works) and how many are kept.
    backup_dir: Path | None = None
    backup_interval_hours: float = Field(default=24.0, ge=0)
    backup_keep: int = Field(default=7, ge=1)
    # Long-poll timeout for getUpdates (seconds).
    polling_timeout: int = Field(default=30, ge=0)
    # Webhooks instead of polling (README "Webhooks"): the public HTTPS address a reverse
    # proxy forwards to us, unset for polling. Each platform listens on its own port (PTB's
    # webhook server serves one platform), under its own path: /telegram and /bale/<secret>.
    webhook_url: str | None = None
    # Checked on every webhook request: Telegram's X-Telegram-Bot-Api-Secret-Token header;
    # on Bale (no such header) a path component derived from it (bot/webhooks.py).
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    bale_webhook_port: int = Field(default=8444, ge=1, le=65535, validate_default=True)
    # How long a Bot API call waits for its answer (seconds); a graceful stop waits as long
    # as a call can take (bot/platforms.py longest_request) for the outbox's sends.
    request_timeout: float = Field(default=20.0, gt=0)

    @field_validator("admins", mode="before")
    @classmethod
    def _admins(cls, value: object) -> dict[Platform, frozenset[int]]:
        return _parse_ids(value, what="ADMINS")

    @field_validator("telegram_token", "bale_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        text = _secret_text(value)
        if text is None:
            return None
        if not TOKEN_PATTERN.match(text):
            # Never echo the token itself: it may be a real one with a typo.
            raise ValueError("malformed token (expected <digits>:<secret>)")
        return text

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _webhook_url(cls, value: object) -> str | None:
        if value is None or not str(value).strip():
            return None
        url = str(value).strip().rstrip("/")
        parts = urlsplit(url)
        # The platforms post only to HTTPS; plain HTTP is for the loopback sandbox.
        loopback_http = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
        if not parts.hostname or (parts.scheme != "https" and not loopback_http):
            raise ValueError(f"expected an https:// address, got {url!r}")
        if parts.query or parts.fragment:
            raise ValueError("no query or fragment: the platform paths are added to it")
        return url

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: object, info: ValidationInfo) -> object:
        text = _secret_text(value) or ""
        if info.data.get("webhook_url") is None:
            return text or None
        if not text:
            raise ValueError("required with WEBHOOK_URL (16 or more of A-Z a-z 0-9 _ -)")
        if not WEBHOOK_SECRET_PATTERN.match(text):
            # Never echo it.
            raise ValueError("expected 16 to 256 of A-Z a-z 0-9 _ -")
        return text

    @field_validator("bale_webhook_port")
    @classmethod
    def _bale_webhook_port(cls, value: int, info: ValidationInfo) -> int:
        both = info.data.get("telegram_token") and info.data.get("bale_token")
        if info.data.get("webhook_url") and both and value == info.data["telegram_webhook_port"]:
            raise ValueError("must differ from TELEGRAM_WEBHOOK_PORT (one listener each)")
        return value

    @field_validator("telegram_proxy", "bale_proxy", mode="before")
    @classmethod
    def _proxy(cls, value: object) -> object:
        text = _secret_text(value)
        if text is None:
            return None
        # Never echo the URL: it may carry a password.
        scheme, sep, rest = text.partition("://")
        if not sep or scheme.lower() not in PROXY_SCHEMES:
            raise ValueError(
                "expected a proxy URL starting with " + ", ".join(f"{s}://" for s in PROXY_SCHEMES)
            )
        try:
            port = urlsplit(text).port
        except ValueError:
            raise ValueError("the proxy's port is not a number from 1 to 65535") from None
        if not urlsplit(text).hostname or not rest:
            raise ValueError("the proxy URL has no host")
        if port is None:
            raise ValueError("the proxy URL needs a port, e.g. socks5://127.0.0.1:1080")
        return text

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"unknown log level {value!r}")
        return level

    @property
    def tz(self) -> ZoneInfo:
        """The display time zone (Tehran by default)."""
        return ZoneInfo(self.timezone)

    @property
    def backup_folder(self) -> Path:
        """Where backups are written."""
        return self.backup_dir or self.database_path.parent / "backups"

    def token(self, platform: Platform) -> SecretStr | None:
        """The token configured for a platform, if any."""
        return self.telegram_token if platform is Platform.TELEGRAM else self.bale_token

    def platforms(self) -> list[Platform]:
        """Platforms that have a token, Bale first (it is the main channel)."""
        return [p for p in (Platform.BALE, Platform.TELEGRAM) if self.token(p) is not None]

    def base_urls(self, platform: Platform) -> tuple[str, str]:
        """(API base URL, file base URL) for a platform."""
        if platform is Platform.TELEGRAM:
            return self.telegram_base_url, self.telegram_base_file_url
        return self.bale_base_url, self.bale_base_file_url

    def proxy(self, platform: Platform) -> str | None:
        """The proxy URL every request of a platform goes through, if any."""
        value = self.telegram_proxy if platform is Platform.TELEGRAM else self.bale_proxy
        return value.get_secret_value() if value is not None else None

    def secrets(self) -> list[str]:
        """What must never reach a log line: the tokens and the proxies' passwords."""
        found = [t.get_secret_value() for t in (self.telegram_token, self.bale_token) if t]
        for platform in Platform:
            password = urlsplit(self.proxy(platform) or "").password
            if password:
                found.append(password)
        return found

    def rate_limit(self, platform: Platform) -> float:
        """Messages per second to stay under on a platform."""
        if platform is Platform.TELEGRAM:
            return self.telegram_rate_limit
        return self.bale_rate_limit

    def webhook_port(self, platform: Platform) -> int:
        """The local port a platform's webhook listener binds."""
        if platform is Platform.TELEGRAM:
            return self.telegram_webhook_port
        return self.bale_webhook_port

    def staff_chat_id(self, platform: Platform) -> int | None:
        """The staff group chat configured for a platform, if any."""
        if platform is Platform.TELEGRAM:
            return self.telegram_staff_chat_id
        return self.bale_staff_chat_id

    def cards_to_group(self, platform: Platform) -> bool:
        """Whether new-report cards go to this platform's staff group."""
        return (
            self.staff_chat_id(platform) is not None
            and self.report_cards is not ReportCards.PRIVATE
        )

    def cards_in_private(self, platform: Platform) -> bool:
        """Whether admins and staff get new-report cards in their private chats."""
        return not self.cards_to_group(platform) or self.report_cards is ReportCards.BOTH

    def is_admin(self, platform: Platform, user_id: int) -> bool:
        """Admins come from settings only."""
        return user_id in self.admins.get(platform, frozenset())


def describe_error(exc: ValidationError) -> str:
    """One line naming what is wrong with the configuration, without echoing secrets."""
    parts = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error["loc"]).upper() or "settings"
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{field}: {message}")
    return "; ".join(parts)
