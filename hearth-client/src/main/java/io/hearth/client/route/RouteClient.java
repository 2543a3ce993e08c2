package io.hearth.client.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls the route API with {@link HttpClient} (asynchronously; the future completes on the HTTP client's threads).
 * Thread-safe.
 */
public final class RouteClient {

    private final HttpClient http;
    private final URI routeUri;
    private final ObjectMapper json;
    private final Duration timeout;

    public RouteClient(HttpClient http, URI routeUrl, ObjectMapper json, Duration timeout) {
        this.http = http;
        this.routeUri = routeUri(routeUrl);
        this.json = json;
        this.timeout = timeout;
    }

    /** {@code <routeUrl>/route}, whether or not the base URL ends with a slash. */
    static URI routeUri(URI routeUrl) {
        String base = routeUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "route");
    }

    /** Asks where to connect; fails with {@link HearthException} on a non-zero code. */
    public CompletableFuture<RouteResult> route(String userId, String clientId, String token, int platform,
            String clientKind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("clientId", clientId);
        body.put("token", token);
        body.put("platform", platform);
        body.put("clientKind", clientKind);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(routeUri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> parse(response.statusCode(), response.body()));
    }

    RouteResult parse(int httpStatus, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.has("code")) {
            throw new HearthException(Status.SERVER_ERROR, "route answered HTTP " + httpStatus + " without a status: "
                    + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
        }
        int code = root.path("code").asInt();
        if (code != Status.SUCCESS.code()) {
            throw new HearthException(code, root.path("msg").asText(Status.of(code).message()));
        }
        JsonNode r = root.path("result");
        if (!r.hasNonNull("host")) {
            throw new HearthException(Status.SERVER_ERROR, "route answer without result.host");
        }
        String host = r.path("host").asText();
        List<RouteResult.Backup> backups = new ArrayList<>();
        for (JsonNode b : r.path("backupAddresses")) {
            if (b.hasNonNull("host")) {
                backups.add(new RouteResult.Backup(b.path("host").asText(), b.path("shortPort").asInt(),
                        b.path("longPort").asInt(), b.path("wsPort").asInt()));
            }
        }
        return new RouteResult(host, r.path("longPort").asInt(), r.path("shortPort").asInt(),
                r.path("wsPort").asInt(), r.path("wssPort").asInt(0), r.path("sslPort").asInt(0),
                r.path("wsHost").asText(host), backups);
    }
}
