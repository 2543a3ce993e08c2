package io.hearth.server.message;

import io.hearth.protocol.pb.Conversation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Storage port for history and search ({@link MessageHistory}): reads of a conversation's messages newest first, in
 * bounded pages. Implementations block (JDBC); never call them on an event loop.
 */
public interface HistoryStore {

    /** Where {@code messageUid} sits in the newest-first order of history and search; empty when no such message. */
    Optional<Cursor> position(long messageUid);

    /**
     * At most {@code scan} messages of {@code userId}'s conversation {@code conv} (as the user addresses it: a single
     * chat's target is the peer) older than {@code before} (null: from the newest), newest first, each with its
     * position in the user's timeline: its lowest seq there, 0 when the message is not in it (the user may not see
     * it). A page reads at most {@code scan} index entries and messages.
     */
    List<MessageStore.Entry> conversation(String userId, Conversation conv, Cursor before, int scan);

    /** The lowest seq of {@code messageUid} in the shared timeline {@code timelineId}; empty when it is not there. */
    Optional<Long> sharedSeq(String timelineId, long messageUid);

    /**
     * At most {@code scan} entries of a shared timeline with {@code after < seq < before}, newest first, only the
     * first entry of each message (the entries of its later changes are left out: the message carries them).
     */
    List<MessageStore.Entry> shared(String timelineId, long after, long before, int scan);

    /**
     * At most {@code limit} messages of {@code userId}'s own timeline whose searchable text matches {@code keyword},
     * newest first, older than {@code before} (null: from the newest), only of {@code conv} when not null and of
     * {@code contentTypes} when not empty; each with its lowest seq in the user's timeline.
     */
    List<MessageStore.Entry> search(String userId, String keyword, Conversation conv, Set<Integer> contentTypes,
                                    Cursor before, int limit);

    /** A position in the newest-first order: by server time, then by uid. */
    record Cursor(long serverTime, long messageUid) {
    }
}
