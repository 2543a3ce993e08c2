package io.hearth.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.hearth.server.testing.LoopbackHazelcast;

/**
 * A Hazelcast lite member (it owns no data) that joins the node processes' cluster from the test JVM: its join and
 * its leave are membership events for every node, and it can read and wipe the presence map as a split-brain merge
 * or a double failure would. It knows the map's internal name ({@code hearth.presence}, user id → node ids) and
 * has no {@code node_id}, so the nodes give it no users.
 */
final class LiteMember implements AutoCloseable {

    private final HazelcastInstance hz;

    LiteMember(ClusterFixture cluster) {
        Config c = LoopbackHazelcast.config(cluster.clusterName(), "lite-" + System.nanoTime(), cluster.members());
        c.setLiteMember(true);
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
