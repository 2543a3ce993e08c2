package io.hearth.server.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.hearth.server.bootstrap.Main;
import io.hearth.server.testing.NginxProcess;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TestPki;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The generated files on the real Debian nginx: {@code nginx -t} accepts both modes with and without TLS and with
 * each way of loading the stream module; and nginx started with TLS in front of a real node configured with the
 * printed keys serves the client HTTP routes on the entry (HTTP and HTTPS) and, in single-entry mode, the node's
 * short port, answers 404 for {@code /admin}, and carries MQTT over WebSocket, secure WebSocket and, in single-entry
 * mode, TCP to the node.
 */
class NginxConfigIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRY = "127.0.0." + ThreadLocalRandom.current().nextInt(100, 200);

    @TempDir
    Path dir;

    /** Removes the prefixes' links to the system module directory, which JUnit would warn about. */
    @AfterEach
    void unlinkModules() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        }
    }

    static Stream<Arguments> variants() {
        return Stream.of(Arguments.of(Mode.DIRECT, false), Arguments.of(Mode.DIRECT, true),
                Arguments.of(Mode.SINGLE_ENTRY, false), Arguments.of(Mode.SINGLE_ENTRY, true));
    }

    @ParameterizedTest(name = "{0}, TLS {1}")
    @MethodSource("variants")
    void nginxAcceptsTheFile(Mode mode, boolean tls) throws Exception {
        List<Node> nodes = List.of(Node.of(1, "127.0.0.11"),
                Node.of(2, "127.0.0.12").withPorts(1883, 8080, 8083, 8883),
                Node.of(3, "127.0.0.13").withPorts(Node.DISABLED, 80, Node.DISABLED, Node.DISABLED));
        Deployment.Builder d = Deployment.builder(mode, ENTRY, nodes).listen(ENTRY).httpPort(20080)
                .httpsPort(20443).ports(PortPlan.from(21000, 200)).accessLog(dir.resolve("access.log").toString());
        if (tls) {
            d.tls(tls(pki(dir).server(ENTRY, ENTRY)));
        }
        Path conf = Files.writeString(dir.resolve("nginx.conf"), NginxConfig.render(d.build()));

        NginxProcess.test(NginxProcess.prefix(dir.resolve("prefix")), conf);
    }

    @Test
    void nginxLoadsTheStreamModuleByPathOrFromDebiansInclude() throws Exception {
        List<Node> nodes = List.of(Node.of(1, "127.0.0.11"));
        Path plainPrefix = Files.createDirectories(dir.resolve("no-modules-link"));
        Path byPath = Files.writeString(dir.resolve("by-path.conf"), NginxConfig.render(
                Deployment.builder(Mode.SINGLE_ENTRY, ENTRY, nodes).listen(ENTRY).httpPort(20080)
                        .streamModule(StreamModule.parse(NginxProcess.MODULES + "/ngx_stream_module.so")).build()));
        NginxProcess.test(plainPrefix, byPath);

        Path debian = Files.writeString(dir.resolve("debian.conf"), NginxConfig.render(
                Deployment.builder(Mode.SINGLE_ENTRY, ENTRY, nodes).listen(ENTRY).httpPort(20080).build()));
        NginxProcess.test(NginxProcess.prefix(dir.resolve("prefix")), debian);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void nginxWithTlsServesARealNodeConfiguredWithThePrintedKeys(Mode mode) throws Exception {
        TestPki pki = pki(dir);
        TestPki.Server cert = pki.server(ENTRY, ENTRY);
        int http = Ports.free(ENTRY);
        int https = Ports.free(ENTRY);
        PortPlan plan = new PortPlan(Ports.free(ENTRY) - 1, Ports.free(ENTRY) - 1, Ports.free(ENTRY) - 1,
                Ports.free(ENTRY) - 1, Ports.free(ENTRY) - 1);
        Map<String, Object> settings = new HashMap<>(NodeKeys.of(deployment(mode, Node.of(1, "127.0.0.1"), http,
                https, plan, cert), Node.of(1, "127.0.0.1")));
        settings.put("node_id", 1);
        try (TestNode node = TestNode.start(settings)) {
            Node bound = new Node(1, "127.0.0.1", "127.0.0.1", node.mqttPort(), node.httpPort(), node.wsPort(),
                    Node.DISABLED);
            Deployment d = deployment(mode, bound, http, https, plan, cert);
            EntryPorts p = d.portsOf(bound);
            Path prefix = NginxProcess.prefix(dir.resolve("prefix"));
            Path conf = Files.writeString(dir.resolve("nginx.conf"), NginxConfig.render(d));
            NginxProcess.test(prefix, conf);
            try (NginxProcess nginx = NginxProcess.start(prefix, conf, ENTRY, http)) {
                HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext())
                        .connectTimeout(Duration.ofSeconds(5)).build();
                List<String> bases = new ArrayList<>(List.of("http://" + ENTRY + ":" + http,
                        "https://" + ENTRY + ":" + https));
                if (p.httpPort() != Node.DISABLED) {
                    bases.add("http://" + ENTRY + ":" + p.httpPort());
                }
                for (String base : bases) {
                    HttpResponse<String> version = get(client, base + "/api/version");
                    assertThat(version.statusCode()).as(base + nginx.logs()).isEqualTo(200);
                    assertThat(withoutRunTime(version.body()))
                            .isEqualTo(withoutRunTime(get(client, node.httpUrl() + "/api/version").body()));
                    assertThat(get(client, base + "/admin/health").statusCode()).isEqualTo(404);
                    assertThat(get(client, base + "/admin").statusCode()).isEqualTo(404);
                    assertThat(get(client, base + "/").statusCode()).isEqualTo(404);
                }
                assertThat(get(client, node.adminUrl() + "/admin/health").statusCode())
                        .as("the node's own server API answers, so the 404 above is nginx's").isEqualTo(200);

                JsonNode advertised = JSON.readTree(get(client, "https://" + ENTRY + ":" + https + "/api/nodes").body())
                        .path("result").path("nodes").get(0);
                assertThat(advertised.path("host").asText()).isEqualTo(mode == Mode.DIRECT ? "127.0.0.1" : ENTRY);
                assertThat(advertised.path("wsHost").asText()).isEqualTo(ENTRY);
                assertThat(advertised.path("wsPort").asInt()).isEqualTo(p.wsPort());
                assertThat(advertised.path("wssPort").asInt()).isEqualTo(p.wssPort());
                if (mode == Mode.SINGLE_ENTRY) {
                    assertThat(advertised.path("longPort").asInt()).isEqualTo(p.longPort());
                    assertThat(advertised.path("shortPort").asInt()).isEqualTo(p.httpPort());
                }

                Login login = login(node);
                if (mode == Mode.SINGLE_ENTRY) {
                    assertThat(node.mqttPort()).isEqualTo(p.longPort());
                    assertConnects(mqtt(login, p.longPort()).build(), "MQTT over TCP");
                }
                assertConnects(mqtt(login, p.wsPort()).webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                        .build(), "MQTT over WebSocket");
                assertConnects(mqtt(login, p.wssPort()).webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                        .sslConfig(MqttClientSslConfig.builder().trustManagerFactory(trust(pki)).build()).build(),
                        "MQTT over secure WebSocket");
            }
        }
    }

    @Test
    void theLiveClusterIsReadFromAdminNodes() throws Exception {
        try (TestNode node = TestNode.start(Map.of("node_id", 5))) {
            Path conf = dir.resolve("from-cluster.conf");
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new Main());
            cli.setErr(new PrintWriter(err));
            int code = cli.execute("nginx", "--mode", "single-entry", "--cluster", node.adminUrl(), "--entry", ENTRY,
                    "--listen", ENTRY, "--http-port", "20080", "--out", conf.toString(), "--keys-dir",
                    dir.resolve("keys").toString(), "--stream-module", NginxProcess.MODULES + "/ngx_stream_module.so");

            assertThat(code).as(err.toString()).isZero();
            String text = Files.readString(conf);
            assertThat(text).contains("server 127.0.0.1:" + node.httpPort() + " max_fails=3",
                    "proxy_pass http://127.0.0.1:" + node.wsPort() + ";", "proxy_pass 127.0.0.1:11885;");
            assertThat(Files.readString(dir.resolve("keys/node-5.conf"))).contains("server.ip " + ENTRY + "\n",
                    "port 11885\n", "http_port 10085\n");
            NginxProcess.test(Files.createDirectories(dir.resolve("prefix")), conf);
        }
    }

    private Deployment deployment(Mode mode, Node node, int http, int https, PortPlan plan, TestPki.Server cert) {
        return Deployment.builder(mode, ENTRY, List.of(node)).listen(ENTRY).httpPort(http).httpsPort(https)
                .ports(plan).tls(tls(cert)).accessLog(dir.resolve("access.log").toString()).build();
    }

    private static TestPki pki(Path dir) {
        return TestPki.create(dir.resolve("pki"));
    }

    private static Tls tls(TestPki.Server server) {
        return new Tls(server.chainPem().toString(), server.keyPem().toString());
    }

    private static TrustManagerFactory trust(TestPki pki) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(pki.trustStore());
        return tmf;
    }

    private record Login(String userId, String clientId, String token) {
    }

    private static Login login(TestNode node) {
        String user = "nginx-it-" + Long.toString(System.nanoTime(), 36);
        node.admin().createUser(user);
        String client = user + "-phone";
        return new Login(user, client, node.admin().token(user, client, 2));
    }

    private static Mqtt5ClientBuilder mqtt(Login login, int port) {
        return MqttClient.builder().useMqttVersion5().identifier(login.clientId())
                .serverAddress(InetSocketAddress.createUnresolved(ENTRY, port))
                .simpleAuth().username(login.userId()).password(login.token().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth();
    }

    private static void assertConnects(Mqtt5Client client, String what) {
        Mqtt5BlockingClient blocking = client.toBlocking();
        assertThat(blocking.connectWith().cleanStart(true).keepAlive(60).send().getReasonCode()).as(what)
                .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        blocking.disconnect();
    }

    private static JsonNode withoutRunTime(String versionJson) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(versionJson);
        assertThat(json.path("nodeId").asInt()).isEqualTo(1);
        json.remove("runTime");
        return json;
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
