-- Clusters and industrial estates: loaded from data/clusters.csv, replaceable by admins.
-- Rows are deactivated rather than deleted so members keep a valid reference.
CREATE TABLE clusters (
    code     TEXT PRIMARY KEY,
    name_fa  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE estates (
    code     TEXT PRIMARY KEY,
    name_fa  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    active   INTEGER NOT NULL DEFAULT 1
);

-- A member is (platform, user_id); ids are 64-bit (SQLite INTEGER is 8 bytes).
CREATE TABLE members (
    id             INTEGER PRIMARY KEY,
    platform       TEXT    NOT NULL CHECK (platform IN ('telegram', 'bale')),
    user_id        INTEGER NOT NULL,
    chat_id        INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    company        TEXT    NOT NULL,
    cluster_code   TEXT    NOT NULL REFERENCES clusters (code) ON UPDATE CASCADE,
    estate_code    TEXT    REFERENCES estates (code) ON UPDATE CASCADE,
    phone          TEXT    NOT NULL,
    phone_verified INTEGER NOT NULL DEFAULT 0,
    job_role       TEXT    NOT NULL CHECK (job_role IN ('owner', 'manager', 'employee', 'other')),
    language       TEXT    NOT NULL DEFAULT 'fa',
    status         TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
    announcements  INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    UNIQUE (platform, user_id)
);
CREATE INDEX members_cluster ON members (cluster_code);

-- Staff roles granted by admins (admins themselves come from settings).
CREATE TABLE staff_roles (
    platform   TEXT    NOT NULL,
    user_id    INTEGER NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('staff', 'cluster_agent')),
    granted_by INTEGER NOT NULL,
    granted_at TEXT    NOT NULL,
    PRIMARY KEY (platform, user_id, role)
);

CREATE TABLE agent_clusters (
    platform     TEXT    NOT NULL,
    user_id      INTEGER NOT NULL,
    cluster_code TEXT    NOT NULL REFERENCES clusters (code) ON UPDATE CASCADE,
    PRIMARY KEY (platform, user_id, cluster_code)
);

-- PTB persistence (conversation states and per-user form drafts), one row per key.
CREATE TABLE ptb_conversations (
    platform TEXT NOT NULL,
    name     TEXT NOT NULL,
    key      TEXT NOT NULL,
    state    TEXT NOT NULL,
    PRIMARY KEY (platform, name, key)
);

CREATE TABLE ptb_user_data (
    platform TEXT    NOT NULL,
    user_id  INTEGER NOT NULL,
    data     TEXT    NOT NULL,
    PRIMARY KEY (platform, user_id)
);
