"""`python -m bot` runs the bot; `python -m bot sandbox` chats with it without a token."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from bot.settings import Settings


def _settings() -> Settings:
    from pydantic import ValidationError

    from bot.settings import Settings, describe_error

    try:
        return Settings()
    except ValidationError as exc:
        print(f"khooshe: configuration error: {describe_error(exc)}", file=sys.stderr)
        raise SystemExit(2) from None


def categorize_lines(stdin: TextIO, stdout: TextIO, lexicon_path: Path) -> int:
    """`python -m bot categorize`: the top three category slugs of each stdin line, one output
    line per input line."""
    from bot.services.categorize import Lexicon
    from bot.services.problems import suggest_category

    try:
        lexicon = Lexicon.load(lexicon_path)
    except (OSError, ValueError) as exc:
        print(f"khooshe: cannot read the category lexicon {lexicon_path}: {exc}", file=sys.stderr)
        return 2
    for line in stdin:
        slugs = [s.slug for s in suggest_category(line.rstrip("\r\n"), lexicon, top=3)]
        stdout.write(" ".join(slugs) + "\n")
        # Staff may type lines by hand and wait for each answer.
        stdout.flush()
    return 0


async def _run(settings: Settings) -> int:
    from telegram.error import InvalidToken

    from bot.app import Runtime
    from bot.logs import setup_logging
    from bot.webhooks import WebhookUnavailable, bale_path_secret
    from storage.db import DatabaseUnavailable

    secrets = settings.secrets()
    if settings.webhook_secret is not None:
        webhook_secret = settings.webhook_secret.get_secret_value()
        secrets += [webhook_secret, bale_path_secret(webhook_secret)]
    setup_logging(settings.log_level, secrets)
    runtime = Runtime(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        try:
            await runtime.start()
        except InvalidToken:
            return _fail(2, "every configured token was refused by its server: " + _TOKEN_ADVICE)
        except (DatabaseUnavailable, WebhookUnavailable) as exc:
            return _fail(1, str(exc))
        except OSError as exc:
            logging.getLogger("bot").debug("start-up failed", exc_info=exc)
            if not exc.filename:
                return _fail(1, f"could not start: {exc} (LOG_LEVEL=DEBUG shows where)")
            return _fail(
                1,
                f"cannot read {exc.filename} ({exc.strerror or exc}): check CLUSTERS_FILE, "
                "LEXICON_FILE, HOLIDAYS_FILE and OUTSIDE_BODIES_FILE",
            )
        except Exception as exc:
            # One line for the operator; the traceback is for whoever debugs it.
            logging.getLogger("bot").debug("start-up failed", exc_info=exc)
            return _fail(
                1,
                f"could not start: {exc.__class__.__name__}: {exc} (LOG_LEVEL=DEBUG shows where)",
            )
        finally:
            _started()
        # Until a signal, or until no platform is left serving (every token refused while
        # running): then exit non-zero so a supervisor notices, never alive and deaf.
        waits = [asyncio.create_task(stop.wait()), asyncio.create_task(runtime.finished.wait())]
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for task in waits:
            task.cancel()
        if runtime.finished.is_set() and not stop.is_set():
            return _fail(2, "no platform is left serving (token refused): " + _TOKEN_ADVICE)
        return 0
    finally:
        await runtime.stop()


_TOKEN_ADVICE = "put a valid TELEGRAM_TOKEN / BALE_TOKEN in the settings and start again"


def _starting() -> None:
    """No cyclic garbage collection while the bot starts: importing and building it makes
    some 80,000 lasting objects (modules, classes, functions, handlers), which the collector
    would walk a few hundred times over, ~10% of start-up's processor time (issue 14)."""
    gc.disable()


def _started() -> None:
    """Once started (polling, or the start failed): what start-up made is kept for good
    (gc.freeze: later collections never walk it again), and collection resumes."""
    gc.freeze()
    gc.enable()


def _fail(code: int, line: str) -> int:
    print(f"khooshe: {line}", file=sys.stderr)
    return code


def _backup(settings: Settings) -> int:
    """`python -m bot backup`: one backup now, beside the scheduled ones (no token needed)."""
    from storage.backup import BackupError, make_backup

    try:
        path = make_backup(settings.database_path, settings.backup_folder, settings.backup_keep)
    except BackupError as exc:
        return _fail(1, f"backup failed: {exc}")
    print(f"khooshe: backup written and checked: {path} ({path.stat().st_size // 1024} KiB)")
    return 0


def _restore(settings: Settings, backup: Path) -> int:
    """`python -m bot restore FILE`: check the file, then put it in the database's place."""
    from storage.backup import BackupError, restore

    try:
        kept = restore(backup, settings.database_path)
    except BackupError as exc:
        return _fail(1, str(exc))
    print(f"khooshe: restored {backup} into {settings.database_path}")
    if kept is not None:
        print(f"khooshe: the database it replaced is kept as {kept}")
    print("khooshe: start the bot; it brings the database up to date if the backup is older")
    return 0


def command_line() -> argparse.ArgumentParser:
    """The commands `python -m bot` takes (the README's set-up steps are checked against it)."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Khooshe bot")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot with the configured token(s) (default)")
    sandbox = sub.add_parser("sandbox", help="chat with the bot in this terminal, no token needed")
    sandbox.add_argument("--flavour", choices=["bale", "telegram"], default="bale")
    sandbox.add_argument("--database", default=None, help="SQLite file (default: data/sandbox.db)")
    sandbox.add_argument(
        "--files",
        default=None,
        help="folder for files the bot sends (default: sandbox-files beside the database)",
    )
    sandbox.add_argument(
        "--bidi",
        action="store_true",
        help="reshape and reorder Persian for a terminal without right-to-left support",
    )
    sub.add_parser(
        "categorize",
        help="read report texts (one per line) on stdin, print the top three category slugs",
    )
    sub.add_parser(
        "check",
        help="check settings, tokens, staff chats, database, data files and backup folder",
    )
    sub.add_parser("backup", help="back the database up now (into BACKUP_DIR), checked")
    restore = sub.add_parser(
        "restore", help="put a backup in DATABASE_PATH's place (the bot stopped); keeps the old"
    )
    restore.add_argument("file", help="the backup file (khooshe-….db)")
    serve = sub.add_parser("sandbox-server", help="only the loopback Bot API, for a real run")
    serve.add_argument("--flavour", choices=["bale", "telegram"], default="telegram")
    serve.add_argument("--port", type=int, default=8081)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = command_line().parse_args(argv)

    if args.command in ("sandbox", "sandbox-server"):
        from bot.sandbox.terminal import run_console, serve_forever

        try:
            if args.command == "sandbox":
                return asyncio.run(run_console(args.flavour, args.database, args.files, args.bidi))
            return asyncio.run(serve_forever(args.flavour, args.port))
        except KeyboardInterrupt:  # Ctrl-C before the console took it over: a quiet exit
            return 0
    if args.command == "categorize":
        # No token needed: read only the lexicon's location from the settings.
        return categorize_lines(sys.stdin, sys.stdout, _settings().lexicon_file)

    if args.command == "check":
        from bot.check import main as check

        return check()
    if args.command == "backup":
        return _backup(_settings())
    if args.command == "restore":
        return _restore(_settings(), Path(args.file))

    _starting()
    try:
        settings = _settings()
    except BaseException:
        _started()
        raise
    if not settings.platforms():
        _started()
        print(
            "khooshe: no token: set TELEGRAM_TOKEN and/or BALE_TOKEN "
            "(or try `python -m bot sandbox`)",
            file=sys.stderr,
        )
        return 2
    try:
        return asyncio.run(_run(settings))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
