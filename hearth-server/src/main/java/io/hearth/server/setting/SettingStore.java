package io.hearth.server.setting;

import java.util.List;
import java.util.Optional;

/** Storage port of user settings. Blocking; called on the blocking executor only. */
public interface SettingStore {

    /**
     * Writes one setting and moves the user's setting version forward to {@code max(now, version + 1)}, atomically
     * with respect to other writers of the same user's settings (other nodes too); returns the setting as stored.
     */
    UserSetting put(String userId, int scope, String key, String value, long now);

    Optional<UserSetting> find(String userId, int scope, String key);

    /** Settings written after {@code version}, in version order, at most {@code limit}. */
    List<UserSetting> since(String userId, long version, int limit);

    /** Every setting of the user in {@code scope} (an empty value is a setting cleared). */
    List<UserSetting> ofScope(String userId, int scope);

    /** The user's current setting version; 0 when the user never wrote one. */
    long head(String userId);
}
