package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of a node in the middle of cross-node chat traffic: its clients re-route and reconnect to the
 * survivors, senders retry what failed with the same client message id, and in the end every acknowledged message
 * is in its timelines exactly once with no gap; the dead node leaves {@code /api/version} within the failure timeout
 * and the route sends nobody to it any more.
 */
class ClusterFailoverIT {

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    @Test
    void killingANodeMidRunLosesAndDuplicatesNoAcknowledgedMessage() {
        // on a fresh cluster node 1 is the oldest member: Hazelcast's master, the node that purges presence
        NodeProcess victim = cluster.node(1);
        List<NodeProcess> survivors = List.of(cluster.node(2), cluster.node(3));
        try (Population people = Population.create(cluster.node(2), "fail", 300)) {
            people.connect(i -> survivors.get(i % 2)); // the SDK re-routes through a node that stays up
            Map<String, Integer> homesBefore = people.homesFromSessions();
            cluster.phase("300 users connected");
            List<ChatUser> stranded = people.users().stream().filter(u -> u.home == 1).toList();
            assertThat(stranded).as("users homed on the node to kill").hasSizeGreaterThan(50);

            try (ChatLoad load = new ChatLoad(ChatLoad.crossNodePlan(people.users(), 3), 20).start(10)) {
                await("a third of the traffic acknowledged").atMost(Duration.ofSeconds(60))
                        .until(() -> load.acked() >= 1000);
                long killed = System.nanoTime();
                int ackedAtKill = load.acked();
                victim.kill9();
                await("node 1 gone from /api/version of nodes 2 and 3").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> survivors.stream().allMatch(n -> n.liveNodeIds().equals(List.of(2, 3))));
                long detectedMillis = (System.nanoTime() - killed) / 1_000_000;
                cluster.phase("node 1 killed at " + ackedAtKill + " of 3000 acks; gone from /api/version after "
                        + detectedMillis + " ms");
                // the failure timeout, plus a little for the heartbeat check's period and the polling
                assertThat(detectedMillis).as("ms until the dead node left the membership")
                        .isLessThanOrEqualTo(ClusterFixture.FAILURE_TIMEOUT_SECONDS * 1000L + 2000);

                load.awaitDone(Duration.ofSeconds(120));
                assertThat(load.acked()).isEqualTo(3000);
                cluster.phase("traffic done; failed attempts (all sent again) by code: " + load.failures() + "; "
                        + load.retriedAndStoredBy(1) + " retried sends answered with a message node 1 had stored");

                await("every client connected to a live node").atMost(Duration.ofSeconds(30))
                        .until(() -> people.users().stream().allMatch(u -> u.client.isConnected()));
                assertThat(people.servingNodes().values()).as("nodes serving the clients").containsOnly(2, 3);
                assertThat(stranded).as("clients of the dead node reconnected")
                        .allSatisfy(u -> assertThat(u.connects.get()).isGreaterThanOrEqualTo(2));

                TimelineAudit.pull(people.users())
                        .awaitCaughtUp(people.users(), Duration.ofSeconds(30))
                        .checkAgainst(load.acks())
                        .checkDeliveries(people.users(), load.acks())
                        .assertClean();
            }

            Map<String, Integer> homesAfter = people.routeHomes(cluster, survivors);
            assertThat(homesAfter.values()).as("homes after the kill").containsOnly(2, 3);
            homesBefore.forEach((user, home) -> {
                if (home != 1) {
                    assertThat(homesAfter.get(user)).as("home of %s, not on the dead node", user).isEqualTo(home);
                }
            });
        }
        try (Population late = Population.create(cluster.node(3), "late", 30)) {
            assertThat(late.routeHomes(cluster, survivors).values()).as("homes of users created after the kill")
                    .containsOnly(2, 3);
        }
    }
}
