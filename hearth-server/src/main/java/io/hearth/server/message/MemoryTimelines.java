package io.hearth.server.message;

import io.hearth.protocol.pb.PullMessageResult;
import java.util.concurrent.CompletableFuture;

/**
 * Timelines kept only in memory, read with {@code message.pull} of their pull type (1: a chatroom member's queue).
 * Called on an event loop; must not block.
 */
@FunctionalInterface
public interface MemoryTimelines {

    /** Entries of {@code userId}'s queue for {@code target} after {@code sinceSeq}, at most {@code limit}. */
    CompletableFuture<PullMessageResult> pull(String userId, String clientId, String target, long sinceSeq,
                                              int limit);
}
