package io.hearth.server.storage.jdbc;

import io.hearth.server.storage.StorageException;
import io.hearth.server.user.BlockStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Users' block status in table {@code user_status}; a row set back to 0 stays, with the time of the change. */
public final class JdbcBlockStore implements BlockStore {

    private final Jdbc jdbc;

    public JdbcBlockStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public int status(String userId) {
        return jdbc.queryOne("read block status", "SELECT status FROM user_status WHERE user_id = ?",
                ps -> ps.setString(1, userId), rs -> rs.getInt(1)).orElse(0);
    }

    @Override
    public void set(String userId, int status, long now) {
        if (update(userId, status, now) > 0) {
            return;
        }
        try {
            jdbc.update("insert block status", "INSERT INTO user_status (user_id, status, updated_at) VALUES (?, ?, ?)",
                    ps -> {
                        ps.setString(1, userId);
                        ps.setInt(2, status);
                        ps.setLong(3, now);
                    });
        } catch (StorageException raced) {
            // another request or node inserted the row in between: the later write wins, as with an update
            if (!Jdbc.isUniqueViolation(raced) || update(userId, status, now) == 0) {
                throw raced;
            }
        }
    }

    private int update(String userId, int status, long now) {
        return jdbc.update("update block status", "UPDATE user_status SET status = ?, updated_at = ? WHERE user_id = ?",
                ps -> {
                    ps.setInt(1, status);
                    ps.setLong(2, now);
                    ps.setString(3, userId);
                });
    }

    @Override
    public List<Blocked> blocked() {
        return jdbc.query("list blocked users",
                "SELECT user_id, status, updated_at FROM user_status WHERE status <> 0 ORDER BY user_id", ps -> { },
                JdbcBlockStore::map);
    }

    @Override
    public List<Blocked> changedSince(long since) {
        return jdbc.query("read block status changes",
                "SELECT user_id, status, updated_at FROM user_status WHERE updated_at >= ? ORDER BY updated_at",
                ps -> ps.setLong(1, since), JdbcBlockStore::map);
    }

    private static Blocked map(ResultSet rs) throws SQLException {
        return new Blocked(rs.getString(1), rs.getInt(2), rs.getLong(3));
    }
}
