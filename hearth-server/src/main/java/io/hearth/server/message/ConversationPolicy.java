package io.hearth.server.message;

import io.hearth.protocol.pb.Conversation;
import java.util.concurrent.CompletableFuture;

/**
 * How messages of one conversation type are sent: the checks of that type (blacklist, membership, mute), who
 * receives a message, whether it is stored in timelines or only handed to online sessions, and how each receiver
 * sees its conversation. {@link MessageService} asks the policy of a send's type and never branches on the type
 * itself; single chat is the first policy, groups, chatrooms and channels are the next ones. {@link #plan} is
 * called on the sender's thread (an event loop or the server API's) and must not block it.
 */
public interface ConversationPolicy {

    /** The conversation type this policy serves (reference numbers, {@link ConversationTypes}). */
    int type();

    /** Runs the type's checks and resolves the receivers; fails with the refusal's status. */
    CompletableFuture<SendPlan> plan(Send send);

    /**
     * Who a change of {@code message} made by {@code operator} reaches now, and where both stand (the change's
     * permission rules are {@link MessageChanges}'s). Called on any thread; must not block it.
     */
    CompletableFuture<ChangePlan> planChange(StoredMessage message, String operator);

    /** The conversation of a stored message (as its sender addressed it) as {@code receiver} sees it. */
    default Conversation viewFor(StoredMessage message, String receiver) {
        return message.conversation();
    }

    /**
     * Where {@code userId} reads its history of {@code conv} (as it addresses it), or fails with the refusal (9 not a
     * member of the group, 253 no such group). Default: the user's own timeline, where a stored message of any
     * conversation it may see is. Called on any thread; must not block it.
     */
    default CompletableFuture<HistoryScope> historyScope(String userId, Conversation conv) {
        return CompletableFuture.completedFuture(HistoryScope.OWN);
    }
}
