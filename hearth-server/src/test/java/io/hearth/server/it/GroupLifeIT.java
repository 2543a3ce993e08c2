package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group of three users with two devices each (a phone over TCP, a PC over WebSocket) through its whole life:
 * create, add, rename, new portrait, a manager, a muted member whose send is refused (241), mute-all with the
 * manager still sending and VoIP signalling passing, {@code to_users}, mentions, transfer, kick, quit, dismiss.
 * Every step's notification (types 104–121, the reference's {@code data}) is in the timeline of every device of
 * every member of that moment, kicked and quitting members included; a non-member's send is refused with 9.
 * Devices that went offline at an old version of a group reconnect, refresh with {@code group.get_infos} (by
 * {@code update_dt}) and {@code group.pull_members} (since their member update time) and end with exactly the info
 * and member list of the server API ({@link GroupReplica}); a kicked member's device reads 9.
 */
class GroupLifeIT {

    private static TestNode node;
    private static GroupCalls api;
    private String alice;
    private String bob;
    private String carol;
    private String dave;
    private final List<Mqtt5Peer> devices = new ArrayList<>();
    private Map<String, List<Mqtt5Peer>> byUser;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new GroupCalls(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void sixDevices() {
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        carol = Fixtures.id("carol");
        dave = Fixtures.id("dave");
        byUser = new LinkedHashMap<>();
        for (String u : List.of(alice, bob, carol, dave)) {
            node.admin().createUser(u);
            List<Mqtt5Peer> two = List.of(Devices.phone(node, u), Devices.pc(node, u));
            devices.addAll(two);
            byUser.put(u, two);
        }
    }

    @AfterEach
    void close() {
        devices.forEach(Mqtt5Peer::close);
    }

    @Test
    void aGroupsWholeLifeWithEveryNotificationOnEveryDevice() {
        String g = Fixtures.id("g");
        api.create(alice, g, "climbers");
        String created = n(104, g, alice, "\"n\":\"climbers\"");
        api.ok("/admin/group/member/add", body("operator", alice, "group_id", g,
                "members", List.of(body("member_id", bob), body("member_id", carol))));
        String added = n(105, g, alice, "\"ms\":[\"" + bob + "\",\"" + carol + "\"]");
        modify(g, alice, 0, "summit");
        String renamed = n(110, g, alice, "\"n\":\"summit\"");
        modify(g, alice, 1, "http://p/summit.png");
        String portrait = n(112, g, alice, null);
        role("/admin/group/manager/set", g, alice, bob, true);
        String manager = n(117, g, alice, "\"n\":\"1\",\"ms\":[\"" + bob + "\"]");

        role("/admin/group/manager/mute", g, alice, carol, true);
        String muted = n(118, g, alice, "\"n\":\"1\",\"ms\":[\"" + carol + "\"]");
        assertThat(send(carol, GroupCalls.text(g, "let me speak")).getCode()).isEqualTo(241);
        assertThat(send(bob, GroupCalls.text(g, "bob while carol is muted")).getCode()).isZero();
        role("/admin/group/manager/mute", g, alice, carol, false);
        String unmuted = n(118, g, alice, "\"n\":\"0\",\"ms\":[\"" + carol + "\"]");

        modify(g, alice, 3, "1");
        String muteAll = n(113, g, alice, "\"n\":\"1\"");
        assertThat(send(carol, GroupCalls.text(g, "during mute all")).getCode()).isEqualTo(241);
        SendMessageRequest voip = GroupCalls.text(g, "").toBuilder()
                .setContent(MessageContent.newBuilder().setType(401).setPersistFlag(1)).build();
        assertThat(send(carol, voip).getCode()).isZero();
        assertThat(send(bob, GroupCalls.text(g, "manager during mute all")).getCode()).isZero();
        modify(g, alice, 3, "0");
        String unmuteAll = n(113, g, alice, "\"n\":\"0\"");

        assertThat(send(dave, GroupCalls.text(g, "not a member")).getCode()).isEqualTo(9);
        assertThat(send(alice, GroupCalls.text(g, "only bob").toBuilder().addToUsers(bob).build()).getCode())
                .isZero();
        SendMessageRequest mention = GroupCalls.text(g, "@carol").toBuilder().setContent(GroupCalls.text(g, "@carol")
                .getContent().toBuilder().setMentionedType(1).addMentionedTarget(carol)).build();
        assertThat(send(alice, mention).getCode()).isZero();

        api.ok("/admin/group/transfer", body("operator", alice, "group_id", g, "new_owner", bob));
        String transferred = n(109, g, alice, "\"m\":\"" + bob + "\"");
        api.ok("/admin/group/member/del", body("operator", bob, "group_id", g, "members", List.of(carol)));
        String kicked = n(106, g, bob, "\"ms\":[\"" + carol + "\"]");
        assertThat(send(carol, GroupCalls.text(g, "after the kick")).getCode()).isEqualTo(9);
        api.ok("/admin/group/member/quit", body("operator", alice, "group_id", g));
        String quit = n(107, g, alice, null);
        api.ok("/admin/group/del", body("operator", bob, "group_id", g));
        String dismissed = n(108, g, bob, null);
        assertThat(send(bob, GroupCalls.text(g, "after the end")).getCode()).isEqualTo(253);

        expect(alice, created, added, renamed, portrait, manager, muted, "1 bob while carol is muted", unmuted,
                muteAll, "401 ", "1 manager during mute all", unmuteAll, "1 only bob", "1 @carol", transferred,
                kicked, quit);
        expect(bob, added, renamed, portrait, manager, muted, "1 bob while carol is muted", unmuted, muteAll,
                "401 ", "1 manager during mute all", unmuteAll, "1 only bob", "1 @carol", transferred, kicked, quit,
                dismissed);
        expect(carol, added, renamed, portrait, manager, muted, "1 bob while carol is muted", unmuted, muteAll,
                "401 ", "1 manager during mute all", unmuteAll, "1 @carol", transferred, kicked);
        for (Mqtt5Peer d : byUser.get(carol)) {
            Message m = Devices.timeline(d).stream()
                    .filter(x -> x.getContent().getSearchableContent().equals("@carol")).findFirst().orElseThrow();
            assertThat(m.getContent().getMentionedType()).isEqualTo(1);
            assertThat(m.getContent().getMentionedTargetList()).containsExactly(carol);
            assertThat(m.getSender()).isEqualTo(alice);
        }
        for (Mqtt5Peer d : byUser.get(dave)) {
            assertThat(GroupCalls.groupMessages(Devices.timeline(d), g)).isEmpty();
        }
    }

    @Test
    void everyDeviceEndsWithTheServersInfoAndMembersAfterReconnectingFromAnOldVersion() {
        String erin = Fixtures.id("erin");
        node.admin().createUser(erin);
        String g = api.create(alice, Fixtures.id("g"), "climbers", bob, carol, dave);
        Map<Mqtt5Peer, GroupReplica> replicas = new LinkedHashMap<>();
        devices.forEach(d -> replicas.put(d, new GroupReplica(g)));
        replicas.forEach((d, r) -> r.refresh(d));
        assertThat(replicas.values()).allSatisfy(r -> assertThat(r.view()).isEqualTo(server(g)));
        GroupReplica atCreate = replicas.get(byUser.get(alice).get(0)).copy();

        byUser.values().forEach(two -> two.get(0).close()); // the phones stay at the version of the create
        modify(g, alice, 0, "summit");
        role("/admin/group/manager/set", g, alice, bob, true);
        alias(g, dave, "d");
        for (List<Mqtt5Peer> two : byUser.values()) {
            GroupReplica r = replicas.get(two.get(1));
            assertThat(r.refresh(two.get(1))).as("rows of the PC's delta").isEqualTo(2);
            assertThat(r.view()).isEqualTo(server(g));
            two.get(1).close(); // the PCs stay at this later version
        }

        modify(g, alice, 1, "http://p/summit.png");
        modify(g, alice, 2, "{\"season\":\"winter\"}");
        role("/admin/group/manager/mute", g, alice, carol, true);
        alias(g, carol, "c");
        api.ok("/admin/group/member/del", body("operator", alice, "group_id", g, "members", List.of(dave)));
        api.ok("/admin/group/member/add", body("operator", bob, "group_id", g,
                "members", List.of(body("member_id", erin, "alias", "e"))));
        api.ok("/admin/group/transfer", body("operator", alice, "group_id", g, "new_owner", bob));
        modify(g, bob, 4, "1");
        Map<String, Object> now = server(g);

        Mqtt5Peer alicePhone = null;
        for (Map.Entry<Mqtt5Peer, GroupReplica> e : replicas.entrySet()) {
            Mqtt5Peer old = e.getKey();
            Mqtt5Peer back = old.clientId.contains("-phone") ? Devices.phone(node, old.userId, old.clientId)
                    : Devices.pc(node, old.userId, old.clientId);
            devices.add(back);
            GroupReplica r = e.getValue();
            if (old.userId.equals(dave)) {
                assertThat(r.pullMembers(back).getCode()).as("the kicked member reads no more").isEqualTo(9);
                continue;
            }
            long heldUpdateDt = r.updateDt();
            r.refresh(back);
            assertThat(r.view()).as("%s after reconnecting from update_dt %d", back.clientId, heldUpdateDt)
                    .isEqualTo(now);
            assertThat(r.refreshInfo(back)).as("get_infos again: not modified").isEqualTo(2);
            assertThat(r.refreshMembers(back)).as("pull_members again: nothing new").isZero();
            if (old == byUser.get(alice).get(0)) {
                alicePhone = back;
            }
        }

        // a device that skips a part of the refresh does not end where the server is
        assertThat(atCreate.view()).isNotEqualTo(now);
        GroupReplica infoOnly = atCreate.copy();
        infoOnly.refreshInfo(alicePhone);
        assertThat(infoOnly.view().get("info")).isEqualTo(now.get("info"));
        assertThat(infoOnly.view().get("members")).isNotEqualTo(now.get("members"));
        GroupReplica membersOnly = atCreate.copy();
        membersOnly.refreshMembers(alicePhone);
        assertThat(membersOnly.view().get("members")).isEqualTo(now.get("members"));
        assertThat(membersOnly.view().get("info")).isNotEqualTo(now.get("info"));
    }

    private static Map<String, Object> server(String g) {
        return GroupReplica.serverView(api, g);
    }

    private static void alias(String g, String member, String alias) {
        api.ok("/admin/group/member/set_alias", body("operator", member, "group_id", g, "memberId", member,
                "alias", alias));
    }

    /** Every device of {@code user} has exactly these group messages, in this order. */
    private void expect(String user, String... messages) {
        for (Mqtt5Peer d : byUser.get(user)) {
            await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(Devices.timeline(d).stream()
                    .filter(m -> m.getConversation().getType() == 1).map(GroupCalls::describe).toList())
                    .as("group messages of %s on %s", user, d.clientId).containsExactly(messages));
        }
    }

    private io.hearth.protocol.pb.Reply send(String user, SendMessageRequest req) {
        return byUser.get(user).get(0).call(Methods.MESSAGE_SEND, req);
    }

    private static void modify(String g, String operator, int type, String value) {
        api.ok("/admin/group/modify", body("operator", operator, "group_id", g, "type", type, "value", value));
    }

    private static void role(String path, String g, String operator, String member, boolean on) {
        api.ok(path, body("operator", operator, "group_id", g, "members", List.of(member), "is_manager", on));
    }

    /** A notification as {@link GroupCalls#describe} shows it: type and {@code data} with {@code g}, {@code o}. */
    private static String n(int type, String g, String o, String rest) {
        return type + " {\"g\":\"" + g + "\",\"o\":\"" + o + "\"" + (rest == null ? "" : "," + rest) + "}";
    }
}
