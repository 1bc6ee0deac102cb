"""Answering a survey in chat: the invitation's button brings one question at a time (buttons
for choices and 1–5 scores, typed numbers and text); a member who stops comes back to the first
unanswered question, and may change any answer until the survey closes.

Every press is checked here on the server whatever its data says: the presser is a member the
survey asks, the survey is open, the question is the survey's and the option one of its own;
an answer is always stored as the presser's, so no press reaches another member's answers.
"""

import logging
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.services import surveys as service
from handlers import forms, menu
from handlers.form_steps import ways_out
from handlers.keyboards import answer, replace_pressed, rows, show_card
from handlers.keyboards import chat_id_of as chat_of  # the name handlers/surveys.py imports
from storage.members import Member
from storage.surveys import (
    Question,
    Survey,
    Value,
    answers_of,
    get_survey,
    is_asked,
    save_answer,
)

log = logging.getLogger(__name__)

FORM = "survey_answer"
ANSWER = "answer"


def _draft(context: KhoosheContext) -> dict[str, Any]:
    return forms.draft(context, "survey")


def pressed(update: Update, family: cb.Button) -> tuple[int, ...]:
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
        await context.bot.send_message(chat_of(update), text, reply_markup=markup)
    return ANSWER


async def _summary(update: Update, context: KhoosheContext, survey: Survey) -> int:
    """Every answer given (only the member's own), with a button to change each."""
    member = context.member
    assert member is not None
    t = context.t
    answers = await answers_of(context.db, survey.id, member.id)
    lines = [t("survey-summary", title=survey.title)]
    lines += service.answer_lines(t, survey, answers)
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
        chat_of(update), t.join("\n", lines), reply_markup=InlineKeyboardMarkup(rows(buttons, 4))
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
    (survey_id,) = pressed(update, cb.SURVEY_ANSWER)
    found = await _survey_for(update, context, survey_id)
    if found is None:
        return None
    await answer(update)
    survey, member = found
    answers = await answers_of(context.db, survey.id, member.id)
    if answers and service.first_unanswered(survey, answers) is not None:
        await context.bot.send_message(chat_of(update), context.t("survey-resuming"))
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
    found = await _question_pressed(update, context, cb.SURVEY_PICK)
    if found is None:
        return None
    survey, member, question, (option,) = found
    if question is None or not service.choice_ok(question, option):
        log.warning("survey %s: forged option %s", survey.id, option)
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
    return await _answered(update, context, survey, member, question, option)


async def _question_pressed(
    update: Update, context: KhoosheContext, family: cb.Button
) -> tuple[Survey, Member, Question | None, tuple[int, ...]] | None:
    """The survey a question's button names (None, answered, when this member may not answer
    it), the member, the question (None if the survey has no such question) and the press's
    other numbers."""
    survey_id, question_id, *rest = pressed(update, family)
    found = await _survey_for(update, context, survey_id)
    if found is None:
        return None
    survey, member = found
    return survey, member, survey.question(question_id), tuple(rest)


async def _answered(
    update: Update, context: KhoosheContext, survey: Survey, member: Member, question: Question,
    value: Value,
) -> Any:  # fmt: skip
    """A pressed answer stored and shown in place of the question; then the next question."""
    if not await _store(update, context, survey, member, question, value):
        return None
    await answer(update)
    t = context.t
    shown = service.shown_answer(t, question, value)
    await replace_pressed(update, t("survey-answered", text=question.text, answer=shown))
    return await _next(update, context, survey, member)


async def on_next(update: Update, context: KhoosheContext) -> Any:
    """A multiple choice's ticks confirmed: stored, then the next question."""
    found = await _question_pressed(update, context, cb.SURVEY_NEXT)
    if found is None:
        return None
    survey, member, question, _ = found
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
    draft.clear()  # the ticks are stored now (or the survey has closed)
    return await _answered(update, context, survey, member, question, sorted(picked))


async def on_change(update: Update, context: KhoosheContext) -> Any:
    """Ask one question again, its current answer shown (only while the survey is open)."""
    found = await _question_pressed(update, context, cb.SURVEY_CHANGE)
    if found is None:
        return None
    survey, member, question, _ = found
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


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """Answering a survey: any of its buttons (re)enters; typed answers are one step."""
    buttons = menu.buttons(app)
    text, other = buttons.text, buttons.other
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
    """Install the answering form (its buttons are its entry points)."""
    app.add_handler(build(app))
