-- Proposals and joint meetings (issue 18).

-- A proposal for one or more clusters, written by staff or a cluster agent from the evidence
-- (reports and their co-reporters, survey results, training topics), addressed to an outside
-- body, supported by members, put on a joint meeting's agenda and decided there.
CREATE TABLE proposals (
    id            INTEGER PRIMARY KEY,
    title         TEXT    NOT NULL,
    problem       TEXT    NOT NULL,
    solution      TEXT    NOT NULL,
    -- The outside body it is addressed to (data/outside_bodies.csv code), or NULL.
    body          TEXT,
    status        TEXT    NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'agenda', 'decided', 'done')),
    -- The meeting (an offering of kind 'meeting') whose agenda it is on, and its place there.
    meeting_id    INTEGER REFERENCES offerings (id),
    agenda_order  INTEGER,
    decision      TEXT    CHECK (decision IN ('accepted', 'partial', 'rejected', 'referred')),
    decision_text TEXT,
    decision_body TEXT,
    decision_due  TEXT,
    dedupe_key    TEXT    UNIQUE,
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX proposals_by_status ON proposals (status);

CREATE TABLE proposal_clusters (
    proposal_id  INTEGER NOT NULL REFERENCES proposals (id),
    cluster_code TEXT    NOT NULL,
    PRIMARY KEY (proposal_id, cluster_code)
);

-- Linked evidence: a report, a survey or a training topic (needs assessment).
CREATE TABLE proposal_evidence (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('report', 'survey', 'topic')),
    ref_id      INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, kind, ref_id)
);

-- One support per member and proposal; withdrawing keeps the row (withdrawn_at set), and
-- supporting again clears it. The member's cluster when they supported, for the counts.
CREATE TABLE proposal_supports (
    proposal_id  INTEGER NOT NULL REFERENCES proposals (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    cluster_code TEXT    NOT NULL,
    comment      TEXT,
    supported_at TEXT    NOT NULL,
    withdrawn_at TEXT,
    PRIMARY KEY (proposal_id, member_id)
);

-- Every status change. `told` is set once its notices (to supporters and the members whose
-- reports are linked) are queued in the outbox under a key made from this row's id: a change
-- stored just before a crash is told at the next start, and never twice.
CREATE TABLE proposal_events (
    id          INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    told        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX proposal_events_untold ON proposal_events (told) WHERE told = 0;

-- Reports put on a joint meeting's agenda by themselves (a proposal's linked reports come with
-- it), in one order with the proposals; the decision on each, and whether the report's members
-- were told of each step (set once the notices are queued, as for proposal_events).
CREATE TABLE meeting_reports (
    meeting_id    INTEGER NOT NULL REFERENCES offerings (id),
    report_id     INTEGER NOT NULL REFERENCES reports (id),
    agenda_order  INTEGER NOT NULL,
    added_by      TEXT    NOT NULL,
    added_at      TEXT    NOT NULL,
    decision_text TEXT,
    decision_body TEXT,
    decision_due  TEXT,
    decided_at    TEXT,
    agenda_told   INTEGER NOT NULL DEFAULT 0,
    decision_told INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting_id, report_id)
);
