package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.ChatroomTarget;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TwoNodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chatrooms on a two-node cluster (in this JVM, one PostgreSQL database): members on both nodes receive a room's
 * messages, the server API of either node sees every member and where a user is, a second client on the other node
 * takes the first one's place, and a ban made through one node drops the user connected to the other.
 */
class ChatroomClusterIT {

    private static TwoNodes nodes;
    private static TestNode one;
    private static TestNode two;

    @RegisterExtension
    final Closer closer = new Closer();

    @BeforeAll
    static void start() {
        nodes = TwoNodes.start("chatroom-it", Map.of());
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
    void membersOnBothNodesReceiveAndTheServerApiOfEitherSeesThemAll() {
        String room = Fixtures.id("room");
        new GroupCalls(one).ok("/admin/chatroom/create", body("chatroomId", room, "title", "both"));
        String alice = Fixtures.id("alice");
        String bob = Fixtures.id("bob");
        String carol = Fixtures.id("carol");
        for (String u : List.of(alice, bob, carol)) {
            one.admin().createUser(u);
        }
        Mqtt5Peer alicePhone = closer.keep(Devices.phone(one, alice));
        Mqtt5Peer bobPc = closer.keep(Devices.pc(two, bob));
        Mqtt5Peer carolPhone = closer.keep(Devices.phone(two, carol));
        for (Mqtt5Peer p : List.of(alicePhone, bobPc, carolPhone)) {
            Devices.ok(p.call(Methods.CHATROOM_JOIN, target(room)));
        }

        long uid = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, ChatroomIT.text(room, "across")))
                .getSend().getMessageUid();
        for (Mqtt5Peer p : List.of(bobPc, carolPhone)) {
            Devices.awaitNotice(p, NoticeKinds.CHATROOM_MESSAGE, 1);
            List<Message> got = Devices.ok(pull(p, room)).getPull().getMessagesList();
            assertThat(got).extracting(Message::getMessageUid).containsExactly(uid);
        }
        for (TestNode n : List.of(one, two)) {
            GroupCalls api = new GroupCalls(n);
            assertThat(api.result("/admin/chatroom/members", body("chatroomId", room)).get("list"))
                    .extracting(JsonNode::asText).containsExactlyInAnyOrder(alice, bob, carol);
            assertThat(api.result("/admin/chatroom/info", body("chatroomId", room)).get("memberCount").asInt())
                    .isEqualTo(3);
            assertThat(api.result("/admin/chatroom/user_chatroom", body("userId", bob)).get("clientId").asText())
                    .isEqualTo(bobPc.clientId);
        }

        // bob's phone on node one takes the place of his PC on node two
        Mqtt5Peer bobPhone = closer.keep(Devices.phone(one, bob));
        Devices.ok(bobPhone.call(Methods.CHATROOM_JOIN, target(room)));
        Devices.awaitNotice(bobPc, NoticeKinds.CHATROOM_LEFT, 1);
        await().atMost(Mqtt5Peer.WAIT).until(() -> new GroupCalls(two).result("/admin/chatroom/user_chatroom",
                body("userId", bob)).get("clientId").asText().equals(bobPhone.clientId));

        // a ban through node one drops carol from node two
        new GroupCalls(one).ok("/admin/chatroom/set_black_status", body("chatroomId", room, "userId", carol,
                "status", 2));
        Devices.awaitNotice(carolPhone, NoticeKinds.CHATROOM_LEFT, 2);
        assertThat(carolPhone.call(Methods.CHATROOM_JOIN, target(room)).getCode()).isEqualTo(245);
    }

    private static ChatroomTarget target(String id) {
        return ChatroomTarget.newBuilder().setChatroomId(id).build();
    }

    private static Reply pull(Mqtt5Peer p, String id) {
        return p.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setType(1).setTarget(id).build());
    }
}
