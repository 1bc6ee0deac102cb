# Over 500 lines: one report form; "my reports" (its last section) is the next piece to move.
"""Members report problems: describe, choose a category, join a similar report or file one.

The draft lives in user_data["report"] (persisted in SQLite) from the first message on, so a
restart or a detour to the menu loses nothing; "📝 ثبت مشکل" again resumes it.
"""

from __future__ import annotations

import logging
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
from bot.services.reports import (
    CATEGORIES,
    DraftError,
    add_attachment,
    add_text,
    clean_summary,
    description,
    proposed_summary,
    similar_open_reports,
    suggestions,
    to_new_report,
    typed_code,
)
from bot.text import clip
from handlers import consult, forms, menu, triage_cards, triage_relays
from handlers.describing import Describing
from handlers.keyboards import answer, pressed_word, private_command, replace_pressed, rows, send
from storage.clock import parse_iso
from storage.reports import (
    OPEN_STATUSES,
    Report,
    ReportEvent,
    coreporter_count,
    create_report,
    get_by_code,
    get_report,
    history,
    is_announced,
    is_party,
    join_report,
    member_reports,
)

log = logging.getLogger(__name__)

COMPOSE, CATEGORY, SIMILAR, URGENCY, SUMMARY, CONFIRM = (
    "compose",
    "category",
    "similar",
    "urgency",
    "summary",
    "confirm",
)
PAGE = 5
FORM = "report_form"
PREVIEW_CHARS = 600
HISTORY_LINES = 12


# --- helpers ----------------------------------------------------------------------------------


DESCRIBING = Describing(
    FORM, "report", COMPOSE, cb.REPORT_DONE, cb.REPORT_CANCEL, received="report-received"
)
_draft, _question = DESCRIBING.draft, DESCRIBING.question


def _code(context: KhoosheContext, code: str) -> str:
    return context.t.digits(code)


# --- entry ------------------------------------------------------------------------------------


async def start_report(update: Update, context: KhoosheContext) -> str | int:
    """ "Report a problem": start a draft, or resume the unfinished one."""
    if context.member is None:
        await menu.show_menu(update, context, "not-registered-hint")
        return ConversationHandler.END
    draft = _draft(context)
    step = draft.get("step")
    if step and step != COMPOSE:
        await send(update, context, context.t("report-resume"))
        return await _ask(update, context, step)
    if draft["parts"] or draft["attachments"]:
        await send(update, context, context.t("report-resume"))
    return await DESCRIBING.ask(update, context, context.t("report-ask-description"))


async def start_from_text(update: Update, context: KhoosheContext) -> str | int | None:
    """«ثبت به‌عنوان مشکل» under text, a photo, a document or a voice note sent outside a form
    (handlers/menu.py): the form opens with the file as an attachment and the text (or the
    caption) as the first part of the description (after any unfinished draft's)."""
    query = update.callback_query
    assert query is not None
    key = cb.LOOSE_TEXT_REPORT.first_int(query.data)
    if context.member is None:
        await query.answer(context.t("button-expired"), show_alert=True)
        return ConversationHandler.END
    loose = menu.take_loose(context, key) if key is not None else None
    if loose is None:
        # A second tap (a double tap, or a slow phone's late one) or an old offer. This is an
        # entry point and the form may be open (the first tap opened it): ending here would
        # close that form under the member. None leaves the form as it is.
        taken = key is not None and key in _draft(context).get("loose_keys", [])
        if taken:
            await query.answer(context.t("report-form-already-open"))
        else:
            await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    files, t = loose.attachments, context.t
    if len(files) > 1:
        await replace_pressed(update, t("loose-album-taken", count=len(files)))
    else:
        await replace_pressed(update, t("loose-file-taken" if files else "loose-text-taken"))
    draft = _draft(context)
    resumed = bool(draft["parts"] or draft["attachments"])
    draft.setdefault("loose_keys", []).append(key)  # a second tap on this offer is told so
    error: DraftError | None = None
    try:
        for file in files:
            add_attachment(draft, file)
    except DraftError as too_many:
        error = too_many  # the files that fit are kept, and the caption still counts
    try:
        if loose.text:
            await add_text(draft, loose.text)
    except DraftError as bad_text:
        error = bad_text
    if error is not None:
        return await DESCRIBING.ask(update, context, t(error.key))
    # Back to describing: a draft already past it is categorised again from the new text.
    kind = "album" if len(files) > 1 else "file" if files else "text"
    if resumed:
        key_text = f"report-from-{kind}-resumed"
    else:
        key_text = f"report-from-{kind}-text" if files and loose.text else f"report-from-{kind}"
    reply = t(key_text, count=len(files)) if kind == "album" else t(key_text)
    return await DESCRIBING.ask(update, context, reply)


async def _ask(update: Update, context: KhoosheContext, step: str) -> str:
    if step == CATEGORY:
        return await _ask_category(update, context)
    if step == URGENCY:
        return await _ask_urgency(update, context)
    if step == SUMMARY:
        return await _ask_summary(update, context)
    if step == CONFIRM:
        return await _ask_confirm(update, context)
    if step == SIMILAR and _draft(context).get("similar"):
        return await _ask_similar(update, context)
    return await DESCRIBING.ask(update, context, context.t("report-ask-description"))


# --- composing --------------------------------------------------------------------------------


async def on_done(update: Update, context: KhoosheContext) -> str:
    """ "Done": suggest a category from what was written."""
    query = update.callback_query
    assert query is not None
    draft = _draft(context)
    if not draft["parts"] and not draft["attachments"]:
        await query.answer(context.t("report-empty"), show_alert=True)
        return COMPOSE
    await query.answer()
    if not draft["parts"]:
        # A voice note (or a photo) alone: nothing to suggest from; the member chooses, and
        # the title step asks for a few words.
        draft["suggested"], draft["choices"], draft["because"] = "other", [], []
        return await _all_categories(update, context, "report-ask-category-no-text")
    found = await suggestions(context.state.lexicon, description(draft))
    draft["suggested"] = found[0].slug
    # Offered beside the guess: only categories the text gave some sign of, never padding.
    draft["choices"] = [s.slug for s in found if s.score > 0]
    # The member's own words that led to the guess («bargh ghat», «ایشیق»), quoted back. A
    # guess of «سایر» («جواب نمیدن» alone) names no category: the member chooses from all.
    named = draft["choices"][:1] not in ([], ["other"])
    draft["because"] = list(found[0].words) if named else []
    return await _ask_category(update, context)


# --- category, similar reports, urgency, summary ----------------------------------------------


async def _ask_category(update: Update, context: KhoosheContext) -> str:
    t, draft = context.t, _draft(context)
    if not draft.get("because"):
        # Nothing in the text matched: a guess of «سایر» with padding buttons would only
        # mislead, so the member chooses from every category.
        return await _all_categories(update, context, "report-ask-category-none")
    choices = draft.get("choices") or ["other"]
    top, others = choices[0], [c for c in choices[1:] if c != "other"]
    last_row = [
        InlineKeyboardButton(
            t.label("report-button-all-categories"), callback_data=cb.REPORT_ALL_CATEGORIES.pack()
        )
    ]
    if top != "other":
        last_row.insert(
            0,
            InlineKeyboardButton(
                t.label("category-other"), callback_data=cb.REPORT_CATEGORY.pack("other")
            ),
        )
    guess = InlineKeyboardButton(
        "✅ " + t.label(f"category-{top}"), callback_data=cb.REPORT_CATEGORY.pack(top)
    )
    offered = [
        InlineKeyboardButton(t.label(f"category-{c}"), callback_data=cb.REPORT_CATEGORY.pack(c))
        for c in others
    ]
    # The other suggestions' row only if there are any: an empty row may be refused.
    buttons = [[guess], *([offered] if offered else []), last_row]
    text = t(
        "report-ask-category",
        category=t(f"category-{top}"),
        words=t.join(t.label("list-separator"), [f"«{word}»" for word in draft["because"]]),
    )
    return await _question(update, context, CATEGORY, text, InlineKeyboardMarkup(buttons))


async def on_all_categories(update: Update, context: KhoosheContext) -> str:
    """Show every category."""
    await answer(update)
    return await _all_categories(update, context, "report-ask-category-all")


async def _all_categories(update: Update, context: KhoosheContext, key: str) -> str:
    t = context.t
    buttons = [
        InlineKeyboardButton(t.label(f"category-{c}"), callback_data=cb.REPORT_CATEGORY.pack(c))
        for c in CATEGORIES
    ]
    return await _question(update, context, CATEGORY, t(key), InlineKeyboardMarkup(rows(buttons)))


async def on_category(update: Update, context: KhoosheContext) -> str | None:
    """A category was chosen: look for the same problem reported by others."""
    slug = await pressed_word(update, context, cb.REPORT_CATEGORY, CATEGORIES)
    if slug is None:
        return None
    draft = _draft(context)
    draft["category"] = slug
    assert context.member is not None
    text = description(draft)
    similar = await similar_open_reports(context.db, slug, context.member, text) if text else []
    draft["similar"] = [r.id for r in similar]
    if similar:
        return await _ask_similar(update, context)
    return await _ask_urgency(update, context)


async def _ask_similar(update: Update, context: KhoosheContext) -> str:
    t, draft = context.t, _draft(context)
    lines, buttons = [], []
    for number, report_id in enumerate(draft["similar"], start=1):
        report = await get_report(context.db, report_id)
        if report is None:
            continue
        others = await coreporter_count(context.db, report.id)
        lines.append(
            t("report-similar-line", number=number, summary=report.summary, units=others + 1)
        )
        buttons.append(
            [
                InlineKeyboardButton(
                    t.label("report-button-me-too", number=number),
                    callback_data=cb.REPORT_SAME.pack(report.id),
                )
            ]
        )
    buttons.append(
        [
            InlineKeyboardButton(
                t.label("report-button-different"), callback_data=cb.REPORT_DIFFERENT.pack()
            )
        ]
    )
    text = t("report-similar", lines=t.join("\n", lines))
    return await _question(update, context, SIMILAR, text, InlineKeyboardMarkup(buttons))


async def on_me_too(update: Update, context: KhoosheContext) -> str | int | None:
    """ "This is my problem too": join that report instead of filing a duplicate."""
    query = update.callback_query
    assert query is not None and query.data is not None
    draft = _draft(context)
    report_id = cb.REPORT_SAME.first_int(query.data) or 0
    # Only the reports we offered: callback data can be forged to name any report.
    if report_id not in draft.get("similar", []):
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    await query.answer()
    report = await get_report(context.db, report_id)
    assert context.member is not None and report is not None
    joined = await join_report(context.db, report.id, context.member.id, description(draft))
    if not joined and not await is_party(context.db, report, context.member.id):
        # Closed, withdrawn or merged meanwhile: file this one instead, nothing is lost.
        await send(update, context, context.t("report-join-too-late"))
        return await _ask_urgency(update, context)
    if joined:  # queued for staff before the member is told
        await triage_relays.announce_joined(context, report, context.member)
    assert context.user_data is not None
    context.user_data.pop("report", None)
    await replace_pressed(update, context.t("report-joined-short"))
    await menu.show_menu(update, context, "report-joined", code=_code(context, report.code))
    return ConversationHandler.END


async def on_different(update: Update, context: KhoosheContext) -> str:
    """None of the similar reports is this one."""
    await answer(update)
    return await _ask_urgency(update, context)


async def _ask_urgency(update: Update, context: KhoosheContext) -> str:
    t = context.t
    buttons = [
        [
            InlineKeyboardButton(
                t.label("report-button-normal"), callback_data=cb.REPORT_URGENCY.pack("0")
            ),
            InlineKeyboardButton(
                t.label("report-button-urgent"), callback_data=cb.REPORT_URGENCY.pack("1")
            ),
        ]
    ]
    return await _question(
        update, context, URGENCY, t("report-ask-urgency"), InlineKeyboardMarkup(buttons)
    )


async def on_urgency(update: Update, context: KhoosheContext) -> str:
    """Normal or urgent."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    _draft(context)["urgent"] = query.data == cb.REPORT_URGENCY.pack("1")
    return await _ask_summary(update, context)


async def _ask_summary(update: Update, context: KhoosheContext) -> str:
    t, draft = context.t, _draft(context)
    draft.setdefault("summary", proposed_summary(draft))
    if not draft["summary"]:  # nothing written (a voice note alone): a few words, please
        return await _question(update, context, SUMMARY, t("report-ask-summary-words"), None)
    buttons = [
        [
            InlineKeyboardButton(
                t.label("report-button-keep-summary"), callback_data=cb.REPORT_KEEP_SUMMARY.pack()
            )
        ]
    ]
    text = t("report-ask-summary", summary=draft["summary"])
    return await _question(update, context, SUMMARY, text, InlineKeyboardMarkup(buttons))


async def on_summary_text(update: Update, context: KhoosheContext) -> str:
    """A summary typed by the member."""
    assert update.message is not None and update.message.text is not None
    try:
        _draft(context)["summary"] = await clean_summary(update.message.text)
    except DraftError as error:
        await send(update, context, context.t(error.key))
        return await _ask_summary(update, context)
    return await _ask_confirm(update, context)


async def on_summary_kept(update: Update, context: KhoosheContext) -> str:
    """The proposed summary is fine."""
    await answer(update)
    if not _draft(context).get("summary"):  # an old button: there is nothing to keep
        return await _ask_summary(update, context)
    return await _ask_confirm(update, context)


async def _ask_confirm(update: Update, context: KhoosheContext) -> str:
    t, draft = context.t, _draft(context)
    text = clip(description(draft), PREVIEW_CHARS)
    card = t(
        "report-confirm",
        category=t(f"category-{draft['category']}"),
        urgency=t("report-urgent" if draft.get("urgent") else "report-normal"),
        summary=draft["summary"],
        description=text,
        files=len(draft["attachments"]),
    )
    buttons = [
        [InlineKeyboardButton(t.label("report-button-send"), callback_data=cb.REPORT_SEND.pack())],
        [
            InlineKeyboardButton(t.label("button-fix"), callback_data=cb.REPORT_FIX.pack()),
            InlineKeyboardButton(t.label("button-cancel"), callback_data=cb.REPORT_CANCEL.pack()),
        ],
    ]
    return await _question(update, context, CONFIRM, card, InlineKeyboardMarkup(buttons))


async def on_fix(update: Update, context: KhoosheContext) -> str:
    """Back from the summary card to the category (then urgency and title), text kept."""
    await answer(update)
    return await _ask_category(update, context)


async def on_confirm(update: Update, context: KhoosheContext) -> int:
    """Store the report and queue its cards for staff, then give the member its code."""
    query = update.callback_query
    assert query is not None
    member = context.member
    assert member is not None
    draft = _draft(context)
    report, created = await create_report(
        context.db,
        member.id,
        member.cluster_code,
        context.platform.value,
        to_new_report(draft),
        draft["key"],
    )
    # Queued (not sent) before the member hears anything: a crash from here on loses no card
    # (and one just before is caught up at start), and a busy staff group delays nobody.
    if created or not await is_announced(context.db, report.id):
        await triage_cards.announce_new_report(context, report)
    await query.answer()
    assert context.user_data is not None
    context.user_data.pop("report", None)
    await replace_pressed(update, context.t("report-sent-short"))
    log.info("report %s filed by member %s (created=%s)", report.id, member.id, created)
    await menu.show_menu(update, context, "report-filed", code=_code(context, report.code))
    return ConversationHandler.END


# Cancel throws the draft away (the pressed card says so), then the menu.
cancel = forms.cancel_dropping("report", "report-cancelled", pressed="report-cancel-pressed")


async def leave_for_menu(update: Update, context: KhoosheContext) -> int:
    """A menu button mid-report: keep the draft for later, do what the button says."""
    assert update.message is not None
    if update.message.text == context.t.label("menu-my-reports"):
        await my_reports(update, context)
    else:
        await menu.on_menu_button(update, context)
    return ConversationHandler.END


async def on_wrong_step_input(update: Update, context: KhoosheContext) -> str:
    """Typing or sending files where a button is expected."""
    step = _draft(context).get("step", COMPOSE)
    await send(update, context, context.t("form-use-buttons"))
    return await _ask(update, context, step)


# --- my reports and tracking ------------------------------------------------------------------


async def my_reports(update: Update, context: KhoosheContext, page: int = 0) -> None:
    """The member's reports, newest first, a page at a time."""
    member = context.member
    if member is None:
        await menu.show_menu(update, context, "not-registered-hint")
        return
    t = context.t
    reports, total = await member_reports(context.db, member.id, PAGE, page * PAGE)
    if not total:
        await menu.show_menu(update, context, "report-none-yet")
        return
    lines = [
        t(
            "report-list-line",
            code=_code(context, r.code),
            urgent=int(r.urgent),
            status=t(f"report-status-{r.status}"),
            date=t.date(parse_iso(r.created_at)),
            summary=r.summary,
        )
        for r in reports
    ]
    buttons = [
        InlineKeyboardButton(
            f"#{_code(context, r.code)}", callback_data=cb.REPORT_OPEN.pack(r.code)
        )
        for r in reports
    ]
    keyboard = rows(buttons, 3)
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(
                t.label("button-previous"), callback_data=cb.REPORT_LIST_PAGE.pack(page - 1)
            )
        )
    if (page + 1) * PAGE < total:
        nav.append(
            InlineKeyboardButton(
                t.label("button-next"), callback_data=cb.REPORT_LIST_PAGE.pack(page + 1)
            )
        )
    if nav:
        keyboard.append(nav)
    text = t("report-list", lines=t.join("\n", lines), total=total)
    await send(update, context, text, InlineKeyboardMarkup(keyboard))


async def on_list_page(update: Update, context: KhoosheContext) -> None:
    """Another page of "my reports"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await my_reports(update, context, cb.REPORT_LIST_PAGE.first_int(query.data) or 0)


def _event_line(context: KhoosheContext, event: ReportEvent) -> str:
    t = context.t
    date = t.date(parse_iso(event.at))
    if event.kind == "status" and event.to_status:
        return t("report-event-status", date=date, status=t(f"report-status-{event.to_status}"))
    if event.kind in {"reply", "follow_up", "reopened"}:
        return t(f"report-event-{event.kind}", date=date, text=(event.text or "")[:200])
    if event.kind in {"filed", "joined"}:
        return t(f"report-event-{event.kind}", date=date)
    return t("report-event-other", date=date)


async def _show_report(update: Update, context: KhoosheContext, report: Report) -> None:
    t = context.t
    member = context.member
    filer = member is not None and report.member_id == member.id
    own = f"member:{member.id}" if member else ""
    # Each member sees status changes, staff replies and their own additions; never another
    # member's words or identity. Someone who joined sees nothing of the filer's; the filer
    # sees that others joined, never what they added (follow-ups, reasons to reopen).
    events = [
        e
        for e in await history(context.db, report.id)
        if e.kind in {"status", "reply"}
        or e.actor == own
        or (filer and e.kind not in {"follow_up", "reopened"})
    ]
    text = t(
        "report-details",
        code=_code(context, report.code),
        status=t(f"report-status-{report.status}"),
        urgent=int(report.urgent),
        category=t(f"category-{report.category}"),
        summary=report.summary,
        description=report.description[:PREVIEW_CHARS] if filer else t("report-shared"),
        units=await coreporter_count(context.db, report.id) + 1,
        history=t.join("\n", [_event_line(context, e) for e in events[-HISTORY_LINES:]]),
    )
    buttons = []
    if report.status in OPEN_STATUSES:
        buttons.append(
            InlineKeyboardButton(
                t.label("report-button-follow-up"),
                callback_data=cb.REPORT_FOLLOW_UP.pack(report.id),
            )
        )
        if context.member is not None and report.member_id == context.member.id:
            buttons.append(
                InlineKeyboardButton(
                    t.label("report-button-withdraw"),
                    callback_data=cb.REPORT_WITHDRAW.pack(report.id),
                )
            )
    await send(update, context, text, InlineKeyboardMarkup([buttons]) if buttons else None)


async def on_open(update: Update, context: KhoosheContext) -> None:
    """A report from the list."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await track_code(update, context, str((cb.REPORT_OPEN.unpack(query.data) or ("",))[0]))


async def track(update: Update, context: KhoosheContext) -> None:
    """/track <code>: one of the member's reports, by its code in any digits («/track۵۸۲۷۸۶»
    and «/track582786», with no space, too)."""
    if context.member is None:
        await menu.show_menu(update, context, "not-registered-hint")
        return
    assert update.message is not None
    found = _AFTER_TRACK.match(update.message.text or "")
    written = found["rest"].strip() if found else " ".join(context.args or [])
    if not written:
        await send(update, context, context.t("report-track-usage"))
        return
    code = typed_code(written)
    if code is None:
        await send(update, context, context.t("report-track-not-a-code"))
        return
    await track_code(update, context, code)


# What follows the command (the code may be typed straight after it).
_AFTER_TRACK = re.compile(r"^/track(?:@[A-Za-z0-9_]+)?(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)


async def track_code(update: Update, context: KhoosheContext, code: str) -> None:
    """A report (or a request for advice) of the member's by its code, as /track shows it;
    the same answer whether a code does not exist or is someone else's."""
    member = context.member
    report = await get_by_code(context.db, code) if member else None
    # The same answer whether the code does not exist or is someone else's: no leaks.
    if member is None or report is None or not await is_party(context.db, report, member.id):
        # A request for advice has a tracking code too.
        if report is None and await consult.track_request(update, context, code):
            return
        await send(update, context, context.t("report-not-found", code=_code(context, code)))
        return
    await _show_report(update, context, report)


# --- registration -----------------------------------------------------------------------------


def build(app: Application) -> ConversationHandler[KhoosheContext]:
    """The report form's ConversationHandler."""
    buttons = menu.buttons(app)
    text, other = buttons.text, buttons.other
    states: dict[object, list[Any]] = {
        COMPOSE: DESCRIBING.handlers(app, on_done),
        CATEGORY: [
            CallbackQueryHandler(on_category, pattern=cb.REPORT_CATEGORY.pattern()),
            CallbackQueryHandler(on_all_categories, pattern=cb.REPORT_ALL_CATEGORIES.pattern()),
        ],
        SIMILAR: [
            CallbackQueryHandler(on_me_too, pattern=cb.REPORT_SAME.pattern()),
            CallbackQueryHandler(on_different, pattern=cb.REPORT_DIFFERENT.pattern()),
        ],
        URGENCY: [CallbackQueryHandler(on_urgency, pattern=cb.REPORT_URGENCY.pattern())],
        SUMMARY: [
            CallbackQueryHandler(on_summary_kept, pattern=cb.REPORT_KEEP_SUMMARY.pattern()),
            MessageHandler(text, on_summary_text),
        ],
        CONFIRM: [
            CallbackQueryHandler(on_confirm, pattern=cb.REPORT_SEND.pattern()),
            CallbackQueryHandler(on_fix, pattern=cb.REPORT_FIX.pattern()),
        ],
    }
    for step in (CATEGORY, SIMILAR, URGENCY, SUMMARY, CONFIRM):
        states[step].append(MessageHandler(other, on_wrong_step_input))
    return forms.form(
        app,
        FORM,
        entry_points=[
            private_command("report", start_report),
            menu.private_label(app, "menu-report", start_report),
            CallbackQueryHandler(start_from_text, pattern=cb.LOOSE_TEXT_REPORT.pattern()),
        ],
        states=states,
        cancel=cancel,
        cancel_button=cb.REPORT_CANCEL,
        leave_for_menu=leave_for_menu,
        timeout_key="report-form-timeout",
    )


def register(app: Application) -> None:
    """Install the report form, /track and "my reports"."""
    app.add_handler(build(app))
    app.add_handler(private_command("track", track))
    # «/track582786»: Telegram makes the digits part of the command's name.
    track_glued = filters.Regex(re.compile(r"^/track[0-9]", re.IGNORECASE))
    app.add_handler(MessageHandler(track_glued & filters.ChatType.PRIVATE, track))
    app.add_handler(private_command("myreports", my_reports_command))
    app.add_handler(menu.private_label(app, "menu-my-reports", my_reports_command))
    app.add_handler(CallbackQueryHandler(on_list_page, pattern=cb.REPORT_LIST_PAGE.pattern()))
    app.add_handler(CallbackQueryHandler(on_open, pattern=cb.REPORT_OPEN.pattern()))


async def my_reports_command(update: Update, context: KhoosheContext) -> None:
    """/myreports and the "my reports" button."""
    await my_reports(update, context)
