-- Problem reports (issue 3). A report belongs to the member who filed it; other members join
-- it as co-reporters ("me too"). Every change is an event, so the history is never rewritten.
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL UNIQUE,             -- tracking code: digits only
    member_id     INTEGER NOT NULL REFERENCES members (id),
    cluster_code  TEXT    NOT NULL REFERENCES clusters (code) ON UPDATE CASCADE,
    category      TEXT    NOT NULL,
    suggested     TEXT    NOT NULL,                    -- what the bot suggested, for measuring
    urgent        INTEGER NOT NULL DEFAULT 0,
    summary       TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN (
                      'new', 'in_review', 'referred', 'resolved', 'closed',
                      'rejected', 'merged', 'withdrawn')),
    outside_body  TEXT,
    assignee      TEXT,                                -- "platform:user_id" of a staff member
    merged_into   INTEGER REFERENCES reports (id),
    satisfaction  INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    client_key    TEXT    NOT NULL UNIQUE,             -- one report per confirmed draft
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX reports_member ON reports (member_id);
CREATE INDEX reports_open ON reports (status, category, cluster_code);

CREATE TABLE report_coreporters (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    joined_at TEXT    NOT NULL,
    PRIMARY KEY (report_id, member_id)
);
CREATE INDEX report_coreporters_member ON report_coreporters (member_id);

CREATE TABLE report_attachments (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports (id),
    platform       TEXT    NOT NULL,                   -- file ids are per platform
    kind           TEXT    NOT NULL CHECK (kind IN ('photo', 'document', 'voice')),
    file_id        TEXT    NOT NULL,
    file_unique_id TEXT    NOT NULL,
    file_name      TEXT,
    added_by       INTEGER REFERENCES members (id),
    added_at       TEXT    NOT NULL
);

CREATE TABLE report_events (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports (id),
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,                      -- "member:<id>" or "staff:<platform>:<id>"
    kind        TEXT    NOT NULL,                      -- filed, joined, status, reply, follow_up, …
    from_status TEXT,
    to_status   TEXT,
    text        TEXT
);
CREATE INDEX report_events_report ON report_events (report_id, at);
