package io.hearth.server.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.relation.Friend;
import io.hearth.server.relation.FriendRequest;
import io.hearth.server.relation.Versions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the relation services rely on from {@link JdbcRelationStore}, on H2 and on PostgreSQL: versions never
 * repeat under concurrent changes of the same users (in either order, without deadlock), a failed change writes
 * nothing, rows and requests read back as written, and "since" reads return exactly the newer rows.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class JdbcRelationStoreTest {

    private final Backend backend;
    @TempDir
    Path dir;
    private Database db;
    private JdbcRelationStore store;

    JdbcRelationStoreTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        db = Database.open(backend.newDatabase(dir, 8));
        store = new JdbcRelationStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void concurrentChangesOfTwoUsersInBothOrdersGiveEveryVersionOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        Set<Long> aliceVersions = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            List<String> order = t % 2 == 0 ? List.of("alice", "bob") : List.of("bob", "alice");
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.change("test", order, tx -> {
                        aliceVersions.add(tx.bumpFriend("alice"));
                        tx.bumpRequest("bob");
                        return null;
                    });
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(aliceVersions).hasSize(120).contains(1L, 120L);
        assertThat(store.versions("alice")).isEqualTo(new Versions(120, 0));
        assertThat(store.versions("bob")).isEqualTo(new Versions(0, 120));
    }

    @Test
    void aFailedChangeWritesNothing() {
        assertThatThrownBy(() -> store.change("test", List.of("alice"), tx -> {
            tx.put(new Friend("alice", "bob", Friend.FRIEND, false, null, null, tx.bumpFriend("alice"), 1, 1));
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.friend("alice", "bob")).isEmpty();
        assertThat(store.versions("alice")).isEqualTo(new Versions(0, 0));
    }

    @Test
    void rowsAndRequestsReadBackAndSinceReturnsOnlyNewerOnes() {
        store.change("test", List.of("alice", "bob"), tx -> {
            tx.put(new Friend("alice", "bob", Friend.FRIEND, false, "Bobby", "{}", tx.bumpFriend("alice"), 5, 6));
            tx.put(new FriendRequest("bob", "alice", "hi", "x", FriendRequest.PENDING, false, tx.bumpRequest("bob"),
                    tx.bumpRequest("alice"), 7, 8));
            return null;
        });
        store.change("test", List.of("alice", "carol"), tx -> {
            tx.put(new Friend("alice", "carol", Friend.NOT_FRIEND, true, null, null, tx.bumpFriend("alice"), 9, 9));
            tx.put(tx.friend("alice", "bob").orElseThrow());
            return null;
        });
        assertThat(store.friend("alice", "bob")).contains(
                new Friend("alice", "bob", Friend.FRIEND, false, "Bobby", "{}", 1, 5, 6));
        assertThat(store.friendsSince("alice", 1)).extracting(Friend::friendUid).containsExactly("carol");
        assertThat(store.friendsSince("alice", 0)).extracting(Friend::friendUid).containsExactly("bob", "carol");
        assertThat(store.requestsSince("alice", 0)).containsExactly(
                new FriendRequest("bob", "alice", "hi", "x", FriendRequest.PENDING, false, 1, 1, 7, 8));
        assertThat(store.requestsSince("bob", 0)).hasSize(1);
        assertThat(store.requestsSince("bob", 1)).isEmpty();
        boolean upToOne = store.change("test", List.of("alice"), tx -> tx.hasUnread("alice", 1));
        boolean upToZero = store.change("test", List.of("alice"), tx -> tx.hasUnread("alice", 0));
        assertThat(upToOne).isTrue();
        assertThat(upToZero).isFalse();
    }

    @Test
    void markReadMarksEveryUnreadRequestUpToTheVersionInOneStatementAndNothingElse() {
        store.change("test", List.of("alice", "bob", "carol", "dave"), tx -> {
            tx.put(new FriendRequest("bob", "alice", "", "", FriendRequest.PENDING, false, tx.bumpRequest("bob"),
                    tx.bumpRequest("alice"), 1, 1));
            tx.put(new FriendRequest("carol", "alice", "", "", FriendRequest.PENDING, false,
                    tx.bumpRequest("carol"), tx.bumpRequest("alice"), 1, 1));
            tx.put(new FriendRequest("dave", "alice", "", "", FriendRequest.PENDING, false, tx.bumpRequest("dave"),
                    tx.bumpRequest("alice"), 1, 1));
            tx.put(new FriendRequest("alice", "bob", "", "", FriendRequest.PENDING, false, tx.bumpRequest("alice"),
                    tx.bumpRequest("bob"), 1, 1));
            return null;
        });
        int marked = store.change("test", List.of("alice"), tx -> tx.markRead("alice", 2, tx.bumpRequest("alice")));
        assertThat(marked).isEqualTo(2);
        assertThat(store.requestsSince("alice", 0)).extracting(r -> r.fromUid() + " " + r.read() + " " + r.toVersion())
                .containsExactlyInAnyOrder("bob true 5", "carol true 5", "dave false 3", "alice false 2");
        assertThat(store.requestsSince("bob", 0)).extracting(r -> r.fromUid() + " " + r.read())
                .containsExactlyInAnyOrder("bob true", "alice false");
        int again = store.change("test", List.of("alice"), tx -> tx.markRead("alice", 2, 6));
        assertThat(again).isZero();
    }
}
