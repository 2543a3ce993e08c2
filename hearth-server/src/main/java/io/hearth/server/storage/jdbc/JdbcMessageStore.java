package io.hearth.server.storage.jdbc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.message.ClientMessageKey;
import io.hearth.server.message.MessageStore;
import io.hearth.server.message.TimelineBatch;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Messages in {@code messages} (one row each, content as protobuf bytes), per-user timelines in {@code timeline}
 * and their heads in {@code user_heads}. {@link #write} is the group commit of the message writer: one
 * transaction that locks the batch's heads, then appends with JDBC batches ({@link JdbcTimelineBatch}).
 */
public final class JdbcMessageStore implements MessageStore {

    static final String COLUMNS = """
            m.message_uid, m.sender, m.conv_type, m.conv_target, m.conv_line, m.from_client, m.client_message_id,
            m.content, m.to_users, m.server_time, m.sender_seq, m.state, m.updated_at""";

    static final int IN_CHUNK = 200;

    private final Database db;
    private final Jdbc jdbc;

    public JdbcMessageStore(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    @Override
    public void write(Consumer<TimelineBatch> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                work.accept(new JdbcTimelineBatch(c, db.dialect()));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("write message batch", e);
        }
    }

    /** Rolls back after {@code cause}; a failing rollback (connection lost) must not hide why the batch failed. */
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public Optional<StoredMessage> find(long messageUid) {
        return jdbc.queryOne("find message", "SELECT " + COLUMNS + " FROM messages m WHERE m.message_uid = ?",
                ps -> ps.setLong(1, messageUid), JdbcMessageStore::map);
    }

    @Override
    public long largestUid(long limit) {
        // ORDER BY ... DESC LIMIT 1 reads one primary key entry on H2 and PostgreSQL; H2 scans the range for MAX()
        return jdbc.queryOne("largest message uid",
                "SELECT message_uid FROM messages WHERE message_uid <= ? ORDER BY message_uid DESC LIMIT 1",
                ps -> ps.setLong(1, limit), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public Map<ClientMessageKey, StoredMessage> findByClientMessageIds(Collection<ClientMessageKey> keys) {
        Map<ClientMessageKey, StoredMessage> out = new HashMap<>();
        for (List<ClientMessageKey> chunk : chunks(new ArrayList<>(keys))) {
            String sql = "SELECT " + COLUMNS + " FROM messages m WHERE (m.sender, m.client_message_id) IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "(?,?)")) + ")";
            jdbc.query("find messages by client id", sql, ps -> {
                int i = 1;
                for (ClientMessageKey k : chunk) {
                    ps.setString(i++, k.sender());
                    ps.setString(i++, k.clientMessageId());
                }
            }, JdbcMessageStore::map).forEach(m -> out.put(new ClientMessageKey(m.sender(), m.clientMessageId()), m));
        }
        return out;
    }

    @Override
    public long head(String userId) {
        return jdbc.queryOne("timeline head", "SELECT head FROM user_heads WHERE user_id = ?",
                ps -> ps.setString(1, userId), rs -> rs.getLong(1)).orElse(0L);
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return out;
    }

    @Override
    public List<Entry> pull(String userId, long sinceSeq, long minServerTime, int limit) {
        return jdbc.query("pull timeline", "SELECT t.seq, " + COLUMNS + """
                 FROM timeline t LEFT JOIN messages m ON m.message_uid = t.message_uid
                WHERE t.user_id = ? AND t.seq > ? AND t.server_time >= ?
                ORDER BY t.seq LIMIT ?""", ps -> {
                    ps.setString(1, userId);
                    ps.setLong(2, sinceSeq);
                    ps.setLong(3, minServerTime);
                    ps.setInt(4, limit);
                }, JdbcMessageStore::entry);
    }

    @Override
    public long sharedHead(String timelineId) {
        return jdbc.queryOne("shared timeline head", "SELECT head FROM shared_heads WHERE timeline_id = ?",
                ps -> ps.setString(1, timelineId), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public List<Entry> pullShared(String timelineId, long sinceSeq, long minServerTime, int limit) {
        return jdbc.query("pull shared timeline", "SELECT t.seq, " + COLUMNS + """
                 FROM shared_timeline t LEFT JOIN messages m ON m.message_uid = t.message_uid
                WHERE t.timeline_id = ? AND t.seq > ? AND t.server_time >= ?
                ORDER BY t.seq LIMIT ?""", ps -> {
                    ps.setString(1, timelineId);
                    ps.setLong(2, sinceSeq);
                    ps.setLong(3, minServerTime);
                    ps.setInt(4, limit);
                }, JdbcMessageStore::entry);
    }

    /**
     * A pulled entry; its message is null when retention purged the message row while an entry still pointed to
     * it (see RetentionJob): the pull passes over it.
     */
    private static Entry entry(ResultSet rs) throws SQLException {
        rs.getLong("message_uid");
        return new Entry(rs.getLong("seq"), rs.wasNull() ? null : map(rs));
    }

    static StoredMessage map(ResultSet rs) throws SQLException {
        MessageContent content;
        try {
            content = MessageContent.parseFrom(rs.getBytes("content"));
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("message " + rs.getLong("message_uid") + " has unreadable content", e);
        }
        Conversation conv = Conversation.newBuilder()
                .setType(rs.getInt("conv_type"))
                .setTarget(rs.getString("conv_target"))
                .setLine(rs.getInt("conv_line"))
                .build();
        String toUsers = rs.getString("to_users");
        return new StoredMessage(rs.getLong("message_uid"), rs.getString("sender"), conv,
                rs.getString("from_client"), rs.getString("client_message_id"), content,
                toUsers == null ? List.of() : Arrays.asList(toUsers.split(",")), rs.getLong("server_time"),
                rs.getLong("sender_seq"), rs.getInt("state"), rs.getLong("updated_at"));
    }
}
