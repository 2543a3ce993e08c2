package io.hearth.server.message;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The timelines many users read (read diffusion: a super group's messages are stored once, in its group's shared
 * timeline, with its own gap-free seq). The feature that owns them says who may read which part
 * ({@link #readable}) and tells the readers online when one grew ({@link #committed}); the message writer
 * stores the entries and {@link MessageService#pullShared} reads them.
 */
public interface SharedTimelines {

    /**
     * After a commit, on the writer's dispatch thread, in commit order; must not block. {@code entries} are the
     * batch's new shared entries in seq order; {@code retriedHeads} the heads of shared timelines that got a send
     * retried (its first try may have been stored and never announced).
     */
    void committed(List<SharedEntry> entries, Map<String, Long> retriedHeads);

    /**
     * What {@code userId} may read of the shared timeline {@code target} of pull type {@code pullType}: completes
     * with the seq after which it reads and the timeline's head, or fails with 251 (no shared timeline of that
     * type), 253 (unknown target) or 9 (not a member). Any thread; may read on the blocking executor.
     */
    CompletableFuture<Readable> readable(String userId, int pullType, String target);

    /**
     * The shared timelines {@code userId} reads now, each with what it may read of it (a super group's id for each
     * super group the user is a present member of). Blocking: call on the blocking executor.
     */
    default Map<String, Readable> readBy(String userId) {
        return Map.of();
    }

    /** The part of a shared timeline a reader may read: the entries after {@code after}, up to {@code head}. */
    record Readable(long after, long head) {
    }

    /** No shared timelines: every shared pull is refused with 251. */
    SharedTimelines NONE = new SharedTimelines() {
        @Override
        public void committed(List<SharedEntry> entries, Map<String, Long> retriedHeads) {
        }

        @Override
        public CompletableFuture<Readable> readable(String userId, int pullType, String target) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                    "no timeline of pull type " + pullType));
        }
    };
}
