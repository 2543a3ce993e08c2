package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.server.common.StatusException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Single chat (type 0): the peer receives; a transparent message (persist flag 4) is only handed to the peer's
 * online sessions, and needs the peer to exist now (a stored message's receiver is checked by the writer, with the
 * whole batch); each side sees the other as the conversation's target. {@code checks} are the single-chat rules
 * (blacklist, stranger chat), run in order.
 */
public final class SingleChatPolicy implements ConversationPolicy {

    private final Function<String, CompletableFuture<Boolean>> userExists;
    private final List<SendCheck> checks;

    public SingleChatPolicy(Function<String, CompletableFuture<Boolean>> userExists, List<SendCheck> checks) {
        this.userExists = userExists;
        this.checks = List.copyOf(checks);
    }

    @Override
    public int type() {
        return ConversationTypes.SINGLE;
    }

    @Override
    public CompletableFuture<SendPlan> plan(Send send) {
        return SendChecks.run(checks, send).thenCompose(s -> {
            String target = s.target();
            if (s.persistFlag() != ConversationTypes.TRANSPARENT || s.dropped()) {
                // dropped (message.blacklist.strategy 1): stored for the sender only, a transparent one for no one
                return CompletableFuture.completedFuture(new SendPlan(s, List.of(target),
                        s.persistFlag() != ConversationTypes.TRANSPARENT));
            }
            return userExists.apply(target).thenApply(exists -> {
                if (!exists) {
                    throw new StatusException(Status.NOT_EXIST, "user " + target + " not exist");
                }
                return new SendPlan(s, List.of(target), false);
            });
        });
    }

    /** The peer gets the change; each side of the chat is a member of it. */
    @Override
    public CompletableFuture<ChangePlan> planChange(StoredMessage message, String operator) {
        String peer = message.conversation().getTarget();
        List<String> receivers = peer.equals(message.sender()) ? List.of() : List.of(peer);
        ChangePlan.Standing standing = operator.equals(message.sender()) || operator.equals(peer)
                ? ChangePlan.Standing.MEMBER : ChangePlan.Standing.NONE;
        return CompletableFuture.completedFuture(new ChangePlan(receivers, null, standing, ChangePlan.Standing.MEMBER));
    }

    @Override
    public Conversation viewFor(StoredMessage message, String receiver) {
        Conversation conv = message.conversation();
        return receiver.equals(message.sender()) ? conv : conv.toBuilder().setTarget(message.sender()).build();
    }
}
