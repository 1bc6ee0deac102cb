"""Phone numbers inside free text: one pattern, for the log redaction (bot/logs.py) and for
keeping numbers out of a report's title, which other units see (bot/services/reports.py).

Reading one typed as an answer (registration, a profile edit) is bot/text.parse_phone's job.
"""

from __future__ import annotations

import re

# Phone numbers in any digits (ASCII, Persian, Arabic-Indic) with the separators people type:
# Iranian mobiles (09…, 9…, 989…, +989…, 00989…) and any +/00 international number. Plain
# user ids (e.g. Bale's 10-digit ones not starting with 9) are left alone.
_D = "[0-9\u06f0-\u06f9\u0660-\u0669]"
_NINE = "[9\u06f9\u0669]"
_ZERO = "[0\u06f0\u0660]"
_S = r"[\s\-.()]?"
_EDGE_L = f"(?<!{_D})"
_EDGE_R = f"(?!{_D})"
_IRAN = (
    f"(?:(?:\\+|{_ZERO}{_ZERO}){_S})?(?:{_NINE}[8\u06f8\u0668]{_S}(?:{_ZERO}{_S})?|{_ZERO}{_S})?"
    f"{_NINE}(?:{_S}{_D}){{9}}"
)
_INTERNATIONAL = f"(?:\\+|{_ZERO}{_ZERO}){_S}{_D}(?:{_S}{_D}){{7,14}}"
PHONE = re.compile(f"{_EDGE_L}(?:{_IRAN}|{_INTERNATIONAL}){_EDGE_R}")


def has_phone(text: str) -> bool:
    """Whether anything in `text` is shaped like a phone number."""
    return PHONE.search(text) is not None


def without_phones(text: str) -> str:
    """`text` with every phone number taken out (and the spaces around it closed up)."""
    return " ".join(PHONE.sub(" ", text).split())
