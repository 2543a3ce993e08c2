package io.hearth.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Platforms;
import io.hearth.protocol.Status;
import io.hearth.server.auth.TokenCodec;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.storage.jdbc.Database;
import io.hearth.server.storage.jdbc.JdbcSessionStore;
import io.hearth.server.storage.jdbc.JdbcUserStore;
import io.hearth.server.testing.Postgres;
import io.hearth.server.user.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (each its own pool, store and {@link SessionService}) on one real PostgreSQL database issue tokens for
 * the same device at the same moment. Each call names another platform, so every call must move the session to a
 * new generation: with the compare-and-set every issued generation is distinct, and only the newest token logs in.
 */
class SessionGenerationRaceTest {

    private static final String KEY = "race-test-key";

    private final List<Database> databases = new ArrayList<>();
    private final List<BlockingExecutor> executors = new ArrayList<>();
    private final List<SessionService> nodes = new ArrayList<>();

    @BeforeEach
    void start() {
        Postgres.Db pg = Postgres.newDatabase();
        HearthConfig.Database cfg = new HearthConfig.Database("postgresql", pg.url(), pg.user(), pg.password(), 8, 64,
                10_000);
        HearthConfig.Tokens tokens = new HearthConfig.Tokens(KEY, 0, true, true, true);
        for (int node = 0; node < 2; node++) {
            Database db = Database.open(cfg);
            databases.add(db);
            BlockingExecutor blocking = new BlockingExecutor("race-" + node, 8, 1000);
            executors.add(blocking);
            nodes.add(new SessionService(new JdbcSessionStore(db), new JdbcUserStore(db), new TokenCodec(KEY),
                    (user, client, cause) -> { }, blocking, tokens, Clock.systemUTC()));
        }
        new JdbcUserStore(databases.get(0)).upsert(new User("alice", "alice", null, null, 0, null, null, null, null,
                null, null, 0, false, 1, 1));
    }

    @AfterEach
    void stop() {
        executors.forEach(BlockingExecutor::close);
        databases.forEach(Database::close);
    }

    @Test
    void concurrentTokenIssuesOnTwoNodesNeverShareAGenerationAndOnlyTheNewestIsValid() throws Exception {
        int calls = Platforms.HARMONY_PC + 1;
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            rounds(calls, callers);
        } finally {
            callers.shutdownNow();
        }
    }

    private void rounds(int calls, ExecutorService callers) throws Exception {
        for (int round = 0; round < 5; round++) {
            String clientId = "device-" + round;
            CyclicBarrier together = new CyclicBarrier(calls);
            List<CompletableFuture<String>> issued = new ArrayList<>();
            for (int platform = 0; platform < calls; platform++) {
                SessionService node = nodes.get(platform % 2);
                int p = platform;
                issued.add(CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return node.issueToken("alice", clientId, p).join();
                }, callers));
            }
            Map<Long, String> byGeneration = new TreeMap<>();
            TokenCodec codec = new TokenCodec(KEY);
            for (CompletableFuture<String> f : issued) {
                String token = f.get(60, TimeUnit.SECONDS);
                long generation = codec.decode(token).orElseThrow().generation();
                assertThat(byGeneration.put(generation, token)).as("%s: generation %d issued twice", clientId,
                        generation).isNull();
            }
            assertThat(byGeneration.keySet()).as(clientId).hasSize(calls);

            long newest = ((TreeMap<Long, String>) byGeneration).lastKey();
            for (Map.Entry<Long, String> e : byGeneration.entrySet()) {
                SessionService node = nodes.get((int) (e.getKey() % 2));
                if (e.getKey() == newest) {
                    assertThat(node.authenticate("alice", clientId, e.getValue()).get(10, TimeUnit.SECONDS)
                            .generation()).isEqualTo(newest);
                } else {
                    assertThat(statusOf(node.authenticate("alice", clientId, e.getValue())))
                            .as("token of generation %d", e.getKey()).isEqualTo(Status.KICKED_OFF);
                }
            }
        }
    }

    private static Status statusOf(CompletableFuture<?> f) {
        try {
            f.join();
            return Status.SUCCESS;
        } catch (CompletionException e) {
            return StatusException.statusOf(e.getCause());
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
