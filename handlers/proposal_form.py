# Over 500 lines: the proposal form and a supporter's comment share their draft helpers and one
# build; the comment (its own section) is the next piece to move.
"""Writing a proposal (staff or a cluster agent, from /proposals), and a supporter's short
comment. The meetings' forms (a decision, a report on the agenda) are handlers/meeting_forms.py.

Writing: a title, the problem, the proposed solution, the outside body it is addressed to
(data/outside_bodies.csv), its clusters (an agent: only theirs), the linked reports by tracking
code (their co-reporters are counted), and surveys or training topics as further evidence;
then a summary and «publish»: it is open for support and goes to its clusters' members.
"""

from __future__ import annotations

import logging
import uuid
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
from bot.roles import Access, Role, access_of, actor, requires
from bot.services import proposals as service
from bot.services import surveys as survey_rules
from bot.text import clean, fold_digits, shorten, utf16_len
from handlers import forms
from handlers.audience import choices
from handlers.form_steps import ClusterPicker, answer_filter, drop_buttons, stay_on_step, ways_out
from handlers.keyboards import answer, rows, show_card
from storage.needs import ranking
from storage.proposals import (
    NewProposal,
    create_proposal,
    get_proposal,
    is_supporter,
    set_comment,
)
from storage.proposals import publish as publish_row
from storage.report_triage import coreporter_counts
from storage.reports import get_by_code
from storage.surveys import list_surveys

log = logging.getLogger(__name__)

FORM = "proposal_form"
COMMENT_FORM = "proposal_comment"
TITLE, PROBLEM, SOLUTION, BODY, CLUSTERS, REPORTS, LINKS, CONFIRM = (
    "title", "problem", "solution", "body", "clusters", "reports", "links", "confirm",
)  # fmt: skip
COMMENT = "comment"
MAX_TITLE, MAX_TEXT, MAX_COMMENT = 120, 1500, 200
LINK_CHOICES = 6
BODY_PATTERN = cb.any_of(cb.PROPOSAL_BODY, cb.PROPOSAL_NO_BODY)


def draft_of(context: KhoosheContext, name: str = "proposal_draft") -> dict[str, Any]:
    return forms.draft(context, name)


def chat_of(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def access_for(update: Update, context: KhoosheContext) -> Access:
    user = update.effective_user
    assert user is not None
    return await access_of(context, user.id)


def cancel_row(context: KhoosheContext) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(
            context.t.label("button-cancel"), callback_data=cb.PROPOSAL_CANCEL_FORM.pack()
        )
    ]


async def send_step(
    update: Update, context: KhoosheContext, form: str, step: str, text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> str:  # fmt: skip
    """Store the form at `step` first (what was typed is kept), then ask."""
    await context.save_form_now(form, step)
    await context.bot.send_message(chat_of(update), text, reply_markup=markup)
    return step


def typed_text(update: Update, context: KhoosheContext, limit: int) -> str | None:
    """What was typed, cleaned, if it is 3 characters or more and within `limit` as it will be
    sent (UTF-16 units, an emoji counting two; on Bale, after escaping): a proposal's parts at
    their limits still fit one message."""
    assert update.message is not None and update.message.text is not None
    text = clean(update.message.text).strip()
    return text if len(text) >= 3 and utf16_len(context.t.escape(text)) <= limit else None


def bodies_markup(context: KhoosheContext, none_label: str) -> InlineKeyboardMarkup:
    t = context.t
    buttons = [
        InlineKeyboardButton(b.name(t.lang), callback_data=cb.PROPOSAL_BODY.pack(b.code))
        for b in context.state.outside_bodies
    ]
    keyboard = rows(buttons, 2)
    keyboard.append(
        [InlineKeyboardButton(t.label(none_label), callback_data=cb.PROPOSAL_NO_BODY.pack())]
    )
    keyboard.append(cancel_row(context))
    return InlineKeyboardMarkup(keyboard)


def pressed_body(update: Update, context: KhoosheContext) -> tuple[bool, str | None]:
    """(valid, body code) of a body press; «none» is (True, None)."""
    query = update.callback_query
    assert query is not None
    if cb.PROPOSAL_NO_BODY.unpack(query.data) is not None:
        return True, None
    (code,) = cb.PROPOSAL_BODY.words(query.data)
    return code in {b.code for b in context.state.outside_bodies}, code


# --- writing a proposal --------------------------------------------------------------------------


@requires(Role.CLUSTER_AGENT)
async def on_new(update: Update, context: KhoosheContext) -> str:
    """A new proposal: ask its title."""
    await answer(update)
    assert context.user_data is not None
    context.user_data["proposal_draft"] = {"key": uuid.uuid4().hex}
    return await send_step(update, context, FORM, TITLE, context.t("proposal-ask-title"))


async def on_title(update: Update, context: KhoosheContext) -> str:
    """The title (its spaces tidied); then the problem."""
    return await _typed(update, context, TITLE, MAX_TITLE, PROBLEM, "proposal-ask-problem")


async def on_problem(update: Update, context: KhoosheContext) -> str:
    """The problem; then the solution."""
    return await _typed(update, context, PROBLEM, MAX_TEXT, SOLUTION, "proposal-ask-solution")


async def on_solution(update: Update, context: KhoosheContext) -> str:
    """The proposed solution; then the body it is addressed to."""
    markup = bodies_markup(context, "proposal-button-no-body")
    return await _typed(update, context, SOLUTION, MAX_TEXT, BODY, "proposal-ask-body", markup)


async def _typed(
    update: Update, context: KhoosheContext, step: str, limit: int, then: str, ask: str,
    markup: InlineKeyboardMarkup | None = None,
) -> str:  # fmt: skip
    """A typed part of the proposal, kept in the draft under `step` (a title on one line), then
    `then` asked; longer than `limit` (as it will be sent): `step` again, with the limit."""
    text = typed_text(update, context, limit)
    if text is None:
        length = context.t("proposal-text-length", limit=limit)
        return await send_step(update, context, FORM, step, length)
    draft_of(context)[step] = " ".join(text.split()) if step == TITLE else text
    return await send_step(update, context, FORM, then, context.t(ask), markup)


async def on_body(update: Update, context: KhoosheContext) -> str:
    """The body chosen (or none); then the clusters."""
    valid, code = pressed_body(update, context)
    if not valid:
        await answer(update, context.t("button-expired"), alert=True)
        return BODY
    await answer(update)
    draft_of(context)["body"] = code
    t = context.t
    name = service.body_name(context.state.outside_bodies, code, t.lang)
    await show_card(update, context, t("proposal-body-chosen", body=name or "—"), None)
    return await _clusters(update, context)


PICKER = ClusterPicker(
    cb.PROPOSAL_CLUSTER,
    cb.PROPOSAL_CLUSTER_PAGE,
    cb.PROPOSAL_CLUSTERS_DONE,
    "proposal-button-clusters-done",
    cb.PROPOSAL_CANCEL_FORM,
)


async def _clusters(update: Update, context: KhoosheContext) -> str:
    draft = draft_of(context)
    draft["page"] = 0
    markup = await PICKER.markup(update, context, draft)
    text = context.t("proposal-pick-clusters")
    return await send_step(update, context, FORM, CLUSTERS, text, markup)


async def on_cluster(update: Update, context: KhoosheContext) -> str:
    """Choose or un-choose a cluster (only those this person is offered), or turn a page."""
    title = context.t("proposal-pick-clusters")
    if await PICKER.on_press(update, context, draft_of(context), title):
        await context.save_form_now(FORM, CLUSTERS)
    return CLUSTERS


async def on_clusters_done(update: Update, context: KhoosheContext) -> str:
    """At least one cluster; then the linked reports."""
    draft = draft_of(context)
    access = await access_for(update, context)
    clusters = set(draft.get("clusters", []))
    if not clusters:
        await answer(update, context.t("proposal-pick-one-cluster"), alert=True)
        return CLUSTERS
    if not access.covers_clusters(clusters):
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return CLUSTERS
    await answer(update)
    await show_card(update, context, context.t("proposal-clusters-chosen"), None)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t.label("proposal-button-no-reports"),
                    callback_data=cb.PROPOSAL_NO_REPORTS.pack(),
                )
            ],
            cancel_row(context),
        ]
    )
    return await send_step(
        update, context, FORM, REPORTS, context.t("proposal-ask-reports"), markup
    )


async def on_reports(update: Update, context: KhoosheContext) -> str:
    """Tracking codes of the linked reports (each must exist, and be the agent's to see)."""
    assert update.message is not None and update.message.text is not None
    t = context.t
    access = await access_for(update, context)
    words = fold_digits(update.message.text).replace("،", " ").replace(",", " ").split()
    found: list[int] = []
    missing: list[str] = []
    for word in words:
        code = "".join(ch for ch in word if ch.isdigit())
        report = await get_by_code(context.db, code) if code else None
        if report is None or not access.covers_cluster(report.cluster_code):
            missing.append(t.digits(word))
        elif report.id not in found:
            found.append(report.id)
    if missing or not found:
        await update.message.reply_text(
            t("proposal-reports-unknown", codes=t.label("list-separator").join(missing) or "—")
        )
        return REPORTS
    draft_of(context)["reports"] = found
    return await _links(update, context)


async def on_no_reports(update: Update, context: KhoosheContext) -> str:
    """No linked report."""
    await answer(update)
    draft_of(context)["reports"] = []
    await show_card(update, context, context.t("proposal-no-reports"), None)
    return await _links(update, context)


async def _link_choices(update: Update, context: KhoosheContext) -> list[tuple[str, int, str]]:
    """(kind, id, label) of the surveys and training topics offered as evidence."""
    access = await access_for(update, context)
    surveys = [
        s
        for s in await list_surveys(context.db, 30)
        if access.covers_clusters(survey_rules.clusters_of(s))
    ][:LINK_CHOICES]
    topics = await ranking(
        context.db, None if access.has(Role.STAFF) else access.agent_clusters, LINK_CHOICES
    )
    t = context.t
    return [
        *(("survey", s.id, t.label("proposal-link-survey", title=shorten(s.title, 30)))
          for s in surveys),
        *(("topic", topic.id, t.label("proposal-link-topic", title=shorten(topic.title, 30)))
          for topic in topics),
    ]  # fmt: skip


async def _links_markup(update: Update, context: KhoosheContext) -> InlineKeyboardMarkup:
    draft = draft_of(context)
    chosen = {(k, i) for k, i in draft.get("links", [])}
    keyboard = [
        [
            InlineKeyboardButton(
                ("✅ " if (kind, ref) in chosen else "▫️ ") + label,
                callback_data=cb.PROPOSAL_LINK.pack(kind, ref),
            )
        ]
        for kind, ref, label in await _link_choices(update, context)
    ]
    keyboard.append(
        [
            InlineKeyboardButton(
                context.t.label("proposal-button-links-done"),
                callback_data=cb.PROPOSAL_LINKS_DONE.pack(),
            )
        ]
    )
    keyboard.append(cancel_row(context))
    return InlineKeyboardMarkup(keyboard)


async def _links(update: Update, context: KhoosheContext) -> str:
    markup = await _links_markup(update, context)
    return await send_step(update, context, FORM, LINKS, context.t("proposal-ask-links"), markup)


async def on_link(update: Update, context: KhoosheContext) -> str:
    """Link or unlink a survey or a topic (only those offered to this person)."""
    assert update.callback_query is not None
    kind, ref = cb.PROPOSAL_LINK.values(update.callback_query.data)
    offered = {(k, i) for k, i, _ in await _link_choices(update, context)}
    if (kind, ref) not in offered:
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return LINKS
    await answer(update)
    draft = draft_of(context)
    chosen = {(k, i) for k, i in draft.get("links", [])}
    chosen.symmetric_difference_update({(str(kind), int(ref))})
    draft["links"] = sorted(chosen)
    await context.save_form_now(FORM, LINKS)
    await show_card(
        update, context, context.t("proposal-ask-links"), await _links_markup(update, context)
    )
    return LINKS


async def on_links_done(update: Update, context: KhoosheContext) -> str:
    """Evidence chosen: the summary to confirm."""
    await answer(update)
    t = context.t
    draft = draft_of(context)
    await show_card(update, context, t("proposal-links-chosen"), None)
    reports = [int(r) for r in draft.get("reports", [])]
    counts = await coreporter_counts(context.db, reports)
    body = service.body_name(context.state.outside_bodies, draft.get("body"), t.lang)
    names = dict(await choices(context, "c", await access_for(update, context)))
    links = draft.get("links", [])
    text = t(
        "proposal-confirm",
        title=draft.get("title", ""),
        problem=draft.get("problem", ""),
        solution=draft.get("solution", ""),
        body=body or "—",
        clusters=t.label("list-separator").join(
            names.get(c, c) for c in draft.get("clusters", [])
        ),
        reports=len(reports),
        members=len(reports) + sum(counts.get(r, 0) for r in reports),
        surveys=sum(1 for k, _ in links if k == "survey"),
        topics=sum(1 for k, _ in links if k == "topic"),
    )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.label("proposal-button-publish"), callback_data=cb.PROPOSAL_PUBLISH.pack()
                )
            ],
            [
                InlineKeyboardButton(
                    t.label("proposal-button-save-draft"),
                    callback_data=cb.PROPOSAL_SAVE_DRAFT.pack(),
                )
            ],
            cancel_row(context),
        ]
    )
    return await send_step(update, context, FORM, CONFIRM, text, markup)


async def tell(
    context: KhoosheContext, event_id: int | None, proposal_id: int, status: str
) -> None:
    """Queue a status change's notices and wake the outbox."""
    if event_id is None:
        return
    await service.tell(context.state, event_id, proposal_id, status)
    context.state.outbox.wake()


async def on_publish(update: Update, context: KhoosheContext) -> str | int:
    """Store the proposal, open it for support and send it to its clusters' members."""
    draft = draft_of(context)
    access = await access_for(update, context)
    clusters = tuple(sorted(draft.get("clusters", [])))
    if "key" not in draft or not clusters or not access.covers_clusters(set(clusters)):
        await answer(update, context.t("broadcast-out-of-scope"), alert=True)
        return CONFIRM
    await answer(update)
    user = update.effective_user
    assert user is not None
    who = actor(context, user.id)
    links = draft.get("links", [])
    new = NewProposal(
        title=draft.get("title", ""),
        problem=draft.get("problem", ""),
        solution=draft.get("solution", ""),
        body=draft.get("body"),
        clusters=clusters,
        created_by=who,
        dedupe_key=draft["key"],
        reports=tuple(int(r) for r in draft.get("reports", [])),
        surveys=tuple(int(i) for k, i in links if k == "survey"),
        topics=tuple(int(i) for k, i in links if k == "topic"),
    )
    proposal_id, _ = await create_proposal(context.db, new)
    assert context.user_data is not None
    context.user_data.pop("proposal_draft", None)
    await drop_buttons(update)
    t = context.t
    query = update.callback_query
    if query is not None and cb.PROPOSAL_SAVE_DRAFT.unpack(query.data) is not None:
        await context.bot.send_message(
            chat_of(update),
            t("proposal-saved-draft", title=new.title, number=t.digits(proposal_id)),
        )
        return ConversationHandler.END
    await publish_proposal(update, context, proposal_id)
    await context.bot.send_message(
        chat_of(update),
        t("proposal-published-staff", title=new.title, number=t.digits(proposal_id)),
    )
    return ConversationHandler.END


async def publish_proposal(update: Update, context: KhoosheContext, proposal_id: int) -> bool:
    """Open a draft for support: sent to its clusters' members, its reporters told; False if
    it was no draft (published meanwhile)."""
    user = update.effective_user
    assert user is not None
    who = actor(context, user.id)
    event = await publish_row(context.db, proposal_id, who)
    proposal = await get_proposal(context.db, proposal_id)
    if event is None or proposal is None:
        return False
    owner = (who, context.platform.value, chat_of(update), context.t.lang)
    await context.state.outbox.submit(service.announcement(proposal, owner))
    await tell(context, event, proposal_id, "open")
    return True


# --- a supporter's comment -----------------------------------------------------------------------


async def on_comment(update: Update, context: KhoosheContext) -> str | None:
    """Ask a supporter of an open proposal for a short comment."""
    assert update.callback_query is not None
    member = context.member
    proposal_id = cb.PROPOSAL_COMMENT.first_int(update.callback_query.data) or 0
    if member is None:
        await answer(update, context.t("not-registered-hint"), alert=True)
        return None
    proposal = await get_proposal(context.db, proposal_id)
    if proposal is None or member.cluster_code not in proposal.clusters:
        await answer(update, context.t("proposal-not-for-you"), alert=True)
        return None
    if proposal.status != "open" or not await is_supporter(context.db, proposal.id, member.id):
        await answer(update, context.t("proposal-support-first"), alert=True)
        return None
    await answer(update)
    assert context.user_data is not None
    context.user_data["proposal_comment"] = {"id": proposal.id}
    text = context.t("proposal-ask-comment", title=proposal.title, limit=MAX_COMMENT)
    return await send_step(update, context, COMMENT_FORM, COMMENT, text)


async def on_comment_text(update: Update, context: KhoosheContext) -> str | int:
    """The comment (stored only on an active support of an open proposal)."""
    assert update.message is not None and update.message.text is not None
    member = context.member
    text = " ".join(clean(update.message.text).split())
    if not 2 <= len(text) <= MAX_COMMENT:
        await update.message.reply_text(context.t("proposal-comment-length", limit=MAX_COMMENT))
        return COMMENT
    proposal_id = int(draft_of(context, "proposal_comment").get("id", 0))
    assert context.user_data is not None
    context.user_data.pop("proposal_comment", None)
    stored = member is not None and await set_comment(context.db, proposal_id, member.id, text)
    await update.message.reply_text(
        context.t("proposal-comment-saved" if stored else "proposal-support-first")
    )
    return ConversationHandler.END


# --- ways out and building -----------------------------------------------------------------------


cancel_writing, leave_writing = ways_out("proposal_draft", "proposal-form-cancelled")
cancel_comment, leave_comment = ways_out("proposal_comment", "proposal-comment-cancelled")


def build(app: Application) -> list[ConversationHandler[KhoosheContext]]:
    """The proposal and comment forms."""
    text = answer_filter(app)
    writing: dict[object, list[Any]] = {
        TITLE: [MessageHandler(text, on_title)],
        PROBLEM: [MessageHandler(text, on_problem)],
        SOLUTION: [MessageHandler(text, on_solution)],
        BODY: [CallbackQueryHandler(on_body, pattern=BODY_PATTERN)],
        CLUSTERS: [
            CallbackQueryHandler(
                on_cluster, pattern=cb.any_of(cb.PROPOSAL_CLUSTER, cb.PROPOSAL_CLUSTER_PAGE)
            ),
            CallbackQueryHandler(on_clusters_done, pattern=cb.PROPOSAL_CLUSTERS_DONE.pattern()),
        ],
        REPORTS: [
            MessageHandler(text, on_reports),
            CallbackQueryHandler(on_no_reports, pattern=cb.PROPOSAL_NO_REPORTS.pattern()),
        ],
        LINKS: [
            CallbackQueryHandler(on_link, pattern=cb.PROPOSAL_LINK.pattern()),
            CallbackQueryHandler(on_links_done, pattern=cb.PROPOSAL_LINKS_DONE.pattern()),
        ],
        CONFIRM: [
            CallbackQueryHandler(
                on_publish, pattern=cb.any_of(cb.PROPOSAL_PUBLISH, cb.PROPOSAL_SAVE_DRAFT)
            )
        ],
    }
    commenting: dict[object, list[Any]] = {COMMENT: [MessageHandler(text, on_comment_text)]}
    stay_on_step(app, writing, commenting)
    return [
        forms.form(
            app, FORM,
            entry_points=[CallbackQueryHandler(on_new, pattern=cb.PROPOSAL_NEW.pattern())],
            states=writing, cancel=cancel_writing,
            cancel_button=cb.PROPOSAL_CANCEL_FORM, leave_for_menu=leave_writing,
            timeout_key="proposal-form-timeout",
        ),
        forms.form(
            app, COMMENT_FORM,
            entry_points=[CallbackQueryHandler(on_comment, pattern=cb.PROPOSAL_COMMENT.pattern())],
            states=commenting, cancel=cancel_comment,
            leave_for_menu=leave_comment, timeout_key="proposal-comment-timeout",
        ),
    ]  # fmt: skip


def register(app: Application) -> None:
    """Install the proposal and comment forms."""
    for form in build(app):
        app.add_handler(form)
