package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.session.ClientSession;
import io.hearth.server.session.SessionStore;
import io.hearth.server.storage.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the server relies on from {@link JdbcSessionStore}, on H2 and on PostgreSQL. */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcSessionStoreTest {

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcSessionStore store;

    JdbcSessionStoreTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 8));
        store = new JdbcSessionStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ClientSession session(String user, String client, int platform, long generation) {
        return new ClientSession(user, client, platform, generation, false, 1000, 1000, 0);
    }

    private static SessionStore.Write insert(ClientSession s) {
        return new SessionStore.Write(s, SessionStore.Write.ABSENT);
    }

    private static SessionStore.Write update(ClientSession s, long expectedGeneration) {
        return new SessionStore.Write(s, expectedGeneration);
    }

    @Test
    void saveIfUnchangedInsertsAndUpdatesInOneCall() {
        ClientSession phone = session("u1", "phone", 1, 1);
        ClientSession pc = session("u1", "pc", 3, 1);
        assertThat(store.saveIfUnchanged(List.of(insert(phone)))).isTrue();

        ClientSession kicked = phone.kicked(2000);
        assertThat(store.saveIfUnchanged(List.of(update(kicked, 1), insert(pc)))).isTrue();

        assertThat(store.find("u1", "phone")).contains(kicked);
        assertThat(store.find("u1", "pc")).contains(pc);
        assertThat(store.findByUser("u1")).containsExactlyInAnyOrder(kicked, pc);
        assertThat(store.find("u1", "tablet")).isEmpty();
    }

    @Test
    void saveIfUnchangedWritesNothingWhenOneSessionChangedMeanwhile() {
        ClientSession phone = session("u1", "phone", 1, 1);
        ClientSession pc = session("u1", "pc", 3, 1);
        store.saveIfUnchanged(List.of(insert(phone), insert(pc)));

        assertThat(store.saveIfUnchanged(List.of(update(phone.kicked(2000), 1), update(pc.kicked(2000), 7))))
                .as("pc is not at generation 7").isFalse();
        assertThat(store.saveIfUnchanged(List.of(update(phone.kicked(2000), 1), insert(pc))))
                .as("pc exists already").isFalse();
        assertThat(store.findByUser("u1")).containsExactlyInAnyOrder(phone, pc);
    }

    @Test
    void saveIfUnchangedStoresNothingWhenOneSessionFails() {
        ClientSession phone = session("u1", "phone", 1, 1);
        store.saveIfUnchanged(List.of(insert(phone)));

        ClientSession tooLong = session("u1", "c".repeat(200), 1, 1);
        assertThatThrownBy(() -> store.saveIfUnchanged(List.of(update(phone.kicked(2000), 1),
                insert(session("u1", "pc", 3, 1)), insert(tooLong))))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("save sessions failed");

        assertThat(store.findByUser("u1")).containsExactly(phone);
    }

    @Test
    void findByUserListsOnlyThatUsersSessions() {
        store.saveIfUnchanged(List.of(insert(session("u1", "a", 1, 1)), insert(session("u1", "b", 2, 1)),
                insert(session("u2", "a", 1, 1))));

        assertThat(store.findByUser("u1")).extracting(ClientSession::clientId).containsExactlyInAnyOrder("a", "b");
        assertThat(store.findByUser("u2")).extracting(ClientSession::clientId).containsExactly("a");
        assertThat(store.findByUser("u3")).isEmpty();
    }

    @Test
    void touchMovesOnlyLastSeenAndAnUpdateKeepsIt() {
        ClientSession s = session("u1", "phone", 1, 7);
        store.saveIfUnchanged(List.of(insert(s)));

        store.touch("u1", "phone", 9999);
        store.touch("u1", "nosuch", 9999);

        assertThat(store.find("u1", "phone")).contains(new ClientSession("u1", "phone", 1, 7, false, 1000, 1000,
                9999));
        assertThat(store.find("u1", "nosuch")).isEmpty();
        store.saveIfUnchanged(List.of(update(s.kicked(2000), 7)));
        assertThat(store.find("u1", "phone").orElseThrow().lastSeen()).isEqualTo(9999);
    }

    /**
     * Nodes writing the same sessions at once, in different orders, each expecting what it read: per round exactly
     * one of them wins, first among inserts, then among updates; no writer fails or deadlocks.
     */
    @Test
    void concurrentCompareAndSetsOfTheSameSessionsLetExactlyOneWin() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String user = "u" + round / 2;
                long expected = round % 2 == 0 ? SessionStore.Write.ABSENT : 1;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<CompletableFuture<Boolean>> saves = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long generation = expected + 1;
                    List<SessionStore.Write> mine = new ArrayList<>();
                    for (String client : List.of("phone", "pc", "pad")) {
                        mine.add(new SessionStore.Write(session(user, client, t + 1, generation), expected));
                    }
                    if (t % 2 == 1) {
                        java.util.Collections.reverse(mine);
                    }
                    saves.add(CompletableFuture.supplyAsync(() -> {
                        JdbcUserStoreTest.await(start);
                        return store.saveIfUnchanged(mine);
                    }, pool));
                }
                CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get();
                assertThat(saves.stream().filter(CompletableFuture::join).count()).as("round %d", round).isOne();
                List<ClientSession> stored = store.findByUser(user);
                assertThat(stored).hasSize(3);
                assertThat(stored).extracting(ClientSession::platform).as("all from the winner").hasSize(3)
                        .containsOnly(stored.get(0).platform());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
