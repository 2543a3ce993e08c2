package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void anOkLineIsOkThreeSpacesWhatAndDetail() {
        assertThat(CheckResult.ok("node 1 MQTT tcp 127.0.0.1:1883", "MQTT answered (refused anonymous, as expected)")
                .line()).isEqualTo("OK   node 1 MQTT tcp 127.0.0.1:1883: MQTT answered (refused anonymous, as expected)");
        assertThat(CheckResult.ok("entry", "").line()).isEqualTo("OK   entry");
    }

    @Test
    void aFailLineHasWhyAndFix() {
        assertThat(CheckResult.fail("node 1 WS ws://127.0.0.1:8083/mqtt", "nothing listens on 127.0.0.1:8083",
                "open the port").line())
                .isEqualTo("FAIL node 1 WS ws://127.0.0.1:8083/mqtt: nothing listens on 127.0.0.1:8083 — fix: open the port");
    }

    @Test
    void theSummaryCountsFailures() {
        CheckResult ok = CheckResult.ok("a", "");
        CheckResult fail = CheckResult.fail("b", "why", "fix");
        assertThat(CheckCommand.summary(List.of(ok, ok))).isEqualTo("2 checks: all OK");
        assertThat(CheckCommand.summary(List.of(ok, fail, fail))).isEqualTo("3 checks: 1 OK, 2 FAIL");
    }
}
