-- Trainings and events ("offerings"): courses, workshops, exhibitions, conferences, meetings.
-- Rows are never deleted: a cancelled offering keeps its sign-ups as the record of who was told.
CREATE TABLE offerings (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL
        CHECK (kind IN ('course', 'workshop', 'exhibition', 'conference', 'meeting')),
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    starts_at    TEXT    NOT NULL,
    ends_at      TEXT,
    place        TEXT    NOT NULL DEFAULT '',
    -- NULL: no limit (an exhibition, say).
    capacity     INTEGER CHECK (capacity IS NULL OR capacity > 0),
    -- NULL: sign-ups close at the start.
    deadline     TEXT,
    status       TEXT    NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'published', 'cancelled')),
    -- Members see it (and its announcement goes out) from this moment.
    published_at TEXT,
    -- Bumped when the start moves: reminders are keyed by it, so the old ones can be
    -- cancelled and new ones created without clashing (see bot/services/offerings.py).
    version      INTEGER NOT NULL DEFAULT 1,
    -- A double tap on "publish" carries the same key and finds the first row.
    dedupe_key   TEXT    UNIQUE,
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX offerings_upcoming ON offerings (status, starts_at);

-- Target clusters; none means every cluster. `seats` caps how many confirmed seats members
-- of that cluster may hold (NULL: no share, only the overall capacity).
CREATE TABLE offering_clusters (
    offering_id  INTEGER NOT NULL REFERENCES offerings (id),
    cluster_code TEXT    NOT NULL,
    seats        INTEGER CHECK (seats IS NULL OR seats > 0),
    PRIMARY KEY (offering_id, cluster_code)
);

-- One row per member and offering. `seq` is the order of arrival in the queue (re-joining
-- after cancelling goes to the back); the waitlist is served in that order.
CREATE TABLE signups (
    id           INTEGER PRIMARY KEY,
    offering_id  INTEGER NOT NULL REFERENCES offerings (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    -- The member's cluster when they signed up: shares are counted by it.
    cluster_code TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    seq          INTEGER NOT NULL,
    attended     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    UNIQUE (offering_id, member_id)
);
CREATE INDEX signups_by_status ON signups (offering_id, status, seq);
CREATE INDEX signups_by_member ON signups (member_id, status);

-- Needs assessment: members suggest training topics in their own words; a suggestion like
-- an open topic joins it (and counts as a vote), so staff see one topic with its demand.
CREATE TABLE topics (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'offered')),
    offering_id INTEGER REFERENCES offerings (id),
    created_at  TEXT    NOT NULL
);
CREATE TABLE topic_suggestions (
    id           INTEGER PRIMARY KEY,
    topic_id     INTEGER NOT NULL REFERENCES topics (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    text         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
-- One vote per member and topic; the member's cluster when voting, for per-cluster ranking.
CREATE TABLE topic_votes (
    topic_id     INTEGER NOT NULL REFERENCES topics (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    cluster_code TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (topic_id, member_id)
);
