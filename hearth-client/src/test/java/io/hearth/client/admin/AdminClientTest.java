package io.hearth.client.admin;

import io.hearth.protocol.ApiSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hearth.client.HearthException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AdminClient against a JDK HttpServer on port 0 that checks signatures and answers canned envelopes. */
class AdminClientTest {

    private static final String SECRET = "123456";

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private AdminClient admin;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        admin = new AdminClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), SECRET,
                HttpClient.newHttpClient(), json, Clock.fixed(Instant.ofEpochMilli(1558350862502L), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String nonce = ex.getRequestHeaders().getFirst("nonce");
        String timestamp = ex.getRequestHeaders().getFirst("timestamp");
        String sign = ex.getRequestHeaders().getFirst("sign");
        String path = ex.getRequestURI().getPath();
        paths.add(path);
        byte[] in = ex.getRequestBody().readAllBytes();
        if (in.length > 0) {
            bodies.add(json.readTree(in));
        }
        String answer;
        if (!ApiSignature.sign(nonce, SECRET, timestamp).equals(sign)) {
            answer = "{\"code\":244,\"msg\":\"auth failure\"}";
        } else {
            answer = switch (path) {
                case "/admin/user/create" -> "{\"code\":0,\"msg\":\"success\",\"result\":{\"userId\":\"u1\",\"name\":\"n1\"}}";
                case "/admin/user/get_token" -> "{\"code\":0,\"msg\":\"success\",\"result\":{\"userId\":\"u1\",\"token\":\"T\"}}";
                case "/admin/message/send" -> "{\"code\":0,\"msg\":\"success\",\"result\":{\"messageUid\":42,\"timestamp\":7}}";
                case "/admin/health" -> "{\"code\":0,\"msg\":\"success\",\"result\":{\"status\":\"UP\"}}";
                default -> "{\"code\":253,\"msg\":\"not exist\"}";
            };
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    @Test
    void signsCallsAndUnwrapsResults() {
        assertThat(admin.createUser("u1", "n1", "Name One").path("name").asText()).isEqualTo("n1");
        assertThat(admin.getToken("u1", "phone-1", 2)).isEqualTo("T");
        JsonNode sent = admin.sendMessage("u1", 0, "u2", 0, Map.of("type", 1, "searchableContent", "hi"));
        assertThat(sent.path("messageUid").asLong()).isEqualTo(42);
        assertThat(admin.health().path("status").asText()).isEqualTo("UP");

        assertThat(paths).containsExactly("/admin/user/create", "/admin/user/get_token", "/admin/message/send",
                "/admin/health");
        assertThat(bodies.get(0).path("displayName").asText()).isEqualTo("Name One");
        assertThat(bodies.get(1).path("platform").asInt()).isEqualTo(2);
        JsonNode send = bodies.get(2);
        assertThat(send.path("conv").path("target").asText()).isEqualTo("u2");
        assertThat(send.path("payload").path("searchableContent").asText()).isEqualTo("hi");
    }

    @Test
    void nonZeroCodeThrowsHearthException() {
        assertThatThrownBy(() -> admin.post("/admin/nothing", Map.of()))
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(253));
        AdminClient wrongSecret = new AdminClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "other");
        assertThatThrownBy(() -> wrongSecret.getToken("u1", "c", 2))
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(244));
    }
}
