package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static io.hearth.server.it.SdkCalls.codeOf;
import static io.hearth.server.it.SdkCalls.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.client.history.History;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.LoadHistoryRequest;
import io.hearth.protocol.pb.LoadHistoryResult;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SearchMessageRequest;
import io.hearth.protocol.pb.SearchMessageResult;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Server history ({@code message.load_history}) and search ({@code message.search}) against a real node through the
 * Java SDK, on H2 and on PostgreSQL: a user with messages in several conversations loads one of them page by page
 * (every message once, newest first, nothing of the other conversations) with and without a content-type filter;
 * a super group member added later sees the history from its join (all of it with {@code history_message}), a
 * non-member gets 9; search finds a message by a word in it and never another user's message; bad parameters get
 * 251 or 253 and the node keeps answering; a node with both functions off answers 220.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class HistoryIT {

    private static final int CUSTOM = 1001;
    private static NodeDatabase database;
    private static TestNode node;
    private final List<HearthClient> clients = new ArrayList<>();

    HistoryIT(NodeDatabase db) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase db) {
        database = db;
        Map<String, Object> settings = new HashMap<>(db.settings());
        settings.put("group.super_group_threshold", 3);
        node = TestNode.start(settings);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(HearthClient::close);
    }

    private HearthClient online(TestNode on, String user) {
        return SdkCalls.connect(SdkCalls.client(on, clients, user, Platforms.ANDROID, Transport.TCP,
                new HearthListener() { }));
    }

    static Conversation single(String peer) {
        return Conversation.newBuilder().setType(0).setTarget(peer).build();
    }

    static Conversation group(String id) {
        return Conversation.newBuilder().setType(1).setTarget(id).build();
    }

    private static long send(HearthClient from, Conversation to, int type, String text) {
        return join(from.send(SendMessageRequest.newBuilder().setConversation(to)
                .setContent(MessageContent.newBuilder().setType(type).setSearchableContent(text).setPersistFlag(3))
                .setClientMessageId(UUID.randomUUID().toString()).build())).getMessageUid();
    }

    /** Every page of a conversation's history, in the order they came. */
    private static List<Message> allPages(History h, Conversation conv, int count, List<Integer> types) {
        List<Message> out = new ArrayList<>();
        long before = 0;
        for (int page = 0; page < 1000; page++) {
            LoadHistoryResult r = join(h.load(conv, before, count, types));
            assertThat(r.getMessagesCount()).isLessThanOrEqualTo(count == 0 ? 20 : count);
            out.addAll(r.getMessagesList());
            before = r.getNextBeforeUid();
            if (before == 0) {
                return out;
            }
        }
        throw new AssertionError("history did not end");
    }

    private static List<String> texts(List<Message> ms) {
        return ms.stream().map(m -> m.getContent().getSearchableContent()).toList();
    }

    @Test
    void aConversationPageByPageEveryMessageOnceNewestFirst() {
        String alice = SdkCalls.user(node, "alice");
        String bob = SdkCalls.user(node, "bob");
        String carol = SdkCalls.user(node, "carol");
        HearthClient a = online(node, alice);
        HearthClient b = online(node, bob);
        List<String> sent = new ArrayList<>();
        List<String> custom = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            boolean fromAlice = i % 3 != 2;
            int type = i % 5 == 0 ? CUSTOM : 1;
            String text = "ab " + i;
            send(fromAlice ? a : b, single(fromAlice ? bob : alice), type, text);
            sent.add(0, text);
            if (type == CUSTOM) {
                custom.add(0, text);
            }
            if (i % 4 == 0) {
                send(a, single(carol), 1, "ac " + i);
            }
        }
        String gid = join(a.groups().create(io.hearth.protocol.pb.GroupProfile.newBuilder().setName("g").build(),
                List.of(bob)));
        send(a, group(gid), 1, "in the group");

        for (HearthClient who : List.of(a, b)) {
            String peer = who == a ? bob : alice;
            List<Message> pages = allPages(who.history(), single(peer), 10, List.of());
            assertThat(texts(pages)).as("%s's history with %s", who == a ? alice : bob, peer)
                    .containsExactlyElementsOf(sent);
            assertThat(pages).extracting(Message::getMessageUid).doesNotHaveDuplicates();
            assertThat(pages).allMatch(m -> m.getConversation().getType() == 0
                    && m.getConversation().getTarget().equals(peer) && m.getSeq() > 0);
        }
        assertThat(texts(allPages(b.history(), single(alice), 3, List.of(CUSTOM))))
                .containsExactlyElementsOf(custom);
        assertThat(texts(allPages(a.history(), single(carol), 100, List.of()))).hasSize(12).allMatch(t ->
                t.startsWith("ac "));
        assertThat(texts(allPages(b.history(), group(gid), 0, List.of()))).contains("in the group");
        assertThat(join(b.history().load(single(alice), 0, 0, List.of())).getMessagesCount())
                .as("the default page").isEqualTo(20);
    }

    @Test
    void aSuperGroupMemberSeesTheHistoryFromItsJoinUnlessTheGroupShowsIt() {
        String alice = SdkCalls.user(node, "alice");
        String bob = SdkCalls.user(node, "bob");
        String carol = SdkCalls.user(node, "carol");
        String dave = SdkCalls.user(node, "dave");
        String eve = SdkCalls.user(node, "eve");
        GroupCalls groups = new GroupCalls(node);
        String gid = groups.result("/admin/group/create", body("operator", alice, "group", body("group_info",
                body("target_id", "", "name", "big", "owner", alice, "type", 2, "super_group", true),
                "members", List.of(body("member_id", bob), body("member_id", carol))))).get("group_id").asText();
        HearthClient a = online(node, alice);
        HearthClient d = online(node, dave);
        for (int i = 0; i < 5; i++) {
            send(a, group(gid), 1, "before dave " + i);
        }
        groups.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", dave))));
        send(a, group(gid), 1, "after dave");
        send(a, group(gid), CUSTOM, "custom after dave");

        List<Integer> sent = List.of(1, CUSTOM);
        assertThat(texts(allPages(d.history(), group(gid), 2, sent)))
                .containsExactly("custom after dave", "after dave");
        assertThat(allPages(d.history(), group(gid), 2, List.of())).as("with the notifications after the join")
                .extracting(m -> m.getContent().getSearchableContent()).doesNotContain("before dave 4");
        assertThat(texts(allPages(a.history(), group(gid), 2, List.of(1))))
                .containsSubsequence("after dave", "before dave 4", "before dave 0").doesNotContain("custom after dave");
        groups.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 7, "value", "1"));
        assertThat(texts(allPages(d.history(), group(gid), 3, sent))).hasSize(7)
                .startsWith("custom after dave", "after dave", "before dave 4");
        assertThat(codeOf(online(node, eve).history().load(group(gid), 0, 10, List.of())))
                .as("not a member").isEqualTo(9);
    }

    @Test
    void searchFindsAWordOfTheUsersOwnMessagesAndNoOtherUsers() {
        String ann = SdkCalls.user(node, "ann");
        String ben = SdkCalls.user(node, "ben");
        String cat = SdkCalls.user(node, "cat");
        String dan = SdkCalls.user(node, "dan");
        HearthClient a = online(node, ann);
        HearthClient b = online(node, ben);
        HearthClient c = online(node, cat);
        String word = "zebra" + Long.toString(System.nanoTime(), 36);
        long mine = send(a, single(ben), 1, "a " + word + " at the harbour");
        send(a, single(ben), 1, "nothing to see");
        long theirs = send(c, single(dan), 1, "the " + word + " of cat");

        for (HearthClient who : List.of(a, b)) {
            SearchMessageResult r = join(who.history().search(word, 0, 10));
            assertThat(r.getMessagesList()).extracting(Message::getMessageUid).containsExactly(mine);
            assertThat(r.getNextBeforeUid()).isZero();
        }
        assertThat(join(c.history().search(word, 0, 10)).getMessagesList()).extracting(Message::getMessageUid)
                .containsExactly(theirs);
        SearchMessageResult inConv = join(b.history().search(SearchMessageRequest.newBuilder().setKeyword(word)
                .setConversation(single(ann)).build()));
        assertThat(inConv.getMessagesList()).extracting(Message::getMessageUid).containsExactly(mine);
        assertThat(inConv.getMessages(0).getConversation().getTarget()).isEqualTo(ann);
        assertThat(join(b.history().search(SearchMessageRequest.newBuilder().setKeyword(word)
                .setConversation(single(cat)).build())).getMessagesCount()).isZero();
    }

    @Test
    void badParametersAreRefusedAndTheNodeKeepsAnswering() {
        String alice = SdkCalls.user(node, "alice");
        String bob = SdkCalls.user(node, "bob");
        try (Mqtt5Peer phone = Devices.phone(node, alice)) {
            Map<String, LoadHistoryRequest> bad = Map.of(
                    "no conversation", LoadHistoryRequest.getDefaultInstance(),
                    "count 101", LoadHistoryRequest.newBuilder().setConversation(single(bob)).setCount(101).build(),
                    "count -1", LoadHistoryRequest.newBuilder().setConversation(single(bob)).setCount(-1).build(),
                    "chatroom", LoadHistoryRequest.newBuilder().setConversation(Conversation.newBuilder().setType(2)
                            .setTarget("room")).build(),
                    "type 9", LoadHistoryRequest.newBuilder().setConversation(Conversation.newBuilder().setType(9)
                            .setTarget(bob)).build(),
                    "no target", LoadHistoryRequest.newBuilder().setConversation(single("")).build(),
                    "negative before_uid", LoadHistoryRequest.newBuilder().setConversation(single(bob))
                            .setBeforeUid(-5).build());
            bad.forEach((what, req) -> assertThat(phone.call(Methods.MESSAGE_LOAD_HISTORY, req).getCode()).as(what)
                    .isEqualTo(251));
            assertThat(phone.call(Methods.MESSAGE_LOAD_HISTORY, LoadHistoryRequest.newBuilder()
                    .setConversation(single(bob)).setBeforeUid(Long.MAX_VALUE).build()).getCode())
                    .as("unknown before_uid").isEqualTo(253);
            assertThat(phone.call(Methods.MESSAGE_LOAD_HISTORY, LoadHistoryRequest.newBuilder()
                    .setConversation(group("no-such-group")).build()).getCode()).isEqualTo(253);
            for (String keyword : List.of("", "   ", "x".repeat(129), "nul\0")) {
                assertThat(phone.call(Methods.MESSAGE_SEARCH, SearchMessageRequest.newBuilder().setKeyword(keyword)
                        .build()).getCode()).as("keyword '%s'", keyword).isEqualTo(251);
            }
            assertThat(phone.call(Methods.MESSAGE_SEARCH, SearchMessageRequest.newBuilder().setKeyword("x")
                    .setCount(500).build()).getCode()).isEqualTo(251);
            assertThat(phone.call(Methods.MESSAGE_LOAD_HISTORY, LoadHistoryRequest.newBuilder()
                    .setConversation(single(bob)).build()).getCode()).as("still answering").isZero();
        }
    }

    @Test
    void aNodeWithHistoryAndSearchOffAnswers220() {
        Map<String, Object> settings = new HashMap<>(database.settings());
        settings.put("message.remote_history_message", false);
        settings.put("message.disable_remote_search", true);
        try (TestNode off = TestNode.start(settings)) {
            String alice = SdkCalls.user(off, "alice");
            String bob = SdkCalls.user(off, "bob");
            HearthClient a = online(off, alice);
            send(a, single(bob), 1, "hello");
            assertThat(codeOf(a.history().load(single(bob), 0, 10, List.of()))).isEqualTo(220);
            assertThat(codeOf(a.history().search("hello", 0, 10))).isEqualTo(220);
        }
    }
}
