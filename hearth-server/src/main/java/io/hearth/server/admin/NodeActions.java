package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.cluster.NodeDrain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * Server API actions about nodes: {@code /admin/node/drain} ({@code {}} drains this node, {@code {"nodeId": N}}
 * node N) and {@code /admin/user/online_count} ({@code [{node, count}]}, one entry per live node). Called on event
 * loops; answers from other nodes complete on cluster threads.
 */
final class NodeActions {

    static final String ONLINE_COUNT = "admin.online_count";

    private final int nodeId;
    private final NodeDrain drain;
    private final IntSupplier connections;
    private final AllNodes nodes;

    NodeActions(int nodeId, NodeDrain drain, IntSupplier connections, AllNodes nodes) {
        this.nodeId = nodeId;
        this.drain = drain;
        this.connections = connections;
        this.nodes = nodes;
        nodes.serve(ONLINE_COUNT, this::localCount);
    }

    void register(AdminApi api) {
        api.action("/admin/node/drain", this::drain)
                .action("/admin/user/online_count", this::onlineCount);
    }

    private CompletableFuture<Object> drain(JsonNode b) {
        int target = AdminJson.optionalInt(b, "nodeId", nodeId);
        return drain.drain(target).thenApply(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("nodeId", r.nodeId());
            out.put("clients", r.clients());
            return out;
        });
    }

    private CompletableFuture<Object> onlineCount(JsonNode b) {
        return nodes.gather(ONLINE_COUNT, this::localCount, Integer::valueOf).thenApply(list -> list);
    }

    private CompletableFuture<Map<String, Object>> localCount() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", nodeId);
        m.put("count", connections.getAsInt());
        return CompletableFuture.completedFuture(m);
    }
}
