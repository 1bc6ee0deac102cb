-- Messages the bot owes someone after a stored event (issue 11): report cards for staff,
-- "me too" and follow-up news, status changes and staff replies for members. They go through
-- the outbox like broadcasts (one 'notice' broadcast per event, one row per chat), so a
-- crash loses none of them; they are sent before broadcast rows waiting at the same time.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
DROP INDEX outbox_queue;
CREATE INDEX outbox_queue ON outbox (platform, priority DESC, id) WHERE status = 'pending';

-- Set in the transaction that queues a report's cards. A report stored just before a crash
-- (announced = 0) gets its cards queued at the next start. Reports filed before this
-- migration were announced the old way: marked, so an upgrade announces nothing twice.
ALTER TABLE reports ADD COLUMN announced INTEGER NOT NULL DEFAULT 0;
UPDATE reports SET announced = 1;
CREATE INDEX reports_unannounced ON reports (id) WHERE announced = 0;
