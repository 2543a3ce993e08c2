package io.hearth.bench;

import io.hearth.bench.conversation.ConversationBench;
import io.hearth.bench.group.GroupBench;
import io.hearth.bench.hostile.FloodCommand;
import io.hearth.bench.hostile.HostileBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Hearth load generator. Each scenario is a subcommand; results print as a table row for docs/benchmarks.md. */
@Command(name = "hearth-bench", mixinStandardHelpOptions = true,
        subcommands = {SingleChatBench.class, GroupBench.class, HostileBench.class, FloodCommand.class,
                ConversationBench.class, io.hearth.bench.chatroom.ChatroomBench.class},
        description = "Load generator for Hearth.")
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
