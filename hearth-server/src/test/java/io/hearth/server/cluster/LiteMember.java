package io.hearth.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.hearth.server.testing.Ports;
import java.util.List;

/**
 * A Hazelcast lite member (it owns no data) that joins the node processes' cluster from the test JVM: its join and
 * its leave are membership events for every node, and it can read and wipe the presence map as a split-brain merge
 * or a double failure would. It knows the map's internal name ({@code hearth.presence}, user id → node ids) and
 * has no {@code node_id}, so the nodes give it no users.
 */
final class LiteMember implements AutoCloseable {

    private final HazelcastInstance hz;

    LiteMember(ClusterFixture cluster) {
        Config c = new Config();
        c.setClusterName(cluster.clusterName());
        c.setInstanceName("lite-" + System.nanoTime());
        c.setLiteMember(true);
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        var net = c.getNetworkConfig();
        net.setPort(Ports.free()).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        net.getJoin().getMulticastConfig().setEnabled(false);
        net.getJoin().getAutoDetectionConfig().setEnabled(false);
        net.getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of(cluster.members().split(",")));
        this.hz = Hazelcast.newHazelcastInstance(c);
    }

    /** The presence directory: user id → ids of the nodes holding the user's sessions. */
    IMap<String, int[]> presence() {
        return hz.getMap("hearth.presence");
    }

    @Override
    public void close() {
        hz.shutdown();
    }
}
