package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.EventHook;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What can happen to a message after it was sent: recall, edit, deletion everywhere, and a user deleting its own
 * copy. A change replaces the stored message in place and gives every affected timeline a new entry carrying it
 * ({@link TimelineWriter#change}), so every device of every affected user gets it, online by push, offline by its
 * next pull. The permission rules are here; who the change reaches is the conversation's policy's
 * ({@link ConversationPolicy#planChange}). {@code operator} null means the server API, which the rules do not
 * bind.
 */
public final class MessageChanges {

    private static final int CHANGEABLE = MessageStates.mask(MessageStates.SENT, MessageStates.EDITED);
    private static final int NOT_DELETED = MessageStates.mask(MessageStates.SENT, MessageStates.RECALLED,
            MessageStates.EDITED);

    private final TimelineWriter writer;
    private final MessageStore store;
    private final ConversationPolicies policies;
    private final MessageIdGenerator ids;
    private final BlockingExecutor blocking;
    private final HearthConfig.Lifecycle config;
    private final int maxContentSize;
    private final Clock clock;
    private final EventHook events;

    /** {@code events} gets a {@link MessageRecalled} after each committed recall. */
    public MessageChanges(TimelineWriter writer, MessageStore store, ConversationPolicies policies,
                          MessageIdGenerator ids, BlockingExecutor blocking, HearthConfig.Lifecycle config,
                          int maxContentSize, Clock clock, EventHook events) {
        this.events = events;
        this.writer = writer;
        this.store = store;
        this.policies = policies;
        this.ids = ids;
        this.blocking = blocking;
        this.config = config;
        this.maxContentSize = maxContentSize;
        this.clock = clock;
    }

    /**
     * Recalls a message: its content becomes the recall content ({@link ChangeContents#recall}) naming
     * {@code operator}. A client ({@code byClient}) recalls its own message within
     * {@code message.recall_time_limit} (else 24) and, as a group's owner or manager, other members' (248 when it
     * may not); the server API recalls any. Recalling a recalled message answers it again; a deleted one 253.
     * Completes with the original as it was before the recall.
     */
    public CompletableFuture<StoredMessage> recall(String operator, long uid, boolean byClient) {
        return recall(operator, uid, byClient, null);
    }

    /**
     * The server API's recall of a message whose receivers the caller names ({@code recall_multicast}; empty:
     * only the sender's timeline gets an entry, as for a broadcast, whose recall then fans out to everyone).
     */
    public CompletableFuture<StoredMessage> recallTo(String operator, long uid, List<String> receivers) {
        return recall(operator, uid, false, receivers);
    }

    private CompletableFuture<StoredMessage> recall(String operator, long uid, boolean byClient,
                                                    List<String> receivers) {
        return load(uid).thenCompose(original -> {
            if (original.state() == MessageStates.RECALLED) {
                return CompletableFuture.completedFuture(original);
            }
            if (original.state() == MessageStates.DELETED) {
                throw notExist(uid);
            }
            return plan(original, operator, receivers).thenCompose(plan -> {
                if (byClient) {
                    checkRecall(original, operator, plan);
                }
                long now = clock.millis();
                StoredMessage recalled = original.changed(ChangeContents.recall(original, operator),
                        MessageStates.RECALLED, now);
                return writer.change(recalled, plan.receivers(), plan.sharedTimeline(), CHANGEABLE, true)
                        .thenApply(done -> {
                            events.publish(new MessageRecalled(original, operator, !byClient, now));
                            return original;
                        });
            });
        });
    }

    /**
     * Replaces a message's content ({@code message/update}, {@code message.update}). A client edits only its own
     * messages, of the content types of {@code message.allow_client_update_types} (old and new), always
     * distributed; the server API edits any, distributed or not, at {@code updateTime} (0 = now). A recalled or
     * deleted message cannot be edited (253).
     */
    public CompletableFuture<StoredMessage> update(String operator, long uid, MessageContent content,
                                                   boolean distribute, long updateTime, boolean byClient) {
        if (content.getSerializedSize() > maxContentSize) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_MESSAGE,
                    "content larger than " + maxContentSize + " bytes"));
        }
        try {
            SendLimits.checkContent(content, byClient ? SendLimits.RPC : SendLimits.SERVER_API);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        return load(uid).thenCompose(original -> {
            if ((CHANGEABLE & (1 << original.state())) == 0) {
                throw new StatusException(Status.NOT_EXIST, "message " + uid + " was recalled or deleted");
            }
            if (byClient && (!original.sender().equals(operator)
                    || !config.clientUpdateTypes().contains(original.content().getType())
                    || !config.clientUpdateTypes().contains(content.getType()))) {
                throw new StatusException(Status.NOT_RIGHT, "a client edits only its own messages of the types"
                        + " in message.allow_client_update_types " + config.clientUpdateTypes());
            }
            return plan(original, operator == null ? original.sender() : operator).thenCompose(plan -> {
                long at = updateTime > 0 ? updateTime : clock.millis();
                StoredMessage edited = original.changed(content, MessageStates.EDITED, at);
                return writer.change(edited, plan.receivers(), plan.sharedTimeline(), CHANGEABLE, distribute);
            });
        });
    }

    /**
     * Deletes a message everywhere ({@code message/delete}, server API): its content becomes the tombstone
     * ({@link ChangeContents#tombstone}) on every timeline that has it, which also gets an entry carrying it.
     * Deleting a deleted message answers it again.
     */
    public CompletableFuture<StoredMessage> deleteEverywhere(long uid) {
        return deleteEverywhere(uid, null);
    }

    /**
     * {@link #deleteEverywhere(long)} of a message whose receivers the caller names ({@code delete_multicast};
     * null: its conversation's, empty: only the sender's timeline gets an entry).
     */
    public CompletableFuture<StoredMessage> deleteEverywhere(long uid, List<String> receivers) {
        return load(uid).thenCompose(original -> {
            if (original.state() == MessageStates.DELETED) {
                return CompletableFuture.completedFuture(original);
            }
            return plan(original, original.sender(), receivers).thenCompose(plan -> {
                StoredMessage deleted = original.changed(ChangeContents.tombstone(uid), MessageStates.DELETED,
                        clock.millis());
                return writer.change(deleted, plan.receivers(), plan.sharedTimeline(), NOT_DELETED, true);
            });
        });
    }

    /**
     * {@code user} deletes its own copy of a message, on all its devices ({@code message.delete}); the other users
     * keep theirs. The user's entries of it carry a tombstone of the user's instead, and a new entry of the
     * tombstone tells the user's other devices. 253 when the message is not in the user's timeline; 254 for a
     * super group's message (read from the group's shared timeline, which is not the user's to change).
     */
    public CompletableFuture<StoredMessage> deleteCopy(String user, long uid) {
        return load(uid).thenCompose(original -> {
            if (original.conversation().getType() == ConversationTypes.GROUP && original.senderSeq() == 0) {
                throw new StatusException(Status.NOT_IMPLEMENT,
                        "a super group's message is read from the group's timeline; it cannot be deleted per user");
            }
            Conversation seen = policies.viewFor(original, user);
            // no from_client: every device of the user gets the tombstone pushed, the deleting one too
            StoredMessage tombstone = new StoredMessage(ids.next(), user, seen, null, null,
                    ChangeContents.tombstone(uid), List.of(), clock.millis(), 0);
            return writer.dropCopies(tombstone, new Copies.Of(uid));
        });
    }

    /**
     * Clears {@code user}'s copies of a conversation's messages sent within {@code fromTime}..{@code toTime}
     * (epoch ms, inclusive; {@code message/clear_by_user}, and {@code conversation/delete} with the whole range):
     * as {@link #deleteCopy}, for every one of them, with one tombstone ({@link ChangeContents#cleared}) naming
     * the range. Completes with the tombstone, unwritten (seq 0) when there was nothing to clear. A super group's
     * shared timeline is not cleared (only what the user's own timeline holds of the group).
     */
    public CompletableFuture<StoredMessage> clear(String user, Conversation conversation, long fromTime, long toTime) {
        if (fromTime > toTime) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "the start time " + fromTime + " is after the end time " + toTime));
        }
        try {
            policies.of(conversation.getType());
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
        StoredMessage tombstone = new StoredMessage(ids.next(), user, conversation, null, null,
                ChangeContents.cleared(fromTime, toTime), List.of(), clock.millis(), 0);
        return writer.dropCopies(tombstone, new Copies.InConversation(conversation, fromTime, toTime));
    }

    private void checkRecall(StoredMessage m, String operator, ChangePlan plan) {
        boolean own = m.sender().equals(operator);
        boolean group = m.conversation().getType() == ConversationTypes.GROUP;
        if (own) {
            boolean exempt = group && (plan.operator() == ChangePlan.Standing.OWNER && config.allowOwnerRecallSelf()
                    || plan.operator() == ChangePlan.Standing.MANAGER && config.allowManagerRecallSelf());
            if (!exempt && clock.millis() - m.serverTime() > config.recallTimeLimitSeconds() * 1000) {
                throw new StatusException(Status.RECALL_TIME_EXPIRED, "message " + m.messageUid()
                        + " is older than message.recall_time_limit (" + config.recallTimeLimitSeconds() + " s)");
            }
            return;
        }
        boolean mayRecallOthers = group && !config.disableGroupManagerRecall()
                && (plan.operator() == ChangePlan.Standing.OWNER
                || plan.operator() == ChangePlan.Standing.MANAGER && plan.sender() != ChangePlan.Standing.OWNER);
        if (!mayRecallOthers) {
            throw new StatusException(Status.NOT_RIGHT, operator + " may not recall message " + m.messageUid()
                    + " of " + m.sender());
        }
    }

    private CompletableFuture<ChangePlan> plan(StoredMessage m, String operator, List<String> receivers) {
        if (receivers != null) {
            List<String> others = receivers.stream().filter(r -> !r.equals(m.sender())).distinct().toList();
            return CompletableFuture.completedFuture(new ChangePlan(others, null, ChangePlan.Standing.NONE,
                    ChangePlan.Standing.NONE));
        }
        return plan(m, operator);
    }

    private CompletableFuture<ChangePlan> plan(StoredMessage m, String operator) {
        try {
            return policies.of(m.conversation().getType()).planChange(m, operator);
        } catch (StatusException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<StoredMessage> load(long uid) {
        if (uid <= 0) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "messageUid must be a positive message uid"));
        }
        return blocking.supply(() -> store.find(uid).orElseThrow(() -> notExist(uid)));
    }

    private static StatusException notExist(long uid) {
        return new StatusException(Status.NOT_EXIST, "message " + uid + " not exist");
    }
}
