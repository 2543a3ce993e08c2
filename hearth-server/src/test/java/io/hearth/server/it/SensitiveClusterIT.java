package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.SettingsIT.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullSettingRequest;
import io.hearth.protocol.pb.PutSettingRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.it.SensitiveWordsIT.Chat;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.Postgres;
import io.hearth.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the settings feature shares across a cluster of two nodes (Hazelcast on loopback) on one PostgreSQL
 * database: a sensitive word added through node 2 is enforced by node 1 within 5 s, and one deleted through node 2
 * is let through by node 1 within 5 s; a setting written on a device connected to node 1 is noticed on the user's
 * device connected to node 2, which pulls it there.
 */
class SensitiveClusterIT {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    private static TestNode one;
    private static TestNode two;

    @BeforeAll
    static void start() {
        Postgres.Db db = Postgres.newDatabase();
        String name = "sensitive-it-" + UUID.randomUUID().toString().substring(0, 8);
        int portOne = Ports.free();
        int portTwo = Ports.free();
        String members = "127.0.0.1:" + portOne + ",127.0.0.1:" + portTwo;
        one = TestNode.start(node(db, 1, portOne, members, name));
        two = TestNode.start(node(db, 2, portTwo, members, name));
        await("one cluster of two nodes").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(liveNodes(one)).isEqualTo("[1,2]"));
    }

    /** {@code liveNodeIds} of a node's {@code /api/version}. */
    private static String liveNodes(TestNode node) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.httpUrl() + "/api/version")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body()).path("liveNodeIds").toString();
    }

    private static Map<String, Object> node(Postgres.Db db, int id, int clusterPort, String members, String name) {
        Map<String, Object> s = new HashMap<>(db.settings());
        s.put("node_id", id);
        s.put("cluster.members", members);
        s.put("cluster.host", "127.0.0.1");
        s.put("cluster.port", clusterPort);
        s.put("cluster.name", name);
        s.put("sensitive.filter.type", 0);
        return s;
    }

    @AfterAll
    static void stop() {
        for (TestNode n : new TestNode[] {two, one}) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void aWordAddedOrDeletedThroughNodeTwoIsEnforcedByNodeOneWithinFiveSeconds() {
        String word = id("spreading");
        try (Chat chat = Chat.open(one)) {
            assertThat(chat.send("before: " + word).getCode()).isZero();

            assertCode(two.admin().call("/admin/sensitive/add", Map.of("words", List.of(word))), 0, "success");
            await("node 1 refuses the word").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> chat.send("now: " + word).getCode() == 242);
            assertThat(one.admin().call("/admin/sensitive/query", Map.of()).path("result").path("words").toString())
                    .contains(word);

            assertCode(two.admin().call("/admin/sensitive/del", Map.of("words", List.of(word))), 0, "success");
            await("node 1 lets the word through again").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> chat.send("again: " + word).getCode() == 0);
        }
    }

    @Test
    void aSettingWrittenOnNodeOneIsNoticedAndPulledOnNodeTwo() throws Exception {
        String userId = id("ivy");
        one.admin().createUser(userId);
        String phoneId = id("ivy-phone");
        String pcId = id("ivy-pc");
        try (Mqtt5Peer phone = Mqtt5Peer.connect(one.mqttPort(), userId, phoneId,
                     one.admin().token(userId, phoneId, Fixtures.ANDROID)).subscribeDefaults();
             Mqtt5Peer pc = Mqtt5Peer.connect(two.mqttPort(), userId, pcId,
                     two.admin().token(userId, pcId, UserDevices.WINDOWS)).subscribeDefaults()) {
            Reply put = phone.call(Methods.SETTING_PUT, PutSettingRequest.newBuilder().setScope(3).setKey("0-x-0")
                    .setValue("1").build());
            assertThat(put.getCode()).isZero();
            long version = put.getSettingPut().getVersion();
            Notice n = Notice.parseFrom(pc.awaitPublish(Topics.push(userId, Topics.PUSH_NOTICE)).getPayloadAsBytes());
            assertThat(n.getKind()).isEqualTo(NoticeKinds.SETTING);
            assertThat(n.getVersion()).isEqualTo(version);
            Reply pulled = pc.call(Methods.SETTING_PULL, PullSettingRequest.newBuilder().setSinceVersion(0).build());
            assertThat(pulled.getSettingPull().getEntriesList()).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).isEqualTo("1"));
            assertThat(pulled.getSettingPull().getHead()).isEqualTo(version);
        }
    }
}
