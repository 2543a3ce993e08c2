package io.hearth.server.relation;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.Send;
import io.hearth.server.message.SendCheck;
import java.util.concurrent.CompletableFuture;

/**
 * The single-chat rules that depend on relations, run by the single-chat policy for client sends (server API sends
 * are exempt, as in the reference): a receiver who blacklisted the sender refuses the message with 246 or, with
 * {@code message.blacklist.strategy 1}, accepts and drops it, except content types in
 * {@code message.blacklist_exception_types}; with {@code message.disable_stranger_chat} a message between
 * non-friends is refused with 248 unless one side is in {@code message.allow_stranger_chat_list} or is not a
 * normal user (type 0). Reads come from the {@link RelationCache}: called on an event loop, it completes at once
 * for receivers seen within the cache's lifetime.
 */
public final class RelationSendCheck implements SendCheck {

    private final RelationCache cache;
    private final HearthConfig.Relations rules;

    public RelationSendCheck(RelationCache cache, HearthConfig.Relations rules) {
        this.cache = cache;
        this.rules = rules;
    }

    @Override
    public CompletableFuture<Send> check(Send send) {
        String sender = send.sender();
        String receiver = send.target();
        if (send.origin() == Send.Origin.SERVER_API || sender.equals(receiver)) {
            return CompletableFuture.completedFuture(send);
        }
        return cache.peer(receiver, sender).thenCompose(peer -> {
            if (peer.blacked()) {
                return CompletableFuture.completedFuture(blacklisted(send));
            }
            if (peer.friend() || !rules.disableStrangerChat()
                    || rules.allowStrangerChat().contains(sender) || rules.allowStrangerChat().contains(receiver)) {
                return CompletableFuture.completedFuture(send);
            }
            return cache.type(sender).thenCombine(cache.type(receiver), (a, b) -> {
                if (a != 0 || b != 0) {
                    return send;
                }
                throw new StatusException(Status.NOT_RIGHT, sender + " and " + receiver
                        + " are not friends and stranger chat is disabled (message.disable_stranger_chat)");
            });
        });
    }

    private Send blacklisted(Send send) {
        if (rules.blacklistExceptionTypes().contains(send.request().getContent().getType())) {
            return send;
        }
        if (rules.blacklistStrategy() == 1) {
            return send.drop();
        }
        throw new StatusException(Status.IN_BLACKLIST, send.target() + " has blacklisted " + send.sender());
    }
}
