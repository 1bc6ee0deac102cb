"""The two flavours the sandbox answers as (Telegram, Bale), their limits, Bale's errors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

FlavourName = Literal["telegram", "bale"]


MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_DOWNLOAD = 20 * 1024 * 1024
# What Bale was seen answering (docs/bale.md), for ``inject(error=..., description=...)``.
BALE_ERRORS: dict[str, tuple[int, str]] = {
    "bot_limit": (400, "Bad Request: bot limit exceed"),
    "local_rate_limited": (400, "local_rate_limited"),
    "unknown_chat": (400, "Bad Request: no such group or user"),
    # Old clients' callback queries may not be answerable.
    "old_query": (400, "Bad Request: QUERY_ID_INVALID"),
}


@dataclass(frozen=True)
class FlavourRules:
    """How one platform's Bot API differs from the common shape.

    The ``updates_*`` and ``callback_*`` fields shape only what getUpdates delivers; method
    results (sendMessage etc.) keep Telegram's full shape on every flavour.
    """

    name: str
    accepts_parse_mode: bool
    updates_have_is_bot: bool
    updates_have_date: bool
    callback_has_chat_instance: bool
    get_me_has_is_bot: bool
    has_command_menu: bool
    honours_reply_parameters: bool
    chat_not_found: tuple[int, str]
    first_user_id: int
    first_group_id: int
    legacy_forward_fields: bool
    strict_reply_target: bool  # 400 when the message replied to doesn't exist
    renders_markdown: bool = False  # every message's text is read as Markdown
    edit_answers_stub: bool = False  # editMessage* answers message_id 0 and no text
    has_supergroups: bool = True
    # setWebhook's secret_token comes back as the X-Telegram-Bot-Api-Secret-Token header.
    webhook_secret_header: bool = True


TELEGRAM = FlavourRules(
    name="telegram",
    accepts_parse_mode=True,
    updates_have_is_bot=True,
    updates_have_date=True,
    callback_has_chat_instance=True,
    get_me_has_is_bot=True,
    has_command_menu=True,
    honours_reply_parameters=True,
    chat_not_found=(400, "Bad Request: chat not found"),
    first_user_id=100_001,
    first_group_id=-1_000_001,
    legacy_forward_fields=False,
    strict_reply_target=True,
)
# See docs/bale.md: what the live service answers (2024-2026), written as where it differs
# from Telegram. Fields it was once thought to omit (is_bot, date, chat_instance) are there;
# drop_fields() takes them away again to test the repairs. It has no parse_mode parameter
# but ignores it, and renders its Markdown anyway.
BALE = replace(
    TELEGRAM,
    name="bale",
    has_command_menu=False,
    honours_reply_parameters=False,
    chat_not_found=BALE_ERRORS["unknown_chat"],
    # Above 2**32, so 64-bit id handling is exercised.
    first_user_id=5_000_000_001,
    first_group_id=-6_000_000_001,
    legacy_forward_fields=True,
    # Unknown what Bale answers; be lenient rather than invent an error.
    strict_reply_target=False,
    renders_markdown=True,
    edit_answers_stub=True,
    has_supergroups=False,
    # Bale documents only `url` for setWebhook (docs/bale.md): no secret header.
    webhook_secret_header=False,
)
FLAVOURS: dict[str, FlavourRules] = {"telegram": TELEGRAM, "bale": BALE}
