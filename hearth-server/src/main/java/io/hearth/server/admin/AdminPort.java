package io.hearth.server.admin;

import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeDrain;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.mqtt.ConnectionRegistry;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Everything served on {@code http.admin.port}: the signed server API, {@code /admin/health} (every live node) and
 * {@code /metrics} (this node only). Wired once at start.
 */
public final class AdminPort {

    /** How long health and online counts wait for another node before listing it as unreachable. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    private AdminPort() {
    }

    /** The cluster side of the admin port: who is alive, how to ask every node, and the drain of this one. */
    public record Cluster(Membership membership, AllNodes nodes, NodeDrain drain) {
    }

    /** Every live node, each asked with {@link #NODE_TIMEOUT}. */
    public static AllNodes allNodes(Membership membership, NodeCalls calls) {
        return new AllNodes(membership, calls, NODE_TIMEOUT);
    }

    /**
     * The router of the admin port: the node's own actions (online counts, drain), health, node list and metrics,
     * and the action groups of the features, in order; a path registered twice stops the start. {@code rateLimit}
     * ({@code http.admin.rate_limit}) is asked once per signed call, before anything else.
     */
    public static HttpRouter router(AdminSignature signature, NonceLedger nonces, BooleanSupplier rateLimit,
                                    List<AdminActions> features,
                                    ConnectionRegistry registry, BooleanSupplier dbHealthy, BlockingExecutor blocking,
                                    PrometheusMeterRegistry metrics, Cluster cluster) {
        int nodeId = cluster.membership().selfId();
        AllNodes nodes = cluster.nodes();
        HttpRouter router = new HttpRouter(Map.of());
        AdminApi api = new AdminApi(signature, nonces, metrics, rateLimit);
        Gauge.builder("hearth.admin.nonces", nonces, NonceLedger::held).register(metrics);
        features.forEach(f -> f.register(api));
        new NodeActions(nodeId, cluster.drain(), registry::onlineConnections, nodes).register(api);
        api.register(router);
        HealthEndpoint health = new HealthEndpoint(nodeId, dbHealthy, blocking, registry::onlineConnections,
                cluster.drain()::draining, nodes);
        router.route("GET", "/admin/health", health::handle);
        router.route("GET", "/admin/nodes", new NodeListEndpoint(cluster.membership())::handle);
        router.route("GET", "/metrics", call -> CompletableFuture.completedFuture(new HttpResult(200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of())));
        return router;
    }
}
