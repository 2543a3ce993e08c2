package io.hearth.server.storage.jdbc;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.message.ConversationTypes;
import io.hearth.server.message.Copies;
import io.hearth.server.message.FanoutStep;
import io.hearth.server.message.SharedEntry;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineBatch;
import io.hearth.server.message.TimelineEntry;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One writer transaction on an open connection (auto-commit off): {@code SELECT … FOR UPDATE} of the heads in
 * the dialect's {@linkplain Dialect#lockOrder() lock order}, then the messages as a JDBC batch and the timeline rows
 * and heads in the dialect's form ({@link TimelineRows}). The connection's owner commits. Called on the writer
 * thread.
 *
 * <p>{@link JdbcUserStore} creates a user's head with the user. A head that does not exist yet (a user written
 * outside the server) is inserted here, not upserted: when another writer inserts the same head at the same time,
 * this transaction fails with a unique violation (23505) and the message writer retries the whole batch, which then
 * finds the head. Waiting for the other writer's head instead ({@code ON CONFLICT DO NOTHING}, or a
 * savepoint) would lock that head out of order, after heads this transaction already holds, and could deadlock.
 */
final class JdbcTimelineBatch implements TimelineBatch {

    private final Connection c;
    private final Dialect dialect;
    private final TimelineRows rows;

    JdbcTimelineBatch(Connection c, Dialect dialect) {
        this.c = c;
        this.dialect = dialect;
        this.rows = TimelineRows.of(dialect);
    }

    @Override
    public void outbox(List<io.hearth.server.event.OutboxRow> outboxRows) {
        try {
            JdbcOutboxStore.insert(c, outboxRows);
        } catch (SQLException e) {
            throw new StorageException("insert webhook outbox rows", e);
        }
    }

    @Override
    public Map<String, Long> lockHeads(Collection<String> userIds) {
        TreeSet<String> ordered = new TreeSet<>(dialect.lockOrder());
        ordered.addAll(userIds);
        List<String> sorted = new ArrayList<>(ordered);
        try {
            Map<String, Long> heads = rows.lock(c, sorted);
            if (heads.size() < sorted.size()) {
                List<String> missing = sorted.stream().filter(u -> !heads.containsKey(u)).toList();
                createHeads(missing);
                heads.putAll(rows.lock(c, missing));
            }
            return heads;
        } catch (SQLException e) {
            throw new StorageException("lock timeline heads", e);
        }
    }

    /** Heads of users that have none yet (created outside the server API): their newest timeline seq. */
    private void createHeads(List<String> users) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO user_heads (user_id, head)
                SELECT ?, COALESCE(MAX(seq), 0) FROM timeline WHERE user_id = ?""")) {
            for (String u : users) {
                ps.setString(1, u);
                ps.setString(2, u);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Map<String, Long> lockSharedHeads(Collection<String> timelineIds) {
        Map<String, Long> heads = new HashMap<>();
        if (timelineIds.isEmpty()) {
            return heads;
        }
        TreeSet<String> ordered = new TreeSet<>(dialect.lockOrder());
        ordered.addAll(timelineIds);
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT head FROM shared_heads WHERE timeline_id = ? FOR UPDATE")) {
            for (String id : ordered) {
                lock.setString(1, id);
                Long head = one(lock);
                if (head == null) {
                    // created here, as a user's head is: a concurrent creator makes this fail with 23505, and the
                    // retry of the whole batch finds the head
                    try (PreparedStatement create = c.prepareStatement("INSERT INTO shared_heads (timeline_id, head)"
                            + " SELECT ?, COALESCE(MAX(seq), 0) FROM shared_timeline WHERE timeline_id = ?")) {
                        create.setString(1, id);
                        create.setString(2, id);
                        create.executeUpdate();
                    }
                    head = one(lock);
                }
                heads.put(id, head);
            }
            return heads;
        } catch (SQLException e) {
            throw new StorageException("lock shared timeline heads", e);
        }
    }

    private static Long one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    @Override
    public void append(List<StoredMessage> messages, List<TimelineEntry> entries, List<SharedEntry> shared) {
        try (PreparedStatement pm = c.prepareStatement("""
                INSERT INTO messages (message_uid, sender, conv_type, conv_target, conv_line, from_client,
                    client_message_id, content_type, content, to_users, server_time, sender_seq, searchable,
                    persist_flag, mention_type, mention_targets)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")) {
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
                pm.setString(13, SearchableText.of(m.content()));
                pm.setInt(14, m.content().getPersistFlag());
                pm.setInt(15, m.content().getMentionedType());
                pm.setString(16, mentionTargets(m.content()));
                pm.addBatch();
            }
            if (!messages.isEmpty()) {
                pm.executeBatch();
            }
            if (!entries.isEmpty()) {
                SortedMap<String, Long> newest = new TreeMap<>();
                for (TimelineEntry e : entries) {
                    newest.merge(e.userId(), e.seq(), Math::max);
                }
                rows.insert(c, entries);
                rows.moveHeads(c, newest);
            }
            if (!shared.isEmpty()) {
                appendShared(shared);
            }
        } catch (SQLException e) {
            throw new StorageException("append " + messages.size() + " messages", e);
        }
    }

    /** The mentioned users joined by commas (user ids have none), null for none; cut at the column's size. */
    private static String mentionTargets(MessageContent c) {
        if (c.getMentionedTargetCount() == 0) {
            return null;
        }
        String joined = String.join(",", c.getMentionedTargetList());
        return joined.length() <= 8192 ? joined : joined.substring(0, joined.lastIndexOf(',', 8192));
    }

    @Override
    public boolean replace(StoredMessage changed, int fromStates) {
        // the states are few (MessageStates): the mask is spelled out as a list, portable to both dialects
        StringBuilder in = new StringBuilder();
        for (int state = 0; state < Integer.SIZE; state++) {
            if ((fromStates & (1 << state)) != 0) {
                in.append(in.isEmpty() ? "" : ",").append(state);
            }
        }
        if (in.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET content_type = ?, content = ?, state = ?,"
                + " updated_at = ?, searchable = ?, persist_flag = ?, mention_type = ?, mention_targets = ?"
                + " WHERE message_uid = ? AND state IN (" + in + ")")) {
            ps.setInt(1, changed.content().getType());
            ps.setBytes(2, changed.content().toByteArray());
            ps.setInt(3, changed.state());
            ps.setLong(4, changed.updateTime());
            ps.setString(5, SearchableText.of(changed.content()));
            ps.setInt(6, changed.content().getPersistFlag());
            ps.setInt(7, changed.content().getMentionedType());
            ps.setString(8, mentionTargets(changed.content()));
            ps.setLong(9, changed.messageUid());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("change message " + changed.messageUid(), e);
        }
    }

    /**
     * The primary key (user_id, seq) bounds both forms to the user's own timeline; a conversation's entries are
     * matched through the message's primary key. A single chat as the user sees it has the peer as its target: the
     * user's sends to the peer and the peer's to the user (the rule of {@code SingleChatPolicy#viewFor}).
     */
    @Override
    public int retarget(String userId, Copies copies, long toUid) {
        try {
            if (copies instanceof Copies.Of one) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE timeline SET message_uid = ? WHERE user_id = ? AND message_uid = ?")) {
                    ps.setLong(1, toUid);
                    ps.setString(2, userId);
                    ps.setLong(3, one.messageUid());
                    return ps.executeUpdate();
                }
            }
            Copies.InConversation in = (Copies.InConversation) copies;
            Conversation conv = in.conversation();
            boolean single = conv.getType() == ConversationTypes.SINGLE;
            try (PreparedStatement ps = c.prepareStatement("UPDATE timeline SET message_uid = ?"
                    + " WHERE user_id = ? AND server_time >= ? AND server_time <= ? AND message_uid <> ?"
                    + " AND EXISTS (SELECT 1 FROM messages m WHERE m.message_uid = timeline.message_uid"
                    + " AND m.conv_type = ? AND m.conv_line = ? AND "
                    + (single ? "((m.sender = ? AND m.conv_target = ?) OR (m.sender = ? AND m.conv_target = ?)))"
                              : "m.conv_target = ?)"))) {
                int i = 1;
                ps.setLong(i++, toUid);
                ps.setString(i++, userId);
                ps.setLong(i++, in.fromTime());
                ps.setLong(i++, in.toTime());
                ps.setLong(i++, toUid);
                ps.setInt(i++, conv.getType());
                ps.setInt(i++, conv.getLine());
                if (single) {
                    ps.setString(i++, userId);
                    ps.setString(i++, conv.getTarget());
                    ps.setString(i++, conv.getTarget());
                    ps.setString(i, userId);
                } else {
                    ps.setString(i, conv.getTarget());
                }
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException("drop copies " + copies + " of " + userId, e);
        }
    }

    @Override
    public boolean advanceFanout(FanoutStep step) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE fanouts SET cursor_user = ?,"
                + " delivered = delivered + ?, lease_until = ?, updated_at = ?"
                + " WHERE job_id = ? AND cursor_user = ? AND done = FALSE")) {
            ps.setString(1, step.toCursor());
            ps.setInt(2, step.count());
            ps.setLong(3, step.leaseUntil());
            ps.setLong(4, step.now());
            ps.setLong(5, step.jobId());
            ps.setString(6, step.fromCursor());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("advance fan-out " + step.jobId(), e);
        }
    }

    /** A few rows (a batch has at most one per message): plain JDBC batches. */
    private void appendShared(List<SharedEntry> shared) throws SQLException {
        SortedMap<String, Long> newest = new TreeMap<>(dialect.lockOrder());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shared_timeline (timeline_id, seq, message_uid, server_time) VALUES (?,?,?,?)")) {
            for (SharedEntry e : shared) {
                ps.setString(1, e.timelineId());
                ps.setLong(2, e.seq());
                ps.setLong(3, e.message().messageUid());
                ps.setLong(4, e.message().serverTime());
                ps.addBatch();
                newest.merge(e.timelineId(), e.seq(), Math::max);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE shared_heads SET head = ? WHERE timeline_id = ?")) {
            for (Map.Entry<String, Long> h : newest.entrySet()) {
                ps.setLong(1, h.getValue());
                ps.setString(2, h.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
