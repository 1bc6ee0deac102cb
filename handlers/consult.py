"""Members ask an advisory core: describe, confirm the suggested core, get a tracking code.

The question is written as a report's description is (text, photos, files, voice notes; the
same draft rules in bot/services/reports.py and the same attachment reading as the loose-text
offer in handlers/menu.py); the core is suggested from the categoriser's reading of it
(bot/services/consult.py). The request is stored, and its cards queued for the core's
advisers, before the member hears anything. The member answers an adviser's question with
the button under it (a one-message form, below).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.services.consult import suggest_cores
from bot.services.reports import (
    description,
    proposed_summary,
)
from bot.text import clean, clip
from handlers import consult_cards, forms, menu
from handlers.describing import Describing
from handlers.keyboards import button, private_command, replace_pressed, text_button
from storage.consultations import (
    Consultation,
    NewConsultation,
    add_comment,
    add_event,
    create_consultation,
    get_consultation,
    is_announced,
    member_consultations,
    share_phone,
)
from storage.consultations import get_by_code as get_request_by_code
from storage.cores import get_core, list_cores
from storage.reports import NewAttachment

log = logging.getLogger(__name__)

FORM = "consult_form"
ANSWER_FORM = "consult_answer"
COMPOSE, CORE, CONFIRM, ANSWER = "compose", "core", "confirm", "answer"
DRAFT = "consult"
PREVIEW_CHARS = 600
COMMENT_MAX = 1000
MINE_SHOWN = 5


DESCRIBING = Describing(
    FORM, DRAFT, COMPOSE, cb.CONSULT_DONE, cb.CONSULT_CANCEL, received="consult-received"
)
_draft, _question = DESCRIBING.draft, DESCRIBING.question


# --- entry and composing ----------------------------------------------------------------------


async def start(update: Update, context: KhoosheContext) -> str | int:
    """«💡 درخواست مشاوره»: start a question, or resume the unfinished one."""
    if context.member is None:
        await menu.show_menu(update, context, "not-registered-hint")
        return ConversationHandler.END
    if not await list_cores(context.db):
        await menu.show_menu(update, context, "consult-no-cores")
        return ConversationHandler.END
    await _show_mine(update, context)
    draft = _draft(context)
    if draft.get("step") == CORE and draft.get("choices"):
        return await _ask_core(update, context)
    if draft.get("step") == CONFIRM and draft.get("core"):
        return await _ask_confirm(update, context)
    key = "consult-resume" if draft["parts"] or draft["attachments"] else "consult-ask"
    return await DESCRIBING.ask(update, context, context.t(key))


async def _show_mine(update: Update, context: KhoosheContext) -> None:
    """The member's latest requests and where each stands, before a new question."""
    member = context.member
    assert member is not None
    mine = await member_consultations(context.db, member.id, MINE_SHOWN)
    if mine:
        await _send_lines(update, context, "consult-mine", mine)


async def track_request(update: Update, context: KhoosheContext, code: str) -> bool:
    """/track with a request's code (the acknowledgement calls it a tracking code too): where
    the member's own request stands. False when the member has no request with that code."""
    member = context.member
    request = await get_request_by_code(context.db, code) if member else None
    if member is None or request is None or request.member_id != member.id:
        return False
    await _send_lines(update, context, "consult-track", [request])
    return True


async def _send_lines(
    update: Update, context: KhoosheContext, key: str, requests: list[Consultation]
) -> None:
    """Requests, a line each: code, core, where it stands, what was asked."""
    t = context.t
    cores = {c.id: c.name for c in await list_cores(context.db, active_only=False)}
    lines = [
        t(
            "consult-mine-line",
            code=t.digits(c.code),
            core=cores.get(c.core_id, "—"),
            status=t(f"consult-status-{c.status}"),
            summary=c.summary,
        )
        for c in requests
    ]
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, t(key, lines=t.join("\n", lines)))


async def on_done(update: Update, context: KhoosheContext) -> str:
    """«تمام شد»: suggest a core from what was written."""
    query = update.callback_query
    assert query is not None
    draft = _draft(context)
    if not draft["parts"]:
        # A voice note alone cannot be read: a few words are needed to route it.
        await query.answer(context.t("consult-need-words"), show_alert=True)
        return COMPOSE
    await query.answer()
    cores = await list_cores(context.db)
    guesses = await suggest_cores(context.state.lexicon, cores, description(draft))
    draft["choices"] = [g.core.id for g in guesses]
    best = guesses[0]
    draft["suggested"] = best.core.id if best.score > 0 else None
    draft["because"] = list(best.words)
    return await _ask_core(update, context)


# --- the core ---------------------------------------------------------------------------------


async def _ask_core(update: Update, context: KhoosheContext, *, every: bool = False) -> str:
    t, draft = context.t, _draft(context)
    cores = {c.id: c for c in await list_cores(context.db)}
    suggested = draft.get("suggested")
    ordered = [cores[i] for i in draft.get("choices", []) if i in cores] or list(cores.values())
    if suggested in cores and not every:
        core = cores[suggested]
        others = [c for c in ordered if c.id != suggested][:2]
        buttons = [[text_button("✅ " + core.name, cb.CONSULT_CORE.pack(core.id))]]
        buttons += [[text_button(c.name, cb.CONSULT_CORE.pack(c.id))] for c in others]
        buttons.append([button(t, "consult-button-all-cores", cb.CONSULT_ALL_CORES.pack())])
        words = t.join(t.label("list-separator"), [f"«{w}»" for w in draft.get("because", [])])
        text = t("consult-ask-core", core=core.name, words=words)
        return await _question(update, context, CORE, text, InlineKeyboardMarkup(buttons))
    buttons = [[text_button(c.name, cb.CONSULT_CORE.pack(c.id))] for c in ordered]
    key = "consult-ask-core-all" if every else "consult-ask-core-none"
    return await _question(update, context, CORE, t(key), InlineKeyboardMarkup(buttons))


async def on_all_cores(update: Update, context: KhoosheContext) -> str:
    """«هسته‌های دیگر»: every core."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await _ask_core(update, context, every=True)


async def on_core(update: Update, context: KhoosheContext) -> str | None:
    """A core was chosen."""
    query = update.callback_query
    assert query is not None
    core = await get_core(context.db, cb.CONSULT_CORE.first_int(query.data) or 0)
    if core is None or not core.active:
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    _draft(context)["core"] = core.id
    return await _ask_confirm(update, context)


async def _ask_confirm(update: Update, context: KhoosheContext) -> str:
    t, draft = context.t, _draft(context)
    core = await get_core(context.db, draft.get("core", 0))
    if core is None:
        return await _ask_core(update, context, every=True)
    text = clip(description(draft), PREVIEW_CHARS)
    card = t("consult-confirm", core=core.name, question=text, files=len(draft["attachments"]))
    buttons = [
        [button(t, "consult-button-send", cb.CONSULT_SEND.pack())],
        [
            button(t, "consult-button-other-core", cb.CONSULT_ALL_CORES.pack()),
            button(t, "button-cancel", cb.CONSULT_CANCEL.pack()),
        ],
    ]
    return await _question(update, context, CONFIRM, card, InlineKeyboardMarkup(buttons))


async def on_send(update: Update, context: KhoosheContext) -> int:
    """Store the request, queue its cards (again, if a crash came between), give its code."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    member, draft = context.member, _draft(context)
    assert member is not None
    core = await get_core(context.db, draft.get("core", 0))
    if core is None:
        await query.answer(context.t("button-expired"), show_alert=True)
        return ConversationHandler.END
    new = NewConsultation(
        core_id=core.id,
        suggested_core=draft.get("suggested"),
        summary=proposed_summary(draft),
        question=description(draft),
        attachments=[NewAttachment(**a) for a in draft["attachments"]],
    )
    consultation, created = await create_consultation(
        context.db, member.id, member.cluster_code, context.platform.value, new, draft["key"]
    )
    if created or not await is_announced(context.db, consultation.id):
        await consult_cards.announce(context, consultation)
    await query.answer()
    context.user_data.pop(DRAFT, None)
    await replace_pressed(update, context.t("consult-sent-short"))
    log.info("consultation %s asked by member %s", consultation.id, member.id)
    code = context.t.digits(consultation.code)
    await menu.show_menu(update, context, "consult-filed", code=code, core=core.name)
    return ConversationHandler.END


# Cancel throws the draft away (the pressed card says so), then the menu.
cancel = forms.cancel_dropping(DRAFT, "consult-cancelled", pressed="consult-cancel-pressed")


# A menu button mid-question: the button does what it says, the draft is kept for later.
leave_for_menu = forms.leave_dropping()


async def on_wrong_step_input(update: Update, context: KhoosheContext) -> str:
    """Typing where a button is expected."""
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, context.t("form-use-buttons"))
    step = _draft(context).get("step")
    if step == CONFIRM:
        return await _ask_confirm(update, context)
    return await _ask_core(update, context)


# --- the member answers an adviser ------------------------------------------------------------


async def _own_pressed(
    update: Update, context: KhoosheContext, family: cb.Button
) -> Consultation | None:
    """The member's own request a button names (or None, the press answered as stale)."""
    query = update.callback_query
    assert query is not None
    consultation = await get_consultation(context.db, family.first_int(query.data) or 0)
    member = context.member
    if consultation is None or member is None or consultation.member_id != member.id:
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    return consultation


async def _ask_text(
    update: Update, context: KhoosheContext, family: cb.Button, purpose: str, key: str
) -> str | None:
    """Open the one-message form for `purpose` (an answer, a comment) on the pressed request."""
    consultation = await _own_pressed(update, context, family)
    if consultation is None:
        return None
    assert context.user_data is not None
    context.user_data.pop("consult_answer", None)
    context.user_data.pop("consult_comment", None)
    context.user_data[purpose] = consultation.id
    await context.save_form_now(ANSWER_FORM, ANSWER)
    chat = update.effective_chat
    assert chat is not None
    cancel_markup = InlineKeyboardMarkup(
        [[button(context.t, "button-cancel", cb.CONSULT_CANCEL.pack())]]
    )
    text = context.t(key, code=context.t.digits(consultation.code))
    await context.bot.send_message(chat.id, text, reply_markup=cancel_markup)
    return ANSWER


async def ask_answer(update: Update, context: KhoosheContext) -> str | None:
    """«✍️ پاسخ به مشاور» under an adviser's message: the next message goes to them."""
    return await _ask_text(
        update, context, cb.CONSULT_ANSWER, "consult_answer", "consult-answer-ask"
    )


async def ask_comment(update: Update, context: KhoosheContext) -> str | None:
    """«💬 افزودن نظر» under a rating: the next message is the comment."""
    return await _ask_text(
        update, context, cb.CONSULT_COMMENT, "consult_comment", "consult-comment-ask"
    )


async def _on_comment(update: Update, context: KhoosheContext, consultation_id: int) -> int:
    message, member = update.message, context.member
    assert message is not None and context.user_data is not None and member is not None
    context.user_data.pop("consult_comment", None)
    consultation = await get_consultation(context.db, consultation_id)
    text = clean(message.text or message.caption or "").strip()[:COMMENT_MAX]
    if consultation is None or consultation.member_id != member.id or not text:
        return await cancel_answer(update, context)
    stored = await add_comment(context.db, consultation.id, text, f"member:{member.id}")
    if stored:
        await consult_cards.tell_advisers(
            context, consultation, "consult-comment-adviser", only_owner=True, text=text
        )
    await message.reply_text(context.t("consult-comment-kept" if stored else "button-expired"))
    return ConversationHandler.END


async def on_share_phone(update: Update, context: KhoosheContext) -> None:
    """«📞 شماره‌ام را به مشاور بدهید»: the member's own choice; the adviser gets the number."""
    consultation, member = (
        await _own_pressed(update, context, cb.CONSULT_SHARE_PHONE),
        context.member,
    )
    if consultation is None or member is None:
        return
    if await share_phone(context.db, consultation.id, f"member:{member.id}"):
        await consult_cards.tell_advisers(
            context,
            consultation,
            "consult-phone-shared-adviser",
            only_owner=True,
            name=member.name,
            phone=member.phone,
        )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, context.t("consult-phone-shared"))


async def on_answer(update: Update, context: KhoosheContext) -> int | str:
    """The member's answer: kept in the history and relayed to the request's adviser(s)."""
    message, member = update.message, context.member
    assert message is not None and context.user_data is not None
    comment_on = context.user_data.get("consult_comment")
    if isinstance(comment_on, int):
        return await _on_comment(update, context, comment_on)
    consultation = await get_consultation(context.db, context.user_data.get("consult_answer", 0))
    if consultation is None or member is None or consultation.member_id != member.id:
        return await cancel_answer(update, context)
    text = clean(message.text or message.caption or "")
    await add_event(context.db, consultation.id, f"member:{member.id}", "member", text or None)
    await consult_cards.relay_from_member(context, consultation, message)
    context.user_data.pop("consult_answer", None)
    await message.reply_text(context.t("consult-answer-sent"))
    return ConversationHandler.END


async def cancel_answer(update: Update, context: KhoosheContext) -> int:
    """Nothing is sent."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    assert context.user_data is not None
    context.user_data.pop("consult_answer", None)
    context.user_data.pop("consult_comment", None)
    await menu.show_menu(update, context, "consult-answer-cancelled")
    return ConversationHandler.END


# A menu button instead of the answer: the button does what it says.
leave_answer_for_menu = forms.leave_dropping("consult_answer")


# --- registration -----------------------------------------------------------------------------


def build(app: Application) -> list[ConversationHandler[KhoosheContext]]:
    """The question form and the one-message answer form."""
    buttons = menu.buttons(app)
    private = filters.ChatType.PRIVATE
    text = buttons.text
    media = menu.MEDIA
    other = buttons.other
    states: dict[object, list[Any]] = {
        COMPOSE: DESCRIBING.handlers(app, on_done),
        CORE: [
            CallbackQueryHandler(on_core, pattern=cb.CONSULT_CORE.pattern()),
            CallbackQueryHandler(on_all_cores, pattern=cb.CONSULT_ALL_CORES.pattern()),
            MessageHandler(other, on_wrong_step_input),
        ],
        CONFIRM: [
            CallbackQueryHandler(on_send, pattern=cb.CONSULT_SEND.pattern()),
            CallbackQueryHandler(on_all_cores, pattern=cb.CONSULT_ALL_CORES.pattern()),
            MessageHandler(other, on_wrong_step_input),
        ],
    }
    ask = forms.form(
        app,
        FORM,
        entry_points=[
            private_command("consult", start),
            menu.private_label(app, "menu-consult", start),
        ],
        states=states,
        cancel=cancel,
        cancel_button=cb.CONSULT_CANCEL,
        leave_for_menu=leave_for_menu,
        timeout_key="consult-form-timeout",
    )
    answer = forms.form(
        app,
        ANSWER_FORM,
        entry_points=[
            CallbackQueryHandler(ask_answer, pattern=cb.CONSULT_ANSWER.pattern()),
            CallbackQueryHandler(ask_comment, pattern=cb.CONSULT_COMMENT.pattern()),
        ],
        states={ANSWER: [MessageHandler((text | media) & private, on_answer)]},
        cancel=cancel_answer,
        cancel_button=cb.CONSULT_CANCEL,
        leave_for_menu=leave_answer_for_menu,
        timeout_key="consult-answer-timeout",
    )
    return [answer, ask]


def register(app: Application) -> None:
    """Install the member's side of advisory cores."""
    for handler in build(app):
        app.add_handler(handler)
    app.add_handler(CallbackQueryHandler(on_share_phone, pattern=cb.CONSULT_SHARE_PHONE.pattern()))
