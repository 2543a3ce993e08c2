package io.hearth.server.admin;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.message.MessageService;
import io.hearth.server.mqtt.ConnectionRegistry;
import io.hearth.server.session.SessionService;
import io.hearth.server.storage.jdbc.Database;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import io.hearth.server.user.UserDirectory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Everything served on {@code http.admin.port}: the signed server API, {@code /admin/health}, {@code /metrics}. */
public final class AdminPort {

    private AdminPort() {
    }

    public static HttpRouter router(AdminSignature signature, UserDirectory users, SessionService sessions,
                                    MessageService messages, ConnectionRegistry registry, Database db,
                                    BlockingExecutor blocking, PrometheusMeterRegistry metrics, int nodeId) {
        HttpRouter router = new HttpRouter(Map.of());
        AdminApi api = new AdminApi(signature);
        new UserActions(users, sessions, registry).register(api);
        new MessageActions(messages).register(api);
        api.register(router);
        HealthEndpoint health = new HealthEndpoint(nodeId, db, blocking, registry::onlineConnections);
        router.route("GET", "/admin/health", health::handle);
        router.route("GET", "/metrics", call -> CompletableFuture.completedFuture(new HttpResult(200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of())));
        return router;
    }
}
