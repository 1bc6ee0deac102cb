-- The weekly digest (issue 6). Its number is 0007 on main (0006 is the trainings issue's);
-- it is 0006 on this branch only so the worktree's migrations stay contiguous.

-- A member may turn the weekly digest off (announcements have their own switch).
ALTER TABLE members ADD COLUMN digest INTEGER NOT NULL DEFAULT 1;

-- Files the bot made itself (the staff digest's chart), sent from outbox payloads that name
-- them: {"photo": <id>}. Kept with the broadcast as part of its audit trail.
CREATE TABLE outbox_files (
    id           INTEGER PRIMARY KEY,
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
    name         TEXT    NOT NULL,
    data         BLOB    NOT NULL
);

-- The digest reads a week of history at once: by time, not by report.
CREATE INDEX report_events_at ON report_events (at);
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX report_coreporters_joined ON report_coreporters (joined_at);
