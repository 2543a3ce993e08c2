package io.hearth.server.user;

import io.hearth.server.common.ThrottledLog;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the user feature's reads of changes made by other nodes (block statuses, destroyed users) once at start and
 * then every {@code periodMillis}, on one daemon thread of its own (they block on the store, never on an event
 * loop). A failed read is logged and tried again next period.
 */
public final class UserPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserPoller.class);
    private static final ThrottledLog throttled = new ThrottledLog(log, 10, TimeUnit.SECONDS);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hearth-user-poller");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code tasks} now, on this thread (so the node starts with them done), then every period. */
    public static UserPoller start(long periodMillis, List<Runnable> tasks) {
        UserPoller p = new UserPoller();
        tasks.forEach(Runnable::run);
        p.timer.scheduleWithFixedDelay(() -> {
            for (Runnable task : tasks) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    throttled.warn("poll", "reading user changes failed; trying again in {} ms", periodMillis, e);
                }
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return p;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
