-- Settings: user settings, system settings, the sensitive-word list and its hits.

-- One row per (user, scope, key). version is the user's setting version at the write (see setting_heads); a
-- pull "since version N" reads the rows with version > N.
CREATE TABLE user_settings (
    user_id     VARCHAR(64)   NOT NULL,
    scope       INT           NOT NULL,
    skey        VARCHAR(256)  NOT NULL,
    svalue      VARCHAR(8192) NOT NULL,
    version     BIGINT        NOT NULL,
    PRIMARY KEY (user_id, scope, skey)
);
CREATE INDEX user_settings_version ON user_settings (user_id, version);

-- The newest setting version of each user. A write locks the user's row, so two nodes writing settings of one
-- user at once give them different versions, and a pull never misses one.
CREATE TABLE setting_heads (
    user_id VARCHAR(64) NOT NULL PRIMARY KEY,
    version BIGINT      NOT NULL
);

-- System settings of /admin/system/put_setting; id 1 is the group max member count.
CREATE TABLE system_settings (
    id          INT           NOT NULL PRIMARY KEY,
    svalue      VARCHAR(4096) NOT NULL,
    description VARCHAR(1024) NOT NULL
);

-- The sensitive-word list, shared by every node.
CREATE TABLE sensitive_words (
    word       VARCHAR(256) NOT NULL PRIMARY KEY,
    created_at BIGINT       NOT NULL
);

-- One row: moved forward by every change of sensitive_words; each node polls it and reloads the list when it moved.
CREATE TABLE sensitive_version (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO sensitive_version (id, version) VALUES (1, 0);

-- Messages sent with a sensitive word under sensitive.filter.type 3 (send and record): one row per word found.
CREATE TABLE sensitive_hits (
    message_uid BIGINT       NOT NULL,
    sender      VARCHAR(64)  NOT NULL,
    word        VARCHAR(256) NOT NULL,
    hit_at      BIGINT       NOT NULL,
    PRIMARY KEY (message_uid, word)
);
CREATE INDEX sensitive_hits_sender ON sensitive_hits (sender, hit_at);
