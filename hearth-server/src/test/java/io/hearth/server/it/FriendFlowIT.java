package io.hearth.server.it;

import static io.hearth.server.it.Devices.awaitNotice;
import static io.hearth.server.it.Devices.friends;
import static io.hearth.server.it.Devices.gotNotice;
import static io.hearth.server.it.Devices.ok;
import static io.hearth.server.it.Devices.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.BlacklistRequest;
import io.hearth.protocol.pb.FriendAliasRequest;
import io.hearth.protocol.pb.FriendEntry;
import io.hearth.protocol.pb.FriendExtraRequest;
import io.hearth.protocol.pb.FriendHandleRequest;
import io.hearth.protocol.pb.FriendRequestRequest;
import io.hearth.protocol.pb.FriendRequestsResult;
import io.hearth.protocol.pb.FriendSince;
import io.hearth.protocol.pb.FriendTarget;
import io.hearth.protocol.pb.FriendsResult;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.RelationVersions;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.protocol.pb.SessionInfoResult;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The friend flow between two users with two devices each (a phone over TCP, a PC over WebSocket, both MQTT 5):
 * request, Notices on every device but the acting one, accept, the greeting (92) and "friend added" (93) messages in
 * both timelines, equal friend lists on all four devices pulled from 0 and from a mid version and after a
 * reconnect, alias, extra, delete, and a blacklist refusing a send with 246 until it is lifted. On H2 and on
 * PostgreSQL.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class FriendFlowIT {

    private static TestNode node;
    private String alice;
    private String bob;
    private Mqtt5Peer alicePhone;
    private Mqtt5Peer alicePc;
    private Mqtt5Peer bobPhone;
    private Mqtt5Peer bobPc;

    FriendFlowIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        node = TestNode.start(database.settings());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void fourDevices() {
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        node.admin().createUser(alice);
        node.admin().createUser(bob);
        alicePhone = Devices.phone(node, alice);
        alicePc = Devices.pc(node, alice);
        bobPhone = Devices.phone(node, bob);
        bobPc = Devices.pc(node, bob);
    }

    @AfterEach
    void close() {
        for (Mqtt5Peer p : new Mqtt5Peer[] {alicePhone, alicePc, bobPhone, bobPc}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void requestNoticeAcceptGreetingsAndEqualFriendListsOnAllFourDevices() {
        RelationVersions sent = ok(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder()
                .setTarget(bob).setReason("hi, it is alice").setExtra("from the phone").build()))
                .getRelationVersions();
        assertThat(sent.getRequestVersion()).isEqualTo(1);
        assertThat(awaitNotice(bobPhone, NoticeKinds.FRIEND_REQUEST, 1).getTarget()).isEqualTo(alice);
        awaitNotice(bobPc, NoticeKinds.FRIEND_REQUEST, 1);
        awaitNotice(alicePc, NoticeKinds.FRIEND_REQUEST, 1);

        FriendRequestsResult incoming = ok(bobPc.call(Methods.FRIEND_PULL_REQUESTS, since(0))).getFriendRequests();
        assertThat(incoming.getVersion()).isEqualTo(1);
        assertThat(incoming.getRequestsList()).singleElement().satisfies(r -> {
            assertThat(r.getFromUid()).isEqualTo(alice);
            assertThat(r.getToUid()).isEqualTo(bob);
            assertThat(r.getReason()).isEqualTo("hi, it is alice");
            assertThat(r.getExtra()).isEqualTo("from the phone");
            assertThat(r.getStatus()).isZero();
            assertThat(r.getRead()).isFalse();
        });
        assertThat(ok(alicePc.call(Methods.FRIEND_PULL_REQUESTS, since(0))).getFriendRequests().getRequestsList())
                .singleElement().satisfies(r -> assertThat(r.getToUid()).isEqualTo(bob));

        RelationVersions handled = ok(bobPc.call(Methods.FRIEND_HANDLE, FriendHandleRequest.newBuilder()
                .setTarget(alice).setAccept(true).build())).getRelationVersions();
        assertThat(handled.getFriendVersion()).isEqualTo(1);
        assertThat(handled.getRequestVersion()).isEqualTo(2);
        for (Mqtt5Peer p : List.of(alicePhone, alicePc, bobPhone)) {
            awaitNotice(p, NoticeKinds.FRIEND, 1);
            awaitNotice(p, NoticeKinds.FRIEND_REQUEST, 2);
        }
        // the acting device learns its versions from the reply: by now the later notices have reached its peers
        assertThat(gotNotice(alicePhone, NoticeKinds.FRIEND_REQUEST, 1)).isFalse();
        assertThat(gotNotice(bobPc, NoticeKinds.FRIEND, 1)).isFalse();

        for (Mqtt5Peer p : List.of(alicePhone, alicePc, bobPhone, bobPc)) {
            await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(timeline(p))
                    .extracting(FriendFlowIT::describe)
                    .containsSubsequence("92 " + alice + " hi, it is alice", "93 " + bob + " "));
        }

        FriendsResult alices = friends(alicePhone, 0);
        assertThat(alices.getEntriesList()).singleElement().satisfies(e -> {
            assertThat(e.getUid()).isEqualTo(bob);
            assertThat(e.getState()).isZero();
            assertThat(e.getBlacked()).isFalse();
        });
        assertThat(friends(alicePc, 0)).isEqualTo(alices);
        FriendsResult bobs = friends(bobPhone, 0);
        assertThat(bobs.getEntriesList()).extracting(FriendEntry::getUid).containsExactly(alice);
        assertThat(friends(bobPc, 0)).isEqualTo(bobs);
        assertThat(versions(bobPhone).getFriendVersion()).isEqualTo(bobs.getVersion());
        assertThat(versions(bobPhone).getFriendRequestVersion()).isEqualTo(2);

        // alice's phone changes alias and extra; her PC pulls only that from the version it has
        long mid = alices.getVersion();
        RelationVersions aliased = ok(alicePhone.call(Methods.FRIEND_SET_ALIAS, FriendAliasRequest.newBuilder()
                .setTarget(bob).setAlias("Bobby").build())).getRelationVersions();
        ok(alicePhone.call(Methods.FRIEND_SET_EXTRA, FriendExtraRequest.newBuilder().setTarget(bob)
                .setExtra("{\"tag\":\"work\"}").build()));
        awaitNotice(alicePc, NoticeKinds.FRIEND, aliased.getFriendVersion() + 1);
        FriendsResult delta = friends(alicePc, mid);
        assertThat(delta.getEntriesList()).singleElement().satisfies(e -> {
            assertThat(e.getAlias()).isEqualTo("Bobby");
            assertThat(e.getExtra()).isEqualTo("{\"tag\":\"work\"}");
        });
        assertThat(friends(alicePc, delta.getVersion()).getEntriesList()).isEmpty();
        assertThat(friends(bobPc, 0).getEntriesList()).singleElement()
                .satisfies(e -> assertThat(e.getAlias()).isEmpty());

        // a reconnecting PC reads its versions from session.info and gets the same list from 0 and from mid
        String pcClient = alicePc.clientId;
        alicePc.close();
        alicePc = Devices.pc(node, alice, pcClient);
        assertThat(versions(alicePc).getFriendVersion()).isEqualTo(delta.getVersion());
        assertThat(friends(alicePc, 0).getEntriesList()).isEqualTo(friends(alicePhone, 0).getEntriesList());
        assertThat(friends(alicePc, mid)).isEqualTo(delta);

        // deleting: both users' devices see bob / alice with state 1 from their last version
        long alicePcVersion = delta.getVersion();
        long bobVersion = friends(bobPc, 0).getVersion();
        RelationVersions deleted = ok(bobPhone.call(Methods.FRIEND_DELETE,
                FriendTarget.newBuilder().setTarget(alice).build())).getRelationVersions();
        awaitNotice(alicePc, NoticeKinds.FRIEND, alicePcVersion + 1);
        awaitNotice(bobPc, NoticeKinds.FRIEND, deleted.getFriendVersion());
        assertThat(friends(alicePc, alicePcVersion).getEntriesList()).singleElement()
                .satisfies(e -> assertThat(e.getState()).isEqualTo(1));
        assertThat(friends(bobPc, bobVersion).getEntriesList()).singleElement()
                .satisfies(e -> assertThat(e.getState()).isEqualTo(1));
        assertThat(bobPhone.call(Methods.FRIEND_DELETE, FriendTarget.newBuilder().setTarget(alice).build())
                .getCode()).isEqualTo(253);
    }

    @Test
    void aBlacklistRefusesTheSendersMessagesWith246UntilItIsLifted() {
        assertThat(alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "before")).getCode()).isZero();
        ok(bobPc.call(Methods.BLACKLIST_SET, BlacklistRequest.newBuilder().setTarget(alice).setBlocked(true).build()));
        awaitNotice(bobPhone, NoticeKinds.FRIEND, 1);
        assertThat(friends(bobPhone, 0).getEntriesList()).singleElement().satisfies(e -> {
            assertThat(e.getUid()).isEqualTo(alice);
            assertThat(e.getBlacked()).isTrue();
            assertThat(e.getState()).isEqualTo(1);
        });

        Reply refused = alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "blocked"));
        assertThat(refused.getCode()).isEqualTo(246);
        assertThat(refused.getMsg()).contains(bob).contains("blacklisted").contains(alice);
        assertThat(bobPhone.call(Methods.MESSAGE_SEND, Fixtures.text(alice, "the other way")).getCode()).isZero();
        assertThat(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(bob).build())
                .getCode()).isEqualTo(246);

        ok(bobPhone.call(Methods.BLACKLIST_SET, BlacklistRequest.newBuilder().setTarget(alice).build()));
        assertThat(alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "after")).getCode()).isZero();
        await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(timeline(bobPc))
                .extracting(FriendFlowIT::describe)
                .containsSubsequence("1 " + alice + " before", "1 " + alice + " after")
                .doesNotContain("1 " + alice + " blocked"));
    }

    @Test
    void badRequestsGetTheirCodes() {
        assertThat(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().build()).getCode())
                .isEqualTo(251);
        assertThat(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder()
                .setTarget(Fixtures.id("nobody")).build()).getCode()).isEqualTo(253);
        assertThat(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(alice).build())
                .getCode()).isEqualTo(251);
        assertThat(alicePhone.call(Methods.FRIEND_HANDLE, FriendHandleRequest.newBuilder().setTarget(bob)
                .setAccept(true).build()).getCode()).isEqualTo(253);
        assertThat(alicePhone.call(Methods.FRIEND_DELETE, FriendTarget.newBuilder().setTarget(bob).build()).getCode())
                .isEqualTo(253);
        assertThat(alicePhone.call(Methods.FRIEND_SET_ALIAS, FriendAliasRequest.newBuilder().setTarget(bob)
                .setAlias("x".repeat(257)).build()).getCode()).isEqualTo(251);
        ok(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(bob).build()));
        Reply again = alicePc.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(bob).build());
        assertThat(again.getCode()).isEqualTo(16);
        ok(bobPhone.call(Methods.FRIEND_HANDLE, FriendHandleRequest.newBuilder().setTarget(alice).setAccept(true)
                .build()));
        assertThat(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(bob).build())
                .getCode()).isEqualTo(23);
    }

    @Test
    void markReadIsSyncedToTheReceiversOtherDevice() {
        ok(alicePhone.call(Methods.FRIEND_REQUEST, FriendRequestRequest.newBuilder().setTarget(bob).build()));
        awaitNotice(bobPc, NoticeKinds.FRIEND_REQUEST, 1);
        RelationVersions read = ok(bobPhone.call(Methods.FRIEND_MARK_READ, since(1))).getRelationVersions();
        assertThat(read.getRequestVersion()).isEqualTo(2);
        awaitNotice(bobPc, NoticeKinds.FRIEND_REQUEST, 2);
        assertThat(ok(bobPc.call(Methods.FRIEND_PULL_REQUESTS, since(1))).getFriendRequests().getRequestsList())
                .singleElement().satisfies(r -> assertThat(r.getRead()).isTrue());
        assertThat(gotNotice(alicePc, NoticeKinds.FRIEND_REQUEST, 2)).isFalse();
    }

    @Test
    void theRelationMethodsTakeAndAnswerProto3Json() throws Exception {
        JsonNode sent = json(alicePhone, Methods.FRIEND_REQUEST, "{\"target\":\"" + bob + "\",\"reason\":\"json\"}");
        assertThat(sent.path("code").asInt()).isZero();
        assertThat(sent.path("relationVersions").path("requestVersion").asText()).isEqualTo("1");
        JsonNode pulled = json(bobPc, Methods.FRIEND_PULL_REQUESTS, "{\"version\":\"0\"}");
        assertThat(pulled.path("friendRequests").path("requests").get(0).path("fromUid").asText()).isEqualTo(alice);
        assertThat(pulled.path("friendRequests").path("requests").get(0).path("reason").asText()).isEqualTo("json");
        assertThat(pulled.path("friendRequests").path("version").asText()).isEqualTo("1");
        JsonNode blocked = json(bobPc, Methods.BLACKLIST_SET, "{\"target\":\"" + alice + "\",\"blocked\":true}");
        assertThat(blocked.path("relationVersions").path("friendVersion").asText()).isEqualTo("1");
        JsonNode friends = json(bobPhone, Methods.FRIEND_PULL, "{\"version\":\"0\"}");
        assertThat(friends.path("friends").path("entries").get(0).path("blacked").asBoolean()).isTrue();
        assertThat(friends.path("friends").path("entries").get(0).path("state").asInt()).isEqualTo(1);
        JsonNode bad = json(bobPc, Methods.FRIEND_HANDLE, "{\"target\":\"" + alice + "\",\"nonsense\":1}");
        assertThat(bad.path("code").asInt()).as("%s", bad).isEqualTo(2);
    }

    private static JsonNode json(Mqtt5Peer p, String method, String body) throws Exception {
        var raw = p.callRaw(Topics.request(method), body.getBytes(StandardCharsets.UTF_8), Topics.JSON_CONTENT_TYPE);
        return new ObjectMapper().readTree(raw.reply().getPayloadAsBytes());
    }

    private static FriendSince since(long v) {
        return FriendSince.newBuilder().setVersion(v).build();
    }

    private static SessionInfoResult versions(Mqtt5Peer p) {
        return ok(p.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance())).getSession();
    }

    private static String describe(Message m) {
        return m.getContent().getType() + " " + m.getSender() + " " + m.getContent().getSearchableContent();
    }
}
