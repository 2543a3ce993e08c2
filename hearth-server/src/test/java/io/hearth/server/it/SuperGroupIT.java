package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.protocol.pb.SuperGroupHead;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Super groups (read diffusion) against a real node: a message is stored once in the group's shared timeline and
 * read from there with {@code message.pull} type 2 — none of it in the members' own timelines; online members get a
 * {@code group_message} notice with the new head; a member added later reads from its join (all with
 * {@code history_message}); a kicked member is refused at once (9) and gets its kick notice in its own timeline;
 * {@code to_users} limits who reads; {@code session.info} lists the heads; a normal group switched to super keeps
 * every message in exactly one place; bad pulls get 251, 253, 9. On H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class SuperGroupIT {

    /** Groups of more members become super groups. */
    private static final int THRESHOLD = 4;
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls groups;
    private String alice;
    private String bob;
    private String carol;
    private String dave;
    private Mqtt5Peer alicePhone;
    private Mqtt5Peer bobPhone;
    private Mqtt5Peer carolPhone;

    SuperGroupIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        Map<String, Object> settings = new java.util.HashMap<>(database.settings());
        settings.put("group.super_group_threshold", THRESHOLD);
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
        groups = new GroupCalls(node);
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        carol = Fixtures.id("carol");
        dave = Fixtures.id("dave");
        for (String u : List.of(alice, bob, carol, dave)) {
            node.admin().createUser(u);
        }
        alicePhone = closer.keep(Devices.phone(node, alice));
        bobPhone = closer.keep(Devices.phone(node, bob));
        carolPhone = closer.keep(Devices.phone(node, carol));
    }

    @Test
    void aMessageIsStoredOnceAndReadFromTheSharedTimeline() {
        String gid = createSuper("hikers", bob, carol);
        long before = shared(bobPhone, gid, 0).getHead();
        List<Long> uids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Reply r = Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "hello " + i)));
            assertThat(r.getSend().getSeq()).as("a shared message has no seq of the sender's").isZero();
            uids.add(r.getSend().getMessageUid());
        }
        Devices.awaitNotice(bobPhone, NoticeKinds.GROUP_MESSAGE, before + 3);
        assertThat(Devices.notices(carolPhone)).anyMatch(n -> n.getKind().equals(NoticeKinds.GROUP_MESSAGE)
                && n.getTarget().equals(gid));

        List<Message> read = sharedAll(bobPhone, gid);
        assertThat(texts(read)).containsSubsequence("hello 1", "hello 2", "hello 3");
        assertThat(read).extracting(Message::getSeq).doesNotHaveDuplicates().isSorted();
        assertThat(read.get(read.size() - 1).getSeq()).isEqualTo(before + 3);
        assertThat(uids).allMatch(u -> read.stream().anyMatch(m -> m.getMessageUid() == u));
        for (Mqtt5Peer p : List.of(alicePhone, bobPhone, carolPhone)) {
            assertThat(GroupCalls.groupMessages(Devices.timeline(p), gid)).as("own timeline of %s", p.userId)
                    .isEmpty();
        }
        assertThat(bobPhone.pending()).noneMatch(m -> m.getTopic().toString().endsWith("/push/message"));
    }

    @Test
    void aMemberAddedLaterReadsFromItsJoinUnlessTheGroupShowsHistory() {
        String gid = createSuper("late", bob);
        send(alicePhone, gid, "before dave");
        groups.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", dave))));
        send(alicePhone, gid, "after dave");
        try (Mqtt5Peer davePhone = Devices.phone(node, dave)) {
            List<String> seen = texts(sharedAll(davePhone, gid));
            assertThat(seen).contains("after dave").doesNotContain("before dave");
            assertThat(texts(sharedAll(bobPhone, gid))).containsSubsequence("before dave", "after dave");

            groups.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 7, "value", "1"));
            assertThat(texts(sharedAll(davePhone, gid))).containsSubsequence("before dave", "after dave");
        }
    }

    @Test
    void aKickedMemberIsRefusedAtOnceAndGetsItsKickInItsOwnTimeline() {
        String gid = createSuper("kicks", bob, carol);
        send(alicePhone, gid, "all of us");
        assertThat(texts(sharedAll(carolPhone, gid))).contains("all of us");
        groups.ok("/admin/group/member/del", body("operator", alice, "group_id", gid, "members", List.of(carol)));

        Reply refused = carolPhone.call(Methods.MESSAGE_PULL, pull(gid, 0));
        assertThat(refused.getCode()).as(refused.getMsg()).isEqualTo(9);
        assertThat(Devices.timeline(carolPhone)).as("the kick notification (106) in carol's own timeline")
                .anyMatch(m -> m.getConversation().getTarget().equals(gid) && m.getContent().getType() == 106);
        long head = shared(bobPhone, gid, 0).getHead();
        send(alicePhone, gid, "without carol");
        Devices.awaitNotice(bobPhone, NoticeKinds.GROUP_MESSAGE, head + 1);
        assertThat(Devices.gotNotice(carolPhone, NoticeKinds.GROUP_MESSAGE, head + 1)).isFalse();
    }

    @Test
    void theOneWhoQuitsGetsItsQuitInItsOwnTimelineOnItsOtherDevices() {
        String gid = createSuper("quitters", bob, carol);
        try (Mqtt5Peer carolPc = Devices.pc(node, carol)) {
            groups.ok("/admin/group/member/quit", body("operator", carol, "group_id", gid));
            await().atMost(Mqtt5Peer.WAIT).until(() -> Devices.timeline(carolPc).stream().anyMatch(m ->
                    m.getConversation().getTarget().equals(gid) && m.getContent().getType() == 107));
            assertThat(carolPc.call(Methods.MESSAGE_PULL, pull(gid, 0)).getCode()).isEqualTo(9);
        }
    }

    @Test
    void theKickedGetTheOperatorsOwnNotificationInNormalAndSuperGroups() {
        String normal = groups.create(alice, "", "plain", bob, carol);
        String shared = createSuper("big", bob, carol);
        for (String gid : List.of(normal, shared)) {
            groups.ok("/admin/group/member/del", body("operator", alice, "group_id", gid, "members", List.of(carol),
                    "notify_message", body("type", 1001, "searchableContent", "carol leaves " + gid)));
            await().atMost(Mqtt5Peer.WAIT).until(() -> Devices.timeline(carolPhone).stream().anyMatch(m ->
                    m.getContent().getType() == 1001 && m.getConversation().getTarget().equals(gid)));
        }
    }

    @Test
    void aRemovedMemberAddedAgainReadsFromItsReturn() {
        String gid = createSuper("returns", bob, carol);
        send(alicePhone, gid, "before the kick");
        groups.ok("/admin/group/member/del", body("operator", alice, "group_id", gid, "members", List.of(carol)));
        send(alicePhone, gid, "while away");
        groups.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", carol))));
        send(alicePhone, gid, "after the return");
        assertThat(texts(sharedAll(carolPhone, gid))).containsExactly("after the return");
    }

    @Test
    void dismissalReachesEveryOwnTimelineAndANewGroupUnderTheIdReadsNothingOld() {
        String gid = createSuper("short lived", bob, carol);
        send(alicePhone, gid, "old secret");
        groups.ok("/admin/group/del", body("operator", alice, "group_id", gid));
        for (Mqtt5Peer p : List.of(alicePhone, bobPhone, carolPhone)) {
            await().atMost(Mqtt5Peer.WAIT).until(() -> Devices.timeline(p).stream().anyMatch(m ->
                    m.getConversation().getTarget().equals(gid) && m.getContent().getType() == 108));
        }
        assertThat(bobPhone.call(Methods.MESSAGE_PULL, pull(gid, 0)).getCode()).isEqualTo(253);

        groups.ok("/admin/group/create", body("operator", alice, "group", body("group_info",
                body("target_id", gid, "name", "reborn", "owner", alice, "type", 2, "super_group", true,
                        "history_message", 1), "members", List.of(body("member_id", bob)))));
        send(alicePhone, gid, "new era");
        assertThat(texts(sharedAll(bobPhone, gid))).containsExactly("new era");
    }

    @Test
    void toUsersLimitsWhoReadsAndTheOthersMoveOverIt() {
        String gid = createSuper("whisper", bob, carol);
        SendMessageRequest toBob = GroupCalls.text(gid, "for bob").toBuilder().addToUsers(bob).build();
        Devices.ok(alicePhone.call(Methods.MESSAGE_SEND, toBob));
        send(alicePhone, gid, "for all");
        assertThat(texts(sharedAll(bobPhone, gid))).containsSubsequence("for bob", "for all");
        List<String> carols = texts(sharedAll(carolPhone, gid));
        assertThat(carols).contains("for all").doesNotContain("for bob");
        PullMessageResult last = shared(carolPhone, gid, 0);
        assertThat(last.getCurrent()).isEqualTo(last.getHead());
        assertThat(texts(sharedAll(alicePhone, gid))).as("the sender reads its own").contains("for bob");
    }

    @Test
    void sessionInfoListsTheHeadOfEverySuperGroupOfTheCaller() {
        String gid = createSuper("heads", bob);
        send(alicePhone, gid, "one");
        send(alicePhone, gid, "two");
        long head = shared(bobPhone, gid, 0).getHead();
        List<SuperGroupHead> heads = Devices.ok(bobPhone.call(Methods.SESSION_INFO,
                SessionInfoRequest.getDefaultInstance())).getSession().getSuperGroupHeadsList();
        assertThat(heads).contains(SuperGroupHead.newBuilder().setGroupId(gid).setHead(head).build());
        List<SuperGroupHead> daves;
        try (Mqtt5Peer davePhone = Devices.phone(node, dave)) {
            daves = Devices.ok(davePhone.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance()))
                    .getSession().getSuperGroupHeadsList();
        }
        assertThat(daves).noneMatch(h -> h.getGroupId().equals(gid));
    }

    @Test
    void aNormalGroupSwitchedToSuperKeepsEveryMessageInExactlyOnePlace() {
        String gid = groups.create(alice, "", "switching", bob, carol);
        send(alicePhone, gid, "normal 1");
        send(bobPhone, gid, "normal 2");
        groups.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 9, "value", "1"));
        assertThat(groups.result("/admin/group/get_info", body("groupId", gid)).get("super_group").asBoolean())
                .isTrue();
        send(alicePhone, gid, "super 1");
        send(bobPhone, gid, "super 2");

        for (Mqtt5Peer p : List.of(alicePhone, bobPhone, carolPhone)) {
            List<Message> own = Devices.timeline(p).stream()
                    .filter(m -> m.getConversation().getTarget().equals(gid)).toList();
            List<Message> read = sharedAll(p, gid);
            Set<Long> ownUids = new HashSet<>();
            own.forEach(m -> ownUids.add(m.getMessageUid()));
            assertThat(read).as("nothing in both places for %s", p.userId)
                    .noneMatch(m -> ownUids.contains(m.getMessageUid()));
            List<String> all = new ArrayList<>(texts(own));
            all.addAll(texts(read));
            List<String> expected = new ArrayList<>(List.of("normal 1", "normal 2", "super 1", "super 2"));
            if (p == alicePhone) {
                expected.remove("normal 1");
            } else if (p == bobPhone) {
                expected.remove("normal 2");
            }
            assertThat(all).as("%s reads its history", p.userId).containsAll(expected);
            assertThat(texts(read)).containsSubsequence("super 1", "super 2");
        }
    }

    @Test
    void aGroupGrowingPastTheThresholdBecomesSuperForGood() {
        String gid = groups.create(alice, "", "growing", bob, carol, dave);
        send(alicePhone, gid, "written to four");
        assertThat(GroupCalls.groupMessages(Devices.timeline(bobPhone), gid)).contains("1 written to four");
        assertThat(groups.result("/admin/group/get_info", body("groupId", gid)).get("super_group").asBoolean())
                .isFalse();
        String erin = Fixtures.id("erin");
        node.admin().createUser(erin);
        groups.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", erin))));
        assertThat(groups.result("/admin/group/get_info", body("groupId", gid)).get("super_group").asBoolean())
                .as("5 members > %s", THRESHOLD).isTrue();
        send(alicePhone, gid, "read by five");
        groups.ok("/admin/group/member/del", body("operator", alice, "group_id", gid, "members", List.of(erin)));
        send(alicePhone, gid, "still shared");
        assertThat(texts(sharedAll(bobPhone, gid))).containsExactly("read by five", "still shared");
        assertThat(GroupCalls.groupMessages(Devices.timeline(bobPhone), gid)).contains("1 written to four")
                .noneMatch(m -> m.contains("read by five") || m.contains("still shared"));

        String big = groups.create(alice, "", "born big", bob, carol, dave, erin);
        assertThat(groups.result("/admin/group/get_info", body("groupId", big)).get("super_group").asBoolean())
                .isTrue();
    }

    @Test
    void badSharedPullsGetPreciseCodes() {
        String gid = createSuper("closed", bob);
        try (Mqtt5Peer davePhone = Devices.phone(node, dave)) {
            assertThat(davePhone.call(Methods.MESSAGE_PULL, pull(gid, 0)).getCode()).isEqualTo(9);
        }
        assertThat(bobPhone.call(Methods.MESSAGE_PULL, pull("no-such-group-" + gid, 0)).getCode()).isEqualTo(253);
        assertThat(bobPhone.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setType(2).build())
                .getCode()).isEqualTo(251);
        assertThat(bobPhone.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setType(7).setTarget(gid)
                .build()).getCode()).isEqualTo(251);
        Reply nonMember = davePhoneSend(gid);
        assertThat(nonMember.getCode()).isEqualTo(9);
    }

    private Reply davePhoneSend(String gid) {
        try (Mqtt5Peer davePhone = Devices.phone(node, dave)) {
            return davePhone.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, "let me in"));
        }
    }

    private String createSuper(String name, String... members) {
        List<Map<String, Object>> ms = java.util.Arrays.stream(members).map(m -> body("member_id", m)).toList();
        String gid = groups.result("/admin/group/create", body("operator", alice, "group", body("group_info",
                body("target_id", "", "name", name, "owner", alice, "type", 2, "super_group", true),
                "members", ms))).get("group_id").asText();
        assertThat(groups.result("/admin/group/get_info", body("groupId", gid)).get("super_group").asBoolean())
                .isTrue();
        return gid;
    }

    static void send(Mqtt5Peer from, String gid, String text) {
        Devices.ok(from.call(Methods.MESSAGE_SEND, GroupCalls.text(gid, text)));
    }

    static PullMessageRequest pull(String gid, long since) {
        return PullMessageRequest.newBuilder().setType(2).setTarget(gid).setSinceSeq(since).build();
    }

    static PullMessageResult shared(Mqtt5Peer p, String gid, long since) {
        return Devices.ok(p.call(Methods.MESSAGE_PULL, pull(gid, since))).getPull();
    }

    /** Everything the device may read of the group's shared timeline, pulled from 0. */
    static List<Message> sharedAll(Mqtt5Peer p, String gid) {
        List<Message> out = new ArrayList<>();
        long since = 0;
        while (true) {
            PullMessageResult r = shared(p, gid, since);
            out.addAll(r.getMessagesList());
            if (r.getCurrent() >= r.getHead()) {
                return out;
            }
            assertThat(r.getCurrent()).as("the pull moves on").isGreaterThan(since);
            since = r.getCurrent();
        }
    }

    static List<String> texts(List<Message> ms) {
        return ms.stream().filter(m -> m.getContent().getType() == Fixtures.TEXT)
                .map(m -> m.getContent().getSearchableContent()).toList();
    }

    static void awaitHead(Mqtt5Peer p, String gid, long head) {
        await().atMost(Mqtt5Peer.WAIT).until(() -> shared(p, gid, 0).getHead() >= head);
    }
}
