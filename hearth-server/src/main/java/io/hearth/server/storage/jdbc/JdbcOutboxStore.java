package io.hearth.server.storage.jdbc;

import io.hearth.server.event.OutboxRow;
import io.hearth.server.webhook.OutboxEvent;
import io.hearth.server.webhook.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The webhook outbox in {@code webhook_outbox} (V15). */
public final class JdbcOutboxStore implements OutboxStore {

    private static final String COLUMNS = "id, event_id, kind, endpoint, body, created_at, age_from, attempts,"
            + " last_error";

    private final Jdbc jdbc;

    public JdbcOutboxStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    /** Inserts {@code rows} on {@code c}, in the caller's transaction (the message writer's). */
    static void insert(Connection c, List<OutboxRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_outbox (event_id, kind, endpoint, body,"
                + " created_at, age_from, attempts, next_at, lease_owner, lease_until, dead)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, 0, FALSE)")) {
            for (OutboxRow r : rows) {
                ps.setString(1, r.eventId());
                ps.setString(2, r.kind());
                ps.setString(3, r.endpoint());
                ps.setString(4, r.body());
                ps.setLong(5, r.createdAt());
                ps.setLong(6, r.createdAt());
                ps.setLong(7, r.createdAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void insert(List<OutboxRow> rows) {
        if (!rows.isEmpty()) {
            jdbc.transaction("insert webhook outbox rows", c -> insert(c, rows));
        }
    }

    @Override
    public List<OutboxEvent> heads(long now, int limit) {
        return jdbc.query("webhook outbox heads", "SELECT " + COLUMNS + ", next_at, lease_until FROM webhook_outbox"
                + " WHERE id IN (SELECT MIN(id) FROM webhook_outbox WHERE dead = FALSE GROUP BY endpoint)"
                + " AND next_at <= ? AND lease_until < ? ORDER BY id LIMIT ?", ps -> {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    ps.setInt(3, limit);
                }, JdbcOutboxStore::event);
    }

    @Override
    public boolean claim(long id, int node, long now, long leaseUntil) {
        return jdbc.update("claim webhook event", "UPDATE webhook_outbox SET lease_owner = ?, lease_until = ?"
                + " WHERE id = ? AND dead = FALSE AND lease_until < ?", ps -> {
                    ps.setInt(1, node);
                    ps.setLong(2, leaseUntil);
                    ps.setLong(3, id);
                    ps.setLong(4, now);
                }) == 1;
    }

    @Override
    public void delivered(long id) {
        jdbc.update("delete delivered webhook event", "DELETE FROM webhook_outbox WHERE id = ?", ps -> ps.setLong(1, id));
    }

    @Override
    public void failed(long id, int attempts, long nextAt, String error, boolean dead) {
        String e = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        jdbc.update("record failed webhook attempt", "UPDATE webhook_outbox SET attempts = ?, next_at = ?,"
                + " last_error = ?, dead = ?, lease_until = 0 WHERE id = ?", ps -> {
                    ps.setInt(1, attempts);
                    ps.setLong(2, nextAt);
                    ps.setString(3, e);
                    ps.setBoolean(4, dead);
                    ps.setLong(5, id);
                });
    }

    @Override
    public List<OutboxEvent> dead(long afterId, int limit) {
        return jdbc.query("webhook dead letters", "SELECT " + COLUMNS + " FROM webhook_outbox"
                + " WHERE dead = TRUE AND id > ? ORDER BY id LIMIT ?", ps -> {
                    ps.setLong(1, afterId);
                    ps.setInt(2, limit);
                }, JdbcOutboxStore::event);
    }

    @Override
    public boolean retry(long id, long now) {
        return jdbc.update("retry webhook dead letter", "UPDATE webhook_outbox SET dead = FALSE, attempts = 0,"
                + " next_at = ?, age_from = ?, lease_until = 0 WHERE id = ? AND dead = TRUE", ps -> {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    ps.setLong(3, id);
                }) == 1;
    }

    @Override
    public boolean deleteDead(long id) {
        return jdbc.update("delete webhook dead letter", "DELETE FROM webhook_outbox WHERE id = ? AND dead = TRUE",
                ps -> ps.setLong(1, id)) == 1;
    }

    @Override
    public List<EndpointStats> stats() {
        return jdbc.query("webhook outbox stats", "SELECT endpoint,"
                + " SUM(CASE WHEN dead THEN 0 ELSE 1 END), MIN(CASE WHEN dead THEN NULL ELSE created_at END),"
                + " SUM(CASE WHEN dead THEN 1 ELSE 0 END) FROM webhook_outbox GROUP BY endpoint", ps -> { },
                rs -> new EndpointStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    private static OutboxEvent event(ResultSet rs) throws SQLException {
        return new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getString(9));
    }
}
