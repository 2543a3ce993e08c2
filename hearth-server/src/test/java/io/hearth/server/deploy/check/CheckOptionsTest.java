package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CheckOptionsTest {

    @Test
    void aBareHostIsHttpOnPort80() {
        URI u = CheckOptions.parseAddress("im.example.com");
        assertThat(u).hasToString("http://im.example.com");
        assertThat(CheckOptions.portOf(u)).isEqualTo(80);
        assertThat(CheckOptions.isTls(u)).isFalse();
    }

    @Test
    void httpsDefaultsTo443AndKeepsAnExplicitPort() {
        assertThat(CheckOptions.portOf(CheckOptions.parseAddress("https://im.example.com/"))).isEqualTo(443);
        URI u = CheckOptions.parseAddress("HTTPS://im.example.com:8443");
        assertThat(u).hasToString("https://im.example.com:8443");
        assertThat(CheckOptions.portOf(u)).isEqualTo(8443);
        assertThat(CheckOptions.portOf(CheckOptions.parseAddress("http://[::1]:8080"))).isEqualTo(8080);
    }

    @Test
    void refusesOtherSchemesPathsAndMissingHosts() {
        assertThatThrownBy(() -> CheckOptions.parseAddress("ws://im.example.com"))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> CheckOptions.parseAddress("http://im.example.com/api/version"))
                .hasMessageContaining("without a path");
        assertThatThrownBy(() -> CheckOptions.parseAddress("http://:80")).hasMessageContaining("no host");
    }

    @Test
    void theHostHeaderOmitsTheDefaultPort() {
        assertThat(Probes.hostHeader(new Target("im.example.com", 443, "k"), true)).isEqualTo("im.example.com");
        assertThat(Probes.hostHeader(new Target("im.example.com", 443, "k"), false)).isEqualTo("im.example.com:443");
        assertThat(Probes.hostHeader(new Target("::1", 80, "k"), false)).isEqualTo("[::1]");
        assertThat(Probes.hostHeader(new Target("127.0.0.1", 8083, "k"), false)).isEqualTo("127.0.0.1:8083");
    }
}
