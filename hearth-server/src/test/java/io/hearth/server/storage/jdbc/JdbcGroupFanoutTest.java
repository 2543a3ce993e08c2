package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineWriter;
import io.hearth.server.message.WriterMetrics;
import io.hearth.server.testing.CommitOutputs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Write diffusion of group messages (one message, hundreds of timelines) by two nodes' writers into one database:
 * three overlapping groups of {@value #MEMBERS} members, more than one {@code IN} chunk of heads each, so every
 * batch locks heads that the other node's batches lock too. Every timeline must stay 1..n with its head at n and
 * every message be on exactly its group's timelines; a message with a receiver the database refuses fails alone.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcGroupFanoutTest {

    private static final int MEMBERS = 450;
    private static final int PER_THREAD = 15;

    private final Backend backend;
    @TempDir
    Path dir;
    private final List<Database> dbs = new ArrayList<>();
    private final List<TimelineWriter> writers = new ArrayList<>();
    private final List<List<String>> groups = new ArrayList<>();
    private final AtomicLong uids = new AtomicLong(5_000_000);

    JdbcGroupFanoutTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void start() throws SQLException {
        HearthConfig.Database cfg = backend.newDatabase(dir, 4);
        for (int n = 0; n < 2; n++) {
            Database db = Database.open(cfg);
            TimelineWriter w = new TimelineWriter(new JdbcMessageStore(db), users -> Set.of(),
                    CommitOutputs.of(pushes -> {
                    }), 8, 10_000, WriterMetrics.none());
            w.start();
            dbs.add(db);
            writers.add(w);
        }
        // ids in mixed case ("m…" and "M…"), whose order differs between Java and a linguistic collation
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 2 * MEMBERS; i++) {
            users.add((i % 2 == 0 ? "m" : "M") + String.format("%04d", i));
        }
        for (int g = 0; g < 3; g++) {
            groups.add(users.subList(g * MEMBERS / 2, g * MEMBERS / 2 + MEMBERS));
        }
        try (Connection c = dbs.get(0).connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO user_heads (user_id, head) VALUES (?, 0)")) {
            for (String u : users) {
                ps.setString(1, u);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @AfterEach
    void stop() {
        writers.forEach(TimelineWriter::close);
        dbs.forEach(Database::close);
    }

    private record Sent(long uid, List<String> members, CompletableFuture<StoredMessage> result) {
    }

    private StoredMessage draft(String sender, int group) {
        return new StoredMessage(uids.incrementAndGet(), sender, Conversation.newBuilder().setType(1)
                .setTarget("group-" + group).build(), "c-" + sender, null,
                MessageContent.newBuilder().setType(1).setSearchableContent("hi all").build(), List.of(),
                System.currentTimeMillis(), 0);
    }

    @Test
    void groupMessagesThroughTwoNodesKeepEveryMembersTimelineGapFree() throws Exception {
        List<Sent> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CyclicBarrier go = new CyclicBarrier(6);
        for (int t = 0; t < 6; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                JdbcUserStoreTest.await(go);
                for (int k = 0; k < PER_THREAD; k++) {
                    int g = (thread + k) % 3;
                    List<String> members = groups.get(g);
                    StoredMessage d = draft(members.get((thread * 31 + k * 7) % MEMBERS), g);
                    Sent s = new Sent(d.messageUid(), members, writers.get(thread % 2).submit(d, members));
                    synchronized (all) {
                        all.add(s);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        CompletableFuture.allOf(all.stream().map(Sent::result).toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);

        Map<String, Integer> expected = new HashMap<>();
        Map<Long, Integer> rows = new HashMap<>();
        for (Sent s : all) {
            s.members().forEach(u -> expected.merge(u, 1, Integer::sum));
            rows.put(s.uid(), s.members().size());
        }
        JdbcMessageStore store = new JdbcMessageStore(dbs.get(1));
        try (Connection c = dbs.get(0).connection()) {
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                assertThat(seqs(c, e.getKey())).as("timeline of %s", e.getKey())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, e.getValue()).boxed().toList());
                assertThat(store.head(e.getKey())).as("head of %s", e.getKey()).isEqualTo((long) e.getValue());
            }
            assertThat(rowsPerMessage(c)).isEqualTo(rows);
        }
    }

    @Test
    void aGroupMessageWithAReceiverTheDatabaseRefusesFailsAloneWith251() throws Exception {
        List<String> bad = new ArrayList<>(groups.get(1));
        bad.add("x".repeat(65));
        TimelineWriter w = writers.get(0);
        List<CompletableFuture<StoredMessage>> before = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            before.add(w.submit(draft(groups.get(0).get(k), 0), groups.get(0)));
        }
        StoredMessage poison = draft(bad.get(0), 1);
        CompletableFuture<StoredMessage> poisoned = w.submit(poison, bad);
        CompletableFuture<StoredMessage> after = w.submit(draft(groups.get(2).get(0), 2), groups.get(2));

        Assertions.assertThatThrownBy(() -> poisoned.get(30, TimeUnit.SECONDS))
                .satisfies(e -> assertThat(StatusException.statusOf(e.getCause())).isEqualTo(Status.INVALID_PARAMETER));
        for (CompletableFuture<StoredMessage> f : before) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isNotNull();
        }
        after.get(30, TimeUnit.SECONDS);
        try (Connection c = dbs.get(0).connection()) {
            // the poisoned message's sender is in groups 0 and 1, its last receiver in groups 1 and 2
            assertThat(seqs(c, bad.get(0))).containsExactly(1L, 2L, 3L, 4L);
            assertThat(seqs(c, groups.get(1).get(MEMBERS - 1))).containsExactly(1L);
            assertThat(rowsPerMessage(c)).doesNotContainKey(poison.messageUid()).hasSize(5);
            assertThat(new JdbcMessageStore(dbs.get(0)).find(poison.messageUid())).isEmpty();
        }
    }

    /** More receivers than one statement of {@link ArrayTimelineRows} takes: the arrays are cut, nothing is lost. */
    @Test
    void aMessageToMoreUsersThanOneStatementTakesIsStoredOnEveryTimeline() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < ArrayTimelineRows.CHUNK + 500; i++) {
            members.add("big" + i);
        }
        StoredMessage d = draft(members.get(0), 9);
        StoredMessage stored = writers.get(0).submit(d, members).get(60, TimeUnit.SECONDS);

        assertThat(stored.senderSeq()).isEqualTo(1);
        JdbcMessageStore store = new JdbcMessageStore(dbs.get(1));
        try (Connection c = dbs.get(0).connection()) {
            assertThat(rowsPerMessage(c)).containsEntry(d.messageUid(), members.size());
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM user_heads WHERE user_id LIKE 'big%' AND head = 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(members.size());
            }
        }
        assertThat(store.head(members.get(members.size() - 1))).isEqualTo(1);
    }

    private static List<Long> seqs(Connection c, String user) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM timeline WHERE user_id = ? ORDER BY seq")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static Map<Long, Integer> rowsPerMessage(Connection c) throws SQLException {
        Map<Long, Integer> out = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT message_uid, COUNT(*) FROM timeline GROUP BY message_uid")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return out;
    }
}
