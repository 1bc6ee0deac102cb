"""Surveys for staff (/surveys): the list of surveys with their respondents, the results (counts
and percentages per option, per cluster, averages, a chart, the themes of free-text answers),
every answer as an .xlsx, and closing a survey early; a member's /surveys lists the open surveys
asked of them. Composing one is handlers/survey_form.py, answering handlers/survey_answer.py.

Agents see and manage only surveys whose clusters are all theirs, whatever a button says.
"""

import asyncio
import logging
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import Application

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, actor
from bot.services import surveys as service
from bot.services.digest.themes import Theme, themes
from bot.services.surveys import QuestionResult, Results
from bot.text import pack_messages, shorten
from handlers import keyboards, menu
from handlers.keyboards import answer, inline, replace_pressed, staff_button, within_reach
from handlers.survey_answer import chat_of
from handlers.tables import export_pressed, send_table
from storage.clusters import cluster_names
from storage.digest import NewReportText
from storage.members import Member
from storage.surveys import (
    Question,
    Survey,
    Value,
    answer_sets,
    close_survey,
    get_survey,
    is_asked,
    list_surveys,
    open_surveys,
)

log = logging.getLogger(__name__)

LISTED = 10
TITLE_IN_BUTTON = 28
SAMPLE_TEXTS = 3


# --- /surveys ----------------------------------------------------------------------------------


def manages(access: Access, survey: Survey) -> bool:
    """Staff manage every survey; an agent only one whose clusters are all theirs."""
    return access.covers_clusters(service.clusters_of(survey))


async def surveys_command(update: Update, context: KhoosheContext) -> None:
    """/surveys: staff manage surveys; a member sees the open surveys asked of them."""
    await menu.staff_or_member(update, context, _staff_list, _member_list)


async def _member_list(update: Update, context: KhoosheContext, member: Member) -> None:
    t = context.t
    platforms = context.state.outbox.platforms
    mine = [
        s
        for s in await open_surveys(context.db, datetime.now(UTC))
        if await is_asked(context.db, s, member.id, platforms)
    ]
    if not mine:
        await context.bot.send_message(chat_of(update), t("survey-member-none"))
        return
    buttons = [
        [
            InlineKeyboardButton(
                shorten(s.title, TITLE_IN_BUTTON), callback_data=cb.SURVEY_ANSWER.pack(s.id)
            )
        ]
        for s in mine
    ]
    await context.bot.send_message(
        chat_of(update), t("survey-member-list"), reply_markup=InlineKeyboardMarkup(buttons)
    )


async def _staff_list(update: Update, context: KhoosheContext, access: Access) -> None:
    t = context.t
    chat_id = chat_of(update)
    new = inline(
        t,
        [("survey-button-new", cb.SURVEY_NEW.pack())],
        [(f"survey-template-{code}", cb.SURVEY_TEMPLATE.pack(code)) for code in service.TEMPLATES],
    )
    await context.bot.send_message(chat_id, t("survey-staff-intro"), reply_markup=new)
    now = datetime.now(UTC)
    visible = [s for s in await list_surveys(context.db, 50) if manages(access, s)][:LISTED]
    for survey in visible:
        sets = await answer_sets(context.db, survey.id)
        state = "open" if service.is_open(survey, now) else (
            "waiting" if survey.status == "published" and now < survey.opens_at else "closed"
        )  # fmt: skip
        buttons = [
            InlineKeyboardButton(
                t.label("survey-button-results"), callback_data=cb.SURVEY_RESULTS.pack(survey.id)
            ),
            InlineKeyboardButton(
                t.label("survey-button-export"), callback_data=cb.SURVEY_EXPORT.pack(survey.id)
            ),
        ]
        if state != "closed":
            buttons.append(
                InlineKeyboardButton(
                    t.label("survey-button-close"), callback_data=cb.SURVEY_CLOSE.pack(survey.id)
                )
            )
        await context.bot.send_message(
            chat_id,
            t(
                f"survey-staff-item-{state}",
                number=t.digits(survey.id),
                title=survey.title,
                opens=survey.opens_at,
                closes=survey.closes_at,
                answers=len(sets),
            ),
            reply_markup=InlineKeyboardMarkup([buttons]),
        )


async def _managed(update: Update, context: KhoosheContext) -> Survey | None:
    """The survey the press names (its first number), if this staff member may manage it (an
    agent: all its clusters theirs); otherwise the press is answered and None."""
    assert update.callback_query is not None
    survey_id = cb.number_in(update.callback_query.data)
    survey = await get_survey(context.db, survey_id)
    return await within_reach(update, context, survey, service.clusters_of, f"survey {survey_id}")


# A staff button about a survey this person may manage (cluster agents and up).
survey_button = staff_button(_managed)


def _result_block(
    t: Texts, result: QuestionResult, clusters: dict[str, str], found: list[Theme]
) -> str:
    question = result.question
    lines = [
        t(
            "survey-result-question",
            number=question.position,
            text=question.text,
            answered=result.answered,
        )
    ]
    if question.kind in ("single", "multi", "scale"):
        lines += [
            t(
                "survey-result-option",
                option=result.label(t, option),
                count=result.counts[option],
                percent=result.percent(option),
            )
            for option in result.options()
        ]
        for code, counts in sorted(result.by_cluster.items()):
            parts = [
                f"{result.label(t, option)}: {t.number(counts[option])}"
                for option in result.options()
                if counts[option]
            ]
            lines.append(
                t(
                    "survey-result-cluster",
                    cluster=clusters.get(code, code),
                    counts=t.label("list-separator").join(parts),
                )
            )
    mean = result.mean()
    if mean is not None and question.kind in ("scale", "number"):
        lines.append(t("survey-result-mean", mean=t.digits(f"{mean:.1f}")))
    if question.kind == "number" and result.numbers:
        lines.append(
            t(
                "survey-result-range",
                low=t.digits(f"{min(result.numbers):g}"),
                high=t.digits(f"{max(result.numbers):g}"),
            )
        )
    if question.kind == "text" and result.texts:
        if found:
            lines.append(
                t(
                    "survey-result-themes",
                    themes=t.label("list-separator").join(
                        t.label("survey-result-theme", word=th.word, count=th.count)
                        for th in found
                    ),
                )
            )
        lines += [
            t("survey-result-sample", text=shorten(text, 120))
            for _, text in result.texts[-SAMPLE_TEXTS:]
        ]
    return t.join("\n", lines)


@survey_button
async def on_results(update: Update, context: KhoosheContext, survey: Survey) -> None:
    """Counts and percentages per option, per cluster, the themes of free text, a chart."""
    from bot.services.survey_chart import ChartWords, render_results_chart

    await answer(update)
    t = context.t
    chat_id = chat_of(update)
    found: Results = service.results(survey, await answer_sets(context.db, survey.id))
    clusters = await cluster_names(context.db, t.lang)
    per_cluster = t.label("list-separator").join(
        f"{clusters.get(code, code)}: {t.number(n)}" for code, n in found.by_cluster.items()
    )
    head = t(
        "survey-results-head",
        title=survey.title,
        respondents=found.respondents,
        complete=found.complete,
        clusters=per_cluster or "—",
    )
    # Lemmatising thousands of answers takes seconds: off the event loop, as the digest does.
    recurring = [
        await asyncio.to_thread(themes, [NewReportText(c, text) for c, text in r.texts])
        if r.texts
        else []
        for r in found.questions
    ]
    blocks = [
        head,
        *(
            _result_block(t, r, clusters, th)
            for r, th in zip(found.questions, recurring, strict=True)
        ),
    ]
    for text in pack_messages(blocks):
        await context.bot.send_message(chat_id, text)
    charted = [r for r in found.questions if r.question.kind in ("single", "multi", "scale")]
    if found.respondents and charted:
        words = ChartWords(
            title=t.label("survey-chart-title", title=survey.title), digits=t.digits
        )
        labels = {
            r.question.id: [(r.label(t, o), r.counts[o]) for o in r.options()] for r in charted
        }
        titles = {r.question.id: shorten(r.question.text, 60) for r in charted}
        png = await asyncio.to_thread(render_results_chart, labels, titles, words)
        await context.bot.send_photo(
            chat_id,
            InputFile(png, filename=f"survey-{survey.id}.png"),
            caption=t("survey-chart-caption", title=survey.title),
        )


@survey_button
async def on_export(update: Update, context: KhoosheContext, survey: Survey) -> None:
    """Every answer set as a row of an .xlsx (right to left for Persian)."""
    from bot.services.export import Column, table_workbook

    t = context.t
    sets = await answer_sets(context.db, survey.id)
    table = await export_pressed(
        update,
        context,
        sets,
        "survey-no-answers",
        lambda s, cluster: (
            s.company,
            cluster,
            t.label("survey-yes" if s.complete else "survey-no"),
            s.updated_at,
            *(
                _cell(t, q, s.answers[q.id]) if q.id in s.answers else None
                for q in survey.questions
            ),
        ),
    )
    if table is None:
        return
    columns = [
        Column(t.label("survey-col-company"), 24),
        Column(t.label("survey-col-cluster"), 24),
        Column(t.label("survey-col-complete"), 10),
        Column(t.label("survey-col-updated"), gregorian=t.label("survey-col-updated_gregorian")),
        *(Column(shorten(q.text, 60), 30) for q in survey.questions),
    ]
    tz = context.settings.tz
    await send_table(
        context.bot,
        chat_of(update),
        lambda: table_workbook(columns, table, t.lang, tz, title=shorten(survey.title, 30)),
        f"survey-{survey.id}.xlsx",
        t("survey-export-caption", title=survey.title, count=len(sets)),
    )


def _cell(t: Texts, question: Question, value: Value) -> str | int:
    if question.kind in ("scale", "number") and isinstance(value, int):
        return value
    return service.shown_answer(t, question, value)


@survey_button
async def on_close_ask(update: Update, context: KhoosheContext, survey: Survey) -> None:
    """Closing asks first: members can no longer answer or change answers."""
    await answer(update)
    t = context.t
    markup = inline(t, [("survey-button-close-yes", cb.SURVEY_CLOSE_YES.pack(survey.id))])
    await context.bot.send_message(
        chat_of(update), t("survey-confirm-close", title=survey.title), reply_markup=markup
    )


@survey_button
async def on_close(update: Update, context: KhoosheContext, survey: Survey) -> None:
    """Close the survey now."""
    user = update.effective_user
    assert user is not None
    t = context.t
    if not await close_survey(context.db, survey.id, actor(context, user.id)):
        await answer(update, t("survey-already-closed"), alert=True)
        return
    await answer(update)
    await replace_pressed(update, t("survey-closed-now", title=survey.title))


def register(app: Application) -> None:
    """Install /surveys and the staff's survey buttons."""
    app.add_handler(keyboards.private_command("surveys", surveys_command))
    # Each a survey_button: cluster agents and up, on a survey they manage.
    keyboards.add_presses(
        app,
        (cb.SURVEY_RESULTS, on_results),
        (cb.SURVEY_EXPORT, on_export),
        (cb.SURVEY_CLOSE, on_close_ask),
        (cb.SURVEY_CLOSE_YES, on_close),
    )
