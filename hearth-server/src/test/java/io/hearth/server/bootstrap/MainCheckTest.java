package io.hearth.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainCheckTest {

    @Test
    void checkIsASubcommandOfHearthWithUsageErrorsExitingTwo() {
        StringWriter out = new StringWriter();
        CommandLine hearth = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out));

        assertThat(hearth.execute("check", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: hearth check", "--expect-public", "--ca=FILE");
        assertThat(hearth.execute("check", "ws://127.0.0.1")).isEqualTo(2);
        assertThat(out.toString()).contains("the address must start with http:// or https://: ws://127.0.0.1");
    }
}
