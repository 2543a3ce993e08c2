-- The newest seq of every user's timeline. The message writer locks the rows of a batch's users (in user id
-- order) and moves them forward in the same transaction as the timeline rows, so several nodes can append to one
-- timeline and it stays strictly increasing and gap-free.
CREATE TABLE user_heads (
    user_id VARCHAR(64) NOT NULL PRIMARY KEY,
    head    BIGINT      NOT NULL
);

INSERT INTO user_heads (user_id, head)
SELECT u.user_id, COALESCE((SELECT MAX(t.seq) FROM timeline t WHERE t.user_id = u.user_id), 0)
FROM users u;
