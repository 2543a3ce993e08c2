package io.hearth.server.storage.jdbc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.message.ClientMessageKey;
import io.hearth.server.message.MessageStore;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineEntry;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

/**
 * Messages in {@code messages} (one row each, content as protobuf bytes) and per-user timelines in
 * {@code timeline}. {@link #write} is the group commit of the message writer: two JDBC batches, one transaction.
 */
public final class JdbcMessageStore implements MessageStore {

    private static final String COLUMNS = """
            m.message_uid, m.sender, m.conv_type, m.conv_target, m.conv_line, m.from_client, m.client_message_id,
            m.content, m.to_users, m.server_time, m.sender_seq""";

    private static final int IN_CHUNK = 200;

    private final Database db;
    private final Jdbc jdbc;

    public JdbcMessageStore(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    @Override
    public void write(List<StoredMessage> messages, List<TimelineEntry> entries) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement pm = c.prepareStatement("""
                    INSERT INTO messages (message_uid, sender, conv_type, conv_target, conv_line, from_client,
                        client_message_id, content_type, content, to_users, server_time, sender_seq)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""");
                 PreparedStatement pt = c.prepareStatement(
                         "INSERT INTO timeline (user_id, seq, message_uid, server_time) VALUES (?,?,?,?)")) {
                for (StoredMessage m : messages) {
                    pm.setLong(1, m.messageUid());
                    pm.setString(2, m.sender());
                    pm.setInt(3, m.conversation().getType());
                    pm.setString(4, m.conversation().getTarget());
                    pm.setInt(5, m.conversation().getLine());
                    pm.setString(6, m.fromClient());
                    pm.setString(7, m.clientMessageId());
                    pm.setInt(8, m.content().getType());
                    pm.setBytes(9, m.content().toByteArray());
                    pm.setString(10, m.toUsers().isEmpty() ? null : String.join(",", m.toUsers()));
                    pm.setLong(11, m.serverTime());
                    pm.setLong(12, m.senderSeq());
                    pm.addBatch();
                }
                for (TimelineEntry e : entries) {
                    pt.setString(1, e.userId());
                    pt.setLong(2, e.seq());
                    pt.setLong(3, e.messageUid());
                    pt.setLong(4, e.serverTime());
                    pt.addBatch();
                }
                if (!messages.isEmpty()) {
                    pm.executeBatch();
                }
                if (!entries.isEmpty()) {
                    pt.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("write " + messages.size() + " messages", e);
        }
    }

    @Override
    public Optional<StoredMessage> find(long messageUid) {
        return jdbc.queryOne("find message", "SELECT " + COLUMNS + " FROM messages m WHERE m.message_uid = ?",
                ps -> ps.setLong(1, messageUid), JdbcMessageStore::map);
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
        return jdbc.queryOne("timeline head", "SELECT MAX(seq) FROM timeline WHERE user_id = ?",
                ps -> ps.setString(1, userId), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public Map<String, Long> heads(Collection<String> userIds) {
        Map<String, Long> out = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(userIds))) {
            String sql = "SELECT user_id, MAX(seq) FROM timeline WHERE user_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") GROUP BY user_id";
            jdbc.query("timeline heads", sql, ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
            }, rs -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return out;
    }

    @Override
    public List<Entry> pull(String userId, long sinceSeq, long minServerTime, int limit) {
        return jdbc.query("pull timeline", "SELECT t.seq, " + COLUMNS + """
                 FROM timeline t JOIN messages m ON m.message_uid = t.message_uid
                WHERE t.user_id = ? AND t.seq > ? AND t.server_time >= ?
                ORDER BY t.seq LIMIT ?""", ps -> {
                    ps.setString(1, userId);
                    ps.setLong(2, sinceSeq);
                    ps.setLong(3, minServerTime);
                    ps.setInt(4, limit);
                }, rs -> new Entry(rs.getLong("seq"), map(rs)));
    }

    private static StoredMessage map(ResultSet rs) throws SQLException {
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
                rs.getLong("sender_seq"));
    }
}
