package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TwoNodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Groups on a two-node cluster (in this JVM, one PostgreSQL database, both nodes with
 * {@code group.visible_quit_or_kickoff_notification 3}): a group created through node 2 takes a send from a member
 * on node 1 to the members on node 2; a kick through node 1 refuses the kicked member's next send on node 2 at once
 * (membership is read from the database, no cache to go stale) and reaches it as the visible 120; quits through
 * either node are 121; the last member's quit dismisses the group.
 */
class GroupClusterIT {

    private static TwoNodes nodes;
    private static TestNode one;
    private static TestNode two;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.start("group-it", Map.of("group.visible_quit_or_kickoff_notification", 3));
        one = nodes.one;
        two = nodes.two;
    }



    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void sendsKicksAndQuitsThroughEitherNode() {
        String alice = Fixtures.id("alice");
        String bob = Fixtures.id("bob");
        String carol = Fixtures.id("carol");
        for (String u : List.of(alice, bob, carol)) {
            one.admin().createUser(u);
        }
        GroupCalls viaOne = new GroupCalls(one);
        GroupCalls viaTwo = new GroupCalls(two);
        String g = viaTwo.create(alice, Fixtures.id("g"), "spread", bob, carol);
        try (Mqtt5Peer alicePhone = Devices.phone(one, alice); Mqtt5Peer bobPhone = Devices.phone(two, bob);
             Mqtt5Peer carolPhone = Devices.phone(two, carol)) {
            assertThat(alicePhone.call(Methods.MESSAGE_SEND, GroupCalls.text(g, "from node one")).getCode()).isZero();
            for (Mqtt5Peer p : List.of(bobPhone, carolPhone)) {
                await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(
                        GroupCalls.groupMessages(Devices.timeline(p), g)).contains("1 from node one"));
            }

            viaOne.ok("/admin/group/member/del", body("operator", alice, "group_id", g, "members", List.of(carol)));
            assertThat(carolPhone.call(Methods.MESSAGE_SEND, GroupCalls.text(g, "still here?")).getCode())
                    .isEqualTo(9);
            String kicked = "120 {\"g\":\"" + g + "\",\"o\":\"" + alice + "\",\"ms\":[\"" + carol + "\"]}";
            for (Mqtt5Peer p : List.of(bobPhone, carolPhone, alicePhone)) {
                await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(
                        GroupCalls.groupMessages(Devices.timeline(p), g)).last().isEqualTo(kicked));
            }

            viaTwo.ok("/admin/group/member/quit", body("operator", bob, "group_id", g));
            String quit = "121 {\"g\":\"" + g + "\",\"o\":\"" + bob + "\"}";
            for (Mqtt5Peer p : List.of(bobPhone, alicePhone)) {
                await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(
                        GroupCalls.groupMessages(Devices.timeline(p), g)).last().isEqualTo(quit));
            }
            assertThat(GroupCalls.groupMessages(Devices.timeline(carolPhone), g)).last().isEqualTo(kicked);
        }
        assertThat(viaOne.result("/admin/group/get_info", body("groupId", g)).get("member_count").asInt()).isOne();
        viaOne.ok("/admin/group/member/quit", body("operator", alice, "group_id", g));
        viaTwo.code(253, "/admin/group/get_info", body("groupId", g));
    }
}
