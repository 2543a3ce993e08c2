package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Helpers of the field-limit tests: values at a limit in several scripts, and asserting a 251 refusal. */
final class Limits {

    /** U+1F600, two UTF-16 units: H2 counts it as two characters, PostgreSQL as one. */
    static final String EMOJI = "\uD83D\uDE00";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Limits() {
    }

    /** Values of exactly {@code max} characters: ASCII, accented letters (two UTF-8 bytes each) and emoji. */
    static List<String> atLimit(int max) {
        return List.of(fill("", "x", max), fill("", "\u00e9", max), fill("", EMOJI, max));
    }

    /** {@code prefix} then {@code unit} repeated (and an {@code x} when a unit does not fit) to {@code length}. */
    static String fill(String prefix, String unit, int length) {
        int left = length - prefix.length();
        return prefix + unit.repeat(left / unit.length()) + "x".repeat(left % unit.length());
    }

    /** The envelope or reply is 251 and its message contains {@code message} (which names the field). */
    static void assertRefused(JsonNode envelope, String message) {
        assertThat(envelope.path("code").asInt(-1)).as("code of %s", envelope).isEqualTo(251);
        assertThat(envelope.path("msg").asText()).contains(message);
    }

    /** A good request after a bad one: creating and reading a user still works. */
    static void assertServerApiWorks(TestNode node) {
        String userId = Fixtures.id("good");
        JsonNode created = node.admin().call("/admin/user/create", Map.of("userId", userId, "name", "good"));
        assertThat(created.path("code").asInt(-1)).as("create after a refused request: %s", created).isZero();
        JsonNode info = node.admin().call("/admin/user/get_info", Map.of("userId", userId));
        assertThat(info.path("result").path("name").asText()).isEqualTo("good");
    }

    /** {@code POST /route} on the client HTTP port; the JSON answer. */
    static JsonNode route(TestNode node, String userId, String clientId, String token)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("userId", userId, "clientId", clientId, "token", token));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/route"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** Connects a HiveMQ MQTT 5 client that must be refused; returns the server's CONNACK. */
    static Mqtt5ConnAck refusedConnect(TestNode node, String userId, String clientId, String token) {
        try (Mqtt5Peer p = Mqtt5Peer.create(node.mqttPort(), userId, clientId)) {
            Throwable t = catchThrowable(() -> p.tryConnect(token).get(10, TimeUnit.SECONDS));
            Throwable cause = t instanceof CompletionException || t instanceof ExecutionException ? t.getCause() : t;
            assertThat(cause).as("CONNECT must be refused").isInstanceOf(Mqtt5ConnAckException.class);
            return ((Mqtt5ConnAckException) cause).getMqttMessage();
        }
    }
}
