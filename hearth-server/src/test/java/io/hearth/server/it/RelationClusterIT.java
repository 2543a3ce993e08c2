package io.hearth.server.it;

import static io.hearth.server.it.Devices.awaitNotice;
import static io.hearth.server.it.Devices.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.BlacklistRequest;
import io.hearth.protocol.pb.FriendHandleRequest;
import io.hearth.protocol.pb.FriendRequestRequest;
import io.hearth.protocol.pb.FriendSince;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TwoNodes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relations on a two-node cluster (in this JVM, one PostgreSQL database): a friend request sent by a user on node
 * 1 reaches the receiver on node 2 as a Notice, and so does the acceptance the other way; a blacklist set on node 2
 * is enforced by node 1's send check within seconds, long before its cache's 30 s lifetime, and lifted likewise.
 */
class RelationClusterIT {

    private static final Duration SPREAD = Duration.ofSeconds(5);
    private static TwoNodes nodes;
    private static TestNode one;
    private static TestNode two;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.start("relation-it", Map.of());
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
    void aRequestSentOnNodeOneIsNoticedByTheReceiverOnNodeTwo() {
        String alice = user("alice");
        String bob = user("bob");
        try (Mqtt5Peer alicePhone = Devices.phone(one, alice); Mqtt5Peer bobPhone = Devices.phone(two, bob);
             Mqtt5Peer bobPc = Devices.pc(two, bob)) {
            ok(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(bob)
                    .setReason("across nodes").build()));
            assertThat(awaitNotice(bobPhone, NoticeKinds.FRIEND_REQUEST, 1).getTarget()).isEqualTo(alice);
            awaitNotice(bobPc, NoticeKinds.FRIEND_REQUEST, 1);
            assertThat(ok(bobPc.call(Methods.FRIEND_PULL_REQUESTS, FriendSince.getDefaultInstance()))
                    .getFriendRequests().getRequests(0).getReason()).isEqualTo("across nodes");

            ok(bobPhone.call(Methods.FRIEND_HANDLE, FriendHandleRequest.newBuilder().setTarget(alice).setAccept(true)
                    .build()));
            awaitNotice(alicePhone, NoticeKinds.FRIEND, 1);
            assertThat(Devices.friends(alicePhone, 0).getEntries(0).getUid()).isEqualTo(bob);
        }
    }

    @Test
    void aBlacklistSetOnNodeTwoIsEnforcedByNodeOneWithinSeconds() {
        String carol = user("carol");
        String dave = user("dave");
        try (Mqtt5Peer carolPhone = Devices.phone(one, carol); Mqtt5Peer davePhone = Devices.phone(two, dave)) {
            // node one reads dave's relations for this send and keeps them
            assertThat(carolPhone.call(Methods.MESSAGE_SEND, Fixtures.text(dave, "1")).getCode()).isZero();

            ok(davePhone.call(Methods.BLACKLIST_SET, BlacklistRequest.newBuilder().setTarget(carol).setBlocked(true)
                    .build()));
            await().atMost(SPREAD).pollInterval(Duration.ofMillis(100)).until(() ->
                    carolPhone.call(Methods.MESSAGE_SEND, Fixtures.text(dave, "2")).getCode() == 246);

            ok(davePhone.call(Methods.BLACKLIST_SET, BlacklistRequest.newBuilder().setTarget(carol).build()));
            await().atMost(SPREAD).pollInterval(Duration.ofMillis(100)).until(() ->
                    carolPhone.call(Methods.MESSAGE_SEND, Fixtures.text(dave, "3")).getCode() == 0);
        }
    }

    @Test
    void aBlacklistSetOnNodeTwoIsEnforcedByNodeOneAsSoonAsItIsAnswered() {
        String erin = user("erin");
        String frank = user("frank");
        try (Mqtt5Peer erinPhone = Devices.phone(one, erin); Mqtt5Peer frankPhone = Devices.phone(two, frank)) {
            for (int round = 0; round < 5; round++) {
                // node one reads frank's relations for this send and keeps them
                assertThat(erinPhone.call(Methods.MESSAGE_SEND, Fixtures.text(frank, "open " + round)).getCode())
                        .isZero();
                ok(frankPhone.call(Methods.BLACKLIST_SET, BlacklistRequest.newBuilder().setTarget(erin)
                        .setBlocked(true).build()));
                assertThat(erinPhone.call(Methods.MESSAGE_SEND, Fixtures.text(frank, "blocked " + round)).getCode())
                        .as("round %d: a send right after the blacklist was answered", round).isEqualTo(246);
                ok(frankPhone.call(Methods.BLACKLIST_SET, BlacklistRequest.newBuilder().setTarget(erin).build()));
            }
        }
    }

    private static String user(String prefix) {
        String id = Fixtures.id(prefix);
        one.admin().createUser(id);
        return id;
    }
}
