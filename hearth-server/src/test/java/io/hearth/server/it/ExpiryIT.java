package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.LoadHistoryRequest;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.SearchMessageRequest;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.ManualClock;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code expire_duration} on one node (H2 and PostgreSQL) whose clock the test moves: a message is pushed and
 * pulled before it expires, and after it expires no pull (own timeline, super group's shared timeline),
 * history, search or {@code get_one} returns it, while the messages around it stay; a pull passes over the expired
 * entry ({@code current} moves on), so the pull loop neither stops nor gets a gap.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class ExpiryIT {

    private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String alice;
    private String bob;
    private String carol;
    private Mqtt5Peer alicePhone;
    private Mqtt5Peer bobPhone;

    ExpiryIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        Map<String, Object> settings = new HashMap<>(database.settings());
        settings.put("message.roaming", 1);
        settings.put("http.admin.no_check_time", true);
        node = TestNode.start(settings, CLOCK);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void users() {
        api = new GroupCalls(node);
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        carol = Fixtures.id("carol");
        for (String u : List.of(alice, bob, carol)) {
            node.admin().createUser(u);
        }
        alicePhone = closer.keep(Devices.phone(node, alice));
        bobPhone = closer.keep(Devices.phone(node, bob));
    }

    @Test
    void anExpiredSingleChatMessageIsPushedBeforeAndReturnedByNothingAfter() {
        long keep = send(alicePhone, Fixtures.text(bob, "stays here"));
        long burn = send(alicePhone, expiring(Fixtures.text(bob, "burns soon"), 60));
        long after = send(alicePhone, Fixtures.text(bob, "stays too"));
        assertThat(MessageChangesIT.awaitPushed(bobPhone, burn, 0).getContent().getExpireDuration())
                .as("pushed before it expires, with its duration").isEqualTo(60);
        assertThat(uids(Devices.timeline(bobPhone))).as("pulled before it expires").contains(keep, burn, after);
        assertThat(api.result("/admin/message/get_one", body("messageUid", burn)).get("payload")
                .get("expireDuration").asInt()).isEqualTo(60);

        CLOCK.now += 60_000;
        for (Mqtt5Peer device : List.of(bobPhone, alicePhone)) {
            List<Message> all = Devices.timeline(device);
            assertThat(uids(all)).contains(keep, after).doesNotContain(burn);
        }
        // a pull that ends on the expired entry moves over it and the next one goes on from there
        long keepSeq = seqOf(bobPhone, keep);
        PullMessageResult one = pull(bobPhone, keepSeq, 1);
        assertThat(one.getMessagesList()).isEmpty();
        assertThat(one.getCurrent()).isEqualTo(keepSeq + 1);
        assertThat(one.getHead()).isGreaterThan(one.getCurrent());
        assertThat(uids(pull(bobPhone, one.getCurrent(), 1).getMessagesList())).containsExactly(after);

        assertThat(api.call("/admin/message/get_one", body("messageUid", burn)).get("code").asInt())
                .isEqualTo(253);
        List<Message> history = Devices.ok(bobPhone.call(Methods.MESSAGE_LOAD_HISTORY, LoadHistoryRequest
                .newBuilder().setConversation(single(alice)).build())).getHistory().getMessagesList();
        assertThat(uids(history)).containsExactly(after, keep);
        assertThat(uids(search(bobPhone, "burns"))).isEmpty();
        assertThat(uids(search(bobPhone, "stays"))).contains(keep, after);
    }

    @Test
    void anExpiredSuperGroupMessageIsLeftOutOfTheSharedTimelineAndItsHistory() {
        String gid = api.create(alice, "", "expiring", bob, carol);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 9, "value", "1"));
        long keep = send(alicePhone, GroupCalls.text(gid, "group stays"));
        long burn = send(alicePhone, expiring(GroupCalls.text(gid, "group burns"), 5));
        assertThat(uids(SuperGroupIT.sharedAll(bobPhone, gid))).contains(keep, burn);

        CLOCK.now += 5_000;
        long after = send(bobPhone, GroupCalls.text(gid, "group after"));
        try (Mqtt5Peer carolPhone = Devices.phone(node, carol)) {
            for (Mqtt5Peer device : List.of(bobPhone, carolPhone)) {
                assertThat(uids(SuperGroupIT.sharedAll(device, gid))).contains(keep, after).doesNotContain(burn);
            }
            List<Message> history = Devices.ok(carolPhone.call(Methods.MESSAGE_LOAD_HISTORY, LoadHistoryRequest
                    .newBuilder().setConversation(group(gid)).build())).getHistory().getMessagesList();
            assertThat(uids(history)).contains(keep, after).doesNotContain(burn);
        }
    }

    // ---- helpers

    static SendMessageRequest expiring(SendMessageRequest req, int seconds) {
        return req.toBuilder().setContent(req.getContent().toBuilder().setExpireDuration(seconds)).build();
    }

    static long send(Mqtt5Peer from, SendMessageRequest req) {
        return Devices.ok(from.call(Methods.MESSAGE_SEND, req)).getSend().getMessageUid();
    }

    static PullMessageResult pull(Mqtt5Peer p, long since, int limit) {
        return Devices.ok(p.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(since)
                .setLimit(limit).build())).getPull();
    }

    private static long seqOf(Mqtt5Peer p, long uid) {
        return Devices.timeline(p).stream().filter(m -> m.getMessageUid() == uid).findFirst().orElseThrow().getSeq();
    }

    private static List<Message> search(Mqtt5Peer p, String keyword) {
        return Devices.ok(p.call(Methods.MESSAGE_SEARCH, SearchMessageRequest.newBuilder().setKeyword(keyword)
                .build())).getMessageSearch().getMessagesList();
    }

    static List<Long> uids(List<Message> ms) {
        return ms.stream().map(Message::getMessageUid).toList();
    }

    private static Conversation single(String peer) {
        return Conversation.newBuilder().setType(0).setTarget(peer).build();
    }

    private static Conversation group(String id) {
        return Conversation.newBuilder().setType(1).setTarget(id).build();
    }

}
