package io.hearth.server.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rolling restart under cross-node chat traffic: every node in turn gets SIGTERM, is started again on the same
 * ports and database and rejoins, while the traffic keeps flowing; nothing acknowledged is lost or duplicated.
 */
class ClusterRollingRestartIT {

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    @Test
    void restartingEveryNodeInTurnUnderTrafficLosesAndDuplicatesNothing() {
        try (Population people = Population.create(cluster.node(1), "roll", 300)) {
            cluster.phase("300 users created");
            people.connect(i -> cluster.node(i % 3 + 1));
            people.homesFromSessions();
            cluster.phase("clients connected");
            try (ChatLoad load = new ChatLoad(ChatLoad.crossNodePlan(people.users(), 3), 1000).start(3, 10_000)) {
                await("traffic flowing").atMost(Duration.ofSeconds(30)).until(() -> load.acked() >= 300);
                for (NodeProcess n : cluster.nodes()) {
                    List<Integer> others = cluster.nodes().stream().map(NodeProcess::nodeId)
                            .filter(id -> id != n.nodeId()).toList();
                    n.stop();
                    cluster.phase("node " + n.nodeId() + " stopped");
                    cluster.awaitLiveNodes(others, Duration.ofSeconds(10));
                    n.start();
                    n.awaitReady();
                    cluster.awaitLiveNodes(List.of(1, 2, 3));
                    cluster.phase("node " + n.nodeId() + " back");
                    int before = load.acked();
                    await("traffic after restarting node " + n.nodeId()).atMost(Duration.ofSeconds(60))
                            .until(() -> load.acked() >= before + 300);
                }
                load.stop();
                load.awaitDone(Duration.ofSeconds(120));
                cluster.phase("traffic done: " + load.acked() + " acks; failed attempts (all sent again) by code: "
                        + load.failures());

                await("every client connected").atMost(Duration.ofSeconds(30))
                        .until(() -> people.users().stream().allMatch(u -> u.client.isConnected()));
                TimelineAudit.pull(people.users())
                        .awaitCaughtUp(people.users(), Duration.ofSeconds(30))
                        .checkAgainst(load.acks())
                        .checkDeliveries(people.users(), load.acks())
                        .assertClean();
            }
        }
    }
}
