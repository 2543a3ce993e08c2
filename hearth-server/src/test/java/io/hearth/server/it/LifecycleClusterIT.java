package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.ConversationListRequest;
import io.hearth.protocol.pb.DeliveredRequest;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.ReadRequest;
import io.hearth.protocol.pb.RecallMessageRequest;
import io.hearth.protocol.pb.ReceiptsRequest;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.protocol.pb.UpdateMessageRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TwoNodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The message lifecycle on a two-node cluster (in this JVM, one PostgreSQL database) with each user's devices on
 * different nodes: a recall and an edit made through one node reach the devices on the other by push; a multicast
 * and its recall; delivery and read receipts and the read notice cross nodes; the conversation list is the same
 * through either node; a broadcast through node 2 reaches users whose devices are on node 1.
 */
class LifecycleClusterIT {

    private static TwoNodes nodes;
    private static TestNode one;
    private static TestNode two;

    @RegisterExtension
    final Closer closer = new Closer();

    private String alice;
    private String bob;
    private Mqtt5Peer alicePhone;
    private Mqtt5Peer alicePc;
    private Mqtt5Peer bobPhone;
    private Mqtt5Peer bobPc;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.start("lifecycle-it", Map.of("message.allow_client_update_types", "1", "message.roaming", 1));
        one = nodes.one;
        two = nodes.two;
    }


    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @BeforeEach
    void users() {
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        one.admin().createUser(alice);
        one.admin().createUser(bob);
        alicePhone = closer.keep(Devices.phone(one, alice));
        alicePc = closer.keep(Devices.pc(two, alice));
        bobPhone = closer.keep(Devices.phone(two, bob));
        bobPc = closer.keep(Devices.pc(one, bob));
    }

    @Test
    void recallsEditsReceiptsAndTheListCrossNodes() {
        long uid = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "across"))).getSend()
                .getMessageUid();
        MessageChangesIT.awaitPushed(bobPhone, uid, 0);
        MessageChangesIT.awaitPushed(alicePc, uid, 0);

        Devices.ok(alicePc.call(Methods.MESSAGE_UPDATE, UpdateMessageRequest.newBuilder().setMessageUid(uid)
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent("across, edited")
                        .setPersistFlag(3)).build()));
        for (Mqtt5Peer device : List.of(bobPhone, bobPc, alicePhone)) {
            assertThat(MessageChangesIT.awaitPushed(device, uid, 2).getContent().getSearchableContent())
                    .isEqualTo("across, edited");
        }

        long head = Devices.ok(bobPhone.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance()))
                .getSession().getHead();
        long delivered = Devices.ok(bobPhone.call(Methods.MESSAGE_DELIVERED, DeliveredRequest.newBuilder()
                .setSeq(head).build())).getReceiptAck().getTime();
        Devices.awaitNotice(alicePhone, NoticeKinds.RECEIPT, delivered);
        long read = Devices.ok(bobPc.call(Methods.MESSAGE_READ, ReadRequest.newBuilder().setConversation(
                Conversation.newBuilder().setType(0).setTarget(alice)).build())).getReceiptAck().getTime();
        Devices.awaitNotice(bobPhone, NoticeKinds.CONVERSATION_READ, read);
        Devices.awaitNotice(alicePc, NoticeKinds.RECEIPT, read);
        assertThat(Devices.ok(alicePc.call(Methods.MESSAGE_RECEIPTS, ReceiptsRequest.newBuilder().setConversation(
                Conversation.newBuilder().setType(0).setTarget(bob)).build())).getReceipts().getReceipts(0)
                .getReadTime()).isEqualTo(read);

        for (Mqtt5Peer device : List.of(bobPhone, bobPc)) {
            var list = Devices.ok(device.call(Methods.CONVERSATION_LIST, ConversationListRequest
                    .getDefaultInstance())).getConversations();
            assertThat(list.getConversationsList()).hasSize(1);
            assertThat(list.getConversations(0).getUnread()).isZero();
            assertThat(list.getConversations(0).getLastMessage().getContent().getSearchableContent())
                    .isEqualTo("across, edited");
        }

        Devices.ok(alicePc.call(Methods.MESSAGE_RECALL, RecallMessageRequest.newBuilder().setMessageUid(uid)
                .build()));
        for (Mqtt5Peer device : List.of(bobPhone, bobPc, alicePhone)) {
            MessageChangesIT.assertRecalled(MessageChangesIT.awaitPushed(device, uid, 1), uid, alice);
        }
    }

    @Test
    void aDeletedCopyHistoryAndSearchCrossNodes() {
        long kept = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "kept findable words")))
                .getSend().getMessageUid();
        long gone = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "gone for bob")))
                .getSend().getMessageUid();
        MessageChangesIT.awaitPushed(bobPhone, gone, 0);

        long tombstone = Devices.ok(bobPc.call(Methods.MESSAGE_DELETE, io.hearth.protocol.pb.DeleteMessageRequest
                .newBuilder().setMessageUid(gone).build())).getMessageChanged().getMessageUid();
        assertThat(MessageChangesIT.awaitPushed(bobPhone, tombstone, 0).getContent().getType()).isEqualTo(81);

        var history = Devices.ok(bobPhone.call(Methods.MESSAGE_LOAD_HISTORY, io.hearth.protocol.pb.LoadHistoryRequest
                .newBuilder().setConversation(Conversation.newBuilder().setType(0).setTarget(alice)).build()))
                .getHistory().getMessagesList();
        assertThat(history).extracting(Message::getMessageUid).contains(kept).doesNotContain(gone);
        var found = Devices.ok(bobPc.call(Methods.MESSAGE_SEARCH, io.hearth.protocol.pb.SearchMessageRequest
                .newBuilder().setKeyword("findable").build())).getMessageSearch().getMessagesList();
        assertThat(found).extracting(Message::getMessageUid).containsExactly(kept);
        var alices = Devices.ok(alicePc.call(Methods.MESSAGE_LOAD_HISTORY, io.hearth.protocol.pb.LoadHistoryRequest
                .newBuilder().setConversation(Conversation.newBuilder().setType(0).setTarget(bob)).build()))
                .getHistory().getMessagesList();
        assertThat(alices).extracting(Message::getMessageUid).as("alice keeps hers").contains(kept, gone);
    }

    @Test
    void aMulticastItsRecallAndABroadcastCrossNodes() {
        String carol = Fixtures.id("carol");
        one.admin().createUser(carol);
        Mqtt5Peer carolPhone = closer.keep(Devices.phone(two, carol));
        GroupCalls viaTwo = new GroupCalls(two);
        long uid = viaTwo.result("/admin/message/multicast", body("sender", alice, "targets", List.of(bob, carol),
                "payload", body("type", 1, "searchableContent", "to two"))).get("messageUid").asLong();
        for (Mqtt5Peer device : List.of(bobPhone, bobPc, carolPhone)) {
            MessageChangesIT.awaitPushed(device, uid, 0);
        }
        new GroupCalls(one).ok("/admin/message/recall_multicast", body("operator", alice, "messageUid", uid,
                "receivers", List.of(bob, carol)));
        for (Mqtt5Peer device : List.of(bobPhone, bobPc, carolPhone, alicePc)) {
            MessageChangesIT.assertRecalled(MessageChangesIT.awaitPushed(device, uid, 1), uid, alice);
        }

        long broadcast = viaTwo.result("/admin/message/broadcast", body("sender", alice,
                "payload", body("type", 1, "searchableContent", "to everyone"))).get("messageUid").asLong();
        Message m = MessageChangesIT.awaitPushed(bobPc, broadcast, 0);
        assertThat(m.getConversation().getTarget()).isEqualTo(alice);
        MessageChangesIT.awaitPushed(carolPhone, broadcast, 0);
    }
}
