-- Read diffusion (super groups): a message to a super group is stored once, in its group's shared timeline, and
-- every member reads it from there; the members' own timelines get nothing. seq is strictly increasing and
-- gap-free per shared timeline, with the same head-lock protocol as user timelines (user heads first, then
-- shared heads, each in id order).
CREATE TABLE shared_timeline (
    timeline_id VARCHAR(64) NOT NULL,
    seq         BIGINT      NOT NULL,
    message_uid BIGINT      NOT NULL,
    server_time BIGINT      NOT NULL,
    PRIMARY KEY (timeline_id, seq)
);

CREATE TABLE shared_heads (
    timeline_id VARCHAR(64) NOT NULL PRIMARY KEY,
    head        BIGINT      NOT NULL
);

-- The head of the group's shared timeline when the member (re)joined: without history_message a member reads only
-- the entries after it.
ALTER TABLE group_members ADD COLUMN join_seq BIGINT NOT NULL DEFAULT 0;

-- The head of the shared timeline when the group was created: a group created under the id of a dismissed one
-- reads only after it, even with history_message.
ALTER TABLE groups_info ADD COLUMN created_seq BIGINT NOT NULL DEFAULT 0;
