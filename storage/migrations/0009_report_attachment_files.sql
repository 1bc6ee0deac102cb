-- Attachments reach staff (issue 11, point 3). Its number is 0009 on main (0008 is another
-- branch's); it is 0008 on this branch only so the worktree's migrations stay contiguous.

-- File ids are per platform: a member's file is known by the id its own platform gave it
-- (report_attachments.platform, .file_id). The first time staff on the other platform ask for
-- it, it is fetched from there and uploaded once (as a broadcast's picture is, see
-- broadcast_files); the id that upload produced is kept here for every later request.
CREATE TABLE report_attachment_files (
    attachment_id INTEGER NOT NULL REFERENCES report_attachments (id),
    platform      TEXT    NOT NULL,
    file_id       TEXT    NOT NULL,
    PRIMARY KEY (attachment_id, platform)
);

-- Staff ask for a report's files, and lists count them, by report.
CREATE INDEX report_attachments_report ON report_attachments (report_id, id);
