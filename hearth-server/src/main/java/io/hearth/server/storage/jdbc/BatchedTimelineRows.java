package io.hearth.server.storage.jdbc;

import io.hearth.server.message.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Timeline rows as JDBC batches of one-row statements, and heads locked with {@code IN} lists of
 * {@link JdbcMessageStore#IN_CHUNK} ids, chunk after chunk. For H2, which runs in the server's process: a batch
 * costs no round trips, and its time goes to the MVStore's B-tree work, not to statements (see
 * docs/benchmarks.md, "Group fan-out in the writer").
 */
final class BatchedTimelineRows implements TimelineRows {

    private final Dialect dialect;

    BatchedTimelineRows(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public Map<String, Long> lock(Connection c, List<String> sorted) throws SQLException {
        Map<String, Long> heads = new HashMap<>(sorted.size() * 2);
        for (List<String> chunk : JdbcMessageStore.chunks(sorted)) {
            String sql = "SELECT user_id, head FROM user_heads WHERE user_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")"
                    + " ORDER BY " + dialect.lockOrderBy("user_id") + " FOR UPDATE";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        heads.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return heads;
    }

    @Override
    public void insert(Connection c, List<TimelineEntry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO timeline (user_id, seq, message_uid, server_time) VALUES (?,?,?,?)")) {
            for (TimelineEntry e : entries) {
                ps.setString(1, e.userId());
                ps.setLong(2, e.seq());
                ps.setLong(3, e.messageUid());
                ps.setLong(4, e.serverTime());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void moveHeads(Connection c, SortedMap<String, Long> heads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE user_heads SET head = ? WHERE user_id = ?")) {
            for (Map.Entry<String, Long> h : heads.entrySet()) {
                ps.setLong(1, h.getValue());
                ps.setString(2, h.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
