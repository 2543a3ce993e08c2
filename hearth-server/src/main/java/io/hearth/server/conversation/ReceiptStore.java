package io.hearth.server.conversation;

import io.hearth.protocol.pb.Conversation;
import java.util.List;
import java.util.Map;

/** Delivery and read marks (migration V13). Blocking; called on the blocking executor only. */
public interface ReceiptStore {

    /** A mark as it moved: from {@code before} to {@code after} (equal when it did not move). */
    record Moved(long before, long after, long beforeSeq, long afterSeq, long version) {

        public boolean moved() {
            return after > before || afterSeq > beforeSeq;
        }
    }

    /**
     * Moves {@code userId}'s delivered mark to the entry at {@code seq} of its timeline (never back; a seq beyond
     * the head is the head): the times are the entries' server times.
     */
    Moved delivered(String userId, long seq, long now);

    /**
     * Moves {@code userId}'s read mark of {@code conv} (as the user sees it) to {@code readAt} (never back); the
     * version is the user's read version after the move ({@code max(now, previous + 1)}).
     */
    Moved read(String userId, Conversation conv, long readAt, long now);

    /** Who sent the messages of {@code userId}'s timeline after seq {@code fromSeq} up to {@code toSeq}, and where. */
    List<SenderConversation> sendersBetween(String userId, long fromSeq, long toSeq);

    /** A sender of messages a user got, and the conversation as that sender sees it. */
    record SenderConversation(String sender, Conversation conversation) {
    }

    /** Who sent messages of group conversation {@code conv} with server times after {@code from} up to {@code to}. */
    List<String> groupSendersBetween(Conversation conv, long from, long to);

    /** The delivered times of these users (0 for none). */
    Map<String, Long> deliveredTimes(List<String> userIds);

    /**
     * The read times of these users of the conversation each sees as {@code type}/{@code line} and the target
     * {@code targetFor} gives for it (0 for none).
     */
    Map<String, Long> readTimes(List<String> userIds, int type, int line, java.util.function.Function<String, String> targetFor);

    /** The user's read marks changed after version {@code since}: conversation key to read time. */
    Map<String, Long> readSince(String userId, long since);

    /** The user's newest read version (0 for none). */
    long readVersion(String userId);
}
