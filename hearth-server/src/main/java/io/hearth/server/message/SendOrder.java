package io.hearth.server.message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps a sender's messages in the order they were sent while their checks run asynchronously: the step after the
 * checks (handing the message to the writer) runs for one sender in the order {@link #after} was called, even
 * when a later send's checks finish first. A send whose predecessors are done and whose checks completed at once
 * goes on at once, on the caller's thread. Keys are the sender and its client; any thread.
 */
final class SendOrder {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Runs {@code next} with the result of {@code checked} once every earlier send of {@code key} has run its own. */
    <T> void after(String key, CompletableFuture<T> checked, Consumer<CompletableFuture<T>> next) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> before = tails.put(key, mine);
        CompletableFuture<Void> ready = before == null ? CompletableFuture.completedFuture(null) : before;
        ready.thenCombine(checked.handle((v, e) -> null), (a, b) -> null).whenComplete((v, e) -> {
            try {
                next.accept(checked);
            } finally {
                mine.complete(null);
                tails.remove(key, mine);
            }
        });
    }

    /** Senders with a send waiting for an earlier one (a gauge for tests and metrics). */
    int waiting() {
        return tails.size();
    }
}
