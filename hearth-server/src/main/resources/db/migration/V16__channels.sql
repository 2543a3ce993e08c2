-- Channels (official accounts): a channel's owner sends to its subscribers; a subscriber's message goes to the
-- owner (and, later, the channel's callback). state is the reference's bit mask (docs/server-api.md).
CREATE TABLE channels (
    channel_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    name        VARCHAR(128)  NOT NULL,
    portrait    VARCHAR(2048),
    owner       VARCHAR(64)   NOT NULL,
    description VARCHAR(4096),
    extra       VARCHAR(8192),
    callback    VARCHAR(2048),
    secret      VARCHAR(128),
    automatic   INT           NOT NULL DEFAULT 0,
    state       INT           NOT NULL DEFAULT 0,
    menus       VARCHAR(8192),
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
CREATE INDEX channels_owner ON channels (owner);

CREATE TABLE channel_subscribers (
    channel_id VARCHAR(64) NOT NULL,
    user_id    VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX channel_subscribers_user ON channel_subscribers (user_id);
