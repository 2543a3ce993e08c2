package io.hearth.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.testing.ShadedJar;
import io.hearth.server.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth start} with a broken key store, as an operator runs it: exit code 2 and one line on standard error
 * that names the key to fix, before anything is bound.
 */
class TlsStartupIT {

    @TempDir
    Path dir;

    private record Outcome(int exit, String stderr) {
    }

    private Outcome start(String... settings) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ShadedJar.java(), "-jar", ShadedJar.path().toString(), "start",
                "--set", "host=127.0.0.1", "--set", "port=0", "--set", "websocket_port=0", "--set", "local_port=0",
                "--set", "http.admin.port=0", "--set", "ssl_port=0",
                "--set", "db.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()));
        for (String s : settings) {
            cmd.add("--set");
            cmd.add(s);
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the node must refuse to start, not run").isTrue();
        return new Outcome(p.exitValue(), err.strip());
    }

    @Test
    void aMissingKeyStore() throws Exception {
        Outcome o = start("jks_path=" + dir.resolve("missing.p12"));
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.stderr()).isEqualTo("hearth: jks_path " + dir.resolve("missing.p12") + ": no such file");
    }

    @Test
    void aWrongPasswordAndAnExpiredCertificate() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path good = pki.server("good", "localhost").pkcs12("right");
        Outcome wrong = start("jks_path=" + good, "key_store_password=wrong");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.stderr()).isEqualTo("hearth: cannot open the key store " + good + ": wrong key_store_password");

        Instant now = Instant.now();
        Path old = pki.server("old", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)), "localhost")
                .pkcs12("pw");
        Outcome expired = start("jks_path=" + old, "key_store_password=pw");
        assertThat(expired.exit()).isEqualTo(2);
        assertThat(expired.stderr()).startsWith("hearth: the certificate 'CN=localhost' in " + old + " expired on ")
                .endsWith("; renew it and update jks_path").doesNotContain("\n");
    }

    @Test
    void aTlsPortWithoutAKeyStore() throws Exception {
        Outcome o = start();
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.stderr()).isEqualTo("hearth: ssl_port needs a key store: set jks_path"
                + " (and key_store_password, key_manager_password)");
    }
}
