package io.hearth.server.wstool;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Platforms;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TestPki;
import io.hearth.server.wstool.BrowserCheck.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /wstool} page in a real browser (Debian's Chromium, driven by playwright-core through
 * {@code src/test/browser/wstool-check.mjs}) against a real node with plain and TLS listeners: what a person checking
 * a WebSocket address sees. The node's certificate comes from a test CA; Chromium trusts it only when launched with
 * the certificate's public key hash ({@code --ignore-certificate-errors-spki-list}), as a browser trusts a real CA.
 * That is a launch flag, so the class launches Chromium at most twice (without and with it); every check runs in a
 * fresh browser context.
 */
class WsToolBrowserIT {

    private static TestNode node;
    private static TestPki.Server certificate;
    private static BrowserCheck.Browsers browsers;

    @BeforeAll
    static void start() throws IOException {
        browsers = new BrowserCheck.Browsers();
        Path dir = Files.createTempDirectory("hearth-wstool");
        certificate = TestPki.create(dir).server("node", "localhost", "127.0.0.1");
        node = TestNode.start(Map.of("https_port", 0, "secure_websocket_port", 0,
                "jks_path", certificate.pkcs12("store-pass").toString(), "key_store_password", "store-pass"));
    }

    @AfterAll
    static void stop() {
        try {
            if (browsers != null) {
                browsers.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void pageIsOneSelfContainedHtmlFile() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(pageUrl())).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).startsWith("default-src 'none';").contains("script-src 'sha256-"));
        assertThat(r.body()).contains("id=\"result\"", "id=\"url\"", "<label for=\"token\">")
                .doesNotContainPattern("(?i)https?://[\\w\\[]")
                .doesNotContainPattern("(?i)\\s(src|href|action)\\s*=")
                .doesNotContainPattern("(?i)<(link|iframe|img)\\b")
                .doesNotContainPattern("(?i)@import");
    }

    @Test
    void validTokenOverWsIsAccepted() {
        Login alice = newLogin("alice");

        Outcome out = BrowserCheck.of(pageUrl(), wsUrl()).login(alice.userId, alice.clientId, alice.token)
                .run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("ok");
        assertThat(out.result()).matches("OK after \\d+ ms: CONNACK accepted");
        assertThat(out.log()).anySatisfy(step -> assertThat(step).contains("WebSocket open, subprotocol \"mqtt\""));
        assertThat(out.consoleErrors()).noneSatisfy(e -> assertThat(e).contains("Content Security Policy"));
    }

    @Test
    void validTokenOverWssWithATrustedCertificateIsAccepted() {
        Login carol = newLogin("carol");

        Outcome out = BrowserCheck.of(httpsPageUrl(), wssUrl()).login(carol.userId, carol.clientId, carol.token)
                .trustSpki(certificate.spkiSha256()).run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("ok");
        assertThat(out.result()).matches("OK after \\d+ ms: CONNACK accepted");
    }

    @Test
    void wssWithACertificateTheBrowserDoesNotTrustFails() {
        Login dave = newLogin("dave");

        Outcome out = BrowserCheck.of(pageUrl(), wssUrl()).login(dave.userId, dave.clientId, dave.token).run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("fail");
        assertThat(out.result()).startsWith("FAIL after ")
                .contains("WebSocket error — TLS certificate not trusted, host unreachable or port closed")
                .contains("to see a certificate error, open https://127.0.0.1:" + node.server().wssPort() + "/ in this browser");
    }

    @Test
    void withoutAnAddressThePageChecksThisNodesAdvertisedWebSocketPort() {
        Outcome out = BrowserCheck.findingItsAddress(pageUrl()).run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("ok");
        assertThat(out.log()).first().asString().endsWith("opening " + wsUrl() + " (subprotocol mqtt)");
        assertThat(out.result()).contains("MQTT reachable, credentials refused");
    }

    @Test
    void overHttpsThePageChecksThisNodesAdvertisedSecureWebSocketPort() {
        Outcome out = BrowserCheck.findingItsAddress(httpsPageUrl()).trustSpki(certificate.spkiSha256())
                .run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("ok");
        assertThat(out.log()).first().asString().endsWith("opening " + wssUrl() + " (subprotocol mqtt)");
        assertThat(out.result()).contains("MQTT reachable, credentials refused");
    }

    @Test
    void wrongTokenShowsTheRefusal() {
        Login bob = newLogin("bob");

        Outcome out = BrowserCheck.of(pageUrl(), wsUrl()).login(bob.userId, bob.clientId, bob.token + "x")
                .run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("fail");
        assertThat(out.result()).startsWith("FAIL after ")
                .endsWith("CONNACK refused: return code 4 (bad user name or password)");
    }

    @Test
    void withoutCredentialsARefusalProvesTheServerIsReachable() {
        Outcome out = BrowserCheck.of(pageUrl(), wsUrl()).viaQueryString().run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("ok");
        assertThat(out.result()).startsWith("OK after ").endsWith(
                "server answered: CONNACK refused: return code 4 (bad user name or password) "
                        + "(MQTT reachable, credentials refused)");
    }

    @Test
    void closedPortFailsWithAClearMessage() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        Outcome out = BrowserCheck.of(pageUrl(), "ws://127.0.0.1:" + closed + "/mqtt").timeoutSeconds(5).run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("fail");
        assertThat(out.result()).startsWith("FAIL after ")
                .contains("WebSocket error — TLS certificate not trusted, host unreachable or port closed");
    }

    @Test
    void anAddressThatIsNotAWebSocketIsRefusedBeforeConnecting() {
        Outcome out = BrowserCheck.of(pageUrl(), node.httpUrl() + "/mqtt").run(browsers);

        assertThat(out.state()).as(out.toString()).isEqualTo("fail");
        assertThat(out.result()).contains("the address must start with ws:// or wss://");
    }

    private static String pageUrl() {
        return node.httpUrl() + WsToolPage.PATH;
    }

    private static String httpsPageUrl() {
        return "https://127.0.0.1:" + node.server().httpsPort() + WsToolPage.PATH;
    }

    private static String wsUrl() {
        return "ws://127.0.0.1:" + node.wsPort() + "/mqtt";
    }

    private static String wssUrl() {
        return "wss://127.0.0.1:" + node.server().wssPort() + "/mqtt";
    }

    private record Login(String userId, String clientId, String token) {
    }

    /** A new user with a token for a web client id. */
    private static Login newLogin(String prefix) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String userId = prefix + "-" + suffix;
        String clientId = prefix + "-web-" + suffix;
        node.admin().createUser(userId);
        return new Login(userId, clientId, node.admin().token(userId, clientId, Platforms.WEB));
    }
}
