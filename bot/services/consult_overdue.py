"""The overdue flag on requests for advice: no adviser took or answered one within the
reports' first-response target (FIRST_RESPONSE_DAYS working days, the same holiday calendar,
bot/services/workdays.py), so its core's advisers and the staff are told — once.

A repeating job on the one scheduler (armed through the outbox's scheduler hook, like the
digest and the backups); the flag is set by a conditional UPDATE, so a second run, or a
second process, tells nobody twice. The notices go through the outbox.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from telegram.ext import CallbackContext, JobQueue

from bot.i18n import Texts
from bot.platforms import adapter
from bot.services import notices
from bot.services.notices import Notice
from bot.services.workdays import is_overdue
from bot.settings import Platform
from storage.clock import parse_iso
from storage.clusters import get_place
from storage.consultation_lists import flag_overdue, waiting_unflagged
from storage.consultations import Consultation
from storage.cores import advisers_of, get_core
from storage.members import get_member, get_member_by_id
from storage.roles import holders_of

if TYPE_CHECKING:
    from bot.context import AppState

log = logging.getLogger(__name__)

JOB_NAME = "consult-overdue"
FIRST_AFTER = 5.0


class OverdueWatch:
    """Flags requests nobody acted on in time, on a schedule."""

    def __init__(self, state: AppState) -> None:
        self.state = state

    async def arm(self, jobs: JobQueue[Any]) -> None:
        """Arm the repeating check (a scheduler hook of the outbox)."""
        for job in jobs.get_jobs_by_name(JOB_NAME):
            job.schedule_removal()
        interval = self.state.settings.consult_overdue_check_seconds
        if interval <= 0:
            return
        jobs.run_repeating(
            self._fire,
            interval=interval,
            first=datetime.now(UTC) + timedelta(seconds=FIRST_AFTER),
            name=JOB_NAME,
            job_kwargs={"misfire_grace_time": None, "coalesce": True},
        )

    async def _fire(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.run()

    def _texts(self, lang: str, platform: Platform) -> Texts:
        settings = self.state.settings
        translator = self.state.locales.translator(lang)
        return Texts(translator, adapter(platform, settings.bale_escaping).escape)

    async def run(self, now: datetime | None = None) -> int:
        """Flag and tell every request overdue by `now`; how many were flagged."""
        state, settings = self.state, self.state.settings
        now = now or datetime.now(UTC)
        flagged = 0
        for consultation in await waiting_unflagged(state.db):
            created = parse_iso(consultation.created_at)
            days = settings.first_response_days
            if not is_overdue(created, now, days, state.holidays, settings.tz):
                continue
            if not await flag_overdue(state.db, consultation.id):
                continue
            flagged += 1
            owed = await self._notices(consultation)
            key = notices.event_key("consultation", consultation.id, "overdue")
            await notices.queue(
                state.db, settings.platforms(), Platform(consultation.platform), key, owed
            )
        if flagged:
            log.warning("%d request(s) for advice flagged overdue", flagged)
            state.outbox.wake()
        return flagged

    async def _notices(self, consultation: Consultation) -> list[Notice]:
        """The core's advisers (and its group), and staff: the staff group of the platform
        the member asked on, or, without one, its admins and staff privately."""
        state, settings = self.state, self.state.settings
        db = state.db
        core = await get_core(db, consultation.core_id)
        member = await get_member_by_id(db, consultation.member_id)
        cluster = await get_place(db, "cluster", consultation.cluster_code)
        chats: dict[tuple[Platform, int], str] = {}
        for adviser in await advisers_of(db, consultation.core_id):
            person = await get_member(db, adviser.platform, adviser.user_id)
            chats[(Platform(adviser.platform), adviser.user_id)] = (
                person.language if person else "fa"
            )
        if core is not None and core.group_platform and core.group_chat_id is not None:
            chats[(Platform(core.group_platform), core.group_chat_id)] = "fa"
        platform = Platform(consultation.platform)
        group = settings.staff_chat_id(platform)
        if group is not None:
            chats[(platform, group)] = "fa"
        else:
            people = sorted(settings.admins.get(platform, frozenset()))
            people += await holders_of(db, platform.value, "staff")
            for user_id in people:
                person = await get_member(db, platform.value, user_id)
                chats.setdefault((platform, user_id), person.language if person else "fa")
        owed = []
        for (where, chat_id), lang in chats.items():
            t = self._texts(lang, where)
            owed.append(
                Notice(
                    where,
                    chat_id,
                    t(
                        "consult-overdue",
                        code=t.digits(consultation.code),
                        core=core.name if core else "—",
                        name=member.name if member else "—",
                        cluster=cluster.name(lang) if cluster else consultation.cluster_code,
                        days=settings.first_response_days,
                    ),
                )
            )
        return owed
