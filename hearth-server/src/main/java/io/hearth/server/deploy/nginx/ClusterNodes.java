package io.hearth.server.deploy.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the live cluster's nodes from any node's server API, {@code GET /admin/nodes} (no signature; internal):
 * each node's {@code bound} host and ports become the addresses nginx forwards to, its advertised host the public
 * address of direct mode. Runs on the caller's thread.
 */
public final class ClusterNodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterNodes() {
    }

    /** {@code admin} is the server API base URL, e.g. {@code http://10.0.0.11:18080}. */
    public static List<Node> fetch(URI admin) {
        String base = admin.toString().endsWith("/") ? admin.toString() : admin + "/";
        URI uri = URI.create(base + "admin/nodes");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new NodeListException(uri + ": HTTP " + response.statusCode());
            }
            return parse(uri.toString(), response.body());
        } catch (IOException e) {
            throw new NodeListException(uri + ": cannot reach the server API: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeListException(uri + ": interrupted", e);
        }
    }

    /** Parses a {@code GET /admin/nodes} answer; {@code source} names it in errors. */
    public static List<Node> parse(String source, String body) {
        JsonNode nodes;
        try {
            JsonNode envelope = JSON.readTree(body);
            if (envelope == null || envelope.path("code").asInt(-1) != 0) {
                throw new NodeListException(source + ": answered " + body);
            }
            nodes = envelope.path("result").path("nodes");
        } catch (IOException e) {
            throw new NodeListException(source + ": not JSON: " + e.getMessage(), e);
        }
        List<Node> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            JsonNode bound = n.path("bound");
            String host = bound.path("host").asText("");
            String advertised = n.path("advertised").path("host").asText(host);
            try {
                out.add(new Node(n.path("nodeId").asInt(-1), host, advertised.isEmpty() ? host : advertised,
                        port(bound, "port"), port(bound, "localPort"), port(bound, "websocketPort"),
                        port(bound, "sslPort")));
            } catch (IllegalArgumentException e) {
                throw new NodeListException(source + ": node " + n + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new NodeListException(source + ": no nodes in " + body);
        }
        return List.copyOf(out);
    }

    private static int port(JsonNode bound, String field) {
        return bound.hasNonNull(field) ? bound.get(field).asInt() : Node.DISABLED;
    }
}
