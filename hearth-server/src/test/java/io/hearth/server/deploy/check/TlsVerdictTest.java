package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.testing.TestPki;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsVerdictTest {

    private static TestPki pki;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void ca() throws Exception {
        pki = TestPki.create(Files.createTempDirectory("hearth-tls-verdict"));
    }

    private static CheckResult judge(TestPki.Server server, boolean trustTheCa) throws Exception {
        CapturingTrustManager seen = new CapturingTrustManager(
                trustTheCa ? TrustAnchors.load(pki.caPem()) : TrustAnchors.load(null));
        seen.checkServerTrusted(new X509Certificate[] {server.certificate(), pki.caCertificate()}, "ECDHE_ECDSA");
        return TlsVerdict.of("tls", "localhost", seen, NOW, "jks_path");
    }

    @Test
    void aTrustedCertificateWithMonthsLeftIsOkAndDescribed() throws Exception {
        CheckResult r = judge(pki.server("long", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(90)),
                "localhost", "127.0.0.1"), true);

        assertThat(r.ok()).isTrue();
        assertThat(r.detail()).startsWith("trusted, matches localhost [subject CN=localhost, issuer CN=Hearth Test CA ")
                .endsWith(", notAfter " + NOW.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.MINUTES) + "]");
    }

    @Test
    void lessThanFourteenDaysLeftIsANote() throws Exception {
        CheckResult r = judge(pki.server("soon", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(9)),
                "localhost"), true);

        assertThat(r.ok()).isTrue();
        assertThat(r.detail()).endsWith("; note: expires in 9 days, renew soon");
    }

    @Test
    void anExpiredCertificateFails() throws Exception {
        Instant expiry = NOW.minus(Duration.ofDays(2));
        CheckResult r = judge(pki.server("old", NOW.minus(Duration.ofDays(30)), expiry, "localhost"), true);

        assertThat(r.ok()).isFalse();
        assertThat(r.detail()).startsWith("certificate CN=localhost expired on "
                + expiry.truncatedTo(ChronoUnit.MINUTES));
        assertThat(r.fix()).isEqualTo("renew the certificate (jks_path) and restart or reload");
    }

    @Test
    void aCertificateNotYetValidPointsAtTheClocks() throws Exception {
        CheckResult r = judge(pki.server("future", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)),
                "localhost"), true);

        assertThat(r.detail()).startsWith("certificate CN=localhost is not valid before ");
        assertThat(r.fix()).contains("NTP");
    }

    @Test
    void aPrivateCaIsNotTrustedByTheJdkStore() throws Exception {
        CheckResult r = judge(pki.server("private", "localhost"), false);

        assertThat(r.ok()).isFalse();
        assertThat(r.detail()).startsWith("the chain is not trusted (issuer CN=Hearth Test CA ");
        assertThat(r.fix()).endsWith("or pass --ca FILE when you use a private CA");
    }

    @Test
    void namesListsDnsAndIpSubjectAlternativeNames() {
        assertThat(TlsVerdict.names(pki.server("names", "localhost", "127.0.0.1", "::1").certificate()))
                .isEqualTo("DNS:localhost, IP:127.0.0.1, IP:0:0:0:0:0:0:0:1");
    }
}
