-- Relations: friends, the blacklist, friend requests, and the per-user versions they are synced by.

-- One row per (user, other user) the user has a relation with: a friend (state 0), a former friend or a stranger
-- with an alias or a blacklist entry (state 1). version is the owner's friend version at the row's last change,
-- so "what changed since N" is the rows with version > N, deletions included.
CREATE TABLE friends (
    user_id    VARCHAR(64)   NOT NULL,
    friend_uid VARCHAR(64)   NOT NULL,
    state      INT           NOT NULL,
    blacked    BOOLEAN       NOT NULL DEFAULT FALSE,
    alias      VARCHAR(256),
    extra      VARCHAR(8192),
    version    BIGINT        NOT NULL,
    created_at BIGINT        NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (user_id, friend_uid)
);
CREATE INDEX friends_version ON friends (user_id, version);

-- The latest request from one user to another; a new request overwrites it. Both users sync it, each by their
-- own friend-request version at its last change (from_version, to_version).
CREATE TABLE friend_requests (
    from_uid     VARCHAR(64)   NOT NULL,
    to_uid       VARCHAR(64)   NOT NULL,
    reason       VARCHAR(1024),
    extra        VARCHAR(8192),
    status       INT           NOT NULL,
    to_read      BOOLEAN       NOT NULL DEFAULT FALSE,
    from_version BIGINT        NOT NULL,
    to_version   BIGINT        NOT NULL,
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    PRIMARY KEY (from_uid, to_uid)
);
CREATE INDEX friend_requests_to ON friend_requests (to_uid, to_version);
CREATE INDEX friend_requests_from ON friend_requests (from_uid, from_version);

-- Each user's current versions. A change locks the rows of the users it touches (in user id order) and moves them
-- forward in the same transaction as the rows it writes, so versions never repeat, also with several nodes.
CREATE TABLE relation_versions (
    user_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    friend_version  BIGINT      NOT NULL,
    request_version BIGINT      NOT NULL
);
