package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.ANDROID;
import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.Fixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.ApiSignature;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server (admin) API as an app server calls it over raw HTTP, with the reference's (WildfireChat) signature,
 * envelope, status codes and field names; plus the client HTTP port: {@code /route} and {@code /api/version}.
 */
class ServerApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long TWO_HOURS = 2 * 60 * 60 * 1000L;

    private static TestNode node;

    @BeforeAll
    static void startNode() {
        node = TestNode.start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    // ---- users ----

    @Test
    void createdUserCanBeReadByIdNameAndMobileWithTheReferenceFieldNames() {
        String userId = id("erin");
        String name = id("erin-name");
        String mobile = "1" + Math.abs(userId.hashCode());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("name", name);
        body.put("displayName", "Erin E.");
        body.put("mobile", mobile);
        body.put("email", "erin@example.com");
        body.put("gender", 2);
        body.put("extra", "{\"vip\":true}");

        JsonNode created = node.admin().call("/admin/user/create", body);

        assertThat(created.path("code").asInt(-1)).isZero();
        assertThat(created.path("result").path("userId").asText()).isEqualTo(userId);
        for (Map<String, Object> query : List.<Map<String, Object>>of(Map.of("userId", userId), Map.of("name", name),
                Map.of("mobile", mobile))) {
            JsonNode info = node.admin().call("/admin/user/get_info", query);
            assertThat(info.path("code").asInt(-1)).as("get_info %s", query).isZero();
            JsonNode u = info.path("result");
            assertThat(u.path("userId").asText()).isEqualTo(userId);
            assertThat(u.path("name").asText()).isEqualTo(name);
            assertThat(u.path("displayName").asText()).isEqualTo("Erin E.");
            assertThat(u.path("mobile").asText()).isEqualTo(mobile);
            assertThat(u.path("email").asText()).isEqualTo("erin@example.com");
            assertThat(u.path("gender").asInt()).isEqualTo(2);
            assertThat(u.path("extra").asText()).isEqualTo("{\"vip\":true}");
            assertThat(u.path("type").asInt(-1)).isZero();
            assertThat(u.has("updateDt")).isTrue();
        }
    }

    @Test
    void createWithoutUserIdGeneratesOne() {
        JsonNode created = node.admin().call("/admin/user/create", Map.of("name", id("anon")));

        assertThat(created.path("code").asInt(-1)).isZero();
        String userId = created.path("result").path("userId").asText();
        assertThat(userId).isNotEmpty();
        assertThat(node.admin().call("/admin/user/get_info", Map.of("userId", userId)).path("code").asInt(-1))
                .isZero();
    }

    @Test
    void unknownUserIs253() {
        assertThat(code(node.admin().call("/admin/user/get_info", Map.of("userId", id("nobody"))))).isEqualTo(253);
        assertThat(code(node.admin().call("/admin/user/get_info", Map.of("name", id("nobody"))))).isEqualTo(253);
        assertThat(code(node.admin().call("/admin/user/get_info", Map.of("mobile", "000" + id("x"))))).isEqualTo(253);
    }

    // ---- signature ----

    @Test
    void missingSignatureHeadersAre239() {
        String nonce = "n1";
        String ts = Long.toString(System.currentTimeMillis());
        String sign = ApiSignature.sign(nonce, node.secret(), ts);
        Map<String, Object> body = Map.of("userId", id("x"));

        assertThat(code(callWith(body, Map.of("timestamp", ts, "sign", sign)))).isEqualTo(239);
        assertThat(code(callWith(body, Map.of("nonce", nonce, "sign", sign)))).isEqualTo(239);
        assertThat(code(callWith(body, Map.of("nonce", nonce, "timestamp", ts)))).isEqualTo(239);
        assertThat(code(callWith(body, Map.of()))).isEqualTo(239);
    }

    @Test
    void timestampOlderThanTwoHoursIs243() {
        String nonce = "n2";
        String ts = Long.toString(System.currentTimeMillis() - TWO_HOURS - 60_000);

        JsonNode r = callWith(Map.of("name", id("late")),
                Map.of("nonce", nonce, "timestamp", ts, "sign", ApiSignature.sign(nonce, node.secret(), ts)));

        assertThat(code(r)).isEqualTo(243);
    }

    @Test
    void badSignatureIs244() {
        String nonce = "n3";
        String ts = Long.toString(System.currentTimeMillis());

        JsonNode wrongSecret = callWith(Map.of("name", id("x")),
                Map.of("nonce", nonce, "timestamp", ts, "sign", ApiSignature.sign(nonce, "not-the-secret", ts)));
        JsonNode garbage = callWith(Map.of("name", id("x")),
                Map.of("nonce", nonce, "timestamp", ts, "sign", "0123456789abcdef0123456789abcdef01234567"));

        assertThat(code(wrongSecret)).isEqualTo(244);
        assertThat(code(garbage)).isEqualTo(244);
    }

    @Test
    void referenceTestVectorAndOldTimestampsAreAcceptedWithNoCheckTime() {
        assertThat(ApiSignature.sign("76616", "123456", "1558350862502"))
                .isEqualTo("b98f9b0717f59febccf1440067a7f50d9b31bdde");
        try (TestNode lenient = TestNode.start(Map.of("http.admin.no_check_time", true))) {
            JsonNode r = lenient.admin().callWithHeaders("/admin/user/create", Map.of("name", id("vector")),
                    Map.of("nonce", "76616", "timestamp", "1558350862502",
                            "sign", "b98f9b0717f59febccf1440067a7f50d9b31bdde"));

            assertThat(code(r)).isZero();
            assertThat(r.path("result").path("userId").asText()).isNotEmpty();

            String nonce = "n4";
            String ts = Long.toString(System.currentTimeMillis() - TWO_HOURS - 60_000);
            JsonNode late = lenient.admin().callWithHeaders("/admin/user/create", Map.of("name", id("late")),
                    Map.of("nonce", nonce, "timestamp", ts, "sign", ApiSignature.sign(nonce, lenient.secret(), ts)));
            assertThat(code(late)).isZero();
        }
    }

    // ---- missing fields ----

    @Test
    void missingRequiredFieldsAre251() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        Map<String, Object> payload = Map.of("type", 1, "searchableContent", "hi");
        Map<String, Object> conv = Map.of("type", 0, "target", bob.userId(), "line", 0);

        assertThat(code(node.admin().call("/admin/user/create", Map.of("userId", id("noname"))))).isEqualTo(251);
        assertThat(code(node.admin().call("/admin/user/get_token", Map.of("userId", alice.userId(),
                "platform", ANDROID)))).isEqualTo(251);
        assertThat(code(node.admin().call("/admin/message/send", Map.of("conv", conv, "payload", payload))))
                .isEqualTo(251);
        assertThat(code(node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                "conv", Map.of("type", 0), "payload", payload)))).isEqualTo(251);
        assertThat(code(node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                "payload", payload)))).isEqualTo(251);
        assertThat(code(node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                "conv", conv)))).isEqualTo(251);
    }

    // ---- messages ----

    @Test
    void sentMessageCanBeReadBackWithGetOne() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", 1);
        payload.put("searchableContent", "hello from the app server");
        payload.put("persistFlag", 3);
        payload.put("extra", "x-1");

        JsonNode sent = node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                "conv", Map.of("type", 0, "target", bob.userId(), "line", 0), "payload", payload));

        assertThat(code(sent)).isZero();
        long uid = sent.path("result").path("messageUid").asLong();
        assertThat(uid).isNotZero();
        assertThat(sent.path("result").path("timestamp").asLong()).isPositive();

        JsonNode one = node.admin().call("/admin/message/get_one", Map.of("messageUid", uid));
        assertThat(code(one)).isZero();
        JsonNode m = one.path("result");
        assertThat(m.path("messageId").asLong()).isEqualTo(uid);
        assertThat(m.path("sender").asText()).isEqualTo(alice.userId());
        assertThat(m.path("conv").path("type").asInt(-1)).isZero();
        assertThat(m.path("conv").path("target").asText()).isEqualTo(bob.userId());
        assertThat(m.path("conv").path("line").asInt(-1)).isZero();
        assertThat(m.path("payload").path("type").asInt()).isEqualTo(1);
        assertThat(m.path("payload").path("searchableContent").asText()).isEqualTo("hello from the app server");
        assertThat(m.path("payload").path("persistFlag").asInt()).isEqualTo(3);
        assertThat(m.path("payload").path("extra").asText()).isEqualTo("x-1");
        assertThat(m.path("timestamp").asLong()).isEqualTo(sent.path("result").path("timestamp").asLong());
    }

    @Test
    void getOneOfAnUnknownMessageIs253() {
        assertThat(code(node.admin().call("/admin/message/get_one", Map.of("messageUid", 123456789L))))
                .isEqualTo(253);
    }

    // ---- online status ----

    @Test
    void onlineStatusFollowsTheConnection() {
        Login alice = newUser(node, "alice");
        try (Mqtt5Peer a = Fixtures.online(node, alice)) {
            assertThat(statusOf(alice)).isEqualTo(0);
        }
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10))
                .until(() -> statusOf(alice) == 1);
    }

    private static int statusOf(Login login) {
        JsonNode r = node.admin().call("/admin/user/onlinestatus", Map.of("userId", login.userId()));
        assertThat(code(r)).isZero();
        for (JsonNode s : r.path("result").path("sessions")) {
            if (s.path("clientId").asText().equals(login.clientId())) {
                assertThat(s.path("platform").asInt()).isEqualTo(ANDROID);
                return s.path("status").asInt(-1);
            }
        }
        throw new AssertionError("no session " + login.clientId() + " in " + r);
    }

    // ---- health, route, version ----

    @Test
    void healthNeedsNoSignatureAndNamesTheNode() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(code(body)).isZero();
        assertThat(body.path("result").path(0).path("node").asText()).isEqualTo("1");
    }

    @Test
    void routeAnswersThisNodesAddressForAGoodToken() throws Exception {
        Login alice = newUser(node, "alice");

        HttpResponse<String> r = route(Map.of("userId", alice.userId(), "clientId", alice.clientId(),
                "token", alice.token(), "platform", ANDROID, "clientKind", "native"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        JsonNode body = JSON.readTree(r.body());
        assertThat(code(body)).isZero();
        JsonNode result = body.path("result");
        assertThat(result.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(result.path("longPort").asInt()).isEqualTo(node.mqttPort());
        assertThat(result.path("wsPort").asInt()).isEqualTo(node.wsPort());
        assertThat(result.has("shortPort")).isTrue();
        assertThat(result.has("wssPort")).isFalse();
    }

    @Test
    void routeRefusesBadTokensKickedSessionsAndMissingFields() throws Exception {
        Login alice = newUser(node, "alice");

        JsonNode bad = JSON.readTree(route(Map.of("userId", alice.userId(), "clientId", alice.clientId(),
                "token", "v1.bad.token")).body());
        JsonNode missing = JSON.readTree(route(Map.of("userId", alice.userId(), "token", alice.token())).body());
        JsonNode notJson = JSON.readTree(routeRaw("this is not json").body());
        node.admin().token(alice.userId(), id("alice-phone2"), ANDROID);
        JsonNode kicked = JSON.readTree(route(Map.of("userId", alice.userId(), "clientId", alice.clientId(),
                "token", alice.token())).body());

        assertThat(code(bad)).isEqualTo(6);
        assertThat(code(missing)).isEqualTo(251);
        assertThat(code(notJson)).isEqualTo(251);
        assertThat(code(kicked)).isEqualTo(7);
    }

    @Test
    void routeAnswersCorsPreflight() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/route"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isBetween(200, 204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void versionNamesThisNodeAndTheLiveNodes() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/version"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("nodeId").asInt()).isEqualTo(1);
        assertThat(body.path("liveNodeIds").isArray()).isTrue();
        assertThat(body.path("liveNodeIds")).extracting(JsonNode::asInt).containsExactly(1);
    }

    // ---- helpers ----

    private static int code(JsonNode envelope) {
        return envelope.path("code").asInt(-1);
    }

    private static JsonNode callWith(Object body, Map<String, String> headers) {
        return node.admin().callWithHeaders("/admin/user/create", body, new HashMap<>(headers));
    }

    private static HttpResponse<String> route(Map<String, Object> body) throws Exception {
        return routeRaw(JSON.writeValueAsString(body));
    }

    private static HttpResponse<String> routeRaw(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/route"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
