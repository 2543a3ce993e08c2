package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Methods;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 1: a client that keeps sending a message no column can hold ({@code to_users} of 100 ids of 90
 * characters, 9,099 characters joined, over the 8,192 of {@code messages.to_users}) gets 251 for each, and every
 * other user's send at the same time succeeds — before the fix, each poisoned message failed its whole group
 * commit with code 4.
 */
class PoisonedSendsIT {

    @Test
    void poisonedSendsFailAloneWhileEveryoneElsesSendsSucceed() throws Exception {
        try (TestNode node = TestNode.start(Map.of())) {
            Login mallory = newUser(node, "mallory");
            Login target = newUser(node, "target");
            List<Login> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(newUser(node, "legit"));
            }
            AtomicBoolean attacking = new AtomicBoolean(true);
            List<Integer> attackCodes = new CopyOnWriteArrayList<>();
            Map<Integer, Integer> legitCodes = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(senders.size() + 1);
            try (Mqtt5Peer attacker = Fixtures.online(node, mallory)) {
                SendMessageRequest poison = Fixtures.text(target.userId(), "poison").toBuilder()
                        .addAllToUsers(Collections.nCopies(100, "u".repeat(90))).build();
                Future<?> attack = pool.submit(() -> {
                    while (attacking.get()) {
                        attackCodes.add(attacker.call(Methods.MESSAGE_SEND, poison).getCode());
                        sleep(5);
                    }
                });
                List<Future<?>> legit = new ArrayList<>();
                for (Login s : senders) {
                    legit.add(pool.submit(() -> {
                        try (Mqtt5Peer p = Fixtures.online(node, s)) {
                            for (int i = 0; i < 150; i++) {
                                Reply r = p.call(Methods.MESSAGE_SEND, Fixtures.text(target.userId(), "hi " + i));
                                legitCodes.merge(r.getCode(), 1, Integer::sum);
                            }
                        }
                    }));
                }
                for (Future<?> f : legit) {
                    f.get(120, TimeUnit.SECONDS);
                }
                attacking.set(false);
                attack.get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(legitCodes).as("codes of the legitimate sends").containsExactly(Map.entry(0, 600));
            assertThat(attackCodes).isNotEmpty().containsOnly(Status.INVALID_PARAMETER.code());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
