package io.hearth.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.client.HearthListener;
import io.hearth.client.Transport;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.TestNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java SDK against a real node: route, both transports, offline sync, reconnect and resync. */
class SdkMessagingIT {

    @RegisterExtension
    final Closer closing = new Closer();

    private TestNode node(Map<String, Object> settings) {
        TestNode n = TestNode.start(settings);
        closing.keep(n);
        return n;
    }

    private Inbox connect(TestNode node, String user, Transport transport, long lastSeq) {
        Inbox inbox = new Inbox();
        String clientId = user + "-" + transport;
        HearthClient c = HearthClient.builder()
                .routeUrl(URI.create(node.httpUrl()))
                .userId(user).clientId(clientId).token(node.admin().token(user, clientId, Platforms.ANDROID))
                .platform(Platforms.ANDROID).transport(transport).lastSeq(lastSeq)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .listener(inbox).build();
        closing.keep(c);
        c.connect().orTimeout(10, TimeUnit.SECONDS).join();
        inbox.client = c;
        return inbox;
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"TCP, TCP", "WEBSOCKET, WEBSOCKET", "TCP, WEBSOCKET"})
    void twoUsersExchangeMessages(Transport aliceTransport, Transport bobTransport) {
        TestNode node = node(Map.of());
        node.admin().createUser("alice");
        node.admin().createUser("bob");
        Inbox alice = connect(node, "alice", aliceTransport, 0);
        Inbox bob = connect(node, "bob", bobTransport, 0);

        SendMessageResult sent = alice.client.sendText("bob", "hello bob").join();
        bob.client.sendText("alice", "hello alice").join();

        await().atMost(10, TimeUnit.SECONDS).until(() -> bob.messages.size() == 1 && alice.messages.size() == 1);
        Message atBob = bob.messages.get(0);
        assertThat(atBob.getMessageUid()).isEqualTo(sent.getMessageUid());
        assertThat(atBob.getSender()).isEqualTo("alice");
        assertThat(atBob.getConversation().getTarget()).isEqualTo("alice");
        assertThat(atBob.getContent().getSearchableContent()).isEqualTo("hello bob");
        assertThat(atBob.getSeq()).isEqualTo(1);
        assertThat(alice.messages.get(0).getContent().getSearchableContent()).isEqualTo("hello alice");
        // alice's timeline holds her own send (seq 1) and bob's message (seq 2)
        assertThat(alice.messages.get(0).getSeq()).isEqualTo(2);
        assertThat(alice.client.lastSeq()).isEqualTo(2);
    }

    @Test
    void anOfflineReceiverGetsEveryMessageOnceAndInOrderOnReconnect() {
        TestNode node = node(Map.of());
        node.admin().createUser("alice");
        node.admin().createUser("bob");
        Inbox alice = connect(node, "alice", Transport.TCP, 0);
        Inbox bobFirst = connect(node, "bob", Transport.TCP, 0);
        alice.client.sendText("bob", "before").join();
        await().atMost(10, TimeUnit.SECONDS).until(() -> bobFirst.messages.size() == 1);
        long bobSeq = bobFirst.client.lastSeq();
        bobFirst.client.close();

        for (int i = 0; i < 120; i++) {
            alice.client.sendText("bob", "m" + i).join();
        }
        Inbox bob = connect(node, "bob", Transport.WEBSOCKET, bobSeq);
        await().atMost(15, TimeUnit.SECONDS).until(() -> bob.messages.size() >= 120);
        assertThat(bob.messages).hasSize(120);
        for (int i = 0; i < 120; i++) {
            assertThat(bob.messages.get(i).getContent().getSearchableContent()).isEqualTo("m" + i);
            assertThat(bob.messages.get(i).getSeq()).isEqualTo(bobSeq + 1 + i);
        }
    }

    @Test
    void aClientReconnectsAfterARestartAndResyncsWhatItMissed() throws Exception {
        int mqtt = Ports.free();
        int http = Ports.free();
        TestNode node = node(Map.of("port", mqtt, "local_port", http, "http_port", http));
        node.admin().createUser("alice");
        node.admin().createUser("bob");
        Inbox bob = connect(node, "bob", Transport.TCP, 0);
        node.admin().call("/admin/message/send", Map.of("sender", "alice", "conv", Map.of("type", 0, "target", "bob"),
                "payload", Map.of("type", 1, "searchableContent", "one", "persistFlag", 3)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> bob.messages.size() == 1);

        node.server().close();
        await().atMost(10, TimeUnit.SECONDS).until(() -> bob.disconnects > 0);
        node.restart();
        for (String text : List.of("two", "three")) {
            node.admin().call("/admin/message/send", Map.of("sender", "alice",
                    "conv", Map.of("type", 0, "target", "bob"),
                    "payload", Map.of("type", 1, "searchableContent", text, "persistFlag", 3)));
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> bob.messages.size() == 3);
        assertThat(bob.messages).extracting(m -> m.getContent().getSearchableContent())
                .containsExactly("one", "two", "three");
        assertThat(bob.messages).extracting(Message::getSeq).containsExactly(1L, 2L, 3L);
    }


    /** Collects what the SDK delivers. */
    static final class Inbox implements HearthListener {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        volatile int disconnects;
        HearthClient client;

        @Override
        public void onMessages(List<Message> batch) {
            messages.addAll(batch);
        }

        @Override
        public void onDisconnected(Throwable cause) {
            disconnects++;
        }
    }
}
