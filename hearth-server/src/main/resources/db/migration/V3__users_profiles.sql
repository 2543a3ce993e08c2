-- Users and profiles: block status, robots, and the indexes of the server API's user queries.

-- Mute (1) or ban (2) of a user; a row set back to 0 (normal) stays, so that nodes polling for changes by
-- updated_at see the unblock too.
CREATE TABLE user_status (
    user_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    status     INT         NOT NULL,
    updated_at BIGINT      NOT NULL
);
CREATE INDEX user_status_updated ON user_status (updated_at);

-- The robot part of a user of type 1: its owner, the secret of the robot API, its webhook and extra.
CREATE TABLE robots (
    user_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner       VARCHAR(64)   NOT NULL,
    secret      VARCHAR(128)  NOT NULL,
    callback    VARCHAR(2048),
    robot_extra VARCHAR(8192)
);
CREATE INDEX robots_owner ON robots (owner);

CREATE INDEX users_email ON users (email);
-- user.search matches display names exactly (and, fuzzy, LOWER(display_name) LIKE '%k%', which no B-tree serves)
CREATE INDEX users_display_name ON users (display_name);
-- destroyed users are found by the nodes that cache live users (polled by updated_at)
CREATE INDEX users_updated ON users (updated_at);
