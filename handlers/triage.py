"""Staff side of reports. So far: new reports reach the staff group and the cluster's agents.

Triage buttons (take, status, category, outside body, merge), replies relayed to members and
staff lists come next (issue 3); this module is where they belong.
"""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from bot.context import KhoosheContext
from bot.text import persian_digits
from storage.clusters import get_place
from storage.members import get_member, get_member_by_id
from storage.reports import Report, coreporter_count
from storage.roles import agents_of_cluster

log = logging.getLogger(__name__)

EXCERPT_CHARS = 800


async def _card(context: KhoosheContext, report: Report, lang: str) -> str:
    t = context.texts_for(lang)
    cluster = await get_place(context.db, "cluster", report.cluster_code)
    reporter = await get_member_by_id(context.db, report.member_id)
    description = report.description
    if len(description) > EXCERPT_CHARS:
        description = description[:EXCERPT_CHARS] + "…"
    return t(
        "triage-new-report",
        code=persian_digits(report.code) if lang == "fa" else report.code,
        cluster=cluster.name(lang) if cluster else report.cluster_code,
        category=t(f"category-{report.category}"),
        urgency=t("report-urgent" if report.urgent else "report-normal"),
        summary=report.summary,
        description=description,
        units=await coreporter_count(context.db, report.id) + 1,
        # Staff follow reports up with the unit, so they see who filed it (not the phone:
        # a staff group can be large; the number stays in the member's profile).
        reporter=reporter.name if reporter else "—",
        company=reporter.company if reporter else "—",
    )


async def announce_new_report(context: KhoosheContext, report: Report) -> int:
    """Tell the staff group and the cluster's agents; return how many chats were told.

    Best effort: the report is already stored and the member already has their code, so a
    delivery failure is logged, never raised.
    """
    targets: list[tuple[int, str]] = []
    group = context.settings.staff_chat_id(context.platform)
    if group is not None:
        targets.append((group, "fa"))
    for user_id in await agents_of_cluster(context.db, context.platform, report.cluster_code):
        agent = await get_member(context.db, context.platform, user_id)
        targets.append((user_id, agent.language if agent else "fa"))
    told = 0
    for chat_id, lang in targets:
        try:
            await context.bot.send_message(chat_id, await _card(context, report, lang))
            told += 1
        except TelegramError as exc:
            log.warning(
                "report %s not announced to a staff chat (%s)", report.id, exc.__class__.__name__
            )
    return told
