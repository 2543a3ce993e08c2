package io.hearth.server.testing;

import io.hearth.server.event.EventHook;
import io.hearth.server.message.CommitOutput;
import io.hearth.server.message.ConversationPolicies;
import io.hearth.server.message.Delivery;
import io.hearth.server.message.SingleChatPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A writer's output for tests of the writer alone: pushes to {@code delivery}, single-chat views, no listeners. */
public final class CommitOutputs {

    private CommitOutputs() {
    }

    public static CommitOutput of(Delivery delivery) {
        return new CommitOutput(delivery, new ConversationPolicies(List.of(new SingleChatPolicy(
                u -> CompletableFuture.completedFuture(true), List.of()))), EventHook.none());
    }
}
