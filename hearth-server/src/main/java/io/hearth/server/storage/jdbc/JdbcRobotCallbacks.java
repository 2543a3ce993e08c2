package io.hearth.server.storage.jdbc;

import java.util.HashMap;
import java.util.Map;

/** Every robot's callback URL (robots without one left out), for {@code webhook.RobotCallbacks}. */
public final class JdbcRobotCallbacks {

    private final Jdbc jdbc;

    public JdbcRobotCallbacks(Database db) {
        this.jdbc = new Jdbc(db);
    }

    public Map<String, String> all() {
        Map<String, String> out = new HashMap<>();
        jdbc.query("robot callbacks", "SELECT user_id, callback FROM robots WHERE callback IS NOT NULL"
                + " AND callback <> ''", ps -> { }, rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                    return null;
                });
        return out;
    }
}
