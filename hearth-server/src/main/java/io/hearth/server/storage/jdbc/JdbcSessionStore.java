package io.hearth.server.storage.jdbc;

import io.hearth.server.session.ClientSession;
import io.hearth.server.session.SessionStore;
import io.hearth.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Client sessions in table {@code client_sessions}. */
public final class JdbcSessionStore implements SessionStore {

    private static final String COLUMNS =
            "user_id, client_id, platform, generation, deleted, created_at, updated_at, last_seen";

    private static final Comparator<ClientSession> KEY_ORDER =
            Comparator.comparing(ClientSession::userId).thenComparing(ClientSession::clientId);

    private final Database db;
    private final Jdbc jdbc;

    public JdbcSessionStore(Database db) {
        this.db = db;
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Optional<ClientSession> find(String userId, String clientId) {
        return jdbc.queryOne("find session",
                "SELECT " + COLUMNS + " FROM client_sessions WHERE user_id = ? AND client_id = ?", ps -> {
                    ps.setString(1, userId);
                    ps.setString(2, clientId);
                }, JdbcSessionStore::map);
    }

    @Override
    public List<ClientSession> findByUser(String userId) {
        return jdbc.query("list sessions", "SELECT " + COLUMNS + " FROM client_sessions WHERE user_id = ?",
                ps -> ps.setString(1, userId), JdbcSessionStore::map);
    }

    @Override
    public void saveAll(List<ClientSession> sessions) {
        try {
            saveOnce(sessions);
        } catch (StorageException raced) {
            if (!Jdbc.isUniqueViolation(raced)) {
                throw raced;
            }
            // another request or node inserted one of these sessions in between: now the update finds it
            saveOnce(sessions);
        }
    }

    /**
     * Updates each session, inserting those that do not exist yet, in one transaction. Rows are written in key
     * order, so that two saves of the same sessions (two nodes) wait for each other instead of deadlocking.
     */
    private void saveOnce(List<ClientSession> unordered) {
        List<ClientSession> sessions = unordered.stream().sorted(KEY_ORDER).toList();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE client_sessions SET platform = ?, generation = ?, deleted = ?, updated_at = ?, last_seen = ?
                    WHERE user_id = ? AND client_id = ?""");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO client_sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
                for (ClientSession s : sessions) {
                    update.setInt(1, s.platform());
                    update.setLong(2, s.generation());
                    update.setBoolean(3, s.deleted());
                    update.setLong(4, s.updatedAt());
                    update.setLong(5, s.lastSeen());
                    update.setString(6, s.userId());
                    update.setString(7, s.clientId());
                    if (update.executeUpdate() == 0) {
                        insert.setString(1, s.userId());
                        insert.setString(2, s.clientId());
                        insert.setInt(3, s.platform());
                        insert.setLong(4, s.generation());
                        insert.setBoolean(5, s.deleted());
                        insert.setLong(6, s.createdAt());
                        insert.setLong(7, s.updatedAt());
                        insert.setLong(8, s.lastSeen());
                        insert.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("save sessions", e);
        }
    }

    @Override
    public void touch(String userId, String clientId, long lastSeen) {
        jdbc.update("touch session", "UPDATE client_sessions SET last_seen = ? WHERE user_id = ? AND client_id = ?",
                ps -> {
                    ps.setLong(1, lastSeen);
                    ps.setString(2, userId);
                    ps.setString(3, clientId);
                });
    }

    private static ClientSession map(ResultSet rs) throws SQLException {
        return new ClientSession(rs.getString("user_id"), rs.getString("client_id"), rs.getInt("platform"),
                rs.getLong("generation"), rs.getBoolean("deleted"), rs.getLong("created_at"),
                rs.getLong("updated_at"), rs.getLong("last_seen"));
    }
}
