-- Receipts and server-side conversations.
--
-- Delivery receipts: per user, the newest timeline seq its clients reported delivered, and that entry's server time
-- (the reference's "delivered up to a time" model). Read receipts: per user and conversation as the user sees it
-- (a single chat's target is the peer), the server time up to which it has read.
CREATE TABLE receipt_delivered (
    user_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    delivered_seq BIGINT      NOT NULL,
    delivered_at  BIGINT      NOT NULL,
    updated_at    BIGINT      NOT NULL
);
CREATE TABLE receipt_read (
    user_id     VARCHAR(64) NOT NULL,
    conv_type   INT         NOT NULL,
    conv_target VARCHAR(64) NOT NULL,
    conv_line   INT         NOT NULL,
    read_at     BIGINT      NOT NULL,
    version     BIGINT      NOT NULL,
    PRIMARY KEY (user_id, conv_type, conv_target, conv_line)
);
-- conversation.list since a read version reads the marks a user changed after it
CREATE INDEX receipt_read_version ON receipt_read (user_id, version);

-- What unread counts are made of, as columns (the content itself is protobuf): the persist flag (3 counts) and the
-- mentions (mentioned_type 1 with its targets, 2 everyone), written with the message and with every change of it.
-- Rows stored before this migration have flag 0 and count toward no unread number.
ALTER TABLE messages ADD COLUMN persist_flag INT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN mention_type INT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN mention_targets VARCHAR(8192);
