"""Every message of every language (fa, az, en), as a Bale member reads it: rendered by the
bale flavour's Markdown (bot/sandbox/markdown.py), it shows exactly what a Telegram member
reads, with no markup taken and no backslash, whatever the escaping setting (issue #21)."""

from __future__ import annotations

import pytest

from bot.app import LOCALES_DIR
from bot.i18n import Locales, Texts
from bot.platforms import adapter
from bot.sandbox.markdown import ZWNJ, render_bale
from bot.settings import BaleEscaping, Platform

LOCALES = Locales.load(LOCALES_DIR)
# Values as members and staff type them, markup characters and all (a "*" in a company's
# name, a snake_case code, a link), and plain numbers for the messages that count.
VALUES: tuple[object, ...] = (2, 0, "x", "*کفش* _آذر_ [سایت](https://ble.ir) `کد` (پرانتز)")


def _messages(lang: str) -> list[tuple[str, set[str]]]:
    return [
        (message_id, variables)
        for message_id, variables in sorted(LOCALES.message_ids(lang).items())
        if "." not in message_id  # attributes are read with their message
    ]


@pytest.mark.parametrize("escaping", list(BaleEscaping))
@pytest.mark.parametrize("lang", LOCALES.languages)
def test_every_message_reads_on_bale_as_on_telegram(lang: str, escaping: BaleEscaping) -> None:
    translator = LOCALES.translator(lang)
    telegram = Texts(translator, adapter(Platform.TELEGRAM).escape)
    bale = Texts(translator, adapter(Platform.BALE, escaping).escape)
    messages = _messages(lang)
    assert len(messages) > 100
    problems = []
    for message_id, variables in messages:
        for value in VALUES:
            values = dict.fromkeys(variables, value)
            sent = bale(message_id, **values)
            shown = render_bale(sent, removes_escapes=escaping is BaleEscaping.BACKSLASH)
            meant = telegram(message_id, **values)
            if shown.markup:
                problems.append(f"{message_id} ({value!r}): markup {shown.markup}")
            if "\\" in shown.text:
                problems.append(f"{message_id} ({value!r}): a backslash in {shown.text!r}")
            if escaping is not BaleEscaping.LOOKALIKE and (
                shown.text.replace(ZWNJ, "") != meant.replace(ZWNJ, "")
            ):
                problems.append(f"{message_id} ({value!r}): {shown.text!r} for {meant!r}")
    assert problems == []


@pytest.mark.parametrize("lang", LOCALES.languages)
def test_messages_alone_need_no_escaping_at_all(lang: str) -> None:
    """Our own words form no Bale markup: whatever the setting, a message without a member's
    text in it reaches Bale unchanged."""
    translator = LOCALES.translator(lang)
    telegram = Texts(translator, adapter(Platform.TELEGRAM).escape)
    bale = Texts(translator, adapter(Platform.BALE, BaleEscaping.BACKSLASH).escape)
    changed = [
        message_id
        for message_id, variables in _messages(lang)
        if bale(message_id, **dict.fromkeys(variables, 2))
        != telegram(message_id, **dict.fromkeys(variables, 2))
    ]
    assert changed == []
