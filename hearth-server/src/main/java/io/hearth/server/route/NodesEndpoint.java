package io.hearth.server.route;

import io.hearth.protocol.Status;
import io.hearth.server.cluster.AdvertisedJson;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /api/nodes}: every live node with the addresses the route would give its users. No authentication:
 * it tells nothing a route answer does not, and it is what {@code hearth check} and web pages use to find every
 * node's entry points behind one address.
 */
public final class NodesEndpoint {

    private final Supplier<List<NodeView>> live;

    public NodesEndpoint(Supplier<List<NodeView>> live) {
        this.live = live;
    }

    public CompletableFuture<HttpResult> handle(HttpCall call) {
        List<Map<String, Object>> nodes = live.get().stream().map(n -> {
            Map<String, Object> m = AdvertisedJson.of(n.nodeId(), n.advertised());
            m.put("draining", n.draining());
            return m;
        }).toList();
        return CompletableFuture.completedFuture(
                HttpResult.envelope(Status.SUCCESS, Status.SUCCESS.message(), Map.of("nodes", nodes)));
    }
}
