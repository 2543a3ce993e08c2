package io.hearth.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.ApiSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Calls the server API of a {@link TestNode} with raw HTTP: signed or with chosen headers, body as JSON. */
public final class AdminCaller {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestNode node;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong calls = new AtomicLong();

    AdminCaller(TestNode node) {
        this.node = node;
    }

    /** POSTs a correctly signed request; returns the whole envelope. */
    public JsonNode call(String path, Object body) {
        return callWithHeaders(path, body, freshSignature());
    }

    /**
     * Signature headers for one call: a nonce never used before by this JVM (the server refuses a header set it has
     * seen), the current time, and the sign.
     */
    public Map<String, String> freshSignature() {
        String nonce = System.nanoTime() + "-" + calls.incrementAndGet();
        String ts = Long.toString(System.currentTimeMillis());
        return Map.of("nonce", nonce, "timestamp", ts, "sign", ApiSignature.sign(nonce, node.secret(), ts));
    }

    /** POSTs with exactly these signature headers. */
    public JsonNode callWithHeaders(String path, Object body, Map<String, String> headers) {
        try {
            return callRaw(path, JSON.writeValueAsBytes(body), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs exactly these bytes as the body, with exactly these signature headers. */
    public JsonNode callRaw(String path, byte[] body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.adminUrl() + path))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a user with this id and name; fails the test if the server refuses. */
    public void createUser(String userId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("name", userId);
        expectOk(call("/admin/user/create", body));
    }

    /** Issues a token for (user, client, platform). */
    public String token(String userId, String clientId, int platform) {
        JsonNode r = expectOk(call("/admin/user/get_token",
                Map.of("userId", userId, "clientId", clientId, "platform", platform)));
        return r.get("result").get("token").asText();
    }

    private static JsonNode expectOk(JsonNode envelope) {
        if (envelope.get("code").asInt() != 0) {
            throw new IllegalStateException("server API refused: " + envelope);
        }
        return envelope;
    }
}
