package io.hearth.server.storage.jdbc;

import io.hearth.server.setting.SystemSetting;
import io.hearth.server.setting.SystemSettingStore;
import java.util.Optional;

/** System settings in {@code system_settings}: update, else insert; a lost insert race updates again. */
public final class JdbcSystemSettingStore implements SystemSettingStore {

    private final Jdbc jdbc;

    public JdbcSystemSettingStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public Optional<SystemSetting> find(int id) {
        return jdbc.queryOne("find system setting", "SELECT id, svalue, description FROM system_settings WHERE id = ?",
                ps -> ps.setInt(1, id), rs -> new SystemSetting(rs.getInt(1), rs.getString(2), rs.getString(3)));
    }

    @Override
    public void put(SystemSetting s) {
        if (update(s) > 0) {
            return;
        }
        try {
            jdbc.update("insert system setting",
                    "INSERT INTO system_settings (id, svalue, description) VALUES (?, ?, ?)", ps -> {
                        ps.setInt(1, s.id());
                        ps.setString(2, s.value());
                        ps.setString(3, s.desc());
                    });
        } catch (RuntimeException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            update(s);
        }
    }

    private int update(SystemSetting s) {
        return jdbc.update("update system setting",
                "UPDATE system_settings SET svalue = ?, description = ? WHERE id = ?", ps -> {
                    ps.setString(1, s.value());
                    ps.setString(2, s.desc());
                    ps.setInt(3, s.id());
                });
    }
}
