package io.hearth.server.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.event.EventHook;
import io.hearth.server.testing.ManualClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a node learns block statuses: at once for its own changes, by refresh (with overlap) for other nodes'. */
class BlockStatusesTest {

    private final ManualClock clock = new ManualClock(1_000_000);
    private final MemoryBlockStore store = new MemoryBlockStore();
    private final List<String> kicked = new ArrayList<>();
    private final BlockingExecutor blocking = new BlockingExecutor("test", 1, 10);
    private final BlockStatuses blocks = new BlockStatuses(store, blocking, EventHook.none(), clock, kicked::add);

    @AfterEach
    void stop() {
        blocking.close();
    }

    @Test
    void theFirstRefreshLoadsEveryBlockedUser() {
        store.set("muted", 1, 10);
        store.set("banned", 2, 20);
        store.set("freed", 0, 30);

        blocks.refresh();

        assertThat(blocks.statusOf("muted")).isEqualTo(1);
        assertThat(blocks.statusOf("banned")).isEqualTo(2);
        assertThat(blocks.statusOf("freed")).isZero();
        assertThat(blocks.sendRefusal("muted")).isEqualTo("user muted is muted");
        assertThat(blocks.sendRefusal("banned")).isEqualTo("user banned is banned");
        assertThat(blocks.sendRefusal("freed")).isNull();
    }

    @Test
    void changesOfOtherNodesArriveWithTheNextRefreshAndARecentBanKicksOnEachRead() {
        blocks.refresh();
        clock.now += 1000;
        store.set("bob", 2, clock.now - 500);

        assertThat(blocks.statusOf("bob")).as("not before the refresh").isZero();
        blocks.refresh();
        assertThat(blocks.statusOf("bob")).isEqualTo(2);
        assertThat(kicked).containsExactly("bob");

        clock.now += 1000;
        blocks.refresh();
        assertThat(kicked).as("read again in the overlap: what the node holds of bob is closed again (a login"
                + " that raced the ban)").containsExactly("bob", "bob");

        store.set("bob", 0, clock.now);
        clock.now += 1000;
        blocks.refresh();
        assertThat(blocks.statusOf("bob")).isZero();
    }

    @Test
    void aChangeStampedByASlowerClockIsSeenWithinTheOverlap() {
        blocks.refresh();
        clock.now += 1000;
        blocks.refresh();
        store.set("late", 1, clock.now - BlockStatuses.OVERLAP_MILLIS + 1);
        store.set("too-late", 1, clock.now - 1000 - BlockStatuses.OVERLAP_MILLIS - 1);

        clock.now += 1000;
        blocks.refresh();

        assertThat(blocks.statusOf("late")).isEqualTo(1);
        assertThat(blocks.statusOf("too-late")).as("older than the overlap before the last read").isZero();
    }

    @Test
    void ownChangesApplyAtOnceAndTheNextRefreshClosesALoginThatRacedTheBan() {
        blocks.refresh();
        blocks.set("carol", 2).join();
        assertThat(blocks.statusOf("carol")).isEqualTo(2);
        assertThat(store.status("carol")).isEqualTo(2);

        clock.now += 1000;
        blocks.refresh();
        assertThat(kicked).as("the server API action kicked at once; the refresh closes a login that registered"
                + " after it").containsExactly("carol");

        blocks.set("carol", 0).join();
        assertThat(blocks.sendRefusal("carol")).isNull();
    }

    @Test
    void loginIsRefusedWith245OnlyForABanAndReadFromTheStore() {
        store.set("banned", 2, 1);
        store.set("muted", 1, 1);

        assertThatThrownBy(() -> blocks.checkLogin("banned")).isInstanceOf(StatusException.class)
                .satisfies(e -> assertThat(((StatusException) e).status()).isEqualTo(Status.USER_BLOCKED))
                .hasMessageContaining("banned");
        blocks.checkLogin("muted");
        blocks.checkLogin("nobody");
    }

    /** A block store in memory with the JDBC store's semantics. */
    private static final class MemoryBlockStore implements BlockStore {

        private final Map<String, Blocked> rows = new TreeMap<>();

        @Override
        public synchronized int status(String userId) {
            Blocked b = rows.get(userId);
            return b == null ? 0 : b.status();
        }

        @Override
        public synchronized void set(String userId, int status, long now) {
            rows.put(userId, new Blocked(userId, status, now));
        }

        @Override
        public synchronized List<Blocked> blocked() {
            return rows.values().stream().filter(b -> b.status() != 0).toList();
        }

        @Override
        public synchronized List<Blocked> changedSince(long since) {
            return rows.values().stream().filter(b -> b.updatedAt() >= since)
                    .sorted(Comparator.comparingLong(Blocked::updatedAt)).toList();
        }
    }
}
