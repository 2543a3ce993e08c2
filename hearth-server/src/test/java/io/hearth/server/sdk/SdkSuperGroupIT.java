package io.hearth.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.TestNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A super group of 5,000 generated members with {@value #ONLINE} of them online through the Java SDK: every
 * online member gets every message of the others exactly once, in the group's seq order (its own sends are not
 * delivered back); a member that was offline reconnects from the seq it persisted and gets exactly what it missed.
 * One node on H2.
 */
class SdkSuperGroupIT {

    private static final int MEMBERS = 5_000;
    private static final int ONLINE = 300;
    private static final int SENDERS = 3;
    private static final int PER_SENDER = 10;
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private static TestNode node;
    private static EventLoopGroup loops;
    private static final List<String> users = new ArrayList<>();
    private static String groupId;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(Map.of());
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        IntStream.range(0, MEMBERS).forEach(i -> users.add("sg" + RUN + "-" + i));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> created = users.stream()
                    .map(u -> CompletableFuture.runAsync(() -> node.admin().createUser(u), pool)).toList();
            CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }
        List<Map<String, Object>> members = users.subList(1, MEMBERS).stream()
                .map(u -> Map.<String, Object>of("member_id", u)).toList();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("target_id", "");
        info.put("name", "five thousand");
        info.put("owner", users.get(0));
        info.put("type", 2);
        info.put("super_group", true);
        info.put("max_member_count", MEMBERS);
        var r = node.admin().call("/admin/group/create", Map.of("operator", users.get(0),
                "group", Map.of("group_info", info, "members", members)));
        assertThat(r.get("code").asInt()).as("%s", r).isZero();
        groupId = r.get("result").get("group_id").asText();
    }

    @AfterAll
    static void stop() {
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.close();
        }
    }

    /** What one member's client was handed for the group. */
    static final class GroupInbox implements HearthListener {
        final List<Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void onSuperGroupMessages(String group, List<Message> ms) {
            if (group.equals(groupId)) {
                messages.addAll(ms);
            }
        }

        List<Long> texts() {
            return messages.stream().filter(m -> m.getContent().getType() == 1).map(Message::getMessageUid).toList();
        }
    }

    private static HearthClient client(String user, GroupInbox inbox, Map<String, Long> seqs) {
        String clientId = user + "-sdk";
        HearthClient c = HearthClient.builder().routeUrl(URI.create(node.httpUrl()))
                .userId(user).clientId(clientId).token(node.admin().token(user, clientId, Platforms.ANDROID))
                .platform(Platforms.ANDROID).transport(Transport.TCP).eventLoopGroup(loops)
                .superGroupSeqs(seqs).backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .listener(inbox).build();
        c.connect().orTimeout(30, TimeUnit.SECONDS).join();
        return c;
    }

    @Test
    void everyOnlineMemberGetsEachMessageOnceAndAnOfflineOneExactlyWhatItMissed() {
        String late = users.get(MEMBERS - 1);
        GroupInbox lateFirst = new GroupInbox();
        HearthClient lateClient = client(late, lateFirst, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> lateClient.superGroupSeqs().containsKey(groupId));
        Map<String, Long> persisted = lateClient.superGroupSeqs();
        lateClient.close();

        Map<String, GroupInbox> inboxes = new LinkedHashMap<>();
        Map<String, HearthClient> clients = new LinkedHashMap<>();
        try {
            for (int i = 0; i < ONLINE; i++) {
                String u = users.get(i * (MEMBERS / ONLINE));
                GroupInbox inbox = new GroupInbox();
                inboxes.put(u, inbox);
                clients.put(u, client(u, inbox, Map.of()));
            }
            List<String> senders = new ArrayList<>(clients.keySet()).subList(0, SENDERS);
            Map<String, List<Long>> sentBy = new HashMap<>();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            Map<Long, String> uidSender = new ConcurrentHashMap<>();
            for (String s : senders) {
                sentBy.put(s, new CopyOnWriteArrayList<>());
                sends.add(CompletableFuture.runAsync(() -> {
                    for (int k = 0; k < PER_SENDER; k++) {
                        long uid = clients.get(s).send(text(s + " #" + k)).join().getMessageUid();
                        sentBy.get(s).add(uid);
                        uidSender.put(uid, s);
                    }
                }));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
            int total = SENDERS * PER_SENDER;

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Integer> behind = new java.util.TreeMap<>();
                inboxes.forEach((u, inbox) -> {
                    if (inbox.texts().size() < expectedFor(u, senders, total)) {
                        behind.put(u, inbox.texts().size());
                    }
                });
                assertThat(behind).as("members still missing messages (texts received)").isEmpty();
            });
            inboxes.forEach((u, inbox) -> {
                List<Long> got = inbox.texts();
                assertThat(got).as("%s", u).doesNotHaveDuplicates().hasSize(expectedFor(u, senders, total));
                assertThat(got).as("%s gets none of its own", u).noneMatch(uid -> u.equals(uidSender.get(uid)));
                assertThat(inbox.messages).extracting(Message::getSeq).as("%s in seq order", u).isSorted()
                        .doesNotHaveDuplicates();
                for (String s : senders) {
                    if (!s.equals(u)) {
                        assertThat(got.stream().filter(uid -> s.equals(uidSender.get(uid))).toList())
                                .as("%s reads %s in its order", u, s).containsExactlyElementsOf(sentBy.get(s));
                    }
                }
            });

            GroupInbox lateAgain = new GroupInbox();
            HearthClient back = client(late, lateAgain, persisted);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> lateAgain.texts().size() >= total);
                assertThat(lateAgain.texts()).containsExactlyInAnyOrderElementsOf(uidSender.keySet());
                assertThat(lateAgain.messages).allMatch(m -> m.getSeq() > persisted.get(groupId));
            } finally {
                back.close();
            }
        } finally {
            clients.values().forEach(HearthClient::close);
        }
    }

    private static int expectedFor(String user, List<String> senders, int total) {
        return senders.contains(user) ? total - PER_SENDER : total;
    }

    private static SendMessageRequest text(String text) {
        return SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(1).setTarget(groupId))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3))
                .setClientMessageId(java.util.UUID.randomUUID().toString())
                .build();
    }
}
