package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.MulticastMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Multicast and broadcast through the server API on one node (H2 and PostgreSQL): a multicast reaches its three
 * targets' devices as a single chat from the sender and nobody else, its recall reaches them the same way, an
 * unknown target stores nothing; a broadcast reaches every user (online by push, offline by pull) in the
 * background, in batches, and its recall and deletion follow it to everyone. The restart-safe fan-out to 20,000
 * users is {@link BroadcastRestartIT}.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class BroadcastIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String sender;
    private List<String> users;

    BroadcastIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        Map<String, Object> settings = new HashMap<>(database.settings());
        // small batches: a broadcast to the few dozen users here takes several
        settings.put("message.broadcast.batch_size", 7);
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
        sender = Fixtures.id("news");
        node.admin().createUser(sender);
        users = IntStream.range(0, 4).mapToObj(i -> Fixtures.id("reader" + i)).toList();
        users.forEach(u -> node.admin().createUser(u));
    }

    @Test
    void aMulticastReachesItsTargetsOnlyAndItsRecallFollowsIt() {
        List<String> targets = users.subList(0, 3);
        String outsider = users.get(3);
        Mqtt5Peer phone = closer.keep(Devices.phone(node, targets.get(0)));
        Mqtt5Peer pc = closer.keep(Devices.pc(node, targets.get(0)));
        Mqtt5Peer senderPhone = closer.keep(Devices.phone(node, sender));

        JsonNode sent = api.result("/admin/message/multicast", body("sender", sender, "targets", targets,
                "line", 0, "payload", body("type", 1, "searchableContent", "to three")));
        long uid = sent.get("messageUid").asLong();
        assertThat(sent.get("timestamp").asLong()).isPositive();
        for (Mqtt5Peer device : List.of(phone, pc)) {
            Message m = MessageChangesIT.awaitPushed(device, uid, 0);
            assertThat(m.getConversation().getType()).isZero();
            assertThat(m.getConversation().getTarget()).as("a single chat with the sender").isEqualTo(sender);
            assertThat(m.getContent().getSearchableContent()).isEqualTo("to three");
        }
        for (String t : targets.subList(1, 3)) {
            assertThat(timelineOf(t)).filteredOn(m -> m.getMessageUid() == uid).hasSize(1);
        }
        assertThat(timelineOf(outsider)).noneMatch(m -> m.getMessageUid() == uid);

        api.ok("/admin/message/recall_multicast", body("operator", sender, "messageUid", uid,
                "receivers", targets));
        for (Mqtt5Peer device : List.of(phone, pc, senderPhone)) {
            MessageChangesIT.assertRecalled(MessageChangesIT.awaitPushed(device, uid, 1), uid, sender);
        }
        assertThat(timelineOf(targets.get(2))).filteredOn(m -> m.getMessageUid() == uid).hasSize(2)
                .allSatisfy(m -> assertThat(m.getContent().getType()).isEqualTo(80));
        assertThat(timelineOf(outsider)).noneMatch(m -> m.getMessageUid() == uid);

        api.ok("/admin/message/delete_multicast", body("operator", sender, "messageUid", uid,
                "receivers", targets));
        assertThat(MessageChangesIT.awaitPushed(phone, uid, 3).getContent().getType()).isEqualTo(81);
    }

    @Test
    void aClientMulticastPassesTheSingleChatRulesForEveryTarget() {
        Mqtt5Peer senderPhone = closer.keep(Devices.phone(node, sender));
        Mqtt5Peer target = closer.keep(Devices.phone(node, users.get(0)));
        Reply r = Devices.ok(senderPhone.call(Methods.MESSAGE_MULTICAST, multicast(users.subList(0, 3), "hi all")));
        long uid = r.getSend().getMessageUid();
        assertThat(r.getSend().getSeq()).as("the sender's own entry").isPositive();
        Message m = MessageChangesIT.awaitPushed(target, uid, 0);
        assertThat(m.getConversation().getTarget()).isEqualTo(sender);
        assertThat(timelineOf(users.get(2))).filteredOn(x -> x.getMessageUid() == uid).hasSize(1);
        assertThat(timelineOf(users.get(3))).noneMatch(x -> x.getMessageUid() == uid);

        api.ok("/admin/blacklist/status", body("userId", users.get(1), "targetUid", sender, "status", 2));
        int before = timelineOf(users.get(0)).size();
        assertThat(senderPhone.call(Methods.MESSAGE_MULTICAST, multicast(users.subList(0, 3), "again")).getCode())
                .as("one target blacklisted the sender").isEqualTo(246);
        assertThat(timelineOf(users.get(0))).as("nothing stored for the others").hasSize(before);
        assertThat(senderPhone.call(Methods.MESSAGE_MULTICAST, multicast(List.of(), "nobody")).getCode())
                .isEqualTo(251);
        assertThat(senderPhone.call(Methods.MESSAGE_MULTICAST, multicast(List.of("x".repeat(65)), "long"))
                .getCode()).as("targets[0] over 64").isEqualTo(251);
        assertThat(senderPhone.call(Methods.MESSAGE_MULTICAST, multicast(List.of("nobody-" + sender), "ghost"))
                .getCode()).isEqualTo(253);
    }

    private static MulticastMessageRequest multicast(List<String> targets, String text) {
        return MulticastMessageRequest.newBuilder().addAllTargets(targets).setContent(MessageContent.newBuilder()
                .setType(1).setSearchableContent(text).setPersistFlag(3)).build();
    }

    @Test
    void aMulticastWithAnUnknownTargetStoresNothingAndBadInputGetsPreciseCodes() {
        String target = users.get(0);
        int before = timelineOf(target).size();
        assertThat(code("/admin/message/multicast", body("sender", sender, "targets",
                List.of(target, "nobody-" + target), "payload", body("type", 1)))).isEqualTo(253);
        assertThat(timelineOf(target)).hasSize(before);
        assertThat(code("/admin/message/multicast", body("sender", "nobody-" + target, "targets", List.of(target),
                "payload", body("type", 1)))).isEqualTo(253);
        assertThat(code("/admin/message/multicast", body("sender", sender, "targets", List.of(),
                "payload", body("type", 1)))).isEqualTo(251);
        assertThat(code("/admin/message/multicast", body("sender", sender, "targets", List.of(sender),
                "payload", body("type", 1)))).as("only the sender").isEqualTo(251);
        assertThat(code("/admin/message/multicast", body("sender", sender, "targets", List.of(target))))
                .as("no payload").isEqualTo(251);
        assertThat(code("/admin/message/broadcast", body("sender", sender, "payload",
                body("type", 1, "content", "x".repeat(70_000))))).isEqualTo(10);
        assertThat(code("/admin/message/broadcast", body("payload", body("type", 1)))).isEqualTo(251);
        assertThat(code("/admin/message/recall_multicast", body("operator", sender, "messageUid", 5)))
                .as("no receivers").isEqualTo(251);
        long single = api.result("/admin/message/send", body("sender", sender, "conv",
                body("type", 0, "target", target), "payload", body("type", 1))).get("messageUid").asLong();
        assertThat(code("/admin/message/recall_broadcast", body("operator", sender, "messageUid", single)))
                .as("not a broadcast").isEqualTo(253);
        assertThat(code("/admin/message/delete_broadcast", body("operator", sender, "messageUid", 77)))
                .isEqualTo(253);
    }

    @Test
    void aBroadcastReachesEveryUserAndItsRecallAndDeletionFollow() {
        Mqtt5Peer online = closer.keep(Devices.phone(node, users.get(0)));
        JsonNode started = api.result("/admin/message/broadcast", body("sender", sender, "line", 0,
                "payload", body("type", 1, "searchableContent", "to everyone")));
        long uid = started.get("messageUid").asLong();
        assertThat(started.get("count").asLong()).as("every user but the sender")
                .isGreaterThanOrEqualTo(users.size());

        Message pushed = MessageChangesIT.awaitPushed(online, uid, 0);
        assertThat(pushed.getConversation().getTarget()).isEqualTo(sender);
        for (String u : users) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(timelineOf(u))
                    .filteredOn(m -> m.getMessageUid() == uid).hasSize(1));
        }
        assertThat(timelineOf(sender)).filteredOn(m -> m.getMessageUid() == uid).hasSize(1);

        api.ok("/admin/message/recall_broadcast", body("operator", sender, "messageUid", uid));
        MessageChangesIT.assertRecalled(MessageChangesIT.awaitPushed(online, uid, 1), uid, sender);
        for (String u : users) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(timelineOf(u))
                    .filteredOn(m -> m.getMessageUid() == uid).hasSize(2)
                    .allSatisfy(m -> assertThat(m.getState()).isEqualTo(1)));
        }
        api.ok("/admin/message/delete_broadcast", body("operator", sender, "messageUid", uid));
        assertThat(MessageChangesIT.awaitPushed(online, uid, 3).getContent().getType()).isEqualTo(81);
        await().atMost(WAIT).untilAsserted(() -> assertThat(timelineOf(users.get(3)))
                .filteredOn(m -> m.getMessageUid() == uid).hasSize(3)
                .allSatisfy(m -> assertThat(m.getState()).isEqualTo(3)));
    }

    private int code(String path, Object body) {
        JsonNode r = api.call(path, body);
        assertThat(r.get("msg").asText()).isNotBlank();
        return r.get("code").asInt();
    }

    /** The whole timeline of {@code user}, pulled by a new PC client of it. */
    private static List<Message> timelineOf(String user) {
        try (Mqtt5Peer pc = Devices.pc(node, user)) {
            return Devices.timeline(pc);
        }
    }
}
