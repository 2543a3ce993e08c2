package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Route stability: the home of a user does not change while the membership does not; a joining node takes about 1/N
 * of the users and only for itself; a leaving node gives away only its own users. Checked on the hashing itself
 * over 3,000 users, and on live node processes (2 nodes, a third joins, one leaves), whose answers must also be
 * exactly what {@link Rendezvous} computes for their membership.
 */
class RouteStabilityIT {

    private static final int USERS = 3000;

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    @Test
    void hashingMovesAtMostAboutOneNthOfThreeThousandUsersAndOnlyToTheNewNode() {
        List<NodeInfo> two = List.of(info(1), info(2));
        List<NodeInfo> three = List.of(info(1), info(2), info(3));
        Map<String, Integer> before = model(two, USERS);
        Map<String, Integer> after = model(three, USERS);
        assertThat(model(List.of(info(3), info(1), info(2)), USERS)).as("same members in another order")
                .isEqualTo(after);
        List<String> moved = before.keySet().stream().filter(u -> !before.get(u).equals(after.get(u))).toList();
        assertThat(moved.size()).as("users moved by the join of a third node").isBetween(1, USERS * 40 / 100);
        assertThat(moved).allSatisfy(u -> assertThat(after.get(u)).as("new home of %s", u).isEqualTo(3));

        Map<String, Integer> without2 = model(List.of(info(1), info(3)), USERS);
        after.forEach((u, home) -> {
            if (home != 2) {
                assertThat(without2.get(u)).as("home of %s after node 2 left", u).isEqualTo(home);
            }
        });
    }

    @Test
    void liveNodesAgreeOnHomesAndMoveOnlyWhatAJoinOrALeaveMust() {
        cluster.node(3).stop();
        cluster.awaitLiveNodes(List.of(1, 2));
        try (Population people = Population.create(cluster.node(1), "route", 300)) {
            List<NodeProcess> first = List.of(cluster.node(1), cluster.node(2));
            Map<String, Integer> two = people.routeHomes(cluster, first);
            assertThat(people.routeHomes(cluster, first)).as("asked again, same membership").isEqualTo(two);
            assertThat(two).as("homes on nodes 1 and 2 = rendezvous over them").isEqualTo(model(people, 1, 2));

            cluster.node(3).start();
            cluster.node(3).awaitReady();
            cluster.awaitLiveNodes(List.of(1, 2, 3));
            Map<String, Integer> three = people.routeHomes(cluster, cluster.nodes());
            assertThat(people.routeHomes(cluster, cluster.nodes())).as("asked again").isEqualTo(three);
            assertThat(three).as("homes on three nodes = rendezvous over them").isEqualTo(model(people, 1, 2, 3));
            List<String> moved = two.keySet().stream().filter(u -> !two.get(u).equals(three.get(u))).toList();
            assertThat(moved).as("users moved by the join").isNotEmpty().hasSizeLessThanOrEqualTo(300 * 40 / 100)
                    .allSatisfy(u -> assertThat(three.get(u)).as("new home of %s", u).isEqualTo(3));

            cluster.node(2).stop();
            cluster.awaitLiveNodes(List.of(1, 3));
            Map<String, Integer> left = people.routeHomes(cluster, List.of(cluster.node(1), cluster.node(3)));
            assertThat(left).as("homes after node 2 left = rendezvous over nodes 1 and 3")
                    .isEqualTo(model(people, 1, 3));
            three.forEach((u, home) -> {
                if (home != 2) {
                    assertThat(left.get(u)).as("home of %s after node 2 left", u).isEqualTo(home);
                }
            });
            assertThat(left.values()).containsOnly(1, 3);
        }
    }

    private static NodeInfo info(int id) {
        return new NodeInfo(id, Advertised.plain("10.0.0." + id, 1883, 80, 8083), null, false);
    }

    private static Map<String, Integer> model(Population people, int... ids) {
        List<NodeInfo> nodes = IntStream.of(ids).mapToObj(cluster::nodeInfo).toList();
        Map<String, Integer> out = new HashMap<>();
        people.users().forEach(u -> out.put(u.userId, Rendezvous.home(u.userId, nodes).orElseThrow().nodeId()));
        return out;
    }

    private static Map<String, Integer> model(List<NodeInfo> nodes, int users) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < users; i++) {
            out.put("user" + i, Rendezvous.home("user" + i, nodes).orElseThrow().nodeId());
        }
        return out;
    }
}
