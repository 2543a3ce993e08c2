package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.ConversationEntry;
import io.hearth.protocol.pb.ConversationListRequest;
import io.hearth.protocol.pb.ConversationListResult;
import io.hearth.protocol.pb.LoadHistoryRequest;
import io.hearth.protocol.pb.LoadHistoryResult;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.ReadRequest;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A new device of a user with 50 conversations and 10,000 messages (H2 and PostgreSQL): {@code conversation.list}
 * gives it all 50 with the right unread counts (flag 3 only, after the read marks the user's other device set)
 * and last messages without a single message pulled, and {@code message.load_history} then pages through one
 * conversation, every message once, newest first.
 */
class NewDeviceIT {

    private static final int PEERS = 50;
    private static final int EACH = 200;
    private static final Map<NodeDatabase, TestNode> NODES = new HashMap<>();

    @BeforeAll
    static void start() {
        for (NodeDatabase db : NodeDatabase.values()) {
            Map<String, Object> settings = new HashMap<>(db.settings());
            // 10,000 sends through the server API in a few seconds: above its default rate limit
            settings.put("http.admin.rate_limit", 0);
            NODES.put(db, TestNode.start(settings));
        }
    }

    @AfterAll
    static void stop() {
        NODES.values().forEach(TestNode::close);
    }

    @ParameterizedTest
    @EnumSource(NodeDatabase.class)
    void aNewDeviceGetsItsConversationsAndBadgesWithoutPullingAndThenPagesHistory(NodeDatabase database)
            throws Exception {
        TestNode node = NODES.get(database);
        String user = Fixtures.id("reader");
        node.admin().createUser(user);
        List<String> peers = new ArrayList<>();
        for (int p = 0; p < PEERS; p++) {
            peers.add(Fixtures.id("peer" + p));
            node.admin().createUser(peers.get(p));
        }
        // every peer sends EACH messages, every 10th not counted (persist flag 1); the user sends one back to every
        // 5th peer; times of each peer's messages kept for the read marks
        Map<String, List<Long>> times = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (String peer : peers) {
                times.put(peer, new ArrayList<>());
                sends.add(pool.submit(() -> {
                    for (int i = 0; i < EACH; i++) {
                        JsonNode r = node.admin().call("/admin/message/send", Map.of("sender", peer, "conv",
                                Map.of("type", 0, "target", user), "payload", Map.of("type", 1,
                                        "searchableContent", peer + " " + i, "persistFlag", i % 10 == 9 ? 1 : 3)));
                        assertThat(r.get("code").asInt()).as("%s", r).isZero();
                        synchronized (times) {
                            times.get(peer).add(r.get("result").get("timestamp").asLong());
                        }
                    }
                }));
            }
            for (Future<?> f : sends) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Integer> expected = new HashMap<>();
        try (Mqtt5Peer phone = Devices.phone(node, user)) {
            for (int p = 0; p < PEERS; p++) {
                String peer = peers.get(p);
                if (p % 5 == 0) {
                    Devices.ok(phone.call(Methods.MESSAGE_SEND, Fixtures.text(peer, "thanks")));
                }
                int readUpTo = p % 3 == 0 ? 0 : p % 3 == 1 ? EACH / 2 : EACH;
                long at = readUpTo == 0 ? 0 : times.get(peer).get(readUpTo - 1);
                if (readUpTo > 0) {
                    Devices.ok(phone.call(Methods.MESSAGE_READ, ReadRequest.newBuilder().setConversation(
                            Conversation.newBuilder().setType(0).setTarget(peer)).setReadTime(at).build()));
                }
                expected.put(peer, unreadAfter(times.get(peer), at));
            }
        }

        try (Mqtt5Peer pc = Devices.pc(node, user)) {
            ConversationListResult list = Devices.ok(pc.call(Methods.CONVERSATION_LIST,
                    ConversationListRequest.getDefaultInstance())).getConversations();
            assertThat(list.getConversationsList()).hasSize(PEERS);
            assertThat(list.getHead()).isEqualTo(PEERS * EACH + PEERS / 5);
            for (ConversationEntry e : list.getConversationsList()) {
                String peer = e.getConversation().getTarget();
                assertThat(e.getUnread()).as("unread of %s", peer).isEqualTo(expected.get(peer));
                String last = e.getLastMessage().getContent().getSearchableContent();
                assertThat(last).as("last of %s", peer).isIn(peer + " " + (EACH - 1), "thanks");
            }

            String peer = peers.get(7);
            Set<String> seen = new HashSet<>();
            long before = 0;
            long olderThan = Long.MAX_VALUE;
            int pages = 0;
            do {
                LoadHistoryResult page = Devices.ok(pc.call(Methods.MESSAGE_LOAD_HISTORY, LoadHistoryRequest
                        .newBuilder().setConversation(Conversation.newBuilder().setType(0).setTarget(peer))
                        .setBeforeUid(before).setCount(30).build())).getHistory();
                for (Message m : page.getMessagesList()) {
                    assertThat(seen.add(m.getContent().getSearchableContent())).as("once").isTrue();
                    assertThat(m.getServerTime()).as("newest first").isLessThanOrEqualTo(olderThan);
                    olderThan = m.getServerTime();
                }
                before = page.getNextBeforeUid();
                pages++;
            } while (before != 0);
            assertThat(seen).hasSize(EACH);
            assertThat(pages).isGreaterThanOrEqualTo((EACH + 29) / 30);
        }
    }

    /** Unread after read time {@code at} (messages of later server times): the counted ones (every 10th is not). */
    private static int unreadAfter(List<Long> times, long at) {
        int n = 0;
        for (int i = 0; i < times.size(); i++) {
            if (times.get(i) > at && i % 10 != 9) {
                n++;
            }
        }
        return n;
    }
}
