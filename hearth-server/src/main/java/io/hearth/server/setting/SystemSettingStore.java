package io.hearth.server.setting;

import java.util.Optional;

/** Storage port of system settings. Blocking; called on the blocking executor only. */
public interface SystemSettingStore {

    Optional<SystemSetting> find(int id);

    /** Creates or overwrites the setting of {@code setting.id()}. */
    void put(SystemSetting setting);
}
