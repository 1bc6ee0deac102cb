"""Settings parsing and the command line's behaviour without a token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Platform
from tests.conftest import settings_error, settings_of

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:" + "A" * 35


def test_admins_are_parsed_per_platform() -> None:
    settings = settings_of(admins="bale:123, telegram:456;bale:5000000001")
    assert settings.is_admin(Platform.BALE, 123)
    assert settings.is_admin(Platform.BALE, 5_000_000_001)
    assert settings.is_admin(Platform.TELEGRAM, 456)
    assert not settings.is_admin(Platform.TELEGRAM, 123)


@pytest.mark.parametrize("bad", ["123", "whatsapp:1", "bale:abc"])
def test_malformed_admins_are_rejected(bad: str) -> None:
    assert "ADMINS" in settings_error(admins=bad)


def test_platforms_follow_tokens() -> None:
    assert settings_of().platforms() == []
    both = settings_of(telegram_token=TOKEN, bale_token=TOKEN)
    assert both.platforms() == [Platform.BALE, Platform.TELEGRAM]
    assert settings_of(bale_token=TOKEN).base_urls(Platform.BALE) == (
        "https://tapi.bale.ai/bot",
        "https://tapi.bale.ai/file/bot",
    )


def test_malformed_token_error_does_not_echo_the_token() -> None:
    secret = "12345:short"
    message = settings_error(telegram_token=secret)
    assert "TELEGRAM_TOKEN" in message
    assert secret not in message


def _run_bot(env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,  # no .env there
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = _run_bot({}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TELEGRAM_TOKEN" in lines[0] and "Traceback" not in result.stderr


def test_malformed_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = _run_bot({"BALE_TOKEN": "not-a-token"}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "BALE_TOKEN" in lines[0] and "not-a-token" not in lines[0]
