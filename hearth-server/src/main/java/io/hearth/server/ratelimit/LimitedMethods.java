package io.hearth.server.ratelimit;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.rpc.RpcMethod;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code client.request_rate_limit}: wraps every method of the RPC table so that a call beyond the limit of its
 * (user, client, method) fails with 250 before the method runs; the dispatcher answers 250 in the {@code Reply} and
 * PUBACK 0x97 (Quota exceeded) to an MQTT 5 QoS 1 request. Called on event loops; does not block.
 */
public final class LimitedMethods {

    /** The reference's window of the client limit. */
    public static final Duration WINDOW = Duration.ofSeconds(5);

    private LimitedMethods() {
    }

    /** Each refused call is counted in {@code hearth.rpc.rate_limited{method}}. */
    public static Map<String, RpcMethod> wrap(Map<String, RpcMethod> methods, KeyedLimit limit, MeterRegistry meters) {
        Map<String, RpcMethod> out = new LinkedHashMap<>();
        methods.forEach((name, method) -> out.put(name, (caller, request) -> {
            if (!limit.tryAcquire(caller.userId() + '\n' + caller.clientId() + '\n' + name)) {
                meters.counter("hearth.rpc.rate_limited", "method", name).increment();
                return CompletableFuture.failedFuture(new StatusException(Status.OVER_FREQUENCY,
                        "more than " + limit.permits() + " " + name + " requests in " + limit.window().toSeconds()
                                + " s; try again later"));
            }
            return method.call(caller, request);
        }));
        return Collections.unmodifiableMap(out);
    }
}
