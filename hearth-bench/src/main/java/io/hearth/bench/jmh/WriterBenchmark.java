package io.hearth.bench.jmh;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.config.ConfigLoader;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineEntry;
import io.hearth.server.storage.jdbc.Database;
import io.hearth.server.storage.jdbc.JdbcMessageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * The cost of one group commit of the message writer against the embedded H2 file database: {@code batch}
 * single-chat messages (one message row, two timeline rows and two head updates each, heads locked first) in one
 * transaction, as the writer does it.
 * Divide the score by the batch size for the cost per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class WriterBenchmark {

    @Param({"16", "256"})
    int batch;

    private Database db;
    private JdbcMessageStore store;
    private final SplittableRandom random = new SplittableRandom(7);
    private final MessageContent content = MessageContent.newBuilder().setType(1)
            .setSearchableContent("x".repeat(100)).setPersistFlag(3).build();
    private long uid;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path dir = Files.createTempDirectory("hearth-jmh");
        db = Database.open(new ConfigLoader().set("db.url", "jdbc:h2:file:" + dir.resolve("h").toAbsolutePath())
                .load().database());
        store = new JdbcMessageStore(db);
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public void commitBatch() {
        List<String> senders = new ArrayList<>(batch);
        List<String> receivers = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            senders.add("s" + random.nextInt(200));
            receivers.add("r" + random.nextInt(1000));
        }
        store.write(tx -> {
            List<String> users = new ArrayList<>(senders);
            users.addAll(receivers);
            Map<String, Long> heads = tx.lockHeads(users);
            List<StoredMessage> messages = new ArrayList<>(batch);
            List<TimelineEntry> entries = new ArrayList<>(batch * 2);
            for (int i = 0; i < batch; i++) {
                long senderSeq = heads.merge(senders.get(i), 1L, Long::sum);
                long receiverSeq = heads.merge(receivers.get(i), 1L, Long::sum);
                uid++;
                messages.add(new StoredMessage(uid, senders.get(i),
                        Conversation.newBuilder().setTarget(receivers.get(i)).build(), "c", null, content, List.of(),
                        uid, senderSeq));
                entries.add(new TimelineEntry(senders.get(i), senderSeq, uid, uid));
                entries.add(new TimelineEntry(receivers.get(i), receiverSeq, uid, uid));
            }
            tx.append(messages, entries);
        });
    }
}
