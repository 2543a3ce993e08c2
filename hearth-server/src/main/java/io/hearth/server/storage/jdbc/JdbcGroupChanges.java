package io.hearth.server.storage.jdbc;

import io.hearth.server.group.GroupField;
import io.hearth.server.group.GroupInfo;
import io.hearth.server.group.GroupMember;
import io.hearth.server.group.GroupStore;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The changes of one group inside the transaction of {@link JdbcGroupStore#change}, which locked the group's info
 * row. Member rows are read once and kept up to date with what this change writes. Used on the transaction's thread
 * only.
 */
final class JdbcGroupChanges implements GroupStore.Changes {

    /** The head of the group's shared timeline now (the parameter: the group id), 0 when it has none. */
    static final String HEAD_NOW = "(SELECT COALESCE(MAX(head), 0) FROM shared_heads WHERE timeline_id = ?)";


    private static final Map<GroupField, String> COLUMNS = new EnumMap<>(Map.ofEntries(
            Map.entry(GroupField.NAME, "name"), Map.entry(GroupField.PORTRAIT, "portrait"),
            Map.entry(GroupField.EXTRA, "extra"), Map.entry(GroupField.MUTE, "mute"),
            Map.entry(GroupField.JOIN_TYPE, "join_type"), Map.entry(GroupField.PRIVATE_CHAT, "private_chat"),
            Map.entry(GroupField.SEARCHABLE, "searchable"), Map.entry(GroupField.HISTORY_MESSAGE, "history_message"),
            Map.entry(GroupField.MAX_MEMBER_COUNT, "max_member_count"),
            Map.entry(GroupField.SUPER_GROUP, "super_group"), Map.entry(GroupField.TYPE, "group_type"),
            Map.entry(GroupField.OWNER, "owner")));

    private final Connection c;
    private final String groupId;
    private GroupInfo info;
    private Map<String, GroupMember> members;

    private JdbcGroupChanges(Connection c, String groupId, GroupInfo info) {
        this.c = c;
        this.groupId = groupId;
        this.info = info;
    }

    static JdbcGroupChanges lock(Connection c, String groupId) throws SQLException {
        return new JdbcGroupChanges(c, groupId, readInfo(c, groupId, true));
    }

    @Override
    public Optional<GroupInfo> info() {
        return Optional.ofNullable(info);
    }

    @Override
    public Map<String, GroupMember> members() {
        if (members == null) {
            members = new LinkedHashMap<>();
            run("read group members", () -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + JdbcGroupStore.MEMBER_COLUMNS
                        + " FROM group_members WHERE group_id = ? ORDER BY created_at, member_id")) {
                    ps.setString(1, groupId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            GroupMember m = JdbcGroupStore.member(rs);
                            members.put(m.memberId(), m);
                        }
                    }
                }
            });
        }
        return Collections.unmodifiableMap(members);
    }

    @Override
    public void set(GroupField field, Object value, long now) {
        run("update group info", () -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE groups_info SET " + COLUMNS.get(field)
                    + " = ?, updated_at = ? WHERE group_id = ?")) {
                ps.setObject(1, value);
                ps.setLong(2, now);
                ps.setString(3, groupId);
                ps.executeUpdate();
            }
            if (field == GroupField.SUPER_GROUP && Boolean.TRUE.equals(value)) {
                createSharedHead(c, groupId);
            }
            info = readInfo(c, groupId, false);
        });
    }

    @Override
    public void putMembers(Collection<GroupMember> rows, long now) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, GroupMember> known = members();
        List<GroupMember> fresh = new ArrayList<>();
        run("write group members", () -> {
            // a removed member joining again reads the shared timeline from its head now (join_seq first: every
            // expression of the SET list sees the row as it was)
            try (PreparedStatement ps = c.prepareStatement("UPDATE group_members SET join_seq = CASE WHEN"
                    + " member_type = 4 AND ? <> 4 THEN " + HEAD_NOW + " ELSE join_seq END, alias = ?,"
                    + " member_type = ?, extra = ?, created_at = ?, updated_at = ? WHERE group_id = ? AND member_id = ?")) {
                for (GroupMember m : rows) {
                    if (!known.containsKey(m.memberId())) {
                        fresh.add(m);
                        continue;
                    }
                    ps.setInt(1, m.type());
                    ps.setString(2, groupId);
                    ps.setString(3, JdbcGroupStore.nn(m.alias()));
                    ps.setInt(4, m.type());
                    ps.setString(5, JdbcGroupStore.nn(m.extra()));
                    ps.setLong(6, m.createdAt());
                    ps.setLong(7, m.updatedAt());
                    ps.setString(8, groupId);
                    ps.setString(9, m.memberId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            insertMembers(c, fresh);
            rows.forEach(m -> members.put(m.memberId(), m));
            try (PreparedStatement ps = c.prepareStatement("UPDATE groups_info SET member_count = (SELECT COUNT(*)"
                    + " FROM group_members WHERE group_id = ? AND member_type <> 4), member_updated_at = ?,"
                    + " updated_at = ? WHERE group_id = ?")) {
                ps.setString(1, groupId);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setString(4, groupId);
                ps.executeUpdate();
            }
            info = readInfo(c, groupId, false);
        });
    }

    @Override
    public void delete() {
        run("delete group", () -> {
            for (String table : List.of("group_members", "groups_info")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE group_id = ?")) {
                    ps.setString(1, groupId);
                    ps.executeUpdate();
                }
            }
            // a super group's shared entries go with it; its head stays, so a new group under this id reads only
            // above it (created_seq) and its seqs continue above what clients of the old one hold
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM shared_timeline WHERE timeline_id = ?")) {
                ps.setString(1, groupId);
                ps.executeUpdate();
            }
            info = null;
            members = new LinkedHashMap<>();
        });
    }

    /**
     * The head of the group's shared timeline, created with the super group (or its switch) so that the message
     * writers of two nodes never race to create it; a no-op when it exists.
     */
    static void createSharedHead(Connection c, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shared_heads (timeline_id, head) SELECT CAST(? AS VARCHAR(64)), 0"
                + " WHERE NOT EXISTS (SELECT 1 FROM shared_heads WHERE timeline_id = ?)")) {
            ps.setString(1, groupId);
            ps.setString(2, groupId);
            ps.executeUpdate();
        }
    }

    static void insertMembers(Connection c, List<GroupMember> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_members (" + JdbcGroupStore.MEMBER_COLUMNS
                + ", join_seq) VALUES (?, ?, ?, ?, ?, ?, ?, " + HEAD_NOW + ")")) {
            for (GroupMember m : rows) {
                ps.setString(1, m.groupId());
                ps.setString(2, m.memberId());
                ps.setString(3, JdbcGroupStore.nn(m.alias()));
                ps.setInt(4, m.type());
                ps.setString(5, JdbcGroupStore.nn(m.extra()));
                ps.setLong(6, m.createdAt());
                ps.setLong(7, m.updatedAt());
                ps.setString(8, m.groupId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static GroupInfo readInfo(Connection c, String groupId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + JdbcGroupStore.INFO_COLUMNS
                + " FROM groups_info WHERE group_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? JdbcGroupStore.info(rs) : null;
            }
        }
    }

    private interface Sql {
        void run() throws SQLException;
    }

    private void run(String operation, Sql sql) {
        try {
            sql.run();
        } catch (SQLException e) {
            throw new StorageException(operation, e);
        }
    }
}
