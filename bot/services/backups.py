"""Scheduled backups on the one scheduler: every BACKUP_INTERVAL_HOURS, counted from the newest
backup in the folder, so a bot that restarts often still backs up on time (and one that was
down past its time backs up at start). The work is storage/backup.py's, in a worker thread."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import CallbackContext, JobQueue

from bot.settings import Settings
from storage.backup import BackupError, backups, make_backup

log = logging.getLogger(__name__)

JOB_NAME = "backup"
FIRST_AFTER = 3.0  # seconds: the soonest the first backup runs after start


class ScheduledBackups:
    """Arms the backup job and runs it (one log line whatever happens)."""

    def __init__(
        self,
        settings: Settings,
        on_failure: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.settings = settings
        self._on_failure = on_failure

    async def arm(self, jobs: JobQueue[Any]) -> None:
        """Arm the repeating job on the scheduler (a scheduler hook of the outbox)."""
        for job in jobs.get_jobs_by_name(JOB_NAME):
            job.schedule_removal()
        interval = self.settings.backup_interval_hours * 3600
        if interval <= 0:
            return
        wait = 0.0
        done = await asyncio.to_thread(backups, self.settings.backup_folder)
        if done:
            age = time.time() - done[-1].stat().st_mtime
            wait = max(0.0, interval - age)
        jobs.run_repeating(
            self._fire,
            interval=interval,
            # A first run already past when APScheduler adds the job would be moved a whole
            # interval on: a few seconds ahead, it is sure to run.
            first=datetime.now(UTC) + timedelta(seconds=max(wait, FIRST_AFTER)),
            name=JOB_NAME,
            job_kwargs={"misfire_grace_time": None, "coalesce": True},
        )

    async def _fire(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.run()

    async def run(self) -> Path | None:
        """Make one backup now; the new file, or None (the reason logged in one line)."""
        settings = self.settings
        try:
            path = await asyncio.to_thread(
                make_backup, settings.database_path, settings.backup_folder, settings.backup_keep
            )
        except BackupError as exc:
            log.error("backup failed: %s", exc)
            if self._on_failure is not None:
                await self._on_failure()  # the admins are told (without the details)
            return None
        log.info("backup written: %s", path)
        return path
