package io.hearth.server.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.cluster.AdvertisedJson;
import io.hearth.server.common.StatusException;
import io.hearth.server.session.ClientIds;
import io.hearth.server.session.SessionService;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.user.UserIds;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code POST /route}: checks the token of (userId, clientId) and answers the node the client should hold its
 * long connection to: {@code nodeId}, {@code host}, {@code longPort}, {@code shortPort}, {@code sslPort},
 * {@code wsHost}, {@code wsPort}, {@code wssPort} (each port only when offered) and {@code backupAddresses}.
 * Errors are {@code {code,msg}} with the reference's codes (6 token, 7 kicked, 251 parameters).
 */
public final class RouteEndpoint {

    private final SessionService sessions;
    private final Function<String, NodeView> homeOf;

    /** {@code homeOf} answers the node a user should connect to (its home node in a cluster). */
    public RouteEndpoint(SessionService sessions, Function<String, NodeView> homeOf) {
        this.sessions = sessions;
        this.homeOf = homeOf;
    }

    public CompletableFuture<HttpResult> handle(HttpCall call) {
        JsonNode body;
        try {
            body = HttpResult.JSON.readTree(call.body());
        } catch (IOException e) {
            return done(error(Status.INVALID_PARAMETER, HttpResult.notJson(call.body(), e)));
        }
        if (body == null || !body.isObject()) {
            return done(error(Status.INVALID_PARAMETER, "body must be a JSON object"));
        }
        String userId = body.path("userId").asText("");
        String clientId = body.path("clientId").asText("");
        String token = body.path("token").asText("");
        String kind = body.path("clientKind").asText("native");
        if (userId.isEmpty() || clientId.isEmpty() || token.isEmpty()) {
            return done(error(Status.INVALID_PARAMETER, "userId, clientId and token are required"));
        }
        if (!kind.equals("native") && !kind.equals("js")) {
            return done(error(Status.INVALID_PARAMETER, "clientKind must be native or js"));
        }
        try {
            UserIds.check("userId", userId);
            ClientIds.check("clientId", clientId);
        } catch (StatusException e) {
            return done(error(e.status(), e.getMessage()));
        }
        return sessions.authenticate(userId, clientId, token)
                .thenApply(s -> HttpResult.envelope(Status.SUCCESS, Status.SUCCESS.message(),
                        answer(homeOf.apply(userId))))
                .exceptionally(e -> error(StatusException.statusOf(e), StatusException.messageOf(e)));
    }

    private static Map<String, Object> answer(NodeView home) {
        return AdvertisedJson.of(home.nodeId(), home.advertised());
    }

    private static HttpResult error(Status status, String msg) {
        return HttpResult.envelope(status, msg, null);
    }

    private static CompletableFuture<HttpResult> done(HttpResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
