package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three node processes on one PostgreSQL database, all healthy: 300 users placed by the route chat across nodes and
 * every message arrives exactly once and in order.
 */
class ClusterMessagingIT {

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    @Test
    void threeHundredUsersChattingAcrossNodesGetEveryMessageOnceAndInOrder() {
        for (NodeProcess n : cluster.nodes()) {
            assertThat(n.liveNodeIds()).as("/api/version of node %d", n.nodeId()).containsExactly(1, 2, 3);
        }
        try (Population people = Population.create(cluster.node(1), "chat", 300)) {
            cluster.phase("300 users created");
            Map<String, Integer> homes = people.routeHomes(cluster, cluster.nodes());
            cluster.phase("routes asked");
            Map<Integer, Long> perNode = homes.values().stream()
                    .collect(Collectors.groupingBy(h -> h, Collectors.counting()));
            assertThat(perNode).as("users per home node").containsOnlyKeys(1, 2, 3)
                    .allSatisfy((node, n) -> assertThat(n).isGreaterThan(50));

            people.connect(i -> cluster.node(i % 3 + 1));
            cluster.phase("clients connected");
            assertThat(people.servingNodes()).as("node serving each user = its home").isEqualTo(homes);

            try (ChatLoad load = new ChatLoad(ChatLoad.crossNodePlan(people.users(), 3), 0).start(5)) {
                load.awaitDone(Duration.ofSeconds(60));
                cluster.phase("traffic done");
                assertThat(load.acked()).isEqualTo(1500);

                TimelineAudit.pull(people.users())
                        .awaitCaughtUp(people.users(), Duration.ofSeconds(30))
                        .checkAgainst(load.acks())
                        .checkDeliveries(people.users(), load.acks())
                        .assertClean();
                cluster.phase("timelines audited");
                // a healthy cluster refuses nothing: no attempt needed a retry
                assertThat(load.failures()).as("failed send attempts by status code").isEmpty();
            }
            assertThat(people.users()).allSatisfy(u -> {
                assertThat(u.connects).as("%s sessions", u).hasValue(1);
                assertThat(u.disconnects).as("%s disconnects", u).hasValue(0);
                assertThat(u.delivered).as("%s own sends handed to the listener", u)
                        .noneMatch(m -> m.getSender().equals(u.userId));
            });
        }
    }
}
