package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.message.MessageStored;
import io.hearth.server.session.ClientPresence;
import io.hearth.server.testing.TestNode;
import io.hearth.server.user.UserChanged;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event hook on a real node: what listeners see of logins, sends and user writes, and that a listener that
 * never returns holds up neither sends nor the other listeners.
 */
class EventHookIT {

    private static TestNode node;
    private static final List<Object> seen = new CopyOnWriteArrayList<>();
    private static final CountDownLatch stuck = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        node = TestNode.start();
        node.server().events().listen("test-stuck", Object.class, e -> {
            try {
                stuck.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        node.server().events().listen("test-seen", Object.class, seen::add);
    }

    @AfterAll
    static void stop() {
        stuck.countDown();
        if (node != null) {
            node.close();
        }
    }

    @Test
    void loginsSendsAndUserWritesReachListenersWhileAStuckListenerHoldsNothingUp() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = Fixtures.online(node, alice)) {
            for (int i = 0; i < 300; i++) { // each would wait forever if a send waited for the stuck listener
                Reply r = a.call(Methods.MESSAGE_SEND, text(bob.userId(), "hello " + i));
                assertThat(r.getCode()).isZero();
            }
        }
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(seen).filteredOn(UserChanged.class::isInstance).map(e -> ((UserChanged) e).user().userId())
                    .contains(alice.userId(), bob.userId());
            assertThat(seen).filteredOn(ClientPresence.class::isInstance).map(e -> (ClientPresence) e)
                    .filteredOn(p -> p.userId().equals(alice.userId()))
                    .extracting(ClientPresence::online).containsExactly(true, false);
            assertThat(seen).filteredOn(MessageStored.class::isInstance).map(e -> (MessageStored) e)
                    .filteredOn(m -> m.message().sender().equals(alice.userId()))
                    .hasSize(300)
                    .allSatisfy(m -> assertThat(m.receivers()).containsExactly(bob.userId()));
        });
    }
}
