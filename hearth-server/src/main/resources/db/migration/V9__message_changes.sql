-- Message lifecycle: a stored message can be recalled, edited or deleted everywhere after it was sent. Its row is
-- changed in place (content replaced, state and update time set) in the same transaction that gives every
-- affected timeline a new entry carrying it, so gap-free sync brings the change to every device.
-- state: 0 as sent, 1 recalled, 2 edited, 3 deleted (message.MessageStates).
ALTER TABLE messages ADD COLUMN state INT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
