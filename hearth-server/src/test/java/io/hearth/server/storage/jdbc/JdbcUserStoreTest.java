package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.user.User;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the server relies on from {@link JdbcUserStore}, on H2 and on PostgreSQL. */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcUserStoreTest {

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcUserStore store;

    JdbcUserStoreTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 8));
        store = new JdbcUserStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static User user(String id, String name, String mobile, boolean deleted, long created) {
        return new User(id, name, "Display " + id, "http://p/" + id, 1, mobile, id + "@example.com", "addr",
                "company", "{\"social\":1}", "{\"extra\":2}", 0, deleted, created, created + 1);
    }

    @Test
    void upsertInsertsAndThenOverwritesEveryField() {
        User first = user("u1", "alice", "100", false, 1000);
        store.upsert(first);
        assertThat(store.find("u1")).contains(first);

        User changed = new User("u1", "alice2", null, null, 2, null, null, null, null, null, null, 1, false, 1000,
                5000);
        store.upsert(changed);
        assertThat(store.find("u1")).contains(changed);
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void anOverwriteNeverMovesTheUpdateTimeBack() {
        store.upsert(user("u2", "dave", "400", false, 1000)); // updated 1001
        User stale = new User("u2", "dave", null, null, 0, null, null, null, null, null, null, 0, false, 1000, 900);
        store.upsert(stale); // written by a node whose clock lags, or after a later update committed in between
        assertThat(store.find("u2")).map(User::updatedAt).contains(1002L);
        User later = new User("u2", "dave", null, null, 0, null, null, null, null, null, null, 0, false, 1000, 9000);
        store.upsert(later);
        assertThat(store.find("u2")).map(User::updatedAt).contains(9000L);
    }

    @Test
    void findsByNameAndMobileTheEarliestLiveUser() {
        store.upsert(user("later", "bob", "200", false, 2000));
        store.upsert(user("earlier", "bob", "200", false, 1000));
        store.upsert(user("gone", "carol", "300", true, 500));

        assertThat(store.findByName("bob")).map(User::userId).contains("earlier");
        assertThat(store.findByMobile("200")).map(User::userId).contains("earlier");
        assertThat(store.findByName("carol")).isEmpty();
        assertThat(store.findByMobile("300")).isEmpty();
        assertThat(store.findByName("nobody")).isEmpty();
    }

    @Test
    void aDeletedUserIsStillFoundByIdButNotExisting() {
        store.upsert(user("u1", "alice", "100", false, 1000));
        store.upsert(user("u1", "alice", "100", true, 1000));

        assertThat(store.find("u1")).map(User::deleted).contains(true);
        assertThat(store.existing(List.of("u1"))).isEmpty();

        store.upsert(user("u1", "alice", "100", false, 1000));
        assertThat(store.existing(List.of("u1"))).containsExactly("u1");
    }

    @Test
    void existingAnswersManyIdsAtOnce() {
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            asked.add("u" + i);
            if (i % 3 != 0) {
                store.upsert(user("u" + i, "n" + i, null, i % 3 == 2 && i > 400, i));
            }
        }
        List<String> expected = IntStream.range(0, 450).filter(i -> i % 3 == 1 || (i % 3 == 2 && i <= 400))
                .mapToObj(i -> "u" + i).toList();
        assertThat(store.existing(asked)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.existing(List.of())).isEmpty();
    }

    /** Message writers on several nodes then never race to create it (see JdbcTimelineBatch). */
    @Test
    void creatingAUserCreatesItsTimelineHead() throws Exception {
        try (var c = db.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO timeline (user_id, seq, message_uid, server_time) VALUES ('old', 7, 1, 1)");
            st.execute("INSERT INTO user_heads (user_id, head) VALUES ('kept', 3)");
        }
        for (String id : List.of("new", "old", "kept")) {
            store.upsert(user(id, id, null, false, 1000));
            store.upsert(user(id, id + "2", null, false, 1000));
        }
        JdbcMessageStore messages = new JdbcMessageStore(db);
        assertThat(messages.head("new")).isZero();
        assertThat(messages.head("old")).isEqualTo(7);
        assertThat(messages.head("kept")).isEqualTo(3);
        try (var c = db.connection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM user_heads")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void concurrentCreatesOfOneUserAllSucceedAndLeaveOneRow() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                String id = "raced" + round;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<CompletableFuture<Void>> creates = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    User u = user(id, "name" + t, null, false, 1000);
                    creates.add(CompletableFuture.runAsync(() -> {
                        await(start);
                        store.upsert(u);
                    }, pool));
                }
                CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).get();
                assertThat(store.existing(List.of(id))).containsExactly(id);
            }
        } finally {
            pool.shutdownNow();
        }
        try (var c = db.connection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(10);
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
