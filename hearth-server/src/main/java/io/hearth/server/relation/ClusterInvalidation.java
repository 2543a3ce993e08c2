package io.hearth.server.relation;

import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.common.ThrottledLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every other live node that some users' relations changed, so that their {@link RelationCache}s drop them:
 * a cluster call {@value #METHOD} to each, with the user ids one per line, sent after the change is committed and
 * not waited for. A node that misses it reads the relations again after {@code friend.cache_ttl_seconds}. Sends
 * from any thread; answers on a cluster thread.
 */
public final class ClusterInvalidation {

    static final String METHOD = "relation.invalidate";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ClusterInvalidation.class);
    private static final ThrottledLog throttled = new ThrottledLog(log, 10, TimeUnit.SECONDS);

    private final Membership membership;
    private final NodeCalls calls;

    /** Serves the signal for {@code cache} on this node. */
    public ClusterInvalidation(Membership membership, NodeCalls calls, RelationCache cache) {
        this.membership = membership;
        this.calls = calls;
        calls.serve(METHOD, request -> {
            cache.invalidate(Arrays.asList(new String(request, StandardCharsets.UTF_8).split("\n")));
            return CompletableFuture.completedFuture(new byte[0]);
        });
    }

    /** Signals every other live node; returns at once. */
    public void send(Collection<String> userIds) {
        byte[] payload = String.join("\n", userIds).getBytes(StandardCharsets.UTF_8);
        for (NodeInfo n : membership.liveNodes()) {
            if (n.nodeId() == membership.selfId()) {
                continue;
            }
            calls.call(n.nodeId(), METHOD, payload, TIMEOUT).whenComplete((r, e) -> {
                if (e != null) {
                    throttled.warn("invalidate", "node {} did not take a relation change signal ({}); it reads the"
                            + " relations again within friend.cache_ttl_seconds", n.nodeId(), e.toString());
                }
            });
        }
    }
}
