package io.hearth.server.it;

import static io.hearth.server.it.Devices.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.AddGroupMembersRequest;
import io.hearth.protocol.pb.CreateGroupRequest;
import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.protocol.pb.GroupTarget;
import io.hearth.protocol.pb.KickGroupMembersRequest;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.ModifyGroupRequest;
import io.hearth.protocol.pb.PullGroupMembersRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SetGroupAliasRequest;
import io.hearth.protocol.pb.SetGroupManagersRequest;
import io.hearth.protocol.pb.SetGroupMemberFlagRequest;
import io.hearth.protocol.pb.TransferGroupRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
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
 * The client group operations added for issue 10 part C, over MQTT 5 on real nodes (H2): {@code group.mute_members}
 * and {@code group.allow_members} by the owner and managers only (248 otherwise, never on the owner) with their
 * effect on sends and their notifications 118/119; {@code to_lines} and {@code notify_message} on every change RPC
 * (the client's content replaces the default notification, on each line); and, on a second node,
 * {@code group.allow_client_custom_operation_notification false}, {@code group.disable_stranger_invite true} and
 * the forbidden bits of mute (0x800) and allow (0x100).
 */
class GroupClientOpsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOM = 1001;

    private static TestNode node;
    private static TestNode strict;

    @RegisterExtension
    final Closer closer = new Closer();

    private String alice;
    private String bob;
    private String carol;
    private String dave;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        strict = TestNode.start(Map.of("group.allow_client_custom_operation_notification", "false",
                "group.disable_stranger_invite", "true", "group.forbidden_client_operation", "2816"));
    }

    @AfterAll
    static void stop() {
        if (strict != null) {
            strict.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void users() {
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        carol = Fixtures.id("carol");
        dave = Fixtures.id("dave");
        for (String u : List.of(alice, bob, carol, dave)) {
            node.admin().createUser(u);
            strict.admin().createUser(u);
        }
    }

    @Test
    void muteAndAllowAreTheOwnersAndManagersAndChangeWhoMaySend() throws Exception {
        Mqtt5Peer a = phone(node, alice);
        Mqtt5Peer b = phone(node, bob);
        Mqtt5Peer c = phone(node, carol);
        Mqtt5Peer d = phone(node, dave);
        String gid = create(a, "quiet", bob, carol, dave);

        assertThat(b.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true, carol)).getCode()).as("a normal member")
                .isEqualTo(248);
        assertThat(b.call(Methods.GROUP_ALLOW_MEMBERS, flag(gid, true, carol)).getCode()).isEqualTo(248);
        ok(a.call(Methods.GROUP_SET_MANAGERS, SetGroupManagersRequest.newBuilder().setGroupId(gid).addMembers(bob)
                .setOn(true).build()));
        assertThat(b.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true, alice)).getCode()).as("never the owner")
                .isEqualTo(248);
        ok(b.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true, carol)));
        assertThat(types(a, gid)).containsEntry(carol, 3);
        assertThat(c.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "let me speak")).getCode()).isEqualTo(241);
        ok(d.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "dave speaks")));

        ok(a.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(3).setValue("1")
                .build()));
        assertThat(d.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "muted group")).getCode()).isEqualTo(241);
        ok(b.call(Methods.GROUP_ALLOW_MEMBERS, flag(gid, true, dave)));
        assertThat(types(a, gid)).containsEntry(dave, 5);
        ok(d.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "allowed")));
        ok(b.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "a manager speaks")));

        ok(a.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, false, carol)));
        ok(a.call(Methods.GROUP_ALLOW_MEMBERS, flag(gid, false, dave)));
        assertThat(types(a, gid)).containsEntry(carol, 0).containsEntry(dave, 0);
        assertThat(d.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "muted again")).getCode()).isEqualTo(241);

        List<JsonNode> notices = new ArrayList<>();
        for (Message m : groupMessages(c, gid)) {
            int t = m.getContent().getType();
            if (t == 118 || t == 119) {
                notices.add(((ObjectNode) JSON.readTree(m.getContent().getData().toStringUtf8())).put("t", t));
            }
        }
        assertThat(notices).extracting(n -> n.get("t").asInt() + " " + n.get("o").asText() + " " + n.get("n").asText()
                + " " + n.get("ms").get(0).asText() + " " + n.get("g").asText()).containsExactly(
                "118 " + bob + " 1 " + carol + " " + gid, "119 " + bob + " 1 " + dave + " " + gid,
                "118 " + alice + " 0 " + carol + " " + gid, "119 " + alice + " 0 " + dave + " " + gid);

        assertThat(a.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true, Fixtures.id("nobody"))).getCode())
                .isEqualTo(9);
        assertThat(a.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true)).getCode()).as("no members").isEqualTo(251);
        assertThat(a.call(Methods.GROUP_ALLOW_MEMBERS, flag("", true, bob)).getCode()).isEqualTo(251);
        assertThat(a.call(Methods.GROUP_ALLOW_MEMBERS, flag("nope-" + gid, true, bob)).getCode()).isEqualTo(253);
        Mqtt5Peer stranger = phone(node, Fixtures.id("eve"), true);
        assertThat(stranger.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true, carol)).getCode()).isEqualTo(9);
    }

    @Test
    void everyChangeRpcTakesNotifyMessageAndToLines() {
        Mqtt5Peer a = phone(node, alice);
        Mqtt5Peer b = phone(node, bob);
        Mqtt5Peer c = phone(node, carol);
        String gid = ok(a.call(Methods.GROUP_CREATE, CreateGroupRequest.newBuilder()
                .setGroup(GroupProfile.newBuilder().setName("custom")).addMembers(member(bob))
                .addMembers(member(carol)).setNotifyMessage(custom("create")).addToLines(0).addToLines(3).build()))
                .getGroupCreated().getGroupId();
        ok(a.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(gid)
                .addMembers(member(dave)).setNotifyMessage(custom("add")).build()));
        ok(a.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(0).setValue("renamed")
                .setNotifyMessage(custom("modify")).build()));
        ok(b.call(Methods.GROUP_SET_ALIAS, SetGroupAliasRequest.newBuilder().setGroupId(gid).setAlias("bobby")
                .setNotifyMessage(custom("alias")).build()));
        ok(a.call(Methods.GROUP_SET_MANAGERS, SetGroupManagersRequest.newBuilder().setGroupId(gid).addMembers(bob)
                .setOn(true).setNotifyMessage(custom("managers")).build()));
        ok(a.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true, carol).toBuilder().setNotifyMessage(custom("mute"))
                .build()));
        ok(a.call(Methods.GROUP_ALLOW_MEMBERS, flag(gid, true, carol).toBuilder().setNotifyMessage(custom("allow"))
                .build()));
        ok(a.call(Methods.GROUP_KICK_MEMBERS, KickGroupMembersRequest.newBuilder().setGroupId(gid).addMembers(dave)
                .setNotifyMessage(custom("kick")).build()));
        ok(a.call(Methods.GROUP_TRANSFER, TransferGroupRequest.newBuilder().setGroupId(gid).setNewOwner(bob)
                .setNotifyMessage(custom("transfer")).build()));
        ok(a.call(Methods.GROUP_QUIT, GroupTarget.newBuilder().setGroupId(gid).setNotifyMessage(custom("quit"))
                .build()));
        ok(b.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(1).setValue("p.png")
                .setNotifyMessage(MessageContent.newBuilder().setType(0).setSearchableContent("ignored")).build()));
        ok(b.call(Methods.GROUP_DISMISS, GroupTarget.newBuilder().setGroupId(gid).setNotifyMessage(custom("dismiss"))
                .addToLines(2).build()));

        List<String> seen = GroupCalls.groupMessages(groupMessages(c, gid), gid);
        assertThat(seen).as("the client's content replaces every default notification").containsExactly(
                CUSTOM + " create", CUSTOM + " create", CUSTOM + " add", CUSTOM + " modify", CUSTOM + " alias",
                CUSTOM + " managers", CUSTOM + " mute", CUSTOM + " allow", CUSTOM + " kick", CUSTOM + " transfer",
                CUSTOM + " quit", "112 {\"g\":\"" + gid + "\",\"o\":\"" + bob + "\"}",
                CUSTOM + " dismiss");
        assertThat(groupMessages(c, gid)).filteredOn(m -> m.getContent().getSearchableContent().equals("create"))
                .extracting(m -> m.getConversation().getLine()).containsExactlyInAnyOrder(0, 3);
        assertThat(groupMessages(c, gid)).filteredOn(m -> m.getContent().getSearchableContent().equals("dismiss"))
                .extracting(m -> m.getConversation().getLine()).containsExactly(2);
        assertThat(groupMessages(c, gid)).filteredOn(m -> m.getContent().getType() == CUSTOM)
                .extracting(Message::getSender).contains(alice, bob);

        String other = create(a, "lines", bob);
        ModifyGroupRequest.Builder bad = ModifyGroupRequest.newBuilder().setGroupId(other).setType(0).setValue("x");
        assertThat(a.call(Methods.GROUP_MODIFY, bad.clone().addToLines(-1).build()).getCode()).isEqualTo(251);
        for (int i = 0; i < 17; i++) {
            bad.addToLines(i);
        }
        assertThat(a.call(Methods.GROUP_MODIFY, bad.build()).getCode()).as("17 lines").isEqualTo(251);
    }

    @Test
    void aStrictServerRefusesCustomNotificationsStrangersAndForbiddenMuteAndAllow() throws Exception {
        Mqtt5Peer a = phone(strict, alice);
        Reply strangers = a.call(Methods.GROUP_CREATE, CreateGroupRequest.newBuilder()
                .setGroup(GroupProfile.newBuilder().setName("strangers")).addMembers(member(bob)).build());
        assertThat(strangers.getCode()).as(strangers.getMsg()).isEqualTo(248);
        assertThat(strangers.getMsg()).contains(bob);
        String alone = create(a, "alone");
        befriend(alice, bob);
        String gid = create(a, "friends", bob);

        Reply invite = a.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(gid)
                .addMembers(member(carol)).build());
        assertThat(invite.getCode()).as(invite.getMsg()).isEqualTo(248);
        befriend(bob, carol);
        Reply viaFriend = phone(strict, bob).call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder()
                .setGroupId(gid).addMembers(member(carol)).build());
        ok(viaFriend);
        JsonNode admin = strict.admin().call("/admin/group/member/add", GroupCalls.body("operator", alice,
                "group_id", gid, "members", List.of(GroupCalls.body("member_id", dave))));
        assertThat(admin.get("code").asInt()).as("the server API is exempt %s", admin).isZero();
        assertThat(types(a, gid)).containsKeys(alice, bob, carol, dave);

        Reply own = a.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(0)
                .setValue("mine").setNotifyMessage(custom("modify")).build());
        assertThat(own.getCode()).as(own.getMsg()).isEqualTo(248);
        assertThat(a.call(Methods.GROUP_DISMISS, GroupTarget.newBuilder().setGroupId(alone)
                .setNotifyMessage(custom("dismiss")).build()).getCode()).isEqualTo(248);
        ok(a.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(0).setValue("ours")
                .build()));
        List<String> seen = GroupCalls.groupMessages(groupMessages(phone(strict, carol), gid), gid);
        assertThat(seen).noneMatch(s -> s.contains("mine")).anyMatch(s -> s.startsWith("110 ") && s.contains("ours"));

        assertThat(a.call(Methods.GROUP_MUTE_MEMBERS, flag(gid, true, bob)).getCode()).as("0x800").isEqualTo(248);
        assertThat(a.call(Methods.GROUP_ALLOW_MEMBERS, flag(gid, true, bob)).getCode()).as("0x100").isEqualTo(248);
        assertThat(types(a, gid)).containsEntry(bob, 0);
        assertThat(a.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(3)
                .setValue("1").build()).getCode()).as("0x200: mute all").isEqualTo(248);
    }

    @Test
    void theDocumentedJsonFormsWork() throws Exception {
        Mqtt5Peer a = phone(node, alice);
        String gid = create(a, "json", bob, carol);
        assertThat(json(a, Methods.GROUP_MUTE_MEMBERS, "{\"groupId\":\"" + gid + "\",\"members\":[\"" + carol
                + "\"],\"on\":true}").has("groupChanged")).isTrue();
        assertThat(types(a, gid)).containsEntry(carol, 3);
        json(a, Methods.GROUP_MODIFY, "{\"groupId\":\"" + gid + "\",\"type\":0,\"value\":\"summit\",\"toLines\":[0,2],"
                + "\"notifyMessage\":{\"type\":1001,\"searchableContent\":\"alice renamed the group\","
                + "\"persistFlag\":1}}");
        assertThat(groupMessages(phone(node, bob), gid)).filteredOn(m -> m.getContent().getType() == CUSTOM)
                .extracting(m -> m.getConversation().getLine() + " " + m.getContent().getSearchableContent())
                .containsExactlyInAnyOrder("0 alice renamed the group", "2 alice renamed the group");
    }

    private static JsonNode json(Mqtt5Peer p, String method, String request) throws Exception {
        var reply = p.callRaw(Topics.request(method), request.getBytes(StandardCharsets.UTF_8),
                Topics.JSON_CONTENT_TYPE).reply();
        JsonNode r = JSON.readTree(reply.getPayloadAsBytes());
        assertThat(r.path("code").asInt(-1)).as(r.toString()).isZero();
        return r;
    }

    private void befriend(String x, String y) {
        JsonNode r = strict.admin().call("/admin/friend/status", GroupCalls.body("userId", x, "friendUid", y,
                "status", 0));
        assertThat(r.get("code").asInt()).as(r.toString()).isZero();
    }

    private Mqtt5Peer phone(TestNode n, String user) {
        return phone(n, user, false);
    }

    private Mqtt5Peer phone(TestNode n, String user, boolean create) {
        if (create) {
            n.admin().createUser(user);
        }
        return closer.keep(Devices.phone(n, user));
    }

    /** The group's messages in the device's timeline, once the last change's notification has arrived. */
    private static List<Message> groupMessages(Mqtt5Peer p, String gid) {
        await().atMost(Mqtt5Peer.WAIT).until(() -> !Devices.timeline(p).isEmpty());
        return Devices.timeline(p).stream().filter(m -> m.getConversation().getType() == 1
                && m.getConversation().getTarget().equals(gid)).toList();
    }

    private static Map<String, Integer> types(Mqtt5Peer p, String gid) {
        Map<String, Integer> out = new HashMap<>();
        ok(p.call(Methods.GROUP_PULL_MEMBERS, PullGroupMembersRequest.newBuilder().setGroupId(gid).build()))
                .getGroupMembers().getMembersList().forEach(m -> out.put(m.getMemberId(), m.getType()));
        return out;
    }

    private static String create(Mqtt5Peer owner, String name, String... members) {
        CreateGroupRequest.Builder b = CreateGroupRequest.newBuilder().setGroup(GroupProfile.newBuilder()
                .setName(name));
        for (String m : members) {
            b.addMembers(member(m));
        }
        return ok(owner.call(Methods.GROUP_CREATE, b.build())).getGroupCreated().getGroupId();
    }

    private static SetGroupMemberFlagRequest flag(String gid, boolean on, String... members) {
        return SetGroupMemberFlagRequest.newBuilder().setGroupId(gid).addAllMembers(List.of(members)).setOn(on)
                .build();
    }

    private static MessageContent custom(String text) {
        return MessageContent.newBuilder().setType(CUSTOM).setSearchableContent(text).setPersistFlag(1).build();
    }

    private static GroupMemberEntry member(String id) {
        return GroupMemberEntry.newBuilder().setMemberId(id).build();
    }
}
