package io.hearth.server.it;

import static io.hearth.server.it.Devices.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.AddGroupMembersRequest;
import io.hearth.protocol.pb.CommonGroupsRequest;
import io.hearth.protocol.pb.CreateGroupRequest;
import io.hearth.protocol.pb.GetGroupInfosRequest;
import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupMembersResult;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.protocol.pb.GroupRequest;
import io.hearth.protocol.pb.GroupResult;
import io.hearth.protocol.pb.GroupTarget;
import io.hearth.protocol.pb.KickGroupMembersRequest;
import io.hearth.protocol.pb.ModifyGroupRequest;
import io.hearth.protocol.pb.MyGroupsRequest;
import io.hearth.protocol.pb.PullGroupMembersRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SetGroupAliasRequest;
import io.hearth.protocol.pb.SetGroupManagersRequest;
import io.hearth.protocol.pb.TransferGroupRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
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
 * The group client RPCs over MQTT 5, each call made as the member: create, add and kick with the owner and
 * manager rules (a normal member kicking is 248), transfer and set_managers by the owner only, the own alias, my_groups and common_groups, get_infos with {@code update_dt}
 * (ok, not found, not modified), pull_members since a member update time (only the changes, a kick as type 4),
 * {@code group.forbidden_client_operation} (dismiss forbidden here: 248), 251 for bad input, 253 for an unknown
 * group; the JSON forms of docs/protocol.md. One node on H2, then one on PostgreSQL (a new database of the one test
 * PostgreSQL server).
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class GroupRpcIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private String alice;
    private String bob;
    private String carol;
    private String dave;
    private Mqtt5Peer alicePhone;
    private Mqtt5Peer bobPhone;

    GroupRpcIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        Map<String, Object> settings = new HashMap<>(database.settings());
        settings.put("group.forbidden_client_operation", "2");
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
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        carol = Fixtures.id("carol");
        dave = Fixtures.id("dave");
        for (String u : List.of(alice, bob, carol, dave)) {
            node.admin().createUser(u);
        }
        alicePhone = closer.keep(Devices.phone(node, alice));
        bobPhone = closer.keep(Devices.phone(node, bob));
    }

    @Test
    void createAddAndKickFollowTheOwnerAndManagerRules() {
        String gid = create(alicePhone, "climbers", bob);
        ok(alicePhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(gid)
                .addMembers(member(carol)).addMembers(member(dave)).build()));
        assertThat(memberIds(pull(alicePhone, gid, 0))).containsExactlyInAnyOrder(alice, bob, carol, dave);
        assertThat(pull(alicePhone, gid, 0).getMembersList()).filteredOn(m -> m.getMemberId().equals(alice))
                .extracting(GroupMemberEntry::getType).containsExactly(2);

        Reply byMember = bobPhone.call(Methods.GROUP_KICK_MEMBERS, kick(gid, carol));
        assertThat(byMember.getCode()).as(byMember.getMsg()).isEqualTo(248);
        Reply ownerKicked = bobPhone.call(Methods.GROUP_KICK_MEMBERS, kick(gid, alice));
        assertThat(ownerKicked.getCode()).isEqualTo(248);
        ok(alicePhone.call(Methods.GROUP_KICK_MEMBERS, kick(gid, carol)));
        assertThat(memberIds(pull(alicePhone, gid, 0))).contains(carol);
        assertThat(pull(alicePhone, gid, 0).getMembersList()).filteredOn(m -> m.getMemberId().equals(carol))
                .extracting(GroupMemberEntry::getType).containsExactly(4);

        Reply again = alicePhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(gid)
                .addMembers(member(bob)).build());
        assertThat(again.getCode()).isEqualTo(12);
        Reply manager = alicePhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder()
                .setGroupId(gid).addMembers(member(carol).toBuilder().setType(2)).build());
        assertThat(manager.getCode()).isEqualTo(251);
    }

    @Test
    void managersOnlyJoinTypeRefusesAMemberInviting() {
        String gid = create(alicePhone, "closed", bob);
        ok(alicePhone.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(4)
                .setValue("2").build()));
        Reply invite = bobPhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(gid)
                .addMembers(member(carol)).build());
        assertThat(invite.getCode()).as(invite.getMsg()).isEqualTo(248);
        Reply modify = bobPhone.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid)
                .setType(0).setValue("mine").build());
        assertThat(modify.getCode()).isEqualTo(248);
        ok(alicePhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(gid)
                .addMembers(member(carol)).build()));
    }

    @Test
    void transferSetManagersAndAliasAreTheOwnersOrTheMembersOwn() {
        String gid = create(alicePhone, "roles", bob, carol);
        Reply notOwner = bobPhone.call(Methods.GROUP_SET_MANAGERS, SetGroupManagersRequest.newBuilder()
                .setGroupId(gid).addMembers(carol).setOn(true).build());
        assertThat(notOwner.getCode()).isEqualTo(248);
        ok(alicePhone.call(Methods.GROUP_SET_MANAGERS, SetGroupManagersRequest.newBuilder().setGroupId(gid)
                .addMembers(bob).setOn(true).build()));
        ok(bobPhone.call(Methods.GROUP_SET_ALIAS, SetGroupAliasRequest.newBuilder().setGroupId(gid)
                .setAlias("bobby").build()));
        assertThat(bobPhone.call(Methods.GROUP_TRANSFER, TransferGroupRequest.newBuilder().setGroupId(gid)
                .setNewOwner(bob).build()).getCode()).as("a manager is not the owner").isEqualTo(248);
        ok(alicePhone.call(Methods.GROUP_TRANSFER, TransferGroupRequest.newBuilder().setGroupId(gid)
                .setNewOwner(bob).build()));

        Map<String, GroupMemberEntry> rows = new HashMap<>();
        pull(carolPhoneOf(), gid, 0).getMembersList().forEach(m -> rows.put(m.getMemberId(), m));
        assertThat(rows.get(bob).getType()).isEqualTo(2);
        assertThat(rows.get(bob).getAlias()).isEqualTo("bobby");
        assertThat(rows.get(alice).getType()).isZero();
        assertThat(rows.get(carol).getType()).isZero();
        assertThat(alicePhone.call(Methods.GROUP_TRANSFER, TransferGroupRequest.newBuilder().setGroupId(gid)
                .setNewOwner(alice).build()).getCode()).as("alice is no longer the owner").isEqualTo(248);
        assertThat(bobPhone.call(Methods.GROUP_TRANSFER, TransferGroupRequest.newBuilder().setGroupId(gid)
                .setNewOwner(dave).build()).getCode()).as("dave is not a member").isEqualTo(9);
    }

    private Mqtt5Peer carolPhoneOf() {
        return closer.keep(Devices.phone(node, carol));
    }

    @Test
    void myGroupsAndCommonGroups() {
        String both = create(alicePhone, "both", bob);
        String aliceOnly = create(alicePhone, "alone");
        String quitted = create(alicePhone, "quitted", bob);
        ok(bobPhone.call(Methods.GROUP_QUIT, GroupTarget.newBuilder().setGroupId(quitted).build()));

        assertThat(ok(alicePhone.call(Methods.GROUP_MY_GROUPS, MyGroupsRequest.getDefaultInstance())).getGroupIds()
                .getGroupIdsList()).containsExactlyInAnyOrder(both, aliceOnly, quitted);
        assertThat(ok(bobPhone.call(Methods.GROUP_MY_GROUPS, MyGroupsRequest.getDefaultInstance())).getGroupIds()
                .getGroupIdsList()).containsExactly(both);
        assertThat(ok(alicePhone.call(Methods.GROUP_COMMON_GROUPS, CommonGroupsRequest.newBuilder().setUid(bob)
                .build())).getGroupIds().getGroupIdsList()).containsExactly(both);
        assertThat(alicePhone.call(Methods.GROUP_COMMON_GROUPS, CommonGroupsRequest.getDefaultInstance()).getCode())
                .isEqualTo(251);
    }

    @Test
    void getInfosAnswersOkNotFoundAndNotModified() {
        String gid = create(alicePhone, "infos", bob);
        List<GroupResult> first = ok(bobPhone.call(Methods.GROUP_GET_INFOS, GetGroupInfosRequest.newBuilder()
                .addRequest(GroupRequest.newBuilder().setGroupId(gid))
                .addRequest(GroupRequest.newBuilder().setGroupId("nope-" + gid)).build()))
                .getGroupInfos().getResultList();
        assertThat(first).extracting(GroupResult::getCode).containsExactly(0, 1);
        GroupProfile g = first.get(0).getGroup();
        assertThat(g.getName()).isEqualTo("infos");
        assertThat(g.getOwner()).isEqualTo(alice);
        assertThat(g.getMemberCount()).isEqualTo(2);
        long dt = g.getUpdateDt();
        assertThat(dt).isPositive();

        List<GroupResult> again = ok(bobPhone.call(Methods.GROUP_GET_INFOS, GetGroupInfosRequest.newBuilder()
                .addRequest(GroupRequest.newBuilder().setGroupId(gid).setUpdateDt(dt))
                .addRequest(GroupRequest.newBuilder().setGroupId(gid).setUpdateDt(dt - 1)).build()))
                .getGroupInfos().getResultList();
        assertThat(again).extracting(GroupResult::getCode).containsExactly(2, 0);
        assertThat(again.get(0).hasGroup()).isFalse();

        pause();
        ok(alicePhone.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(0)
                .setValue("renamed").build()));
        GroupResult changed = ok(bobPhone.call(Methods.GROUP_GET_INFOS, GetGroupInfosRequest.newBuilder()
                .addRequest(GroupRequest.newBuilder().setGroupId(gid).setUpdateDt(dt)).build()))
                .getGroupInfos().getResult(0);
        assertThat(changed.getCode()).isZero();
        assertThat(changed.getGroup().getName()).isEqualTo("renamed");
    }

    @Test
    void pullMembersSinceATimeReturnsOnlyTheChanges() {
        String gid = create(alicePhone, "pull", bob, carol);
        GroupMembersResult all = pull(bobPhone, gid, 0);
        assertThat(memberIds(all)).containsExactlyInAnyOrder(alice, bob, carol);
        long since = all.getMemberUpdateDt();
        assertThat(since).isPositive();
        assertThat(pull(bobPhone, gid, since).getMembersList()).isEmpty();

        pause();
        ok(alicePhone.call(Methods.GROUP_KICK_MEMBERS, kick(gid, carol)));
        pause();
        ok(alicePhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(gid)
                .addMembers(member(dave)).build()));
        GroupMembersResult changes = pull(bobPhone, gid, since);
        assertThat(changes.getMembersList()).extracting(GroupMemberEntry::getMemberId).containsExactly(carol, dave);
        assertThat(changes.getMembersList()).extracting(GroupMemberEntry::getType).containsExactly(4, 0);
        assertThat(changes.getMemberUpdateDt()).isGreaterThan(since);

        Mqtt5Peer carolPhone = closer.keep(Devices.phone(node, carol));
        Reply kicked = carolPhone.call(Methods.GROUP_PULL_MEMBERS, PullGroupMembersRequest.newBuilder()
                .setGroupId(gid).build());
        assertThat(kicked.getCode()).as("a removed member reads no more").isEqualTo(9);
    }

    @Test
    void forbiddenOperationBadInputAndUnknownGroups() {
        String gid = create(alicePhone, "forbidden", bob);
        Reply dismiss = alicePhone.call(Methods.GROUP_DISMISS, GroupTarget.newBuilder().setGroupId(gid).build());
        assertThat(dismiss.getCode()).as("dismiss is forbidden to clients here").isEqualTo(248);
        assertThat(ok(bobPhone.call(Methods.GROUP_MY_GROUPS, MyGroupsRequest.getDefaultInstance())).getGroupIds()
                .getGroupIdsList()).contains(gid);

        assertThat(alicePhone.call(Methods.GROUP_QUIT, GroupTarget.getDefaultInstance()).getCode()).isEqualTo(251);
        assertThat(alicePhone.call(Methods.GROUP_KICK_MEMBERS, KickGroupMembersRequest.newBuilder().setGroupId(gid)
                .build()).getCode()).isEqualTo(251);
        assertThat(alicePhone.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(42)
                .setValue("x").build()).getCode()).isEqualTo(251);
        for (int serverOnly : new int[] {8, 9}) { // max_member_count and super_group: the operator's, by server API
            assertThat(alicePhone.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid)
                    .setType(serverOnly).setValue("1").build()).getCode()).as("modify type %d", serverOnly)
                    .isEqualTo(248);
        }
        assertThat(alicePhone.call(Methods.GROUP_CREATE, CreateGroupRequest.newBuilder()
                .setGroup(GroupProfile.newBuilder().setName("bad").setJoinType(9)).build()).getCode())
                .isEqualTo(251);
        assertThat(alicePhone.call(Methods.GROUP_CREATE, CreateGroupRequest.newBuilder()
                .setGroup(GroupProfile.newBuilder().setName("ghosts")).addMembers(member(Fixtures.id("nobody")))
                .build()).getCode()).isEqualTo(253);

        String unknown = "nope-" + gid;
        assertThat(alicePhone.call(Methods.GROUP_QUIT, GroupTarget.newBuilder().setGroupId(unknown).build())
                .getCode()).isEqualTo(253);
        assertThat(alicePhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(unknown)
                .addMembers(member(carol)).build()).getCode()).isEqualTo(253);
        assertThat(alicePhone.call(Methods.GROUP_PULL_MEMBERS, PullGroupMembersRequest.newBuilder()
                .setGroupId(unknown).build()).getCode()).isEqualTo(253);
        Reply notMember = carolPhoneCall(gid);
        assertThat(notMember.getCode()).isEqualTo(9);
    }

    @Test
    void theDocumentedJsonFormsWork() throws Exception {
        JsonNode created = json(Methods.GROUP_CREATE, "{\"group\":{\"name\":\"climbers\",\"joinType\":1},"
                + "\"members\":[{\"memberId\":\"" + bob + "\"}]}");
        String gid = created.path("groupCreated").path("groupId").asText();
        assertThat(gid).isNotBlank();
        JsonNode infos = json(Methods.GROUP_GET_INFOS, "{\"request\":[{\"groupId\":\"" + gid + "\"}]}");
        JsonNode info = infos.path("groupInfos").path("result").get(0);
        assertThat(info.path("group").path("joinType").asInt()).isEqualTo(1);
        long since = info.path("group").path("memberUpdateDt").asLong();
        pause();
        assertThat(json(Methods.GROUP_KICK_MEMBERS, "{\"groupId\":\"" + gid + "\",\"members\":[\"" + bob
                + "\"]}").has("groupChanged")).isTrue();
        assertThat(json(Methods.GROUP_MY_GROUPS, "{}").path("groupIds").path("groupIds").toString()).contains(gid);
        JsonNode pulled = json(Methods.GROUP_PULL_MEMBERS, "{\"groupId\":\"" + gid + "\",\"since\":\"" + since
                + "\"}").path("groupMembers");
        assertThat(pulled.path("members").get(0).path("memberId").asText()).isEqualTo(bob);
        assertThat(pulled.path("members").get(0).path("type").asInt()).isEqualTo(4);
        assertThat(pulled.path("memberUpdateDt").asText()).matches("\\d+");
    }

    private JsonNode json(String method, String request) throws Exception {
        Mqtt5Publish reply = alicePhone.callRaw(Topics.request(method), request.getBytes(StandardCharsets.UTF_8),
                Topics.JSON_CONTENT_TYPE).reply();
        JsonNode r = JSON.readTree(reply.getPayloadAsBytes());
        assertThat(r.path("code").asInt(-1)).as(r.toString()).isZero();
        return r;
    }

    private Reply carolPhoneCall(String gid) {
        Mqtt5Peer carolPhone = closer.keep(Devices.phone(node, carol));
        return carolPhone.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(gid).setType(0)
                .setValue("not mine").build());
    }

    private static String create(Mqtt5Peer owner, String name, String... members) {
        CreateGroupRequest.Builder b = CreateGroupRequest.newBuilder().setGroup(GroupProfile.newBuilder()
                .setName(name));
        for (String m : members) {
            b.addMembers(member(m));
        }
        String gid = ok(owner.call(Methods.GROUP_CREATE, b.build())).getGroupCreated().getGroupId();
        assertThat(gid).isNotBlank();
        return gid;
    }

    private static GroupMemberEntry member(String id) {
        return GroupMemberEntry.newBuilder().setMemberId(id).build();
    }

    private static KickGroupMembersRequest kick(String gid, String member) {
        return KickGroupMembersRequest.newBuilder().setGroupId(gid).addMembers(member).build();
    }

    private static GroupMembersResult pull(Mqtt5Peer p, String gid, long since) {
        return ok(p.call(Methods.GROUP_PULL_MEMBERS, PullGroupMembersRequest.newBuilder().setGroupId(gid)
                .setSince(since).build())).getGroupMembers();
    }

    private static List<String> memberIds(GroupMembersResult r) {
        return r.getMembersList().stream().map(GroupMemberEntry::getMemberId).toList();
    }

    /** Lets the clock move on, so that the next change has a later update time than the one just read. */
    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
