"""/cores for admins: the advisory cores, their topics and advisers; create or edit one.

The form (handlers/forms.py) asks for the name, a short description, the report categories
the core covers (toggle buttons), free keywords and, optionally, the core's group chat; an
edit offers «keep» at every step. Advisers are granted with `/grant <id> adviser <core>`.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.roles import Role, requires
from bot.services.reports import CATEGORIES
from bot.text import fold_digits, normalized
from handlers import forms, menu
from handlers.keyboards import button, private_command, replace_pressed, rows, send
from storage.cores import Core, CoreFields, advisers_of, get_core, list_cores, save_core
from storage.members import get_member

FORM = "core_form"
NAME, DESCRIPTION, TOPICS, KEYWORDS, GROUP, CONFIRM = (
    "name",
    "description",
    "topics",
    "keywords",
    "group",
    "confirm",
)
DRAFT = "core_draft"
NAME_MAX, DESCRIPTION_MAX, KEYWORDS_MAX = 80, 400, 30
_KEYWORD_SPLIT = re.compile(r"[,،;؛\n]+")


def _draft(context: KhoosheContext) -> dict[str, Any]:
    return forms.draft(context, DRAFT)


# --- the list ---------------------------------------------------------------------------------


async def core_lines(context: KhoosheContext, core: Core) -> str:
    """One core as the admins' list shows it."""
    t = context.t
    sep = t.label("list-separator")
    names = []
    for adviser in await advisers_of(context.db, core.id):
        person = await get_member(context.db, adviser.platform, adviser.user_id)
        names.append(f"{person.name if person else '—'} ({t.digits(adviser.user_id)})")
    return t(
        "cores-line",
        number=t.digits(core.id),
        name=core.name,
        description=core.description or "—",
        categories=t.join(sep, [t.label(f"category-{c}") for c in core.categories]) or "—",
        keywords=t.join(sep, core.keywords) or "—",
        group=t.digits(core.group_chat_id) if core.group_chat_id else "—",
        advisers=t.join(sep, names) or "—",
    )


@requires(Role.ADMIN)
async def list_command(update: Update, context: KhoosheContext) -> None:
    """/cores: every core with its advisers, an edit button each and «new core»."""
    t = context.t
    cores = await list_cores(context.db)
    buttons = [
        InlineKeyboardButton(
            t.label("cores-button-edit", number=t.digits(c.id)),
            callback_data=cb.CORE_EDIT.pack(c.id),
        )
        for c in cores
    ]
    keyboard = rows(buttons, 3)
    keyboard.append(
        [InlineKeyboardButton(t.label("cores-button-new"), callback_data=cb.CORE_NEW.pack())]
    )
    lines = [await core_lines(context, core) for core in cores]
    text = t("cores-list", lines=t.join("\n\n", lines)) if cores else t("cores-none")
    await send(update, context, text, InlineKeyboardMarkup(keyboard))


# --- the form ---------------------------------------------------------------------------------


def _keep_markup(context: KhoosheContext, key: str = "cores-button-keep") -> InlineKeyboardMarkup:
    t = context.t
    return InlineKeyboardMarkup(
        [
            [
                button(t, key, cb.CORE_KEEP.pack()),
                button(t, "button-cancel", cb.CORE_CANCEL.pack()),
            ]
        ]
    )


def _cancel_markup(context: KhoosheContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t.label("button-cancel"), callback_data=cb.CORE_CANCEL.pack()
                )
            ]
        ]
    )


async def _step(update: Update, context: KhoosheContext, step: str) -> str:
    """Ask the question of `step` (stored first, so a restart resumes it)."""
    draft, t = _draft(context), context.t
    draft["step"] = step
    await context.save_form_now(FORM, step)
    editing = draft.get("id") is not None
    if step == NAME:
        markup = _keep_markup(context) if editing else _cancel_markup(context)
        await send(update, context, t("cores-ask-name", current=draft.get("name", "")), markup)
    elif step == DESCRIPTION:
        markup = _keep_markup(context) if editing else _cancel_markup(context)
        await send(update, context, t("cores-ask-description"), markup)
    elif step == TOPICS:
        await send(update, context, t("cores-ask-topics"), _topics_markup(context))
    elif step == KEYWORDS:
        key = "cores-button-keep" if editing else "cores-button-no-keywords"
        current = t.join(t.label("list-separator"), draft.get("keywords", [])) or "—"
        await send(
            update, context, t("cores-ask-keywords", current=current), _keep_markup(context, key)
        )
    elif step == GROUP:
        key = "cores-button-keep" if editing else "cores-button-no-group"
        await send(update, context, t("cores-ask-group"), _keep_markup(context, key))
    else:
        await send(update, context, _summary(context), _confirm_markup(context))
    return step


def _topics_markup(context: KhoosheContext) -> InlineKeyboardMarkup:
    t, chosen = context.t, set(_draft(context).get("categories", []))
    buttons = [
        InlineKeyboardButton(
            ("✅ " if c in chosen else "") + t.label(f"category-{c}"),
            callback_data=cb.CORE_TOPIC.pack(c),
        )
        for c in CATEGORIES
    ]
    keyboard = rows(buttons, 2)
    keyboard.append(
        [
            InlineKeyboardButton(
                t.label("cores-button-topics-done"), callback_data=cb.CORE_TOPICS_DONE.pack()
            )
        ]
    )
    return InlineKeyboardMarkup(keyboard)


def _confirm_markup(context: KhoosheContext) -> InlineKeyboardMarkup:
    t = context.t
    return InlineKeyboardMarkup(
        [
            [
                button(t, "cores-button-save", cb.CORE_SAVE.pack()),
                button(t, "button-cancel", cb.CORE_CANCEL.pack()),
            ]
        ]
    )


def _summary(context: KhoosheContext) -> str:
    t, draft = context.t, _draft(context)
    sep = t.label("list-separator")
    group = draft.get("group_chat_id")
    return t(
        "cores-confirm",
        name=draft.get("name", ""),
        description=draft.get("description") or "—",
        categories=t.join(sep, [t.label(f"category-{c}") for c in draft.get("categories", [])])
        or "—",
        keywords=t.join(sep, draft.get("keywords", [])) or "—",
        group=t.digits(group) if group else "—",
    )


@requires(Role.ADMIN)
async def start_new(update: Update, context: KhoosheContext) -> str | None:
    """«➕ هسته تازه»."""
    assert update.callback_query is not None and context.user_data is not None
    await update.callback_query.answer()
    context.user_data[DRAFT] = {"categories": [], "keywords": []}
    return await _step(update, context, NAME)


@requires(Role.ADMIN)
async def start_edit(update: Update, context: KhoosheContext) -> str | None:
    """«✏️» under a core: the same questions, each with «keep»."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    core = await get_core(context.db, cb.CORE_EDIT.first_int(query.data) or 0)
    if core is None:
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    context.user_data[DRAFT] = {
        "id": core.id,
        "name": core.name,
        "description": core.description,
        "categories": list(core.categories),
        "keywords": list(core.keywords),
        "group_platform": core.group_platform,
        "group_chat_id": core.group_chat_id,
    }
    return await _step(update, context, NAME)


_NEXT = {NAME: DESCRIPTION, DESCRIPTION: TOPICS, TOPICS: KEYWORDS, KEYWORDS: GROUP, GROUP: CONFIRM}


async def on_text(update: Update, context: KhoosheContext) -> str:
    """A typed answer to the current step."""
    message = update.message
    assert message is not None and message.text is not None
    draft = _draft(context)
    step = draft.get("step", NAME)
    value = await normalized(message.text)
    if step == NAME:
        if not value or len(value) > NAME_MAX:
            await send(update, context, context.t("cores-bad-name"))
            return await _step(update, context, NAME)
        draft["name"] = value
    elif step == DESCRIPTION:
        draft["description"] = value[:DESCRIPTION_MAX]
    elif step == KEYWORDS:
        words = [w.strip() for w in _KEYWORD_SPLIT.split(value) if w.strip()]
        draft["keywords"] = list(dict.fromkeys(words))[:KEYWORDS_MAX]
    elif step == GROUP:
        chat_id = fold_digits(message.text).strip().replace("−", "-")
        if not re.fullmatch(r"-\d{1,19}", chat_id):
            await send(update, context, context.t("cores-bad-group"))
            return await _step(update, context, GROUP)
        draft["group_chat_id"] = int(chat_id)
        draft["group_platform"] = context.platform.value
    else:
        await send(update, context, context.t("form-use-buttons"))
        return await _step(update, context, step)
    return await _step(update, context, _NEXT[step])


async def on_keep(update: Update, context: KhoosheContext) -> str:
    """«keep» (or «none» for a new core's optional fields)."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    draft = _draft(context)
    step = draft.get("step", NAME)
    if step == NAME and not draft.get("name"):
        return await _step(update, context, NAME)
    if step == GROUP and draft.get("id") is None:
        draft["group_chat_id"] = draft["group_platform"] = None
    return await _step(update, context, _NEXT.get(step, CONFIRM))


async def on_topic(update: Update, context: KhoosheContext) -> str:
    """A category toggled on or off."""
    query = update.callback_query
    assert query is not None
    slug = cb.CORE_TOPIC.words(query.data)[0]
    if slug not in CATEGORIES:
        await query.answer(context.t("button-expired"), show_alert=True)
        return TOPICS
    await query.answer()
    chosen: list[str] = _draft(context).setdefault("categories", [])
    if slug in chosen:
        chosen.remove(slug)
    else:
        chosen.append(slug)
    await context.save_form_now(FORM, TOPICS)
    try:
        await query.edit_message_reply_markup(_topics_markup(context))
    except Exception:  # Bale's edits of buttons are unreliable: ask again
        await send(update, context, context.t("cores-ask-topics"), _topics_markup(context))
    return TOPICS


async def on_topics_done(update: Update, context: KhoosheContext) -> str:
    """Categories chosen."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await _step(update, context, KEYWORDS)


@requires(Role.ADMIN)
async def on_save(update: Update, context: KhoosheContext) -> str | int:
    """Store the core (checked again: a grant may have been taken meanwhile)."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    draft = _draft(context)
    fields = CoreFields(
        name=draft.get("name", ""),
        description=draft.get("description", ""),
        categories=[c for c in draft.get("categories", []) if c in CATEGORIES],
        keywords=draft.get("keywords", []),
        group_platform=draft.get("group_platform"),
        group_chat_id=draft.get("group_chat_id"),
    )
    try:
        core = await save_core(context.db, fields, draft.get("id"))
    except ValueError:
        await query.answer(context.t("cores-name-taken"), show_alert=True)
        return await _step(update, context, NAME)
    await query.answer()
    context.user_data.pop(DRAFT, None)
    await replace_pressed(update, context.t("cores-saved", name=core.name))
    await send(
        update,
        context,
        context.t("cores-grant-hint", name=core.name, number=context.t.digits(core.id)),
    )
    return ConversationHandler.END


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The core form."""
    buttons = menu.buttons(app)
    text = buttons.text
    other = ~filters.COMMAND & ~buttons.menu & ~buttons.cancel & ~filters.TEXT
    keep = CallbackQueryHandler(on_keep, pattern=cb.CORE_KEEP.pattern())
    states: dict[object, list[Any]] = {
        step: [keep, MessageHandler(text, on_text)]
        for step in (NAME, DESCRIPTION, KEYWORDS, GROUP)
    }
    states[TOPICS] = [
        CallbackQueryHandler(on_topic, pattern=cb.CORE_TOPIC.pattern()),
        CallbackQueryHandler(on_topics_done, pattern=cb.CORE_TOPICS_DONE.pattern()),
        MessageHandler(text, on_text),
    ]
    states[CONFIRM] = [
        CallbackQueryHandler(on_save, pattern=cb.CORE_SAVE.pattern()),
        MessageHandler(text, on_text),
    ]
    for handlers in states.values():
        handlers.append(MessageHandler(other, on_text_only))
    return forms.form(
        app,
        FORM,
        entry_points=[
            CallbackQueryHandler(start_new, pattern=cb.CORE_NEW.pattern()),
            CallbackQueryHandler(start_edit, pattern=cb.CORE_EDIT.pattern()),
        ],
        states=states,
        cancel=forms.cancel_dropping(DRAFT, "cores-cancelled"),
        cancel_button=cb.CORE_CANCEL,
        leave_for_menu=forms.leave_dropping(DRAFT),
        timeout_key="cores-form-timeout",
    )


async def on_text_only(update: Update, context: KhoosheContext) -> str:
    """A file or sticker where text (or a button) is expected."""
    step = _draft(context).get("step", NAME)
    await send(update, context, context.t("form-use-buttons"))
    return await _step(update, context, step)


def register(app: Application) -> None:
    """Install /cores and the core form."""
    app.add_handler(build(app))
    app.add_handler(private_command("cores", list_command))
