package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Refuses every client send of a muted or banned user with 245 (user is blocked) and the reason. Sends of the
 * server API pass: it sends with admin rights, as in the reference. {@code refusal} answers from memory (the user
 * feature's block statuses); runs on the sender's thread.
 */
public final class BlockedSenderCheck implements SendCheck {

    private final Function<String, String> refusal;

    /** {@code refusal}: why a user may not send ("user x is muted"), or null when it may. */
    public BlockedSenderCheck(Function<String, String> refusal) {
        this.refusal = refusal;
    }

    @Override
    public CompletableFuture<Send> check(Send send) {
        String why = send.origin() == Send.Origin.CLIENT ? refusal.apply(send.sender()) : null;
        if (why != null) {
            return CompletableFuture.failedFuture(new StatusException(Status.USER_BLOCKED,
                    why + " and cannot send messages"));
        }
        return CompletableFuture.completedFuture(send);
    }
}
