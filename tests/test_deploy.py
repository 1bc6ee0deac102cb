"""The systemd unit in deploy/ and the README's service section agree, and systemd accepts the
unit (where `systemd-analyze` is installed)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

UNIT = ROOT / "deploy" / "khooshe.service"


def _unit() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_the_unit_runs_the_bot_from_the_folder_the_readme_installs_into() -> None:
    service = _unit()["Service"]
    folder = service["WorkingDirectory"]
    assert service["ExecStart"] == f"{folder}/.venv/bin/python -m bot"
    assert service["Restart"] == "always" and service["KillSignal"] == "SIGTERM"
    assert service["StateDirectory"] == "khooshe"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running as a service", 1)[1].split("\n## ", 1)[0]
    for needed in (
        folder,
        f"{folder}/.env",
        "DATABASE_PATH=/var/lib/khooshe/khooshe.db",  # the state directory
        "deploy/khooshe.service",
        "python -m bot check",
        "python -m bot backup",
        "python -m bot restore",
        "journalctl -u khooshe",
    ):
        assert needed in section, needed


def test_the_unit_gives_python_a_bytecode_cache_it_may_write() -> None:
    """The code is read-only to the service: compiled modules go to its cache directory, or
    every start compiles the whole bot again (issue 14)."""
    service = _unit()["Service"]
    text = UNIT.read_text(encoding="utf-8")
    (prefix,) = [
        line.split("=", 2)[2]
        for line in text.splitlines()
        if line.startswith("Environment=PYTHONPYCACHEPREFIX=")
    ]
    assert service["ProtectSystem"] == "strict"
    assert prefix.startswith(f"/var/cache/{service['CacheDirectory']}/")
    assert "PYTHONDONTWRITEBYTECODE" not in text


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    # Everything as shipped except the paths, which exist only on a server.
    text = (
        UNIT.read_text(encoding="utf-8")
        .replace("/opt/khooshe/.venv/bin/python", sys.executable)
        .replace("WorkingDirectory=/opt/khooshe", f"WorkingDirectory={tmp_path}")
    )
    unit = tmp_path / "khooshe.service"
    unit.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(unit)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
