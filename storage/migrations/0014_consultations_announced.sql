-- Set in the transaction that queues a request's cards for its core's advisers (issue 11,
-- point 4), as reports.announced is (0008). A request stored just before a crash
-- (announced = 0) gets its cards queued at the next start. Requests asked before this
-- migration had their cards queued the old way: marked, so an upgrade announces nothing twice.
ALTER TABLE consultations ADD COLUMN announced INTEGER NOT NULL DEFAULT 0;
UPDATE consultations SET announced = 1;
CREATE INDEX consultations_unannounced ON consultations (id) WHERE announced = 0;
