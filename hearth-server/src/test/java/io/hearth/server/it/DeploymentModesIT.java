package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.deploy.check.CheckOptions;
import io.hearth.server.deploy.check.CheckResult;
import io.hearth.server.deploy.check.Doctor;
import io.hearth.server.deploy.nginx.Mode;
import io.hearth.server.testing.Closer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two cluster modes end to end, each a {@link Deployed}: three nodes behind real nginx, configured only from
 * what {@code hearth nginx} generates. Clients know nothing but the entry address: they call {@code /route} through
 * nginx, connect where it sends them (straight to a node in direct mode, through nginx in single-entry mode) and
 * exchange messages with users whose home is another node. Then {@code hearth check} must pass against the
 * deployment and fail, with the fix, on the classic mistakes.
 */
class DeploymentModesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Mode, Deployed> DEPLOYMENTS = new EnumMap<>(Mode.class);
    @RegisterExtension
    final Closer closing = new Closer();

    /** One deployment per mode, shared by the tests of that mode (three JVM nodes and nginx take seconds). */
    private static synchronized Deployed deployed(Mode mode) {
        return DEPLOYMENTS.computeIfAbsent(mode, Deployed::start);
    }

    @AfterAll
    static void stopDeployments() {
        DEPLOYMENTS.values().forEach(Deployed::close);
        DEPLOYMENTS.clear();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anSdkOverTcpAndAThirdPartyClientOverWebSocketTalkAcrossNodesThroughTheEntry(Mode mode) throws Exception {
        Deployed d = deployed(mode);
        Login alice = login(d, "alice", 0);
        Login bob = login(d, "bob", alice.home);
        JsonNode aliceRoute = route(d.http(), alice, "native", null);
        JsonNode bobRoute = route(d.http(), bob, "js", null);

        // where the route sends each client is the point of the mode
        if (mode == Mode.DIRECT) {
            assertThat(aliceRoute.path("host").asText()).isEqualTo(Deployed.hostOf(alice.home));
            assertThat(aliceRoute.path("longPort").asInt()).isEqualTo(d.node(alice.home).mqttPort());
        } else {
            assertThat(aliceRoute.path("host").asText()).isEqualTo(Deployed.ENTRY);
            assertThat(aliceRoute.path("longPort").asInt()).isEqualTo(entryPorts(d, alice.home).longPort());
        }
        assertThat(bobRoute.path("wsHost").asText()).isEqualTo(Deployed.ENTRY);
        assertThat(bobRoute.path("wsPort").asInt()).isEqualTo(entryPorts(d, bob.home).wsPort());

        Inbox aliceInbox = new Inbox();
        HearthClient aliceSdk = sdk(d.http(), alice, Transport.TCP, null, aliceInbox);
        Mqtt5ClientBuilder ws = Mqtt5Client.builder().serverHost(bobRoute.path("wsHost").asText())
                .serverPort(bobRoute.path("wsPort").asInt())
                .webSocketConfig().serverPath("/mqtt").subprotocol("mqtt").applyWebSocketConfig();
        Mqtt5Peer bobWs = Mqtt5Peer.connect(ws, bob.userId, bob.clientId, bob.token).subscribeDefaults();
        closing.keep(bobWs);

        long uid = aliceSdk.sendText(bob.userId, "hello through " + mode.label()).get(10, TimeUnit.SECONDS)
                .getMessageUid();
        MessagePush push = MessagePush.parseFrom(
                bobWs.awaitPublish(Topics.push(bob.userId, Topics.PUSH_MESSAGE)).getPayloadAsBytes());
        assertThat(push.getMessages(0).getMessageUid()).isEqualTo(uid);
        assertThat(push.getMessages(0).getContent().getSearchableContent()).isEqualTo("hello through " + mode.label());

        Reply reply = bobWs.call(Methods.MESSAGE_SEND, Fixtures.text(alice.userId, "hello back"));
        assertThat(reply.getCode()).isZero();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !aliceInbox.messages.isEmpty());
        assertThat(aliceInbox.messages.get(aliceInbox.messages.size() - 1).getContent().getSearchableContent())
                .isEqualTo("hello back");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withTlsTheHttpsRouteMqttOverTlsAndWssAreVerifiedByHostName(Mode mode) throws Exception {
        Deployed d = deployed(mode);
        SSLContext trust = d.pki.clientContext();
        Login carol = login(d, "carol", 0);
        Login dave = login(d, "dave", carol.home);
        JsonNode carolRoute = route(d.https(), carol, "native", trust);
        JsonNode daveRoute = route(d.https(), dave, "js", trust);
        if (mode == Mode.DIRECT) {
            // MQTT over TLS straight to the node, which serves it with its own key store
            assertThat(carolRoute.path("host").asText()).isEqualTo(Deployed.hostOf(carol.home));
            assertThat(carolRoute.path("sslPort").asInt()).isEqualTo(d.node(carol.home).server().sslPort());
        } else {
            // MQTT over TLS through nginx's stream pass-through to the node's unique port
            assertThat(carolRoute.path("host").asText()).isEqualTo(Deployed.ENTRY);
            assertThat(carolRoute.path("sslPort").asInt()).isEqualTo(entryPorts(d, carol.home).sslPort());
        }
        // WSS terminated by nginx on the node's secure proxy port
        assertThat(daveRoute.path("wsHost").asText()).isEqualTo(Deployed.ENTRY);
        assertThat(daveRoute.path("wssPort").asInt()).isEqualTo(entryPorts(d, dave.home).wssPort());

        Inbox carolInbox = new Inbox();
        Inbox daveInbox = new Inbox();
        HearthClient carolSdk = sdk(d.https(), carol, Transport.TCP, trust, carolInbox);
        HearthClient daveSdk = sdk(d.https(), dave, Transport.WEBSOCKET, trust, daveInbox);

        long uid = carolSdk.sendText(dave.userId, "secure " + mode.label()).get(10, TimeUnit.SECONDS)
                .getMessageUid();
        daveSdk.sendText(carol.userId, "secure reply").get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> !daveInbox.messages.isEmpty() && !carolInbox.messages.isEmpty());
        assertThat(daveInbox.messages.get(0).getMessageUid()).isEqualTo(uid);
        assertThat(carolInbox.messages.get(carolInbox.messages.size() - 1).getContent().getSearchableContent())
                .isEqualTo("secure reply");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hearthCheckPassesOverHttpAndHttps(Mode mode) {
        Deployed d = deployed(mode);
        for (String entry : List.of(d.http(), d.https())) {
            List<CheckResult> results = Doctor.run(CheckOptions.of(entry).withCa(d.pki.caPem()));
            assertThat(results).as(lines(results)).allMatch(CheckResult::ok);
            // every node was reached over every long-connection transport it advertises
            for (int id = 1; id <= Deployed.NODES; id++) {
                String node = "node " + id + " ";
                for (String leg : List.of("MQTT tcp", "MQTT/TLS", "WS ws://", "WSS wss://")) {
                    assertThat(results).as(lines(results)).anyMatch(r -> r.what().startsWith(node + leg));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hearthCheckNamesTheFixForAProxyWithoutUpgradeHeaders(Mode mode) {
        Deployed d = deployed(mode);
        try {
            d.startNginx(conf -> conf.replace("proxy_set_header Upgrade $http_upgrade;", "")
                    .replace("proxy_set_header Connection \"upgrade\";", "")
                    .replace("proxy_set_header Connection $connection_upgrade;", ""));
            List<CheckResult> results = Doctor.run(CheckOptions.of(d.http()).withCa(d.pki.caPem()));
            List<CheckResult> failed = results.stream().filter(r -> !r.ok()).toList();
            // every WS and WSS leg of every node, and nothing else
            assertThat(failed).as(lines(results)).hasSize(2 * Deployed.NODES)
                    .allMatch(r -> r.what().matches("node \\d (WS ws|WSS wss)://.*"));
            assertThat(failed).as(lines(results)).allMatch(r -> r.line().contains("instead of 101 Switching Protocols")
                    && r.line().contains("proxy_set_header Upgrade $http_upgrade;"));
        } finally {
            d.startNginx(conf -> conf);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hearthCheckFindsANodeWhoseWebSocketPortIsClosed(Mode mode) {
        Deployed d = deployed(mode);
        int closed = entryPorts(d, 3).wsPort();
        try {
            // node 3's WebSocket server block is missing from nginx (its ws and wss ports share it): nothing
            // listens where web clients are sent
            d.startNginx(conf -> withoutServerListeningOn(conf, closed));
            List<CheckResult> results = Doctor.run(CheckOptions.of(d.http()).withCa(d.pki.caPem()));
            List<CheckResult> failed = results.stream().filter(r -> !r.ok()).toList();
            assertThat(failed).as(lines(results)).isNotEmpty().allMatch(r -> r.what().startsWith("node 3 WS"));
            assertThat(failed).as(lines(results)).anyMatch(r -> r.line().contains(
                    "nothing listens on " + Deployed.ENTRY + ":" + closed + " (connection refused)")
                    && r.line().contains("fix: open the port"));
        } finally {
            d.startNginx(conf -> conf);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = "DIRECT")
    void hearthCheckRefusesLoopbackAddressesBehindAPublicEntry(Mode mode) {
        Deployed d = deployed(mode);
        // direct mode: nodes advertise their own addresses (127.0.0.11-13 here); behind a public entry that is
        // the classic mistake, and --expect-public treats the entry as public
        List<CheckResult> results = Doctor.run(CheckOptions.of(d.http()).withCa(d.pki.caPem()).withExpectPublic(true));
        List<CheckResult> failed = results.stream().filter(r -> !r.ok()).toList();
        assertThat(failed).as(lines(results)).isNotEmpty();
        assertThat(failed).as(lines(results)).anyMatch(r -> r.line().contains("127.0.0.11")
                && r.line().contains("server.ip"));
    }

    // ---- helpers ----

    /** The generated config without the server block that listens on {@code port}. */
    private static String withoutServerListeningOn(String conf, int port) {
        String[] lines = conf.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            if (lines[i].strip().startsWith("server {")) {
                int depth = 0;
                int j = i;
                StringBuilder block = new StringBuilder();
                do {
                    depth += count(lines[j], '{') - count(lines[j], '}');
                    block.append(lines[j]).append('\n');
                    j++;
                } while (depth > 0 && j < lines.length);
                if (!block.toString().matches("(?s).*listen\\s+[^;]*:" + port + "[ ;].*")) {
                    out.append(block);
                }
                i = j;
            } else {
                out.append(lines[i]).append('\n');
                i++;
            }
        }
        String result = out.toString();
        assertThat(result).as("a server block on port %d was removed", port).isNotEqualTo(conf + "\n");
        return result;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private static io.hearth.server.deploy.nginx.EntryPorts entryPorts(Deployed d, int nodeId) {
        return d.deployment.portsOf(d.deployment.nodes().get(nodeId - 1));
    }

    private static String lines(List<CheckResult> results) {
        return String.join("\n", results.stream().map(CheckResult::line).toList());
    }

    private record Login(String userId, String clientId, String token, int home) {
    }

    /** A new user whose home node (by the route through the entry) is not {@code otherThan}. */
    private static Login login(Deployed d, String prefix, int otherThan) throws Exception {
        for (int i = 0; i < 50; i++) {
            String user = Fixtures.id(prefix);
            d.node(1).admin().createUser(user);
            String client = user + "-dev";
            String token = d.node(1).admin().token(user, client, Platforms.ANDROID);
            Login probe = new Login(user, client, token, 0);
            int home = route(d.http(), probe, "native", null).path("nodeId").asInt();
            if (home != otherThan) {
                return new Login(user, client, token, home);
            }
        }
        throw new AssertionError("no user with a home other than node " + otherThan);
    }

    private static JsonNode route(String entry, Login login, String kind, SSLContext tls) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            b.sslContext(tls);
        }
        String body = JSON.writeValueAsString(Map.of("userId", login.userId, "clientId", login.clientId,
                "token", login.token, "clientKind", kind, "platform", Platforms.ANDROID));
        HttpResponse<String> r = b.build().send(HttpRequest.newBuilder(URI.create(entry + "/route"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("code").asInt()).as(r.body()).isZero();
        return answer.path("result");
    }

    private HearthClient sdk(String entry, Login login, Transport transport, SSLContext tls, Inbox inbox) {
        var b = HearthClient.builder().routeUrl(URI.create(entry))
                .userId(login.userId).clientId(login.clientId).token(login.token).platform(Platforms.ANDROID)
                .transport(transport).listener(inbox).backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        if (tls != null) {
            b.tls(tls);
        }
        HearthClient c = b.build();
        closing.keep(c);
        c.connect().orTimeout(15, TimeUnit.SECONDS).join();
        return c;
    }

    static final class Inbox implements HearthListener {
        final List<Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onMessages(List<Message> batch) {
            messages.addAll(batch);
        }
    }
}
