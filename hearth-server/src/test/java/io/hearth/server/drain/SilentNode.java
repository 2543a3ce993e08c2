package io.hearth.server.drain;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.hearth.server.testing.LoopbackHazelcast;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cluster member that looks like Hearth node {@code nodeId} (same cluster, {@code node_id} attribute, a node
 * record marked draining so the route never picks it) but never answers a node-to-node call: what a hung or
 * partitioned node looks like to {@code /admin/health} and {@code /admin/user/online_count}. It knows the internal
 * names of {@code cluster.hazelcast} (map {@code hearth.nodes}, its record format, the handler map in the user
 * context), so it must follow them if they change.
 */
final class SilentNode implements AutoCloseable {

    private final HazelcastInstance hz;

    SilentNode(TwoNodes cluster, int nodeId) {
        Config c = LoopbackHazelcast.config(cluster.clusterName, "silent-" + nodeId + "-" + System.nanoTime(),
                cluster.members());
        c.getMemberAttributeConfig().setAttribute("node_id", Integer.toString(nodeId));
        Function<byte[], CompletableFuture<byte[]>> never = request -> new CompletableFuture<>();
        Map<String, Function<byte[], CompletableFuture<byte[]>>> handlers = new ConcurrentHashMap<>();
        for (String method : List.of("admin.health", "admin.online_count")) {
            handlers.put(method, never);
        }
        c.getUserContext().put("hearth.calls.handlers", handlers);
        this.hz = Hazelcast.newHazelcastInstance(c);
        hz.getReplicatedMap("hearth.nodes").put(nodeId, "{\"nodeId\":" + nodeId + ",\"draining\":true,"
                + "\"advertised\":{\"host\":\"127.0.0.1\",\"longPort\":1,\"shortPort\":1,\"sslPort\":-1,"
                + "\"wsHost\":\"127.0.0.1\",\"wsPort\":1,\"wssPort\":-1,\"backups\":[]}}");
    }

    @Override
    public void close() {
        hz.shutdown();
    }
}
