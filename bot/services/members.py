"""Rules for what a member may type into their profile."""

from __future__ import annotations

import unicodedata
from typing import Any

from bot.text import fold_digits, normalized
from storage.members import EDITABLE_FIELDS, JOB_ROLES, NewMember
from storage.rows import from_row

NAME_MAX = 60
COMPANY_MAX = 100
# Offered in this order (Persian first); each has a locales/<code> folder.
LANGUAGES = ("fa", "az", "en")


class FieldError(ValueError):
    """Input that cannot fill a field; `key` is the message id that explains why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _letters(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch).startswith("L"))


async def _clean_words(text: str, longest: int, too_long: str, invalid: str) -> str:
    """Normalised text of at most `longest` characters with two letters or more; the message
    ids say what was wrong."""
    # Length is judged on what was typed: the normaliser shortens runs of repeated letters.
    if len(text.strip()) > longest:
        raise FieldError(too_long)
    value = await normalized(text)
    if len(value) > longest:
        raise FieldError(too_long)
    if _letters(value) < 2:
        raise FieldError(invalid)
    return value


async def clean_name(text: str) -> str:
    """A person's name: letters required, 2–60 characters after normalising."""
    return await _clean_words(text, NAME_MAX, "form-name-too-long", "form-name-invalid")


async def clean_company(text: str) -> str:
    """A company or unit name: 2–100 characters, not only digits or symbols."""
    return await _clean_words(text, COMPANY_MAX, "form-company-too-long", "form-company-invalid")


def local_phone(e164: str) -> str:
    """How Iranians write their own mobile number (09…); foreign numbers stay E.164."""
    return "0" + e164[3:] if e164.startswith("+98") else e164


def new_member(draft: dict[str, Any]) -> NewMember:
    """Turn a completed registration draft into a member to store."""
    missing = [f for f in REGISTER_ORDER if f not in draft]
    if missing:
        raise FieldError("form-incomplete")
    if draft["job_role"] not in JOB_ROLES:
        raise FieldError("form-incomplete")
    # The draft's keys are the member's field names (its language may be missing: Persian).
    return from_row(NewMember, draft, phone_verified=bool(draft.get("phone_verified", False)))


def digits_only(text: str) -> str:
    """Fold any digits to ASCII and drop everything else (for ids typed by admins)."""
    return "".join(ch for ch in fold_digits(text) if ch.isdigit())


# Profile fields, in the order the registration form asks them (storage names the columns).
NAME, COMPANY, CLUSTER, ESTATE, PHONE, JOB_ROLE, LANGUAGE = EDITABLE_FIELDS
REGISTER_ORDER = (NAME, COMPANY, CLUSTER, ESTATE, PHONE, JOB_ROLE)
EDITABLE = EDITABLE_FIELDS
