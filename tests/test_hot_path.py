"""What keeps a peak minute cheap: a member's unchanged form data is not written again after
every tap (the transport's share: tests/test_transport.py)."""

from __future__ import annotations

import aiosqlite

from bot.persistence import SqlitePersistence
from storage.queries import fetch_one


async def test_unchanged_user_data_is_not_written_again(db: aiosqlite.Connection) -> None:
    persistence = SqlitePersistence(db, "telegram", 1.0)
    await persistence.get_user_data()

    async def row(user_id: int) -> str | None:
        found = await fetch_one(
            db,
            "SELECT data FROM ptb_user_data WHERE platform = 'telegram' AND user_id = ?",
            (user_id,),
        )
        return str(found[0]) if found else None

    before = db.total_changes
    await persistence.update_user_data(5, {})  # a member who only asked for /help
    assert db.total_changes == before and await row(5) is None

    data = {"form": {"draft": {"name": "علی"}}}
    await persistence.update_user_data(5, data)
    assert await row(5) is not None and "علی" in str(await row(5))
    written = db.total_changes
    await persistence.update_user_data(5, data)
    assert db.total_changes == written  # the same again: nothing written

    # PTB hands the same dict back, changed in place: the change is seen and written.
    data["form"]["draft"]["name"] = "مریم"
    await persistence.update_user_data(5, data)
    assert "مریم" in str(await row(5))

    # A form's own write (save_now) counts as written; clearing the draft deletes the row.
    await persistence.save_now(5, {"form": {"step": "phone"}}, "member_form", (5, 5), "phone")
    saved = db.total_changes
    await persistence.update_user_data(5, {"form": {"step": "phone"}})
    assert db.total_changes == saved
    await persistence.update_user_data(5, {})
    assert await row(5) is None


async def test_rows_already_stored_at_start_are_known(db: aiosqlite.Connection) -> None:
    first = SqlitePersistence(db, "bale", 1.0)
    await first.get_user_data()
    await first.update_user_data(9, {"form": {"draft": {"company": "کاشی تبریز"}}})
    # A restart: the new persistence reads the row, so the same data is not rewritten, and a
    # cleared draft is still deleted.
    second = SqlitePersistence(db, "bale", 1.0)
    stored = await second.get_user_data()
    before = db.total_changes
    await second.update_user_data(9, stored[9])
    assert db.total_changes == before
    await second.update_user_data(9, {})
    assert await second.get_user_data() == {}
