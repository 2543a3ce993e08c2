package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drain under cross-node chat traffic, asked on another node ({@code POST /admin/node/drain {"nodeId":2}} on node 1):
 * the route stops naming the node, its clients are redirected (DISCONNECT 0x9C with a Server Reference, which the
 * SDK follows) to their new home nodes, the node stops by itself with exit code 0, and nothing acknowledged is lost
 * or duplicated.
 */
class ClusterDrainIT {

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    @Test
    void drainingANodeUnderTrafficMovesItsClientsAndLosesNothing() {
        NodeProcess drained = cluster.node(2);
        List<NodeProcess> staying = List.of(cluster.node(1), cluster.node(3));
        try (Population people = Population.create(cluster.node(1), "drain", 300)) {
            people.connect(i -> staying.get(i % 2)); // later re-routes go through a node that stays
            Map<String, Integer> homes = people.homesFromSessions();
            List<ChatUser> moving = people.users().stream().filter(u -> u.home == 2).toList();
            cluster.phase("300 users connected, " + moving.size() + " on node 2");

            try (ChatLoad load = new ChatLoad(ChatLoad.crossNodePlan(people.users(), 3), 200).start(3, 10_000)) {
                await("traffic flowing").atMost(Duration.ofSeconds(30)).until(() -> load.acked() >= 300);
                long started = System.nanoTime();
                JsonNode r = cluster.node(1).admin().post("/admin/node/drain", Map.of("nodeId", 2));
                assertThat(r.path("nodeId").asInt()).isEqualTo(2);
                assertThat(r.path("clients").asInt()).as("clients node 2 moves").isGreaterThanOrEqualTo(moving.size());

                await("the route names no draining node").atMost(Duration.ofSeconds(5)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(people.askRoutes(cluster, staying, moving))
                                .doesNotContainValue(2));
                assertThat(drained.awaitExit(Duration.ofSeconds(60))).as("exit code of the drained node").isZero();
                long stoppedMillis = (System.nanoTime() - started) / 1_000_000;
                cluster.awaitLiveNodes(List.of(1, 3), Duration.ofSeconds(10));
                int before = load.acked();
                await("traffic after the drain").atMost(Duration.ofSeconds(30))
                        .until(() -> load.acked() >= before + 300);
                load.stop();
                load.awaitDone(Duration.ofSeconds(60));
                cluster.phase("node 2 drained and stopped " + stoppedMillis + " ms after the call; " + load.acked()
                        + " acks; failed attempts (all sent again) by code: " + load.failures() + "; "
                        + load.retriedAndStoredBy(2) + " retried sends answered with a message node 2 had stored");
                assertThat(load.failures().keySet()).as("failed attempts: only replies lost with a moved connection")
                        .isSubsetOf(249);

                Map<String, Integer> serving = people.servingNodes();
                assertThat(moving).as("clients moved to their new home").allSatisfy(u -> {
                    assertThat(u.kicked).as("%s kicked", u).isNull();
                    assertThat(serving.get(u.userId)).as("node now serving %s", u)
                            .isEqualTo(Rendezvous.home(u.userId, List.of(cluster.nodeInfo(1), cluster.nodeInfo(3)))
                                    .orElseThrow().nodeId());
                });
                homes.forEach((user, home) -> {
                    if (home != 2) {
                        assertThat(serving.get(user)).as("node serving %s, not on node 2", user).isEqualTo(home);
                    }
                });
                TimelineAudit.pull(people.users())
                        .awaitCaughtUp(people.users(), Duration.ofSeconds(30))
                        .checkAgainst(load.acks())
                        .checkDeliveries(people.users(), load.acks())
                        .assertClean();
            }
        }
    }
}
