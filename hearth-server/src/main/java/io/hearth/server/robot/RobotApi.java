package io.hearth.server.robot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.protocol.Status;
import io.hearth.server.admin.AdminAction;
import io.hearth.server.admin.AdminSignature;
import io.hearth.server.admin.NonceLedger;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.ratelimit.KeyedLimit;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import io.hearth.server.user.Robot;
import io.hearth.server.user.RobotStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The robot API on the public HTTP port (reference §5.1): {@code POST /robot/...}, signed by the robot with its own
 * secret ({@code rid}, {@code nonce}, {@code timestamp}, {@code sign} = sha1hex(nonce|secret|timestamp)), answered
 * in the server API's envelope. Checks in the reference's order: a missing header 239, over
 * {@code http.robot.rate_limit} calls per robot in 10 s 250, older than 2 h 243, unknown robot 253, a robot without
 * secret 248, a bad sign 244; a replayed call 243 (as on the server API). The robot acts as itself: what it sends
 * passes the rules a client's send passes. Called on the connection's event loop.
 */
public final class RobotApi {

    /** A robot action: the calling robot's id and the request body. */
    @FunctionalInterface
    public interface RobotAction {
        CompletableFuture<Object> handle(String robotId, JsonNode body);
    }

    private final RobotStore robots;
    private final BlockingExecutor blocking;
    private final KeyedLimit limit;
    private final NonceLedger nonces;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, RobotAction> actions = new LinkedHashMap<>();

    public RobotApi(RobotStore robots, BlockingExecutor blocking, KeyedLimit limit, NonceLedger nonces, Clock clock,
                    MeterRegistry metrics) {
        this.robots = robots;
        this.blocking = blocking;
        this.limit = limit;
        this.nonces = nonces;
        this.clock = clock;
        this.metrics = metrics;
    }

    public RobotApi action(String path, RobotAction action) {
        if (actions.putIfAbsent(path, action) != null) {
            throw new IllegalStateException("robot API path " + path + " registered twice");
        }
        return this;
    }

    /**
     * A robot path answered by a server API action, the body given the robot as {@code field} (the group
     * operations' {@code operator}, a send's {@code sender}, a user's {@code userId}).
     */
    public RobotApi delegate(String path, Function<String, AdminAction> admin, String adminPath, String field) {
        AdminAction target = admin.apply(adminPath);
        if (target == null) {
            throw new IllegalStateException("no server API action " + adminPath + " for " + path);
        }
        return action(path, (robot, body) -> {
            if (field == null) {
                return target.handle(body);
            }
            ObjectNode b = body.isObject() ? ((ObjectNode) body).deepCopy() : HttpResult.JSON.createObjectNode();
            b.put(field, robot);
            return target.handle(b);
        });
    }

    public void register(HttpRouter router) {
        actions.forEach((path, action) -> router.route("POST", path, call -> handle(call, action)));
    }

    private CompletableFuture<HttpResult> handle(HttpCall call, RobotAction action) {
        String rid = call.header("rid");
        if (rid == null || rid.isBlank() || call.header("nonce") == null || call.header("timestamp") == null
                || call.header("sign") == null) {
            return refuse(Status.API_NOT_SIGNED, Status.API_NOT_SIGNED.message(), "unsigned");
        }
        if (!limit.tryAcquire(rid)) {
            return refuse(Status.OVER_FREQUENCY, "over frequency: more than http.robot.rate_limit calls in 10 s",
                    "rate_limit");
        }
        return blocking.supply(() -> robots.find(rid)).thenComposeAsync(found -> {
            if (found.isEmpty()) {
                return refuse(Status.NOT_EXIST, "robot " + rid + " not exist", "unknown");
            }
            Robot robot = found.get();
            if (robot.secret() == null || robot.secret().isEmpty()) {
                return refuse(Status.NOT_RIGHT, "robot " + rid + " has no secret", "no_secret");
            }
            AdminSignature.Checked sig = new AdminSignature(robot.secret(), false, AdminSignature.MAX_AGE_MILLIS,
                    clock).check(call);
            if (!sig.passed()) {
                return refuse(sig.status(), sig.message(), sig.reason());
            }
            return nonces.firstUse(sig.fingerprint(), sig.rememberUntil()).thenComposeAsync(use -> switch (use) {
                case FIRST -> run(call, rid, action);
                case REPLAY -> refuse(Status.SIGN_EXPIRED, "nonce already used", "replay");
                case FULL -> refuse(Status.OVER_FREQUENCY, "too many signed calls; try again later", "ledger_full");
            }, call.loop());
        }, call.loop()).exceptionally(e -> HttpResult.envelope(StatusException.statusOf(e),
                StatusException.messageOf(e), null));
    }

    private CompletableFuture<HttpResult> run(HttpCall call, String rid, RobotAction action) {
        JsonNode body;
        try {
            body = call.body().length == 0 ? HttpResult.JSON.createObjectNode() : HttpResult.JSON.readTree(call.body());
            if (body == null || body.isMissingNode() || body.isNull()) {
                body = HttpResult.JSON.createObjectNode();
            }
        } catch (IOException e) {
            return CompletableFuture.completedFuture(
                    HttpResult.envelope(Status.INVALID_PARAMETER, HttpResult.notJson(call.body(), e), null));
        }
        CompletableFuture<Object> result;
        try {
            result = action.handle(rid, body);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, error) -> error == null
                ? HttpResult.envelope(Status.SUCCESS, Status.SUCCESS.message(), value)
                : HttpResult.envelope(StatusException.statusOf(error), StatusException.messageOf(error), null));
    }

    private CompletableFuture<HttpResult> refuse(Status status, String message, String reason) {
        metrics.counter("hearth.robot.refused", "reason", reason).increment();
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", status.code());
        inner.put("msg", message);
        return CompletableFuture.completedFuture(HttpResult.envelope(status, message, inner));
    }
}
