-- Broadcasts: one message for many members, sent now or at a scheduled time. Rows are never
-- deleted: together with their outbox rows they are the audit trail (who sent what, to whom,
-- when, with which result).
CREATE TABLE broadcasts (
    id                  INTEGER PRIMARY KEY,
    -- 'announcement' is composed by staff; trainings, reminders and digests add their own kinds.
    kind                TEXT    NOT NULL DEFAULT 'announcement',
    -- A double tap on "send" carries the same key and finds the first row.
    dedupe_key          TEXT    UNIQUE,
    created_by          TEXT    NOT NULL,
    owner_platform      TEXT    NOT NULL,
    owner_chat_id       INTEGER NOT NULL,
    owner_lang          TEXT    NOT NULL DEFAULT 'fa',
    body                TEXT    NOT NULL DEFAULT '',
    media_kind          TEXT    CHECK (media_kind IN ('photo', 'document')),
    media_name          TEXT,
    audience            TEXT    NOT NULL,
    status              TEXT    NOT NULL
        CHECK (status IN ('scheduled', 'sending', 'done', 'cancelled', 'missed')),
    send_at             TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    started_at          TEXT,
    finished_at         TEXT,
    changed_by          TEXT,
    progress_message_id INTEGER
);
CREATE INDEX broadcasts_status ON broadcasts (status, send_at);

-- File ids are per platform: the composer's upload is valid on their platform only, so the
-- first send on the other platform uploads the file and its new id is kept here.
CREATE TABLE broadcast_files (
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
    platform     TEXT    NOT NULL,
    file_id      TEXT    NOT NULL,
    PRIMARY KEY (broadcast_id, platform)
);

-- The outbox: a broadcast is expanded into one row per recipient before sending starts, and
-- the sender records each result here. 'sending' marks the message in flight: after a crash
-- those rows are sent again (the only source of duplicates, see bot/services/outbox.py).
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
    member_id    INTEGER REFERENCES members (id),
    platform     TEXT    NOT NULL,
    chat_id      INTEGER NOT NULL,
    -- A message of its own for this recipient (JSON); NULL sends the broadcast's message.
    payload      TEXT,
    status       TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'left', 'skipped')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TEXT,
    error        TEXT,
    message_id   INTEGER,
    sent_at      TEXT,
    UNIQUE (broadcast_id, platform, chat_id)
);
CREATE INDEX outbox_queue ON outbox (platform, id) WHERE status = 'pending';
CREATE INDEX outbox_by_broadcast ON outbox (broadcast_id, status);
