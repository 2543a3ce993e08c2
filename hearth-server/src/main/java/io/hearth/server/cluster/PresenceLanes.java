package io.hearth.server.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps the {@link PresenceDirectory} in step with this node's connections. Updates of one user run in order on
 * one of a few single-thread lanes (chosen by hash of the user id), and each update reads the user's state when it
 * runs, so the last update always leaves the directory right, whatever order connects and disconnects raced in.
 */
public final class PresenceLanes implements AutoCloseable {

    private final PresenceDirectory presence;
    private final ExecutorService[] lanes;

    public PresenceLanes(PresenceDirectory presence, int lanes) {
        this.presence = presence;
        this.lanes = new ExecutorService[lanes];
        for (int i = 0; i < lanes; i++) {
            int n = i;
            this.lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "hearth-presence-" + n);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Records whether this node holds sessions of the user, as {@code present} says when the update runs. */
    public CompletableFuture<Void> update(String userId, BooleanSupplier present) {
        ExecutorService lane = lanes[Math.floorMod(userId.hashCode(), lanes.length)];
        return CompletableFuture.runAsync(() -> presence.set(userId, present.getAsBoolean()), lane);
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
