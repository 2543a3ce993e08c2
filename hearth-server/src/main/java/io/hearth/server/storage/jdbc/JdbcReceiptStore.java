package io.hearth.server.storage.jdbc;

import io.hearth.protocol.pb.Conversation;
import io.hearth.server.conversation.ConversationKeys;
import io.hearth.server.conversation.ReceiptStore;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Delivery and read marks in {@code receipt_delivered} and {@code receipt_read}. A mark moves in one transaction
 * that locks its row ({@code SELECT … FOR UPDATE}; a first mark is inserted, and a racing insert of the same row
 * retried as an update), so two devices reporting at once never move it back.
 */
public final class JdbcReceiptStore implements ReceiptStore {

    private final Database db;
    private final Jdbc jdbc;

    public JdbcReceiptStore(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Moved delivered(String userId, long seq, long now) {
        Moved[] out = new Moved[1];
        retryingInsertRace(() -> jdbc.transaction("mark delivered", c -> {
            long[] entry = entryAt(c, userId, seq);
            long beforeSeq = 0;
            long before = 0;
            boolean exists = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT delivered_seq, delivered_at FROM"
                    + " receipt_delivered WHERE user_id = ? FOR UPDATE")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        exists = true;
                        beforeSeq = rs.getLong(1);
                        before = rs.getLong(2);
                    }
                }
            }
            if (entry[0] <= beforeSeq) {
                out[0] = new Moved(before, before, beforeSeq, beforeSeq, 0);
                return;
            }
            String sql = exists
                    ? "UPDATE receipt_delivered SET delivered_seq = ?, delivered_at = ?, updated_at = ? WHERE user_id = ?"
                    : "INSERT INTO receipt_delivered (delivered_seq, delivered_at, updated_at, user_id) VALUES (?,?,?,?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, entry[0]);
                ps.setLong(2, Math.max(entry[1], before));
                ps.setLong(3, now);
                ps.setString(4, userId);
                ps.executeUpdate();
            }
            out[0] = new Moved(before, Math.max(entry[1], before), beforeSeq, entry[0], 0);
        }));
        return out[0];
    }

    /** The seq and server time of the user's entry at {@code seq}, or of its newest entry below it. */
    private static long[] entryAt(Connection c, String userId, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, server_time FROM timeline WHERE user_id = ?"
                + " AND seq <= ? ORDER BY seq DESC LIMIT 1")) {
            ps.setString(1, userId);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        }
    }

    @Override
    public Moved read(String userId, Conversation conv, long readAt, long now) {
        Moved[] out = new Moved[1];
        retryingInsertRace(() -> jdbc.transaction("mark read", c -> {
            long version = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM receipt_read WHERE user_id = ?")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                }
            }
            long before = -1;
            try (PreparedStatement ps = c.prepareStatement("SELECT read_at FROM receipt_read WHERE user_id = ?"
                    + " AND conv_type = ? AND conv_target = ? AND conv_line = ? FOR UPDATE")) {
                bindConv(ps, userId, conv);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        before = rs.getLong(1);
                    }
                }
            }
            if (readAt <= before) {
                out[0] = new Moved(before, before, 0, 0, version);
                return;
            }
            long next = Math.max(now, version + 1);
            String sql = before >= 0
                    ? "UPDATE receipt_read SET read_at = ?, version = ? WHERE user_id = ? AND conv_type = ?"
                      + " AND conv_target = ? AND conv_line = ?"
                    : "INSERT INTO receipt_read (read_at, version, user_id, conv_type, conv_target, conv_line)"
                      + " VALUES (?,?,?,?,?,?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, readAt);
                ps.setLong(2, next);
                ps.setString(3, userId);
                ps.setInt(4, conv.getType());
                ps.setString(5, conv.getTarget());
                ps.setInt(6, conv.getLine());
                ps.executeUpdate();
            }
            out[0] = new Moved(Math.max(before, 0), readAt, 0, 0, next);
        }));
        return out[0];
    }

    private static void bindConv(PreparedStatement ps, String userId, Conversation conv) throws SQLException {
        ps.setString(1, userId);
        ps.setInt(2, conv.getType());
        ps.setString(3, conv.getTarget());
        ps.setInt(4, conv.getLine());
    }

    @Override
    public List<SenderConversation> sendersBetween(String userId, long fromSeq, long toSeq) {
        Set<SenderConversation> out = new LinkedHashSet<>(jdbc.query("senders between", """
                SELECT DISTINCT m.sender, m.conv_type, m.conv_target, m.conv_line FROM timeline t
                JOIN messages m ON m.message_uid = t.message_uid
                WHERE t.user_id = ? AND t.seq > ? AND t.seq <= ? AND m.sender <> ?""", ps -> {
                    ps.setString(1, userId);
                    ps.setLong(2, fromSeq);
                    ps.setLong(3, toSeq);
                    ps.setString(4, userId);
                }, rs -> {
                    // the sender sees a single chat with the user; a group as it is
                    boolean single = rs.getInt(2) == 0;
                    return new SenderConversation(rs.getString(1), Conversation.newBuilder().setType(rs.getInt(2))
                            .setTarget(single ? userId : rs.getString(3)).setLine(rs.getInt(4)).build());
                }));
        return new ArrayList<>(out);
    }

    @Override
    public List<String> groupSendersBetween(Conversation conv, long from, long to) {
        return jdbc.query("group senders between", "SELECT DISTINCT sender FROM messages WHERE conv_key = ?"
                + " AND server_time > ? AND server_time <= ?", ps -> {
                    ps.setString(1, conv.getType() + "/" + conv.getLine() + "/" + conv.getTarget());
                    ps.setLong(2, from);
                    ps.setLong(3, to);
                }, rs -> rs.getString(1));
    }

    @Override
    public Map<String, Long> deliveredTimes(List<String> userIds) {
        Map<String, Long> out = new HashMap<>();
        for (List<String> chunk : chunks(userIds)) {
            jdbc.query("delivered times", "SELECT user_id, delivered_at FROM receipt_delivered WHERE user_id IN ("
                    + marks(chunk.size()) + ")", ps -> bindAll(ps, chunk, 1), rs -> {
                        out.put(rs.getString(1), rs.getLong(2));
                        return null;
                    });
        }
        return out;
    }

    @Override
    public Map<String, Long> readTimes(List<String> userIds, int type, int line, Function<String, String> targetFor) {
        // a group's members all read one target: one query per distinct target (and per 500 users)
        Map<String, List<String>> byTarget = new HashMap<>();
        for (String u : userIds) {
            byTarget.computeIfAbsent(targetFor.apply(u), t -> new ArrayList<>()).add(u);
        }
        Map<String, Long> out = new HashMap<>();
        byTarget.forEach((target, users) -> {
            for (List<String> chunk : chunks(users)) {
                jdbc.query("read times", "SELECT user_id, read_at FROM receipt_read WHERE conv_type = ?"
                        + " AND conv_target = ? AND conv_line = ? AND user_id IN (" + marks(chunk.size()) + ")", ps -> {
                            ps.setInt(1, type);
                            ps.setString(2, target);
                            ps.setInt(3, line);
                            bindAll(ps, chunk, 4);
                        }, rs -> {
                            out.put(rs.getString(1), rs.getLong(2));
                            return null;
                        });
            }
        });
        return out;
    }

    @Override
    public Map<String, Long> readSince(String userId, long since) {
        Map<String, Long> out = new HashMap<>();
        jdbc.query("reads since", "SELECT conv_type, conv_line, conv_target, read_at FROM receipt_read"
                + " WHERE user_id = ? AND version > ?", ps -> {
                    ps.setString(1, userId);
                    ps.setLong(2, since);
                }, rs -> {
                    out.put(ConversationKeys.of(rs.getInt(1), rs.getInt(2), rs.getString(3)), rs.getLong(4));
                    return null;
                });
        return out;
    }

    @Override
    public long readVersion(String userId) {
        return jdbc.queryOne("read version", "SELECT MAX(version) FROM receipt_read WHERE user_id = ?",
                ps -> ps.setString(1, userId), rs -> rs.getLong(1)).orElse(0L);
    }

    /** A first mark of two devices at once: one insert loses with a unique violation; done again, it updates. */
    private static void retryingInsertRace(Runnable work) {
        try {
            work.run();
        } catch (StorageException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            work.run();
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            out.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static void bindAll(PreparedStatement ps, List<String> values, int from) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(from + i, values.get(i));
        }
    }
}
