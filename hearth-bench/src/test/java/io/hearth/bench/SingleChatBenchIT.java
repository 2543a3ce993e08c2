package io.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The load generator still runs end to end against an embedded node, and its exit code reflects delivery: 0 only
 * when every message was acknowledged and, online, received. Small numbers; no timing is asserted.
 */
class SingleChatBenchIT {

    private String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new BenchMain()).execute(args);
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(expectedExit);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offlineAndOnlineRunsReportEveryMessage() {
        String offline = run(0, "single-chat", "--embedded", "--senders", "3", "--receivers", "4", "--messages", "10",
                "--warmup", "2");
        assertThat(offline).contains("30 sent, 0 failed").contains("messages/s").contains("ack latency   p50");

        String online = run(0, "single-chat", "--embedded", "--senders", "3", "--receivers", "4", "--messages", "10",
                "--online", "--transport", "WEBSOCKET", "--rate", "100", "--warmup", "0");
        assertThat(online).contains("30 sent, 0 failed, 30 received").contains("delivery      p50");
    }
}
