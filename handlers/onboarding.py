# Over 500 lines: one ConversationHandler for registration and profile edits, sharing fields.
"""The member form: registration after /start, and editing one profile field.

One ConversationHandler serves both, so every field is asked, validated and re-asked on bad
input in exactly one place. The form's draft lives in user_data["form"] and the state in the
conversation, both persisted in SQLite, so a half-finished form survives a restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import callbacks as cb
from bot.context import KhoosheContext
from bot.i18n import Texts
from bot.roles import access_of
from bot.services.members import (
    CLUSTER,
    COMPANY,
    EDITABLE,
    ESTATE,
    JOB_ROLE,
    LANGUAGE,
    LANGUAGES,
    NAME,
    PHONE,
    REGISTER_ORDER,
    FieldError,
    clean_company,
    clean_name,
    new_member,
)
from bot.services.places import read_as_persian
from bot.text import loose_match, parse_phone
from handlers import forms, menu, profile
from handlers.keyboards import (
    answer,
    contact_keyboard,
    main_menu,
    paged,
    pressed_word,
    private_command,
    replace_pressed,
    retire_buttons,
    rows,
    send,
    show_card,
)
from storage.clusters import Kind, Place, get_place, list_places
from storage.members import (
    JOB_ROLES,
    get_member_by_id,
    link_address,
    link_candidate,
    register_member,
    update_member,
)

log = logging.getLogger(__name__)

CONFIRM = "confirm"
# Registering on the second platform with a verified phone a member on the first has: link?
LINK = "link"
FORM = "member_form"
NO_ESTATE = "-"


# --- asking ---------------------------------------------------------------------------------


def _place_items(places: list[Place], lang: str, family: cb.Button) -> list[tuple[str, str]]:
    return [(p.name(lang), family.pack(p.code)) for p in places]


async def _cluster_markup(context: KhoosheContext, page: int) -> InlineKeyboardMarkup:
    places = await list_places(context.db, "cluster")
    items = _place_items(places, context.t.lang, cb.FORM_CLUSTER)
    return paged(context.t, items, page, cb.FORM_CLUSTER_PAGE.pack)


async def _estate_markup(context: KhoosheContext, page: int) -> InlineKeyboardMarkup:
    places = await list_places(context.db, "estate")
    none = InlineKeyboardButton(
        context.t.label("button-no-estate"), callback_data=cb.FORM_ESTATE.pack(NO_ESTATE)
    )
    items = _place_items(places, context.t.lang, cb.FORM_ESTATE)
    return paged(context.t, items, page, cb.FORM_ESTATE_PAGE.pack, extra=[none])


def _job_role_markup(t: Texts) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(t.label(f"job-role-{r}"), callback_data=cb.FORM_JOB_ROLE.pack(r))
        for r in JOB_ROLES
    ]
    return InlineKeyboardMarkup(rows(buttons, 2))


def _language_markup(t: Texts, family: cb.Button = cb.FORM_LANGUAGE) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(t.label(f"language-{lang}"), callback_data=family.pack(lang))
        for lang in LANGUAGES
    ]
    return InlineKeyboardMarkup(rows(buttons, 2))


def _welcome_language_markup(t: Texts) -> InlineKeyboardMarkup:
    """The languages under the welcome, Persian first: the rest of the form speaks the one
    pressed, so a member who reads Azerbaijani better registers in it."""
    return _language_markup(t, cb.FORM_WELCOME_LANGUAGE)


async def ask(update: Update, context: KhoosheContext, field: str) -> str:
    """Ask for `field` and return it as the conversation's next state."""
    t = context.t
    await retire_buttons(update, context, context.form.pop("question_id", None))
    previous = context.form.get("step")
    # Stored, with the step it leads to, before the member sees the next question.
    context.form["step"] = field
    await context.save_form_now(FORM, field)
    try:
        if field == NAME:
            await send(update, context, t("form-ask-name"), ReplyKeyboardRemove())
        elif field == COMPANY:
            await send(update, context, t("form-ask-company"))
        elif field == PHONE:
            await send(update, context, t("form-ask-phone"), contact_keyboard(t))
        else:
            text: str
            markup: InlineKeyboardMarkup
            if field == CLUSTER:
                text, markup = t("form-ask-cluster"), await _cluster_markup(context, 0)
            elif field == ESTATE:
                text, markup = t("form-ask-estate"), await _estate_markup(context, 0)
            elif field == JOB_ROLE:
                text, markup = t("form-ask-job-role"), _job_role_markup(t)
            elif field == LANGUAGE:
                text, markup = t("form-ask-language"), _language_markup(t)
            elif field == LINK:
                text, markup = await _link_offer(context)
            else:
                text, markup = await _summary(context)
            message = await send(update, context, text, markup)
            context.form["question_id"] = message.message_id
    except Exception:
        # The question never went out: the conversation stays where it was (PTB keeps the
        # old state when a handler raises), so the stored step must too.
        context.form["step"] = previous
        await context.save_form_now(FORM, previous)
        raise
    return field


async def _summary(context: KhoosheContext) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    summary = await profile.describe(context, context.form["draft"])
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("button-confirm"), callback_data=cb.FORM_CONFIRM.pack()
                )
            ],
            [
                InlineKeyboardButton(t.label("button-fix"), callback_data=cb.FORM_FIX.pack()),
                InlineKeyboardButton(
                    t.label("button-cancel"), callback_data=cb.FORM_CANCEL.pack()
                ),
            ],
        ]
    )
    return t("form-confirm", summary=summary), markup


async def _link_offer(context: KhoosheContext) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    other = await get_member_by_id(context.db, int(context.form.get("link", 0)))
    text = t(
        "link-offer",
        name=other.name if other else "",
        platform=t(f"platform-{other.platform}") if other else "",
    )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("link-button-yes"), callback_data=cb.FORM_LINK_YES.pack()
                )
            ],
            [
                InlineKeyboardButton(
                    t.label("link-button-no"), callback_data=cb.FORM_LINK_NO.pack()
                )
            ],
        ]
    )
    return text, markup


# --- moving on after a field is accepted ------------------------------------------------------


async def accepted(update: Update, context: KhoosheContext, field: str, value: Any) -> str | int:
    """Keep an accepted value and go to the next step (or save, when editing)."""
    form = context.form
    if form.get("mode") == "edit":
        return await _save_edit(update, context, field, value, form.get("phone_verified"))
    form["draft"][field] = value
    return await _next_step(update, context)


async def _next_step(update: Update, context: KhoosheContext) -> str:
    """The first unanswered question of the registration, or the summary."""
    form = context.form
    if form.get("back_to_confirm"):
        return await ask(update, context, CONFIRM)
    for next_field in REGISTER_ORDER:
        if next_field not in form["draft"]:
            return await ask(update, context, next_field)
    return await ask(update, context, CONFIRM)


async def _save_edit(
    update: Update, context: KhoosheContext, field: str, value: Any, verified: object
) -> int:
    member = context.member
    if member is None:  # deleted or never registered: nothing to edit
        context.form.clear()
        await send(update, context, context.t("form-not-registered"), ReplyKeyboardRemove())
        return ConversationHandler.END
    changes: dict[str, Any] = {field: value}
    if field == PHONE:
        changes["phone_verified"] = bool(verified)
    await update_member(context.db, member.id, **changes)
    context.form.clear()
    if field == LANGUAGE:
        context.t = context.texts_for(value)
    user = update.effective_user
    assert user is not None
    access = await access_of(context, user.id)
    await send(update, context, context.t("profile-saved"), main_menu(context.t, access))
    await profile.send_profile(update, context)
    return ConversationHandler.END


# --- entry points ---------------------------------------------------------------------------


async def start(update: Update, context: KhoosheContext) -> str | int:
    """/start: the menu for members, the form (or where it stopped) for everyone else."""
    user = update.effective_user
    assert user is not None
    if context.member is not None:
        context.form.clear()
        await menu.show_menu(update, context, "menu-welcome-back")
        return ConversationHandler.END
    resumed = await _resume(update, context)
    if resumed is not None:
        return resumed
    if (await access_of(context, user.id)).is_staff_side:
        # Staff who are not members (admins, mostly) get their commands, not the member form;
        # one who is also a member of a cluster registers from the button.
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        context.t.label("staff-start-register"),
                        callback_data=cb.FORM_REGISTER.pack(),
                    )
                ]
            ]
        )
        await send(update, context, context.t("staff-start"), markup)
        await menu.staff_help(update, context)
        return ConversationHandler.END
    return await _begin_registration(update, context)


async def register_from_button(update: Update, context: KhoosheContext) -> str | int:
    """«ثبت‌نام به‌عنوان عضو» under a staff member's /start welcome."""
    await answer(update)
    if context.member is not None:
        await menu.show_menu(update, context, "menu-welcome-back")
        return ConversationHandler.END
    resumed = await _resume(update, context)
    if resumed is not None:
        return resumed
    return await _begin_registration(update, context)


async def _resume(update: Update, context: KhoosheContext) -> str | None:
    """A registration left midway: said so, and its step asked again (None: there is none)."""
    form = context.form
    if form.get("mode") != "register" or not form.get("step"):
        return None
    await send(update, context, context.t("form-resume"))
    return await ask(update, context, form["step"])


async def _begin_registration(update: Update, context: KhoosheContext) -> str | int:
    form = context.form
    form.clear()
    form.update(mode="register", draft={})
    deep = context.args[0] if context.args else ""
    await send(update, context, context.t("form-welcome"), _welcome_language_markup(context.t))
    if deep.startswith("c_"):
        place = await get_place(context.db, "cluster", deep[2:].lower())
        if place is not None and place.active:
            form["draft"][CLUSTER] = place.code
            await send(
                update, context, context.t("form-deep-link", cluster=place.name(context.t.lang))
            )
    return await ask(update, context, NAME)


async def edit_entry(update: Update, context: KhoosheContext) -> str | int | None:
    """A profile button: edit one field of the member's own profile."""
    chat = update.effective_chat
    private = chat is not None and chat.type == chat.PRIVATE
    editable = EDITABLE if context.member is not None and private else ()
    field = await pressed_word(update, context, cb.PROFILE_EDIT, editable)
    if field is None:
        return ConversationHandler.END
    context.form.clear()
    context.form.update(mode="edit", draft={}, field=field)
    return await ask(update, context, field)


# --- field handlers -------------------------------------------------------------------------


async def _retry(update: Update, context: KhoosheContext, key: str) -> str:
    """Explain what was wrong and ask the same thing again."""
    step = context.form.get("step", NAME)
    await send(update, context, context.t(key))
    return await ask(update, context, step)


def _typed(field: str, clean: Callable[[str], Awaitable[str]]) -> forms.Callback:
    """The handler of a typed answer to `field`: cleaned by bot/services/members.py, or the
    reason told and the same question asked again."""

    async def on_typed(update: Update, context: KhoosheContext) -> str | int:
        assert update.message is not None and update.message.text is not None
        try:
            value = await clean(update.message.text)
        except FieldError as error:
            return await _retry(update, context, error.key)
        return await accepted(update, context, field, value)

    return on_typed


on_name = _typed(NAME, clean_name)
on_company = _typed(COMPANY, clean_company)


async def _chosen_place(
    update: Update, context: KhoosheContext, kind: str, family: cb.Button
) -> str | None:
    query = update.callback_query
    assert query is not None and query.data is not None
    code = str((family.unpack(query.data) or ("",))[0])
    if kind == "estate" and code == NO_ESTATE:
        await query.answer()
        return NO_ESTATE
    place = await get_place(context.db, "cluster" if kind == "cluster" else "estate", code)
    if place is None or not place.active:
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    await _show_choice(update, context, place.name(context.t.lang))
    return place.code


async def _show_choice(update: Update, context: KhoosheContext, choice: str) -> None:
    """The used list becomes "✔️ <choice>", so its buttons cannot be pressed again."""
    await replace_pressed(update, context.t("form-chosen", choice=choice))


async def on_cluster_button(update: Update, context: KhoosheContext) -> str | int | None:
    """A cluster was picked from the list."""
    code = await _chosen_place(update, context, "cluster", cb.FORM_CLUSTER)
    if code is None:
        return None
    return await accepted(update, context, CLUSTER, code)


async def on_estate_button(update: Update, context: KhoosheContext) -> str | int | None:
    """An estate (or "none") was picked from the list."""
    code = await _chosen_place(update, context, "estate", cb.FORM_ESTATE)
    if code is None:
        return None
    if code == NO_ESTATE:
        await replace_pressed(
            update, context.t("form-chosen", choice=context.t("button-no-estate"))
        )
    return await accepted(update, context, ESTATE, None if code == NO_ESTATE else code)


async def on_page(update: Update, context: KhoosheContext) -> None:
    """Next/previous page of the cluster or estate list."""
    query = update.callback_query
    assert query is not None and query.data is not None
    family = cb.family_of(query.data)
    page = (family.first_int(query.data) if family is not None else None) or 0
    markup = (
        await _cluster_markup(context, page)
        if family is cb.FORM_CLUSTER_PAGE
        else await _estate_markup(context, page)
    )
    await query.answer()
    try:
        await query.edit_message_reply_markup(markup)
    except TelegramError as exc:  # same page pressed twice: "message is not modified"
        log.info("page not changed (%s)", exc.__class__.__name__)


async def on_place_text(update: Update, context: KhoosheContext) -> str | None:
    """A cluster or estate typed instead of tapped: offer the closest names as buttons."""
    assert update.message is not None and update.message.text is not None
    step = context.form.get("step", CLUSTER)
    kind: Kind = "cluster" if step == CLUSTER else "estate"
    places = await list_places(context.db, kind)
    lang = context.t.lang
    names = {p.code: f"{p.name_fa} {p.name_en}" for p in places}
    typed = update.message.text
    matches = loose_match(typed, names, limit=5)
    if not matches:
        # «دری» or «charm» for «چرم و کفش», «ghazaei» for «صنایع غذایی»: read as Persian.
        read = await asyncio.to_thread(read_as_persian, typed)
        matches = loose_match(read, names, limit=5) if read != typed else []
    if not matches:
        return await _retry(update, context, f"form-{kind}-not-found")
    by_code = {p.code: p for p in places}
    choose, page = (
        (cb.FORM_CLUSTER, cb.FORM_CLUSTER_PAGE)
        if kind == "cluster"
        else (cb.FORM_ESTATE, cb.FORM_ESTATE_PAGE)
    )
    buttons = [
        InlineKeyboardButton(by_code[c].name(lang), callback_data=choose.pack(c)) for c in matches
    ]
    buttons.append(
        InlineKeyboardButton(context.t.label("button-show-all"), callback_data=page.pack(0))
    )
    await send(
        update, context, context.t("form-did-you-mean"), InlineKeyboardMarkup(rows(buttons, 1))
    )
    return None


async def on_contact(update: Update, context: KhoosheContext) -> str | int:
    """A shared contact: accepted only if it is the member's own."""
    message = update.message
    assert message is not None and message.contact is not None
    user = update.effective_user
    assert user is not None
    owner = message.contact.user_id
    if owner is None and context.state.adapter.contact_has_owner:
        # Telegram's share button always names the sender: no id means an address-book card.
        return await _retry(update, context, "form-phone-not-own")
    if owner is not None and owner != user.id:
        return await _retry(update, context, "form-phone-not-own")
    # Telegram sends contact numbers without "+", so a foreign SIM reads as bare digits.
    phone = parse_phone(message.contact.phone_number, assume_international=True)
    if phone is None:
        return await _retry(update, context, "form-phone-invalid")
    return await _phone_accepted(update, context, phone, verified=owner == user.id)


async def on_phone_text(update: Update, context: KhoosheContext) -> str | int:
    """A number typed by hand: accepted, but not marked as verified."""
    assert update.message is not None and update.message.text is not None
    phone = parse_phone(update.message.text)
    if phone is None:
        return await _retry(update, context, "form-phone-invalid")
    return await _phone_accepted(update, context, phone, verified=False)


async def _phone_accepted(
    update: Update, context: KhoosheContext, phone: str, *, verified: bool
) -> str | int:
    context.form["phone_verified"] = verified
    if context.form.get("mode") != "edit":
        context.form["draft"]["phone_verified"] = verified
        # Take the contact keyboard away before the next question's inline buttons.
        await send(update, context, context.t("form-phone-thanks"), ReplyKeyboardRemove())
        # Only a shared contact proves the number is theirs: a typed one links nothing.
        other = (
            await link_candidate(context.db, context.platform.value, phone) if verified else None
        )
        if other is not None:
            context.form["draft"][PHONE] = phone
            context.form["link"] = other.id
            return await ask(update, context, LINK)
    return await accepted(update, context, PHONE, phone)


async def on_link_yes(update: Update, context: KhoosheContext) -> str | int | None:
    """Link this account to the member with the same verified phone on the other platform:
    one member from now on, and the registration ends here."""
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    assert query is not None and user is not None and chat is not None
    draft = context.form.get("draft", {})
    member = None
    if draft.get("phone_verified") and PHONE in draft:
        member = await link_address(
            context.db,
            int(context.form.get("link", 0)),
            context.platform.value,
            user.id,
            chat.id,
            draft[PHONE],
        )
    await query.answer()
    context.form.pop("link", None)
    if member is None:  # the other account changed its number, was deleted or linked meanwhile
        await send(update, context, context.t("link-gone"))
        return await _next_step(update, context)
    await replace_pressed(update, context.t("form-chosen", choice=context.t("link-button-yes")))
    context.form.clear()
    context.member = member
    context.access = None
    context.t = context.texts_for(member.language)
    log.info("member %s linked an account on %s", member.id, context.platform)
    other = next(p for p in cb.PLATFORMS if p != context.platform.value)
    await menu.show_menu(
        update, context, "link-done", name=member.name, platform=context.t(f"platform-{other}")
    )
    return ConversationHandler.END


async def on_link_no(update: Update, context: KhoosheContext) -> str:
    """Register this account as a member of its own (two members, as before linking)."""
    await answer(update)
    context.form.pop("link", None)
    await replace_pressed(update, context.t("form-chosen", choice=context.t("link-button-no")))
    return await _next_step(update, context)


async def _on_choice(
    update: Update, context: KhoosheContext, family: cb.Button, field: str,
    allowed: tuple[str, ...], label: str,
) -> str | int | None:  # fmt: skip
    """A button from a fixed list (job role, language): check it, close the list, go on."""
    value = await pressed_word(update, context, family, allowed)
    if value is None:
        return None
    await _show_choice(update, context, context.t(f"{label}{value}"))
    return await accepted(update, context, field, value)


async def on_job_role(update: Update, context: KhoosheContext) -> str | int | None:
    """The member's role in their company."""
    return await _on_choice(update, context, cb.FORM_JOB_ROLE, JOB_ROLE, JOB_ROLES, "job-role-")


async def on_language(update: Update, context: KhoosheContext) -> str | int | None:
    """The bot's language for this member."""
    return await _on_choice(update, context, cb.FORM_LANGUAGE, LANGUAGE, LANGUAGES, "language-")


async def on_welcome_language(update: Update, context: KhoosheContext) -> str | None:
    """A language under the welcome: say the welcome again in it and ask the same question."""
    form = context.form
    languages = LANGUAGES if form.get("mode") == "register" else ()
    value = await pressed_word(update, context, cb.FORM_WELCOME_LANGUAGE, languages)
    if value is None:
        return None
    # Kept in the draft, which the middleware reads to speak it on every later update.
    form["draft"][LANGUAGE] = value
    t = context.t = context.texts_for(value)
    await show_card(update, context, t("form-welcome"), _welcome_language_markup(t))
    return await ask(update, context, form.get("step") or NAME)


async def on_confirm(update: Update, context: KhoosheContext) -> str | int:
    """Store the registration, then welcome the new member."""
    query = update.callback_query
    assert query is not None
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    try:
        new = new_member(context.form.get("draft", {}))
    except FieldError as error:
        await query.answer()
        return await _retry(update, context, error.key)
    new = replace(new, language=context.t.lang)
    member, created = await register_member(context.db, context.platform, user.id, chat.id, new)
    await query.answer()
    await replace_pressed(
        update, context.t("form-chosen", choice=context.t("form-registered-short"))
    )
    context.form.clear()
    context.member = member
    context.access = None
    key = "form-registered" if created else "form-already-registered"
    log.info("member %s registered on %s (created=%s)", member.id, context.platform, created)
    await menu.show_menu(update, context, key, name=member.name)
    return ConversationHandler.END


async def on_fix(update: Update, context: KhoosheContext) -> None:
    """ "Edit" on the summary: choose which answer to change."""
    await answer(update)
    t = context.t
    buttons = [
        InlineKeyboardButton(
            t.label(f"field-{field}"), callback_data=cb.FORM_FIX_FIELD.pack(field)
        )
        for field in REGISTER_ORDER
    ]
    await send(update, context, t("form-fix-which"), InlineKeyboardMarkup(rows(buttons, 2)))


async def on_fix_field(update: Update, context: KhoosheContext) -> str | None:
    """Change one answer, then come back to the summary."""
    field = await pressed_word(update, context, cb.FORM_FIX_FIELD, REGISTER_ORDER)
    if field is None:
        return None
    context.form["back_to_confirm"] = True
    return await ask(update, context, field)


async def on_wrong_input(update: Update, context: KhoosheContext) -> str:
    """Something other than what this step needs (a sticker, a photo, a voice note…)."""
    step = context.form.get("step", NAME)
    hint = {
        PHONE: "form-phone-hint",
        CLUSTER: "form-use-buttons",
        ESTATE: "form-use-buttons",
        JOB_ROLE: "form-use-buttons",
        LANGUAGE: "form-use-buttons",
        LINK: "form-use-buttons",
        CONFIRM: "form-use-buttons",
    }.get(step, "form-text-only")
    return await _retry(update, context, hint)


async def cancel(update: Update, context: KhoosheContext) -> int:
    """/cancel (or the cancel button) at any step."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    editing = context.form.get("mode") == "edit"
    context.form.clear()
    if context.member is not None:
        await menu.show_menu(update, context, "form-edit-cancelled" if editing else "cancelled")
    else:
        await send(update, context, context.t("form-cancelled"), ReplyKeyboardRemove())
    return ConversationHandler.END


async def help_in_form(update: Update, context: KhoosheContext) -> str:
    """/help in the middle of the form: help, then the same question again."""
    await send(update, context, context.t("help-form"))
    return await ask(update, context, context.form.get("step", NAME))


async def menu_in_form(update: Update, context: KhoosheContext) -> str | int:
    """A main-menu button while editing: drop the edit and do what the button says.

    During registration there is no menu yet (its text was typed by hand): ask again.
    """
    if context.form.get("mode") != "edit":
        return await _retry(update, context, "form-text-only")
    context.form.clear()
    await menu.on_menu_button(update, context)
    return ConversationHandler.END


# --- registration ---------------------------------------------------------------------------


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The member form's ConversationHandler."""
    buttons = menu.buttons(app)
    text = buttons.text
    states: dict[object, list[Any]] = {
        NAME: [MessageHandler(text, on_name)],
        COMPANY: [MessageHandler(text, on_company)],
        CLUSTER: [
            CallbackQueryHandler(on_cluster_button, pattern=cb.FORM_CLUSTER.pattern()),
            CallbackQueryHandler(on_page, pattern=cb.FORM_CLUSTER_PAGE.pattern()),
            MessageHandler(text, on_place_text),
        ],
        ESTATE: [
            CallbackQueryHandler(on_estate_button, pattern=cb.FORM_ESTATE.pattern()),
            CallbackQueryHandler(on_page, pattern=cb.FORM_ESTATE_PAGE.pattern()),
            MessageHandler(text, on_place_text),
        ],
        PHONE: [
            MessageHandler(filters.CONTACT, on_contact),
            MessageHandler(text, on_phone_text),
        ],
        JOB_ROLE: [CallbackQueryHandler(on_job_role, pattern=cb.FORM_JOB_ROLE.pattern())],
        LANGUAGE: [CallbackQueryHandler(on_language, pattern=cb.FORM_LANGUAGE.pattern())],
        LINK: [
            CallbackQueryHandler(on_link_yes, pattern=cb.FORM_LINK_YES.pattern()),
            CallbackQueryHandler(on_link_no, pattern=cb.FORM_LINK_NO.pattern()),
        ],
        CONFIRM: [
            CallbackQueryHandler(on_confirm, pattern=cb.FORM_CONFIRM.pattern()),
            CallbackQueryHandler(on_fix, pattern=cb.FORM_FIX.pattern()),
            CallbackQueryHandler(on_fix_field, pattern=cb.FORM_FIX_FIELD.pattern()),
        ],
    }
    for handlers in states.values():
        handlers.append(MessageHandler(buttons.other, on_wrong_input))
        # The welcome's language buttons stay pressable at every step of the registration.
        handlers.append(
            CallbackQueryHandler(on_welcome_language, pattern=cb.FORM_WELCOME_LANGUAGE.pattern())
        )
    # Callback buttons are tracked per chat and user, not per message, on purpose: a member
    # may scroll back and tap the list they were given (handlers/forms.py).
    return forms.form(
        app,
        FORM,
        entry_points=[
            private_command("start", start),
            CallbackQueryHandler(register_from_button, pattern=cb.FORM_REGISTER.pattern()),
            CallbackQueryHandler(edit_entry, pattern=cb.PROFILE_EDIT.pattern()),
        ],
        states=states,
        cancel=cancel,
        cancel_button=cb.FORM_CANCEL,
        fallbacks=[private_command("help", help_in_form)],
        leave_for_menu=menu_in_form,
        timeout_key=_timeout_key,
    )


def _timeout_key(context: KhoosheContext) -> str:
    """Registration resumes where it stopped (/start); a profile edit is simply closed."""
    return (
        "form-timeout-register" if context.form.get("mode") == "register" else "form-timeout-edit"
    )


def register(app: Application) -> None:
    """Install the member form."""
    app.add_handler(build(app))
