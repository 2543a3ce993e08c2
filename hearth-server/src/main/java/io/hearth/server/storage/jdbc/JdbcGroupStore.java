package io.hearth.server.storage.jdbc;

import io.hearth.server.group.GroupInfo;
import io.hearth.server.group.GroupMember;
import io.hearth.server.group.GroupStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups in tables {@code groups_info} and {@code group_members}. A change locks the group's info row
 * ({@code SELECT ... FOR UPDATE}) for its transaction, and every row it writes belongs to that group, so changes of
 * one group run one after the other on every node and changes of different groups never wait for each other.
 */
public final class JdbcGroupStore implements GroupStore {

    static final String INFO_COLUMNS = """
            group_id, name, portrait, owner, group_type, extra, mute, join_type, private_chat, searchable,
            history_message, max_member_count, super_group, member_count, created_at, updated_at, member_updated_at""";
    static final String MEMBER_COLUMNS = "group_id, member_id, alias, member_type, extra, created_at, updated_at";
    private static final int IN_CHUNK = 500;

    private final Jdbc jdbc;

    public JdbcGroupStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public boolean create(GroupInfo info, List<GroupMember> members) {
        try {
            jdbc.transaction("create group", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO groups_info (" + INFO_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindInfo(ps, info);
                    ps.executeUpdate();
                }
                if (info.superGroup()) {
                    JdbcGroupChanges.createSharedHead(c, info.groupId());
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE groups_info SET created_seq = "
                        + JdbcGroupChanges.HEAD_NOW + " WHERE group_id = ?")) {
                    ps.setString(1, info.groupId());
                    ps.setString(2, info.groupId());
                    ps.executeUpdate();
                }
                JdbcGroupChanges.insertMembers(c, members);
            });
            return true;
        } catch (RuntimeException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<GroupInfo> find(String groupId) {
        return jdbc.queryOne("find group", "SELECT " + INFO_COLUMNS + " FROM groups_info WHERE group_id = ?",
                ps -> ps.setString(1, groupId), JdbcGroupStore::info);
    }

    @Override
    public List<GroupInfo> find(Collection<String> groupIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(groupIds));
        Map<String, GroupInfo> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            jdbc.query("find groups", "SELECT " + INFO_COLUMNS + " FROM groups_info WHERE group_id IN ("
                    + marks(chunk.size()) + ")", ps -> bindAll(ps, 1, chunk), JdbcGroupStore::info)
                    .forEach(g -> found.put(g.groupId(), g));
        }
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    @Override
    public Map<String, GroupMember> members(String groupId) {
        Map<String, GroupMember> out = new LinkedHashMap<>();
        jdbc.query("list group members", "SELECT " + MEMBER_COLUMNS
                        + " FROM group_members WHERE group_id = ? ORDER BY created_at, member_id",
                ps -> ps.setString(1, groupId), JdbcGroupStore::member).forEach(m -> out.put(m.memberId(), m));
        return out;
    }

    @Override
    public Optional<GroupMember> member(String groupId, String memberId) {
        return jdbc.queryOne("find group member", "SELECT " + MEMBER_COLUMNS
                        + " FROM group_members WHERE group_id = ? AND member_id = ?",
                ps -> {
                    ps.setString(1, groupId);
                    ps.setString(2, memberId);
                }, JdbcGroupStore::member);
    }

    @Override
    public List<String> groupsOf(String userId, Set<Integer> types) {
        if (types.isEmpty()) {
            return List.of();
        }
        List<Integer> t = List.copyOf(types);
        return jdbc.query("list groups of user", "SELECT group_id FROM group_members WHERE member_id = ?"
                + " AND member_type IN (" + marks(t.size()) + ") ORDER BY group_id", ps -> {
                    ps.setString(1, userId);
                    for (int i = 0; i < t.size(); i++) {
                        ps.setInt(i + 2, t.get(i));
                    }
                }, rs -> rs.getString(1));
    }

    @Override
    public List<String> common(String first, String second) {
        return jdbc.query("list common groups", """
                SELECT a.group_id FROM group_members a JOIN group_members b ON b.group_id = a.group_id
                WHERE a.member_id = ? AND b.member_id = ? AND a.member_type <> 4 AND b.member_type <> 4
                ORDER BY a.group_id""", ps -> {
                    ps.setString(1, first);
                    ps.setString(2, second);
                }, rs -> rs.getString(1));
    }

    @Override
    public <T> T change(String operation, String groupId, Function<Changes, T> work) {
        List<T> result = new ArrayList<>(Collections.singletonList(null));
        jdbc.transaction(operation, c -> result.set(0, work.apply(JdbcGroupChanges.lock(c, groupId))));
        return result.get(0);
    }

    static GroupInfo info(ResultSet rs) throws SQLException {
        return new GroupInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                rs.getInt(12), rs.getBoolean(13), rs.getInt(14), rs.getLong(15), rs.getLong(16), rs.getLong(17));
    }

    static GroupMember member(ResultSet rs) throws SQLException {
        return new GroupMember(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7));
    }

    private static void bindInfo(PreparedStatement ps, GroupInfo g) throws SQLException {
        ps.setString(1, g.groupId());
        ps.setString(2, nn(g.name()));
        ps.setString(3, nn(g.portrait()));
        ps.setString(4, g.owner());
        ps.setInt(5, g.type());
        ps.setString(6, nn(g.extra()));
        ps.setInt(7, g.mute());
        ps.setInt(8, g.joinType());
        ps.setInt(9, g.privateChat());
        ps.setInt(10, g.searchable());
        ps.setInt(11, g.historyMessage());
        ps.setInt(12, g.maxMemberCount());
        ps.setBoolean(13, g.superGroup());
        ps.setInt(14, g.memberCount());
        ps.setLong(15, g.createdAt());
        ps.setLong(16, g.updatedAt());
        ps.setLong(17, g.memberUpdatedAt());
    }

    static String nn(String s) {
        return s == null ? "" : s;
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void bindAll(PreparedStatement ps, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(first + i, values.get(i));
        }
    }
}
