"""aiohttp is the sandbox's alone (the [sandbox] and [test] extras): the bot runs without it,
and the sandbox commands say in one line how to get it."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from tests.conftest import ROOT

# Python's own way to make an import fail: a None in sys.modules, as if it were not installed.
WITHOUT_AIOHTTP = "import sys; sys.modules['aiohttp'] = None; "


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_AIOHTTP + code],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_bot_and_its_commands_import_without_aiohttp() -> None:
    done = _python(
        "import bot.__main__, bot.app, bot.check, handlers, storage.backup; print('imported')"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported"


def test_the_sandbox_without_aiohttp_says_how_to_get_it() -> None:
    for command in ("sandbox", "sandbox-server"):
        done = _python(f"from bot.__main__ import main; raise SystemExit(main([{command!r}]))")
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [
            "the sandbox needs aiohttp: .venv/bin/pip install -e '.[sandbox]'"
        ]


def test_aiohttp_is_only_in_the_extras() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [d for d in project["dependencies"] if d.startswith("aiohttp")]
    extras = project["optional-dependencies"]
    assert [d for d in extras["sandbox"] if d.startswith("aiohttp")] == ["aiohttp>=3.9,<4"]
    assert [d for d in extras["test"] if d.startswith("aiohttp")] == ["aiohttp>=3.9,<4"]
