package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.testing.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broadcast to 20,000 users on the 3-node cluster ({@link ClusterFixture}, PostgreSQL, batches of 200, lease 5 s):
 * started through node 1, which is killed with SIGKILL a third of the way through; another node takes the job over
 * once the lease ran out and finishes it, while single-chat sends through node 2 keep being answered. Every user
 * then has the broadcast exactly once in its timeline, and every timeline's seqs are still gap-free. The users are
 * inserted straight into the database (as a bulk import would); the check reads the database too.
 */
class ClusterBroadcastIT {

    private static final int USERS = 20_000;

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    @Test
    void aBroadcastSurvivesTheKillOfItsNodeAndReachesEveryUserOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String sender = "bc-" + run + "-sender";
        String alice = "bc-" + run + "-alice";
        String bob = "bc-" + run + "-bob";
        for (String u : List.of(sender, alice, bob)) {
            cluster.node(2).admin().createUser(u, u, u);
        }
        Postgres.Db db = cluster.db();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            insertUsers(c, run);
            long everyone = count(c, "SELECT COUNT(*) FROM users WHERE deleted = FALSE");

            JsonNode started = cluster.node(1).admin().post("/admin/message/broadcast", Map.of("sender", sender,
                    "line", 0, "payload", Map.of("type", 1, "searchableContent", "to all " + run)));
            long uid = started.get("messageUid").asLong();
            assertThat(started.get("count").asLong()).isEqualTo(everyone - 1);

            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger answeredDuring = new AtomicInteger();
            Thread sends = new Thread(() -> {
                while (sending.get()) {
                    cluster.node(2).admin().sendMessage(alice, 0, bob, 0, Map.of("type", 1,
                            "searchableContent", "meanwhile"));
                    long delivered = delivered(db, uid);
                    if (delivered > 0 && delivered < everyone - 1) {
                        answeredDuring.incrementAndGet();
                    }
                }
            }, "single-chat-sends");
            sends.start();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> delivered(db, uid) >= (everyone - 1) / 3);
            cluster.node(1).kill9();
            long atKill = delivered(db, uid);
            assertThat(atKill).as("node 1 died mid-way (lower the batch size if the broadcast outran the kill)")
                    .isLessThan(everyone - 1);
            cluster.phase("node 1 killed with the broadcast at " + atKill + " of " + (everyone - 1));

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count(c, "SELECT COUNT(*) FROM fanouts WHERE message_uid = " + uid
                            + " AND done = TRUE") == 1);
            sending.set(false);
            sends.join();
            cluster.phase("broadcast done; " + answeredDuring.get() + " sends answered while it ran");

            assertThat(count(c, "SELECT COUNT(*) FROM users u WHERE u.deleted = FALSE AND u.user_id <> '" + sender
                    + "' AND (SELECT COUNT(*) FROM timeline t WHERE t.user_id = u.user_id AND t.message_uid = "
                    + uid + ") <> 1")).as("users without the broadcast exactly once").isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM timeline WHERE message_uid = " + uid)).isEqualTo(everyone);
            assertThat(count(c, "SELECT COUNT(*) FROM (SELECT user_id FROM timeline GROUP BY user_id"
                    + " HAVING MAX(seq) <> COUNT(*) OR MIN(seq) <> 1) gaps")).as("timelines with gaps").isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM user_heads h WHERE h.head <> (SELECT COALESCE(MAX(seq), 0)"
                    + " FROM timeline t WHERE t.user_id = h.user_id)")).as("heads off their timelines").isZero();
            assertThat(answeredDuring.get()).as("single-chat sends answered while the broadcast ran").isPositive();
        }
    }

    private static void insertUsers(Connection c, String run) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (user_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < USERS; i++) {
                String id = "bc-" + run + "-u" + i;
                ps.setString(1, id);
                ps.setString(2, id);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static long delivered(Postgres.Db db, long uid) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            return count(c, "SELECT COALESCE(MAX(delivered), 0) FROM fanouts WHERE message_uid = " + uid);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
