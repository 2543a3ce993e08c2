package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.session.ClientSession;
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

    @Test
    void saveAllInsertsAndUpdatesInOneCall() {
        ClientSession phone = session("u1", "phone", 1, 1);
        ClientSession pc = session("u1", "pc", 3, 1);
        store.saveAll(List.of(phone));

        ClientSession kicked = phone.kicked(2000);
        store.saveAll(List.of(kicked, pc));

        assertThat(store.find("u1", "phone")).contains(kicked);
        assertThat(store.find("u1", "pc")).contains(pc);
        assertThat(store.findByUser("u1")).containsExactlyInAnyOrder(kicked, pc);
        assertThat(store.find("u1", "tablet")).isEmpty();
    }

    @Test
    void saveAllStoresNothingWhenOneSessionFails() {
        ClientSession phone = session("u1", "phone", 1, 1);
        store.saveAll(List.of(phone));

        ClientSession tooLong = session("u1", "c".repeat(200), 1, 1);
        assertThatThrownBy(() -> store.saveAll(List.of(phone.kicked(2000), session("u1", "pc", 3, 1), tooLong)))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("save sessions failed");

        assertThat(store.findByUser("u1")).containsExactly(phone);
    }

    @Test
    void findByUserListsOnlyThatUsersSessions() {
        store.saveAll(List.of(session("u1", "a", 1, 1), session("u1", "b", 2, 1), session("u2", "a", 1, 1)));

        assertThat(store.findByUser("u1")).extracting(ClientSession::clientId).containsExactlyInAnyOrder("a", "b");
        assertThat(store.findByUser("u2")).extracting(ClientSession::clientId).containsExactly("a");
        assertThat(store.findByUser("u3")).isEmpty();
    }

    @Test
    void touchMovesOnlyLastSeen() {
        ClientSession s = session("u1", "phone", 1, 7);
        store.saveAll(List.of(s));

        store.touch("u1", "phone", 9999);
        store.touch("u1", "nosuch", 9999);

        assertThat(store.find("u1", "phone")).contains(new ClientSession("u1", "phone", 1, 7, false, 1000, 1000,
                9999));
        assertThat(store.find("u1", "nosuch")).isEmpty();
    }

    /** Nodes saving the same sessions at once, in different orders: first all insert, then all update. */
    @Test
    void concurrentSavesOfTheSameSessionsAllSucceed() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String user = "u" + round / 2;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<CompletableFuture<Void>> saves = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    List<ClientSession> mine = new ArrayList<>(List.of(session(user, "phone", 1, t + 1),
                            session(user, "pc", 3, 1), session(user, "pad", 2, 1)));
                    if (t % 2 == 1) {
                        java.util.Collections.reverse(mine);
                    }
                    saves.add(CompletableFuture.runAsync(() -> {
                        JdbcUserStoreTest.await(start);
                        store.saveAll(mine);
                    }, pool));
                }
                CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get();
                assertThat(store.findByUser(user)).hasSize(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
