package io.hearth.server.message;

import io.hearth.server.event.OutboxRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The message writer's view of one database transaction ({@link MessageStore#write}). */
public interface TimelineBatch {

    /**
     * Locks the timelines of these users until the transaction ends, always in user id order so that nodes
     * writing at the same time never deadlock, and returns each one's newest seq (0 for an empty timeline).
     */
    Map<String, Long> lockHeads(Collection<String> userIds);

    /**
     * Locks the heads of these shared timelines, after the users' ({@link #lockHeads} first, so one order for
     * every writer), in id order, and returns each one's newest seq (0 for an empty timeline).
     */
    Map<String, Long> lockSharedHeads(Collection<String> timelineIds);

    /**
     * Inserts the messages, the users' timeline entries and the shared ones, and moves each head to its newest
     * entry.
     */
    void append(List<StoredMessage> messages, List<TimelineEntry> entries, List<SharedEntry> shared);

    /**
     * Replaces a stored message in place by {@code changed} (content, state, update time) when its state is one of
     * {@code fromStates} (a {@link MessageStates#mask}); false when it is not, or the message does not exist.
     */
    boolean replace(StoredMessage changed, int fromStates);

    /**
     * Makes the entries of {@code userId}'s timeline that carry {@code copies} carry {@code toUid} instead (seqs
     * unchanged); the number of entries changed.
     */
    int retarget(String userId, Copies copies, long toUid);

    /**
     * Moves a fan-out job's cursor as {@code step} says if it is still at {@code step.fromCursor()} (and the job not
     * done); false when it is not.
     */
    boolean advanceFanout(FanoutStep step);

    /** Inserts webhook outbox rows in this transaction ({@link CommitEvents}). */
    void outbox(List<OutboxRow> rows);

    /** {@link #append(List, List, List)} without shared entries. */
    default void append(List<StoredMessage> messages, List<TimelineEntry> entries) {
        append(messages, entries, List.of());
    }
}
