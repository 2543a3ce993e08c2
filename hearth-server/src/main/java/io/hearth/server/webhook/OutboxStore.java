package io.hearth.server.webhook;

import io.hearth.server.event.OutboxRow;
import java.util.List;

/** The webhook outbox ({@code webhook_outbox}); every method is one short statement or transaction. */
public interface OutboxStore {

    /** Per endpoint: live (not dead) rows, the creation time of the oldest, and dead letters. */
    record EndpointStats(String endpoint, long pending, long oldestCreatedAt, long dead) {
    }

    /** Inserts rows in their own transaction (events without a transaction of their own). */
    void insert(List<OutboxRow> rows);

    /**
     * The oldest live row of each endpoint (none where that row is dead or not due), when it is due at {@code now}
     * and its lease has run out, oldest first, at most {@code limit}; not yet claimed.
     */
    List<OutboxEvent> heads(long now, int limit);

    /** Leases {@code id} to {@code node} until {@code leaseUntil} if its lease ran out at {@code now}; false if not. */
    boolean claim(long id, int node, long now, long leaseUntil);

    /** Removes a delivered row. */
    void delivered(long id);

    /** Records a failed attempt: due again at {@code nextAt}, lease released; or dead when {@code dead}. */
    void failed(long id, int attempts, long nextAt, String error, boolean dead);

    /** Dead letters, oldest first, after row {@code afterId}, at most {@code limit}. */
    List<OutboxEvent> dead(long afterId, int limit);

    /** Makes a dead letter live again, due at once, its age counting from {@code now}; false if not dead. */
    boolean retry(long id, long now);

    /** Deletes a dead letter; false if there is none with this id. */
    boolean deleteDead(long id);

    /** The stats of every endpoint with rows. */
    List<EndpointStats> stats();
}
