package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.UsersIT.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.InfoEntry;
import io.hearth.protocol.pb.ModifyMyInfoRequest;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.Postgres;
import io.hearth.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The users feature on a two-node cluster (Hazelcast on loopback, one PostgreSQL database): a profile change made
 * on node 1 is a notice on the user's device on node 2, online_list and session_list of node 1 see a client of node
 * 2, and a ban through node 1 closes the user's connection on node 2.
 */
class UserClusterIT {

    private static TestNode a;
    private static TestNode b;

    @BeforeAll
    static void startCluster() {
        Postgres.Db db = Postgres.newDatabase();
        String cluster = "users-it-" + UUID.randomUUID().toString().substring(0, 8);
        int portA = Ports.free();
        int portB = Ports.free();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        a = node(db, 1, portA, members, cluster);
        b = node(db, 2, portB, members, cluster);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.admin().call("/admin/user/online_count", Map.of())
                .path("result").size() == 2);
    }

    private static TestNode node(Postgres.Db db, int nodeId, int clusterPort, String members, String cluster) {
        Map<String, Object> s = new HashMap<>(db.settings());
        s.put("node_id", nodeId);
        s.put("cluster.members", members);
        s.put("cluster.host", "127.0.0.1");
        s.put("cluster.port", clusterPort);
        s.put("cluster.name", cluster);
        return TestNode.start(s);
    }

    @AfterAll
    static void stopCluster() {
        for (TestNode n : new TestNode[] {b, a}) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void aProfileChangeOnNodeOneIsANoticeOnTheOtherDeviceOnNodeTwo() throws Exception {
        Login alice = newUser(a, "cl-alice");
        String pc = id("cl-alice-pc");
        String pcToken = a.admin().token(alice.userId(), pc, 3);
        try (Mqtt5Peer phone = Fixtures.online(a, alice);
             Mqtt5Peer desktop = Mqtt5Peer.connect(b.mqttPort(), alice.userId(), pc, pcToken).subscribeDefaults()) {
            Reply r = phone.call(Methods.USER_MODIFY_MY_INFO, ModifyMyInfoRequest.newBuilder()
                    .addEntry(InfoEntry.newBuilder().setType(0).setValue("Alice on two nodes")).build());
            assertThat(r.getCode()).as(r.getMsg()).isZero();

            Notice n = Notice.parseFrom(desktop.awaitPublish(Topics.push(alice.userId(), Topics.PUSH_NOTICE))
                    .getPayloadAsBytes());
            assertThat(n.getKind()).isEqualTo(NoticeKinds.USER);
            assertThat(n.getVersion()).isEqualTo(r.getMyInfo().getUpdateDt());
        }
    }

    @Test
    void onlineListAndSessionListOfNodeOneSeeAClientOfNodeTwo() {
        Login carol = newUser(a, "cl-carol");
        try (Mqtt5Peer onB = Fixtures.online(b, carol)) {
            List<String> clients = new ArrayList<>();
            JsonNode page = assertOk(a.admin().call("/admin/user/online_list", Map.of("nodeId", 2, "count", 1000)))
                    .path("result");
            page.path("userClients").forEach(c -> clients.add(c.path("userId").asText() + "/"
                    + c.path("clientId").asText()));
            assertThat(clients).contains(carol.userId() + "/" + carol.clientId());
            assertThat(page.path("totalCount").asInt()).isGreaterThanOrEqualTo(1);
            JsonNode sessions = assertOk(a.admin().call("/admin/user/session_list", Map.of("userId", carol.userId())))
                    .path("result").path("userSessions");
            assertThat(sessions.get(0).path("isOnline").asBoolean()).isTrue();
            assertThat(assertOk(a.admin().call("/admin/user/online_list", Map.of("nodeId", 1, "count", 1000)))
                    .path("result").path("userClients")).noneMatch(c -> c.path("userId").asText()
                    .equals(carol.userId()));
        }
    }

    @Test
    void aBanThroughNodeOneClosesTheConnectionOnNodeTwo() {
        Login dan = newUser(a, "cl-dan");
        try (Mqtt5Peer onB = Fixtures.online(b, dan)) {
            assertOk(a.admin().call("/admin/user/update_block_status", Map.of("userId", dan.userId(), "status", 2)));
            assertThat(onB.awaitDisconnected()).map(Mqtt5Disconnect::getReasonCode)
                    .contains(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
        } finally {
            assertOk(a.admin().call("/admin/user/update_block_status", Map.of("userId", dan.userId(), "status", 0)));
        }
    }
}
