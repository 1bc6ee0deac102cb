"""Sending an .xlsx table: the one way the staff's exports go out.

Used by the reports export (handlers/staff_lists.py), a training's sign-ups
(handlers/offering_manage.py) and a broadcast's undelivered list (handlers/broadcasts.py); the
workbooks themselves come from bot/services/export.py.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import Any

from telegram import InputFile
from telegram.ext import ExtBot


async def send_table(
    bot: ExtBot[Any], chat_id: int, build: Callable[[], bytes], filename: str, caption: str
) -> None:
    """Build a workbook with `build` and send it to `chat_id` as `filename`.

    Building a large workbook takes seconds of CPU, so it runs in a thread: every other chat
    keeps getting answers meanwhile.
    """
    data = await asyncio.to_thread(build)
    await bot.send_document(
        chat_id, InputFile(io.BytesIO(data), filename=filename), caption=caption
    )
