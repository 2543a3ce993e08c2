package io.hearth.client.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hearth.client.HearthException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteClientTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<JsonNode> lastBody = new AtomicReference<>();
    private final AtomicReference<String> answer = new AtomicReference<>();
    private HttpServer server;
    private RouteClient route;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/route", ex -> {
            lastBody.set(json.readTree(ex.getRequestBody().readAllBytes()));
            byte[] out = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        route = new RouteClient(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), json, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsTheSecurePortsTheWebSocketHostAndTheBackupAddresses() {
        answer.set("{\"code\":0,\"msg\":\"success\",\"result\":{\"nodeId\":2,\"host\":\"im.test\",\"longPort\":1883,"
                + "\"shortPort\":80,\"sslPort\":8883,\"wsHost\":\"ws.test\",\"wsPort\":18083,\"wssPort\":18084,"
                + "\"backupAddresses\":[{\"host\":\"10.1.1.1\",\"shortPort\":81,\"longPort\":1881,\"wsPort\":8081}]}}");
        RouteResult r = route.route("alice", "phone-1", "tok", 2, "js").join();
        assertThat(r).isEqualTo(new RouteResult("im.test", 1883, 80, 18083, 18084, 8883, "ws.test",
                List.of(new RouteResult.Backup("10.1.1.1", 81, 1881, 8081))));
    }

    @Test
    void postsTheSessionAndReadsTheNode() {
        answer.set("{\"code\":0,\"msg\":\"success\",\"result\":{\"host\":\"im.test\",\"longPort\":1883,"
                + "\"shortPort\":80,\"wsPort\":8083}}");
        RouteResult r = route.route("alice", "phone-1", "tok", 2, "native").join();
        assertThat(r).isEqualTo(new RouteResult("im.test", 1883, 80, 8083, 0));
        JsonNode body = lastBody.get();
        assertThat(body.path("userId").asText()).isEqualTo("alice");
        assertThat(body.path("clientId").asText()).isEqualTo("phone-1");
        assertThat(body.path("token").asText()).isEqualTo("tok");
        assertThat(body.path("platform").asInt()).isEqualTo(2);
        assertThat(body.path("clientKind").asText()).isEqualTo("native");
    }

    @Test
    void errorCodeFailsWithHearthException() {
        answer.set("{\"code\":6,\"msg\":\"token error\"}");
        CompletableFuture<RouteResult> f = route.route("alice", "phone-1", "bad", 2, "js");
        Throwable cause = f.handle((v, e) -> e).join().getCause();
        assertThat(cause).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.code()).isEqualTo(6);
            assertThat(e.getMessage()).isEqualTo("token error");
        });
    }

    @Test
    void routePathIsAppendedToTheBaseUrl() {
        assertThat(RouteClient.routeUri(URI.create("http://h:8080"))).hasToString("http://h:8080/route");
        assertThat(RouteClient.routeUri(URI.create("http://h/im/"))).hasToString("http://h/im/route");
    }
}
