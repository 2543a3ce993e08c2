package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.deploy.check.CheckCommand;
import io.hearth.server.deploy.check.CheckOptions;
import io.hearth.server.deploy.check.CheckResult;
import io.hearth.server.deploy.check.Doctor;
import io.hearth.server.testing.NginxProcess;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TestPki;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code hearth check} against real nodes: a healthy node over HTTP and over TLS (a test CA passed with
 * {@code --ca}), a node advertising a WebSocket port nobody listens on, a certificate for another host name,
 * loopback addresses behind an entry declared public, and a real nginx that proxies the WebSocket port without the
 * Upgrade headers. Exit codes through the picocli command.
 */
class DeploymentCheckIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static Path dir;
    private static TestPki pki;
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hearth-check-it");
        pki = TestPki.create(dir);
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }


    private static List<CheckResult> check(CheckOptions options) {
        return Doctor.run(options.withTimeout(TIMEOUT));
    }

    private static List<String> lines(List<CheckResult> results) {
        return results.stream().map(CheckResult::line).toList();
    }

    private static List<String> failures(List<CheckResult> results) {
        return results.stream().filter(r -> !r.ok()).map(CheckResult::line).toList();
    }

    @Test
    void aHealthyNodePassesEveryCheck() {
        List<CheckResult> results = check(CheckOptions.of(node.httpUrl())
                .withNodes(List.of(URI.create(node.httpUrl()))));
        String mqtt = "127.0.0.1:" + node.mqttPort();
        String ws = "127.0.0.1:" + node.wsPort();

        assertThat(failures(results)).isEmpty();
        assertThat(lines(results)).anySatisfy(l -> assertThat(l)
                        .startsWith("OK   entry GET " + node.httpUrl() + "/api/version: Hearth ")
                        .endsWith(", node 1, live nodes [1]"))
                .contains("OK   entry GET " + node.httpUrl() + "/api/nodes: 1 live node(s): 1 at 127.0.0.1",
                        "OK   node " + node.httpUrl() + " GET /api/version: node 1, same build and live nodes [1]"
                                + " as the entry",
                        "OK   node 1 MQTT tcp " + mqtt + ": MQTT answered (refused anonymous, as expected)",
                        "OK   node 1 WS ws://" + ws + "/mqtt: MQTT answered (refused anonymous, as expected)",
                        "OK   node 1 HTTP http://127.0.0.1:" + node.httpPort() + "/api/version: answered as node 1",
                        "OK   advertised addresses: not checked: the entry 127.0.0.1 is not public (--expect-public"
                                + " checks them anyway)");
    }

    @Test
    void aWebSocketPortNobodyListensOnIsNamedWithTheKeys() throws IOException {
        int closed = Ports.free();
        try (TestNode n = TestNode.start(Map.of("websocket_proxy_port", closed))) {
            List<CheckResult> results = check(CheckOptions.of(n.httpUrl()));

            assertThat(failures(results)).containsExactly("FAIL node 1 WS ws://127.0.0.1:" + closed + "/mqtt:"
                    + " nothing listens on 127.0.0.1:" + closed + " (connection refused) — fix: open the port in the"
                    + " firewall / check websocket_port / websocket_proxy_port");
        }
    }

    @Test
    void aNodeOutsideTheEntrysClusterIsNamed() {
        try (TestNode other = TestNode.start(Map.of("node_id", 2))) {
            List<CheckResult> results = check(CheckOptions.of(node.httpUrl())
                    .withNodes(List.of(URI.create(other.httpUrl()))));

            assertThat(failures(results)).containsExactly("FAIL node " + other.httpUrl() + " GET /api/version: node 2"
                    + " sees live nodes [2], the entry sees [1] — fix: the nodes do not form one cluster: check"
                    + " cluster.members, cluster.name and that cluster.port is open between the nodes");
        }
    }

    @Test
    void loopbackAddressesBehindAPublicEntryNameTheNodeAndTheKey() {
        List<CheckResult> results = check(CheckOptions.of(node.httpUrl()).withExpectPublic(true));

        assertThat(failures(results)).containsExactly("FAIL node 1 advertised addresses: node 1 advertises"
                + " 127.0.0.1 (loopback) behind a public entry — fix: set server.ip (and websocket_proxy_host) to the"
                + " address clients can reach");
    }

    @Test
    void aProxyWithoutUpgradeHeadersIsNamedWithTheMissingDirectives() throws Exception {
        int proxyPort = Ports.free();
        try (TestNode n = TestNode.start(Map.of("websocket_proxy_port", proxyPort));
             NginxProcess nginx = NginxProcess.startHttp(dir.resolve("nginx-upgrade"), """
                     server {
                         listen 127.0.0.1:%d;
                         location /mqtt { proxy_pass http://127.0.0.1:%d; }
                     }
                     """.formatted(proxyPort, n.wsPort()), "127.0.0.1", proxyPort)) {
            List<CheckResult> results = check(CheckOptions.of(n.httpUrl()));

            assertThat(failures(results)).as(nginx.logs()).containsExactly("FAIL node 1 WS ws://127.0.0.1:"
                    + proxyPort + "/mqtt: HTTP 400 Bad Request from nginx/1.22.1 instead of 101 Switching"
                    + " Protocols: the proxy does not upgrade to WebSocket — fix: add `proxy_http_version 1.1;"
                    + " proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";` to the"
                    + " nginx location that proxies to websocket_port");
        }
    }

    private static TestNode tlsNode(String... names) {
        Path store = pki.server("node-" + String.join("-", names), names).pkcs12("store-pass");
        return TestNode.start(Map.of("https_port", 0, "secure_websocket_port", 0, "ssl_port", 0,
                "jks_path", store.toString(), "key_store_password", "store-pass"));
    }

    @Test
    void overTlsEveryCheckPassesWithTheCa() {
        try (TestNode n = tlsNode("localhost", "127.0.0.1")) {
            String entry = "https://127.0.0.1:" + n.server().httpsPort();
            List<CheckResult> results = check(CheckOptions.of(entry).withCa(pki.caPem()));
            String ssl = "127.0.0.1:" + n.server().sslPort();
            String wss = "127.0.0.1:" + n.server().wssPort();

            assertThat(failures(results)).isEmpty();
            assertThat(lines(results))
                    .anySatisfy(l -> assertThat(l).startsWith("OK   entry TLS 127.0.0.1:" + n.server().httpsPort()
                            + ": trusted, matches 127.0.0.1 [subject CN=localhost, issuer CN=Hearth Test CA ")
                            .contains(", notAfter ").endsWith("; note: expires in 23 hours, renew soon"))
                    .anySatisfy(l -> assertThat(l).startsWith("OK   node 1 TLS " + ssl + ": trusted"))
                    .anySatisfy(l -> assertThat(l).startsWith("OK   node 1 TLS " + wss + ": trusted"))
                    .contains("OK   node 1 MQTT/TLS " + ssl + ": MQTT answered (refused anonymous, as expected)",
                            "OK   node 1 WSS wss://" + wss + "/mqtt: MQTT answered (refused anonymous, as expected)");
        }
    }

    @Test
    void withoutTheCaTheChainIsNotTrusted() {
        try (TestNode n = tlsNode("localhost", "127.0.0.1")) {
            List<CheckResult> results = check(CheckOptions.of("https://127.0.0.1:" + n.server().httpsPort()));

            assertThat(failures(results)).hasSize(3).allSatisfy(l -> assertThat(l)
                    .contains(": the chain is not trusted (issuer CN=Hearth Test CA ")
                    .contains("— fix: serve the full chain (certificate + intermediates) from a CA clients trust"
                            + " (jks_path, or the proxy's ssl_certificate), or pass --ca FILE when you use a"
                            + " private CA"));
        }
    }

    @Test
    void aCertificateForAnotherHostNameFailsTheHostNameCheck() {
        try (TestNode n = tlsNode("localhost")) {
            int https = n.server().httpsPort();
            List<CheckResult> results = check(CheckOptions.of("https://127.0.0.1:" + https).withCa(pki.caPem()));

            assertThat(failures(results)).hasSize(3).first().asString()
                    .startsWith("FAIL entry TLS 127.0.0.1:" + https + ": the certificate does not match 127.0.0.1"
                            + " (it is for DNS:localhost) [subject CN=localhost, ")
                    .endsWith("— fix: let clients use a name the certificate carries, or issue it with"
                            + " subjectAltName IP:127.0.0.1");
            // the paths themselves work: only the certificate is wrong
            assertThat(lines(results)).contains("OK   node 1 MQTT/TLS 127.0.0.1:" + n.server().sslPort()
                    + ": MQTT answered (refused anonymous, as expected)");
        }
    }

    @Test
    void anNginxHttpsEntryWithAnExpiredCertificateFailsAndAValidOnePasses() throws Exception {
        Instant now = Instant.now();
        TestPki.Server expired = pki.server("expired", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
                "localhost", "127.0.0.1");
        TestPki.Server valid = pki.server("valid", "localhost", "127.0.0.1");
        int expiredPort = Ports.free();
        int validPort = Ports.free();
        String server = """
                server {
                    listen 127.0.0.1:%d ssl;
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    location /api/ { proxy_pass http://127.0.0.1:%d; }
                }
                """;
        String block = server.formatted(expiredPort, expired.chainPem(), expired.keyPem(), node.httpPort())
                + server.formatted(validPort, valid.chainPem(), valid.keyPem(), node.httpPort());
        try (NginxProcess nginx = NginxProcess.startHttp(dir.resolve("nginx-tls"), block, "127.0.0.1", validPort)) {
            List<CheckResult> bad = check(CheckOptions.of("https://127.0.0.1:" + expiredPort).withCa(pki.caPem()));
            List<CheckResult> good = check(CheckOptions.of("https://127.0.0.1:" + validPort).withCa(pki.caPem()));

            assertThat(failures(bad)).as(nginx.logs()).singleElement().asString()
                    .startsWith("FAIL entry TLS 127.0.0.1:" + expiredPort + ": certificate CN=localhost expired on ")
                    .endsWith("— fix: renew the certificate (jks_path, or the proxy's ssl_certificate) and restart"
                            + " or reload");
            assertThat(failures(good)).as(nginx.logs()).isEmpty();
            assertThat(lines(good)).anySatisfy(l -> assertThat(l)
                    .startsWith("OK   entry GET https://127.0.0.1:" + validPort + "/api/nodes: 1 live node(s)"));
        }
    }

    private static int run(StringWriter out, String... args) {
        return new CommandLine(new CheckCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(out, true)).execute(args);
    }

    @Test
    void theCommandExitsZeroWhenAllPassOneOnAFailureTwoOnAUsageError() throws IOException {
        StringWriter ok = new StringWriter();
        assertThat(run(ok, node.httpUrl(), "--timeout", "3")).as(ok.toString()).isZero();
        assertThat(ok.toString()).startsWith("OK   entry GET ").contains("\nOK   node 1 MQTT tcp ")
                .endsWith(" checks: all OK" + System.lineSeparator());

        StringWriter failed = new StringWriter();
        assertThat(run(failed, node.httpUrl(), "--expect-public")).isEqualTo(1);
        assertThat(failed.toString()).contains("\nFAIL node 1 advertised addresses: ").contains(" OK, 1 FAIL");

        int closed = Ports.free();
        StringWriter refused = new StringWriter();
        assertThat(run(refused, "http://127.0.0.1:" + closed)).isEqualTo(1);
        assertThat(refused.toString()).contains("FAIL entry GET http://127.0.0.1:" + closed + "/api/version: nothing"
                + " listens on 127.0.0.1:" + closed + " (connection refused)");

        assertThat(run(new StringWriter(), "ftp://127.0.0.1")).isEqualTo(2);
        assertThat(run(new StringWriter())).isEqualTo(2);
        assertThat(run(new StringWriter(), node.httpUrl(), "--ca", dir.resolve("missing.pem").toString()))
                .isEqualTo(2);
        assertThat(run(new StringWriter(), node.httpUrl(), "--timeout", "0")).isEqualTo(2);
    }
}
