package io.hearth.server.drain;

import io.hearth.server.testing.Ports;
import io.hearth.server.testing.Postgres;
import io.hearth.server.testing.TestNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two Hearth nodes (node_id 1 = {@link #a}, 2 = {@link #b}) in this JVM as one cluster on loopback: their own
 * cluster ports, a cluster name of their own, and one fresh PostgreSQL database. Started one after the other: the
 * first finds nobody and forms the cluster at once, the second joins it in about a second (started together, both
 * wait out Hazelcast's 5 s TCP-IP connection timeout before one of them claims mastership).
 */
final class TwoNodes implements AutoCloseable {

    final String clusterName = "drain-it-" + UUID.randomUUID().toString().substring(0, 8);
    final int clusterPortA = Ports.free();
    final int clusterPortB = Ports.free();
    final Postgres.Db db;
    final TestNode a;
    final TestNode b;

    TwoNodes() {
        this(Map.of());
    }

    /** Both nodes with {@code extra} settings on top (e.g. TLS listeners). */
    TwoNodes(Map<String, Object> extra) {
        this.db = Postgres.newDatabase();
        String members = "127.0.0.1:" + clusterPortA + ",127.0.0.1:" + clusterPortB;
        this.a = node(db, 1, clusterPortA, members, extra);
        this.b = node(db, 2, clusterPortB, members, extra);
    }

    private TestNode node(Postgres.Db db, int nodeId, int clusterPort, String members, Map<String, Object> extra) {
        Map<String, Object> s = new HashMap<>(db.settings());
        s.putAll(extra);
        s.put("node_id", nodeId);
        s.put("cluster.members", members);
        s.put("cluster.host", "127.0.0.1");
        s.put("cluster.port", clusterPort);
        s.put("cluster.name", clusterName);
        return TestNode.start(s);
    }

    String members() {
        return "127.0.0.1:" + clusterPortA + ",127.0.0.1:" + clusterPortB;
    }


    @Override
    public void close() {
        for (TestNode n : List.of(a, b)) {
            n.close();
        }
    }
}
