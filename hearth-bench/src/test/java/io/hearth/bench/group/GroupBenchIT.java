package io.hearth.bench.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.bench.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code hearth-bench group} runs end to end against an embedded node and checks itself: exit 0 only when every
 * send was acknowledged, the timeline rows written are messages × members and every online member got every push
 * (normal groups) or pulled every message once (super group).
 * Small numbers; no timing is asserted.
 */
class GroupBenchIT {

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new BenchMain()).execute(args);
        } finally {
            System.setOut(old);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        return report;
    }

    @Test
    void onlineGroupsWriteAndPushEveryDelivery() {
        String report = run("group", "--embedded", "--groups", "3", "--members", "5", "--senders", "4",
                "--messages", "5", "--warmup", "1", "--online", "--window", "1");
        assertThat(report).contains("3 groups of 5 members (15 users), 4 senders, receivers online")
                .contains("20 sent, 0 failed").contains("100 timeline rows written of 100 expected")
                .contains("80 of 80 received").contains("delivery      p50");
    }

    @Test
    void everyOnlineMemberOfTheSuperGroupPullsEveryMessage() {
        String report = run("group", "--embedded", "--super", "--members", "30", "--online-members", "6",
                "--senders", "2", "--messages", "5", "--warmup", "1", "--rate", "20");
        assertThat(report).contains("super group of 30 members, 2 senders, 6 online").contains("10 sent, 0 failed")
                .contains("60 of 60, 0 repeated").contains("(send → pulled)");
    }
}
