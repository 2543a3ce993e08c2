package io.hearth.server.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Tells the cluster whether this node holds sessions of a user (see {@code cluster.PresenceLanes}). The future
 * completes once the cluster knows; a CONNACK waits for it, so no push committed after it can miss this node.
 */
@FunctionalInterface
public interface PresenceUpdates {

    /** A single node: nobody else needs to know. */
    PresenceUpdates NONE = (userId, present) -> CompletableFuture.completedFuture(null);

    CompletableFuture<Void> update(String userId, BooleanSupplier present);
}
