package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The send check of {@code message.forbidden_client_send_types}: content types only the server API may send (a
 * payment notice, say). A client send of one is refused with 248 (no right to operate), the reference's code for
 * this check; server API sends pass. Any thread; does not block.
 */
public final class ForbiddenClientTypes implements SendCheck {

    private final Set<Integer> types;

    public ForbiddenClientTypes(Set<Integer> types) {
        this.types = Set.copyOf(types);
    }

    @Override
    public CompletableFuture<Send> check(Send send) {
        int type = send.request().getContent().getType();
        if (send.origin() == Send.Origin.CLIENT && types.contains(type)) {
            return CompletableFuture.failedFuture(new StatusException(Status.NOT_RIGHT,
                    "content type " + type + " may only be sent through the server API"));
        }
        return CompletableFuture.completedFuture(send);
    }
}
