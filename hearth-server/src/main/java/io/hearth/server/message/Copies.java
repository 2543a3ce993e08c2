package io.hearth.server.message;

import io.hearth.protocol.pb.Conversation;

/** Which entries of one user's timeline a deletion of that user's copies takes ({@link TimelineWriter#dropCopies}). */
public sealed interface Copies {

    /** The entries carrying one message. */
    record Of(long messageUid) implements Copies {
    }

    /**
     * The entries of a conversation, as the user sees it (a single chat's target is the peer), whose server time is
     * within {@code fromTime}..{@code toTime} (inclusive, epoch ms).
     */
    record InConversation(Conversation conversation, long fromTime, long toTime) implements Copies {
    }
}
