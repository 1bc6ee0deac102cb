"""Advisory cores in the weekly digest (issue 17): a member's open requests, and for staff a
section with each core's week."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.i18n import Texts
from bot.services.digest.member import shorten
from storage.consultation_lists import CoreFigures
from storage.consultations import Consultation

MAX_LINES = 5


def member_block(t: Texts, open_requests: Sequence[Consultation]) -> str | None:
    """«💡 درخواست‌های مشاوره باز شما: …», or None without any."""
    if not open_requests:
        return None
    lines = [t("digest-consult-member", count=len(open_requests))]
    lines += [
        t(
            "digest-consult-member-line",
            code=t.digits(c.code),
            summary=shorten(c.summary),
            status=t(f"consult-status-{c.status}"),
        )
        for c in open_requests[:MAX_LINES]
    ]
    return "\n".join(lines)


def staff_block(t: Texts, figures: Sequence[CoreFigures], new: Mapping[int, int]) -> str | None:
    """One line per core: new this week, open now, first-answer time, sessions, rating."""
    if not figures:
        return None
    lines = [t("digest-consult-staff")]
    for f in figures:
        hours = f.first_answer_hours
        lines.append(
            t(
                "digest-consult-staff-line",
                core=f.name,
                new=new.get(f.core_id, 0),
                open=f.open,
                hours=t.number(round(hours)) if hours is not None else "—",
                held=f.sessions_held,
                rating=t.digits(f"{f.rating:.1f}") if f.rating is not None else "—",
            )
        )
    return "\n".join(lines)
