package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remote censor against a local HTTP censor: a text it answers with a replacement is sent replaced, one it
 * blocks (403) is refused with 242 on a node with {@code sensitive.remote_fail_when_matched} and dropped on one
 * without, a slow answer falls back to sending, a type it does not judge is never posted, and server API sends are
 * not censored.
 */
class RemoteCensorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> POSTED = new CopyOnWriteArrayList<>();
    private static HttpServer censor;
    private static TestNode strict;
    private static TestNode lenient;

    @RegisterExtension
    final Closer closer = new Closer();

    @BeforeAll
    static void start() throws Exception {
        censor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        censor.createContext("/censor", ex -> {
            JsonNode data = JSON.readTree(ex.getRequestBody().readAllBytes());
            POSTED.add(data);
            String text = data.get("payload").path("searchableContent").asText();
            byte[] body = new byte[0];
            int status = 200;
            if (text.contains("darn")) {
                body = "{\"type\":1,\"searchableContent\":\"[polite words]\",\"persistFlag\":3}"
                        .getBytes(StandardCharsets.UTF_8);
            } else if (text.contains("forbidden")) {
                status = 403;
            } else if (text.contains("slow")) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        censor.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        censor.start();
        String url = "http://127.0.0.1:" + censor.getAddress().getPort() + "/censor";
        strict = TestNode.start(Map.of("sensitive.remote_server_url", url, "sensitive.remote_fail_when_matched", true,
                "sensitive.remote_sensitive_message_type", "1-2", "sensitive.remote_timeout_ms", 300));
        lenient = TestNode.start(Map.of("sensitive.remote_server_url", url));
    }

    @AfterAll
    static void stop() {
        for (TestNode n : new TestNode[] {strict, lenient}) {
            if (n != null) {
                n.close();
            }
        }
        if (censor != null) {
            censor.stop(0);
        }
    }

    @Test
    void theCensorReplacesBlocksAndFallsBackOnAStrictNode() {
        String alice = Fixtures.id("alice");
        String bob = Fixtures.id("bob");
        strict.admin().createUser(alice);
        strict.admin().createUser(bob);
        Mqtt5Peer a = closer.keep(Devices.phone(strict, alice));

        long replaced = Devices.ok(a.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "darn it"))).getSend()
                .getMessageUid();
        assertThat(POSTED).anySatisfy(d -> {
            assertThat(d.get("sender").asText()).isEqualTo(alice);
            assertThat(d.get("conv").get("target").asText()).isEqualTo(bob);
        });
        assertThat(a.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "forbidden words")).getCode()).isEqualTo(242);
        Devices.ok(a.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "slow thinker")));
        int posted = POSTED.size();
        Devices.ok(a.call(Methods.MESSAGE_SEND, SendMessageRequest.newBuilder().setConversation(
                Fixtures.text(bob, "x").getConversation()).setContent(MessageContent.newBuilder().setType(3)
                .setSearchableContent("forbidden picture").setPersistFlag(3)).build()));
        assertThat(POSTED).as("type 3 is not judged").hasSize(posted);
        strict.admin().call("/admin/message/send", Map.of("sender", alice, "conv", Map.of("type", 0, "target", bob),
                "payload", Map.of("type", 1, "searchableContent", "forbidden by admin")));
        assertThat(POSTED).as("server API sends are not censored").hasSize(posted);

        try (Mqtt5Peer b = Devices.phone(strict, bob)) {
            List<String> texts = Devices.timeline(b).stream().map(m -> m.getContent().getSearchableContent())
                    .toList();
            assertThat(texts).contains("[polite words]", "slow thinker", "forbidden picture", "forbidden by admin")
                    .doesNotContain("darn it", "forbidden words");
            assertThat(Devices.timeline(b)).filteredOn(m -> m.getMessageUid() == replaced)
                    .extracting(Message::getContent).extracting(MessageContent::getSearchableContent)
                    .containsExactly("[polite words]");
        }
    }

    @Test
    void aBlockedMessageIsDroppedOnALenientNode() {
        String alice = Fixtures.id("alice");
        String bob = Fixtures.id("bob");
        lenient.admin().createUser(alice);
        lenient.admin().createUser(bob);
        Mqtt5Peer a = closer.keep(Devices.phone(lenient, alice));
        assertThat(a.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "forbidden again")).getCode())
                .as("the sender is told it was sent").isZero();
        Devices.ok(a.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "fine words")));
        try (Mqtt5Peer b = Devices.phone(lenient, bob)) {
            assertThat(Devices.timeline(b)).extracting(m -> m.getContent().getSearchableContent())
                    .contains("fine words").doesNotContain("forbidden again");
        }
    }
}
