package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.sync.VersionSync;
import io.hearth.protocol.pb.FriendEntry;
import io.hearth.protocol.pb.FriendRequestEntry;
import io.hearth.protocol.pb.FriendRequestsResult;
import io.hearth.protocol.pb.FriendSince;
import io.hearth.protocol.pb.FriendsResult;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullSettingRequest;
import io.hearth.protocol.pb.PullSettingResult;
import io.hearth.protocol.pb.PutSettingResult;
import io.hearth.protocol.pb.RelationVersions;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.protocol.pb.SettingEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The version syncs inside a whole client: session.info after each connect, Notices pushed on the notice topic,
 * and the replies of this client's own changes start the pulls; nothing is asked when no sync is registered.
 */
class VersionSyncClientTest extends EmbeddedClientTest {

    private final List<String> friends = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> settings = new ArrayList<>();

    @Test
    void withoutASyncAConnectAsksNothingMore() {
        connected();
        server().publish("u/alice/push/notice", Notice.newBuilder().setKind("friend").setVersion(3).build());
        assertThat(server().next()).isNull();
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "notice friend 3");
    }

    @Test
    void friendSyncsFollowSessionInfoNoticesAndOwnChanges() throws Exception {
        VersionSync<FriendEntry> list = client.friends().sync(0, (entries, v) ->
                friends.add(entries.stream().map(e -> e.getUid() + "/" + e.getState()).toList() + "@" + v));
        client.friends().requestSync(0, (entries, v) ->
                requests.add(entries.stream().map(FriendRequestEntry::getFromUid).toList() + "@" + v));
        connected();
        ScriptedServer.Request info = server().nextRequest();
        assertThat(info.topic()).isEqualTo("rpc/session.info");
        server().reply(info, Reply.newBuilder().setSession(SessionInfoResult.newBuilder()
                .setFriendVersion(2).setFriendRequestVersion(0)).build());
        answerFriends(0, 2, FriendEntry.newBuilder().setUid("bob").build());
        assertThat(server().next()).isNull(); // request version 0: nothing to pull

        server().publish("u/alice/push/notice", Notice.newBuilder().setKind("friend_request").setVersion(1)
                .setTarget("carol").build());
        ScriptedServer.Request pullRequests = server().nextRequest();
        assertThat(pullRequests.topic()).isEqualTo("rpc/friend.pull_requests");
        server().reply(pullRequests, Reply.newBuilder().setFriendRequests(FriendRequestsResult.newBuilder()
                .setVersion(1).addRequests(FriendRequestEntry.newBuilder().setFromUid("carol"))).build());
        assertThat(listener.events).contains("notice friend_request 1"); // the app still sees the Notice

        client.friends().delete("bob");
        server().reply(server().nextRequest(), Reply.newBuilder().setRelationVersions(RelationVersions.newBuilder()
                .setFriendVersion(3).setRequestVersion(1)).build());
        answerFriends(2, 3, FriendEntry.newBuilder().setUid("bob").setState(1).build());

        assertThat(friends).containsExactly("[bob/0]@2", "[bob/1]@3");
        assertThat(requests).containsExactly("[carol]@1");
        assertThat(list.version()).isEqualTo(3);
        assertThat(server().next()).isNull();
    }

    @Test
    void settingSyncFollowsPagesAndCatchesUpAfterAReconnect() throws Exception {
        client.settings().sync(100, (entries, v) ->
                settings.add(entries.stream().map(SettingEntry::getKey).toList() + "@" + v));
        connected();
        server().reply(server().nextRequest(), sessionInfo(100));
        assertThat(server().next()).isNull(); // in step

        client.settings().put(1, "k1", "1");
        server().reply(server().nextRequest(), Reply.newBuilder().setSettingPut(PutSettingResult.newBuilder()
                .setVersion(101)).build());
        answerSettings(100, 101, 101, "k1");

        server().client.close();
        advance(Duration.ofSeconds(1));
        server().acceptSession();
        ScriptedServer.Request pull = server().nextRequest();
        assertThat(PullMessageRequest.parseFrom(pull.payload()).getSinceSeq()).isEqualTo(2);
        server().reply(pull, pullReply(3, 2, 2));
        server().reply(server().nextRequest(), sessionInfo(104)); // two other devices wrote while we were away
        answerSettings(101, 103, 104, "k2");
        answerSettings(103, 104, 104, "k3");

        assertThat(settings).containsExactly("[k1]@101", "[k2]@103", "[k3]@104");
        assertThat(server().next()).isNull();
    }

    @Test
    void aClosedClientStopsRetryingAFailedPull() {
        client.friends().sync(0, (entries, v) -> friends.add(entries + "@" + v));
        connected();
        server().reply(server().nextRequest(), Reply.newBuilder().setSession(SessionInfoResult.newBuilder()
                .setFriendVersion(1)).build());
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(4).setMsg("storage failure").build());
        advance(Duration.ofMillis(150));
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(4).setMsg("storage failure").build());

        client.close();
        advance(Duration.ofMinutes(1));
        assertThat(friends).isEmpty();
        assertThat(loopChannel.runScheduledPendingTasks()).as("nothing left scheduled on the loop").isEqualTo(-1);
    }

    private void answerFriends(long since, long version, FriendEntry... entries) throws Exception {
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/friend.pull");
        assertThat(FriendSince.parseFrom(r.payload()).getVersion()).isEqualTo(since);
        server().reply(r, Reply.newBuilder().setFriends(FriendsResult.newBuilder().setVersion(version)
                .addAllEntries(List.of(entries))).build());
    }

    private void answerSettings(long since, long version, long head, String key) throws Exception {
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/setting.pull");
        assertThat(PullSettingRequest.parseFrom(r.payload()).getSinceVersion()).isEqualTo(since);
        server().reply(r, Reply.newBuilder().setSettingPull(PullSettingResult.newBuilder().setVersion(version)
                .setHead(head).addEntries(SettingEntry.newBuilder().setScope(1).setKey(key).setVersion(version)))
                .build());
    }

    private static Reply sessionInfo(long settingVersion) {
        return Reply.newBuilder().setSession(SessionInfoResult.newBuilder().setSettingVersion(settingVersion)).build();
    }
}
