"""Who reads which message: staff-only families (Persian is the staff's language, so other
languages may leave them out) and, by elimination, member-facing ones, which every language
must have (tests/test_locales_az.py). Plain data, no PTB: read by bot/i18n.py and the tests."""

from __future__ import annotations

import fnmatch
import re

# Messages only staff read (their tools, cards, exports, alerts). Persian is the staff's
# language: a language that leaves these out shows them in Persian, on purpose and without a
# warning. Every other message is member-facing and must exist in each language (see
# tests/test_locales_az.py); a member-facing message a language lacks is shown in Persian too,
# rather than as a raw id, but logged as missing. Patterns as in fnmatch; a new family of
# staff messages is added here, a new member-facing one needs its translations.
STAFF_ONLY = (
    "admin-*", "places-*", "staff-*", "role-*", "triage-*", "export-*", "failed-col-*",
    "delivery-status-*", "scheduled-*", "broadcast-*", "when-*", "poll-gap*",
    "help-staff", "help-admin", "menu-staff", "access-denied-admin", "error-admin-alert",
    "digest-staff-*", "digest-scope-*", "digest-delta-*", "digest-change-*", "digest-chart-*",
    "digest-preview-*", "needs-staff-*", "needs-button-make-offering",
    # /new_offering and /offerings: the form, the staff list and its buttons, lists, exports.
    "offering-ask-*", "offering-chosen-*", "offering-*-length", "offering-skipped",
    "offering-end-before-start", "offering-count-*", "offering-unlimited-chosen",
    "offering-deadline-after-start", "offering-pick-clusters*", "offering-out-of-scope",
    "offering-all-clusters", "offering-shares-chosen", "offering-no-shares-chosen",
    "offering-use-buttons", "offering-preview-footer", "offering-target*", "offering-publish*",
    "offering-start-passed", "offering-form-*", "offering-staff-*", "offering-not-yours",
    "offering-button-more", "offering-button-edit*", "offering-button-cancel-*",
    "offering-button-lists", "offering-button-export", "offering-button-attendance",
    "offering-button-skip", "offering-button-unlimited", "offering-button-until-start",
    "offering-button-clusters-done", "offering-button-*share*", "offering-button-publish",
    "offering-button-schedule", "offering-button-day-ok", "offering-edit-what",
    "offering-capacity-below", "offering-edited", "offering-confirm-cancel",
    "offering-cancelled-staff", "offering-kept", "offering-lists-*", "offering-nobody-yet",
    "offering-col-*", "offering-status-label-*", "offering-attended-yes",
    "offering-export-caption", "offering-attendance*", "offering-need-text", "offering-day-*",
    "offering-range-taken",
    # Advisory cores: /cores, the advisers' cards, buttons, answers and notices, /slots,
    # /consultations with its filters and export, overdue alerts, the staff digest's section.
    # Advisers are staff-side. What members read of the family (the request form, relayed
    # answers, slots offered to them, sessions, rating) is translated in locales/az/cores.ftl.
    "cores-*", "help-adviser", "digest-consult-staff*", "consult-card", "consult-*-adviser",
    "consult-button-take", "consult-button-reply", "consult-button-hand", "consult-button-offer",
    "consult-button-close", "consult-button-to-report*", "consult-button-files",
    "consult-button-new-slots", "consult-button-export", "consult-member-said",
    "consult-not-your-core", "consult-taken-*", "consult-yours-already", "consult-reply-*",
    "consult-note-kept", "consult-hand-*", "consult-handed", "consult-file-*",
    "consult-slots-none", "consult-slots-list", "consult-slots-saved", "consult-slots-cancelled",
    "consult-slots-timeout", "consult-slots-offered", "consult-no-open-slots",
    "consult-slot-ask-*", "consult-slot-when", "consult-slot-confirm", "consult-slot-too-short",
    "consult-slot-bad-place", "consult-minutes", "consult-closed-short", "consult-to-report-*",
    "consult-turned", "consult-from-report-usage", "consult-from-report-done", "consult-list*",
    "consult-figures-line", "consult-filter-*", "consult-age-*", "consult-export-*",
    "consult-col-*", "consult-overdue",
    # Surveys: /surveys (the staff list, results, chart, export and its columns) and the
    # composer. Members' side (the invitation, answering, summary, the ready templates'
    # questions, the digest's lines) is translated in locales/az/surveys.ftl.
    "survey-staff-*", "survey-button-new", "survey-template-tech_needs",
    "survey-template-satisfaction", "survey-template-loaded", "survey-button-results",
    "survey-button-export", "survey-button-close*", "survey-confirm*", "survey-already-closed",
    "survey-closed-now", "survey-results-head", "survey-result-*", "survey-chart-*",
    "survey-no-answers", "survey-export-caption", "survey-col-*", "survey-yes", "survey-no",
    "survey-ask-*", "survey-title-length", "survey-kind-*", "survey-button-questions-done",
    "survey-too-many", "survey-question-length", "survey-options-bad", "survey-questions-written",
    "survey-audience-card", "survey-audience-chosen", "survey-invite-progress*",
    "survey-invite-report", "survey-invite-failed-list-caption",
    "survey-button-open-now", "survey-opens-*", "survey-closes-*", "survey-summary-question",
    "survey-button-publish", "survey-published", "survey-form-cancelled",
    "survey-compose-timeout", "survey-type-text", "survey-pick-training", "survey-button-training",
    # Proposals and joint meetings: /proposals (staff cards, statuses, supporters, buttons), the
    # proposal and decision forms, meetings' agendas and packs. What members read (a proposal
    # with its support and comment buttons, the comment form, what they are told at each step,
    # decisions on their reports, the digest's lines) is in locales/az/proposals.ftl.
    "proposal-staff-intro", "proposal-button-new", "proposal-card*", "proposal-status-*",
    "proposal-button-supporters", "proposal-button-agenda", "proposal-button-decide",
    "proposal-button-done", "proposal-supporter*", "proposal-no-meetings",
    "proposal-choose-meeting", "proposal-meeting-choice", "proposal-on-agenda",
    "proposal-not-open", "proposal-not-on-agenda", "proposal-not-decided", "proposal-marked-done",
    "proposal-ask-title", "proposal-ask-problem", "proposal-ask-solution", "proposal-ask-body",
    "proposal-ask-reports", "proposal-ask-links", "proposal-ask-outcome",
    "proposal-ask-decision-*", "proposal-ask-due", "proposal-text-length",
    "proposal-button-no-body", "proposal-body-chosen", "proposal-pick-*",
    "proposal-button-clusters-done", "proposal-clusters-chosen", "proposal-button-no-reports",
    "proposal-no-reports", "proposal-reports-unknown", "proposal-link-*",
    "proposal-button-links-done", "proposal-links-chosen", "proposal-confirm*",
    "proposal-button-publish", "proposal-published-staff", "proposal-form-*",
    "proposal-outcome-chosen", "proposal-button-no-due", "proposal-button-record-decision",
    "proposal-decision-recorded", "proposal-button-save-draft", "proposal-saved-draft",
    "proposal-not-draft", "meeting-head", "meeting-item*", "meeting-button-*",
    "meeting-agenda-empty", "meeting-pack-*", "meeting-col-*", "meeting-ask-report",
    "meeting-report-added", "meeting-report-there", "meeting-report-ask-decision",
    "meeting-report-confirm-decision", "meeting-report-decision-recorded",
    "meeting-report-decided-already",
)  # fmt: skip
# Members read these although a pattern above takes in their family: the button under every
# announcement and its answer.
_MEMBER_FACING = frozenset({"broadcast-button-opt-out", "broadcast-opted-out"})


def _families() -> tuple[frozenset[str], tuple[str, ...], re.Pattern[str]]:
    """STAFF_ONLY split three ways: plain names, "prefix*" families, and the few patterns with
    a wildcard inside (one small expression). Compiling all 229 patterns as one expression
    took ~7 ms, paid at start-up when a button label falls back to Persian (issue 14)."""
    plain = frozenset(p for p in STAFF_ONLY if not _WILD.search(p))
    prefixes = tuple(p[:-1] for p in STAFF_ONLY if p.endswith("*") and not _WILD.search(p[:-1]))
    rest = [p for p in STAFF_ONLY if p not in plain and p[:-1] not in prefixes]
    return plain, prefixes, re.compile("|".join(fnmatch.translate(p) for p in rest) or "(?!)")


_WILD = re.compile(r"[*?\[]")
_PLAIN, _PREFIXES, _OTHERS = _families()


def staff_only(msg_id: str) -> bool:
    """Whether msg_id (or "msg_id.attribute") is read by staff only (see STAFF_ONLY)."""
    name = msg_id.partition(".")[0]
    if name in _MEMBER_FACING:
        return False
    return name in _PLAIN or name.startswith(_PREFIXES) or _OTHERS.match(name) is not None
