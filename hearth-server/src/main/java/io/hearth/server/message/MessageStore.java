package io.hearth.server.message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage port for messages and timelines. Implementations block (JDBC); never call them on an event loop. */
public interface MessageStore {

    /** Stores the messages and timeline entries in one transaction; either all are stored or none. */
    void write(List<StoredMessage> messages, List<TimelineEntry> entries);

    Optional<StoredMessage> find(long messageUid);

    /** The messages stored earlier under any of these client message ids (idempotent retries), by key. */
    Map<ClientMessageKey, StoredMessage> findByClientMessageIds(Collection<ClientMessageKey> keys);

    /** Newest seq of the user's timeline, 0 when empty. */
    long head(String userId);

    /** Newest seq of each user's timeline; users with an empty timeline are absent. */
    Map<String, Long> heads(Collection<String> userIds);

    /**
     * Timeline entries of {@code userId} with seq greater than {@code sinceSeq} and server time at least
     * {@code minServerTime}, in seq order, at most {@code limit}.
     */
    List<Entry> pull(String userId, long sinceSeq, long minServerTime, int limit);

    /** A timeline entry with its message. */
    record Entry(long seq, StoredMessage message) {
    }
}
