-- One person on both platforms, and a member's own data (issue 15, points 5 and 6).

-- A member is a person; each platform account they use the bot from is an address. A member
-- registered on one platform has one address; one who registered on the second platform
-- with the same verified phone and accepted the offer to link has two, one per platform.
-- The members row's own (platform, user_id, chat_id) is the preferred address: everything
-- that sends to a member (broadcasts, the digest, notices, promotions) reads those columns,
-- so a linked person is reached once, there.
CREATE TABLE member_addresses (
    platform  TEXT    NOT NULL CHECK (platform IN ('telegram', 'bale')),
    user_id   INTEGER NOT NULL,
    chat_id   INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members (id),
    linked_at TEXT    NOT NULL,
    PRIMARY KEY (platform, user_id),
    UNIQUE (member_id, platform)
);
INSERT INTO member_addresses (platform, user_id, chat_id, member_id, linked_at)
    SELECT platform, user_id, chat_id, id, created_at FROM members;

-- Where a linked member is reached: NULL is the platform they used last (the preferred
-- address follows them), otherwise the one they chose.
ALTER TABLE members ADD COLUMN prefer TEXT CHECK (prefer IN ('telegram', 'bale'));

-- A deleted account stays as an anonymous row (name, phone and platform ids erased, only the
-- cluster kept), so the reports it filed stay in the cluster's record and its numbers.
ALTER TABLE members ADD COLUMN deleted_at TEXT;
