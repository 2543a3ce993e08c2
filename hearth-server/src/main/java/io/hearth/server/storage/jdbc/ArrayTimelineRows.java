package io.hearth.server.storage.jdbc;

import io.hearth.server.message.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Timeline rows for PostgreSQL, one statement per step whatever the number of users: the heads are locked with one
 * {@code = ANY(array)} query (sorted in the lock order before {@code FOR UPDATE} locks them, so one total order for
 * every writer, as the chunked form), the rows inserted from {@code unnest} of four arrays, and the heads moved with
 * one {@code UPDATE … FROM unnest}. A group message to 1,000 members is then 3 statements, not 2,000 executions of
 * one-row statements (which pgjdbc pipelines, but the server still plans and runs each); see docs/benchmarks.md.
 * Each statement takes at most {@value #CHUNK} values per array, so a full batch of big groups is a few statements
 * of bounded size (chunks of the sorted ids are locked one after the other: still one order).
 */
final class ArrayTimelineRows implements TimelineRows {

    static final int CHUNK = 20_000;

    @Override
    public Map<String, Long> lock(Connection c, List<String> sorted) throws SQLException {
        Map<String, Long> heads = new HashMap<>(sorted.size() * 2);
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            lockChunk(c, sorted.subList(from, Math.min(sorted.size(), from + CHUNK)), heads);
        }
        return heads;
    }

    private static void lockChunk(Connection c, List<String> sorted, Map<String, Long> heads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, head FROM user_heads"
                + " WHERE user_id = ANY(?::varchar[]) ORDER BY " + Dialect.POSTGRESQL.lockOrderBy("user_id")
                + " FOR UPDATE")) {
            ps.setObject(1, sorted.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
    }

    @Override
    public void insert(Connection c, List<TimelineEntry> entries) throws SQLException {
        for (int from = 0; from < entries.size(); from += CHUNK) {
            insertChunk(c, entries.subList(from, Math.min(entries.size(), from + CHUNK)));
        }
    }

    private static void insertChunk(Connection c, List<TimelineEntry> entries) throws SQLException {
        int n = entries.size();
        String[] users = new String[n];
        long[] seqs = new long[n];
        long[] uids = new long[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            TimelineEntry e = entries.get(i);
            users[i] = e.userId();
            seqs[i] = e.seq();
            uids[i] = e.messageUid();
            times[i] = e.serverTime();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO timeline (user_id, seq, message_uid, server_time)
                SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[])""")) {
            ps.setObject(1, users);
            ps.setObject(2, seqs);
            ps.setObject(3, uids);
            ps.setObject(4, times);
            ps.executeUpdate();
        }
    }

    @Override
    public void moveHeads(Connection c, SortedMap<String, Long> heads) throws SQLException {
        List<Map.Entry<String, Long>> all = List.copyOf(heads.entrySet());
        for (int from = 0; from < all.size(); from += CHUNK) {
            moveChunk(c, all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
    }

    private static void moveChunk(Connection c, List<Map.Entry<String, Long>> heads) throws SQLException {
        String[] users = new String[heads.size()];
        long[] values = new long[heads.size()];
        int i = 0;
        for (Map.Entry<String, Long> h : heads) {
            users[i] = h.getKey();
            values[i++] = h.getValue();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE user_heads h SET head = v.head
                  FROM unnest(?::varchar[], ?::bigint[]) AS v(user_id, head)
                 WHERE h.user_id = v.user_id""")) {
            ps.setObject(1, users);
            ps.setObject(2, values);
            ps.executeUpdate();
        }
    }
}
