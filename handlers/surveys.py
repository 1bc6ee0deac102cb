"""Surveys in chat: members answer one question at a time, come back to an unfinished survey and
change their answers until it closes; staff list surveys (/surveys), read the results (counts,
percentages, per cluster, a chart, the themes of free-text answers), download every answer as
an .xlsx, and close a survey early. Composing one is handlers/survey_form.py.

Every press is checked here on the server whatever its data says: the presser is a member the
survey asks, the survey is open, the question is the survey's and the option one of its own;
an answer is always stored as the presser's, so no press reaches another member's answers.
Agents see and manage only surveys whose clusters are all theirs.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import Access, Role, access_of, actor, requires
from bot.services import surveys as service
from bot.services.digest.themes import Theme, themes
from bot.services.surveys import QuestionResult, Results
from bot.text import pack_messages, shorten
from handlers import forms, menu
from handlers.form_steps import ways_out
from handlers.keyboards import answer, replace_pressed, rows, show_card
from handlers.tables import send_table
from storage.clusters import list_places
from storage.digest import NewReportText
from storage.members import Member
from storage.surveys import (
    Question,
    Survey,
    Value,
    answer_sets,
    answers_of,
    close_survey,
    get_survey,
    is_asked,
    list_surveys,
    open_surveys,
    save_answer,
)

log = logging.getLogger(__name__)

FORM = "survey_answer"
ANSWER = "answer"
LISTED = 10
TITLE_IN_BUTTON = 28
SAMPLE_TEXTS = 3


def _draft(context: KhoosheContext) -> dict[str, Any]:
    assert context.user_data is not None
    draft: dict[str, Any] = context.user_data.setdefault("survey", {})
    return draft


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


def _pressed(update: Update, family: cb.Button) -> tuple[int, ...]:
    assert update.callback_query is not None
    return family.ints(update.callback_query.data) or ()


# --- answering -------------------------------------------------------------------------------


async def _survey_for(
    update: Update, context: KhoosheContext, survey_id: int
) -> tuple[Survey, Member] | None:
    """The survey, if the presser is a member it asks and it is open; otherwise say why."""
    member = context.member
    t = context.t
    if member is None:
        await answer(update, t("not-registered-hint"), alert=True)
        return None
    survey = await get_survey(context.db, survey_id)
    if survey is None:
        await answer(update, t("button-expired"), alert=True)
        return None
    if not await is_asked(context.db, survey, member.id, context.state.outbox.platforms):
        log.warning("survey %s: member %s is not asked", survey_id, member.id)
        await answer(update, t("survey-not-for-you"), alert=True)
        return None
    now = datetime.now(UTC)
    if not service.is_open(survey, now):
        key = "survey-not-open-yet" if now < survey.opens_at else "survey-closed"
        await answer(update, t(key, title=survey.title), alert=True)
        return None
    return survey, member


def _question_markup(
    t: Texts, survey: Survey, question: Question, chosen: Value | None
) -> InlineKeyboardMarkup | None:
    if question.kind == "scale":
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        ("✅ " if chosen == point else "") + t.digits(point),
                        callback_data=cb.SURVEY_PICK.pack(survey.id, question.id, point),
                    )
                    for point in service.SCALE
                ]
            ]
        )
    if question.kind == "single":
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        ("✅ " if chosen == i else "") + option,
                        callback_data=cb.SURVEY_PICK.pack(survey.id, question.id, i),
                    )
                ]
                for i, option in enumerate(question.options)
            ]
        )
    if question.kind == "multi":
        picked = set(chosen) if isinstance(chosen, list) else set()
        keyboard = [
            [
                InlineKeyboardButton(
                    ("✅ " if i in picked else "▫️ ") + option,
                    callback_data=cb.SURVEY_PICK.pack(survey.id, question.id, i),
                )
            ]
            for i, option in enumerate(question.options)
        ]
        keyboard.append(
            [
                InlineKeyboardButton(
                    t.label("survey-button-next"),
                    callback_data=cb.SURVEY_NEXT.pack(survey.id, question.id),
                )
            ]
        )
        return InlineKeyboardMarkup(keyboard)
    return None


def _question_text(t: Texts, survey: Survey, question: Question, current: Value | None) -> str:
    text: str = t(
        "survey-question",
        title=survey.title,
        number=question.position,
        total=len(survey.questions),
        text=question.text,
        hint=t(f"survey-hint-{question.kind}"),
    )
    if current is not None:
        shown = service.shown_answer(t, question, current)
        text = f"{text}\n{t('survey-current-answer', answer=shown)}"
    return text


def _focus(
    context: KhoosheContext, survey: Survey, question: Question, answers: dict[int, Value]
) -> dict[str, Any]:
    """The draft, about this question (a multiple choice starts from the stored ticks)."""
    draft = _draft(context)
    if draft.get("id") != survey.id or draft.get("q") != question.id:
        draft.clear()
        draft.update(id=survey.id, q=question.id)
        stored = answers.get(question.id)
        if question.kind == "multi" and isinstance(stored, list):
            draft["picked"] = list(stored)
    return draft


async def _ask(
    update: Update,
    context: KhoosheContext,
    survey: Survey,
    question: Question,
    answers: dict[int, Value],
    *,
    edit: bool = False,
) -> str:
    """Show a question (a new message; `edit`: the pressed one, for a multiple choice's
    ticks) and wait for its answer."""
    t = context.t
    draft = _focus(context, survey, question, answers)
    current: Value | None = answers.get(question.id)
    chosen = draft.get("picked", []) if question.kind == "multi" else current
    text = _question_text(t, survey, question, current)
    markup = _question_markup(t, survey, question, chosen)
    await context.save_form_now(FORM, ANSWER)
    if edit:
        await show_card(update, context, text, markup)
    else:
        await context.bot.send_message(_chat_id(update), text, reply_markup=markup)
    return ANSWER


async def _summary(update: Update, context: KhoosheContext, survey: Survey) -> int:
    """Every answer given (only the member's own), with a button to change each."""
    member = context.member
    assert member is not None
    t = context.t
    answers = await answers_of(context.db, survey.id, member.id)
    lines = [t("survey-summary", title=survey.title)]
    lines += [
        t(
            "survey-summary-line",
            number=q.position,
            text=shorten(q.text, 80),
            answer=service.shown_answer(t, q, answers[q.id]),
        )
        for q in survey.questions
        if q.id in answers
    ]
    lines.append(t("survey-summary-change", closes=survey.closes_at))
    buttons = [
        InlineKeyboardButton(
            t.label("survey-button-change", number=q.position),
            callback_data=cb.SURVEY_CHANGE.pack(survey.id, q.id),
        )
        for q in survey.questions
    ]
    _draft(context).clear()
    await context.save_form_now(FORM, None)
    await context.bot.send_message(
        _chat_id(update), t.join("\n", lines), reply_markup=InlineKeyboardMarkup(rows(buttons, 4))
    )
    return ConversationHandler.END


async def _next(update: Update, context: KhoosheContext, survey: Survey, member: Member) -> Any:
    answers = await answers_of(context.db, survey.id, member.id)
    question = service.first_unanswered(survey, answers)
    if question is None:
        return await _summary(update, context, survey)
    return await _ask(update, context, survey, question, answers)


async def on_open(update: Update, context: KhoosheContext) -> Any:
    """The invitation's button (or /surveys): the first unanswered question, or the answers
    so far when every question has one."""
    (survey_id,) = _pressed(update, cb.SURVEY_ANSWER)
    found = await _survey_for(update, context, survey_id)
    if found is None:
        return None
    await answer(update)
    survey, member = found
    answers = await answers_of(context.db, survey.id, member.id)
    if answers and service.first_unanswered(survey, answers) is not None:
        await context.bot.send_message(_chat_id(update), context.t("survey-resuming"))
    return await _next(update, context, survey, member)


async def _store(
    update: Update, context: KhoosheContext, survey: Survey, member: Member, question: Question,
    value: Value,
) -> bool:  # fmt: skip
    stored = await save_answer(
        context.db, survey.id, question.id, member.id, member.cluster_code, value,
        len(survey.questions),
    )  # fmt: skip
    if not stored:
        await answer(update, context.t("survey-closed", title=survey.title), alert=True)
        if update.message is not None:
            await update.message.reply_text(context.t("survey-closed", title=survey.title))
    return stored


async def on_pick(update: Update, context: KhoosheContext) -> Any:
    """An option pressed: stored at once (a multiple choice is ticked, and stored with
    «next»)."""
    survey_id, question_id, option = _pressed(update, cb.SURVEY_PICK)
    found = await _survey_for(update, context, survey_id)
    if found is None:
        return None
    survey, member = found
    question = survey.question(question_id)
    if question is None or not service.choice_ok(question, option):
        log.warning("survey %s: forged option %s:%s", survey_id, question_id, option)
        await answer(update, context.t("button-expired"), alert=True)
        return None
    if question.kind == "multi":
        await answer(update)
        answers = await answers_of(context.db, survey.id, member.id)
        draft = _focus(context, survey, question, answers)
        picked = set(draft.get("picked", []))
        picked.symmetric_difference_update({option})
        draft["picked"] = sorted(picked)
        return await _ask(update, context, survey, question, answers, edit=True)
    if not await _store(update, context, survey, member, question, option):
        return None
    await answer(update)
    t = context.t
    shown = service.shown_answer(t, question, option)
    await replace_pressed(update, t("survey-answered", text=question.text, answer=shown))
    return await _next(update, context, survey, member)


async def on_next(update: Update, context: KhoosheContext) -> Any:
    """A multiple choice's ticks confirmed: stored, then the next question."""
    survey_id, question_id = _pressed(update, cb.SURVEY_NEXT)
    found = await _survey_for(update, context, survey_id)
    if found is None:
        return None
    survey, member = found
    question = survey.question(question_id)
    draft = _draft(context)
    if question is None or question.kind != "multi":
        await answer(update, context.t("button-expired"), alert=True)
        return None
    if draft.get("id") == survey.id and draft.get("q") == question.id:
        picked = [i for i in draft.get("picked", []) if service.choice_ok(question, i)]
    else:  # the ticks were lost (another survey opened since): keep what was stored
        stored = (await answers_of(context.db, survey.id, member.id)).get(question.id)
        picked = stored if isinstance(stored, list) else []
    if not picked:
        await answer(update, context.t("survey-pick-one"), alert=True)
        return ANSWER
    if not await _store(update, context, survey, member, question, sorted(picked)):
        return None
    await answer(update)
    t = context.t
    shown = service.shown_answer(t, question, sorted(picked))
    await replace_pressed(update, t("survey-answered", text=question.text, answer=shown))
    draft.clear()
    return await _next(update, context, survey, member)


async def on_change(update: Update, context: KhoosheContext) -> Any:
    """Ask one question again, its current answer shown (only while the survey is open)."""
    survey_id, question_id = _pressed(update, cb.SURVEY_CHANGE)
    found = await _survey_for(update, context, survey_id)
    if found is None:
        return None
    survey, member = found
    question = survey.question(question_id)
    if question is None:
        await answer(update, context.t("button-expired"), alert=True)
        return None
    await answer(update)
    _draft(context).clear()
    answers = await answers_of(context.db, survey.id, member.id)
    return await _ask(update, context, survey, question, answers)


async def on_typed(update: Update, context: KhoosheContext) -> Any:
    """A typed answer to a number or free-text question (anything else: use the buttons)."""
    assert update.message is not None and update.message.text is not None
    t = context.t
    draft = _draft(context)
    member = context.member
    survey = await get_survey(context.db, int(draft.get("id", 0))) if draft else None
    question = survey.question(int(draft.get("q", 0))) if survey is not None else None
    if member is None or survey is None or question is None:
        return ConversationHandler.END
    platforms = context.state.outbox.platforms
    asked = await is_asked(context.db, survey, member.id, platforms)
    if not asked or not service.is_open(survey, datetime.now(UTC)):
        await update.message.reply_text(t("survey-closed", title=survey.title))
        draft.clear()
        return ConversationHandler.END
    value: Value | None
    if question.kind == "number":
        number = service.parse_number(update.message.text)
        value = int(number) if number is not None and number.is_integer() else number
        if value is None:
            await update.message.reply_text(t("survey-number-please"))
            return ANSWER
    elif question.kind == "text":
        value = service.parse_text(update.message.text)
        if value is None:
            await update.message.reply_text(t("survey-text-length", limit=service.MAX_TEXT_ANSWER))
            return ANSWER
    else:
        await update.message.reply_text(t("survey-use-buttons"))
        return ANSWER
    if not await _store(update, context, survey, member, question, value):
        draft.clear()
        return ConversationHandler.END
    draft.clear()
    return await _next(update, context, survey, member)


async def on_not_text(update: Update, context: KhoosheContext) -> str:
    """A photo, a sticker…: not an answer."""
    assert update.message is not None
    await update.message.reply_text(context.t("survey-use-text"))
    return ANSWER


# Stopping keeps what was answered (stored as it was given); the invitation's button resumes.
cancel, leave_for_menu = ways_out("survey", "survey-paused")


# --- /surveys ----------------------------------------------------------------------------------


def manages(access: Access, survey: Survey) -> bool:
    """Staff manage every survey; an agent only one whose clusters are all theirs."""
    return access.covers_clusters(service.clusters_of(survey))


async def surveys_command(update: Update, context: KhoosheContext) -> None:
    """/surveys: staff manage surveys; a member sees the open surveys asked of them."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if access.is_staff_side:
        await _staff_list(update, context, access)
    elif context.member is not None:
        await _member_list(update, context, context.member)
    else:
        await menu.show_menu(update, context, "not-registered-hint")


async def _member_list(update: Update, context: KhoosheContext, member: Member) -> None:
    t = context.t
    platforms = context.state.outbox.platforms
    mine = [
        s
        for s in await open_surveys(context.db, datetime.now(UTC))
        if await is_asked(context.db, s, member.id, platforms)
    ]
    if not mine:
        await context.bot.send_message(_chat_id(update), t("survey-member-none"))
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
        _chat_id(update), t("survey-member-list"), reply_markup=InlineKeyboardMarkup(buttons)
    )


async def _staff_list(update: Update, context: KhoosheContext, access: Access) -> None:
    t = context.t
    chat_id = _chat_id(update)
    new = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("survey-button-new"), callback_data=cb.SURVEY_NEW.pack()
                )
            ],
            [
                InlineKeyboardButton(
                    t.label(f"survey-template-{code}"),
                    callback_data=cb.SURVEY_TEMPLATE.pack(code),
                )
                for code in service.TEMPLATES
            ],
        ]
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


async def _managed(update: Update, context: KhoosheContext, survey_id: int) -> Survey | None:
    """The survey, if this staff member may manage it (an agent: all its clusters theirs)."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    survey = await get_survey(context.db, survey_id)
    if survey is None:
        await answer(update, context.t("button-expired"), alert=True)
        return None
    if not manages(access, survey):
        log.warning("survey %s: user %s is outside its clusters", survey_id, user.id)
        await answer(update, context.t("access-denied"), alert=True)
        return None
    return survey


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


async def on_results(update: Update, context: KhoosheContext) -> None:
    """Counts and percentages per option, per cluster, the themes of free text, a chart."""
    from bot.services.survey_chart import ChartWords, render_results_chart

    (survey_id,) = _pressed(update, cb.SURVEY_RESULTS)
    survey = await _managed(update, context, survey_id)
    if survey is None:
        return
    await answer(update)
    t = context.t
    chat_id = _chat_id(update)
    found: Results = service.results(survey, await answer_sets(context.db, survey.id))
    clusters = {
        p.code: p.name(t.lang) for p in await list_places(context.db, "cluster", active_only=False)
    }
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


async def on_export(update: Update, context: KhoosheContext) -> None:
    """Every answer set as a row of an .xlsx (right to left for Persian)."""
    from bot.services.export import Column, table_workbook

    (survey_id,) = _pressed(update, cb.SURVEY_EXPORT)
    survey = await _managed(update, context, survey_id)
    if survey is None:
        return
    t = context.t
    sets = await answer_sets(context.db, survey.id)
    if not sets:
        await answer(update, t("survey-no-answers"), alert=True)
        return
    await answer(update)
    clusters = {
        p.code: p.name(t.lang) for p in await list_places(context.db, "cluster", active_only=False)
    }
    columns = [
        Column(t.label("survey-col-company"), 24),
        Column(t.label("survey-col-cluster"), 24),
        Column(t.label("survey-col-complete"), 10),
        Column(t.label("survey-col-updated"), gregorian=t.label("survey-col-updated_gregorian")),
        *(Column(shorten(q.text, 60), 30) for q in survey.questions),
    ]
    table = [
        (
            s.company,
            clusters.get(s.cluster_code, s.cluster_code),
            t.label("survey-yes" if s.complete else "survey-no"),
            s.updated_at,
            *(
                _cell(t, q, s.answers[q.id]) if q.id in s.answers else None
                for q in survey.questions
            ),
        )
        for s in sets
    ]
    tz = context.settings.tz
    await send_table(
        context.bot,
        _chat_id(update),
        lambda: table_workbook(columns, table, t.lang, tz, title=shorten(survey.title, 30)),
        f"survey-{survey.id}.xlsx",
        t("survey-export-caption", title=survey.title, count=len(sets)),
    )


def _cell(t: Texts, question: Question, value: Value) -> str | int:
    if question.kind in ("scale", "number") and isinstance(value, int):
        return value
    return service.shown_answer(t, question, value)


async def on_close_ask(update: Update, context: KhoosheContext) -> None:
    """Closing asks first: members can no longer answer or change answers."""
    (survey_id,) = _pressed(update, cb.SURVEY_CLOSE)
    survey = await _managed(update, context, survey_id)
    if survey is None:
        return
    await answer(update)
    t = context.t
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("survey-button-close-yes"),
                    callback_data=cb.SURVEY_CLOSE_YES.pack(survey.id),
                )
            ]
        ]
    )
    await context.bot.send_message(
        _chat_id(update), t("survey-confirm-close", title=survey.title), reply_markup=markup
    )


async def on_close(update: Update, context: KhoosheContext) -> None:
    """Close the survey now."""
    (survey_id,) = _pressed(update, cb.SURVEY_CLOSE_YES)
    survey = await _managed(update, context, survey_id)
    if survey is None:
        return
    user = update.effective_user
    assert user is not None
    t = context.t
    if not await close_survey(context.db, survey.id, actor(context, user.id)):
        await answer(update, t("survey-already-closed"), alert=True)
        return
    await answer(update)
    await replace_pressed(update, t("survey-closed-now", title=survey.title))


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """Answering a survey: any of its buttons (re)enters; typed answers are one step."""
    buttons = menu.buttons(app)
    text = filters.TEXT & ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel
    return forms.form(
        app,
        FORM,
        entry_points=[
            CallbackQueryHandler(on_open, pattern=cb.SURVEY_ANSWER.pattern()),
            CallbackQueryHandler(on_pick, pattern=cb.SURVEY_PICK.pattern()),
            CallbackQueryHandler(on_next, pattern=cb.SURVEY_NEXT.pattern()),
            CallbackQueryHandler(on_change, pattern=cb.SURVEY_CHANGE.pattern()),
        ],
        states={ANSWER: [MessageHandler(text, on_typed), MessageHandler(other, on_not_text)]},
        cancel=cancel,
        leave_for_menu=leave_for_menu,
        timeout_key="survey-form-timeout",
    )


def register(app: Application) -> None:
    """Install answering, /surveys and the staff's survey buttons."""
    app.add_handler(build(app))
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("surveys", surveys_command, filters=private))
    staff = requires(Role.CLUSTER_AGENT)
    for family, handler in (
        (cb.SURVEY_RESULTS, on_results),
        (cb.SURVEY_EXPORT, on_export),
        (cb.SURVEY_CLOSE, on_close_ask),
        (cb.SURVEY_CLOSE_YES, on_close),
    ):
        app.add_handler(CallbackQueryHandler(staff(handler), pattern=family.pattern()))
