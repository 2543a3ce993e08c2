package io.hearth.server.admin;

import io.hearth.protocol.Status;
import io.hearth.server.cluster.AdvertisedJson;
import io.hearth.server.cluster.BoundPorts;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /admin/nodes} (no signature, like {@code /admin/health}; the server API port is internal): every live
 * node with what it advertises and where it actually listens. {@code hearth nginx --cluster} builds its upstreams
 * from it.
 */
final class NodeListEndpoint {

    private final Membership membership;

    NodeListEndpoint(Membership membership) {
        this.membership = membership;
    }

    CompletableFuture<HttpResult> handle(HttpCall call) {
        List<Map<String, Object>> nodes = membership.liveNodes().stream().map(NodeListEndpoint::node).toList();
        return CompletableFuture.completedFuture(
                HttpResult.envelope(Status.SUCCESS, Status.SUCCESS.message(), Map.of("nodes", nodes)));
    }

    private static Map<String, Object> node(NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", n.nodeId());
        m.put("draining", n.draining());
        m.put("advertised", AdvertisedJson.of(n.advertised()));
        BoundPorts b = n.bound();
        if (b != null) {
            Map<String, Object> bound = new LinkedHashMap<>();
            bound.put("host", b.host());
            putPort(bound, "port", b.port());
            putPort(bound, "localPort", b.localPort());
            putPort(bound, "websocketPort", b.websocketPort());
            putPort(bound, "secureWebsocketPort", b.secureWebsocketPort());
            putPort(bound, "sslPort", b.sslPort());
            putPort(bound, "httpsPort", b.httpsPort());
            m.put("bound", bound);
        }
        return m;
    }

    private static void putPort(Map<String, Object> m, String name, int port) {
        if (port >= 0) {
            m.put(name, port);
        }
    }
}
