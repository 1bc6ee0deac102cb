-- Surveys (issue 18).

-- Staff ask the members of some clusters a few questions; members answer
-- with buttons, one question at a time, and may change their answers until the survey closes.
-- Rows are never deleted: the answers are the survey's record.
CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    -- The ready template it was made from ('tech_needs', 'satisfaction'), or NULL.
    template    TEXT,
    -- Who is asked: storage.outbox.Audience as JSON, the same shape broadcasts store.
    audience    TEXT    NOT NULL,
    -- Open from opens_at until closes_at (UTC ISO), unless closed early by staff.
    opens_at    TEXT    NOT NULL,
    closes_at   TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'closed')),
    -- A double tap on "publish" carries the same key and finds the first row.
    dedupe_key  TEXT    UNIQUE,
    created_by  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    closed_at   TEXT,
    closed_by   TEXT
);

CREATE TABLE survey_questions (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys (id),
    position    INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('single', 'multi', 'scale', 'number', 'text')),
    text        TEXT    NOT NULL,
    -- The choices of a single or multiple choice question (a JSON list of labels).
    options     TEXT    NOT NULL DEFAULT '[]',
    UNIQUE (survey_id, position)
);

-- One answer set per member and survey; the member's cluster when they first answered, for
-- the results per cluster.
CREATE TABLE survey_responses (
    survey_id    INTEGER NOT NULL REFERENCES surveys (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    cluster_code TEXT    NOT NULL,
    started_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    -- Set when every question has an answer (cleared never: changing one keeps it complete).
    completed_at TEXT,
    PRIMARY KEY (survey_id, member_id)
);

-- One answer per member and question, replaced when the member changes it. `value` is JSON:
-- an option index (single, scale: 1..5), a list of indexes (multi), a number, or the text.
CREATE TABLE survey_answers (
    question_id INTEGER NOT NULL REFERENCES survey_questions (id),
    member_id   INTEGER NOT NULL REFERENCES members (id),
    survey_id   INTEGER NOT NULL REFERENCES surveys (id),
    value       TEXT    NOT NULL,
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (question_id, member_id)
);
CREATE INDEX survey_answers_by_survey ON survey_answers (survey_id, member_id);
