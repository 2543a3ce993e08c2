package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.PullSettingRequest;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code client.request_rate_limit} (here 5 per 5 s): the sixth request of one client to one method in a window is
 * answered 250 with PUBACK 0x97, other methods and other clients are not affected, and the client is served again
 * when the window ends. {@code http.admin.rate_limit} (here 3 per 10 s): the fourth server API call is 250 in the
 * nested envelope, and calls pass again after the window.
 */
class RateLimitIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("client.request_rate_limit", 5));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aClientOverItsLimitGets250AndPubAck0x97AndRecoversAfterTheWindow() {
        Login alice = Fixtures.newUser(node, "alice");
        String pcId = Fixtures.id("alice-pc");
        String pcToken = node.admin().token(alice.userId(), pcId, UserDevices.WINDOWS);
        try (Mqtt5Peer phone = Fixtures.online(node, alice);
             Mqtt5Peer pc = Mqtt5Peer.connect(node.mqttPort(), alice.userId(), pcId, pcToken).subscribeDefaults()) {
            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                Mqtt5Peer.Exchange ok = phone.exchange(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance());
                assertThat(ok.reply().getCode()).as("request %d", i + 1).isZero();
                assertThat(ok.pubAck()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            }
            Mqtt5Peer.Exchange over = phone.exchange(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance());
            assertThat(over.reply().getCode()).isEqualTo(250);
            assertThat(over.reply().getMsg()).contains("more than 5 session.info requests in 5 s");
            assertThat(over.pubAck()).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
            assertThat(metrics(node)).contains("hearth_rpc_rate_limited_total{method=\"session.info\"} 1.0");

            assertThat(phone.call(Methods.SETTING_PULL, PullSettingRequest.getDefaultInstance()).getCode())
                    .as("another method of the same client").isZero();
            assertThat(pc.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance()).getCode())
                    .as("the same method from another client of the user").isZero();

            await("served again after the window").atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200))
                    .until(() -> phone.exchange(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance())
                            .pubAck() == Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not before the 5 s window ended")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(4900));
        }
    }

    @Test
    void theServerApiOverItsLimitIs250InTheNestedEnvelopeAndRecovers() {
        // a node of its own: the node's 10 s windows start when it starts
        try (TestNode admin = TestNode.start(Map.of("http.admin.rate_limit", 3))) {
            serverApiLimit(admin);
        }
    }

    private static void serverApiLimit(TestNode admin) {
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(admin.admin().call("/admin/sensitive/query", Map.of()).path("code").asInt())
                    .as("call %d", i + 1).isZero();
        }
        JsonNode over = admin.admin().call("/admin/sensitive/query", Map.of());
        assertThat(over.path("code").asInt()).isEqualTo(250);
        assertThat(over.path("msg").asText()).contains("http.admin.rate_limit");
        assertThat(over.path("result").path("code").asInt()).isEqualTo(250);
        assertThat(over.path("result").path("msg").asText()).isEqualTo(over.path("msg").asText());
        // counted before the signature: an unsigned call is refused with 250 as well, not 239
        JsonNode unsigned = admin.admin().callWithHeaders("/admin/sensitive/query", Map.of(), Map.of());
        assertThat(unsigned.path("code").asInt()).isEqualTo(250);
        assertThat(metrics(admin)).as("/metrics is not counted")
                .contains("hearth_admin_refused_total{reason=\"rate_limit\"} 2.0");

        await("served again after the window").atMost(Duration.ofSeconds(13)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.admin().call("/admin/sensitive/query", Map.of()).path("code").asInt() == 0);
        // the window began while the node started, a little before the first call
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not before the 10 s window ended")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(8));
    }

    /** The node's {@code GET /metrics} text. */
    static String metrics(TestNode n) {
        try {
            HttpRequest get = HttpRequest.newBuilder(URI.create(n.adminUrl() + "/metrics")).build();
            return HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
