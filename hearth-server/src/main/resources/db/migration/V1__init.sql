-- Hearth schema, shared by H2 and PostgreSQL. ${bytes} is the binary column type of the dialect.

CREATE TABLE users (
    user_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    name         VARCHAR(128) NOT NULL,
    display_name VARCHAR(256),
    portrait     VARCHAR(2048),
    gender       INT          NOT NULL DEFAULT 0,
    mobile       VARCHAR(64),
    email        VARCHAR(256),
    address      VARCHAR(1024),
    company      VARCHAR(256),
    social       VARCHAR(4096),
    extra        VARCHAR(8192),
    user_type    INT          NOT NULL DEFAULT 0,
    deleted      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);
CREATE INDEX users_name ON users (name);
CREATE INDEX users_mobile ON users (mobile);

-- One row per (user, client id): the session a token was issued for. generation changes when the session is
-- kicked, so every token issued before becomes invalid.
CREATE TABLE client_sessions (
    user_id    VARCHAR(64)  NOT NULL,
    client_id  VARCHAR(128) NOT NULL,
    platform   INT          NOT NULL,
    generation BIGINT       NOT NULL,
    deleted    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    last_seen  BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, client_id)
);

-- Every persisted message once; content is the protobuf MessageContent.
CREATE TABLE messages (
    message_uid       BIGINT       NOT NULL PRIMARY KEY,
    sender            VARCHAR(64)  NOT NULL,
    conv_type         INT          NOT NULL,
    conv_target       VARCHAR(64)  NOT NULL,
    conv_line         INT          NOT NULL,
    from_client       VARCHAR(128),
    client_message_id VARCHAR(64),
    content_type      INT          NOT NULL,
    content           ${bytes}     NOT NULL,
    to_users          VARCHAR(8192),
    server_time       BIGINT       NOT NULL,
    sender_seq        BIGINT       NOT NULL
);
CREATE UNIQUE INDEX messages_client_message_id ON messages (sender, client_message_id);

-- Write diffusion: each user's timeline of (seq -> message). seq is strictly increasing and gap-free per user.
CREATE TABLE timeline (
    user_id     VARCHAR(64) NOT NULL,
    seq         BIGINT      NOT NULL,
    message_uid BIGINT      NOT NULL,
    server_time BIGINT      NOT NULL,
    PRIMARY KEY (user_id, seq)
);
