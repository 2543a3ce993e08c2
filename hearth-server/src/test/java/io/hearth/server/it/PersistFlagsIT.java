package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Persist flags end to end (H2 and PostgreSQL), each of 0, 1, 3 and 4 in a single chat, a group and a super group,
 * with bob online on a phone and a PC and carol offline: 0, 1 and 3 are stored and reach bob's devices and carol's
 * later pull (a super group's through its shared timeline) with the flag unchanged, and the sender's own timeline
 * has them; 4 (transparent) reaches only bob's online devices, is in no timeline, and carol never gets it. Typing
 * (content type 91) is such a transparent message.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class PersistFlagsIT {

    private static final int[] FLAGS = {0, 1, 3, 4};
    private static final int TYPING = 91;
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String alice;
    private String bob;
    private String carol;
    private Mqtt5Peer alicePhone;
    private List<Mqtt5Peer> bobs;

    PersistFlagsIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        Map<String, Object> settings = new HashMap<>(database.settings());
        settings.put("message.roaming", 1);
        node = TestNode.start(settings);
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
        bobs = List.of(closer.keep(Devices.phone(node, bob)), closer.keep(Devices.pc(node, bob)));
    }

    @Test
    void singleChat() {
        Map<Integer, Long> toBob = sendEveryFlag(f -> flagged(Fixtures.text(bob, "to bob " + f), f, 1));
        Map<Integer, Long> toCarol = sendEveryFlag(f -> flagged(Fixtures.text(carol, "to carol " + f), f, 1));
        assertOnline(toBob);
        assertStored(toBob, Devices.timeline(bobs.get(0)));
        assertStored(toBob, Devices.timeline(alicePhone));
        assertOfflineCarol(toCarol, Devices::timeline);
    }

    @Test
    void group() {
        String gid = api.create(alice, "", "flags", bob, carol);
        Map<Integer, Long> sent = sendEveryFlag(f -> flagged(GroupCalls.text(gid, "group " + f), f, 1));
        assertOnline(sent);
        assertStored(sent, Devices.timeline(bobs.get(1)));
        assertStored(sent, Devices.timeline(alicePhone));
        assertOfflineCarol(sent, Devices::timeline);
    }

    @Test
    void superGroup() {
        String gid = api.create(alice, "", "super flags", bob, carol);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 9, "value", "1"));
        Map<Integer, Long> sent = sendEveryFlag(f -> flagged(GroupCalls.text(gid, "super " + f), f, 1),
                false);
        // stored super group messages are read from the shared timeline; transparent ones are pushed
        assertOnline(Map.of(4, sent.get(4)));
        assertStored(sent, SuperGroupIT.sharedAll(bobs.get(0), gid));
        assertThat(ExpiryIT.uids(Devices.timeline(bobs.get(0)))).as("none in bob's own timeline")
                .doesNotContainAnyElementsOf(sent.values());
        assertOfflineCarol(sent, c -> SuperGroupIT.sharedAll(c, gid));
    }

    @Test
    void typingReachesThePeersOnlineDevicesOnlyAndNoTimeline() {
        SendMessageResult toBob = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND,
                flagged(Fixtures.text(bob, ""), 4, TYPING))).getSend();
        SendMessageResult toCarol = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND,
                flagged(Fixtures.text(carol, ""), 4, TYPING))).getSend();
        assertThat(toBob.getSeq()).as("not stored: no seq").isZero();
        for (Mqtt5Peer device : bobs) {
            Message m = MessageChangesIT.awaitPushed(device, toBob.getMessageUid(), 0);
            assertThat(m.getContent().getType()).isEqualTo(TYPING);
            assertThat(m.getSeq()).isZero();
        }
        for (Mqtt5Peer device : List.of(bobs.get(0), alicePhone)) {
            assertThat(ExpiryIT.uids(Devices.timeline(device))).doesNotContain(toBob.getMessageUid());
        }
        assertOfflineCarol(Map.of(4, toCarol.getMessageUid()), Devices::timeline);
    }

    // ---- helpers

    private Map<Integer, Long> sendEveryFlag(Function<Integer, SendMessageRequest> request) {
        return sendEveryFlag(request, true);
    }

    /** {@code ownEntry}: the sender's timeline gets the stored ones (not so in a super group: its shared one does). */
    private Map<Integer, Long> sendEveryFlag(Function<Integer, SendMessageRequest> request, boolean ownEntry) {
        Map<Integer, Long> uids = new LinkedHashMap<>();
        for (int f : FLAGS) {
            SendMessageResult r = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, request.apply(f))).getSend();
            assertThat(r.getSeq() == 0).as("flag %d: no seq for a transparent message only", f)
                    .isEqualTo(f == 4 || !ownEntry);
            uids.put(f, r.getMessageUid());
        }
        return uids;
    }

    /** Bob's phone and PC each get every message pushed, with its flag as sent. */
    private void assertOnline(Map<Integer, Long> sent) {
        for (Mqtt5Peer device : bobs) {
            sent.forEach((flag, uid) -> {
                Message m = MessageChangesIT.awaitPushed(device, uid, 0);
                assertThat(m.getContent().getPersistFlag()).as("pushed flag").isEqualTo(flag);
                assertThat(m.getSeq() == 0).as("flag %d pushed without a seq", flag).isEqualTo(flag == 4);
            });
        }
    }

    /** Flags 0, 1, 3 are in {@code pulled} with the flag as sent; 4 is not. */
    private static void assertStored(Map<Integer, Long> sent, List<Message> pulled) {
        sent.forEach((flag, uid) -> {
            List<Message> found = pulled.stream().filter(m -> m.getMessageUid() == uid).toList();
            if (flag == 4) {
                assertThat(found).as("transparent message in a timeline").isEmpty();
            } else {
                assertThat(found).as("flag %d stored", flag).hasSize(1);
                assertThat(found.get(0).getContent().getPersistFlag()).as("pulled flag").isEqualTo(flag);
            }
        });
    }

    /** Carol comes online later: she pulls the stored ones and never gets the transparent one. */
    private void assertOfflineCarol(Map<Integer, Long> sent, Function<Mqtt5Peer, List<Message>> pull) {
        try (Mqtt5Peer carolPhone = Devices.phone(node, carol)) {
            assertStored(sent, pull.apply(carolPhone));
            Long transparent = sent.get(4);
            assertThat(pushedUids(carolPhone)).as("no push of what was sent while offline")
                    .doesNotContain(transparent);
        }
    }

    private static List<Long> pushedUids(Mqtt5Peer p) {
        List<Long> out = new ArrayList<>();
        String topic = Topics.push(p.userId, Topics.PUSH_MESSAGE);
        p.pending().stream().filter(m -> m.getTopic().toString().equals(topic)).forEach(m -> {
            try {
                MessagePush.parseFrom(m.getPayloadAsBytes()).getMessagesList()
                        .forEach(x -> out.add(x.getMessageUid()));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        });
        return out;
    }

    private static SendMessageRequest flagged(SendMessageRequest req, int flag, int type) {
        return req.toBuilder().setContent(req.getContent().toBuilder().setPersistFlag(flag).setType(type)).build();
    }
}
