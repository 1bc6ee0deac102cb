"""What starting the bot loads: only what every update needs (issue 14's lean start-up).

Spreadsheets, charts, calendar files and hazm's language tables serve staff commands, weekly
jobs and the first report; each is imported where it is first used, so `python -m bot` starts
polling without them.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from tests.conftest import ROOT

# Top-level packages that start-up must not import (and what pulls each in when used).
LATER = {
    "openpyxl": "exports (bot.services.export)",
    "numpy": "openpyxl's optional numeric types",
    "PIL": "digest and survey charts",
    "matplotlib": "the charts' font only",
    "icalendar": ".ics files for trainings and sessions",
    "hazm": "the categoriser, warmed in a thread once polling runs",
    "nltk": "hazm's package __init__ (never imported: bot/hazm_parts.py)",
    "scipy": "hazm's package __init__",
    "sklearn": "hazm's package __init__",
    "aiohttp_socks": "a socks5:// proxy (bot/transport.py)",
    "python_socks": "a socks5:// proxy",
}

# Our own modules that start-up must not import either.
OURS_LATER = {
    "bot.services.when": "the Jalali moment parser, when staff first type a date",
    "bot.services.when_tokens": "its lexicon and patterns",
}


def test_start_up_imports_nothing_only_staff_or_weekly_work_needs() -> None:
    """Importing the bot and its entry point loads none of LATER (a handler that imports
    openpyxl at module level, as one did, fails here)."""
    probe = (
        "import sys, bot.app, bot.__main__; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(LATER)!r}"
        f" | set(sys.modules) & {set(OURS_LATER)!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("env", "code"),
    [({}, 2), ({"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_RATE_LIMIT": "not a number"}, 2)],
    ids=["no token", "bad setting"],
)
def test_garbage_collection_resumes_when_start_up_ends(
    env: dict[str, str], code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m bot` starts without the cyclic collector (bot/__main__.py _starting) and
    turns it back on however the start ends; a start that stopped early must not leave a
    process that never collects. (A start that polls ends the same way: _run's finally.)"""
    for name in ("TELEGRAM_TOKEN", "BALE_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # no .env file
    try:
        try:
            assert main([]) == code
        except SystemExit as exit:
            assert exit.code == code
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
