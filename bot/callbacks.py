# Over 500 lines: the one catalogue of buttons, read top to bottom: every family with who may
# press it and where, in one place (the forged-press matrix and the middleware read it).
"""Every inline button's callback data, declared once: its shape, who may press it and where.

Callback data comes back from the client and can be forged, so each button family says
what it carries (typed fields) and who may press it in which chat; `handlers/middleware.py`
enforces that for every press through `bot.roles.may_press` before any feature handler
runs, and the forged-callback tests are generated from this catalogue. Handlers use
`pattern()` to route, `pack()` to make buttons and `unpack()` to read a press; nothing
else writes or parses callback data by hand.

The wire format ("prefix:field:field") is what older messages already carry, so buttons
sent before a restart (and stored outbox messages) keep working. Like aiogram 3's
`CallbackData`, without PTB's `arbitrary_callback_data`: outbox messages outlive the
process and cross platforms, so the data itself must be the whole truth.

This module imports nothing from PTB, so the role checks can use it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# Telegram's limit; Bale is reported to take the same.
MAX_BYTES = 64
# SQLite's INTEGER and Telegram's ids are 64-bit; anything larger is junk, not an id.
MAX_INT = 2**63 - 1


class Who(StrEnum):
    """Who may press a button (checked in `bot.roles.may_press`)."""

    ANYONE = "anyone"  # onboarding: whoever is registering in their own chat
    MEMBER = "member"  # a registered member (or staff), acting on their own records
    AGENT = "cluster_agent"  # staff side; the handler checks the cluster on the server
    ADVISER = "adviser"  # an advisory core's adviser (or staff); the handler checks the core
    STAFF = "staff"
    ADMIN = "admin"


class Where(StrEnum):
    """In which chat a button may be pressed."""

    PRIVATE = "private"  # only in the presser's own chat with the bot
    STAFF_CHATS = "staff_chats"  # a private chat or this platform's staff group
    CORE_CHATS = "core_chats"  # a private chat, the staff group or an advisory core's group


class Field:
    """One typed field of callback data."""

    name: str
    sample: str

    def regex(self) -> str:
        raise NotImplementedError

    def parse(self, raw: str) -> int | str | None:
        raise NotImplementedError

    def dump(self, value: int | str) -> str:
        raw = str(value)
        if self.parse(raw) is None:
            raise ValueError(f"{raw!r} is not a valid {self.name}")
        return raw


@dataclass(frozen=True)
class Int(Field):
    """A non-negative id, page or count (ASCII digits, at most 64-bit)."""

    name: str
    hi: int = MAX_INT
    sample: str = "1"

    def regex(self) -> str:
        return r"\d{1,19}"

    def parse(self, raw: str) -> int | None:
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
            return None
        value = int(raw)
        return value if value <= self.hi else None


@dataclass(frozen=True)
class Word(Field):
    """A short code: a cluster, a category slug, a status, a field name."""

    name: str
    sample: str = "furniture"
    chars: str = r"[A-Za-z0-9_\-]"

    def regex(self) -> str:
        return rf"{self.chars}{{1,40}}"

    def parse(self, raw: str) -> str | None:
        return raw if re.fullmatch(self.regex(), raw) else None


@dataclass(frozen=True)
class Choice(Field):
    """One of a fixed set of values."""

    name: str
    values: tuple[str, ...]
    sample: str = field(default="", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sample", self.values[0])

    def regex(self) -> str:
        return "(?:" + "|".join(re.escape(v) for v in self.values) + ")"

    def parse(self, raw: str) -> str | None:
        return raw if raw in self.values else None


@dataclass(frozen=True)
class Button:
    """A family of buttons: a prefix, typed fields, who may press it and where."""

    prefix: str
    fields: tuple[Field, ...]
    who: Who
    where: Where

    def pack(self, *values: int | str) -> str:
        """The callback data for these values (checked, and within 64 bytes)."""
        if len(values) != len(self.fields):
            raise ValueError(f"{self.prefix} takes {len(self.fields)} values, got {values!r}")
        data = ":".join(
            [self.prefix, *(f.dump(v) for f, v in zip(self.fields, values, strict=True))]
        )
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def pattern(self) -> str:
        """The anchored regex a handler routes on (the guard has already checked the values)."""
        parts = [re.escape(self.prefix), *(f.regex() for f in self.fields)]
        return "^" + ":".join(parts) + "$"

    def unpack(self, data: str | None) -> tuple[int | str, ...] | None:
        """The typed values, or None for data that is not this family's or is junk."""
        if data is None:
            return None
        if not self.fields:
            return () if data == self.prefix else None
        if not data.startswith(self.prefix + ":"):
            return None
        raws = data[len(self.prefix) + 1 :].split(":")
        if len(raws) != len(self.fields):
            return None
        values = [f.parse(raw) for f, raw in zip(self.fields, raws, strict=True)]
        if any(v is None for v in values):
            return None
        return tuple(v for v in values if v is not None)

    def values(self, data: str | None) -> tuple[int | str, ...]:
        """The values of a press the middleware has already checked (ValueError otherwise)."""
        values = self.unpack(data)
        if values is None:
            raise ValueError(f"not a {self.prefix} button: {data!r}")
        return values

    def words(self, data: str | None) -> tuple[str, ...]:
        """`values` as text (codes, slugs, choices)."""
        return tuple(str(v) for v in self.values(data))

    def ints(self, data: str | None) -> tuple[int, ...] | None:
        """`unpack` for families whose fields are all numbers."""
        values = self.unpack(data)
        if values is None:
            return None
        return tuple(v for v in values if isinstance(v, int))

    def first_int(self, data: str | None) -> int | None:
        """The first field as a number (the id most families carry), or None."""
        values = self.unpack(data)
        return values[0] if values and isinstance(values[0], int) else None

    def sample(self) -> str:
        """Valid data with sample values (for the forged-press tests)."""
        return self.pack(*(f.sample for f in self.fields))


# Keyed by prefix and number of fields: "f:fix" (the menu) and "f:fix:name" (one field)
# are two families.
CATALOGUE: dict[tuple[str, int], Button] = {}


def button(prefix: str, *fields: Field, who: Who, where: Where = Where.PRIVATE) -> Button:
    """Declare a button family; a prefix with as many fields may be declared once."""
    key = (prefix, len(fields))
    if key in CATALOGUE:
        raise ValueError(f"callback prefix {prefix!r} declared twice")
    family = Button(prefix, tuple(fields), who, where)
    CATALOGUE[key] = family
    return family


def family_of(data: str | None) -> Button | None:
    """The family this data claims to belong to: the longest declared prefix it starts with
    that takes as many fields as the data has left."""
    if not data:
        return None
    parts = data.split(":")
    for i in range(len(parts), 0, -1):
        family = CATALOGUE.get((":".join(parts[:i]), len(parts) - i))
        if family is not None:
            return family
    return None


def number_in(data: str | None, index: int = 0) -> int:
    """The `index`-th number a press of any declared family carries (the id of the record it is
    about, unless said otherwise); 0 when it carries none."""
    family = family_of(data)
    numbers = family.ints(data) if family is not None else None
    return numbers[index] if numbers and len(numbers) > index else 0


def families() -> Sequence[Button]:
    """Every declared family."""
    return tuple(CATALOGUE.values())


ID = Int("id")
PAGE = Int("page")
MEMBER, AGENT, STAFF, ANYONE = Who.MEMBER, Who.AGENT, Who.STAFF, Who.ANYONE
STAFF_CHATS = Where.STAFF_CHATS

# --- onboarding and profile (handlers/onboarding.py, handlers/profile.py) ---------------------
FORM_CLUSTER = button("f:cl", Word("cluster"), who=ANYONE)
FORM_CLUSTER_PAGE = button("f:clp", PAGE, who=ANYONE)
FORM_ESTATE = button("f:es", Word("estate", sample="-"), who=ANYONE)
FORM_ESTATE_PAGE = button("f:esp", PAGE, who=ANYONE)
FORM_JOB_ROLE = button("f:jr", Word("job_role", sample="owner"), who=ANYONE)
FORM_LANGUAGE = button("f:lang", Word("language", sample="fa"), who=ANYONE)
FORM_CONFIRM = button("f:ok", who=ANYONE)
FORM_FIX = button("f:fix", who=ANYONE)
FORM_FIX_FIELD = button("f:fix", Word("field", sample="name"), who=ANYONE)
FORM_CANCEL = button("f:no", who=ANYONE)
# Under a staff member's /start: they register as a member only if they choose to.
FORM_REGISTER = button("f:reg", who=AGENT)
PROFILE_EDIT = button("pf:edit", Word("field", sample="name"), who=MEMBER)
PROFILE_ANNOUNCEMENTS = button("pf:ann", who=MEMBER)
PROFILE_DIGEST = button("pf:dg", who=MEMBER)
# One person on both platforms: registering on the second with the same verified phone offers
# to link (pressed before this account is a member, hence ANYONE; the handler checks the
# offer again), and a linked member picks where they are reached or unlinks one account.
FORM_LINK_YES = button("f:link", who=ANYONE)
FORM_LINK_NO = button("f:nolink", who=ANYONE)
PLATFORMS = ("telegram", "bale")
PROFILE_PREFER = button("pf:pref", Choice("prefer", ("last", *PLATFORMS)), who=MEMBER)
PROFILE_UNLINK = button("pf:unl", Choice("platform", PLATFORMS), who=MEMBER)
PROFILE_UNLINK_YES = button("pf:unly", Choice("platform", PLATFORMS), who=MEMBER)
# A member's own data: see all of it, delete the account (with a confirm).
PROFILE_MY_DATA = button("pf:data", who=MEMBER)
PROFILE_DELETE = button("pf:del", who=MEMBER)
PROFILE_DELETE_YES = button("pf:dely", who=MEMBER)
PROFILE_DELETE_KEEP = button("pf:delk", who=MEMBER)

# --- reports, the member's side (handlers/reports.py, handlers/report_followup.py) ------------
REPORT_DONE = button("r:done", who=MEMBER)
REPORT_CANCEL = button("r:cancel", who=MEMBER)
REPORT_CATEGORY = button("r:cat", Word("category", sample="electricity"), who=MEMBER)
REPORT_ALL_CATEGORIES = button("r:cats", who=MEMBER)
REPORT_SAME = button("r:same", ID, who=MEMBER)
REPORT_DIFFERENT = button("r:new", who=MEMBER)
REPORT_URGENCY = button("r:urg", Choice("urgent", ("0", "1")), who=MEMBER)
REPORT_KEEP_SUMMARY = button("r:sum", who=MEMBER)
REPORT_SEND = button("r:ok", who=MEMBER)
REPORT_FIX = button("r:fix", who=MEMBER)
REPORT_LIST_PAGE = button("r:list", PAGE, who=MEMBER)
REPORT_OPEN = button("r:open", Word("code", sample="1234", chars=r"[0-9]"), who=MEMBER)
REPORT_FOLLOW_UP = button("r:fu", ID, who=MEMBER)
REPORT_NOT_SOLVED = button("r:no", ID, who=MEMBER)
REPORT_FOLLOW_UP_CANCEL = button("r:fux", who=MEMBER)
REPORT_WITHDRAW = button("r:wd", ID, who=MEMBER)
REPORT_WITHDRAW_YES = button("r:wdy", ID, who=MEMBER)
REPORT_SOLVED = button("r:yes", ID, who=MEMBER)
REPORT_RATE = button("r:rate", ID, Int("score", hi=5, sample="5"), who=MEMBER)

# --- reports, the staff's side: cards in the staff group or an agent's chat (handlers/triage.py,
# handlers/staff_report.py, handlers/staff_lists.py) --------------------------------------------
TRIAGE_TAKE = button("t:take", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_STATUS_MENU = button("t:st", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_SET_STATUS = button(
    "t:set", ID, Word("status", sample="resolved"), who=AGENT, where=STAFF_CHATS
)
TRIAGE_CATEGORY_MENU = button("t:cat", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_SET_CATEGORY = button(
    "t:setcat", ID, Word("category", sample="finance"), who=AGENT, where=STAFF_CHATS
)
TRIAGE_BODY_MENU = button("t:body", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_SET_BODY = button(
    "t:setbody", ID, Word("body", sample="bank"), who=AGENT, where=STAFF_CHATS
)
TRIAGE_FULL_TEXT = button("t:full", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_ATTACHMENTS = button("t:att", ID, who=AGENT, where=STAFF_CHATS)
# The card opened from a /reports row; replying and merging ask for text in the same chat.
TRIAGE_OPEN = button("t:open", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_REPLY = button("t:reply", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_MERGE = button("t:merge", ID, who=AGENT, where=STAFF_CHATS)
TRIAGE_INPUT_CANCEL = button("t:x", who=AGENT, where=STAFF_CHATS)
LIST_FILTERS = ("status", "category", "cluster", "body", "age")
LIST_PAGE = button("l:p", PAGE, who=AGENT, where=STAFF_CHATS)
LIST_FILTER_MENU = button("l:m", Choice("filter", LIST_FILTERS), who=AGENT, where=STAFF_CHATS)
LIST_FILTER_SET = button(
    "l:s", Choice("filter", LIST_FILTERS), Word("value", sample="-"), who=AGENT, where=STAFF_CHATS
)
LIST_EXPORT = button("l:x", who=AGENT, where=STAFF_CHATS)

# --- announcements (handlers/broadcast*.py, audience.py, scheduled.py; bot/services/outbox.py)
DIMENSIONS = ("c", "e", "r", "p")  # clusters, estates, job roles, platforms


@dataclass(frozen=True)
class AudienceButtons:
    """One form's audience picker (handlers/audience.py AudiencePicker): the same families
    under the form's own prefix, so a press lands in the form that showed it."""

    dimension: Button  # opens one dimension's picker
    toggle: Button  # chooses or un-chooses a value
    page: Button  # another page of a picker
    back: Button  # from a picker back to the card
    everyone: Button  # clears every choice
    done: Button  # the card's "continue"


def audience_buttons(prefix: str, done: str) -> AudienceButtons:
    """Declare a picker's families under `prefix` (`done`: its continue button's suffix)."""
    return AudienceButtons(
        dimension=button(f"{prefix}:d", Choice("dimension", DIMENSIONS), who=AGENT),
        toggle=button(f"{prefix}:t", Choice("dimension", DIMENSIONS), Word("code"), who=AGENT),
        page=button(f"{prefix}:p", Choice("dimension", ("c", "e")), PAGE, who=AGENT),
        back=button(f"{prefix}:back", who=AGENT),
        everyone=button(f"{prefix}:all", who=AGENT),
        done=button(f"{prefix}:{done}", who=AGENT),
    )


BROADCAST_PICKER = audience_buttons("bc", done="go")
BROADCAST_CONTINUE = BROADCAST_PICKER.done
BROADCAST_SEND_NOW = button("bc:now", who=AGENT)
BROADCAST_SCHEDULE = button("bc:sch", who=AGENT)
BROADCAST_AUDIENCE = button("bc:aud", who=AGENT)
BROADCAST_CONFIRM_SCHEDULE = button("bc:ok", who=AGENT)
BROADCAST_CANCEL_FORM = button("bc:x", who=AGENT)
BROADCAST_RESCHEDULE = button("bc:rs", ID, who=AGENT)
BROADCAST_RESCHEDULE_DAY_OK = button("bc:rsok", who=AGENT)  # a new time on a day off: keep it
BROADCAST_CANCEL = button("bc:c", ID, who=AGENT)
BROADCAST_CANCEL_YES = button("bc:cy", ID, who=AGENT)
BROADCAST_CANCEL_KEEP = button("bc:ck", ID, who=AGENT)
BROADCAST_SEND_MISSED = button("bc:sn", ID, who=AGENT)
BROADCAST_FAILED_LIST = button("bc:failed", ID, who=AGENT)
ANNOUNCEMENTS_OFF = button("ob:off", who=MEMBER)
DIGEST_OFF = button("dg:off", who=MEMBER)

# --- trainings and events, the member's side (handlers/offerings.py, handlers/needs.py) -------
OFFERING_LIST = button("of:list", who=MEMBER)
OFFERING_LIST_PAGE = button("of:page", PAGE, who=MEMBER)
OFFERING_VIEW = button("of:view", ID, who=MEMBER)  # from an announcement: a new message
OFFERING_CARD = button("of:card", ID, who=MEMBER)  # within the list: the card is edited
OFFERING_JOIN = button("of:join", ID, who=MEMBER)
OFFERING_JOIN_YES = button("of:joinok", ID, who=MEMBER)
OFFERING_LEAVE = button("of:leave", ID, who=MEMBER)
OFFERING_LEAVE_YES = button("of:leaveok", ID, who=MEMBER)
OFFERING_CALENDAR = button("of:ics", ID, who=MEMBER)
OFFERING_MINE = button("of:mine", who=MEMBER)
NEEDS_SUGGEST = button("nd:new", who=MEMBER)
NEEDS_TOPICS = button("nd:list", who=MEMBER)
NEEDS_VOTE = button("nd:v", ID, who=MEMBER)
NEEDS_OFFER = button("nds:o", ID, who=AGENT)

# --- trainings and events, the staff's side (handlers/offering_manage.py, offering_form.py) ---
OFFERINGS_MORE = button("ofs:m", Int("offset"), who=AGENT)
OFFERING_EDIT_MENU = button("ofs:e", ID, who=AGENT)
OFFERING_CANCEL = button("ofs:c", ID, who=AGENT)
OFFERING_CANCEL_YES = button("ofs:cy", ID, who=AGENT)
OFFERING_CANCEL_KEEP = button("ofs:ck", ID, who=AGENT)
OFFERING_LISTS = button("ofs:l", ID, who=AGENT)
OFFERING_EXPORT = button("ofs:x", ID, who=AGENT)
OFFERING_ATTENDANCE = button("ofs:ao", ID, who=AGENT)
OFFERING_ATTENDANCE_PAGE = button("ofs:a", ID, PAGE, who=AGENT)
OFFERING_ATTENDED = button("ofs:at", ID, Int("member"), PAGE, who=AGENT)
# One "edit this field" button per field the staff may change after publishing.
OFFERING_EDIT_FIELDS = {
    name: button(f"ofs:e{letter}", ID, who=AGENT)
    for letter, name in (
        ("s", "start"),
        ("c", "capacity"),
        ("p", "place"),
        ("t", "title"),
        ("d", "description"),
        ("n", "end"),
        ("l", "deadline"),
    )
}
NEW_OFFERING_KIND = button("ofn:k", Word("kind", sample="course"), who=AGENT)
NEW_OFFERING_TOGGLE = button("ofn:t", Word("cluster"), who=AGENT)
NEW_OFFERING_PAGE = button("ofn:p", PAGE, who=AGENT)
NEW_OFFERING_CLUSTERS_DONE = button("ofn:go", who=AGENT)
NEW_OFFERING_SHARES = button("ofn:sh", who=AGENT)
NEW_OFFERING_NO_SHARES = button("ofn:nosh", who=AGENT)
NEW_OFFERING_PUBLISH = button("ofn:pub", who=AGENT)
NEW_OFFERING_SCHEDULE = button("ofn:sch", who=AGENT)
NEW_OFFERING_SKIP = button("ofn:skip", who=AGENT)
NEW_OFFERING_CANCEL = button("ofn:x", who=AGENT)
NEW_OFFERING_DAY_OK = button("ofn:dayok", who=AGENT)  # a start on a Friday or holiday: keep it
# --- typed dates in the staff forms (handlers/when_input.py): "۵" meant morning or afternoon --
WHEN_HALF = button("wh", Choice("half", ("am", "pm")), who=AGENT)
# --- text typed outside any form (handlers/menu.py): file it as a report, or let it go --------
LOOSE_TEXT_REPORT = button("lt:r", ID, who=MEMBER)
LOOSE_TEXT_DISMISS = button("lt:x", ID, who=MEMBER)
# --- the registration's language (handlers/onboarding.py): buttons under the welcome ----------
FORM_WELCOME_LANGUAGE = button("f:wl", Word("language", sample="az"), who=ANYONE)

# --- advisory cores (issue 17): /cores for admins (handlers/cores_admin.py) ---------------------
ADMIN, ADVISER, CORE_CHATS = Who.ADMIN, Who.ADVISER, Where.CORE_CHATS
CORE_NEW = button("co:new", who=ADMIN)
CORE_EDIT = button("co:e", ID, who=ADMIN)
CORE_KEEP = button("co:keep", who=ADMIN)  # keep the current value (or none, for a new core)
CORE_TOPIC = button("co:t", Word("category", sample="finance"), who=ADMIN)
CORE_TOPICS_DONE = button("co:td", who=ADMIN)
CORE_SAVE = button("co:ok", who=ADMIN)
CORE_CANCEL = button("co:x", who=ADMIN)

# --- a member's request for advice (handlers/consult.py) --------------------------------------
CONSULT_DONE = button("cm:done", who=MEMBER)
CONSULT_CANCEL = button("cm:x", who=MEMBER)
CONSULT_CORE = button("cm:core", ID, who=MEMBER)
CONSULT_ALL_CORES = button("cm:all", who=MEMBER)
CONSULT_SEND = button("cm:ok", who=MEMBER)
CONSULT_ANSWER = button("cm:ans", ID, who=MEMBER)  # answer the adviser (a question back)
# --- an adviser's side: the request's card, privately or in the core's group (consult_advise.py)
ADVISE_TAKE = button("ca:take", ID, who=ADVISER, where=CORE_CHATS)
ADVISE_REPLY = button("ca:reply", ID, who=ADVISER, where=CORE_CHATS)
ADVISE_HAND = button("ca:hand", ID, who=ADVISER, where=CORE_CHATS)
ADVISE_HAND_TO = button("ca:to", ID, Int("core"), who=ADVISER, where=CORE_CHATS)
ADVISE_INPUT_CANCEL = button("ca:x", who=ADVISER, where=CORE_CHATS)
ADVISE_OFFER = button("ca:offer", ID, who=ADVISER, where=CORE_CHATS)  # offer the core's slots
ADVISE_CLOSE = button("ca:close", ID, who=ADVISER, where=CORE_CHATS)  # done: ask for a rating
ADVISE_SESSION_CANCEL = button("ca:sx", ID, who=ADVISER)  # a booked session, by its adviser
ADVISE_TO_REPORT = button("ca:rep", ID, who=ADVISER, where=CORE_CHATS)  # really a problem
ADVISE_TO_REPORT_YES = button("ca:repy", ID, who=ADVISER, where=CORE_CHATS)
ADVISE_FILES = button("ca:files", ID, who=ADVISER, where=CORE_CHATS)  # the member's files
# --- slots and sessions (handlers/consult_slots.py) -------------------------------------------
SLOT_NEW = button("sl:new", who=ADVISER)
SLOT_LENGTH = button("sl:len", Int("minutes", hi=480, sample="30"), who=ADVISER)
SLOT_MODE = button("sl:mode", Choice("mode", ("in_person", "online")), who=ADVISER)
SLOT_CORE = button("sl:core", ID, who=ADVISER)
SLOT_SAVE = button("sl:ok", who=ADVISER)
SLOT_CANCEL = button("sl:x", who=ADVISER)
CONSULT_BOOK = button("cm:book", ID, Int("slot"), who=MEMBER)
CONSULT_SESSION_CANCEL = button("cm:sx", ID, who=MEMBER)
CONSULT_RATE = button("cm:rate", ID, Int("score", hi=5, sample="5"), who=MEMBER)
CONSULT_COMMENT = button("cm:note", ID, who=MEMBER)  # a comment after the rating
CONSULT_SHARE_PHONE = button("cm:phone", ID, who=MEMBER)  # give the adviser my number for a call
# --- /consultations: scoped list and export (handlers/consult_lists.py); core 0 is every core --
CONSULT_STATUSES = ("all", "open", "new", "taken", "answered", "closed", "to_report")
CONSULT_AGES = ("0", "7", "30")
_CONSULT_FILTER = (
    Int("core", sample="0"),
    Choice("status", CONSULT_STATUSES),
    Choice("age", CONSULT_AGES),
)
CONSULT_LIST = button("cl:l", *_CONSULT_FILTER, who=ADVISER)
CONSULT_LIST_EXPORT = button("cl:x", *_CONSULT_FILTER, who=ADVISER)


# --- surveys, the member's side (handlers/surveys.py): answer, resume, change ------------------
SURVEY_KINDS = ("single", "multi", "scale", "number", "text")
SURVEY_ANSWER = button("sv:a", ID, who=MEMBER)  # the invitation's button: start or resume
SURVEY_PICK = button("sv:p", ID, Int("question"), Int("option", hi=99), who=MEMBER)
SURVEY_NEXT = button("sv:n", ID, Int("question"), who=MEMBER)  # a multiple choice is done
SURVEY_CHANGE = button("sv:c", ID, Int("question"), who=MEMBER)
# --- surveys, the staff's side (handlers/survey_form.py, handlers/surveys.py) ------------------
SURVEY_NEW = button("svs:new", who=AGENT)
SURVEY_TEMPLATE = button("svs:tpl", Choice("template", ("tech_needs", "satisfaction")), who=AGENT)
SURVEY_KIND = button("svs:k", Choice("kind", SURVEY_KINDS), who=AGENT)
SURVEY_QUESTIONS_DONE = button("svs:qd", who=AGENT)
SURVEY_PICKER = audience_buttons("svs", done="cd")  # the audience, as broadcasts pick theirs
SURVEY_AUDIENCE_DONE = SURVEY_PICKER.done
SURVEY_TRAINING = button("svs:tr", ID, who=AGENT)  # ask a training's registrants
SURVEY_OPEN_NOW = button("svs:now", who=AGENT)
SURVEY_PUBLISH = button("svs:pub", who=AGENT)
SURVEY_CANCEL_FORM = button("svs:x", who=AGENT)
SURVEY_RESULTS = button("svs:r", ID, who=AGENT)
SURVEY_EXPORT = button("svs:xl", ID, who=AGENT)
SURVEY_CLOSE = button("svs:c", ID, who=AGENT)
SURVEY_CLOSE_YES = button("svs:cy", ID, who=AGENT)


# --- proposals and joint meetings (handlers/proposals.py, handlers/proposal_form.py) ---------
PROPOSAL_SUPPORT = button("pp:s", ID, who=MEMBER)  # support, or withdraw the support
PROPOSAL_COMMENT = button("pp:c", ID, who=MEMBER)
PROPOSAL_NEW = button("pps:new", who=AGENT)
PROPOSAL_BODY = button("pps:b", Word("body", sample="bank"), who=AGENT)
PROPOSAL_NO_BODY = button("pps:nob", who=AGENT)
PROPOSAL_CLUSTER = button("pps:t", Word("cluster"), who=AGENT)
PROPOSAL_CLUSTER_PAGE = button("pps:p", PAGE, who=AGENT)
PROPOSAL_CLUSTERS_DONE = button("pps:cd", who=AGENT)
PROPOSAL_NO_REPORTS = button("pps:nor", who=AGENT)
PROPOSAL_LINK = button("pps:l", Choice("kind", ("survey", "topic")), ID, who=AGENT)
PROPOSAL_LINKS_DONE = button("pps:ld", who=AGENT)
PROPOSAL_PUBLISH = button("pps:pub", who=AGENT)
PROPOSAL_SAVE_DRAFT = button("pps:draft", who=AGENT)
PROPOSAL_PUBLISH_DRAFT = button("pps:pubd", ID, who=AGENT)
PROPOSAL_CANCEL_FORM = button("pps:x", who=AGENT)
PROPOSAL_SUPPORTERS = button("pps:sup", ID, who=AGENT)
PROPOSAL_AGENDA = button("pps:ag", ID, who=AGENT)
PROPOSAL_AGENDA_SET = button("pps:ags", ID, Int("meeting"), who=AGENT)
PROPOSAL_DECIDE = button("pps:d", ID, who=AGENT)
PROPOSAL_OUTCOME = button(
    "pps:o", Choice("outcome", ("accepted", "partial", "rejected", "referred")), who=AGENT
)
PROPOSAL_NO_DUE = button("pps:nod", who=AGENT)
PROPOSAL_DECISION_OK = button("pps:dok", who=AGENT)
PROPOSAL_DONE = button("pps:done", ID, who=AGENT)
MEETING_PACK = button("mt:pack", ID, who=AGENT)
MEETING_ADD_REPORT = button("mt:add", ID, who=AGENT)
MEETING_REPORT_DECIDE = button("mt:d", ID, Int("report"), who=AGENT)


def any_of(*families: Button) -> str:
    """One pattern for several families handled alike."""
    return "|".join(f"(?:{f.pattern()})" for f in families)
