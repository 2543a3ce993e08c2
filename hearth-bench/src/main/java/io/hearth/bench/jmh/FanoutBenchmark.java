package io.hearth.bench.jmh;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.event.EventHook;
import io.hearth.server.message.CommitOutput;
import io.hearth.server.message.ConversationPolicies;
import io.hearth.server.message.Delivery;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineWriter;
import io.hearth.server.message.WriterMetrics;
import io.hearth.server.storage.jdbc.JdbcMessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Write diffusion through the real message writer ({@link TimelineWriter} on {@link JdbcMessageStore}): one
 * operation submits {@value #MESSAGES} group messages of {@code fanout} receivers each (each to one of
 * {@value #GROUPS} groups chosen at random, the "100 groups of N members", from one of its members, the whole
 * group receiving: as in a server under such load, a user rarely has two entries in one batch), and ends when every
 * entry of them was handed to
 * the delivery, that is after the commit and the post-commit work (views, pushes built, events). The delivery only
 * counts, so the push's encoding and the network are not in the figure. Entries per second = {@value #MESSAGES}
 * × ({@code fanout} + 1) / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class FanoutBenchmark {

    static final int MESSAGES = 16;
    static final int GROUPS = 100;

    @Param({"100", "200", "1000"})
    int fanout;

    @Param({"h2", "postgresql"})
    String db;

    private BenchDatabase database;
    private TimelineWriter writer;
    private final List<List<String>> groups = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(7);
    private final MessageContent content = MessageContent.newBuilder().setType(1)
            .setSearchableContent("x".repeat(100)).setPersistFlag(3).build();
    private final Object delivered = new Object();
    private long entries;
    private long uid;

    @Setup(Level.Trial)
    public void open() throws Exception {
        database = BenchDatabase.open(db, 4);
        List<String> users = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            List<String> members = new ArrayList<>(fanout + 1);
            for (int i = 0; i <= fanout; i++) {
                members.add("g" + g + "-u" + i);
            }
            groups.add(members);
            users.addAll(members);
        }
        database.createHeads(users);
        Delivery counting = pushes -> {
            int n = 0;
            for (Delivery.UserPush p : pushes) {
                n += p.entries().size();
            }
            synchronized (delivered) {
                entries += n;
                delivered.notifyAll();
            }
        };
        writer = new TimelineWriter(new JdbcMessageStore(database.database()), ids -> Set.of(),
                new CommitOutput(counting, new ConversationPolicies(List.of()), EventHook.none()), 2048, 100_000,
                WriterMetrics.none());
        writer.start();
    }

    @TearDown(Level.Trial)
    public void close() {
        writer.close();
        database.close();
    }

    @Benchmark
    public void fanOut() throws InterruptedException {
        long target;
        synchronized (delivered) {
            target = entries + (long) MESSAGES * (fanout + 1);
        }
        List<CompletableFuture<StoredMessage>> sent = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            int g = random.nextInt(GROUPS);
            List<String> members = groups.get(g);
            String sender = members.get(random.nextInt(members.size()));
            uid++;
            StoredMessage draft = new StoredMessage(uid, sender,
                    Conversation.newBuilder().setType(1).setTarget("group" + g).build(), "c-" + sender, null,
                    content, List.of(), uid, 0);
            sent.add(writer.submit(draft, members));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        synchronized (delivered) {
            while (entries < target) {
                delivered.wait();
            }
        }
    }
}
