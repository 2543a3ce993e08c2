package io.hearth.server.storage.jdbc;

import io.hearth.protocol.pb.Conversation;
import io.hearth.server.message.HistoryStore;
import io.hearth.server.message.MessageStates;
import io.hearth.server.message.MessageStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * History and search on {@code messages} and the timelines (migration V10). A conversation's page is a range of
 * {@code messages_conv_time} ({@code conv_key, server_time, message_uid}), newest first, bounded by its scan size,
 * each message probed in {@code timeline_user_message}; a super group's page is a range of the shared timeline's
 * primary key. Search is full-text on PostgreSQL ({@code to_tsvector('simple', searchable)} and its GIN index: the
 * keyword's words, any order, case-insensitive) and, on H2, an honest fallback: a case-insensitive substring
 * {@code LIKE} over the messages of the user's own timeline (it reads the whole timeline of the user per page).
 */
public final class JdbcHistoryStore implements HistoryStore {

    private static final String ORDER = " ORDER BY m.server_time DESC, m.message_uid DESC";
    private static final String BEFORE = " AND (m.server_time, m.message_uid) < (?, ?)";
    private static final String USER_SEQ =
            "(SELECT MIN(t.seq) FROM timeline t WHERE t.user_id = ? AND t.message_uid = m.message_uid) AS user_seq";

    private final Database db;
    private final Jdbc jdbc;

    public JdbcHistoryStore(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Optional<Cursor> position(long messageUid) {
        return jdbc.queryOne("history position", "SELECT server_time FROM messages WHERE message_uid = ?",
                ps -> ps.setLong(1, messageUid), rs -> new Cursor(rs.getLong(1), messageUid));
    }

    @Override
    public List<MessageStore.Entry> conversation(String userId, Conversation conv, Cursor before, int scan) {
        Query q = conversationQuery(userId, conv, before, scan);
        return jdbc.query("load history", q.sql(), q.binder(),
                rs -> new MessageStore.Entry(rs.getLong("user_seq"), JdbcMessageStore.map(rs)));
    }

    /** The page of {@link #conversation}, for {@code EXPLAIN} too. */
    Query conversationQuery(String userId, Conversation conv, Cursor before, int scan) {
        String key = ConversationKey.of(db.dialect(), userId, conv);
        String sql = "SELECT " + USER_SEQ + ", " + JdbcMessageStore.COLUMNS + " FROM messages m WHERE m.conv_key = ?"
                + (before == null ? "" : BEFORE) + ORDER + " LIMIT ?";
        return new Query(sql, ps -> {
            int i = 1;
            ps.setString(i++, userId);
            ps.setString(i++, key);
            i = bindBefore(ps, i, before);
            ps.setInt(i, scan);
        });
    }

    @Override
    public Optional<Long> sharedSeq(String timelineId, long messageUid) {
        return jdbc.queryOne("shared history position", """
                SELECT MIN(seq) FROM shared_timeline WHERE timeline_id = ? AND message_uid = ?""", ps -> {
                    ps.setString(1, timelineId);
                    ps.setLong(2, messageUid);
                }, rs -> {
                    long seq = rs.getLong(1);
                    return rs.wasNull() ? null : seq;
                });
    }

    @Override
    public List<MessageStore.Entry> shared(String timelineId, long after, long before, int scan) {
        return jdbc.query("load shared history", "SELECT t.seq, " + JdbcMessageStore.COLUMNS + """
                 FROM shared_timeline t JOIN messages m ON m.message_uid = t.message_uid
                WHERE t.timeline_id = ? AND t.seq > ? AND t.seq < ?
                  AND NOT EXISTS (SELECT 1 FROM shared_timeline e WHERE e.timeline_id = t.timeline_id
                                     AND e.message_uid = t.message_uid AND e.seq < t.seq)
                ORDER BY t.seq DESC LIMIT ?""", ps -> {
                    ps.setString(1, timelineId);
                    ps.setLong(2, after);
                    ps.setLong(3, before);
                    ps.setInt(4, scan);
                }, rs -> new MessageStore.Entry(rs.getLong("seq"), JdbcMessageStore.map(rs)));
    }

    @Override
    public List<MessageStore.Entry> search(String userId, String keyword, Conversation conv, Set<Integer> contentTypes,
                                           Cursor before, int limit) {
        Query q = searchQuery(userId, keyword, conv, contentTypes, before, limit);
        return jdbc.query("search messages", q.sql(), q.binder(),
                rs -> new MessageStore.Entry(rs.getLong("user_seq"), JdbcMessageStore.map(rs)));
    }

    /** The page of {@link #search}, for {@code EXPLAIN} too. */
    Query searchQuery(String userId, String keyword, Conversation conv, Set<Integer> contentTypes, Cursor before,
                      int limit) {
        boolean pg = db.dialect() == Dialect.POSTGRESQL;
        String match = pg
                ? " to_tsvector('simple', m.searchable) @@ plainto_tsquery('simple', ?)"
                  + " AND EXISTS (SELECT 1 FROM timeline o WHERE o.user_id = ? AND o.message_uid = m.message_uid)"
                : " m.message_uid IN (SELECT o.message_uid FROM timeline o WHERE o.user_id = ?)"
                  + " AND LOWER(m.searchable) LIKE ? ESCAPE '\\'";
        String types = contentTypes.isEmpty() ? "" : " AND m.content_type IN ("
                + contentTypes.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        String sql = "SELECT " + USER_SEQ + ", " + JdbcMessageStore.COLUMNS + " FROM messages m WHERE" + match
                + " AND m.content_type <> " + MessageStates.DELETE_CONTENT_TYPE + types
                + (conv == null ? "" : " AND m.conv_key = ?") + (before == null ? "" : BEFORE) + ORDER + " LIMIT ?";
        return new Query(sql, ps -> {
            int i = 1;
            ps.setString(i++, userId);
            if (pg) {
                ps.setString(i++, keyword);
                ps.setString(i++, userId);
            } else {
                ps.setString(i++, userId);
                ps.setString(i++, "%" + likeEscaped(keyword.toLowerCase()) + "%");
            }
            if (conv != null) {
                ps.setString(i++, ConversationKey.of(db.dialect(), userId, conv));
            }
            i = bindBefore(ps, i, before);
            ps.setInt(i, limit);
        });
    }

    /** A statement and how to bind it. */
    record Query(String sql, Jdbc.Binder binder) {
    }

    private static int bindBefore(PreparedStatement ps, int i, Cursor before) throws SQLException {
        if (before != null) {
            ps.setLong(i++, before.serverTime());
            ps.setLong(i++, before.messageUid());
        }
        return i;
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
