package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.ratelimit.KeyedLimit;
import io.hearth.server.transport.http.HttpCall;
import io.hearth.server.transport.http.HttpResult;
import io.hearth.server.transport.http.HttpRouter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An API on the public HTTP port signed by its caller with the caller's own secret (reference §5): the robot API
 * ({@code rid} header) and the channel API ({@code cid}). Headers {@code nonce}, {@code timestamp} (ms) and
 * {@code sign} = sha1hex(nonce|secret|timestamp); answers in the server API's envelope. Checks in the reference's
 * order: a missing header 239, over the caller's rate limit in 10 s 250, older than 2 h 243, an unknown caller
 * ({@link Rules#unknown}), a caller without secret ({@link Rules#noSecret}), a bad sign 244; a replayed call 243 (as
 * on the server API). Called on the connection's event loop.
 */
public final class SignedApi {

    /** An action: the caller's id (robot or channel) and the request body. */
    @FunctionalInterface
    public interface SignedAction {
        CompletableFuture<Object> handle(String callerId, JsonNode body);
    }

    /**
     * What differs between the signed APIs: the caller's header, the codes of an unknown caller and of one without
     * secret, the name of the rate limit in messages and metrics.
     */
    public record Rules(String header, Status unknown, Status noSecret, String limitName) {
    }

    private final Rules rules;
    private final java.util.function.Function<String, Optional<String>> secretOf;
    private final BlockingExecutor blocking;
    private final KeyedLimit limit;
    private final NonceLedger nonces;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, SignedAction> actions = new LinkedHashMap<>();

    /**
     * {@code secretOf} (blocking): the secret of a caller id, empty for an unknown caller; an empty or null secret is
     * a caller without one.
     */
    public SignedApi(Rules rules, java.util.function.Function<String, Optional<String>> secretOf,
                     BlockingExecutor blocking, KeyedLimit limit, NonceLedger nonces, Clock clock,
                     MeterRegistry metrics) {
        this.rules = rules;
        this.secretOf = secretOf;
        this.blocking = blocking;
        this.limit = limit;
        this.nonces = nonces;
        this.clock = clock;
        this.metrics = metrics;
    }

    public SignedApi action(String path, SignedAction action) {
        if (actions.putIfAbsent(path, action) != null) {
            throw new IllegalStateException("signed API path " + path + " registered twice");
        }
        return this;
    }

    /**
     * A path answered by a server API action, the body given the caller as {@code field} (the group
     * operations' {@code operator}, a send's {@code sender}, a user's {@code userId}).
     */
    public SignedApi delegate(String path, Function<String, AdminAction> admin, String adminPath, String field) {
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

    private CompletableFuture<HttpResult> handle(HttpCall call, SignedAction action) {
        String rid = call.header(rules.header());
        if (rid == null || rid.isBlank() || call.header("nonce") == null || call.header("timestamp") == null
                || call.header("sign") == null) {
            return refuse(Status.API_NOT_SIGNED, Status.API_NOT_SIGNED.message(), "unsigned");
        }
        if (!limit.tryAcquire(rid)) {
            return refuse(Status.OVER_FREQUENCY, "over frequency: more than " + rules.limitName() + " calls in 10 s",
                    "rate_limit");
        }
        // the age before the caller is looked up, as the reference (which always checks it)
        try {
            if (clock.millis() - Long.parseLong(call.header("timestamp").trim()) > AdminSignature.MAX_AGE_MILLIS) {
                return refuse(Status.SIGN_EXPIRED, Status.SIGN_EXPIRED.message(), "expired");
            }
        } catch (NumberFormatException e) {
            return refuse(Status.API_NOT_SIGNED, Status.API_NOT_SIGNED.message(), "unsigned");
        }
        return blocking.supply(() -> secretOf.apply(rid)).thenComposeAsync(found -> {
            if (found == null || found.isEmpty()) {
                return refuse(rules.unknown(), rules.header() + " " + rid + " not exist", "unknown");
            }
            String secret = found.get();
            if (secret.isEmpty()) {
                return refuse(rules.noSecret(), rules.header() + " " + rid + " has no secret", "no_secret");
            }
            AdminSignature.Checked sig = new AdminSignature(secret, false, AdminSignature.MAX_AGE_MILLIS,
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

    private CompletableFuture<HttpResult> run(HttpCall call, String rid, SignedAction action) {
        return AdminApi.answer(call, body -> action.handle(rid, body));
    }

    private CompletableFuture<HttpResult> refuse(Status status, String message, String reason) {
        metrics.counter("hearth.signed_api.refused", "api", rules.header(), "reason", reason).increment();
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", status.code());
        inner.put("msg", message);
        return CompletableFuture.completedFuture(HttpResult.envelope(status, message, inner));
    }
}
