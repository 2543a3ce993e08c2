package io.hearth.server.setting;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The system settings of {@code /admin/system/get_setting} and {@code put_setting}, and the readers other features
 * use ({@link #groupMaxMemberCount}). Read from the store on every call: a change through any node is seen at once
 * by all. Called on event loops; the futures complete on the blocking executor.
 */
public final class SystemSettings {

    /** Id of the group max member count, as in the reference. */
    public static final int GROUP_MAX_MEMBER_COUNT = 1;
    public static final int MAX_VALUE = 4096;
    public static final int MAX_DESC = 1024;

    private final SystemSettingStore store;
    private final BlockingExecutor blocking;

    public SystemSettings(SystemSettingStore store, BlockingExecutor blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    public CompletableFuture<Optional<SystemSetting>> get(int id) {
        return blocking.supply(() -> store.find(id));
    }

    /** Stores a setting; 251 for a value or description too long, or an id 1 that is not a positive number. */
    public CompletableFuture<Void> put(SystemSetting setting) {
        FieldCheck.text("value", setting.value(), MAX_VALUE);
        FieldCheck.text("desc", setting.desc(), MAX_DESC);
        if (setting.id() == GROUP_MAX_MEMBER_COUNT && positive(setting.value()).isEmpty()) {
            throw FieldCheck.invalid("value of system setting 1 (group max member count) must be a positive number");
        }
        return blocking.run(() -> store.put(setting));
    }

    /** The group max member count (system setting 1), or {@code whenUnset} when it was never set. */
    public CompletableFuture<Integer> groupMaxMemberCount(int whenUnset) {
        return get(GROUP_MAX_MEMBER_COUNT).thenApply(s -> s.flatMap(x -> positive(x.value())).orElse(whenUnset));
    }

    private static Optional<Integer> positive(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
