package io.hearth.bench.conversation;

import io.hearth.bench.Latency;
import io.hearth.bench.Target;
import io.hearth.client.HearthClient;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.ConversationListResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth-bench conversations}: what {@code conversation.list} costs a user with many conversations and
 * messages (the list is computed from the user's timeline at each call). Sets up one reader with
 * {@code --conversations} peers that send it {@code --messages} messages in all (through the server API), then
 * times {@code --calls} full lists and as many lists since a version, one at a time, from one SDK client.
 */
@Command(name = "conversations", mixinStandardHelpOptions = true,
        description = "conversation.list latency for a user with many conversations and messages.")
public final class ConversationBench implements Callable<Integer> {

    @Option(names = "--db", defaultValue = "h2", description = "Embedded node's database: h2 or postgresql.")
    String db;
    @Option(names = "--conversations", defaultValue = "50") int conversations;
    @Option(names = "--messages", defaultValue = "10000", description = "Messages to the reader in all.")
    int messages;
    @Option(names = "--calls", defaultValue = "200") int calls;
    @Option(names = "--secret", defaultValue = "123456") String secret;

    @Override
    public Integer call() throws Exception {
        try (Target target = Target.embedded(secret, db)) {
            String run = Long.toString(System.nanoTime(), 36);
            String reader = "reader-" + run;
            target.admin.createUser(reader, reader, reader);
            List<String> peers = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                peers.add("peer-" + run + "-" + i);
                target.admin.createUser(peers.get(i), peers.get(i), peers.get(i));
            }
            long setup = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> sends = new ArrayList<>();
            for (int p = 0; p < conversations; p++) {
                String peer = peers.get(p);
                int count = messages / conversations + (p < messages % conversations ? 1 : 0);
                sends.add(pool.submit(() -> {
                    for (int i = 0; i < count; i++) {
                        target.admin.sendMessage(peer, 0, reader, 0, Map.of("type", 1,
                                "searchableContent", "message " + i + " of " + peer, "persistFlag", 3));
                    }
                }));
            }
            for (Future<?> f : sends) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("setup: %d messages from %d peers in %.1f s%n", messages, conversations,
                    (System.nanoTime() - setup) / 1e9);
            String token = target.admin.getToken(reader, reader + "-bench", Platforms.ANDROID);
            try (HearthClient c = HearthClient.builder().directAddress(target.host, target.mqttPort)
                    .userId(reader).clientId(reader + "-bench").token(token).platform(Platforms.ANDROID)
                    .reconnect(false).requestTimeout(Duration.ofSeconds(60)).build()) {
                c.connect().get();
                Latency full = new Latency();
                ConversationListResult last = null;
                for (int i = 0; i < calls; i++) {
                    long t = System.nanoTime();
                    last = c.conversations().list(0, 0).get();
                    full.recordNanos(System.nanoTime() - t);
                }
                target.admin.sendMessage(peers.get(0), 0, reader, 0, Map.of("type", 1, "searchableContent", "one more",
                        "persistFlag", 3));
                Latency since = new Latency();
                int changed = 0;
                for (int i = 0; i < calls; i++) {
                    long t = System.nanoTime();
                    changed = c.conversations().list(last.getHead(), last.getReadVersion()).get()
                            .getConversationsCount();
                    since.recordNanos(System.nanoTime() - t);
                }
                System.out.printf("conversation.list (%s, %d conversations, %d messages): full list %s%n", db,
                        last.getConversationsCount(), messages, Latency.describe(full.snapshot()));
                System.out.printf("conversation.list since a version (%d changed): %s%n", changed,
                        Latency.describe(since.snapshot()));
            }
        }
        return 0;
    }
}
