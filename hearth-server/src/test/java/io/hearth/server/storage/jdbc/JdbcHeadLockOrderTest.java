package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.config.HearthConfig;
import io.hearth.server.testing.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writers lock timeline heads in one order even on a PostgreSQL database whose collation sorts ids differently
 * from Java ({@code en-US}: {@code "a" < "B"}). The writer sorts and chunks the ids in Java and each chunk is locked
 * with {@code ORDER BY}; if the two orders disagreed, a writer whose batch spans two chunks would lock {@code "B"}
 * then {@code "a"} while another locks {@code "a"} then {@code "B"}: a deadlock, and a failed batch.
 */
class JdbcHeadLockOrderTest {

    @Test
    void twoWritersLockInOneOrderOnAnEnUsCollatedDatabase() throws Exception {
        Postgres.Db pg = Postgres.newDatabase("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
        try (Database db = Database.open(new HearthConfig.Database("postgresql", pg.url(), pg.user(), pg.password(),
                4, 64, 1000))) {
            try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT 'a' < 'B'")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the database sorts 'a' before 'B'").isTrue();
            }
            JdbcMessageStore store = new JdbcMessageStore(db);
            // big batch: "B", 199 ids between "B" and "a" in Java order, then "a" alone in a second chunk
            List<String> big = new ArrayList<>(List.of("B", "a"));
            for (int i = 0; i < JdbcMessageStore.IN_CHUNK - 1; i++) {
                big.add(String.format("F%03d", i));
            }
            store.write(tx -> tx.lockHeads(big));

            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> store.write(tx -> {
                tx.lockHeads(List.of("B"));
                holding.countDown();
                await(release);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            // queue the big batch on "B" first, then the small one: the big one gets "B" first once released
            CompletableFuture<Void> bigBatch = CompletableFuture.runAsync(() -> store.write(tx -> tx.lockHeads(big)));
            Thread.sleep(300);
            CompletableFuture<Void> smallBatch = CompletableFuture.runAsync(
                    () -> store.write(tx -> tx.lockHeads(List.of("a", "B"))));
            Thread.sleep(300);
            release.countDown();

            holder.get(10, TimeUnit.SECONDS);
            bigBatch.get(10, TimeUnit.SECONDS);
            smallBatch.get(10, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
