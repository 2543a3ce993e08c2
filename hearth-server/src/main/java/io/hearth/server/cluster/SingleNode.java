package io.hearth.server.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/** The cluster of one node (no {@code cluster.members}): no Hazelcast, everything local. Any thread. */
public final class SingleNode implements Membership, PresenceDirectory, NodeLink, NodeCalls {

    private final int nodeId;
    private final Map<String, Function<byte[], CompletableFuture<byte[]>>> handlers = new ConcurrentHashMap<>();
    private volatile Advertised advertised;
    private volatile BoundPorts bound;
    private volatile boolean draining;

    public SingleNode(int nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public int selfId() {
        return nodeId;
    }

    @Override
    public void announce(Advertised advertised, BoundPorts bound) {
        this.bound = bound;
        this.advertised = advertised;
    }

    @Override
    public List<NodeInfo> liveNodes() {
        Advertised a = advertised;
        return a == null ? List.of() : List.of(new NodeInfo(nodeId, a, bound, draining));
    }

    @Override
    public void setDraining(boolean draining) {
        this.draining = draining;
    }

    @Override
    public void onNodeLeft(IntConsumer listener) {
    }

    @Override
    public void onMembershipChanged(Runnable listener) {
    }

    @Override
    public void set(String userId, boolean present) {
    }

    @Override
    public Map<String, Set<Integer>> nodesOf(Collection<String> userIds) {
        return Map.of();
    }

    @Override
    public void send(int nodeId, byte[] envelope) {
        throw new IllegalStateException("a single node has no node " + nodeId);
    }

    @Override
    public void onReceive(Consumer<byte[]> handler) {
    }

    @Override
    public CompletableFuture<byte[]> call(int nodeId, String method, byte[] request, Duration timeout) {
        Function<byte[], CompletableFuture<byte[]>> handler = handlers.get(method);
        if (nodeId != this.nodeId || handler == null) {
            return CompletableFuture.failedFuture(new NoSuchElementException(
                    handler == null ? "no handler for " + method : "a single node has no node " + nodeId));
        }
        return handler.apply(request).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void serve(String method, Function<byte[], CompletableFuture<byte[]>> handler) {
        handlers.put(method, handler);
    }
}
