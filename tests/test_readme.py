"""The README's commands, checked as a newcomer would follow them.

CI runs the README's test command itself on a fresh clone (.ci/run reads it from the README),
which installs the project into a fresh virtualenv from the package index. Without a network
these tests check the rest: every command is one this repository has, every `python` is the
virtualenv's, and the sandbox command, run on a clean copy of the repository, works.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.__main__ import command_line
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
VENV_PYTHON = ".venv/bin/python"


def _blocks(heading: str | None = None) -> list[list[str]]:
    """The sh code blocks (under one ``## heading``, or all), as lists of commands."""
    text = README
    if heading is not None:
        start = README.index(f"\n## {heading}")
        end = README.find("\n## ", start + 1)
        text = README[start : end if end != -1 else None]
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    return [_commands(block) for block in blocks]


def _commands(block: str) -> list[str]:
    joined = block.replace("\\\n", " ")
    commands: list[str] = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            commands.extend(part.strip() for part in line.split("&&"))
    return commands


def _words(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        words.pop(0)  # VARIABLE=value before the command
    return words


def test_set_up_is_a_virtualenv_and_the_sandbox() -> None:
    steps = [c for block in _blocks("Try it: two commands") for c in block]
    assert steps[0] == "sudo apt-get install -y python3.11-venv"
    assert steps[1:] == [
        "python3.11 -m venv .venv",
        ".venv/bin/pip install -e .",
        f"{VENV_PYTHON} -m bot sandbox",
    ]
    section = README[README.index("## Try it") : README.index("### A walk")]
    assert "Python 3.11" in section and "3.12" in section  # said where set-up starts


def test_python_version_the_readme_names_is_the_one_pyproject_requires() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11,<3.12"
    assert "not in '<3.12,>=3.11'" in README  # pip's words on 3.12, quoted in the README
    assert "test" in project["optional-dependencies"]  # .[test]


def test_every_command_uses_the_virtualenv_and_exists() -> None:
    parser = command_line()
    seen_bot = 0
    for block in _blocks():
        for command in block:
            words = _words(command)
            program = words[0]
            # Debian has no `python`, and its system pip refuses to install (PEP 668).
            assert program not in ("python", "python3", "pip", "pip3"), command
            if program == VENV_PYTHON and words[1] == "-m":
                module = words[2]
                if module == "bot":
                    args = [w for w in words[3:] if w not in ("<", "texts.txt")]
                    parser.parse_args(args)  # SystemExit on a command `bot` does not have
                    seen_bot += 1
                elif module.startswith("benchmarks."):
                    path = ROOT / (module.replace(".", "/") + ".py")
                    assert path.exists(), command
                else:
                    assert module == "pytest", command
    assert seen_bot >= 4


def test_benchmark_commands_in_the_prose_exist() -> None:
    for module in re.findall(r"`\.venv/bin/python -m (benchmarks\.\w+)", README):
        assert (ROOT / (module.replace(".", "/") + ".py")).exists(), module


def test_links_point_inside_the_repository() -> None:
    assert "../shared" not in README
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README):
        if "://" not in target and "…" not in target:
            assert (ROOT / target).exists(), target


def test_ci_runs_the_test_command_written_in_the_readme() -> None:
    (test_block,) = _blocks("Test")
    printed = subprocess.run(
        ["bash", str(ROOT / ".ci" / "run"), "--print"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert _commands(printed) == test_block
    assert test_block == [
        "python3.11 -m venv .venv",
        ".venv/bin/pip install -e '.[test]'",
        f"{VENV_PYTHON} -m pytest -n 4",
    ]


def _clean_copy(target: Path) -> Path:
    """The repository's files as a fresh clone has them (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout to copy")
async def test_the_sandbox_command_runs_on_a_clean_copy(tmp_path: Path) -> None:
    copy = await asyncio.to_thread(_clean_copy, tmp_path / "khooshe")
    steps = [c for block in _blocks("Try it: two commands") for c in block]
    words = _words(steps[-1])
    assert words[0] == VENV_PYTHON
    # This interpreter stands for the virtualenv's (installing one needs the package index);
    # the code and data are the copy's own, found from the copy's folder as in a checkout.
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, *words[1:], cwd=copy, env={**env, "PYTHONPATH": str(copy)},
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(b"/start\n:quit\n"), 120)
    assert process.returncode == 0, stderr.decode()
    output = stdout.decode()
    assert "-- you are member (id 5000000001) on bale" in output  # as the walk-through says
    assert "نام و نام خانوادگی" in output, output[-2000:]
    assert (copy / "data" / "sandbox.db").exists()
