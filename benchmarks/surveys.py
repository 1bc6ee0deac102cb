"""A province-wide survey's results: reading, adding up, the chart and the workbook.

Run by hand: `python -m benchmarks.surveys [--members 5000]`. A survey of the technological
needs template (six questions of four kinds) is stored with one complete answer set per member
(through storage/) in a temp database; then the staff's «📊 نتیجه» and «📥 اکسل» work is timed
step by step: reading every answer set, adding them up, the free-text themes, the chart and the
.xlsx. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import LOCALES_DIR
from bot.i18n import Locales, Texts
from bot.services import surveys as service
from bot.services.digest.themes import themes
from bot.services.export import Column, table_workbook
from bot.services.places import seed_places
from bot.services.survey_chart import ChartWords, render_results_chart
from bot.settings import PROJECT_ROOT
from storage.db import connect
from storage.digest import NewReportText
from storage.members import NewMember, register_member
from storage.outbox import Audience
from storage.surveys import NewSurvey, Value, answer_sets, create_survey, get_survey, save_answer

CLUSTERS = ("furniture", "leather_shoes", "auto_parts")
TEXTS = (
    "به نرم‌افزار حسابداری و انبار نیاز داریم",
    "دستگاه برش لیزری برای کارگاه لازم است",
    "نیروی متخصص برای اتوماسیون پیدا نمی‌شود",
    "وام برای خرید دستگاه نو نمی‌دهند",
)


async def main(members: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="khooshe-survey-bench-"))
    db = await connect(folder / "khooshe.db")
    try:
        await seed_places(db, PROJECT_ROOT / "data" / "clusters.csv")
        t = Texts(Locales.load(LOCALES_DIR).translator("fa"), lambda s: s)
        now = datetime.now(UTC)
        survey_id, _ = await create_survey(
            db,
            NewSurvey(
                "نیازهای فناوری", Audience(), now - timedelta(minutes=1), now + timedelta(days=7),
                "staff:bench", "bench", tuple(service.template_questions(t, "tech_needs")),
            ),
        )  # fmt: skip
        survey = await get_survey(db, survey_id)
        assert survey is not None
        rng = random.Random(7)
        started = time.perf_counter()
        for i in range(members):
            cluster = CLUSTERS[i % len(CLUSTERS)]
            new = NewMember(f"عضو {i}", f"واحد {i}", cluster, None, "+989120000000", True, "owner")
            member, _ = await register_member(db, "bale", 10_000 + i, 10_000 + i, new)
            for question in survey.questions:
                value: Value
                if question.kind == "multi":
                    value = sorted(rng.sample(range(len(question.options)), 2))
                elif question.kind == "single":
                    value = rng.randrange(len(question.options))
                elif question.kind == "number":
                    value = rng.randrange(10, 5000)
                else:
                    value = rng.choice(TEXTS)
                await save_answer(
                    db, survey_id, question.id, member.id, cluster, value, len(survey.questions)
                )
        print(f"stored {members} answer sets in {time.perf_counter() - started:.1f} s")
        await _time(t, survey_id, db)
    finally:
        await db.close()


async def _time(t: Texts, survey_id: int, db: object) -> None:
    import aiosqlite

    assert isinstance(db, aiosqlite.Connection)
    survey = await get_survey(db, survey_id)
    assert survey is not None
    started = time.perf_counter()
    sets = await answer_sets(db, survey_id)
    read = time.perf_counter() - started
    started = time.perf_counter()
    found = service.results(survey, sets)
    added = time.perf_counter() - started
    texts = [NewReportText(c, x) for r in found.questions for c, x in r.texts]
    started = time.perf_counter()
    themes(texts)
    themed = time.perf_counter() - started
    charted = [r for r in found.questions if r.question.kind in ("single", "multi", "scale")]
    bars = {r.question.id: [(r.label(t, o), r.counts[o]) for o in r.options()] for r in charted}
    titles = {r.question.id: r.question.text[:60] for r in charted}
    started = time.perf_counter()
    png = render_results_chart(bars, titles, ChartWords("نیازهای فناوری", t.digits))
    drawn = time.perf_counter() - started
    columns = [Column("واحد"), Column("خوشه"), *(Column(q.text[:60]) for q in survey.questions)]
    rows = [
        (s.company, s.cluster_code, *(str(s.answers.get(q.id, "")) for q in survey.questions))
        for s in sets
    ]
    started = time.perf_counter()
    workbook = table_workbook(columns, rows, "fa", ZoneInfo("Asia/Tehran"))
    written = time.perf_counter() - started
    print(f"read {len(sets)} answer sets: {read * 1000:.0f} ms")
    print(f"added up: {added * 1000:.0f} ms")
    print(f"themes of {len(texts)} free-text answers: {themed * 1000:.0f} ms")
    print(f"chart ({len(png) // 1024} KiB): {drawn * 1000:.0f} ms")
    print(f"workbook ({len(workbook) // 1024} KiB): {written * 1000:.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=5000)
    asyncio.run(main(parser.parse_args().members))
