package io.hearth.server.setting;

import io.hearth.protocol.NoticeKinds;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.event.EventHook;
import io.hearth.server.notice.Notifier;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The settings of users, for the client RPCs and the server API alike. A write bumps the user's setting version,
 * then tells the user's other sessions (a {@code setting} notice with the new version, on every node) and publishes
 * {@link SettingChanged}. Called on event loops; store work runs on the blocking executor and the futures complete
 * there.
 */
public final class UserSettings {

    /** Longest key, in characters (the column is 256 wide). */
    public static final int MAX_KEY = 256;
    /** Longest value, in characters (a draft is the longest the reference's clients store). */
    public static final int MAX_VALUE = 8192;
    /** Most entries in one pull reply. */
    public static final int PULL_LIMIT = 500;

    private final SettingStore store;
    private final BlockingExecutor blocking;
    private final Notifier notifier;
    private final EventHook events;
    private final Clock clock;

    public UserSettings(SettingStore store, BlockingExecutor blocking, Notifier notifier, EventHook events,
                        Clock clock) {
        this.store = store;
        this.blocking = blocking;
        this.notifier = notifier;
        this.events = events;
        this.clock = clock;
    }

    /** One page of a pull: entries after the version asked for, the last one's version, the user's head. */
    public record Page(List<UserSetting> entries, long version, long head) {
    }

    /**
     * Writes a setting of {@code userId}; {@code byClientId} is the writing session (not notified), null for the
     * server API (every session is). Fails with 251 for a scope out of range or a key or value too long.
     */
    public CompletableFuture<UserSetting> put(String userId, String byClientId, int scope, String key, String value) {
        SettingScopes.check(scope);
        String k = key == null ? "" : FieldCheck.text("key", key, MAX_KEY);
        String v = value == null ? "" : FieldCheck.text("value", value, MAX_VALUE);
        return blocking.supply(() -> store.put(userId, scope, k, v, clock.millis())).thenApply(stored -> {
            notifier.notify(List.of(Notifier.of(userId, NoticeKinds.SETTING, stored.version(), null, byClientId)));
            events.publish(new SettingChanged(userId, stored, byClientId));
            return stored;
        });
    }

    public CompletableFuture<Optional<UserSetting>> find(String userId, int scope, String key) {
        SettingScopes.check(scope);
        String k = key == null ? "" : FieldCheck.text("key", key, MAX_KEY);
        return blocking.supply(() -> store.find(userId, scope, k));
    }

    /** The settings written after {@code sinceVersion}, at most {@link #PULL_LIMIT}. */
    public CompletableFuture<Page> pull(String userId, long sinceVersion) {
        long since = Math.max(0, sinceVersion);
        return blocking.supply(() -> {
            long head = store.head(userId);
            List<UserSetting> entries = store.since(userId, since, PULL_LIMIT);
            long version = entries.isEmpty() ? since : entries.get(entries.size() - 1).version();
            // the head was read first: entries written since then may be newer
            return new Page(entries, version, entries.isEmpty() ? head : Math.max(head, version));
        });
    }

    public CompletableFuture<Long> head(String userId) {
        return blocking.supply(() -> store.head(userId));
    }
}
