package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link PresenceRefresh}: bounded batches, one directory operation each, and users who left meanwhile removed. */
class PresenceRefreshTest {

    /** Records every operation; holds the directory as a map of present users. */
    private static final class Directory implements PresenceDirectory {
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final Set<String> present = ConcurrentHashMap.newKeySet();

        @Override
        public void set(String userId, boolean isPresent) {
            if (isPresent) {
                present.add(userId);
            } else {
                present.remove(userId);
            }
        }

        @Override
        public void announceAll(Collection<String> userIds) {
            batches.add(userIds.size());
            present.addAll(userIds);
        }

        @Override
        public Map<String, Set<Integer>> nodesOf(Collection<String> userIds) {
            return Map.of();
        }
    }

    @Test
    void everyLocalUserIsAnnouncedInBatchesAndOneWhoLeftMeanwhileIsRemovedAgain() {
        Directory directory = new Directory();
        List<String> users = IntStream.range(0, 2500).mapToObj(i -> "u" + i).toList();
        Set<String> connected = ConcurrentHashMap.newKeySet();
        connected.addAll(users);
        connected.remove("u7");
        try (PresenceLanes lanes = new PresenceLanes(directory, 2);
             PresenceRefresh refresh = new PresenceRefresh(directory, lanes, () -> new ArrayList<>(users),
                     connected::contains, 1000)) {
            refresh.request();
            await().atMost(Duration.ofSeconds(10)).until(() -> directory.batches.size() == 3
                    && directory.present.size() == 2499);
            assertThat(directory.batches).containsExactly(1000, 1000, 500);
            assertThat(directory.present).doesNotContain("u7").contains("u0", "u2499");
        }
    }
}
