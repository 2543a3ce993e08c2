package io.hearth.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group whose members (one SDK client each) are spread over the three nodes of the shared PostgreSQL cluster
 * ({@link ClusterFixture}): senders homed on every node send numbered messages, each after the previous one was
 * acknowledged, and every member gets every one exactly once, in each sender's order, in its timeline and through
 * its listener. Then the same with node 3 killed ({@code kill -9}) mid-run: its members re-route to nodes 1 and 2,
 * senders retry what failed with the same client message id, and every acknowledged message is in every member's
 * timeline once. The kill comes last, so the cluster is booted once for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterGroupIT {

    @RegisterExtension
    static final ClusterFixture cluster = ClusterFixture.shared();

    private static final int MEMBERS = 30;
    private static final int SENDERS_PER_NODE = 3;

    @Test
    @Order(1)
    void everyMemberOnEveryNodeGetsEveryGroupMessageOnceInEachSendersOrder() {
        try (Population people = Population.create(cluster.node(1), "gsend", MEMBERS)) {
            people.connect(i -> cluster.node(i % 3 + 1));
            people.homesFromSessions();
            assertSpreadOverAllNodes(people);
            String g = createGroup(cluster.node(2), people);
            cluster.phase("group " + g + " of " + MEMBERS + " members on nodes 1-3");

            try (ChatLoad load = new ChatLoad(senders(people, g), 0, 1).start(10)) {
                load.awaitDone(Duration.ofSeconds(60));
                cluster.phase("group traffic done");
                assertThat(load.acked()).isEqualTo(3 * SENDERS_PER_NODE * 10);
                assertThat(load.failures()).as("failed send attempts by status code").isEmpty();
                TimelineAudit.pull(people.users())
                        .awaitCaughtUp(people.users(), Duration.ofSeconds(30))
                        .checkGroup(g, people.users(), load.acks())
                        .checkDeliveries(people.users(), load.acks())
                        .assertClean();
                cluster.phase("group timelines audited");
            }
            assertThat(people.users()).allSatisfy(u -> assertThat(u.connects).as("%s sessions", u).hasValue(1));
        }
    }

    @Test
    @Order(2)
    void killingANodeMidRunLosesAndDuplicatesNoAcknowledgedGroupMessage() {
        NodeProcess victim = cluster.node(3);
        List<NodeProcess> survivors = List.of(cluster.node(1), cluster.node(2));
        try (Population people = Population.create(cluster.node(1), "gkill", MEMBERS)) {
            people.connect(i -> survivors.get(i % 2)); // the SDK re-routes through a node that stays up
            people.homesFromSessions();
            assertSpreadOverAllNodes(people);
            List<ChatUser> stranded = people.users().stream().filter(u -> u.home == 3).toList();
            String g = createGroup(cluster.node(1), people);

            int senders = 3 * SENDERS_PER_NODE;
            try (ChatLoad load = new ChatLoad(senders(people, g), 20, 1).start(30, 1000)) {
                await("group traffic under way").atMost(Duration.ofSeconds(60))
                        .until(() -> load.acked() >= 6 * senders);
                int ackedAtKill = load.acked();
                victim.kill9();
                cluster.phase("node 3 killed at " + ackedAtKill + " group acks");
                // traffic goes on while the others still count node 3 as a member, and after they dropped it
                await("node 3 gone from /api/version of nodes 1 and 2").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> survivors.stream().allMatch(n -> n.liveNodeIds().equals(List.of(1, 2))));
                int ackedAtGone = load.acked();
                await("group traffic after node 3 left").atMost(Duration.ofSeconds(30))
                        .until(() -> load.acked() >= ackedAtGone + 20 * senders);
                load.stop();
                load.awaitDone(Duration.ofSeconds(60));
                assertThat(load.acked()).isGreaterThanOrEqualTo(30 * senders);
                cluster.phase("group traffic done: " + load.acked() + " acks, " + ackedAtGone
                        + " when node 3 left; failed attempts (sent again) by code: " + load.failures());

                await("every client connected to a live node").atMost(Duration.ofSeconds(30))
                        .until(() -> people.users().stream().allMatch(u -> u.client.isConnected()));
                assertThat(people.servingNodes().values()).as("nodes serving the members").containsOnly(1, 2);
                assertThat(stranded).as("members of the dead node reconnected")
                        .allSatisfy(u -> assertThat(u.connects.get()).isGreaterThanOrEqualTo(2));
                TimelineAudit.pull(people.users())
                        .awaitCaughtUp(people.users(), Duration.ofSeconds(30))
                        .checkGroup(g, people.users(), load.acks())
                        .checkDeliveries(people.users(), load.acks())
                        .assertClean();
                cluster.phase("group timelines audited after the kill");
            }
        }
    }

    private static void assertSpreadOverAllNodes(Population people) {
        Map<Integer, Long> perNode = people.users().stream()
                .collect(Collectors.groupingBy(u -> u.home, Collectors.counting()));
        assertThat(perNode).as("members per home node").containsOnlyKeys(1, 2, 3)
                .allSatisfy((node, n) -> assertThat(n).isGreaterThanOrEqualTo(SENDERS_PER_NODE));
    }

    /** The first {@link #SENDERS_PER_NODE} members homed on each node, each sending to group {@code g}. */
    private static Map<ChatUser, List<String>> senders(Population people, String g) {
        Map<ChatUser, List<String>> plan = new LinkedHashMap<>();
        for (int node = 1; node <= 3; node++) {
            int home = node;
            people.users().stream().filter(u -> u.home == home).limit(SENDERS_PER_NODE)
                    .forEach(u -> plan.put(u, List.of(g)));
        }
        return plan;
    }

    /** Creates a group through {@code via}'s server API: the first user owns it, everyone is a member. */
    private static String createGroup(NodeProcess via, Population people) {
        List<ChatUser> users = people.users();
        List<Map<String, Object>> members = users.stream().skip(1)
                .map(u -> Map.<String, Object>of("member_id", u.userId)).toList();
        Map<String, Object> info = Map.of("target_id", "", "name", "spread", "owner", users.get(0).userId,
                "type", 2);
        return via.admin().post("/admin/group/create", Map.of("operator", users.get(0).userId,
                "group", Map.of("group_info", info, "members", members))).path("group_id").asText();
    }
}
