package io.hearth.server.cluster.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.cluster.NodeLink;
import io.hearth.server.cluster.PresenceDirectory;
import io.hearth.server.config.ConfigException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.admin.NonceLedger;
import io.hearth.server.admin.NonceQuota;
import io.hearth.server.cluster.Advertised;
import io.hearth.server.cluster.BoundPorts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster on embedded Hazelcast: TCP-IP join over {@code cluster.members} (no multicast), member attribute
 * {@code node_id} (checked unique at join), a replicated map of what each node advertises, the presence map
 * (user id → node ids) with entry processors, one topic per node for node-to-node envelopes, and an executor for
 * node-to-node calls ({@link HazelcastCalls}); and the server API's replay ledger ({@link HazelcastNonceLedger}).
 * Member joins and leaves and a split-brain merge (lifecycle event {@code MERGED}) are reported to
 * {@link #onMembershipChanged} listeners, which re-announce presence.
 */
public final class HazelcastCluster implements Membership, PresenceDirectory, NodeLink, NodeCalls, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HazelcastCluster.class);
    private static final String NODE_ID = "node_id";

    private final HazelcastInstance hz;
    private final int selfId;
    private final ReplicatedMap<Integer, String> nodes;
    private final Set<Integer> unreadableWarned = ConcurrentHashMap.newKeySet();
    private final IMap<String, int[]> presence;
    private final List<IntConsumer> leftListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changedListeners = new CopyOnWriteArrayList<>();
    private final HazelcastCalls calls;

    private HazelcastCluster(HazelcastInstance hz, int selfId) {
        this.hz = hz;
        this.selfId = selfId;
        this.nodes = hz.getReplicatedMap("hearth.nodes");
        this.presence = hz.getMap("hearth.presence");
        this.calls = new HazelcastCalls(hz);
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                log.info("node {} joined", nodeIdOf(event.getMember()));
                // announce again: a member that joins while partitions migrate can miss the first replication of
                // this node's record (seen in tests: seconds without it) and would leave this node out of its route
                String mine = nodes.get(selfId);
                if (mine != null) {
                    nodes.put(selfId, mine);
                }
                changedListeners.forEach(Runnable::run);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                nodeLeft(nodeIdOf(event.getMember()));
                changedListeners.forEach(Runnable::run);
            }
        });
        hz.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                // the smaller side's map entries were merged with put-if-absent: users it held can be missing
                log.warn("node {} merged back into the cluster after a split; re-announcing its users", selfId);
                changedListeners.forEach(Runnable::run);
            }
        });
    }

    /** Joins (or forms) the cluster; fails when another live member already has this {@code node_id}. */
    public static HazelcastCluster join(HearthConfig.Cluster cfg, int nodeId) {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config(cfg, nodeId));
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.localMember() && nodeIdOf(m) == nodeId) {
                hz.shutdown();
                throw new ConfigException("node_id " + nodeId + " is already used by cluster member "
                        + m.getAddress() + "; give every node its own node_id");
            }
        }
        log.info("joined cluster '{}' as node {} with {} member(s)", cfg.name(), nodeId,
                hz.getCluster().getMembers().size());
        return new HazelcastCluster(hz, nodeId);
    }

    private static Config config(HearthConfig.Cluster cfg, int nodeId) {
        Config c = new Config();
        c.setClusterName(cfg.name());
        c.setInstanceName("hearth-" + nodeId + "-" + System.nanoTime());
        c.getMemberAttributeConfig().setAttribute(NODE_ID, Integer.toString(nodeId));
        c.getUserContext().put(NodeCall.HANDLERS, new ConcurrentHashMap<String, Object>());
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.local.localAddress", cfg.host());
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(cfg.failureTimeoutSeconds()));
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(cfg.port()).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).addInterface(cfg.host());
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cfg.members());
        return c;
    }

    /**
     * The server API's replay ledger, shared by every node (map {@code hearth.admin.nonces}); this node may hold
     * {@code capacity} live entries in it.
     */
    public NonceLedger nonceLedger(int capacity, Clock clock) {
        return new HazelcastNonceLedger(hz.getMap("hearth.admin.nonces"), new NonceQuota(capacity, clock), clock);
    }

    @Override
    public void announce(Advertised a, BoundPorts bound) {
        nodes.put(selfId, NodeRecord.encode(new NodeInfo(selfId, a, bound, false)));
    }

    @Override
    public int selfId() {
        return selfId;
    }

    @Override
    public List<NodeInfo> liveNodes() {
        List<NodeInfo> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            int id = nodeIdOf(m);
            String record = nodes.get(id);
            if (record != null) {
                NodeRecord.decode(id, record).ifPresentOrElse(out::add, () -> unreadable(id, record));
            }
        }
        out.sort(Comparator.comparingInt(NodeInfo::nodeId));
        return out;
    }

    private void unreadable(int nodeId, String record) {
        if (unreadableWarned.add(nodeId)) {
            log.warn("node {} announced a record this version cannot read; it gets no users from this node's route:"
                    + " {}", nodeId, record.length() > 200 ? record.substring(0, 200) : record);
        }
    }

    @Override
    public void setDraining(boolean draining) {
        String record = nodes.get(selfId);
        if (record != null) {
            NodeRecord.decode(selfId, record).ifPresent(me ->
                    nodes.put(selfId, NodeRecord.encode(new NodeInfo(selfId, me.advertised(), me.bound(), draining))));
        }
    }

    @Override
    public void onNodeLeft(IntConsumer listener) {
        leftListeners.add(listener);
    }

    @Override
    public void onMembershipChanged(Runnable listener) {
        changedListeners.add(listener);
    }

    private void nodeLeft(int nodeId) {
        log.warn("node {} left the cluster; its users move to the remaining nodes", nodeId);
        if (isOldest()) {
            nodes.remove(nodeId);
            presence.executeOnEntries(new NodeSets.Remove(nodeId));
        }
        leftListeners.forEach(l -> l.accept(nodeId));
    }

    private boolean isOldest() {
        return hz.getCluster().getMembers().iterator().next().localMember();
    }

    @Override
    public void set(String userId, boolean present) {
        presence.executeOnKey(userId, present ? new NodeSets.Add(selfId) : new NodeSets.Remove(selfId));
    }

    @Override
    public void announceAll(Collection<String> userIds) {
        presence.executeOnKeys(new HashSet<>(userIds), new NodeSets.Add(selfId));
    }

    @Override
    public Map<String, Set<Integer>> nodesOf(Collection<String> userIds) {
        Map<String, Set<Integer>> out = new HashMap<>();
        presence.getAll(new HashSet<>(userIds)).forEach((user, ids) -> {
            Set<Integer> s = new HashSet<>();
            for (int id : ids) {
                s.add(id);
            }
            out.put(user, s);
        });
        return out;
    }

    @Override
    public void send(int nodeId, byte[] envelope) {
        hz.<byte[]>getTopic(topic(nodeId)).publish(envelope);
    }

    @Override
    public void onReceive(Consumer<byte[]> handler) {
        hz.<byte[]>getTopic(topic(selfId)).addMessageListener(m -> handler.accept(m.getMessageObject()));
    }

    @Override
    public CompletableFuture<byte[]> call(int nodeId, String method, byte[] request, Duration timeout) {
        return calls.call(nodeId, method, request, timeout);
    }

    @Override
    public void serve(String method, Function<byte[], CompletableFuture<byte[]>> handler) {
        calls.serve(method, handler);
    }

    private static String topic(int nodeId) {
        return "hearth.node." + nodeId;
    }

    static int nodeIdOf(Member m) {
        String id = m.getAttribute(NODE_ID);
        return id == null ? -1 : Integer.parseInt(id);
    }

    /** Leaves the cluster: other nodes see this node leave at once (no failure timeout). */
    @Override
    public void close() {
        try {
            nodes.remove(selfId);
        } catch (RuntimeException e) {
            log.debug("could not withdraw node record: {}", e.toString());
        }
        hz.shutdown();
    }
}
