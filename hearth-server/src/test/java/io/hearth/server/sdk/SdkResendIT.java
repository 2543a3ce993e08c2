package io.hearth.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.CuttableProxy;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK's sends survive a dropped connection: alice's connection (through a proxy) is cut while about a hundred of
 * her sends are written and unanswered. Some of them the node had stored (their replies were lost), some it never
 * read. After the reconnect the SDK sends them again with their client message ids; every send completes once,
 * successfully, and bob, who stays connected, gets every message once, in order, as does his timeline.
 */
class SdkResendIT {

    private static final int SENDS = 300;

    @RegisterExtension
    final Closer closing = new Closer();

    /** Records what the listener is handed. */
    static final class Inbox implements HearthListener {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final AtomicInteger disconnects = new AtomicInteger();

        @Override
        public void onMessages(List<Message> batch) {
            messages.addAll(batch);
        }

        @Override
        public void onDisconnected(Throwable cause) {
            disconnects.incrementAndGet();
        }
    }

    @Test
    void sendsCutOffByALostConnectionAreResentWithTheirIdsAndStoredOnce() throws Exception {
        TestNode node = closing.keep(TestNode.start());
        node.admin().createUser("alice");
        node.admin().createUser("bob");
        CuttableProxy proxy = closing.keep(new CuttableProxy(node.host(), node.mqttPort()));
        Inbox aliceInbox = new Inbox();
        HearthClient alice = closing.keep(client(node, "alice", proxy.port(), aliceInbox));
        Inbox bobInbox = new Inbox();
        HearthClient bob = closing.keep(client(node, "bob", node.mqttPort(), bobInbox));
        alice.connect().get(10, TimeUnit.SECONDS);
        bob.connect().get(10, TimeUnit.SECONDS);

        AtomicInteger completions = new AtomicInteger();
        List<CompletableFuture<SendMessageResult>> sends = new ArrayList<>();
        for (int i = 0; i < SENDS; i++) {
            // the tenth reply cuts the connection, on the client's event loop: the sends written after the tenth
            // are unanswered at that moment, whether the node has read them yet or not
            sends.add(alice.sendText("bob", "m" + i).whenComplete((r, e) -> {
                if (completions.incrementAndGet() == 10) {
                    proxy.cut();
                }
            }));
        }

        List<SendMessageResult> results = new ArrayList<>();
        for (CompletableFuture<SendMessageResult> f : sends) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(aliceInbox.disconnects.get()).as("alice lost her connection once").isOne();
        assertThat(proxy.accepted()).as("and reconnected").isEqualTo(2);
        assertThat(completions.get()).isEqualTo(SENDS);
        assertThat(results).extracting(SendMessageResult::getSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, SENDS).boxed().toList());
        assertThat(new HashSet<>(results.stream().map(SendMessageResult::getMessageUid).toList())).hasSize(SENDS);

        List<String> expected = IntStream.range(0, SENDS).mapToObj(i -> "m" + i).toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> bobInbox.messages.size() >= SENDS);
        assertThat(bobInbox.messages).extracting(m -> m.getContent().getSearchableContent())
                .containsExactlyElementsOf(expected);
        assertThat(bobInbox.disconnects.get()).isZero();
        List<Message> timeline = timeline(bob);
        assertThat(timeline).extracting(m -> m.getContent().getSearchableContent())
                .containsExactlyElementsOf(expected);
        Set<Long> uids = new HashSet<>(timeline.stream().map(Message::getMessageUid).toList());
        assertThat(uids).as("no message stored twice").hasSize(SENDS);
    }

    private static HearthClient client(TestNode node, String user, int port, Inbox inbox) {
        String clientId = user + "-phone";
        return HearthClient.builder().directAddress(node.host(), port)
                .userId(user).clientId(clientId).token(node.admin().token(user, clientId, Platforms.ANDROID))
                .platform(Platforms.ANDROID).backoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .requestTimeout(Duration.ofSeconds(30)).listener(inbox).build();
    }

    /** Bob's whole timeline, page by page. */
    private static List<Message> timeline(HearthClient client) throws Exception {
        List<Message> out = new ArrayList<>();
        long since = 0;
        while (true) {
            PullMessageResult page = client.pull(since, 100).get(10, TimeUnit.SECONDS);
            out.addAll(page.getMessagesList());
            if (page.getCurrent() >= page.getHead() || page.getMessagesCount() == 0) {
                return out;
            }
            since = page.getCurrent();
        }
    }
}
