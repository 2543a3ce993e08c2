package io.hearth.server.bootstrap;

import io.hearth.server.admin.AdminPort;
import io.hearth.server.admin.AllNodes;
import io.hearth.server.cluster.ClusterDelivery;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeDrain;
import io.hearth.server.cluster.PresenceLanes;
import io.hearth.server.cluster.PresenceRefresh;
import io.hearth.server.cluster.SingleNode;
import io.hearth.server.cluster.hazelcast.HazelcastCluster;
import io.hearth.server.message.Delivery;
import io.hearth.server.mqtt.ClientRedirector;
import io.hearth.server.mqtt.Connection;
import io.hearth.server.mqtt.ConnectionRegistry;
import io.hearth.server.mqtt.PresenceUpdates;
import io.hearth.server.mqtt.PushWriter;
import io.hearth.server.notice.Notifier;
import io.hearth.server.session.Kicker;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The node among its peers: membership (Hazelcast, or this node alone), the connections it holds, how a push or a
 * kick reaches a user wherever the user is connected, and the drain. Assembled first, after the core.
 */
record Nodes(HazelcastCluster cluster, Membership membership, NodeCalls calls, AllNodes all, PushWriter pushes,
             ConnectionRegistry registry, Delivery delivery, Notifier notifier, Kicker kicker, BiConsumer<String, String> takeOverElsewhere,
             NodeDrain drain) {

    /** Batches of pushes and notices for other nodes that may wait for the outbound thread. */
    private static final int OUTBOUND_QUEUE = 10_000;

    static Nodes assemble(Core core, Runnable drained) {
        var config = core.config();
        HazelcastCluster cluster = config.cluster().enabled()
                ? core.keep(HazelcastCluster.join(config.cluster(), config.nodeId())) : null;
        SingleNode single = cluster == null ? new SingleNode(config.nodeId()) : null;
        Membership membership = cluster != null ? cluster : single;
        NodeCalls calls = cluster != null ? cluster : single;
        PresenceLanes lanes = cluster == null ? null : core.keep(new PresenceLanes(cluster, 4));
        PushWriter pushes = new PushWriter(config.connections(), core.metrics());
        ConnectionRegistry registry = new ConnectionRegistry(lanes == null ? PresenceUpdates.NONE : lanes::update,
                pushes);
        Gauge.builder("hearth.connections", registry, ConnectionRegistry::onlineConnections).register(core.metrics());
        if (cluster != null) {
            PresenceRefresh refresh = core.keep(new PresenceRefresh(cluster, lanes, () -> registry.all().stream()
                    .map(Connection::userId).distinct().toList(), u -> !registry.connectionsOf(u).isEmpty(), 1000));
            membership.onMembershipChanged(refresh::request);
        }
        ClientRedirector redirector = new ClientRedirector(registry, 100, Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofMillis(config.cluster().drainRequestWaitMillis()));
        NodeDrain drain = new NodeDrain(membership, calls, registry::onlineConnections,
                target -> redirector.redirectAll(target::serverReference), drained);
        ClusterDelivery clusterDelivery = cluster == null ? null
                : new ClusterDelivery(registry, registry, registry, cluster, cluster, config.nodeId(),
                        core.keep(new BlockingExecutor("hearth-cluster-out", 1, OUTBOUND_QUEUE)));
        return new Nodes(cluster, membership, calls, AdminPort.allNodes(membership, calls), pushes, registry,
                cluster == null ? registry : clusterDelivery, // delivery
                cluster == null ? registry : clusterDelivery, // notifier
                cluster == null ? registry : clusterDelivery, // kicker
                clusterDelivery == null ? (user, client) -> { } : clusterDelivery::takeOverElsewhere, drain);
    }

    AdminPort.Cluster adminSide() {
        return new AdminPort.Cluster(membership, all, drain);
    }
}
