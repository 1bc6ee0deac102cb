"""Files members attached to reports, as staff see them: listed, counted, carried across
platforms (a file id only means something on the platform that gave it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.queries import platform_file_id, remember_platform_file_id

# The order kinds are counted in, on cards, in the full view and in the export.
KINDS = ("photo", "document", "voice")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A stored file of a report (at filing or with a follow-up)."""

    id: int
    report_id: int
    platform: str
    kind: str
    file_id: str
    file_name: str | None
    added_at: str


async def report_attachments(db: aiosqlite.Connection, report_id: int) -> list[Attachment]:
    """A report's files in the order they were added."""
    async with db.execute(
        "SELECT id, report_id, platform, kind, file_id, file_name, added_at "
        "FROM report_attachments WHERE report_id = ? ORDER BY id",
        (report_id,),
    ) as cursor:
        return [
            Attachment(
                id=row["id"],
                report_id=row["report_id"],
                platform=row["platform"],
                kind=row["kind"],
                file_id=row["file_id"],
                file_name=row["file_name"],
                added_at=row["added_at"],
            )
            for row in await cursor.fetchall()
        ]


async def attachment_counts(
    db: aiosqlite.Connection, report_ids: Sequence[int]
) -> dict[int, dict[str, int]]:
    """{report id: {kind: count}} for the reports that have files (in KINDS order)."""
    if not report_ids:
        return {}
    found: dict[int, dict[str, int]] = {}
    # In chunks: SQLite caps the number of parameters of one statement.
    for start in range(0, len(report_ids), 500):
        chunk = list(report_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        async with db.execute(
            "SELECT report_id, kind, COUNT(*) AS n FROM report_attachments "
            f"WHERE report_id IN ({marks}) GROUP BY report_id, kind",
            chunk,
        ) as cursor:
            for row in await cursor.fetchall():
                found.setdefault(int(row["report_id"]), {})[str(row["kind"])] = int(row["n"])
    return {
        report_id: {kind: counts[kind] for kind in KINDS if kind in counts}
        for report_id, counts in found.items()
    }


async def kinds_of(db: aiosqlite.Connection, report_id: int) -> dict[str, int]:
    """{kind: count} of one report's files (empty when it has none)."""
    return (await attachment_counts(db, [report_id])).get(report_id, {})


async def file_id_on(
    db: aiosqlite.Connection, attachment: Attachment, platform: str
) -> str | None:
    """The attachment's file id on a platform, once it exists there."""
    if attachment.platform == platform:
        return attachment.file_id
    return await platform_file_id(
        db, "report_attachment_files", "attachment_id", attachment.id, platform
    )


async def remember_file_id(
    db: aiosqlite.Connection, attachment_id: int, platform: str, file_id: str
) -> None:
    """Keep the file id the first upload on another platform produced."""
    await remember_platform_file_id(
        db, "report_attachment_files", "attachment_id", attachment_id, platform, file_id
    )
