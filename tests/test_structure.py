"""The shape of the code: what may import what."""

from __future__ import annotations

import ast
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


def test_storage_imports_no_telegram() -> None:
    """storage/ is SQL and plain data: no module under it imports PTB, at import time or in
    annotations (SqlitePersistence, the PTB glue, is in bot/persistence.py)."""
    storage = ROOT / "storage"
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in storage.rglob("*.py")
        if path.name != "__init__.py"
    )
    assert "storage.ptb_state" in modules
    named = []
    for module in modules:
        path = ROOT / (module.replace(".", "/") + ".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            named += [f"{module}: {n}" for n in names if n.split(".")[0] == "telegram"]
    assert named == []
    probe = (
        f"import sys, importlib; [importlib.import_module(m) for m in {modules!r}]; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'telegram'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
