"""The shape of the code: what may import what."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_roles_and_buttons_are_plain_code() -> None:
    """Roles and the button catalogue are checked without PTB: importing them loads none of it
    (PTB's types are only named in annotations)."""
    probe = (
        "import sys, bot.roles, bot.callbacks; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'telegram'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
