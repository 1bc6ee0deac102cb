# Over 500 lines: one ConversationHandler composing a survey; its steps (questions, audience,
# times, ways out) share one draft and its checks.
"""Composing a survey (from /surveys): a title, questions of five kinds (single choice,
multiple choice, a 1–5 scale, a number, free text) or one of the ready templates, the clusters
it asks (an agent: only theirs), when it opens and closes (Jalali, typed as every staff form
takes dates), a summary, then publish. The invitation goes out through the outbox when the
survey opens (bot/services/surveys.py `invitation`).

The audience is chosen with the broadcasts' picker (handlers/audience.py: clusters, estates,
job roles, platforms; an agent only within their clusters) or is a recent training's
registrants; the scope is checked again on every press and at publishing.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
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
from bot.roles import Role, access_of, actor, requires
from bot.services import surveys as service
from bot.text import clean, shorten
from handlers import forms
from handlers.audience import AudiencePicker, audience_of
from handlers.form_steps import answer_filter, drop_buttons, stay_on_step, typed_moment, ways_out
from handlers.keyboards import answer, rows, show_card
from storage.offerings import Offering, get_offering, recent_offerings
from storage.outbox import Audience, count_audience
from storage.surveys import NewQuestion, NewSurvey, create_survey

log = logging.getLogger(__name__)

FORM = "survey_form"
# Trainings whose registrants a survey may ask: from this many days ago on, at most this many.
TRAINING_DAYS, TRAININGS = 30, 4
TITLE, KIND, QUESTION, OPTIONS, AUDIENCE, OPENS, CLOSES, CONFIRM = (
    "title", "kind", "question", "options", "audience", "opens", "closes", "confirm",
)  # fmt: skip


def _draft(context: KhoosheContext) -> dict[str, Any]:
    return forms.draft(context, "survey_draft")


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


def _questions(draft: dict[str, Any]) -> list[NewQuestion]:
    return [
        NewQuestion(q["kind"], q["text"], tuple(q.get("options", ())))
        for q in draft.get("questions", [])
    ]


def _cancel_row(context: KhoosheContext) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            context.t.label("button-cancel"), callback_data=cb.SURVEY_CANCEL_FORM.pack()
        )
    ]


async def _send(
    update: Update, context: KhoosheContext, step: str, text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> str:  # fmt: skip
    """Store the form at `step` (what was typed is kept before it is acknowledged), then ask."""
    await context.save_form_now(FORM, step)
    await context.bot.send_message(_chat_id(update), text, reply_markup=markup)
    return step


# --- title and questions ----------------------------------------------------------------------


@requires(Role.CLUSTER_AGENT)
async def on_new(update: Update, context: KhoosheContext) -> str:
    """A new survey: ask its title."""
    await answer(update)
    assert context.user_data is not None
    context.user_data["survey_draft"] = {"key": uuid.uuid4().hex, "questions": []}
    return await _send(update, context, TITLE, context.t("survey-ask-title"))


@requires(Role.CLUSTER_AGENT)
async def on_template(update: Update, context: KhoosheContext) -> str:
    """A ready template: its title and questions, then straight to the audience."""
    assert update.callback_query is not None
    (code,) = cb.SURVEY_TEMPLATE.words(update.callback_query.data)
    await answer(update)
    t = context.t
    questions = service.template_questions(t, code)
    assert context.user_data is not None
    context.user_data["survey_draft"] = {
        "key": uuid.uuid4().hex,
        "template": code,
        "title": t.label(f"survey-template-title-{code}"),
        "questions": [asdict(q) for q in questions],
    }
    listed = t.join("\n", [f"{t.digits(i)}. {q.text}" for i, q in enumerate(questions, 1)])
    await context.bot.send_message(
        _chat_id(update),
        t("survey-template-loaded", title=t.label(f"survey-template-title-{code}"), list=listed),
    )
    return await _clusters(update, context)


async def on_title(update: Update, context: KhoosheContext) -> str:
    """The survey's title."""
    assert update.message is not None and update.message.text is not None
    title = " ".join(clean(update.message.text).split())
    if not 3 <= len(title) <= service.MAX_TITLE:
        await update.message.reply_text(context.t("survey-title-length", limit=service.MAX_TITLE))
        return TITLE
    _draft(context)["title"] = title
    return await _kind_card(update, context)


async def _kind_card(update: Update, context: KhoosheContext) -> str:
    t = context.t
    count = len(_draft(context).get("questions", []))
    kinds = [
        InlineKeyboardButton(
            t.label(f"survey-kind-{kind}"), callback_data=cb.SURVEY_KIND.pack(kind)
        )
        for kind in cb.SURVEY_KINDS
    ]
    keyboard = rows(kinds, 3)
    if count:
        keyboard.append(
            [
                InlineKeyboardButton(
                    t.label("survey-button-questions-done"),
                    callback_data=cb.SURVEY_QUESTIONS_DONE.pack(),
                )
            ]
        )
    keyboard.append(_cancel_row(context))
    if count >= service.MAX_QUESTIONS:
        keyboard = keyboard[-2:]
    return await _send(
        update,
        context,
        KIND,
        t("survey-ask-kind", number=count + 1, limit=service.MAX_QUESTIONS),
        InlineKeyboardMarkup(keyboard),
    )


async def on_kind(update: Update, context: KhoosheContext) -> str:
    """The next question's kind: ask its text."""
    assert update.callback_query is not None
    (kind,) = cb.SURVEY_KIND.words(update.callback_query.data)
    draft = _draft(context)
    if len(draft.get("questions", [])) >= service.MAX_QUESTIONS:
        await answer(update, context.t("survey-too-many", limit=service.MAX_QUESTIONS), alert=True)
        return KIND
    await answer(update)
    draft["kind"] = kind
    t = context.t
    await show_card(
        update, context, t("survey-kind-chosen", kind=t.label(f"survey-kind-{kind}")), None
    )
    return await _send(update, context, QUESTION, t("survey-ask-question"))


async def on_question(update: Update, context: KhoosheContext) -> str:
    """A question's text; choices are asked for next when it has them."""
    assert update.message is not None and update.message.text is not None
    text = " ".join(clean(update.message.text).split())
    t = context.t
    if not 3 <= len(text) <= service.MAX_QUESTION:
        await update.message.reply_text(t("survey-question-length", limit=service.MAX_QUESTION))
        return QUESTION
    draft = _draft(context)
    kind = draft.get("kind", "text")
    if kind in service.CHOICE_KINDS:
        draft["text"] = text
        return await _send(
            update, context, OPTIONS,
            t("survey-ask-options", low=service.MIN_OPTIONS, high=service.MAX_OPTIONS),
        )  # fmt: skip
    draft.setdefault("questions", []).append({"kind": kind, "text": text, "options": []})
    return await _kind_card(update, context)


async def on_options(update: Update, context: KhoosheContext) -> str:
    """A choice question's options, one a line."""
    assert update.message is not None and update.message.text is not None
    options = [" ".join(line.split()) for line in clean(update.message.text).split("\n")]
    options = [o for o in options if o]
    t = context.t
    if not service.MIN_OPTIONS <= len(options) <= service.MAX_OPTIONS or any(
        len(o) > service.MAX_OPTION for o in options
    ):
        await update.message.reply_text(
            t(
                "survey-options-bad",
                low=service.MIN_OPTIONS,
                high=service.MAX_OPTIONS,
                limit=service.MAX_OPTION,
            )
        )
        return OPTIONS
    draft = _draft(context)
    draft.setdefault("questions", []).append(
        {"kind": draft.get("kind", "single"), "text": draft.pop("text", ""), "options": options}
    )
    return await _kind_card(update, context)


async def on_questions_done(update: Update, context: KhoosheContext) -> str:
    """Questions written: who is asked."""
    await answer(update)
    if not _draft(context).get("questions"):
        return KIND
    await show_card(update, context, context.t("survey-questions-written"), None)
    return await _clusters(update, context)


# --- the audience -----------------------------------------------------------------------------


PICKER = AudiencePicker(
    form=FORM,
    step=AUDIENCE,
    draft_key="survey_draft",
    buttons=cb.SURVEY_PICKER,
    cancel=cb.SURVEY_CANCEL_FORM,
    kind="survey",
    card_text="survey-audience-card",
)


async def _clusters(update: Update, context: KhoosheContext) -> str:
    step = await PICKER.show(update, context, fresh=True)
    trainings = await _trainings(update, context)
    if trainings:  # a satisfaction survey after a training asks those who signed up
        t = context.t
        buttons = [
            [
                InlineKeyboardButton(
                    t.label("survey-button-training", title=shorten(o.title, 30)),
                    callback_data=cb.SURVEY_TRAINING.pack(o.id),
                )
            ]
            for o in trainings
        ]
        await context.bot.send_message(
            _chat_id(update), t("survey-pick-training"), reply_markup=InlineKeyboardMarkup(buttons)
        )
    return step


async def _audience(
    update: Update, context: KhoosheContext, draft: dict[str, Any]
) -> Audience | None:
    """The draft's audience within this person's scope: a training's registrants (in its
    clusters), or the audience picked as broadcasts pick theirs; None: out of scope."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    if "offering" not in draft:
        return audience_of(draft, access)
    offering = await get_offering(context.db, int(draft["offering"]))
    if offering is None or not access.covers_clusters(set(offering.clusters)):
        return None
    return Audience(
        clusters=tuple(sorted(offering.clusters)),
        offering=offering.id,
        signup_statuses=("confirmed",),
    )


async def _trainings(update: Update, context: KhoosheContext) -> list[Offering]:
    """Trainings and events from a month ago on whose registrants this person may ask."""
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    since = datetime.now(UTC) - timedelta(days=TRAINING_DAYS)
    return [
        o
        for o in await recent_offerings(context.db, since)
        if o.kind != "meeting" and access.covers_clusters(set(o.clusters))
    ][:TRAININGS]


async def on_audience_done(update: Update, context: KhoosheContext) -> str:
    """Audience picked (nothing picked: everyone, for staff; all of their clusters, for an
    agent), or a training's registrants: then when it opens."""
    draft = _draft(context)
    query = update.callback_query
    assert query is not None
    training = cb.SURVEY_TRAINING.first_int(query.data)
    if training is not None:
        if training not in {o.id for o in await _trainings(update, context)}:
            await answer(update, context.t("broadcast-out-of-scope"), alert=True)
            return AUDIENCE
        draft["offering"] = training
    else:
        draft.pop("offering", None)
    audience = await _audience(update, context, draft)
    if audience is None:
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return AUDIENCE
    platforms = context.state.outbox.platforms
    count = await count_audience(context.db, audience, platforms, "survey")
    if count == 0:
        await answer(update, context.t("broadcast-nobody"), alert=True)
        return AUDIENCE
    await answer(update)
    draft["audience"] = audience.to_json()
    draft["count"] = count
    t = context.t
    await show_card(update, context, t("survey-audience-chosen", count=count), None)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("survey-button-open-now"), callback_data=cb.SURVEY_OPEN_NOW.pack()
                )
            ],
            _cancel_row(context),
        ]
    )
    return await _send(
        update, context, OPENS, t("survey-ask-opens", example=t.label("when-example")), markup
    )


# --- when -------------------------------------------------------------------------------------


async def _ask_closes(update: Update, context: KhoosheContext, opens: datetime) -> str:
    t = context.t
    _draft(context)["opens_at"] = opens.isoformat()
    return await _send(
        update, context, CLOSES,
        t("survey-ask-closes", opens=t.datetime(opens), example=t.label("when-example")),
    )  # fmt: skip


async def on_open_now(update: Update, context: KhoosheContext) -> str:
    """It opens as soon as it is published."""
    await answer(update)
    await show_card(update, context, context.t("survey-opens-now"), None)
    _draft(context)["opens_now"] = True
    return await _ask_closes(update, context, datetime.now(UTC))


async def on_opens(update: Update, context: KhoosheContext) -> str:
    """A typed opening time."""
    moment = await typed_moment(update, context, _draft(context), FORM, OPENS)
    if moment is None:
        return OPENS
    _draft(context)["opens_now"] = False
    return await _ask_closes(update, context, moment)


async def on_closes(update: Update, context: KhoosheContext) -> str:
    """A typed closing time, after the opening: then the summary to confirm."""
    moment = await typed_moment(update, context, _draft(context), FORM, CLOSES)
    if moment is None:
        return CLOSES
    draft = _draft(context)
    opens = datetime.fromisoformat(draft["opens_at"])
    t = context.t
    if moment <= opens:
        await context.bot.send_message(
            _chat_id(update), t("survey-closes-before-opens", opens=t.datetime(opens))
        )
        return CLOSES
    draft["closes_at"] = moment.isoformat()
    questions = _questions(draft)
    listed = t.join(
        "\n",
        [
            t.label(
                "survey-summary-question",
                number=i,
                kind=t.label(f"survey-kind-{q.kind}"),
                text=shorten(q.text, 80),
            )
            for i, q in enumerate(questions, 1)
        ],
    )
    opening = t.label("survey-opens-on-publish") if draft.get("opens_now") else t.datetime(opens)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("survey-button-publish"), callback_data=cb.SURVEY_PUBLISH.pack()
                )
            ],
            _cancel_row(context),
        ]
    )
    text = t(
        "survey-confirm",
        title=draft.get("title", ""),
        questions=listed,
        count=int(draft.get("count", 0)),
        opens=opening,
        closes=t.datetime(moment),
    )
    return await _send(update, context, CONFIRM, text, markup)


async def on_publish(update: Update, context: KhoosheContext) -> str | int:
    """Store the survey and hand its invitation to the outbox (a double tap finds the first)."""
    draft = _draft(context)
    user = update.effective_user
    assert user is not None
    audience = await _audience(update, context, draft)
    if audience is None or "key" not in draft or "closes_at" not in draft:
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return CONFIRM
    if audience != Audience.from_json(draft.get("audience", "{}")):
        await answer(update, context.t("button-expired"), alert=True)
        return CONFIRM
    now = datetime.now(UTC)
    opens = now if draft.get("opens_now") else datetime.fromisoformat(draft["opens_at"])
    closes = datetime.fromisoformat(draft["closes_at"])
    if closes <= now or closes <= opens:
        await answer(update, context.t("survey-closes-passed"), alert=True)
        return CONFIRM
    await answer(update)
    who = actor(context, user.id)
    new = NewSurvey(
        title=draft.get("title", ""),
        audience=audience,
        opens_at=opens,
        closes_at=closes,
        created_by=who,
        dedupe_key=draft["key"],
        questions=tuple(_questions(draft)),
        template=draft.get("template"),
    )
    survey_id, _ = await create_survey(context.db, new)
    t = context.t
    owner = (who, context.platform.value, _chat_id(update), t.lang)
    await context.state.outbox.submit(
        service.invitation(survey_id, new.title, audience, opens, closes, owner)
    )
    assert context.user_data is not None
    context.user_data.pop("survey_draft", None)
    await drop_buttons(update)
    await context.bot.send_message(
        _chat_id(update),
        t(
            "survey-published",
            title=new.title,
            number=t.digits(survey_id),
            count=int(draft.get("count", 0)),
        ),
    )
    return ConversationHandler.END


# --- ways out -----------------------------------------------------------------------------------

cancel, leave_for_menu = ways_out("survey_draft", "survey-form-cancelled")


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The survey composer."""
    text = answer_filter(app)
    states: dict[object, list[Any]] = {
        TITLE: [MessageHandler(text, on_title)],
        KIND: [
            CallbackQueryHandler(on_kind, pattern=cb.SURVEY_KIND.pattern()),
            CallbackQueryHandler(on_questions_done, pattern=cb.SURVEY_QUESTIONS_DONE.pattern()),
        ],
        QUESTION: [MessageHandler(text, on_question)],
        OPTIONS: [MessageHandler(text, on_options)],
        AUDIENCE: [
            *PICKER.handlers(),
            CallbackQueryHandler(
                on_audience_done, pattern=cb.any_of(cb.SURVEY_AUDIENCE_DONE, cb.SURVEY_TRAINING)
            ),
        ],
        OPENS: [
            CallbackQueryHandler(on_open_now, pattern=cb.SURVEY_OPEN_NOW.pattern()),
            MessageHandler(text, on_opens),
            CallbackQueryHandler(on_opens, pattern=cb.WHEN_HALF.pattern()),
        ],
        CLOSES: [
            MessageHandler(text, on_closes),
            CallbackQueryHandler(on_closes, pattern=cb.WHEN_HALF.pattern()),
        ],
        CONFIRM: [CallbackQueryHandler(on_publish, pattern=cb.SURVEY_PUBLISH.pattern())],
    }
    stay_on_step(app, states)
    return forms.form(
        app,
        FORM,
        entry_points=[
            CallbackQueryHandler(on_new, pattern=cb.SURVEY_NEW.pattern()),
            CallbackQueryHandler(on_template, pattern=cb.SURVEY_TEMPLATE.pattern()),
        ],
        states=states,
        cancel=cancel,
        cancel_button=cb.SURVEY_CANCEL_FORM,
        leave_for_menu=leave_for_menu,
        timeout_key="survey-compose-timeout",
    )


def register(app: Application) -> None:
    """Install the survey composer."""
    app.add_handler(build(app))
