-- A broadcast the bot composes (a training's announcement, a reminder) is rendered for each
-- recipient in their own language: a message id, its arguments and its buttons (JSON, see
-- storage/outbox.py). NULL: the composer's own text, the same for everyone.
ALTER TABLE broadcasts ADD COLUMN template TEXT;
