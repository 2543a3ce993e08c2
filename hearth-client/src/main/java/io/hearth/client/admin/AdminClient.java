package io.hearth.client.admin;

import io.hearth.protocol.ApiSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.client.HearthException;
import io.hearth.protocol.Status;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking client of the server API. Every call is signed with the headers {@code nonce}, {@code timestamp} and
 * {@code sign}, and unwraps the {@code {code, msg, result}} envelope: a non-zero code throws
 * {@link HearthException}, an I/O failure {@link UncheckedIOException}. Thread-safe; do not call it on an event loop.
 */
public final class AdminClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final String secret;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;

    /** @param baseUrl the server API's base URL, e.g. {@code http://127.0.0.1:18080} */
    public AdminClient(URI baseUrl, String secret) {
        this(baseUrl, secret, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                new ObjectMapper(), Clock.systemUTC());
    }

    public AdminClient(URI baseUrl, String secret, HttpClient http, ObjectMapper json, Clock clock) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.secret = secret;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** {@code /admin/user/create}; returns the result {@code {userId, name}}. */
    public JsonNode createUser(String userId, String name, String displayName) {
        return post("/admin/user/create", Map.of("userId", userId, "name", name, "displayName", displayName));
    }

    /** {@code /admin/user/get_token}; returns the token for this user, client id and platform. */
    public String getToken(String userId, String clientId, int platform) {
        JsonNode result = post("/admin/user/get_token",
                Map.of("userId", userId, "clientId", clientId, "platform", platform));
        return result.path("token").asText();
    }

    /** {@code /admin/message/send}; returns the result {@code {messageUid, timestamp}}. */
    public JsonNode sendMessage(String sender, int convType, String target, int line, Map<String, ?> payload) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sender", sender);
        body.put("conv", Map.of("type", convType, "target", target, "line", line));
        body.put("payload", payload);
        return post("/admin/message/send", body);
    }

    /** POSTs {@code body} as JSON to {@code path} and returns the envelope's {@code result} (a missing node if none). */
    public JsonNode post(String path, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            return unwrap(send(signed(path).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET {@code /admin/health}: the envelope's {@code result} if the answer is an envelope, else the whole body. */
    public JsonNode health() {
        JsonNode root = send(signed("/admin/health").GET().build());
        return root.has("code") ? unwrap(root) : root;
    }

    private HttpRequest.Builder signed(String path) {
        String nonce = Integer.toString(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
        long timestamp = clock.millis();
        return HttpRequest.newBuilder(URI.create(baseUrl + (path.startsWith("/") ? path : "/" + path)))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("nonce", nonce)
                .header("timestamp", Long.toString(timestamp))
                .header("sign", ApiSignature.sign(nonce, secret, Long.toString(timestamp)));
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException(request.uri() + " interrupted"));
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + " failed", e);
        }
        try {
            JsonNode root = json.readTree(response.body());
            if (root == null || root.isMissingNode()) {
                throw new IOException("empty body");
            }
            return root;
        } catch (IOException e) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new HearthException(Status.SERVER_ERROR, request.uri() + " answered HTTP " + response.statusCode()
                    + " without JSON: " + body.substring(0, Math.min(body.length(), 200)));
        }
    }

    private static JsonNode unwrap(JsonNode root) {
        int code = root.path("code").asInt(Status.SERVER_ERROR.code());
        if (code != Status.SUCCESS.code()) {
            throw new HearthException(code, root.path("msg").asText(Status.of(code).message()));
        }
        return root.path("result");
    }
}
