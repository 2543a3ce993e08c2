package io.hearth.server.relation;

import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.common.ThrottledLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every other live node that some users' relations changed, so that their {@link RelationCache}s drop them:
 * a cluster call {@value #METHOD} to each, with the user ids one per line, sent after the change is committed. A
 * node answers once its cache forgot them, and the change is answered to its caller only when every other node
 * answered or {@link #TIMEOUT} passed: so a blacklist holds on every node from the moment it is confirmed. A node
 * that misses the signal (or answers late) reads the relations again after {@code friend.cache_ttl_seconds}.
 * Sends from any thread; answers on a cluster thread.
 */
public final class ClusterInvalidation {

    static final String METHOD = "relation.invalidate";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ClusterInvalidation.class);
    private static final ThrottledLog throttled = new ThrottledLog(log, 10, TimeUnit.SECONDS);

    private final Membership membership;
    private final NodeCalls calls;
    private final Duration timeout;

    /** Serves the signal for {@code cache} on this node. */
    public ClusterInvalidation(Membership membership, NodeCalls calls, RelationCache cache) {
        this(membership, calls, cache, TIMEOUT);
    }

    ClusterInvalidation(Membership membership, NodeCalls calls, RelationCache cache, Duration timeout) {
        this.membership = membership;
        this.calls = calls;
        this.timeout = timeout;
        calls.serve(METHOD, request -> {
            cache.invalidate(Arrays.asList(new String(request, StandardCharsets.UTF_8).split("\n")));
            return CompletableFuture.completedFuture(new byte[0]);
        });
    }

    /**
     * Signals every other live node; returns at once. The future completes when each of them acknowledged, failed
     * or stayed silent for the timeout (logged), on the thread that saw the last of these; it never fails.
     */
    public CompletableFuture<Void> send(Collection<String> userIds) {
        byte[] payload = String.join("\n", userIds).getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (NodeInfo n : membership.liveNodes()) {
            if (n.nodeId() != membership.selfId()) {
                acks.add(call(n.nodeId(), payload));
            }
        }
        if (acks.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> call(int nodeId, byte[] payload) {
        CompletableFuture<byte[]> answer;
        try {
            answer = calls.call(nodeId, METHOD, payload, timeout);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // the bound holds even if a cluster implementation forgot its own timeout
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((r, e) -> {
            if (e != null) {
                throttled.warn("invalidate", "node {} did not acknowledge a relation change ({}); the change is"
                        + " answered anyway and that node reads the relations again within"
                        + " friend.cache_ttl_seconds", nodeId, e.toString());
            }
            return null;
        });
    }
}
