-- Groups: each group's info and its member rows.

-- One row per group. member_count counts the member rows that are not removed (type 4); updated_at is the time of
-- the info's last change and member_updated_at that of the member list's, by which clients pull what changed.
CREATE TABLE groups_info (
    group_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    name              VARCHAR(256)  NOT NULL,
    portrait          VARCHAR(1024) NOT NULL,
    owner             VARCHAR(64)   NOT NULL,
    group_type        INT           NOT NULL,
    extra             VARCHAR(8192) NOT NULL,
    mute              INT           NOT NULL,
    join_type         INT           NOT NULL,
    private_chat      INT           NOT NULL,
    searchable        INT           NOT NULL,
    history_message   INT           NOT NULL,
    max_member_count  INT           NOT NULL,
    super_group       BOOLEAN       NOT NULL,
    member_count      INT           NOT NULL,
    created_at        BIGINT        NOT NULL,
    updated_at        BIGINT        NOT NULL,
    member_updated_at BIGINT        NOT NULL
);

-- One row per (group, user) that ever was a member; a member who left or was kicked keeps a row of type 4
-- (removed) so that a pull of the members changed since a time sees the removal.
CREATE TABLE group_members (
    group_id   VARCHAR(64)   NOT NULL,
    member_id  VARCHAR(64)   NOT NULL,
    alias      VARCHAR(256)  NOT NULL,
    member_type INT          NOT NULL,
    extra      VARCHAR(8192) NOT NULL,
    created_at BIGINT        NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
-- a user's groups (of_user, common_group) and the members changed since a time
CREATE INDEX group_members_user ON group_members (member_id, member_type);
CREATE INDEX group_members_updated ON group_members (group_id, updated_at);
