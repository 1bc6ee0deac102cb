"""Every feature registers its handlers here, in an order that matters.

Note: order matters! Within group 0 the first matching handler wins:
1. middleware (group -1) throttles floods and loads the member before anything else;
2. the member form comes first in group 0, so that while a form is open its steps (and its
   /cancel, /help) take precedence over the global commands;
3. features (the broadcast form before the report form, so a staff member's announcement
   never lands in a report draft of theirs; the report form, then "my reports" and /track;
   staff buttons and replies on report cards) and admin commands;
4. staff commands typed in the staff group that work in private only (handlers/staff_group.py),
   then the menu, /help, /cancel for everyone outside a form;
5. a member's words outside any form (handlers/at_menu.py): a reply on a report of theirs;
6. catch-alls last: a stale button or a message nobody understood still gets an answer.
The error handler is not a handler in a group: it sees every exception.
"""

from __future__ import annotations

from telegram.ext import Application

from handlers import (
    admin,
    at_menu,
    broadcasts,
    consult,
    consult_advise,
    consult_lists,
    consult_reports,
    consult_slots,
    cores_admin,
    digest,
    errors,
    meeting_forms,
    menu,
    middleware,
    needs,
    offering_form,
    offering_manage,
    offerings,
    onboarding,
    own_data,
    profile,
    proposal_form,
    proposals,
    report_followup,
    reports,
    staff_group,
    staff_lists,
    staff_report,
    survey_answer,
    survey_form,
    surveys,
    triage,
    triage_input,
)


def register_all(app: Application) -> None:
    """Register every feature on one platform's Application."""
    middleware.register(app)
    onboarding.register(app)
    # A staff member composing an announcement while a report draft of theirs is open:
    # the broadcast form, being newer and explicit, takes their messages first.
    broadcasts.register(app)
    # A staff member's reply to a report (asked for by the card's button) likewise: explicit
    # and newer than any report draft of theirs.
    triage_input.register(app)
    # The offering form, likewise explicit and staff-only, before the member's report form.
    offering_form.register(app)
    # Advisory cores (issue 17): the admins' core form, explicit and staff-only like the above.
    cores_admin.register(app)
    # An adviser's answer form (explicit, like a staff reply to a report) and a member's
    # question for a core (free text, like a report's, so before the report form).
    consult_advise.register(app)
    consult.register(app)
    # Advisers' slot form and sessions' buttons (book, cancel, rate).
    consult_slots.register(app)
    consult_reports.register(app)
    consult_lists.register(app)
    # A member's training-topic suggestion (one question) before the report form, whose
    # free text would otherwise take it for a problem.
    needs.register(app)
    # Surveys: the composer (staff) and a member's typed answer to a survey question, before
    # the report form, whose free text would otherwise take them for a problem.
    survey_form.register(app)
    survey_answer.register(app)
    surveys.register(app)
    # Proposals and meetings: the writing, comment, decision and agenda forms take typed
    # text before the report form too; /proposals, /meetings and their buttons open no form.
    proposal_form.register(app)
    meeting_forms.register(app)
    proposals.register(app)
    # Follow-ups before the report form: a member with a draft open who taps "add details"
    # (or "not solved") must have their next message taken as that, not as more draft.
    report_followup.register(app)
    reports.register(app)
    triage.register(app)
    staff_report.register(app)
    staff_lists.register(app)
    # Offering buttons (members' and /offerings') carry an id only and open no form; the
    # staff's "edit" buttons that do open one are entry points of the offering form above.
    offering_manage.register(app)
    offerings.register(app)
    profile.register(app)
    own_data.register(app)
    digest.register(app)
    admin.register(app)
    # After every feature (it reads which commands they take in the staff group), before the
    # menu's answers to commands in groups.
    staff_group.register(app)
    menu.register_menu(app)
    # A member's words outside any form: a reply on one of their reports, or a new problem.
    at_menu.register(app)
    menu.register_fallbacks(app)
    errors.register(app)
