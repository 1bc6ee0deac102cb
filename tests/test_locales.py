"""Every message id the code uses exists in fa and en, with the same variables."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.app import COMMANDS, LOCALES_DIR
from bot.i18n import Locales
from bot.services.members import EDITABLE, LANGUAGES
from bot.services.reports import CATEGORIES
from bot.services.when import WhenErrorCode
from bot.settings import PROJECT_ROOT, Platform
from storage.members import JOB_ROLES
from storage.offerings import KINDS
from storage.roles import STAFF_ROLES

REPORT_STATUSES = (
    "new", "in_review", "referred", "resolved", "closed", "rejected", "merged", "withdrawn",
)  # fmt: skip
ID = re.compile(r"^[a-z][a-z0-9_]*(?:-[a-z0-9_]+)+$")
# Encodings, CLI sub-commands, and the date parser's error codes (ids are "when-error-<code>").
NOT_IDS = {"utf-8", "utf-8-sig", "utf-16-le", "sandbox-server"} | {c.value for c in WhenErrorCode}
CODE_DIRS = ("bot", "handlers")


def _code_files() -> list[Path]:
    files = []
    for folder in CODE_DIRS:
        files += [p for p in (PROJECT_ROOT / folder).rglob("*.py") if "sandbox" not in p.parts]
    return files


def _literal_ids_and_prefixes() -> tuple[set[str], set[str]]:
    ids: set[str] = set()
    prefixes: set[str] = set()
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                first = node.values[0] if node.values else None
                if (
                    isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                    and re.fullmatch(r"[a-z][a-z0-9_-]*-", first.value)
                ):
                    prefixes.add(first.value)
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ID.match(node.value)
                and node.value not in NOT_IDS
            ):
                ids.add(node.value)
    return ids, prefixes


@pytest.fixture(scope="module")
def locales() -> Locales:
    return Locales.load(LOCALES_DIR)


def test_fa_and_en_have_the_same_ids_and_variables(locales: Locales) -> None:
    fa, en = locales.message_ids("fa"), locales.message_ids("en")
    assert sorted(set(fa) ^ set(en)) == []
    different = {k: (fa[k], en[k]) for k in fa if fa[k] != en[k]}
    assert different == {}


def test_every_id_in_code_exists(locales: Locales) -> None:
    ids, prefixes = _literal_ids_and_prefixes()
    known = set(locales.message_ids("fa"))
    assert len(ids) > 50  # the scan itself works
    assert sorted(ids - known) == []
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in known), prefix


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("job-role-", JOB_ROLES),
        ("language-", LANGUAGES),
        ("field-", EDITABLE),
        ("role-", STAFF_ROLES),
        ("platform-", tuple(p.value for p in Platform)),
        ("command-", COMMANDS),
        ("category-", CATEGORIES),
        ("report-status-", REPORT_STATUSES),
        ("when-error-", tuple(c.value for c in WhenErrorCode)),
        ("delivery-status-", ("failed", "blocked", "left")),
        (
            "failed-col-",
            ("name", "company", "cluster", "platform", "phone", "status", "error", "tried"),
        ),
        ("scheduled-media-", ("photo", "document")),
        ("offering-kind-", KINDS),
    ],
)
def test_dynamic_id_families_are_complete(
    locales: Locales, prefix: str, values: tuple[str, ...]
) -> None:
    known = set(locales.message_ids("fa"))
    assert sorted(f"{prefix}{v}" for v in values if f"{prefix}{v}" not in known) == []


# Helpers that add variables of their own before translating.
SUPPLIED_BY: dict[str, set[str | None]] = {
    "announce_update": {"code"},
    "member_notices": {"code"},
    # Advisory cores (handlers/consult_advise.py, handlers/consult_cards.py).
    "tell_member": {"code"},
    "tell_advisers": {"code"},
}


def test_calls_pass_every_variable_a_message_needs(locales: Locales) -> None:
    """A translation call (or any call passing keywords) must supply all the variables.

    Calls that hand an id on positionally with no keywords (an exception carrying a key, a
    helper that translates later) are not judged here.
    """
    needs = locales.message_ids("fa")
    missing = []
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or any(k.arg is None for k in node.keywords):
                continue  # **kwargs: cannot tell statically
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            given = {k.arg for k in node.keywords} | SUPPLIED_BY.get(name, set())
            if not given and name not in {"t", "label"}:
                continue
            for arg in node.args:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and arg.value in needs
                ):
                    lacking = needs[arg.value] - given
                    if lacking:
                        missing.append(f"{path.name}:{node.lineno} {arg.value} lacks {lacking}")
    assert missing == []
