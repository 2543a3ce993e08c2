package io.hearth.server.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-announces every user this node holds to the {@link PresenceDirectory} after a membership change or a
 * split-brain merge, when the directory may have lost entries (a put-if-absent merge, a backup lost with two nodes,
 * a purge after a false death verdict). Runs on a thread of its own, never on a cluster event thread, in batches of
 * {@code batchSize} users, one directory operation per batch. Requests that arrive while a refresh runs are merged
 * into one more refresh after it.
 *
 * <p>A user who disconnects while the batch is announced could be left listed here; after each batch those users
 * are handed to the {@link PresenceLanes}, whose update reads the user's state when it runs and so removes them.
 */
public final class PresenceRefresh implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresenceRefresh.class);

    private final PresenceDirectory presence;
    private final PresenceLanes lanes;
    private final Supplier<Collection<String>> localUsers;
    private final Predicate<String> holds;
    private final int batchSize;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hearth-presence-refresh");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param localUsers a snapshot of the users with sessions on this node
     * @param holds      whether this node holds sessions of a user now
     */
    public PresenceRefresh(PresenceDirectory presence, PresenceLanes lanes, Supplier<Collection<String>> localUsers,
                           Predicate<String> holds, int batchSize) {
        this.presence = presence;
        this.lanes = lanes;
        this.localUsers = localUsers;
        this.holds = holds;
        this.batchSize = batchSize;
    }

    /** Asks for a refresh; returns at once. Any thread (cluster event threads). */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            try {
                thread.execute(this::refresh);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                requested.set(false);
            }
        }
    }

    private void refresh() {
        requested.set(false);
        List<String> users = new ArrayList<>(localUsers.get());
        int batches = 0;
        try {
            for (int from = 0; from < users.size(); from += batchSize) {
                List<String> batch = users.subList(from, Math.min(users.size(), from + batchSize));
                presence.announceAll(batch);
                batches++;
                for (String u : batch) {
                    if (!holds.test(u)) {
                        lanes.update(u, () -> holds.test(u));
                    }
                }
            }
            log.info("re-announced {} user(s) in {} batch(es)", users.size(), batches);
        } catch (RuntimeException e) {
            // the cluster is changing under us; the next membership event runs another refresh
            log.warn("re-announcing presence stopped after {} batch(es): {}", batches, e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
