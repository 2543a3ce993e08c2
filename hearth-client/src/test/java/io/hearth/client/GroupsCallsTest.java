package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.hearth.client.group.Groups;
import io.hearth.protocol.pb.CreateGroupRequest;
import io.hearth.protocol.pb.CreateGroupResult;
import io.hearth.protocol.pb.GroupChangeResult;
import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.protocol.pb.GroupTarget;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.ModifyGroupRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SetGroupMemberFlagRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code client.groups()}: the request each typed call sends (with and without {@code notifying}), and the reply's
 * result or the server's code. The server side is {@code SdkGroupsIT}.
 */
class GroupsCallsTest extends EmbeddedClientTest {

    @Test
    void createSendsTheMembersAndCompletesWithTheGroupId() throws Exception {
        connected();
        CompletableFuture<String> id = client.groups().create(GroupProfile.newBuilder().setName("climbers").build(),
                List.of("bob", "carol"));
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/group.create");
        assertThat(CreateGroupRequest.parseFrom(r.payload())).isEqualTo(CreateGroupRequest.newBuilder()
                .setGroup(GroupProfile.newBuilder().setName("climbers"))
                .addMembers(GroupMemberEntry.newBuilder().setMemberId("bob"))
                .addMembers(GroupMemberEntry.newBuilder().setMemberId("carol")).build());
        server().reply(r, Reply.newBuilder().setGroupCreated(CreateGroupResult.newBuilder().setGroupId("g1")).build());
        assertThat(id.join()).isEqualTo("g1");
    }

    @Test
    void notifyingPutsTheLinesAndTheAppsNotificationOnEveryChange() throws Exception {
        connected();
        MessageContent own = MessageContent.newBuilder().setType(1001).setSearchableContent("renamed").build();
        Groups notifying = client.groups().notifying(List.of(0, 2), own);
        expectChange(g -> notifying.modify("g1", 0, "summit"), "group.modify", ModifyGroupRequest.newBuilder()
                .setGroupId("g1").setType(0).setValue("summit").addToLines(0).addToLines(2).setNotifyMessage(own)
                .build());
        expectChange(g -> notifying.mute("g1", List.of("carol"), true), "group.mute_members",
                SetGroupMemberFlagRequest.newBuilder().setGroupId("g1").addMembers("carol").setOn(true)
                        .addToLines(0).addToLines(2).setNotifyMessage(own).build());
        expectChange(g -> g.allow("g1", List.of("carol"), false), "group.allow_members",
                SetGroupMemberFlagRequest.newBuilder().setGroupId("g1").addMembers("carol").build());
        expectChange(g -> g.dismiss(null), "group.dismiss", GroupTarget.getDefaultInstance());
    }

    @Test
    void aRefusalFailsWithTheServersCode() {
        connected();
        CompletableFuture<Void> quit = client.groups().quit("g1");
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(9).setMsg("not in group").build());
        assertThat(codeOf(quit)).isEqualTo(9);
    }

    private void expectChange(Function<Groups, CompletableFuture<Void>> call, String method, Message expected)
            throws Exception {
        CompletableFuture<Void> result = call.apply(client.groups());
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/" + method);
        assertThat(expected.getParserForType().parseFrom(r.payload())).isEqualTo(expected);
        assertThat(result).isNotDone();
        server().reply(r, Reply.newBuilder().setGroupChanged(GroupChangeResult.getDefaultInstance()).build());
        assertThat(result.join()).isNull();
    }
}
