package io.hearth.server.storage.jdbc;

import io.hearth.server.testing.CommitOutputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.StoredMessage;
import io.hearth.server.message.TimelineWriter;
import io.hearth.server.message.WriterMetrics;
import io.hearth.server.storage.SqlStates;
import io.hearth.server.storage.StorageException;
import io.hearth.server.testing.Postgres;
import io.hearth.server.user.User;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code db.lock_timeout_ms} on real PostgreSQL: another session (a hung node, here the test) holds alice's timeline
 * head locked. The writer's batch waits at most the lock timeout, fails with 55P03, and is retried; once the lock
 * is free the send is stored once. Held through every attempt, the send fails with code 4 and the sends queued
 * behind it (other users) are stored.
 */
class JdbcLockTimeoutTest {

    private static final int LOCK_TIMEOUT_MS = 400;

    private final AtomicLong uids = new AtomicLong(5_000_000);
    private Postgres.Db pg;
    private Database db;
    private TimelineWriter writer;
    private Connection holder;

    @BeforeEach
    void start() throws SQLException {
        pg = Postgres.newDatabase();
        db = Database.open(new HearthConfig.Database("postgresql", pg.url(), pg.user(), pg.password(), 4, 64,
                10_000, LOCK_TIMEOUT_MS, 60));
        JdbcUserStore users = new JdbcUserStore(db);
        for (String id : List.of("alice", "bob", "carol", "dave")) {
            users.upsert(new User(id, id, null, null, 0, null, null, null, null, null, null, 0, false, 1, 1));
        }
        writer = new TimelineWriter(new JdbcMessageStore(db), u -> Set.of(), CommitOutputs.of(pushes -> {
        }), 64, 10_000, WriterMetrics.none());
        writer.start();
        holder = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
    }

    @AfterEach
    void stop() throws SQLException {
        holder.close();
        writer.close();
        db.close();
    }

    @Test
    void aSendBehindAHeldHeadIsRetriedAndStoredOnceTheLockIsFree() throws Exception {
        lockHead("alice");
        CompletableFuture<StoredMessage> send = writer.submit(draft("alice", "a-1"), List.of("bob"));
        Set<String> attempts = new HashSet<>();
        await("a second attempt waits for alice's head").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    attempts.addAll(waitingTransactions());
                    return attempts.size() >= 2;
                });
        holder.commit();

        StoredMessage stored = send.get(30, TimeUnit.SECONDS);
        assertThat(stored.senderSeq()).isEqualTo(1);
        assertThat(seqs("bob")).containsExactly(1L);
        assertThat(count("SELECT COUNT(*) FROM messages")).isEqualTo(1);
    }

    @Test
    void aHeadHeldThroughEveryAttemptFailsThatSendWithCode4AndNotTheSendsQueuedBehindIt() throws Exception {
        lockHead("alice");
        CompletableFuture<StoredMessage> blocked = writer.submit(draft("alice", "a-1"), List.of("bob"));
        await("the writer waits for alice's head").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> !waitingTransactions().isEmpty());
        List<CompletableFuture<StoredMessage>> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(writer.submit(draft("carol", "c-" + i), List.of("dave")));
        }

        Throwable failure = failureOf(blocked);
        assertThat(StatusException.statusOf(failure)).isEqualTo(Status.SERVER_ERROR);
        assertThat(SqlStates.of(failure)).isEqualTo(SqlStates.Kind.LOCK_TIMEOUT);
        for (CompletableFuture<StoredMessage> f : others) {
            assertThat(f.get(30, TimeUnit.SECONDS).sender()).isEqualTo("carol");
        }
        assertThat(seqs("dave")).hasSize(20);
        holder.commit();

        assertThat(writer.submit(draft("alice", "a-1"), List.of("bob")).get(30, TimeUnit.SECONDS).senderSeq())
                .as("the same send, retried by its client after the lock is gone").isEqualTo(1);
        assertThat(seqs("bob")).containsExactly(1L);
    }

    /**
     * A node that hangs inside its transaction (here: a connection of the node's own pool that locked the head and
     * then does nothing): PostgreSQL ends that transaction after twice the lock timeout, before the writer's third
     * attempt gives up, so the send goes through without anybody releasing the lock.
     */
    @Test
    void aTransactionLeftIdleByAHungNodeIsEndedByTheServerAndTheSendGoesThrough() throws Exception {
        Connection hung = db.connection();
        hung.setAutoCommit(false);
        try (PreparedStatement ps = hung.prepareStatement("SELECT head FROM user_heads WHERE user_id = ? FOR UPDATE")) {
            ps.setString(1, "alice");
            ps.executeQuery().close();
        }
        StoredMessage stored = writer.submit(draft("alice", "a-1"), List.of("bob")).get(30, TimeUnit.SECONDS);
        assertThat(stored.senderSeq()).isEqualTo(1);
        assertThat(hung.isValid(2)).as("the hung transaction's session was ended").isFalse();
        assertThat(seqs("bob")).containsExactly(1L);
        try {
            hung.close();
        } catch (SQLException expected) {
            // the server closed it: the pool only drops it
        }
    }

    @Test
    void lockTimeoutsAreClassifiedAsRetryable() {
        try (Connection c = db.connection()) {
            lockHead("alice");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT head FROM user_heads WHERE user_id = ? FOR UPDATE")) {
                ps.setString(1, "alice");
                ps.executeQuery();
                throw new AssertionError("the head was not locked");
            } catch (SQLException e) {
                StorageException wrapped = new StorageException("lock head", e);
                assertThat(e.getSQLState()).isEqualTo("55P03");
                assertThat(SqlStates.of(wrapped)).isEqualTo(SqlStates.Kind.LOCK_TIMEOUT);
                assertThat(SqlStates.retryable(wrapped)).isTrue();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Locks {@code user}'s head in the holder's transaction, which stays open until the test commits it. */
    private void lockHead(String user) throws SQLException {
        holder.setAutoCommit(false);
        try (PreparedStatement ps = holder.prepareStatement("SELECT head FROM user_heads WHERE user_id = ? FOR UPDATE")) {
            ps.setString(1, user);
            ps.executeQuery().close();
        }
    }

    /** Start times of the transactions of this database now waiting for a lock: one per writer attempt. */
    private List<String> waitingTransactions() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement("SELECT pid || '@' || xact_start FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND wait_event_type = 'Lock'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private StoredMessage draft(String sender, String clientMessageId) {
        return new StoredMessage(uids.incrementAndGet(), sender, Conversation.newBuilder().setTarget("x").build(),
                "c-" + sender, clientMessageId, MessageContent.newBuilder().setType(1).setSearchableContent("hi")
                .build(), List.of(), System.currentTimeMillis(), 0);
    }

    private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the send succeeded");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private List<Long> seqs(String user) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM timeline WHERE user_id = ? ORDER BY seq")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private int count(String sql) throws SQLException {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
