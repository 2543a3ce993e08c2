package io.hearth.server.message;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the {@link TimelineWriter} queues: a message waiting to be written (the draft, sender seq not yet known),
 * the users it goes to and the shared timeline it goes to (null: the sender's own timeline instead); with a
 * {@link Change}, a change of a stored message, the drop of one user's copies, or one batch of a fan-out instead.
 */
record Pending(StoredMessage draft, List<String> receivers, String shared, CompletableFuture<StoredMessage> result,
               Change change) {

    Pending(StoredMessage draft, List<String> receivers, String shared, CompletableFuture<StoredMessage> result) {
        this(draft, receivers, shared, result, null);
    }

    /** The client message id of a new message (a retry is found by it); none for a change. */
    ClientMessageKey key() {
        return change == null ? ClientMessageKey.of(draft) : null;
    }

    /** Whether this gives timelines entries (a silent change gives none). */
    boolean distributes() {
        return !(change instanceof Replace r) || r.distribute();
    }

    /** What a queued item does besides (or instead of) storing a new message. */
    sealed interface Change permits Replace, DropCopy, Extend {
    }

    /**
     * A change of a stored message ({@code draft} is the message as it is to be): applied only when the message is
     * in one of the states of {@code fromStates} (a {@link MessageStates#mask}) when the writer gets to it;
     * {@code distribute} gives every timeline of the change an entry carrying the changed message.
     */
    record Replace(int fromStates, boolean distribute) implements Change {
    }

    /**
     * The sender of {@code draft} (a new tombstone message, {@link MessageStates#DELETE_CONTENT_TYPE}) drops its
     * {@code copies}: the entries of its timeline that carried them carry the tombstone instead (seqs stay
     * gap-free, a new device never sees those messages), and the tombstone gets a new entry, which tells the
     * user's other devices.
     */
    record DropCopy(Copies copies) implements Change {
    }

    /**
     * A stored message ({@code draft}) goes to more timelines: those of the receivers, not its sender's, as one
     * batch of a fan-out job, which moves on in the same transaction ({@link FanoutStep}).
     */
    record Extend(FanoutStep step) implements Change {
    }
}
