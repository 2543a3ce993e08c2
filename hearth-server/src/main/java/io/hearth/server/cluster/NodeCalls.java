package io.hearth.server.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Request and response between nodes, for the few admin operations that need another node's answer (its health,
 * its connection count) or that must run on another node (a drain). Not for the message path: pushes and kicks go
 * over {@link NodeLink}. Payloads are opaque bytes; each method defines its own encoding.
 */
public interface NodeCalls {

    /**
     * Calls {@code method} on node {@code nodeId}. Any thread. The future fails with
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}, or with the handler's or the cluster's
     * error; it completes on a cluster thread.
     */
    CompletableFuture<byte[]> call(int nodeId, String method, byte[] request, Duration timeout);

    /**
     * Answers calls of {@code method} from other nodes (and from this one). The handler runs on a cluster executor
     * thread and may block briefly; register every method once, at start.
     */
    void serve(String method, Function<byte[], CompletableFuture<byte[]>> handler);
}
