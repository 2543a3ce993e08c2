package io.hearth.server.storage.jdbc;

import io.hearth.server.storage.StorageException;
import io.hearth.server.user.Robot;
import io.hearth.server.user.RobotStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Robots in table {@code robots}, one row per robot user. */
public final class JdbcRobotStore implements RobotStore {

    private static final String COLUMNS = "user_id, owner, secret, callback, robot_extra";

    private final Jdbc jdbc;

    public JdbcRobotStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Optional<Robot> find(String userId) {
        return jdbc.queryOne("find robot", "SELECT " + COLUMNS + " FROM robots WHERE user_id = ?",
                ps -> ps.setString(1, userId), JdbcRobotStore::map);
    }

    @Override
    public void upsert(Robot r) {
        if (update(r) > 0) {
            return;
        }
        try {
            jdbc.update("insert robot", "INSERT INTO robots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", ps -> {
                bind(ps, r, 2);
                ps.setString(1, r.userId());
            });
        } catch (StorageException raced) {
            // another request or node inserted the same robot in between: overwrite it, as create is an upsert
            if (!Jdbc.isUniqueViolation(raced) || update(r) == 0) {
                throw raced;
            }
        }
    }

    private int update(Robot r) {
        return jdbc.update("update robot",
                "UPDATE robots SET owner = ?, secret = ?, callback = ?, robot_extra = ? WHERE user_id = ?", ps -> {
                    bind(ps, r, 1);
                    ps.setString(5, r.userId());
                });
    }

    /** Binds owner, secret, callback, robot_extra starting at parameter {@code first}. */
    private static void bind(PreparedStatement ps, Robot r, int first) throws SQLException {
        ps.setString(first, r.owner());
        ps.setString(first + 1, r.secret());
        ps.setString(first + 2, r.callback());
        ps.setString(first + 3, r.robotExtra());
    }

    @Override
    public List<String> ownedBy(String owner) {
        return jdbc.query("find robots of owner", "SELECT user_id FROM robots WHERE owner = ? ORDER BY user_id",
                ps -> ps.setString(1, owner), rs -> rs.getString(1));
    }

    @Override
    public List<Robot> page(int offset, int count) {
        return jdbc.query("list robots", "SELECT " + COLUMNS + " FROM robots ORDER BY user_id LIMIT ? OFFSET ?", ps -> {
            ps.setInt(1, count);
            ps.setInt(2, offset);
        }, JdbcRobotStore::map);
    }

    private static Robot map(ResultSet rs) throws SQLException {
        return new Robot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
