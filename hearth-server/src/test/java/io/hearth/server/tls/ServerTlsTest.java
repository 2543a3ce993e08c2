package io.hearth.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.config.ConfigException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.testing.TestPki;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key store problem a deployment meets is one clear line that names the key to fix. */
class ServerTlsTest {

    @TempDir
    Path dir;

    private static HearthConfig.Tls tls(Path store, String storePassword, String keyPassword) {
        return new HearthConfig.Tls(store, storePassword, keyPassword, 60);
    }

    @Test
    void pkcs12AndJksWithASeparateKeyPasswordBothLoad() {
        TestPki pki = TestPki.create(dir);
        TestPki.Server server = pki.server("node", "localhost");
        assertThat(ServerTls.context(tls(server.pkcs12("p"), "p", "p"), Instant.now()).isServer()).isTrue();
        assertThat(ServerTls.context(tls(server.jks("store", "key"), "store", "key"), Instant.now()).isServer())
                .isTrue();
    }

    @Test
    void aMissingFileNamesJksPath() {
        assertThatThrownBy(() -> ServerTls.context(tls(dir.resolve("nope.jks"), "p", "p"), Instant.now()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jks_path")
                .hasMessageContaining("no such file");
    }

    @Test
    void aWrongStorePasswordNamesKeyStorePassword() {
        Path store = TestPki.create(dir).server("node", "localhost").pkcs12("right");
        assertThatThrownBy(() -> ServerTls.context(tls(store, "wrong", "wrong"), Instant.now()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("wrong key_store_password");
    }

    @Test
    void aWrongKeyPasswordNamesKeyManagerPassword() {
        Path store = TestPki.create(dir).server("node", "localhost").jks("store", "key");
        assertThatThrownBy(() -> ServerTls.context(tls(store, "store", "not-the-key"), Instant.now()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("wrong key_manager_password");
    }

    @Test
    void anExpiredCertificateSaysWhenItExpired() {
        Instant now = Instant.now();
        Path store = TestPki.create(dir).server("old", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
                "localhost").pkcs12("p");
        assertThatThrownBy(() -> ServerTls.context(tls(store, "p", "p"), now))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expired on")
                .hasMessageContaining("CN=localhost");
    }

    @Test
    void aCertificateNotYetValidPointsAtTheClock() {
        Instant now = Instant.now();
        Path store = TestPki.create(dir).server("new", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)),
                "localhost").pkcs12("p");
        assertThatThrownBy(() -> ServerTls.context(tls(store, "p", "p"), now))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid before");
    }

    @Test
    void aTrustStoreWithoutPrivateKeyIsRefused() throws Exception {
        KeyStore ks = TestPki.create(dir).trustStore();
        Path store = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, "p".toCharArray());
        }
        assertThatThrownBy(() -> ServerTls.context(tls(store, "p", "p"), Instant.now()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds no private key");
    }

    @Test
    void aFileThatIsNoKeyStoreSaysSo() {
        Path pem = TestPki.create(dir).caPem();
        assertThatThrownBy(() -> ServerTls.context(tls(pem, "p", "p"), Instant.now()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jks_path");
    }
}
