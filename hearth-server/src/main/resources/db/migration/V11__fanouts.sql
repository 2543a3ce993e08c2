-- Broadcasts: a stored message that goes to every user's timeline in the background, in bounded batches. One row
-- per fan-out job; cursor_user is the last user id (in user id order) whose timeline has the message. Each batch's
-- entries and the cursor move commit together, and a batch applies only if the cursor is still where its worker
-- read it, so a job resumed after a restart (or taken over by another node once its lease ran out) never gives a
-- user the message twice.
CREATE TABLE fanouts (
    job_id      BIGINT      NOT NULL PRIMARY KEY,
    message_uid BIGINT      NOT NULL,
    kind        INT         NOT NULL,
    sender      VARCHAR(64) NOT NULL,
    cursor_user VARCHAR(64) NOT NULL,
    total       BIGINT      NOT NULL,
    delivered   BIGINT      NOT NULL,
    done        BOOLEAN     NOT NULL,
    owner_node  INT         NOT NULL,
    lease_until BIGINT      NOT NULL,
    created_at  BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL
);
CREATE INDEX fanouts_open ON fanouts (done);
