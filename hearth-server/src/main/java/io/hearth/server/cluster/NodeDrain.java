package io.hearth.server.cluster;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a node: marks it draining in the {@link Membership} (the route on every node stops choosing it), has its
 * clients moved to their new home nodes (rendezvous over the other live, non-draining nodes), then stops it. A drain
 * of another node is forwarded to that node as a {@link NodeCalls} call. {@link #drain} runs on an event loop (the
 * admin action), forwarded drains on a cluster executor thread; both return once the drain has started. The stop
 * runs on a thread of its own, never on a thread it has to shut down.
 */
public final class NodeDrain {

    private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);
    static final String METHOD = "node.drain";
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

    /** What a drain reports: the drained node and how many clients it is moving away. */
    public record Result(int nodeId, int clients) {
    }

    /** Where a client of a user should reconnect: {@code host:port} for its transport, or null when nowhere. */
    @FunctionalInterface
    public interface Target {
        String serverReference(String userId, boolean webSocket, boolean secure);
    }

    private final Membership membership;
    private final NodeCalls calls;
    private final IntSupplier clientCount;
    private final Function<Target, CompletableFuture<Void>> redirect;
    private final Runnable stop;
    private final AtomicReference<Result> started = new AtomicReference<>();

    /**
     * @param redirect starts moving every client to the node the target names; completes when they are gone
     * @param stop     stops this node (as on SIGTERM); called once, on a new thread, after the redirect
     */
    public NodeDrain(Membership membership, NodeCalls calls, IntSupplier clientCount,
                     Function<Target, CompletableFuture<Void>> redirect, Runnable stop) {
        this.membership = membership;
        this.calls = calls;
        this.clientCount = clientCount;
        this.redirect = redirect;
        this.stop = stop;
        calls.serve(METHOD, request -> CompletableFuture.completedFuture(encode(drainSelf())));
    }

    /** Drains node {@code nodeId}: this one, or another live one by calling it. Fails with 3 for an unknown node. */
    public CompletableFuture<Result> drain(int nodeId) {
        if (nodeId == membership.selfId()) {
            return CompletableFuture.completedFuture(drainSelf());
        }
        if (membership.liveNodes().stream().noneMatch(n -> n.nodeId() == nodeId)) {
            return CompletableFuture.failedFuture(new StatusException(Status.NODE_NOT_EXIST,
                    "node " + nodeId + " is not a live member of the cluster"));
        }
        return calls.call(nodeId, METHOD, new byte[0], FORWARD_TIMEOUT).handle((bytes, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                throw new StatusException(Status.SERVER_ERROR, "node " + nodeId + " did not take the drain: " + cause,
                        error);
            }
            return decode(bytes);
        });
    }

    /** Starts draining this node; a second drain reports the first one and changes nothing. */
    public Result drainSelf() {
        Result r = new Result(membership.selfId(), clientCount.getAsInt());
        if (!started.compareAndSet(null, r)) {
            return started.get();
        }
        log.warn("draining node {}: moving {} client(s) to other nodes, then stopping", r.nodeId(), r.clients());
        membership.setDraining(true);
        redirect.apply(this::target).whenComplete((v, error) -> {
            if (error != null) {
                log.warn("redirecting the clients of node {} failed; stopping anyway", r.nodeId(), error);
            }
            Thread t = new Thread(stop, "hearth-drain-stop");
            t.start();
        });
        return r;
    }

    /** Whether this node is being drained. */
    public boolean draining() {
        return started.get() != null;
    }

    /** The user's home among the other live, non-draining nodes (this node is left out even if the view is stale). */
    private String target(String userId, boolean webSocket, boolean secure) {
        int self = membership.selfId();
        List<NodeInfo> others = membership.liveNodes().stream().filter(n -> n.nodeId() != self).toList();
        return Rendezvous.home(userId, others).map(n -> serverReference(n.advertised(), webSocket, secure))
                .orElse(null);
    }

    /**
     * {@code host:port} (IPv6 hosts in brackets) of the same transport on the target: long port, TLS port, WebSocket
     * or secure WebSocket port; null when the target does not offer it (the client then asks the route).
     */
    static String serverReference(Advertised a, boolean webSocket, boolean secure) {
        int port = webSocket ? (secure ? a.wssPort() : a.wsPort()) : (secure ? a.sslPort() : a.longPort());
        if (port <= 0) {
            return null;
        }
        String name = webSocket ? a.wsHost() : a.host();
        String host = name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
        return host + ":" + port;
    }

    static byte[] encode(Result r) {
        return ByteBuffer.allocate(8).putInt(r.nodeId()).putInt(r.clients()).array();
    }

    static Result decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new Result(b.getInt(), b.getInt());
    }
}
