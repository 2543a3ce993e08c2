package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.ApiSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server API's replay ledger is the cluster's, not a node's: a header set accepted by node 1 is refused by
 * nodes 2 and 3 (an app server may call any node, and so may whoever captured its request).
 */
class ClusterReplayIT {

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aHeaderSetUsedOnOneNodeIsAReplayOnEveryOther() throws Exception {
        String nonce = UUID.randomUUID().toString();
        String ts = Long.toString(System.currentTimeMillis());
        Map<String, String> captured = Map.of("nonce", nonce, "timestamp", ts,
                "sign", ApiSignature.sign(nonce, "123456", ts));
        String body = "{\"userId\":\"nobody-" + nonce + "\"}";

        JsonNode first = post(cluster.node(1), body, captured);
        JsonNode onTwo = post(cluster.node(2), body, captured);
        JsonNode onThree = post(cluster.node(3), "{\"userId\":\"someone-else\"}", captured);

        assertThat(first.path("code").asInt()).as("first use: signature fine, user unknown").isEqualTo(253);
        assertThat(onTwo.path("code").asInt()).isEqualTo(243);
        assertThat(onTwo.path("msg").asText()).isEqualTo("nonce already used");
        assertThat(onThree.path("code").asInt()).isEqualTo(243);
        assertThat(post(cluster.node(2), body, fresh()).path("code").asInt()).as("a fresh call").isEqualTo(253);
    }

    private static Map<String, String> fresh() {
        String nonce = UUID.randomUUID().toString();
        String ts = Long.toString(System.currentTimeMillis());
        return Map.of("nonce", nonce, "timestamp", ts, "sign", ApiSignature.sign(nonce, "123456", ts));
    }

    private JsonNode post(NodeProcess node, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://" + node.host() + ":" + node.ports().admin() + "/admin/user/get_info"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
