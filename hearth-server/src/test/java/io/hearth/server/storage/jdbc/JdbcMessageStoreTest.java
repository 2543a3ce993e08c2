package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.message.ClientMessageKey;
import io.hearth.server.message.MessageStore.Entry;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineBatch;
import io.hearth.server.message.TimelineEntry;
import io.hearth.server.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the message writer and the sync path rely on from {@link JdbcMessageStore}, on H2 and on PostgreSQL. */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcMessageStoreTest {

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcMessageStore store;

    JdbcMessageStoreTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 8));
        store = new JdbcMessageStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static StoredMessage message(long uid, String sender, String target, String clientMessageId, long serverTime) {
        return new StoredMessage(uid, sender, Conversation.newBuilder().setType(0).setTarget(target).setLine(1).build(),
                "client-" + sender, clientMessageId, MessageContent.newBuilder().setType(1)
                        .setSearchableContent("hello " + uid).setData(ByteString.copyFrom(new byte[]{0, -1, 7, 0}))
                        .build(), List.of(), serverTime, 0);
    }

    /** Stores one message as the writer does: lock the heads, the next seq for sender and receivers, append. */
    private StoredMessage send(StoredMessage draft, String... receivers) {
        List<StoredMessage> stored = new ArrayList<>();
        store.write(tx -> stored.add(appendLocked(tx, draft, receivers)));
        return stored.get(0);
    }

    private static StoredMessage appendLocked(TimelineBatch tx, StoredMessage d,
                                              String... receivers) {
        Set<String> users = new LinkedHashSet<>();
        users.add(d.sender());
        users.addAll(List.of(receivers));
        Map<String, Long> heads = tx.lockHeads(users);
        List<TimelineEntry> entries = new ArrayList<>();
        for (String u : users) {
            entries.add(new TimelineEntry(u, heads.get(u) + 1, d.messageUid(), d.serverTime()));
        }
        StoredMessage m = new StoredMessage(d.messageUid(), d.sender(), d.conversation(), d.fromClient(),
                d.clientMessageId(), d.content(), d.toUsers(), d.serverTime(), heads.get(d.sender()) + 1);
        tx.append(List.of(m), entries);
        return m;
    }

    @Test
    void writeStoresMessagesTimelinesAndHeadsTogether() {
        StoredMessage first = send(message(1, "a", "b", "m1", 100), "b");
        StoredMessage toMany = new StoredMessage(2, "b", first.conversation(), null, null, first.content(),
                List.of("a", "c"), 200, 0);
        StoredMessage second = send(toMany, "a", "c");

        assertThat(store.find(1)).contains(first);
        assertThat(store.find(2)).contains(second);
        assertThat(store.find(3)).isEmpty();
        assertThat(store.head("a")).isEqualTo(2);
        assertThat(store.head("b")).isEqualTo(2);
        assertThat(store.head("c")).isEqualTo(1);
        assertThat(store.pull("a", 0, 0, 100)).containsExactly(new Entry(1, first), new Entry(2, second));
        assertThat(store.pull("c", 0, 0, 100)).containsExactly(new Entry(1, second));
    }

    @Test
    void aWriteThatThrowsMidwayStoresNothingAndMovesNoHead() {
        StoredMessage first = send(message(1, "a", "b", "m1", 100), "b");
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.write(tx -> {
            appendLocked(tx, message(2, "a", "b", "m2", 200), "b");
            appendLocked(tx, message(3, "new", "b", "m3", 300), "b");
            throw boom;
        })).isSameAs(boom);

        assertThat(store.find(2)).isEmpty();
        assertThat(store.find(3)).isEmpty();
        assertThat(store.findByClientMessageIds(List.of(new ClientMessageKey("a", "m2")))).isEmpty();
        assertThat(store.head("a")).isEqualTo(1);
        assertThat(store.head("b")).isEqualTo(1);
        assertThat(store.head("new")).isZero();
        assertThat(store.pull("b", 0, 0, 100)).containsExactly(new Entry(1, first));
        assertThat(rows("user_heads")).isEqualTo(2);
        assertThat(send(message(4, "a", "b", "m4", 400), "b").senderSeq()).isEqualTo(2);
    }

    @Test
    void aUniqueViolationFailsTheWholeBatchWithSqlState23505() {
        send(message(1, "a", "b", "m1", 100), "b");

        // the message writer retries a batch on 23505 (another node stored the same client message id first)
        for (StoredMessage clash : List.of(message(1, "c", "b", "x", 200), message(9, "a", "b", "m1", 200))) {
            assertThatThrownBy(() -> store.write(tx -> {
                appendLocked(tx, message(5, "c", "d", "ok", 200), "d");
                appendLocked(tx, clash, "b");
            })).isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(Jdbc.isUniqueViolation(e)).as("SQLState 23505 in %s", e).isTrue());
            assertThat(store.find(5)).isEmpty();
            assertThat(store.head("b")).isEqualTo(1);
            assertThat(store.head("c")).isZero();
            assertThat(store.head("d")).isZero();
        }
    }

    @Test
    void lockHeadsAnswersZeroForNewUsersAndTheHeadAfterAppends() throws SQLException {
        store.write(tx -> assertThat(tx.lockHeads(List.of("x", "y"))).isEqualTo(Map.of("x", 0L, "y", 0L)));
        send(message(1, "x", "y", null, 100), "y");
        send(message(2, "x", "y", null, 100), "y");
        send(message(3, "y", "z", null, 100), "z");

        store.write(tx -> assertThat(tx.lockHeads(List.of("z", "y", "x", "w")))
                .isEqualTo(Map.of("x", 2L, "y", 3L, "z", 1L, "w", 0L)));

        // a timeline without a head row (written before heads existed): its newest seq
        try (Connection c = db.connection()) {
            c.createStatement().execute("DELETE FROM user_heads WHERE user_id = 'y'");
        }
        store.write(tx -> assertThat(tx.lockHeads(List.of("y"))).isEqualTo(Map.of("y", 3L)));
        assertThat(store.head("y")).isEqualTo(3);
    }

    @Test
    void lockHeadsHoldsASecondWriterUntilTheFirstCommitsThenAnswersTheMovedHead() throws Exception {
        send(message(1, "a", "b", null, 100), "b");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> store.write(tx -> {
            appendLocked(tx, message(2, "a", "b", null, 200), "b");
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Map<String, Long>> second = CompletableFuture.supplyAsync(() -> {
            List<Map<String, Long>> seen = new ArrayList<>();
            store.write(tx -> seen.add(tx.lockHeads(List.of("c", "b"))));
            return seen.get(0);
        });
        Thread.sleep(300);
        assertThat(second).as("second writer waits for the first one's lock").isNotDone();
        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(Map.of("b", 2L, "c", 0L));
    }

    @Test
    void findByClientMessageIdsMatchesSenderAndIdTogether() {
        StoredMessage a1 = send(message(1, "a", "x", "m1", 100), "x");
        StoredMessage b1 = send(message(2, "b", "x", "m1", 100), "x");
        StoredMessage a2 = send(message(3, "a", "x", "m2", 100), "x");
        send(message(4, "c", "x", null, 100), "x");

        Map<ClientMessageKey, StoredMessage> found = store.findByClientMessageIds(List.of(
                new ClientMessageKey("a", "m1"), new ClientMessageKey("b", "m1"), new ClientMessageKey("a", "m2"),
                new ClientMessageKey("b", "m2"), new ClientMessageKey("c", "m1")));

        assertThat(found).isEqualTo(Map.of(new ClientMessageKey("a", "m1"), a1, new ClientMessageKey("b", "m1"), b1,
                new ClientMessageKey("a", "m2"), a2));
        assertThat(store.findByClientMessageIds(List.of())).isEmpty();
    }

    @Test
    void findByClientMessageIdsAnswersManyKeysAtOnce() {
        List<StoredMessage> batch = new ArrayList<>();
        List<ClientMessageKey> keys = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            String sender = "s" + i % 7;
            keys.add(new ClientMessageKey(sender, "m" + i));
            if (i % 3 != 0) {
                batch.add(message(1000 + i, sender, "x", "m" + i, 100));
            }
        }
        store.write(tx -> batch.forEach(m -> appendLocked(tx, m, "x")));

        Map<ClientMessageKey, StoredMessage> found = store.findByClientMessageIds(keys);
        assertThat(found).hasSize(300);
        found.forEach((k, m) -> assertThat(new ClientMessageKey(m.sender(), m.clientMessageId())).isEqualTo(k));
    }

    @Test
    void pullFiltersBySeqAndTimeAndLimitInSeqOrder() {
        List<StoredMessage> messages = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        for (int seq = 1; seq <= 10; seq++) {
            messages.add(message(seq, "s" + seq, "u", null, 100L * seq));
            entries.add(new TimelineEntry("u", seq, seq, 100L * seq));
        }
        Collections.shuffle(entries, new Random(7));
        store.write(tx -> {
            tx.lockHeads(List.of("u"));
            tx.append(messages, entries);
        });

        assertThat(seqs(store.pull("u", 3, 0, 4))).containsExactly(4L, 5L, 6L, 7L);
        assertThat(seqs(store.pull("u", 0, 600, 100))).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(seqs(store.pull("u", 7, 600, 2))).containsExactly(8L, 9L);
        assertThat(store.pull("u", 10, 0, 10)).isEmpty();
        assertThat(store.pull("nobody", 0, 0, 10)).isEmpty();
        assertThat(store.pull("u", 0, 0, 1).get(0).message()).isEqualTo(messages.get(0));
        assertThat(store.head("u")).isEqualTo(10);
        assertThat(store.head("nobody")).isZero();
    }

    private static List<Long> seqs(List<Entry> entries) {
        return entries.stream().map(Entry::seq).toList();
    }

    private int rows(String table) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             var rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
