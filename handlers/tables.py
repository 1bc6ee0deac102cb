"""Sending an .xlsx table: the one way the staff's exports go out.

Used by the reports export (handlers/staff_lists.py) and a survey's answers (handlers/surveys.py);
`send_columns` by a training's sign-ups (handlers/offering_manage.py) and a broadcast's
undelivered list (handlers/broadcasts.py); `export_pressed` answers the press of those three and
makes their rows, each with its cluster's name. The workbooks themselves come from
bot/services/export.py.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

from telegram import InputFile, Update
from telegram.ext import ExtBot

from bot.context import KhoosheContext
from handlers.keyboards import answer
from storage.clusters import cluster_names


class InCluster(Protocol):
    """A row's source: someone in a cluster."""

    @property
    def cluster_code(self) -> str: ...


Found = TypeVar("Found", bound=InCluster)


async def export_pressed(
    update: Update,
    context: KhoosheContext,
    found: Sequence[Found],
    none_key: str,
    row: Callable[[Found, str], Sequence[Any]],
) -> list[Sequence[Any]] | None:
    """An export button's press: with nothing `found` to export, answered `none_key` (an
    alert) and None; otherwise answered, and the rows: `row(item, its cluster's name)` for
    each item (a cluster without a name in this language shows its code)."""
    if not found:
        await answer(update, context.t(none_key), alert=True)
        return None
    await answer(update)
    names = await cluster_names(context.db, context.t.lang)
    return [row(item, names.get(item.cluster_code, item.cluster_code)) for item in found]


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


async def send_columns(
    context: KhoosheContext,
    chat_id: int,
    columns: Sequence[str],
    table: Iterable[Sequence[Any]],
    *,
    labels: str,
    dated: str,
    filename: str,
    caption: str,
) -> None:
    """Send `table` as an .xlsx whose headers are the locale's `<labels><column>` labels; the
    `dated` column's aware datetimes also get a date-value column (`<labels><dated>_gregorian`).
    """
    # Imported on first use: openpyxl (and numpy under it) is staff-only start-up weight.
    from bot.services.export import Column, table_workbook

    t, tz = context.t, context.settings.tz
    headers = [
        Column(
            t.label(f"{labels}{c}"),
            gregorian=t.label(f"{labels}{c}_gregorian") if c == dated else None,
        )
        for c in columns
    ]
    rows = list(table)
    await send_table(
        context.bot,
        chat_id,
        lambda: table_workbook(headers, rows, t.lang, tz),
        filename,
        caption,
    )
