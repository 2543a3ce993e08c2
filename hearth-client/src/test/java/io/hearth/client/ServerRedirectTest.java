package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.connection.ServerRedirect;
import io.hearth.client.transport.ClientPipeline;
import io.hearth.client.transport.Endpoint;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.PullMessageRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DISCONNECT 0x9C (Use another server) and 0x9D (Server moved), as a draining node sends them: the client reconnects
 * at once (no backoff) to the Server Reference, or else to where it connected before, resyncs from its last seq, and
 * does not treat it as a kick. Over EmbeddedChannels; time only moves when the test advances it.
 */
class ServerRedirectTest {

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final RecordingListener listener = new RecordingListener();
    private final List<ScriptedServer> servers = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private ClientConfig config;
    private HearthClient client;

    @BeforeEach
    void setUp() {
        config = HearthClient.builder()
                .directAddress("node-a.test", 1883)
                .userId("alice").clientId("phone-1").token("tok-1").platform(Platforms.ANDROID)
                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .listener(listener)
                .config();
        client = new HearthClient(config, loop.eventLoop(), this::open, null);
    }

    @AfterEach
    void tearDown() {
        client.close();
        servers.forEach(ScriptedServer::releaseAll);
        servers.forEach(s -> s.client.finishAndReleaseAll());
    }

    private CompletableFuture<Channel> open(Endpoint endpoint, ChannelHandler handler) {
        endpoints.add(endpoint);
        EmbeddedChannel channel = new EmbeddedChannel();
        ClientPipeline.addMqttTail(channel.pipeline(), config, handler);
        servers.add(new ScriptedServer(channel));
        return CompletableFuture.completedFuture(channel);
    }

    private ScriptedServer server() {
        return servers.get(servers.size() - 1);
    }

    private void connected() {
        CompletableFuture<Void> connect = client.connect();
        server().acceptSession();
        server().reply(server().nextRequest(), EmbeddedClientTest.pullReply(1, 2, 2));
        assertThat(connect).isCompleted();
    }

    private void redirect(int reason, String reference) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, "node draining"));
        if (reference != null) {
            props.add(new MqttProperties.StringProperty(MqttProperties.SERVER_REFERENCE, reference));
        }
        server().send(MqttMessageBuilders.disconnect().reasonCode((byte) reason).properties(props).build());
    }

    @Test
    void useAnotherServerReconnectsAtOnceToTheReferenceAndResyncsFromLastSeq() throws Exception {
        connected();
        redirect(0x9C, "node-b.test:1884");

        assertThat(servers).hasSize(2); // no time has passed: no backoff
        assertThat(endpoints.get(1)).isEqualTo(new Endpoint("node-b.test", 1884, Transport.TCP));
        server().acceptSession();
        ScriptedServer.Request pull = server().nextRequest();
        assertThat(PullMessageRequest.parseFrom(pull.payload()).getSinceSeq()).isEqualTo(2);
        server().reply(pull, EmbeddedClientTest.pullReply(3, 3, 3));

        assertThat(client.isConnected()).isTrue();
        assertThat(listener.delivered).containsExactly(1L, 2L, 3L);
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "disconnected", "messages[3]",
                "connected");
        assertThat(listener.disconnectCauses.get(0)).isInstanceOf(ServerRedirect.class);
    }

    @Test
    void serverMovedWithoutReferenceReconnectsAtOnceTheUsualWay() {
        connected();
        redirect(0x9D, null);

        assertThat(servers).hasSize(2);
        assertThat(endpoints.get(1)).isEqualTo(new Endpoint("node-a.test", 1883, Transport.TCP));
        server().acceptSession();
        server().reply(server().nextRequest(), EmbeddedClientTest.pullReply(3, 2, 2));
        assertThat(client.isConnected()).isTrue();
        assertThat(listener.events).noneMatch(e -> e.startsWith("kicked"));
    }

    @Test
    void aRedirectDuringConnectIsFollowedAndEndlessRedirectsFallBackToBackoff() {
        CompletableFuture<Void> connect = client.connect();
        for (int i = 0; i < 3; i++) {
            server().acceptSession();
            redirect(0x9C, "node-" + i + ".test:1883");
        }
        assertThat(servers).hasSize(4);
        assertThat(endpoints.get(3).host()).isEqualTo("node-2.test");
        server().acceptSession();
        redirect(0x9C, "node-3.test:1883"); // a fourth redirect in a row is not followed
        assertThat(servers).hasSize(4);
        assertThat(connect).isCompletedExceptionally();
        loop.advanceTimeBy(1, TimeUnit.MINUTES);
        loop.runScheduledPendingTasks();
        assertThat(servers).hasSize(4);
    }

    @Test
    void serverReferenceParsing() {
        assertThat(new ServerRedirect(0x9C, "10.0.0.2:1883", null).endpoint(Transport.TCP))
                .contains(new Endpoint("10.0.0.2", 1883, Transport.TCP));
        assertThat(new ServerRedirect(0x9C, "[::1]:8083 other:1", null).endpoint(Transport.WEBSOCKET))
                .contains(new Endpoint("::1", 8083, Transport.WEBSOCKET));
        for (String bad : new String[] {"", "host", "host:", ":1883", "host:x", "host:70000", "::1:1883"}) {
            assertThat(new ServerRedirect(0x9C, bad, null).endpoint(Transport.TCP)).as(bad).isEmpty();
        }
        assertThat(new ServerRedirect(0x9D, null, null).endpoint(Transport.TCP)).isEmpty();
    }
}
