package io.hearth.server.storage.jdbc;

import io.hearth.server.group.GroupMember;
import io.hearth.server.group.SuperGroupStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SuperGroupStore} over {@code groups_info}, {@code group_members} (its {@code join_seq}) and
 * {@code shared_heads}. Blocking; called on the blocking executor.
 */
public final class JdbcSuperGroupStore implements SuperGroupStore {

    private final Jdbc jdbc;

    public JdbcSuperGroupStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Optional<Reader> reader(String groupId, String userId) {
        return jdbc.queryOne("read group reader", """
                SELECT g.history_message, m.member_type, m.join_seq, h.head, g.created_seq
                  FROM groups_info g LEFT JOIN group_members m ON m.group_id = g.group_id AND m.member_id = ?
                  LEFT JOIN shared_heads h ON h.timeline_id = g.group_id
                 WHERE g.group_id = ?""", ps -> {
                    ps.setString(1, userId);
                    ps.setString(2, groupId);
                }, rs -> {
                    int type = rs.getInt(2);
                    boolean member = !rs.wasNull() && type != GroupMember.REMOVED;
                    return new Reader(member, rs.getInt(1) != 0, member ? rs.getLong(3) : 0, rs.getLong(4),
                            rs.getLong(5));
                });
    }

    @Override
    public Map<String, Long> heads(String userId) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.query("super group heads", """
                SELECT h.timeline_id, h.head
                  FROM group_members m JOIN shared_heads h ON h.timeline_id = m.group_id
                 WHERE m.member_id = ? AND m.member_type <> 4
                 ORDER BY h.timeline_id""", ps -> ps.setString(1, userId),
                rs -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public Optional<Long> memberVersion(String groupId) {
        return jdbc.queryOne("group member version", "SELECT member_updated_at FROM groups_info WHERE group_id = ?",
                ps -> ps.setString(1, groupId), rs -> rs.getLong(1));
    }

    @Override
    public List<String> presentMembers(String groupId) {
        return jdbc.query("present group members",
                "SELECT member_id FROM group_members WHERE group_id = ? AND member_type <> 4",
                ps -> ps.setString(1, groupId), rs -> rs.getString(1));
    }
}
