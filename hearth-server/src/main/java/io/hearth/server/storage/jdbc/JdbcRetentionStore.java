package io.hearth.server.storage.jdbc;

import io.hearth.server.retention.RetentionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The purge on {@code timeline}/{@code user_heads} and {@code shared_timeline}/{@code shared_heads}: timelines are
 * walked by their heads' primary key, each one's oldest entries read by the timeline's primary key (one row to
 * probe, then at most the batch), deleted as one seq range, and their messages deleted by primary key. No index
 * of its own: a timeline with nothing to purge costs one probe. Heads are never written, so the purge takes no
 * lock the message writer takes (it only waits on rows it deletes, which nobody writes).
 */
public final class JdbcRetentionStore implements RetentionStore {

    private final Jdbc jdbc;

    public JdbcRetentionStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    private record Table(String heads, String entries, String id) {
    }

    private static final Table USERS = new Table("user_heads", "timeline", "user_id");
    private static final Table SHARED = new Table("shared_heads", "shared_timeline", "timeline_id");

    @Override
    public Purge purge(Timelines timelines, String afterId, long cutoff, int maxRows, int maxTimelines) {
        Table t = timelines == Timelines.USERS ? USERS : SHARED;
        Purge[] out = new Purge[1];
        jdbc.transaction("purge " + t.entries(), c -> out[0] = purge(c, t, afterId, cutoff, maxRows, maxTimelines));
        return out[0];
    }

    private static Purge purge(Connection c, Table t, String afterId, long cutoff, int maxRows, int maxTimelines)
            throws SQLException {
        List<String> ids = ids(c, t, afterId, maxTimelines);
        TreeSet<Long> uids = new TreeSet<>();
        int budget = maxRows;
        int entries = 0;
        String cursor = afterId;
        boolean finished = ids.size() < maxTimelines;
        for (String id : ids) {
            One one = purgeOne(c, t, id, cutoff, budget, uids);
            entries += one.deleted();
            budget -= one.read();
            if (!one.complete()) {
                finished = false;
                break;
            }
            cursor = id;
            if (budget <= 0) {
                finished = finished && id.equals(ids.get(ids.size() - 1));
                break;
            }
        }
        int messages = deleteMessages(c, uids, cutoff);
        return new Purge(entries, messages, cursor, finished);
    }

    private static List<String> ids(Connection c, Table t, String afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.id() + " FROM " + t.heads() + " WHERE " + t.id()
                + " > ? ORDER BY " + t.id() + " LIMIT ?")) {
            ps.setString(1, afterId);
            ps.setInt(2, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * What purging one timeline did: entries read as old (of the budget), rows deleted (0 for rows another node
     * deleted first), and whether the timeline has nothing older left.
     */
    private record One(int read, int deleted, boolean complete) {
    }

    /**
     * Deletes the oldest entries of one timeline older than {@code cutoff}, at most {@code budget}, adding their
     * message uids to {@code uids}.
     */
    private static One purgeOne(Connection c, Table t, String id, long cutoff, int budget, TreeSet<Long> uids)
            throws SQLException {
        List<long[]> rows = oldest(c, t, id, 1);
        if (rows.isEmpty() || rows.get(0)[2] >= cutoff) {
            return new One(0, 0, true);
        }
        rows = oldest(c, t, id, budget);
        long upTo = -1;
        int taken = 0;
        for (long[] r : rows) {
            if (r[2] >= cutoff) {
                break;
            }
            upTo = r[0];
            uids.add(r[1]);
            taken++;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.entries() + " WHERE " + t.id()
                + " = ? AND seq <= ?")) {
            ps.setString(1, id);
            ps.setLong(2, upTo);
            int deleted = ps.executeUpdate();
            return new One(taken, deleted, taken < rows.size() || rows.size() < budget);
        }
    }

    /** The oldest entries of a timeline: {seq, message_uid, server_time}. */
    private static List<long[]> oldest(Connection c, Table t, String id, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, message_uid, server_time FROM " + t.entries()
                + " WHERE " + t.id() + " = ? ORDER BY seq LIMIT ?")) {
            ps.setString(1, id);
            ps.setInt(2, limit);
            List<long[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                }
            }
            return out;
        }
    }

    /**
     * Deletes the messages of purged entries sent before the cutoff. An entry's server time is its message's (the
     * entries of a recall or edit too), so a message's age is its send time: a message changed after the cutoff
     * goes with its changes. An entry of such a change kept behind newer entries no longer finds its message; the
     * pull passes over it.
     */
    private static int deleteMessages(Connection c, TreeSet<Long> uids, long cutoff) throws SQLException {
        int deleted = 0;
        for (List<Long> chunk : JdbcMessageStore.chunks(new ArrayList<>(uids))) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM messages WHERE message_uid IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + ") AND server_time < ?")) {
                int i = 1;
                for (long uid : chunk) {
                    ps.setLong(i++, uid);
                }
                ps.setLong(i, cutoff);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }
}
