-- Which bot message (in the staff group or an agent's chat) is about which report, so a staff
-- reply to that message reaches the report's members.
CREATE TABLE report_messages (
    platform   TEXT    NOT NULL,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    PRIMARY KEY (platform, chat_id, message_id)
);
