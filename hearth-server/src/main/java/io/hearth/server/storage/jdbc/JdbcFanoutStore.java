package io.hearth.server.storage.jdbc;

import io.hearth.server.broadcast.FanoutJob;
import io.hearth.server.broadcast.FanoutStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Fan-out jobs in {@code fanouts}; users read from {@code users} in primary key order. */
public final class JdbcFanoutStore implements FanoutStore {

    private static final String COLUMNS = "job_id, message_uid, kind, sender, cursor_user, total, delivered, done,"
            + " owner_node, lease_until, created_at";

    private final Jdbc jdbc;

    public JdbcFanoutStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public void create(FanoutJob j) {
        jdbc.update("create fan-out", "INSERT INTO fanouts (" + COLUMNS + ", updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setLong(1, j.jobId());
                    ps.setLong(2, j.messageUid());
                    ps.setInt(3, j.kind());
                    ps.setString(4, j.sender());
                    ps.setString(5, j.cursor());
                    ps.setLong(6, j.total());
                    ps.setLong(7, j.delivered());
                    ps.setBoolean(8, j.done());
                    ps.setInt(9, j.ownerNode());
                    ps.setLong(10, j.leaseUntil());
                    ps.setLong(11, j.createdAt());
                    ps.setLong(12, j.createdAt());
                });
    }

    @Override
    public List<FanoutJob> open() {
        return jdbc.query("open fan-outs", "SELECT " + COLUMNS + " FROM fanouts WHERE done = FALSE ORDER BY created_at",
                ps -> { }, JdbcFanoutStore::job);
    }

    @Override
    public FanoutJob claim(long jobId, int node, long now, long leaseUntil) {
        int n = jdbc.update("claim fan-out", "UPDATE fanouts SET owner_node = ?, lease_until = ?, updated_at = ?"
                + " WHERE job_id = ? AND done = FALSE AND (owner_node = ? OR lease_until < ?)", ps -> {
                    ps.setInt(1, node);
                    ps.setLong(2, leaseUntil);
                    ps.setLong(3, now);
                    ps.setLong(4, jobId);
                    ps.setInt(5, node);
                    ps.setLong(6, now);
                });
        if (n == 0) {
            return null;
        }
        return jdbc.queryOne("read fan-out", "SELECT " + COLUMNS + " FROM fanouts WHERE job_id = ?",
                ps -> ps.setLong(1, jobId), JdbcFanoutStore::job).orElse(null);
    }

    @Override
    public boolean finish(long jobId, String cursor, long now) {
        return jdbc.update("finish fan-out", "UPDATE fanouts SET done = TRUE, updated_at = ?"
                + " WHERE job_id = ? AND cursor_user = ?", ps -> {
                    ps.setLong(1, now);
                    ps.setLong(2, jobId);
                    ps.setString(3, cursor);
                }) == 1;
    }

    @Override
    public List<String> usersAfter(String after, String except, int limit) {
        return jdbc.query("users after", "SELECT user_id FROM users WHERE user_id > ? AND user_id <> ?"
                + " AND deleted = FALSE ORDER BY user_id LIMIT ?", ps -> {
                    ps.setString(1, after);
                    ps.setString(2, except);
                    ps.setInt(3, limit);
                }, rs -> rs.getString(1));
    }

    @Override
    public boolean broadcastExists(long messageUid) {
        return jdbc.queryOne("find broadcast", "SELECT job_id FROM fanouts WHERE message_uid = ? AND kind = ?",
                ps -> {
                    ps.setLong(1, messageUid);
                    ps.setInt(2, FanoutJob.BROADCAST);
                }, rs -> rs.getLong(1)).isPresent();
    }

    @Override
    public long countUsers() {
        return jdbc.queryOne("count users", "SELECT COUNT(*) FROM users WHERE deleted = FALSE", ps -> { },
                rs -> rs.getLong(1)).orElse(0L);
    }

    private static FanoutJob job(ResultSet rs) throws SQLException {
        return new FanoutJob(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getBoolean(8), rs.getInt(9), rs.getLong(10), rs.getLong(11));
    }
}
