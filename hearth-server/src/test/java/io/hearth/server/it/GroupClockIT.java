package io.hearth.server.it;

import static io.hearth.server.it.Devices.ok;
import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.AddGroupMembersRequest;
import io.hearth.protocol.pb.CreateGroupRequest;
import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.protocol.pb.ModifyGroupRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.ManualClock;
import io.hearth.server.testing.TestNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client's incremental group refresh ({@code get_infos} by {@code update_dt}, {@code pull_members} since the
 * member update time, see {@link GroupReplica}) when the server's clock does not move between two changes, or steps
 * back (as it does between two nodes whose clocks differ, or after an NTP correction): every change after the
 * version a client holds must still be newer than it. One node on a clock that the test moves.
 */
class GroupClockIT {

    private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
    private static TestNode node;
    private static GroupCalls api;

    @RegisterExtension
    final Closer closer = new Closer();

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of(), CLOCK);
        api = new GroupCalls(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void changesInTheMillisecondAClientReadAndAfterTheClockSteppedBackReachItsRefresh() {
        String alice = Fixtures.id("alice");
        String bob = Fixtures.id("bob");
        String carol = Fixtures.id("carol");
        for (String u : List.of(alice, bob, carol)) {
            node.admin().createUser(u);
        }
        Mqtt5Peer alicePhone = closer.keep(Devices.phone(node, alice));
        Mqtt5Peer bobPhone = closer.keep(Devices.phone(node, bob));
        String g = ok(alicePhone.call(Methods.GROUP_CREATE, CreateGroupRequest.newBuilder()
                .setGroup(GroupProfile.newBuilder().setName("frozen")).addMembers(member(bob)).build()))
                .getGroupCreated().getGroupId();
        GroupReplica bobs = new GroupReplica(g);
        bobs.refresh(bobPhone);
        assertThat(bobs.view()).isEqualTo(GroupReplica.serverView(api, g));

        // the same millisecond as the version bob holds
        rename(alicePhone, g, "still frozen");
        ok(alicePhone.call(Methods.GROUP_ADD_MEMBERS, AddGroupMembersRequest.newBuilder().setGroupId(g)
                .addMembers(member(carol)).build()));
        assertThat(bobs.refreshInfo(bobPhone)).as("get_infos after a rename in the same ms").isZero();
        assertThat(bobs.refreshMembers(bobPhone)).as("rows pulled after an add in the same ms").isOne();
        assertThat(bobs.view()).isEqualTo(GroupReplica.serverView(api, g));

        CLOCK.now -= 1_000; // a node whose clock is a second behind, or an NTP step back
        rename(alicePhone, g, "earlier");
        api.ok("/admin/group/member/del", body("operator", alice, "group_id", g, "members", List.of(carol)));
        assertThat(bobs.refresh(bobPhone)).as("rows pulled after the clock stepped back").isOne();
        assertThat(bobs.view()).isEqualTo(GroupReplica.serverView(api, g));
        assertThat(bobs.refreshInfo(bobPhone)).as("nothing changed since").isEqualTo(2);
    }

    private static void rename(Mqtt5Peer owner, String g, String name) {
        ok(owner.call(Methods.GROUP_MODIFY, ModifyGroupRequest.newBuilder().setGroupId(g).setType(0).setValue(name)
                .build()));
    }

    private static GroupMemberEntry member(String id) {
        return GroupMemberEntry.newBuilder().setMemberId(id).build();
    }
}
