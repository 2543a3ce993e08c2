package io.hearth.server.message;

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

    /** Inserts the messages and timeline entries and moves each user's head to its newest entry. */
    void append(List<StoredMessage> messages, List<TimelineEntry> entries);
}
