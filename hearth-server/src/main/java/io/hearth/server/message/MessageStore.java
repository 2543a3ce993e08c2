package io.hearth.server.message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Storage port for messages and timelines. Implementations block (JDBC); never call them on an event loop. */
public interface MessageStore {

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Either every
     * message and entry of the batch is stored or none is.
     */
    void write(Consumer<TimelineBatch> work);

    Optional<StoredMessage> find(long messageUid);

    /**
     * The largest message uid stored that is at most {@code limit}, 0 when there is none. Read once at start-up so
     * that a restarted node issues uids above every stored one ({@link MessageIdGenerator}); not an order of messages.
     */
    long largestUid(long limit);

    /** The messages stored earlier under any of these client message ids (idempotent retries), by key. */
    Map<ClientMessageKey, StoredMessage> findByClientMessageIds(Collection<ClientMessageKey> keys);

    /** Newest committed seq of the user's timeline, 0 when empty. */
    long head(String userId);

    /**
     * Timeline entries of {@code userId} with seq greater than {@code sinceSeq} and server time at least
     * {@code minServerTime}, in seq order, at most {@code limit}.
     */
    List<Entry> pull(String userId, long sinceSeq, long minServerTime, int limit);

    /** Newest committed seq of a shared timeline (a super group's), 0 when empty. */
    long sharedHead(String timelineId);

    /**
     * Entries of a shared timeline with seq greater than {@code sinceSeq} and server time at least
     * {@code minServerTime}, in seq order, at most {@code limit}.
     */
    List<Entry> pullShared(String timelineId, long sinceSeq, long minServerTime, int limit);

    /**
     * A timeline entry with its message; from {@link #pull} and {@link #pullShared} the message is null when it is
     * no longer stored (retention purged it while an entry still pointed to it).
     */
    record Entry(long seq, StoredMessage message) {
    }
}
