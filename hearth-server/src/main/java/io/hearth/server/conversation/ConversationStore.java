package io.hearth.server.conversation;

import io.hearth.protocol.pb.Conversation;
import io.hearth.server.message.StoredMessage;
import java.util.List;
import java.util.Map;

/** What a user's conversation list is computed from. Blocking; called on the blocking executor only. */
public interface ConversationStore {

    /**
     * One conversation of a user's own timeline, as the user sees it: its newest entry that is not a tombstone
     * ({@code lastSeq}), the others' messages with persist flag 3 after the user's read time, and of those the
     * ones mentioning the user and the ones mentioning everyone.
     */
    record Summary(Conversation conversation, long lastSeq, int unread, int unreadMention, int unreadMentionAll,
                   long readAt) {
    }

    /**
     * Every conversation of the user's own timeline that has a message besides tombstones (a conversation deleted
     * for the user has none).
     */
    List<Summary> summaries(String userId);

    /** The conversations with entries in the user's timeline after {@code sinceSeq}. */
    List<Conversation> touchedSince(String userId, long sinceSeq);

    /**
     * The conversations (one per line) of shared timeline {@code timelineId} (a super group's) as {@code userId}
     * reads it: its entries after seq {@code after} that the user may read ({@code to_users}), counted as
     * {@link #summaries} counts; {@code lastSeq} is a seq of the shared timeline.
     */
    List<Summary> sharedSummaries(String userId, String timelineId, long after);

    /** The messages at these seqs of a shared timeline. */
    Map<Long, StoredMessage> atSharedSeqs(String timelineId, List<Long> seqs);

    /** The messages at these seqs of the user's timeline. */
    Map<Long, StoredMessage> atSeqs(String userId, List<Long> seqs);
}
