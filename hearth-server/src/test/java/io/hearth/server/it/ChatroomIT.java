package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.ChatroomMembersRequest;
import io.hearth.protocol.pb.ChatroomTarget;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.ManualClock;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chatrooms on one node (H2) with real clients over TCP and WebSocket: 200 members join, get the room's last
 * messages and receive new ones through their queues (never their timelines); idle members are dropped and a send
 * joins again; mutes, bans with expiry, managers and mute-all; one room per user; the server API's answers and bad
 * input. The node runs on a clock the test moves, so idling out and expiry need no waiting.
 */
class ChatroomIT {

    private static final long IDLE = 600_000;
    private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String room;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = new HashMap<>(NodeDatabase.H2.settings());
        settings.put("chatroom.participant_idle_time", IDLE);
        settings.put("http.admin.no_check_time", true);
        node = TestNode.start(settings, CLOCK);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void room() {
        api = new GroupCalls(node);
        room = Fixtures.id("room");
        assertThat(api.result("/admin/chatroom/create", body("chatroomId", room, "title", "Live", "desc", "a show"))
                .get("chatroomId").asText()).isEqualTo(room);
    }

    private Mqtt5Peer user(String prefix, boolean web) {
        String id = Fixtures.id(prefix);
        node.admin().createUser(id);
        return closer.keep(web ? Devices.pc(node, id) : Devices.phone(node, id));
    }

    @Test
    void twoHundredMembersOverTcpAndWebSocketGetTheLastMessagesOnJoinAndEveryNewOne() {
        Mqtt5Peer host = user("host", false);
        Devices.ok(join(host, room));
        for (int i = 1; i <= 25; i++) {
            send(host, room, "warm-up " + i);
        }
        List<Mqtt5Peer> listeners = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Mqtt5Peer p = user("listener", i % 2 == 1);
            Reply joined = Devices.ok(join(p, room));
            assertThat(joined.getChatroomJoined().getHead()).as("the last 20 messages").isEqualTo(20);
            listeners.add(p);
        }
        PullMessageResult first = Devices.ok(pull(listeners.get(0), room, 0)).getPull();
        assertThat(first.getMessagesList()).extracting(m -> m.getContent().getSearchableContent())
                .containsExactly(range(6, 25));
        assertThat(first.getCurrent()).isEqualTo(20).isEqualTo(first.getHead());

        JsonNode info = api.result("/admin/chatroom/info", body("chatroomId", room));
        assertThat(info.get("memberCount").asInt()).isEqualTo(201);
        assertThat(info.get("title").asText()).isEqualTo("Live");
        assertThat(info.get("desc").asText()).isEqualTo("a show");
        assertThat(api.result("/admin/chatroom/members", body("chatroomId", room)).get("list")).hasSize(201);
        Reply members = Devices.ok(listeners.get(3).call(Methods.CHATROOM_MEMBERS,
                ChatroomMembersRequest.newBuilder().setChatroomId(room).setMaxCount(10).build()));
        assertThat(members.getChatroomMembers().getMemberCount()).isEqualTo(201);
        assertThat(members.getChatroomMembers().getMembersList()).hasSize(10);

        long uid = send(host, room, "live!");
        for (Mqtt5Peer p : listeners) {
            Devices.awaitNotice(p, NoticeKinds.CHATROOM_MESSAGE, 21);
            List<Message> got = Devices.ok(pull(p, room, 20)).getPull().getMessagesList();
            assertThat(got).hasSize(1);
            assertThat(got.get(0).getMessageUid()).isEqualTo(uid);
            assertThat(got.get(0).getSender()).isEqualTo(host.userId);
            assertThat(got.get(0).getConversation().getType()).isEqualTo(2);
            assertThat(got.get(0).getConversation().getTarget()).isEqualTo(room);
        }
        assertThat(Devices.timeline(listeners.get(0))).as("never in timelines").isEmpty();
        assertThat(Devices.timeline(host)).isEmpty();
    }

    @Test
    void anIdleMemberIsDroppedAndASendJoinsItAgain() {
        Mqtt5Peer alice = user("alice", false);
        Mqtt5Peer bob = user("bob", true);
        Devices.ok(join(alice, room));
        Devices.ok(join(bob, room));
        CLOCK.now += IDLE / 2;
        Devices.ok(pull(bob, room, 0));
        CLOCK.now += IDLE / 2 + 1;

        Devices.awaitNotice(alice, NoticeKinds.CHATROOM_LEFT, 0);
        assertThat(api.result("/admin/chatroom/members", body("chatroomId", room)).get("list"))
                .extracting(JsonNode::asText).containsExactly(bob.userId);
        assertThat(pull(alice, room, 0).getCode()).isEqualTo(20);
        api.code(20, "/admin/chatroom/user_chatroom", body("userId", alice.userId));

        long uid = send(alice, room, "back");
        JsonNode where = api.result("/admin/chatroom/user_chatroom", body("userId", alice.userId));
        assertThat(where.get("chatroomId").asText()).isEqualTo(room);
        assertThat(where.get("clientId").asText()).isEqualTo(alice.clientId);
        Devices.awaitNotice(bob, NoticeKinds.CHATROOM_MESSAGE, 1);
        assertThat(Devices.ok(pull(bob, room, 0)).getPull().getMessages(0).getMessageUid()).isEqualTo(uid);
    }

    @Test
    void aMutedMemberListensButCannotSendAndABanExpires() {
        Mqtt5Peer alice = user("alice", false);
        Mqtt5Peer bob = user("bob", true);
        Devices.ok(join(alice, room));
        Devices.ok(join(bob, room));

        api.ok("/admin/chatroom/set_black_status", body("chatroomId", room, "userId", alice.userId, "status", 1,
                "type", 0));
        assertThat(alice.call(Methods.MESSAGE_SEND, text(room, "hi")).getCode()).isEqualTo(241);
        send(bob, room, "to alice");
        Devices.awaitNotice(alice, NoticeKinds.CHATROOM_MESSAGE, 1);

        long until = CLOCK.now + 60_000;
        api.ok("/admin/chatroom/set_black_status", body("chatroomId", room, "userId", alice.userId, "status", 2,
                "expiredTime", until));
        Devices.awaitNotice(alice, NoticeKinds.CHATROOM_LEFT, 2);
        JsonNode infos = api.result("/admin/chatroom/get_black_status", body("chatroomId", room)).get("infos");
        assertThat(infos).hasSize(1);
        assertThat(infos.get(0).get("userId").asText()).isEqualTo(alice.userId);
        assertThat(infos.get(0).get("state").asInt()).isEqualTo(2);
        assertThat(infos.get(0).get("expiredTime").asLong()).isEqualTo(until);
        assertThat(join(alice, room).getCode()).isEqualTo(245);
        assertThat(alice.call(Methods.MESSAGE_SEND, text(room, "let me in")).getCode()).isEqualTo(245);

        CLOCK.now = until + 1;
        Devices.ok(join(alice, room));
        assertThat(api.result("/admin/chatroom/get_black_status", body("chatroomId", room)).get("infos")).isEmpty();
        send(alice, room, "free again");
    }

    @Test
    void muteAllLeavesOnlyManagersTalking() {
        Mqtt5Peer alice = user("alice", false);
        Mqtt5Peer bob = user("bob", true);
        Devices.ok(join(alice, room));
        Devices.ok(join(bob, room));
        api.ok("/admin/chatroom/set_manager", body("chatroomId", room, "userId", bob.userId, "status", 1));
        assertThat(api.result("/admin/chatroom/get_manager_list", body("chatroomId", room)).get("list"))
                .extracting(JsonNode::asText).containsExactly(bob.userId);

        api.ok("/admin/chatroom/mute_all", body("chatroomId", room, "mute", 1));
        assertThat(alice.call(Methods.MESSAGE_SEND, text(room, "hello?")).getCode()).isEqualTo(241);
        send(bob, room, "managers talk");
        api.ok("/admin/chatroom/mute_all", body("chatroomId", room, "status", 0));
        send(alice, room, "now I can");
        api.ok("/admin/chatroom/set_manager", body("chatroomId", room, "userId", bob.userId, "status", 0));
        assertThat(api.result("/admin/chatroom/get_manager_list", body("chatroomId", room)).get("list")).isEmpty();
    }

    @Test
    void aUserIsInOneRoomWithOneClient() {
        String other = Fixtures.id("room");
        Mqtt5Peer phone = user("carol", false);
        Devices.ok(join(phone, room));
        Reply created = Devices.ok(join(phone, other));
        assertThat(created.getChatroomJoined().getHead()).isZero();
        assertThat(api.result("/admin/chatroom/info", body("chatroomId", other)).get("title").asText())
                .as("chatroom.create_when_not_exist").isEqualTo(other);
        assertThat(api.result("/admin/chatroom/members", body("chatroomId", room)).get("list")).isEmpty();

        try (Mqtt5Peer pc = Devices.pc(node, phone.userId)) {
            Devices.ok(join(pc, room));
            Devices.awaitNotice(phone, NoticeKinds.CHATROOM_LEFT, 1);
            assertThat(api.result("/admin/chatroom/user_chatroom", body("userId", phone.userId)).get("clientId")
                    .asText()).isEqualTo(pc.clientId);
            assertThat(pull(phone, other, 0).getCode()).isEqualTo(20);
            Devices.ok(pc.call(Methods.CHATROOM_QUIT, target(room)));
            assertThat(pc.call(Methods.CHATROOM_QUIT, target(room)).getCode()).isEqualTo(20);
        }
    }

    @Test
    void withoutKickoffASecondClientIsRefusedWith225() {
        Map<String, Object> settings = new HashMap<>(NodeDatabase.H2.settings());
        settings.put("chatroom.kickoff_other_platform", false);
        settings.put("chatroom.create_when_not_exist", false);
        try (TestNode strict = TestNode.start(settings)) {
            String dave = Fixtures.id("dave");
            strict.admin().createUser(dave);
            strict.admin().call("/admin/chatroom/create", body("chatroomId", room, "title", "strict"));
            try (Mqtt5Peer phone = Devices.phone(strict, dave); Mqtt5Peer pc = Devices.pc(strict, dave)) {
                Devices.ok(join(phone, room));
                assertThat(join(pc, room).getCode()).isEqualTo(225);
                assertThat(join(phone, Fixtures.id("missing")).getCode()).isEqualTo(253);
            }
        }
    }

    @Test
    void aFullQueueDropsOrdinaryMessagesFirstAndCountsThemAndTheServerApiSends() throws Exception {
        Map<String, Object> settings = new HashMap<>(NodeDatabase.H2.settings());
        settings.put("chatroom.queue_size", 10);
        settings.put("chatroom.key_message_type_list", "400");
        try (TestNode small = TestNode.start(settings)) {
            String frank = Fixtures.id("frank");
            String gina = Fixtures.id("gina");
            small.admin().createUser(frank);
            small.admin().createUser(gina);
            small.admin().call("/admin/chatroom/create", body("chatroomId", room, "title", "small"));
            try (Mqtt5Peer listener = Devices.phone(small, frank); Mqtt5Peer sender = Devices.pc(small, gina)) {
                Devices.ok(join(listener, room));
                Devices.ok(join(sender, room));
                for (int i = 1; i <= 5; i++) {
                    SendMessageRequest key = text(room, "key " + i).toBuilder()
                            .setContent(MessageContent.newBuilder().setType(400).setSearchableContent("key " + i))
                            .build();
                    Devices.ok(sender.call(Methods.MESSAGE_SEND, key));
                }
                for (int i = 1; i <= 9; i++) {
                    send(sender, room, "text " + i);
                }
                JsonNode r = small.admin().call("/admin/message/send", body("sender", "admin",
                        "conv", body("type", 2, "target", room, "line", 0),
                        "payload", body("type", 1, "searchableContent", "from the server API")));
                assertThat(r.get("code").asInt()).as("%s", r).isZero();

                PullMessageResult p = Devices.ok(pull(listener, room, 0)).getPull();
                assertThat(p.getMessagesList()).extracting(m -> m.getContent().getSearchableContent())
                        .containsExactly("key 1", "key 2", "key 3", "key 4", "key 5", "text 6", "text 7", "text 8",
                                "text 9", "from the server API");
                assertThat(p.getHead()).isEqualTo(15);
                assertThat(p.getCurrent()).isEqualTo(15);
                assertThat(RateLimitIT.metrics(small)).contains("hearth_chatroom_dropped_total 5.0");
            }
        }
    }

    @Test
    void badInputGetsPreciseCodesAndTheNodeKeepsServing() {
        Mqtt5Peer erin = user("erin", false);
        assertThat(join(erin, "").getCode()).isEqualTo(251);
        assertThat(join(erin, "a/b").getCode()).isEqualTo(251);
        assertThat(erin.call(Methods.CHATROOM_INFO, target(Fixtures.id("none"))).getCode()).isEqualTo(253);
        assertThat(erin.call(Methods.CHATROOM_MEMBERS, ChatroomMembersRequest.newBuilder().setChatroomId(room)
                .setMaxCount(-1).build()).getCode()).isEqualTo(251);
        assertThat(pull(erin, room, 0).getCode()).isEqualTo(20);
        assertThat(erin.call(Methods.CHATROOM_QUIT, target(room)).getCode()).isEqualTo(20);
        assertThat(erin.call(Methods.MESSAGE_SEND, text(Fixtures.id("none"), "x")).getCode()).isEqualTo(253);

        api.code(251, "/admin/chatroom/create", body("chatroomId", Fixtures.id("r")));
        api.code(251, "/admin/chatroom/create", body("title", "t", "state", 3));
        api.code(253, "/admin/chatroom/info", body("chatroomId", Fixtures.id("none")));
        api.code(253, "/admin/chatroom/del", body("chatroomId", Fixtures.id("none")));
        api.code(251, "/admin/chatroom/members", body());
        api.code(251, "/admin/chatroom/set_black_status", body("chatroomId", room, "userId", erin.userId,
                "status", 3));
        api.code(251, "/admin/chatroom/set_black_status", body("chatroomId", room, "userId", erin.userId));
        api.code(253, "/admin/chatroom/mute_all", body("chatroomId", Fixtures.id("none"), "status", 1));
        assertThat(api.result("/admin/chatroom/create", body("title", "random id")).get("chatroomId").asText())
                .isNotBlank();

        Devices.ok(join(erin, room));
        Devices.ok(erin.call(Methods.CHATROOM_INFO, target(room)));
        api.ok("/admin/chatroom/del", body("chatroomId", room));
        Devices.awaitNotice(erin, NoticeKinds.CHATROOM_LEFT, 3);
        assertThat(erin.call(Methods.CHATROOM_INFO, target(room)).getCode()).isEqualTo(253);
    }

    private static String[] range(int from, int to) {
        String[] out = new String[to - from + 1];
        for (int i = from; i <= to; i++) {
            out[i - from] = "warm-up " + i;
        }
        return out;
    }

    private static ChatroomTarget target(String id) {
        return ChatroomTarget.newBuilder().setChatroomId(id).build();
    }

    private static Reply join(Mqtt5Peer p, String id) {
        return p.call(Methods.CHATROOM_JOIN, target(id));
    }

    private static Reply pull(Mqtt5Peer p, String id, long since) {
        return p.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setType(1).setTarget(id)
                .setSinceSeq(since).build());
    }

    static SendMessageRequest text(String id, String text) {
        return SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder().setType(2).setTarget(id))
                .setContent(MessageContent.newBuilder().setType(Fixtures.TEXT).setSearchableContent(text)
                        .setPersistFlag(1)).build();
    }

    private static long send(Mqtt5Peer p, String id, String text) {
        return Devices.ok(p.call(Methods.MESSAGE_SEND, text(id, text))).getSend().getMessageUid();
    }
}
