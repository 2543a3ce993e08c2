-- Chatrooms: the room's info (server API create/del/info) and its moderation, which must hold on every node and
-- survive restarts: mute-all, managers, and each user's black status (1 muted, 2 banned) with its expiry (epoch ms,
-- 0 = never). Membership is not here: it lives in memory on the node holding the member's connection.
CREATE TABLE chatrooms (
    chatroom_id VARCHAR(64)   NOT NULL PRIMARY KEY,
    title       VARCHAR(256)  NOT NULL,
    descr       VARCHAR(1024) NOT NULL,
    portrait    VARCHAR(1024) NOT NULL,
    extra       VARCHAR(4096) NOT NULL,
    state       INT           NOT NULL,
    mute_all    INT           NOT NULL,
    create_dt   BIGINT        NOT NULL,
    update_dt   BIGINT        NOT NULL
);
CREATE TABLE chatroom_blacks (
    chatroom_id  VARCHAR(64) NOT NULL,
    user_id      VARCHAR(64) NOT NULL,
    state        INT         NOT NULL,
    expired_time BIGINT      NOT NULL,
    PRIMARY KEY (chatroom_id, user_id)
);
CREATE TABLE chatroom_managers (
    chatroom_id VARCHAR(64) NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    PRIMARY KEY (chatroom_id, user_id)
);
