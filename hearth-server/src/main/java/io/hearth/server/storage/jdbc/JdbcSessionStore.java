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

/**
 * Client sessions in table {@code client_sessions}. Writes are compare-and-set on the generation
 * ({@code UPDATE ... WHERE generation = ?}), so two nodes issuing tokens for one session at once cannot both issue
 * the same next generation.
 */
public final class JdbcSessionStore implements SessionStore {

    private static final String COLUMNS =
            "user_id, client_id, platform, generation, deleted, created_at, updated_at, last_seen";

    private static final Comparator<Write> KEY_ORDER = Comparator.comparing((Write w) -> w.session().userId())
            .thenComparing(w -> w.session().clientId());

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

    /**
     * Rows are written in key order, so that two saves of the same sessions (two nodes) wait for each other instead
     * of deadlocking; the second then finds a generation it did not expect and returns false.
     */
    @Override
    public boolean saveIfUnchanged(List<Write> unordered) {
        List<Write> writes = unordered.stream().sorted(KEY_ORDER).toList();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE client_sessions SET platform = ?, generation = ?, deleted = ?, updated_at = ?
                    WHERE user_id = ? AND client_id = ? AND generation = ?""");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO client_sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
                for (Write w : writes) {
                    if (!(w.expectedGeneration() == Write.ABSENT ? insert(insert, w.session())
                            : update(update, w.session(), w.expectedGeneration()))) {
                        c.rollback();
                        return false;
                    }
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("save sessions", e);
        }
    }

    private static boolean update(PreparedStatement update, ClientSession s, long expected) throws SQLException {
        update.setInt(1, s.platform());
        update.setLong(2, s.generation());
        update.setBoolean(3, s.deleted());
        update.setLong(4, s.updatedAt());
        update.setString(5, s.userId());
        update.setString(6, s.clientId());
        update.setLong(7, expected);
        return update.executeUpdate() == 1;
    }

    /** Inserts a session that was absent; a unique violation (it was inserted meanwhile) reaches the caller. */
    private static boolean insert(PreparedStatement insert, ClientSession s) throws SQLException {
        insert.setString(1, s.userId());
        insert.setString(2, s.clientId());
        insert.setInt(3, s.platform());
        insert.setLong(4, s.generation());
        insert.setBoolean(5, s.deleted());
        insert.setLong(6, s.createdAt());
        insert.setLong(7, s.updatedAt());
        insert.setLong(8, s.lastSeen());
        return insert.executeUpdate() == 1;
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
