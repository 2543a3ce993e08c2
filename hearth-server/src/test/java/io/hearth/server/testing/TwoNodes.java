package io.hearth.server.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Two Hearth nodes in this JVM forming one cluster on one new PostgreSQL database ({@code node_id} 1 and 2, each
 * with {@code settings} on top), started together and ready when both see two live nodes. Close it after the
 * class (node 2 first).
 */
public final class TwoNodes implements AutoCloseable {

    public final TestNode one;
    public final TestNode two;

    private TwoNodes(TestNode one, TestNode two) {
        this.one = one;
        this.two = two;
    }

    /** {@code name} prefixes the cluster name (a random suffix keeps concurrent clusters apart). */
    public static TwoNodes start(String name, Map<String, Object> settings) {
        Postgres.Db db = Postgres.newDatabase();
        int portOne = Ports.free();
        int portTwo = Ports.free();
        String members = "127.0.0.1:" + portOne + ",127.0.0.1:" + portTwo;
        String cluster = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        TestNode one = node(db, 1, portOne, members, cluster, settings);
        TestNode two;
        try {
            two = node(db, 2, portTwo, members, cluster, settings);
        } catch (RuntimeException e) {
            one.close();
            throw e;
        }
        TwoNodes nodes = new TwoNodes(one, two);
        await().atMost(Duration.ofSeconds(60)).until(() -> one.liveNodes() == 2 && two.liveNodes() == 2);
        return nodes;
    }

    private static TestNode node(Postgres.Db db, int nodeId, int clusterPort, String members, String name,
                                 Map<String, Object> settings) {
        Map<String, Object> s = new HashMap<>(db.settings());
        s.put("node_id", nodeId);
        s.put("cluster.members", members);
        s.put("cluster.host", "127.0.0.1");
        s.put("cluster.port", clusterPort);
        s.put("cluster.name", name);
        s.putAll(settings);
        return TestNode.start(s);
    }

    @Override
    public void close() {
        try {
            two.close();
        } finally {
            one.close();
        }
    }
}
