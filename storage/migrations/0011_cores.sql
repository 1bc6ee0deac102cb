-- Advisory cores (issue 17): members ask a core's advisers, get an answer or a session in an
-- adviser's open slot, and rate it. Next to reports, not inside them: a request can become a
-- report and a report a request (each side keeps the other's id, and both histories stay).

CREATE TABLE cores (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE,
    description    TEXT    NOT NULL DEFAULT '',
    -- A core's group chat (optional): new requests are posted there too. Chat ids are per
    -- platform.
    group_platform TEXT    CHECK (group_platform IN ('telegram', 'bale')),
    group_chat_id  INTEGER,
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);

-- What a core covers: report category slugs and free keywords, matched against a member's
-- question to suggest the core.
CREATE TABLE core_topics (
    core_id INTEGER NOT NULL REFERENCES cores (id),
    kind    TEXT    NOT NULL CHECK (kind IN ('category', 'keyword')),
    value   TEXT    NOT NULL,
    PRIMARY KEY (core_id, kind, value)
);

-- The adviser role is per core (`/grant <id> adviser <core>`); bot/roles.py reads it with
-- the other grants.
CREATE TABLE core_advisers (
    core_id    INTEGER NOT NULL REFERENCES cores (id),
    platform   TEXT    NOT NULL,
    user_id    INTEGER NOT NULL,
    granted_by INTEGER NOT NULL,
    granted_at TEXT    NOT NULL,
    PRIMARY KEY (core_id, platform, user_id)
);
CREATE INDEX core_advisers_user ON core_advisers (platform, user_id);

CREATE TABLE consultations (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL UNIQUE,            -- tracking code: digits only
    member_id      INTEGER NOT NULL REFERENCES members (id),
    cluster_code   TEXT    NOT NULL,
    platform       TEXT    NOT NULL,                   -- where the member asked
    core_id        INTEGER NOT NULL REFERENCES cores (id),
    suggested_core INTEGER REFERENCES cores (id),      -- what the bot suggested, for measuring
    summary        TEXT    NOT NULL,
    question       TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'new' CHECK (status IN (
                       'new', 'taken', 'answered', 'closed', 'withdrawn', 'to_report')),
    -- The adviser who took it ("platform:user_id"); set once, by a conditional UPDATE.
    owner          TEXT,
    taken_at       TEXT,
    first_answer_at TEXT,
    -- The member agreed to share their phone for a call (never shown otherwise).
    phone_shared   INTEGER NOT NULL DEFAULT 0,
    report_id      INTEGER REFERENCES reports (id),    -- turned into this report
    from_report_id INTEGER REFERENCES reports (id),    -- made from this report
    overdue_at     TEXT,                               -- flagged overdue (once)
    client_key     TEXT    NOT NULL UNIQUE,            -- one request per confirmed draft
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE INDEX consultations_member ON consultations (member_id);
CREATE INDEX consultations_core ON consultations (core_id, status);

CREATE TABLE consultation_attachments (
    id             INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    platform       TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('photo', 'document', 'voice')),
    file_id        TEXT    NOT NULL,
    file_unique_id TEXT    NOT NULL,
    file_name      TEXT,
    added_at       TEXT    NOT NULL
);
CREATE INDEX consultation_attachments_of ON consultation_attachments (consultation_id, id);

-- Every step is an event (asked, taken, reply, note, member, handed, to_report, rated, …):
-- the history is never rewritten.
CREATE TABLE consultation_events (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    at              TEXT    NOT NULL,
    actor           TEXT    NOT NULL,                  -- "member:<id>" or "staff:<platform>:<id>"
    kind            TEXT    NOT NULL,
    text            TEXT
);
CREATE INDEX consultation_events_of ON consultation_events (consultation_id, at);

-- An adviser's open slots; a slot is booked by at most one member (the partial unique index
-- below), whatever the taps.
CREATE TABLE core_slots (
    id          INTEGER PRIMARY KEY,
    core_id     INTEGER NOT NULL REFERENCES cores (id),
    adviser     TEXT    NOT NULL,                      -- "platform:user_id"
    starts_at   TEXT    NOT NULL,                      -- UTC ISO
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    mode        TEXT    NOT NULL CHECK (mode IN ('in_person', 'online')),
    place       TEXT    NOT NULL,                      -- an address or a link
    cancelled   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    UNIQUE (adviser, starts_at)
);
CREATE INDEX core_slots_core ON core_slots (core_id, starts_at);

CREATE TABLE core_bookings (
    id              INTEGER PRIMARY KEY,
    slot_id         INTEGER NOT NULL REFERENCES core_slots (id),
    consultation_id INTEGER REFERENCES consultations (id),
    member_id       INTEGER NOT NULL REFERENCES members (id),
    status          TEXT    NOT NULL DEFAULT 'booked' CHECK (status IN (
                        'booked', 'cancelled', 'moved', 'held')),
    booked_at       TEXT    NOT NULL,
    ended_at        TEXT
);
CREATE UNIQUE INDEX core_bookings_one_per_slot ON core_bookings (slot_id) WHERE status = 'booked';

-- «آیا این مشاوره کمکتان کرد؟»: one rating per answered request and per session held.
CREATE TABLE consultation_ratings (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    booking_id      INTEGER REFERENCES core_bookings (id),
    score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment         TEXT,
    rated_at        TEXT    NOT NULL
);
CREATE UNIQUE INDEX consultation_ratings_once
    ON consultation_ratings (consultation_id, COALESCE(booking_id, 0));
