package io.hearth.server.transport.http;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Exact-path routes of one HTTP port: {@code METHOD path} → endpoint. Built once at start, then read-only. */
public final class HttpRouter {

    /** One endpoint. Called on an event loop; blocking work must go to the blocking executor. */
    public interface Endpoint {
        CompletableFuture<HttpResult> handle(HttpCall call);
    }

    private final Map<String, Map<String, Endpoint>> routes = new HashMap<>();
    private final Map<String, String> responseHeaders;

    /** {@code responseHeaders} are added to every response of this port (e.g. CORS). */
    public HttpRouter(Map<String, String> responseHeaders) {
        this.responseHeaders = responseHeaders;
    }

    public HttpRouter route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, endpoint);
        return this;
    }

    /** The endpoint for the call, or a 404/405 answer. */
    CompletableFuture<HttpResult> dispatch(HttpCall call) {
        Map<String, Endpoint> byMethod = routes.get(call.path());
        if (byMethod == null) {
            return CompletableFuture.completedFuture(HttpResult.json(404, Map.of("code", 253, "msg", "not exist")));
        }
        Endpoint e = byMethod.get(call.method());
        if (e == null) {
            return CompletableFuture.completedFuture(
                    HttpResult.json(405, Map.of("code", 251, "msg", "method " + call.method() + " not allowed")));
        }
        try {
            return e.handle(call);
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    Map<String, String> responseHeaders() {
        return responseHeaders;
    }
}
