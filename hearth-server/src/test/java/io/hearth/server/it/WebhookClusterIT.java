package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.server.testing.Postgres;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A node that dies while it delivers a webhook (PostgreSQL): the receiver hangs on node 1's request, node 1 stops,
 * and node 2 on the same database delivers the event once node 1's lease ran out, with the same event id.
 */
class WebhookClusterIT {

    @Test
    void anotherNodeDeliversTheEventOfANodeThatDiedWhileSendingIt() {
        Postgres.Db db = Postgres.newDatabase();
        try (WebhookSink sink = new WebhookSink()) {
            CountDownLatch hold = new CountDownLatch(1);
            sink.hold = hold;
            String user = Fixtures.id("frank");
            String eventId;
            try (TestNode one = node(db, 1, sink)) {
                one.admin().createUser(user);
                await().until(() -> sink.held.get() == 1);
            } finally {
                sink.hold = null;
                hold.countDown();
            }
            await().until(() -> sink.hits.stream().anyMatch(h -> h.body().contains(user)));
            List<WebhookSink.Hit> first = sink.hits.stream().filter(h -> h.body().contains(user)).toList();
            assertThat(first).hasSize(1);
            assertThat(first.get(0).answered()).as("never answered to node 1").isEqualTo(503);
            eventId = first.get(0).eventId();
            try (TestNode two = node(db, 2, sink)) {
                String id = eventId;
                await().atMost(Duration.ofSeconds(30)).until(() -> sink.delivered("/user").stream()
                        .anyMatch(h -> h.body().contains(user)));
                assertThat(sink.delivered("/user").stream().filter(h -> h.body().contains(user)))
                        .extracting(WebhookSink.Hit::eventId).containsExactly(id);
            }
        }
    }

    private static TestNode node(Postgres.Db db, int nodeId, WebhookSink sink) {
        Map<String, Object> s = new HashMap<>(db.settings());
        s.put("node_id", nodeId);
        s.put("user.user_info_update_callback", sink.url("/user"));
        s.put("webhook.timeout_ms", 5_000);
        s.put("webhook.lease_seconds", 6);
        s.put("webhook.poll_interval_ms", 50);
        return TestNode.start(s);
    }
}
