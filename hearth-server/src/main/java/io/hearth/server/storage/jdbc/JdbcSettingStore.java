package io.hearth.server.storage.jdbc;

import io.hearth.server.setting.SettingStore;
import io.hearth.server.setting.UserSetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * User settings in {@code user_settings}, each user's version in {@code setting_heads}. A write locks the user's head
 * row ({@code FOR UPDATE}) for its transaction, so concurrent writes of one user's settings (on several nodes) get
 * strictly increasing versions and commit in version order: a pull never skips a version it has not seen yet.
 */
public final class JdbcSettingStore implements SettingStore {

    private static final String INSERT_HEAD = """
            INSERT INTO setting_heads (user_id, version)
            SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM setting_heads h WHERE h.user_id = ?)""";

    private final Jdbc jdbc;

    public JdbcSettingStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public UserSetting put(String userId, int scope, String key, String value, long now) {
        ensureHead(userId);
        UserSetting[] stored = new UserSetting[1];
        jdbc.transaction("put setting", c -> {
            long head = lockHead(c, userId);
            long version = Math.max(now, head + 1);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE setting_heads SET version = ? WHERE user_id = ?")) {
                ps.setLong(1, version);
                ps.setString(2, userId);
                ps.executeUpdate();
            }
            int updated;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE user_settings SET svalue = ?, version = ? WHERE user_id = ? AND scope = ? AND skey = ?""")) {
                ps.setString(1, value);
                ps.setLong(2, version);
                ps.setString(3, userId);
                ps.setInt(4, scope);
                ps.setString(5, key);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                // no other writer of this user can insert the row meanwhile: they wait for the head lock
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO user_settings (user_id, scope, skey, svalue, version) VALUES (?, ?, ?, ?, ?)""")) {
                    ps.setString(1, userId);
                    ps.setInt(2, scope);
                    ps.setString(3, key);
                    ps.setString(4, value);
                    ps.setLong(5, version);
                    ps.executeUpdate();
                }
            }
            stored[0] = new UserSetting(scope, key, value, version);
        });
        return stored[0];
    }

    /** The head row, created outside the write's transaction: a lost race to create it is harmless. */
    private void ensureHead(String userId) {
        try {
            jdbc.update("create setting head", INSERT_HEAD, ps -> {
                ps.setString(1, userId);
                ps.setString(2, userId);
            });
        } catch (RuntimeException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private static long lockHead(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM setting_heads WHERE user_id = ? FOR UPDATE")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("setting head of " + userId + " vanished");
                }
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Optional<UserSetting> find(String userId, int scope, String key) {
        return jdbc.queryOne("find setting",
                "SELECT scope, skey, svalue, version FROM user_settings WHERE user_id = ? AND scope = ? AND skey = ?",
                ps -> {
                    ps.setString(1, userId);
                    ps.setInt(2, scope);
                    ps.setString(3, key);
                }, JdbcSettingStore::map);
    }

    @Override
    public List<UserSetting> since(String userId, long version, int limit) {
        return jdbc.query("pull settings", """
                SELECT scope, skey, svalue, version FROM user_settings WHERE user_id = ? AND version > ?
                ORDER BY version LIMIT ?""", ps -> {
                    ps.setString(1, userId);
                    ps.setLong(2, version);
                    ps.setInt(3, limit);
                }, JdbcSettingStore::map);
    }

    @Override
    public List<UserSetting> ofScope(String userId, int scope) {
        return jdbc.query("settings of scope", "SELECT scope, skey, svalue, version FROM user_settings"
                + " WHERE user_id = ? AND scope = ?", ps -> {
                    ps.setString(1, userId);
                    ps.setInt(2, scope);
                }, JdbcSettingStore::map);
    }

    @Override
    public long head(String userId) {
        return jdbc.queryOne("setting version", "SELECT version FROM setting_heads WHERE user_id = ?",
                ps -> ps.setString(1, userId), rs -> rs.getLong(1)).orElse(0L);
    }

    private static UserSetting map(ResultSet rs) throws SQLException {
        return new UserSetting(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
