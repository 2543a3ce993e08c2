package io.hearth.server.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /admin/node/drain} on a real two-node cluster (one JVM, one PostgreSQL) and on a single node: every client
 * of the drained node is redirected (MQTT 5: DISCONNECT 0x9C with the Server Reference of its new home node, TCP or
 * WebSocket port; MQTT 3.1.1: closed), the SDK follows it without losing a message, and the node then stops.
 */
class NodeDrainIT {

    @RegisterExtension
    final Closer closing = new Closer();

    @Test
    void drainRedirectsEveryClientToTheOtherNodeWithoutAGapAndStops() throws Exception {
        TwoNodes cluster = closing.keep(new TwoNodes());
        TestNode a = cluster.a;
        TestNode b = cluster.b;
        await().atMost(60, TimeUnit.SECONDS).until(() -> liveNodeIds(a).equals(List.of(1, 2))
                && liveNodeIds(b).equals(List.of(1, 2)));
        CountDownLatch aStopped = new CountDownLatch(1);
        a.server().onDrained(aStopped::countDown);

        Users users = new Users(a);
        SdkUser alice = closing.keep(SdkUser.direct(a, users.login("alice")));
        SdkUser bob = closing.keep(SdkUser.direct(b, users.login("bob")));
        MqttPeer carol = closing.keep(users.mqtt5(a, "carol", false));
        MqttPeer dave = closing.keep(users.mqtt5(a, "dave", true));
        MqttPeer erin = closing.keep(users.mqtt3(a, "erin"));

        assertThat(result(b.admin().call("/admin/user/online_count", Map.of())).toString())
                .isEqualTo("[{\"count\":4,\"node\":1},{\"count\":1,\"node\":2}]");
        JsonNode health = Http.get(b.adminUrl() + "/admin/health");
        assertThat(health.get("code").asInt()).isZero();
        assertThat(health.get("result")).extracting(n -> n.get("node").asText() + ":" + n.get("status").asText()
                + ":" + n.get("connections").asInt() + ":" + n.get("db").asText())
                .containsExactly("1:up:4:up", "2:up:1:up");

        Sender sender = closing.keep(new Sender(bob.client, "alice"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alice.messages.size() >= 5);

        JsonNode drained = b.admin().call("/admin/node/drain", Map.of("nodeId", 1));
        assertThat(drained.get("code").asInt()).as(drained.toString()).isZero();
        assertThat(result(drained).toString()).isEqualTo("{\"clients\":4,\"nodeId\":1}");

        Mqtt5Disconnect toCarol = carol.awaitDisconnect().orElseThrow();
        assertThat(toCarol.getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.USE_ANOTHER_SERVER);
        assertThat(toCarol.getServerReference().orElseThrow().toString()).isEqualTo("127.0.0.1:" + b.mqttPort());
        Mqtt5Disconnect toDave = dave.awaitDisconnect().orElseThrow();
        assertThat(toDave.getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.USE_ANOTHER_SERVER);
        assertThat(toDave.getServerReference().orElseThrow().toString()).isEqualTo("127.0.0.1:" + b.wsPort());
        assertThat(erin.awaitClosed()).isInstanceOf(ConnectionClosedException.class);

        await().atMost(15, TimeUnit.SECONDS).until(() -> alice.disconnects.get() == 1 && alice.client.isConnected());
        assertThat(alice.client.sessionInfo().get(10, TimeUnit.SECONDS).getNodeId()).isEqualTo(2);
        assertThat(alice.kicks.get()).isZero();
        assertThat(Duration.ofNanos(alice.lastConnectNanos.get() - alice.lastDisconnectNanos.get()))
                .as("reconnected at once, not after the 5 s backoff").isLessThan(Duration.ofSeconds(2));
        int before = sender.sent().size();
        await().atMost(10, TimeUnit.SECONDS).until(() -> sender.sent().size() >= before + 5);
        List<String> sent = sender.stop();
        await().atMost(10, TimeUnit.SECONDS).until(() -> alice.messages.size() >= sent.size());
        assertThat(alice.texts()).containsExactlyElementsOf(sent);
        assertThat(alice.seqs()).isEqualTo(LongStream.rangeClosed(1, sent.size()).boxed().toList());

        assertThat(aStopped.await(15, TimeUnit.SECONDS)).as("node 1 stopped after the drain").isTrue();
        assertThat(refuses(a.mqttPort())).isTrue();
        assertThat(refuses(a.adminPort())).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> liveNodeIds(b).equals(List.of(2)));
        for (String user : List.of("alice", "bob", "carol", "dave", "erin")) {
            JsonNode route = users.route(b, user);
            assertThat(route.path("longPort").asInt()).as(user).isEqualTo(b.mqttPort());
            assertThat(route.path("wsPort").asInt()).as(user).isEqualTo(b.wsPort());
        }
        assertThat(result(b.admin().call("/admin/user/online_count", Map.of())).toString())
                .isEqualTo("[{\"count\":2,\"node\":2}]");
    }

    /**
     * A send whose transaction is still waiting (the receiver's timeline head is locked by another session) when the
     * drain starts: the client is not redirected until that send has its reply, and the message is stored. Without
     * the wait the client would get DISCONNECT 0x9C first and never learn the outcome.
     */
    @Test
    void aSendInFlightWhenTheDrainStartsGetsItsReplyBeforeTheRedirect() throws Exception {
        // a wait longer than this test's steps, however slow the machine: the test decides when the send ends
        TwoNodes cluster = closing.keep(new TwoNodes(Map.of("cluster.drain_request_wait_ms", 60_000)));
        TestNode a = cluster.a;
        TestNode b = cluster.b;
        await().atMost(60, TimeUnit.SECONDS).until(() -> liveNodeIds(a).equals(List.of(1, 2))
                && liveNodeIds(b).equals(List.of(1, 2)));
        Users users = new Users(a);
        users.login("bob");
        RpcPeer alice = closing.keep(new RpcPeer(a.host(), a.mqttPort(), users.login("alice")));
        MqttPeer carol = closing.keep(users.mqtt5(a, "carol", false));

        try (Connection holder = DriverManager.getConnection(cluster.db.url(), cluster.db.user(),
                cluster.db.password())) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement(
                    "SELECT head FROM user_heads WHERE user_id = 'bob' FOR UPDATE")) {
                ps.executeQuery().close();
            }
            alice.send("bob", "in flight", "drain-1");
            await("the send waits for bob's head").atMost(15, TimeUnit.SECONDS)
                    .until(() -> lockWaiters(holder) > 0);

            JsonNode drained = b.admin().call("/admin/node/drain", Map.of("nodeId", 1));
            assertThat(result(drained).path("clients").asInt()).isEqualTo(2);
            assertThat(carol.awaitDisconnect().orElseThrow().getReasonCode())
                    .isEqualTo(Mqtt5DisconnectReasonCode.USE_ANOTHER_SERVER);
            assertThat(alice.events).as("alice waits for her send").isEmpty();
            holder.commit();
        }

        await("alice is redirected").atMost(15, TimeUnit.SECONDS).until(() -> alice.events.size() == 2);
        // HiveMQ runs publish callbacks and disconnect listeners on different threads, so the list's order is not
        // the wire's; the reply arriving at all says it was written first: the node closes the connection right
        // after the DISCONNECT, and a reply written after it would be lost
        assertThat(alice.events).containsExactlyInAnyOrder("reply:0", "disconnect:USE_ANOTHER_SERVER");
        try (Connection c = DriverManager.getConnection(cluster.db.url(), cluster.db.user(), cluster.db.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM timeline WHERE user_id = 'bob'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the send is stored once").isOne();
        }
    }

    private static int lockWaiters(Connection any) throws java.sql.SQLException {
        try (ResultSet rs = any.createStatement().executeQuery("SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void healthAndOnlineCountListANodeThatDoesNotAnswerAsUnreachable() {
        TwoNodes cluster = closing.keep(new TwoNodes());
        closing.keep(new SilentNode(cluster, 3));
        await().atMost(15, TimeUnit.SECONDS).until(() -> liveNodeIds(cluster.a).equals(List.of(1, 2, 3)));

        // both wait out the 2 s node timeout, so ask at the same time
        CompletableFuture<JsonNode> countCall = CompletableFuture.supplyAsync(
                () -> cluster.a.admin().call("/admin/user/online_count", Map.of()));
        JsonNode health = Http.get(cluster.b.adminUrl() + "/admin/health");
        assertThat(result(countCall.join()).toString()).isEqualTo("[{\"count\":0,\"node\":1},{\"count\":0,\"node\":2},"
                + "{\"node\":3,\"status\":\"unreachable\"}]");
        assertThat(health.get("code").asInt()).isZero();
        assertThat(health.get("result")).extracting(n -> n.get("node").asText() + ":" + n.get("status").asText())
                .containsExactly("1:up", "2:up", "3:unreachable");
    }

    @Test
    void aSingleNodeDrainsItsClientsAndStops() throws Exception {
        TestNode node = closing.keep(TestNode.start());
        CountDownLatch stopped = new CountDownLatch(1);
        node.server().onDrained(stopped::countDown);
        Users users = new Users(node);
        MqttPeer carol = closing.keep(users.mqtt5(node, "carol", false));

        JsonNode drained = node.admin().call("/admin/node/drain", Map.of());
        assertThat(result(drained).toString()).isEqualTo("{\"clients\":1,\"nodeId\":1}");
        Mqtt5Disconnect disconnect = carol.awaitDisconnect().orElseThrow();
        assertThat(disconnect.getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN);
        assertThat(disconnect.getServerReference()).isEmpty();
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(refuses(node.mqttPort())).isTrue();
    }

    @Test
    void drainingAnUnknownNodeIsRefusedWithCode3() {
        TestNode node = closing.keep(TestNode.start());
        JsonNode answer = node.admin().call("/admin/node/drain", Map.of("nodeId", 9));
        assertThat(answer.get("code").asInt()).isEqualTo(3);
        assertThat(refuses(node.mqttPort())).isFalse();
    }

    private static JsonNode result(JsonNode envelope) {
        assertThat(envelope.get("code").asInt()).as(envelope.toString()).isZero();
        return envelope.get("result");
    }

    private static List<Integer> liveNodeIds(TestNode n) {
        List<Integer> ids = new ArrayList<>();
        Http.get(n.httpUrl() + "/api/version").get("liveNodeIds").forEach(id -> ids.add(id.asInt()));
        return ids;
    }

    private static boolean refuses(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
