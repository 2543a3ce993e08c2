package io.hearth.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewed key store is served to new connections without a restart; a broken one is not. */
class TlsReloadIT {

    @TempDir
    Path dir;
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** The serial number of the certificate a fresh HTTPS connection is served. */
    private static String servedSerial(TestPki pki, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/api/version")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        SSLSession session = r.sslSession().orElseThrow();
        return ((X509Certificate) session.getPeerCertificates()[0]).getSerialNumber().toString();
    }

    private static void replace(Path from, Path to) throws Exception {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aRenewedKeyStoreServesNewConnectionsAndABrokenOneIsIgnored() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path live = dir.resolve("live.p12");
        TestPki.Server first = pki.server("first", "localhost");
        Files.copy(first.pkcs12("pw"), live);
        node = TestNode.start(Map.of("https_port", 0, "jks_path", live.toString(), "key_store_password", "pw",
                "tls.reload_interval_seconds", 1));
        int port = node.server().httpsPort();
        assertThat(servedSerial(pki, port)).isEqualTo(first.certificate().getSerialNumber().toString());

        TestPki.Server second = pki.server("second", "localhost");
        replace(second.pkcs12("pw"), live);
        String renewed = second.certificate().getSerialNumber().toString();
        await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(() -> servedSerial(pki, port).equals(renewed));

        // a store with another password fails the checks: the renewed certificate stays in use
        replace(pki.server("third", "localhost").pkcs12("other-password"), live);
        Thread.sleep(3_000);
        assertThat(servedSerial(pki, port)).isEqualTo(renewed);
    }
}
