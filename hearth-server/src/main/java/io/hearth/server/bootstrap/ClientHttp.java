package io.hearth.server.bootstrap;

import io.hearth.server.route.NodesEndpoint;
import io.hearth.server.route.RouteEndpoint;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import io.hearth.server.version.VersionEndpoint;
import io.hearth.server.wstool.WsToolPage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Routes of the client HTTP port ({@code local_port}, and {@code https_port} with TLS): route with CORS pre-flight,
 * version and the live nodes.
 */
final class ClientHttp {

    private static final Map<String, String> PREFLIGHT = Map.of(
            "Access-Control-Allow-Methods", "POST, GET, OPTIONS",
            "Access-Control-Allow-Headers", "Content-Type",
            "Access-Control-Max-Age", "86400");

    private ClientHttp() {
    }

    static void register(HttpRouter router, RouteEndpoint route, NodesEndpoint nodes, VersionEndpoint version) {
        router.route("POST", "/route", route::handle);
        router.route("OPTIONS", "/route", call -> CompletableFuture.completedFuture(
                new HttpResult(204, "text/plain", new byte[0], PREFLIGHT)));
        router.route("GET", "/api/version", version::handle);
        router.route("GET", "/api/nodes", nodes::handle);
        WsToolPage.register(router);
    }
}
