package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.common.ThrottledLog;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * The server (admin) API on {@code http.admin.port}: every {@code POST /admin/...} action behind the signature
 * check and the replay check ({@link NonceLedger}), answered in the reference's envelope {@code {code,msg,result}}
 * with HTTP 200. Pre-check failures (239, 243, 244, 250) nest the error in {@code result} as the reference does; each
 * is counted in {@code hearth.admin.refused{reason}}. Called on the connection's event loop, and comes back to it
 * when a shared ledger answers on a cluster thread.
 */
public final class AdminApi {

    private static final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(AdminApi.class), 10,
            TimeUnit.SECONDS);

    private final AdminSignature signature;
    private final NonceLedger nonces;
    private final MeterRegistry metrics;
    private final BooleanSupplier rateLimit;
    private final Map<String, AdminAction> actions = new LinkedHashMap<>();

    /** {@code rateLimit} answers whether one more call is within {@code http.admin.rate_limit} (and counts it). */
    public AdminApi(AdminSignature signature, NonceLedger nonces, MeterRegistry metrics, BooleanSupplier rateLimit) {
        this.signature = signature;
        this.nonces = nonces;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
    }

    /** Adds an action; {@code IllegalStateException} when the path already has one. */
    public AdminApi action(String path, AdminAction action) {
        if (actions.putIfAbsent(path, action) != null) {
            throw new IllegalStateException("server API path " + path + " registered twice");
        }
        return this;
    }

    /** The action of {@code path}, or null (the robot API answers some of its paths with these). */
    public AdminAction find(String path) {
        return actions.get(path);
    }

    /** Adds every action as {@code POST path} to the router. */
    public void register(HttpRouter router) {
        actions.forEach((path, action) -> router.route("POST", path, call -> handle(call, action)));
    }

    private CompletableFuture<HttpResult> handle(HttpCall call, AdminAction action) {
        if (!rateLimit.getAsBoolean()) { // first, as in the reference: before the signature costs a SHA-1
            return refuse(Status.OVER_FREQUENCY, "over frequency: more than http.admin.rate_limit calls in 10 s",
                    "rate_limit");
        }
        AdminSignature.Checked sig = signature.check(call);
        if (!sig.passed()) {
            return refuse(sig.status(), sig.message(), sig.reason());
        }
        CompletableFuture<NonceLedger.Use> use;
        try {
            use = nonces.firstUse(sig.fingerprint(), sig.rememberUntil());
        } catch (RuntimeException e) {
            use = CompletableFuture.failedFuture(e);
        }
        BiFunction<NonceLedger.Use, Throwable, CompletableFuture<HttpResult>> next = (u, error) -> {
            if (error != null) {
                log.warn("{} refused: the replay check failed", call.path(), error);
                return refuse(Status.SERVER_ERROR, "replay check unavailable", "ledger_unavailable");
            }
            return switch (u) {
                case FIRST -> run(call, action);
                case REPLAY -> refuse(Status.SIGN_EXPIRED, "nonce already used", "replay");
                case FULL -> refuse(Status.OVER_FREQUENCY,
                        "too many signed calls within the replay window; try again later", "ledger_full");
            };
        };
        return (use.isDone() ? use.handle(next) : use.handleAsync(next, call.loop())).thenCompose(f -> f);
    }

    private CompletableFuture<HttpResult> refuse(Status status, String message, String reason) {
        metrics.counter("hearth.admin.refused", "reason", reason).increment();
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", status.code());
        inner.put("msg", message);
        return CompletableFuture.completedFuture(HttpResult.envelope(status, message, inner));
    }

    private CompletableFuture<HttpResult> run(HttpCall call, AdminAction action) {
        return answer(call, action);
    }

    /**
     * Parses the call's JSON body (an empty one is {@code {}}; one that is not JSON 251), runs {@code action} and
     * answers in the envelope, a failure with its status (a server error logged): for every signed API.
     */
    static CompletableFuture<HttpResult> answer(HttpCall call, AdminAction action) {
        JsonNode body;
        try {
            body = call.body().length == 0 ? HttpResult.JSON.createObjectNode() : HttpResult.JSON.readTree(call.body());
            if (body == null || body.isNull() || body.isMissingNode()) {
                body = HttpResult.JSON.createObjectNode();
            }
        } catch (IOException e) {
            return CompletableFuture.completedFuture(
                    HttpResult.envelope(Status.INVALID_PARAMETER, HttpResult.notJson(call.body(), e), null));
        }
        CompletableFuture<Object> result;
        try {
            result = action.handle(body);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, error) -> {
            if (error == null) {
                return HttpResult.envelope(Status.SUCCESS, Status.SUCCESS.message(), value);
            }
            Status s = StatusException.statusOf(error);
            if (s == Status.SERVER_ERROR) {
                log.warn(call.path(), "{} failed", call.path(), error);
            }
            return HttpResult.envelope(s, StatusException.messageOf(error), null);
        });
    }
}
