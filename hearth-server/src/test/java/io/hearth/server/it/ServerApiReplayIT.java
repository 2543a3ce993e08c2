package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.ApiSignature;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A captured server API header set works once: the same nonce and timestamp again, on the same or another path with
 * another body, is refused (243 "nonce already used"); a timestamp far in the future is refused like a stale one;
 * a body with trailing content or a key given twice is 251; a full replay ledger answers 250. Each refusal leaves
 * nothing behind (no user created) and is counted in {@code hearth_admin_refused_total}.
 */
class ServerApiReplayIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestNode node;

    @RegisterExtension
    final Closer closing = new Closer();

    @BeforeAll
    static void startNode() {
        node = TestNode.start(Map.of("http.admin.max_clock_skew_seconds", 300));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theSameHeaderSetIsRefusedTheSecondTimeAlsoOnAnotherPathWithAnotherBody() {
        Map<String, String> captured = node.admin().freshSignature();
        String first = id("first");
        String mallory = id("mallory");

        JsonNode ok = node.admin().callWithHeaders("/admin/user/create", Map.of("name", first), captured);
        JsonNode again = node.admin().callWithHeaders("/admin/user/create", Map.of("name", first), captured);
        JsonNode elsewhere = node.admin().callWithHeaders("/admin/user/create", Map.of("name", mallory), captured);
        JsonNode otherPath = node.admin().callWithHeaders("/admin/user/get_info", Map.of("name", first), captured);

        assertThat(ok.path("code").asInt()).isZero();
        for (JsonNode refused : new JsonNode[] {again, elsewhere, otherPath}) {
            assertThat(refused.path("code").asInt()).isEqualTo(243);
            assertThat(refused.path("msg").asText()).isEqualTo("nonce already used");
            assertThat(refused.path("result").path("code").asInt()).isEqualTo(243);
        }
        assertThat(node.admin().call("/admin/user/get_info", Map.of("name", mallory)).path("code").asInt())
                .as("the replayed create did nothing").isEqualTo(253);
        assertThat(node.admin().call("/admin/user/get_info", Map.of("name", first)).path("code").asInt()).isZero();
        assertThat(metrics()).containsPattern("hearth_admin_refused_total\\{[^}]*reason=\"replay\"[^}]*\\} [1-9]");
    }

    @Test
    void theSignInUpperCaseIsTheSameCallAndStillAReplay() {
        Map<String, String> captured = node.admin().freshSignature();
        Map<String, String> upper = Map.of("nonce", captured.get("nonce"), "timestamp", captured.get("timestamp"),
                "sign", captured.get("sign").toUpperCase());

        assertThat(node.admin().callWithHeaders("/admin/user/create", Map.of("name", id("u")), captured)
                .path("code").asInt()).isZero();
        assertThat(node.admin().callWithHeaders("/admin/user/create", Map.of("name", id("u")), upper)
                .path("code").asInt()).isEqualTo(243);
    }

    @Test
    void aTimestampTenYearsAheadIs243AndOneMinuteAheadIsAccepted() {
        long tenYears = 10L * 365 * 24 * 3600 * 1000;
        String far = id("far");

        JsonNode future = node.admin().callWithHeaders("/admin/user/create", Map.of("name", far),
                signedAt(System.currentTimeMillis() + tenYears));
        JsonNode slightlyAhead = node.admin().callWithHeaders("/admin/user/create", Map.of("name", id("ahead")),
                signedAt(System.currentTimeMillis() + 60_000));

        assertThat(future.path("code").asInt()).isEqualTo(243);
        assertThat(future.path("msg").asText()).isEqualTo("sign expired: timestamp is in the future");
        assertThat(node.admin().call("/admin/user/get_info", Map.of("name", far)).path("code").asInt())
                .isEqualTo(253);
        assertThat(slightlyAhead.path("code").asInt()).isZero();
    }

    @Test
    void trailingContentAndDuplicateKeysAre251AndNothingHappens() {
        String name = id("garbage");

        JsonNode trailing = node.admin().callRaw("/admin/user/create",
                ("{\"name\":\"" + name + "\"}garbage").getBytes(StandardCharsets.UTF_8), node.admin().freshSignature());
        JsonNode twoValues = node.admin().callRaw("/admin/user/create",
                ("{\"name\":\"" + name + "\"} {\"name\":\"x\"}").getBytes(StandardCharsets.UTF_8),
                node.admin().freshSignature());
        JsonNode duplicate = node.admin().callRaw("/admin/user/create",
                ("{\"name\":\"" + name + "\",\"name\":\"other\"}").getBytes(StandardCharsets.UTF_8),
                node.admin().freshSignature());

        assertThat(trailing.path("code").asInt()).isEqualTo(251);
        assertThat(trailing.path("msg").asText()).isEqualTo("body is not JSON: content after the JSON value");
        assertThat(twoValues.path("code").asInt()).isEqualTo(251);
        assertThat(duplicate.path("code").asInt()).isEqualTo(251);
        assertThat(duplicate.path("msg").asText()).isEqualTo("body is not JSON: a key appears twice in one object");
        assertThat(node.admin().call("/admin/user/get_info", Map.of("name", name)).path("code").asInt())
                .isEqualTo(253);
    }

    @Test
    void theRouteRefusesTrailingContentWith251() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/route"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"a\",\"clientId\":\"c\",\"token\":\"t\"}x"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.body()).contains("\"code\":251").contains("content after the JSON value");
    }

    @Test
    void aFullLedgerRefusesNewCallsWith250ButStillKnowsItsReplays() {
        TestNode small = closing.keep(TestNode.start(Map.of("http.admin.nonce_cache_size", 2)));
        Map<String, String> first = small.admin().freshSignature();

        assertThat(small.admin().callWithHeaders("/admin/user/create", Map.of("name", id("a")), first)
                .path("code").asInt()).isZero();
        assertThat(small.admin().call("/admin/user/create", Map.of("name", id("b"))).path("code").asInt()).isZero();
        JsonNode full = small.admin().call("/admin/user/create", Map.of("name", id("c")));
        JsonNode replay = small.admin().callWithHeaders("/admin/user/create", Map.of("name", id("a")), first);

        assertThat(full.path("code").asInt()).isEqualTo(250);
        assertThat(full.path("msg").asText()).contains("replay window");
        assertThat(replay.path("code").asInt()).isEqualTo(243);
    }

    private static Map<String, String> signedAt(long millis) {
        String nonce = UUID.randomUUID().toString();
        String ts = Long.toString(millis);
        return Map.of("nonce", nonce, "timestamp", ts, "sign", ApiSignature.sign(nonce, node.secret(), ts));
    }

    private static String metrics() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
