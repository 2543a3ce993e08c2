package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.hearth.client.relation.Friends;
import io.hearth.protocol.pb.BlacklistRequest;
import io.hearth.protocol.pb.FriendAliasRequest;
import io.hearth.protocol.pb.FriendEntry;
import io.hearth.protocol.pb.FriendExtraRequest;
import io.hearth.protocol.pb.FriendHandleRequest;
import io.hearth.protocol.pb.FriendRequestEntry;
import io.hearth.protocol.pb.FriendRequestRequest;
import io.hearth.protocol.pb.FriendRequestsResult;
import io.hearth.protocol.pb.FriendSince;
import io.hearth.protocol.pb.FriendTarget;
import io.hearth.protocol.pb.FriendsResult;
import io.hearth.protocol.pb.RelationVersions;
import io.hearth.protocol.pb.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code client.friends()}: each typed call's topic, request and result, and the server's codes as failures. */
class FriendsCallsTest extends EmbeddedClientTest {

    @Test
    void everyChangeSendsItsRequestAndCompletesWithTheCallersVersions() throws Exception {
        connected();
        expectChange(f -> f.request("bob", "hi, it is alice"), "friend.request",
                FriendRequestRequest.newBuilder().setTarget("bob").setReason("hi, it is alice").build());
        expectChange(f -> f.request("bob", "hi", "from the phone"), "friend.request",
                FriendRequestRequest.newBuilder().setTarget("bob").setReason("hi").setExtra("from the phone").build());
        expectChange(f -> f.accept("bob"), "friend.handle",
                FriendHandleRequest.newBuilder().setTarget("bob").setAccept(true).build());
        expectChange(f -> f.accept("bob", "met at work"), "friend.handle",
                FriendHandleRequest.newBuilder().setTarget("bob").setAccept(true).setExtra("met at work").build());
        expectChange(f -> f.reject("bob"), "friend.handle",
                FriendHandleRequest.newBuilder().setTarget("bob").setAccept(false).build());
        expectChange(f -> f.markRequestsRead(4), "friend.mark_read", FriendSince.newBuilder().setVersion(4).build());
        expectChange(f -> f.delete("bob"), "friend.delete", FriendTarget.newBuilder().setTarget("bob").build());
        expectChange(f -> f.setAlias("bob", "Bobby"), "friend.set_alias",
                FriendAliasRequest.newBuilder().setTarget("bob").setAlias("Bobby").build());
        expectChange(f -> f.setAlias("bob", null), "friend.set_alias",
                FriendAliasRequest.newBuilder().setTarget("bob").build());
        expectChange(f -> f.setExtra("bob", "{\"tag\":1}"), "friend.set_extra",
                FriendExtraRequest.newBuilder().setTarget("bob").setExtra("{\"tag\":1}").build());
        expectChange(f -> f.setBlacklisted("bob", true), "blacklist.set",
                BlacklistRequest.newBuilder().setTarget("bob").setBlocked(true).build());
        expectChange(f -> f.setBlacklisted("bob", false), "blacklist.set",
                BlacklistRequest.newBuilder().setTarget("bob").build());
    }

    @Test
    void pullsAskSinceTheirVersionAndCompleteWithTheEntries() throws Exception {
        connected();
        CompletableFuture<FriendsResult> friends = client.friends().pull(3);
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/friend.pull");
        assertThat(FriendSince.parseFrom(r.payload()).getVersion()).isEqualTo(3);
        FriendsResult list = FriendsResult.newBuilder().setVersion(5)
                .addEntries(FriendEntry.newBuilder().setUid("bob").setAlias("Bobby")).build();
        server().reply(r, Reply.newBuilder().setFriends(list).build());
        assertThat(friends.join()).isEqualTo(list);

        CompletableFuture<FriendRequestsResult> requests = client.friends().pullRequests(0);
        r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/friend.pull_requests");
        assertThat(FriendSince.parseFrom(r.payload()).getVersion()).isZero();
        FriendRequestsResult pending = FriendRequestsResult.newBuilder().setVersion(1)
                .addRequests(FriendRequestEntry.newBuilder().setFromUid("bob").setToUid("alice").setReason("hi"))
                .build();
        server().reply(r, Reply.newBuilder().setFriendRequests(pending).build());
        assertThat(requests.join()).isEqualTo(pending);
    }

    @Test
    void refusalsFailWithTheServersCodeAndMessage() {
        connected();
        CompletableFuture<RelationVersions> again = client.friends().request("bob", "hi");
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(16).setMsg("already send request").build());
        assertThat(codeOf(again)).isEqualTo(16);
        assertThat(again.handle((v, e) -> e.getMessage()).join()).isEqualTo("already send request");

        CompletableFuture<RelationVersions> unknown = client.friends().delete("nobody");
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(253).build());
        assertThat(codeOf(unknown)).isEqualTo(253);
        assertThat(unknown.handle((v, e) -> e.getMessage()).join()).isEqualTo("not exist");
    }

    @Test
    void aReplyWithAnotherResultFailsWithInvalidData() {
        connected();
        CompletableFuture<FriendsResult> pull = client.friends().pull(0);
        server().reply(server().nextRequest(), versions(1, 1));
        assertThat(codeOf(pull)).isEqualTo(2);
    }

    private void expectChange(Function<Friends, CompletableFuture<RelationVersions>> call, String method,
            Message expected) throws Exception {
        CompletableFuture<RelationVersions> result = call.apply(client.friends());
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/" + method);
        assertThat(expected.getParserForType().parseFrom(r.payload())).isEqualTo(expected);
        assertThat(result).isNotDone();
        server().reply(r, versions(7, 9));
        assertThat(result.join()).isEqualTo(RelationVersions.newBuilder().setFriendVersion(7).setRequestVersion(9)
                .build());
    }

    private static Reply versions(long friend, long request) {
        return Reply.newBuilder().setRelationVersions(RelationVersions.newBuilder().setFriendVersion(friend)
                .setRequestVersion(request)).build();
    }
}
