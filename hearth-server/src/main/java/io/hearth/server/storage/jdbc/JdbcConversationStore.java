package io.hearth.server.storage.jdbc;

import io.hearth.protocol.pb.Conversation;
import io.hearth.server.conversation.ConversationStore;
import io.hearth.server.message.MessageStates;
import io.hearth.server.message.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A user's conversations computed from its timeline: one aggregate over the user's entries joined with their
 * messages and the user's read marks (V13's {@code persist_flag} and {@code mention_*} columns). Its cost grows with
 * the user's timeline (a primary key range of {@code timeline} and a primary key probe of {@code messages} per
 * entry), not with the number of users; see docs/benchmarks.md.
 */
public final class JdbcConversationStore implements ConversationStore {

    /** The conversation as the user sees it: a single chat's target is the other side. */
    private static final String PEER = "CASE WHEN m.conv_type = 0 AND m.sender <> ? THEN m.sender ELSE m.conv_target END";

    private final Jdbc jdbc;

    public JdbcConversationStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public List<Summary> summaries(String userId) {
        // the conversation as the user sees it is computed once, inside, and grouped by outside (PostgreSQL does
        // not take two parameters for one group expression)
        String unread = "x.mine = 0 AND x.persist_flag = 3 AND x.server_time > COALESCE(r.read_at, 0)";
        String sql = "SELECT x.conv_type, x.peer, x.conv_line,"
                + " MAX(CASE WHEN x.content_type <> " + MessageStates.DELETE_CONTENT_TYPE + " THEN x.seq END),"
                + " COUNT(DISTINCT CASE WHEN " + unread + " THEN x.message_uid END),"
                + " COUNT(DISTINCT CASE WHEN " + unread + " AND x.mention_type = 1"
                + "   AND (',' || x.mention_targets || ',') LIKE ? ESCAPE '!' THEN x.message_uid END),"
                + " COUNT(DISTINCT CASE WHEN " + unread + " AND x.mention_type = 2 THEN x.message_uid END),"
                + " MAX(COALESCE(r.read_at, 0))"
                + " FROM (SELECT m.conv_type, " + PEER + " AS peer, m.conv_line, t.seq, m.message_uid,"
                + "   CASE WHEN m.sender = ? THEN 1 ELSE 0 END AS mine, m.persist_flag, m.server_time,"
                + "   m.mention_type, m.mention_targets, m.content_type"
                + "   FROM timeline t JOIN messages m ON m.message_uid = t.message_uid WHERE t.user_id = ?) x"
                + " LEFT JOIN receipt_read r ON r.user_id = ? AND r.conv_type = x.conv_type"
                + "   AND r.conv_line = x.conv_line AND r.conv_target = x.peer"
                + " GROUP BY x.conv_type, x.peer, x.conv_line";
        List<Summary> out = jdbc.query("conversations", sql, ps -> {
            ps.setString(1, "%," + like(userId) + ",%");
            ps.setString(2, userId);
            ps.setString(3, userId);
            ps.setString(4, userId);
            ps.setString(5, userId);
        }, rs -> new Summary(Conversation.newBuilder().setType(rs.getInt(1)).setTarget(rs.getString(2))
                .setLine(rs.getInt(3)).build(), rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                rs.getLong(8)));
        out.removeIf(s -> s.lastSeq() == 0);
        return out;
    }

    @Override
    public List<Summary> sharedSummaries(String userId, String timelineId, long after) {
        String unread = "x.mine = 0 AND x.persist_flag = 3 AND x.server_time > COALESCE(r.read_at, 0)";
        String sql = "SELECT x.conv_line,"
                + " MAX(CASE WHEN x.content_type <> " + MessageStates.DELETE_CONTENT_TYPE + " THEN x.seq END),"
                + " COUNT(DISTINCT CASE WHEN " + unread + " THEN x.message_uid END),"
                + " COUNT(DISTINCT CASE WHEN " + unread + " AND x.mention_type = 1"
                + "   AND (',' || x.mention_targets || ',') LIKE ? ESCAPE '!' THEN x.message_uid END),"
                + " COUNT(DISTINCT CASE WHEN " + unread + " AND x.mention_type = 2 THEN x.message_uid END),"
                + " MAX(COALESCE(r.read_at, 0))"
                + " FROM (SELECT s.seq, m.conv_line, m.message_uid,"
                + "   CASE WHEN m.sender = ? THEN 1 ELSE 0 END AS mine, m.persist_flag, m.server_time,"
                + "   m.mention_type, m.mention_targets, m.content_type"
                + "   FROM shared_timeline s JOIN messages m ON m.message_uid = s.message_uid"
                + "   WHERE s.timeline_id = ? AND s.seq > ? AND (m.to_users IS NULL OR m.sender = ?"
                + "     OR (',' || m.to_users || ',') LIKE ? ESCAPE '!')) x"
                + " LEFT JOIN receipt_read r ON r.user_id = ? AND r.conv_type = 1 AND r.conv_target = ?"
                + "   AND r.conv_line = x.conv_line"
                + " GROUP BY x.conv_line";
        String me = "%," + like(userId) + ",%";
        List<Summary> out = jdbc.query("shared conversations", sql, ps -> {
            ps.setString(1, me);
            ps.setString(2, userId);
            ps.setString(3, timelineId);
            ps.setLong(4, after);
            ps.setString(5, userId);
            ps.setString(6, me);
            ps.setString(7, userId);
            ps.setString(8, timelineId);
        }, rs -> new Summary(Conversation.newBuilder().setType(1).setTarget(timelineId).setLine(rs.getInt(1))
                .build(), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getLong(6)));
        out.removeIf(x -> x.lastSeq() == 0);
        return out;
    }

    @Override
    public Map<Long, StoredMessage> atSharedSeqs(String timelineId, List<Long> seqs) {
        Map<Long, StoredMessage> out = new HashMap<>();
        for (List<Long> chunk : JdbcMessageStore.chunks(seqs)) {
            jdbc.query("shared messages at seqs", "SELECT t.seq, " + JdbcMessageStore.COLUMNS
                    + " FROM shared_timeline t JOIN messages m ON m.message_uid = t.message_uid"
                    + " WHERE t.timeline_id = ? AND t.seq IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")", ps -> {
                        ps.setString(1, timelineId);
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setLong(2 + i, chunk.get(i));
                        }
                    }, rs -> {
                        out.put(rs.getLong("seq"), JdbcMessageStore.map(rs));
                        return null;
                    });
        }
        return out;
    }

    @Override
    public List<Conversation> touchedSince(String userId, long sinceSeq) {
        return new ArrayList<>(new LinkedHashSet<>(jdbc.query("conversations touched",
                "SELECT DISTINCT m.conv_type, " + PEER + ", m.conv_line FROM timeline t"
                        + " JOIN messages m ON m.message_uid = t.message_uid WHERE t.user_id = ? AND t.seq > ?",
                ps -> {
                    ps.setString(1, userId);
                    ps.setString(2, userId);
                    ps.setLong(3, sinceSeq);
                }, rs -> Conversation.newBuilder().setType(rs.getInt(1)).setTarget(rs.getString(2))
                        .setLine(rs.getInt(3)).build())));
    }

    @Override
    public Map<Long, StoredMessage> atSeqs(String userId, List<Long> seqs) {
        Map<Long, StoredMessage> out = new HashMap<>();
        for (List<Long> chunk : JdbcMessageStore.chunks(seqs)) {
            jdbc.query("messages at seqs", "SELECT t.seq, " + JdbcMessageStore.COLUMNS
                    + " FROM timeline t JOIN messages m ON m.message_uid = t.message_uid WHERE t.user_id = ?"
                    + " AND t.seq IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    ps -> {
                        ps.setString(1, userId);
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setLong(2 + i, chunk.get(i));
                        }
                    }, rs -> {
                        out.put(rs.getLong("seq"), JdbcMessageStore.map(rs));
                        return null;
                    });
        }
        return out;
    }

    /** {@code value} for a LIKE pattern with '!' as the escape character. */
    private static String like(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
