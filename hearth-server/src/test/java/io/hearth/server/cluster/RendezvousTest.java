package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing: stable, balanced, and only ~1/N of the users move when a node joins or leaves. */
class RendezvousTest {

    private static NodeInfo node(int id, boolean draining) {
        return new NodeInfo(id, Advertised.plain("10.0.0." + id, 1883, 80, 8083), null, draining);
    }

    private static Map<String, Integer> homes(List<NodeInfo> nodes, int users) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < users; i++) {
            out.put("user" + i, Rendezvous.home("user" + i, nodes).orElseThrow().nodeId());
        }
        return out;
    }

    @Test
    void balancedAndStableAcrossCalls() {
        List<NodeInfo> three = List.of(node(1, false), node(2, false), node(3, false));
        Map<String, Integer> first = homes(three, 3000);
        assertThat(homes(List.of(node(3, false), node(1, false), node(2, false)), 3000)).isEqualTo(first);
        for (int id = 1; id <= 3; id++) {
            int n = id;
            assertThat(first.values().stream().filter(v -> v == n).count()).isBetween(800L, 1200L);
        }
    }

    @Test
    void aJoiningNodeTakesAboutOneNthAndOnlyFromOthers() {
        Map<String, Integer> before = homes(List.of(node(1, false), node(2, false)), 3000);
        Map<String, Integer> after = homes(List.of(node(1, false), node(2, false), node(3, false)), 3000);
        long moved = before.keySet().stream().filter(u -> !before.get(u).equals(after.get(u))).count();
        assertThat(moved).isBetween(800L, 1200L);
        assertThat(before.keySet().stream().filter(u -> !before.get(u).equals(after.get(u))))
                .allSatisfy(u -> assertThat(after.get(u)).isEqualTo(3));
    }

    @Test
    void aLeavingOrDrainingNodeMovesOnlyItsOwnUsers() {
        Map<String, Integer> all = homes(List.of(node(1, false), node(2, false), node(3, false)), 3000);
        Map<String, Integer> drained = homes(List.of(node(1, false), node(2, true), node(3, false)), 3000);
        IntStream.range(0, 3000).mapToObj(i -> "user" + i).forEach(u -> {
            if (all.get(u) != 2) {
                assertThat(drained.get(u)).isEqualTo(all.get(u));
            } else {
                assertThat(drained.get(u)).isNotEqualTo(2);
            }
        });
    }

    @Test
    void noNodeNoHome() {
        assertThat(Rendezvous.home("u", List.of(node(1, true)))).isEmpty();
        assertThat(Rendezvous.home("u", List.of())).isEmpty();
    }
}
