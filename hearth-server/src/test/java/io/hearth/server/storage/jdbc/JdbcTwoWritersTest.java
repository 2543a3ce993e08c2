package io.hearth.server.storage.jdbc;

import io.hearth.server.testing.CommitOutputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineWriter;
import io.hearth.server.message.WriterMetrics;
import io.hearth.server.user.User;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes writing to one database: each has its own pool and its own {@link TimelineWriter}, as two Hearth
 * processes would, and they append to the same timelines at the same time. Every timeline must stay 1..n without a
 * gap or a duplicate, every message must be stored once, and no batch may fail. On H2 both pools share the one
 * embedded database of the JVM, which is as close to two nodes as H2 gets (a cluster needs PostgreSQL).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcTwoWritersTest {

    private static final int SENDERS = 8;
    private static final int PER_SENDER = 80;
    private static final List<String> RECEIVERS = List.of("r0", "r1", "r2", "r3");

    private final Backend backend;
    @TempDir
    Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final AtomicLong uids = new AtomicLong(1_000_000);

    JdbcTwoWritersTest(Backend backend) {
        this.backend = backend;
    }

    /** One node's storage and writer; small batches so that the two writers interleave many transactions. */
    private record Node(Database db, TimelineWriter writer) {

        static Node start(HearthConfig.Database cfg) {
            Database db = Database.open(cfg);
            TimelineWriter writer = new TimelineWriter(new JdbcMessageStore(db), users -> Set.of(), CommitOutputs.of(pushes -> {
            }), 16, 100_000, WriterMetrics.none());
            writer.start();
            return new Node(db, writer);
        }
    }

    @BeforeEach
    void start() {
        HearthConfig.Database cfg = backend.newDatabase(dir, 4);
        nodes.add(Node.start(cfg));
        nodes.add(Node.start(cfg));
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.writer().close());
        nodes.forEach(n -> n.db().close());
    }

    private StoredMessage draft(String sender, String clientMessageId) {
        return new StoredMessage(uids.incrementAndGet(), sender, Conversation.newBuilder().setTarget("r").build(),
                "c-" + sender, clientMessageId, MessageContent.newBuilder().setType(1).setSearchableContent("hi")
                .build(), List.of(), System.currentTimeMillis(), 0);
    }

    /** A submitted message: which node took it, its uid, its receivers, and the writer's answer. */
    private record Sent(int node, long uid, List<String> receivers, CompletableFuture<StoredMessage> result) {
    }

    @Test
    void concurrentSendsThroughBothNodesKeepEveryTimelineGapFree() throws Exception {
        createUsers();
        List<Sent> all = sendThroughBothNodes();

        List<String> failed = all.stream().filter(x -> x.result().isCompletedExceptionally())
                .map(x -> x.uid() + ": status " + StatusException.statusOf(failure(x.result()))).toList();
        assertThat(failed).as("failed sends").isEmpty();
        assertStoredExactly(all);
    }

    /**
     * Users whose heads do not exist yet (written to the database outside the server): both writers insert the
     * same heads at once, one of them gets a unique violation and retries the batch. If its retry races again the
     * batch fails with status 4; either way no timeline gets a gap or a duplicate, and a failed message is not stored.
     */
    @Test
    void usersWithoutHeadsMayCostABatchButNeverATimeline() throws Exception {
        List<Sent> all = sendThroughBothNodes();

        List<Sent> stored = new ArrayList<>();
        for (Sent x : all) {
            if (x.result().isCompletedExceptionally()) {
                assertThat(StatusException.statusOf(failure(x.result()))).isEqualTo(Status.SERVER_ERROR);
            } else {
                stored.add(x);
            }
        }
        assertStoredExactly(stored);
    }

    private void createUsers() {
        JdbcUserStore users = new JdbcUserStore(nodes.get(0).db());
        List<String> ids = new ArrayList<>(RECEIVERS);
        for (int s = 0; s < SENDERS; s++) {
            ids.add("s" + s);
        }
        ids.forEach(id -> users.upsert(new User(id, id, null, null, 0, null, null, null, null, null, null, 0, false,
                1, 1)));
    }

    /**
     * Every sender, on its own thread, sends {@link #PER_SENDER} messages through the two nodes alternately, to one
     * receiver or (every tenth) to all of them, half of them with a client message id; waits for every answer.
     */
    private List<Sent> sendThroughBothNodes() throws Exception {
        List<List<Sent>> bySender = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CyclicBarrier go = new CyclicBarrier(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            String sender = "s" + s;
            List<Sent> sent = new ArrayList<>();
            bySender.add(sent);
            int first = s;
            threads.add(new Thread(() -> {
                JdbcUserStoreTest.await(go);
                for (int k = 0; k < PER_SENDER; k++) {
                    int node = (first + k) % 2;
                    List<String> to = k % 10 == 0 ? RECEIVERS : List.of(RECEIVERS.get(k % RECEIVERS.size()));
                    StoredMessage d = draft(sender, k % 2 == 0 ? "m" + k : null);
                    sent.add(new Sent(node, d.messageUid(), to, nodes.get(node).writer().submit(d, to)));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        List<Sent> all = bySender.stream().flatMap(List::stream).toList();
        CompletableFuture.allOf(all.stream().map(Sent::result).toArray(CompletableFuture[]::new))
                .exceptionally(e -> null).get(120, TimeUnit.SECONDS);
        return all;
    }

    /**
     * The database holds exactly these messages, each once, on its sender's and receivers' timelines; every
     * timeline is 1..n and its head is n; each sender's seqs are 1..n, in submission order through each node.
     */
    private void assertStoredExactly(List<Sent> stored) throws SQLException {
        Map<String, Integer> expected = new TreeMap<>();
        Map<Long, Integer> rowsPerMessage = new HashMap<>();
        Map<String, List<Sent>> bySender = new TreeMap<>();
        for (Sent x : stored) {
            StoredMessage m = x.result().join();
            assertThat(m.messageUid()).isEqualTo(x.uid());
            expected.merge(m.sender(), 1, Integer::sum);
            x.receivers().forEach(r -> expected.merge(r, 1, Integer::sum));
            rowsPerMessage.put(x.uid(), 1 + x.receivers().size());
            bySender.computeIfAbsent(m.sender(), k -> new ArrayList<>()).add(x);
        }
        JdbcMessageStore otherNode = new JdbcMessageStore(nodes.get(1).db());
        try (Connection c = nodes.get(0).db().connection()) {
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                assertThat(seqs(c, e.getKey())).as("timeline of %s", e.getKey())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, e.getValue()).boxed().toList());
                assertThat(otherNode.head(e.getKey())).as("head of %s", e.getKey()).isEqualTo((long) e.getValue());
            }
            assertThat(timelineRowsPerMessage(c)).isEqualTo(rowsPerMessage);
            assertThat(count(c, "SELECT COUNT(*) FROM messages")).isEqualTo(stored.size());
        }
        bySender.forEach((sender, sent) -> {
            assertThat(sent.stream().map(x -> x.result().join().senderSeq()).sorted().toList()).as(sender)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, sent.size()).boxed().toList());
            for (int node = 0; node < 2; node++) {
                int n = node;
                assertThat(sent.stream().filter(x -> x.node() == n).map(x -> x.result().join().senderSeq()).toList())
                        .as("%s through node %d", sender, node).isSorted();
            }
        });
    }

    @Test
    void theSameClientMessageIdThroughBothNodesAtOnceIsStoredOnce() throws Exception {
        JdbcUserStore users = new JdbcUserStore(nodes.get(0).db());
        for (String id : List.of("s", "r")) {
            users.upsert(new User(id, id, null, null, 0, null, null, null, null, null, null, 0, false, 1, 1));
        }
        int rounds = 30;
        for (int k = 0; k < rounds; k++) {
            String cmid = "dup-" + k;
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<CompletableFuture<StoredMessage>>> submits = new ArrayList<>();
            for (Node node : nodes) {
                StoredMessage d = draft("s", cmid);
                submits.add(CompletableFuture.supplyAsync(() -> {
                    JdbcUserStoreTest.await(together);
                    return node.writer().submit(d, List.of("r"));
                }));
            }
            StoredMessage viaA = submits.get(0).get(10, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            StoredMessage viaB = submits.get(1).get(10, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            assertThat(viaB.messageUid()).as(cmid).isEqualTo(viaA.messageUid());
            assertThat(viaB.senderSeq()).as(cmid).isEqualTo(viaA.senderSeq()).isEqualTo(k + 1);
        }
        try (Connection c = nodes.get(0).db().connection()) {
            assertThat(count(c, "SELECT COUNT(*) FROM messages")).isEqualTo(rounds);
            assertThat(seqs(c, "r")).containsExactlyElementsOf(LongStream.rangeClosed(1, rounds).boxed().toList());
            assertThat(seqs(c, "s")).containsExactlyElementsOf(LongStream.rangeClosed(1, rounds).boxed().toList());
        }
    }

    /**
     * Shared timelines (super groups) written through both nodes at once, mixed with messages to users in the same
     * batches, and to the timelines of users a shared message also names: each shared timeline is 1..n, its head n,
     * every message in exactly one shared timeline; a shared message has no entry of its sender's (sender seq 0).
     */
    @Test
    void sharedTimelinesThroughBothNodesStayGapFree() throws Exception {
        createUsers();
        List<String> timelines = List.of("g0", "g1", "g2");
        try (Connection c = nodes.get(0).db().connection()) {
            for (String t : timelines) {
                JdbcGroupChanges.createSharedHead(c, t);
            }
        }
        List<CompletableFuture<StoredMessage>> shared = new ArrayList<>();
        Map<String, Integer> perTimeline = new TreeMap<>();
        List<Thread> threads = new ArrayList<>();
        CyclicBarrier go = new CyclicBarrier(SENDERS);
        List<List<CompletableFuture<StoredMessage>>> bySender = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            String sender = "s" + s;
            int first = s;
            List<CompletableFuture<StoredMessage>> mine = new ArrayList<>();
            bySender.add(mine);
            String timeline = timelines.get(s % timelines.size());
            perTimeline.merge(timeline, PER_SENDER, Integer::sum);
            threads.add(new Thread(() -> {
                JdbcUserStoreTest.await(go);
                for (int k = 0; k < PER_SENDER; k++) {
                    TimelineWriter w = nodes.get((first + k) % 2).writer();
                    List<String> named = k % 10 == 0 ? List.of(RECEIVERS.get(k % RECEIVERS.size())) : List.of();
                    mine.add(w.submit(draft(sender, k % 2 == 0 ? "g" + k : null), named, timeline));
                    w.submit(draft(sender, null), List.of(RECEIVERS.get(k % RECEIVERS.size())));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        bySender.forEach(shared::addAll);
        CompletableFuture.allOf(shared.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        assertThat(shared).allSatisfy(f -> assertThat(f.join().senderSeq()).isZero());
        JdbcMessageStore otherNode = new JdbcMessageStore(nodes.get(1).db());
        try (Connection c = nodes.get(0).db().connection()) {
            for (Map.Entry<String, Integer> e : perTimeline.entrySet()) {
                List<Long> seqs = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT seq FROM shared_timeline WHERE timeline_id = ? ORDER BY seq")) {
                    ps.setString(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seqs.add(rs.getLong(1));
                        }
                    }
                }
                assertThat(seqs).as("shared timeline %s", e.getKey())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, e.getValue()).boxed().toList());
                assertThat(otherNode.sharedHead(e.getKey())).isEqualTo((long) e.getValue());
            }
            assertThat(count(c, "SELECT COUNT(DISTINCT message_uid) FROM shared_timeline"))
                    .isEqualTo(shared.size());
            for (CompletableFuture<StoredMessage> f : shared) {
                long uid = f.join().messageUid();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM timeline WHERE message_uid = ? AND user_id LIKE 's%'")) {
                    ps.setLong(1, uid);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("sender entries of shared message %d", uid).isZero();
                    }
                }
            }
        }
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
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

    private static Map<Long, Integer> timelineRowsPerMessage(Connection c) throws SQLException {
        Map<Long, Integer> out = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT message_uid, COUNT(*) FROM timeline GROUP BY message_uid")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
