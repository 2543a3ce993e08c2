package io.hearth.server.cluster;

import io.hearth.server.route.Advertised;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** The cluster of one node (no {@code cluster.members}): no Hazelcast, everything local. */
public final class SingleNode implements Membership, PresenceDirectory, NodeLink {

    private final int nodeId;
    private final Advertised advertised;
    private volatile boolean draining;

    public SingleNode(int nodeId, Advertised advertised) {
        this.nodeId = nodeId;
        this.advertised = advertised;
    }

    @Override
    public int selfId() {
        return nodeId;
    }

    @Override
    public List<NodeInfo> liveNodes() {
        return List.of(new NodeInfo(nodeId, advertised, draining));
    }

    @Override
    public void setDraining(boolean draining) {
        this.draining = draining;
    }

    @Override
    public void onNodeLeft(IntConsumer listener) {
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
}
