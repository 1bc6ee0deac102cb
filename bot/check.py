"""`python -m bot check`: is this installation ready to serve? One line per check.

Checked, in order: the settings; each configured platform's token (getMe, through the
platform's proxy); the staff chats (getChat); the database (it opens, its migrations, its
integrity); the data files (clusters, category lexicon, problem types, the learned categories
and "me too", Azerbaijani words, holidays, outside bodies); the backup folder. The database is
only read, never created or migrated, so the check can run beside a running bot (from a
monitor, say). Exit status 0 only if every check passed.

The lines are for an operator, in English, like the start-up lines of `python -m bot`; tokens,
proxy passwords and phone numbers are never printed.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.platforms import RepairingRequest
from bot.proxies import why_unreachable
from bot.settings import Platform, Settings, describe_error

# A check answers (passed, what it found), or raises: that is a failure described by the error.
Check = Callable[[], Awaitable[tuple[bool, str]]]

# How long one request of the check may take (a proxy on a bad day is slow, not dead).
REQUEST_SECONDS = 20.0


@dataclass
class Outcome:
    """One check's line."""

    name: str
    passed: bool
    detail: str

    def line(self) -> str:
        """`ok   name: detail` or `FAIL name: detail`."""
        return f"{'ok  ' if self.passed else 'FAIL'} {self.name}: {self.detail}"


async def run_checks(out: TextIO = sys.stdout, settings: Settings | None = None) -> int:
    """Run every check, print one line each; 0 if all passed, 1 otherwise."""
    if settings is None:
        try:
            settings = Settings()
        except ValidationError as exc:
            print(Outcome("settings", False, describe_error(exc)).line(), file=out)
            return 1
    from bot.logs import setup_logging

    # Only warnings, redacted: a library's line must not carry a token or a proxy password.
    setup_logging("WARNING", settings.secrets())
    outcomes: list[Outcome] = []

    async def run(name: str, check: Check) -> None:
        try:
            passed, detail = await check()
        except Exception as exc:  # a check that breaks is a failed check, said in one line
            passed, detail = False, f"{exc.__class__.__name__}: {exc}"
        outcome = Outcome(name, passed, detail)
        outcomes.append(outcome)
        print(outcome.line(), file=out, flush=True)

    platforms = settings.platforms()
    await run("settings", partial(_settings, settings))
    bots: dict[Platform, Bot] = {}
    try:
        for platform in platforms:
            bots[platform] = _bot(settings, platform)
            await run(
                f"{platform.value} token", partial(_token, settings, platform, bots[platform])
            )
        for platform in platforms:
            chat_id = settings.staff_chat_id(platform)
            if chat_id is not None:
                check = partial(_staff_chat, bots[platform], platform, chat_id)
                await run(f"{platform.value} staff chat", check)
    finally:
        for bot in bots.values():
            # Never initialised (the token check is its getMe), so bot.shutdown() would skip
            # the transport: close its connections here.
            await bot.request.shutdown()
    await run("database", partial(asyncio.to_thread, _database, settings.database_path))
    for name, load in _data_files(settings):
        await run(name, load)
    await run("backup folder", partial(asyncio.to_thread, _backup_folder, settings.backup_folder))
    return 0 if all(o.passed for o in outcomes) else 1


async def _settings(settings: Settings) -> tuple[bool, str]:
    platforms = settings.platforms()
    if not platforms:
        return False, "no token: set TELEGRAM_TOKEN and/or BALE_TOKEN"
    via = [f"{p.value} through {p.value.upper()}_PROXY" for p in platforms if settings.proxy(p)]
    return True, "valid; platforms: " + ", ".join(p.value for p in platforms) + (
        f" ({'; '.join(via)})" if via else ""
    )


def _bot(settings: Settings, platform: Platform) -> Bot:
    token = settings.token(platform)
    assert token is not None
    base_url, base_file_url = settings.base_urls(platform)
    request = RepairingRequest(
        proxy=settings.proxy(platform),
        connect_timeout=REQUEST_SECONDS,
        read_timeout=REQUEST_SECONDS,
    )
    return Bot(
        token.get_secret_value(),
        base_url=base_url,
        base_file_url=base_file_url,
        request=request,
        get_updates_request=request,
    )


async def _token(settings: Settings, platform: Platform, bot: Bot) -> tuple[bool, str]:
    variable = f"{platform.value.upper()}_TOKEN"
    try:
        me = await bot.get_me()
    except InvalidToken:
        return False, f"refused by the server: put a valid {variable} in the settings"
    except NetworkError as exc:
        return False, await why_unreachable(settings, platform, exc)
    return True, f"accepted, the bot is @{me.username}"


async def _staff_chat(bot: Bot, platform: Platform, chat_id: int) -> tuple[bool, str]:
    variable = f"{platform.value.upper()}_STAFF_CHAT_ID"
    try:
        chat = await bot.get_chat(chat_id)
    except TelegramError as exc:
        return False, (
            f"{chat_id} not reachable ({exc.message}): check {variable} and that the bot "
            "is a member of that group"
        )
    return True, f"{chat_id} reachable ({chat.type}: {chat.title or chat.full_name or '-'})"


def _database(path: Path) -> tuple[bool, str]:
    """Open read-only; migrations and integrity. Never creates or changes the file."""
    from storage.db import migrations

    latest = migrations()[-1][0]
    if not path.exists():
        return True, f"none yet at {path}; created (version {latest}) at the first start"
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        return False, f"cannot open {path} ({exc})"
    try:
        try:
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.Error as exc:
            return False, f"{path} cannot be read ({exc}): restore it from a backup"
    finally:
        connection.close()
    if rows != [("ok",)]:
        return False, f"{path} fails the integrity check ({rows[0][0]}): restore a backup"
    if version > latest:
        return False, (
            f"{path} is at version {version}, newer than this code ({latest}): run the "
            "release that upgraded it, or restore a backup made before"
        )
    if version < latest:
        return True, (
            f"{path} opens, intact, at version {version}; the next start brings it to {latest}"
        )
    return True, f"{path} opens, intact, migrations current (version {version})"


def _data_files(settings: Settings) -> list[tuple[str, Check]]:
    from bot.azerbaijani import Azerbaijani
    from bot.english import ENGLISH_PATH, English
    from bot.finglish import PROBLEMS_DIR
    from bot.services import learned, me_too, names, problems
    from bot.services.categorize import Lexicon
    from bot.services.places import parse_places
    from bot.services.triage import load_outside_bodies
    from bot.services.workdays import Holidays
    from bot.understand import AZERBAIJANI_PATH

    def places() -> str:
        found = parse_places(settings.clusters_file.read_text(encoding="utf-8"), normalise=False)
        clusters = sum(1 for p in found if p.kind == "cluster")
        return f"{clusters} clusters, {len(found) - clusters} estates"

    def lexicon() -> str:
        return f"{len(Lexicon.load(settings.lexicon_file))} entries"

    def problem_types() -> str:
        catalogue = problems.load(PROBLEMS_DIR)
        types = sum(
            len({sense.slug for senses in lexicon.entries.values() for sense in senses})
            for lexicon in catalogue.values()
        )
        return f"{types} types in {len(catalogue)} categories"

    def learned_categories() -> str:
        model = learned.Model.load(learned.MODEL_PATH)
        return f"{len(model.index)} letter sequences, {len(model.classes)} categories"

    def me_too_weights() -> str:
        return f"{len(me_too.weights().names)} signals weighed"

    def names_said() -> str:
        table = names.load(names.NAMES_PATH)
        groups = {group for group, _ in table.spellings.values()}
        return f"{len(table.around)} names in {len(groups)} groups"

    def azerbaijani() -> str:
        table = Azerbaijani.load(AZERBAIJANI_PATH, frozenset())
        return f"{len(table.meanings)} words, {len(table.said_in_latin)} in Latin letters"

    def english_words() -> str:
        found = English.load(ENGLISH_PATH)
        return f"{len(found.words)} words, {len(found.phrases)} phrases"

    def holidays() -> str:
        Holidays.load(settings.holidays_file)
        return "parsed"

    def bodies() -> str:
        return f"{len(load_outside_bodies(settings.outside_bodies_file))} bodies"

    def check(variable: str, path: Path, load: Callable[[], str]) -> Check:
        async def run() -> tuple[bool, str]:
            try:
                found = await asyncio.to_thread(load)
            except OSError as exc:
                return False, f"cannot read {path} ({exc.strerror or exc}): check {variable}"
            except ValueError as exc:
                return False, f"{path}: {exc}"
            return True, f"{path}: {found}"

        return run

    return [
        ("clusters file", check("CLUSTERS_FILE", settings.clusters_file, places)),
        ("lexicon file", check("LEXICON_FILE", settings.lexicon_file, lexicon)),
        ("problem types", check("data/problems", PROBLEMS_DIR, problem_types)),
        ("learned categories", check("data/", learned.MODEL_PATH, learned_categories)),
        ("learned me too", check("data/", learned.PAIRS_PATH, me_too_weights)),
        ("Azerbaijani words", check("data/azerbaijani.toml", AZERBAIJANI_PATH, azerbaijani)),
        ("English words", check("data/english.toml", ENGLISH_PATH, english_words)),
        ("names", check("data/names.toml", names.NAMES_PATH, names_said)),
        ("holidays file", check("HOLIDAYS_FILE", settings.holidays_file, holidays)),
        (
            "outside bodies file",
            check("OUTSIDE_BODIES_FILE", settings.outside_bodies_file, bodies),
        ),
    ]


def _backup_folder(folder: Path) -> tuple[bool, str]:
    """The folder can be made and written (a file created and removed)."""
    from storage.backup import backups

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".check-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return False, f"cannot write to {folder} ({exc.strerror or exc}): check BACKUP_DIR"
    found = backups(folder)
    newest = f", newest {found[-1].name}" if found else ", none yet"
    return True, f"{folder} writable; {len(found)} backup(s){newest}"


def main(out: TextIO = sys.stdout) -> int:
    """Entry point for `python -m bot check`."""
    return asyncio.run(run_checks(out))
