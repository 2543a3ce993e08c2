package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code message.forbidden_client_send_types}: a client may not send those content types (248, no right to
 * operate, the reference's code), other types pass, and the server API may send them.
 */
class ForbiddenClientTypesIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("message.forbidden_client_send_types", "3999, 4000"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aClientSendOfAForbiddenTypeIs248AndOtherTypesPass() {
        Login alice = Fixtures.newUser(node, "alice");
        Login bob = Fixtures.newUser(node, "bob");
        try (Mqtt5Peer peer = Fixtures.online(node, alice)) {
            for (int type : new int[] {3999, 4000}) {
                Mqtt5Peer.Exchange x = peer.exchange(Methods.MESSAGE_SEND, typed(bob.userId(), type));
                assertThat(x.reply().getCode()).as("type %d", type).isEqualTo(248);
                assertThat(x.reply().getMsg()).contains("content type " + type, "server API");
            }
            for (int type : new int[] {1, 4001}) {
                Reply r = peer.call(Methods.MESSAGE_SEND, typed(bob.userId(), type));
                assertThat(r.getCode()).as("type %d", type).isZero();
            }
        }
    }

    @Test
    void theServerApiMaySendAForbiddenType() {
        Login alice = Fixtures.newUser(node, "alice");
        Login bob = Fixtures.newUser(node, "bob");
        JsonNode sent = node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                "conv", Map.of("type", 0, "target", bob.userId(), "line", 0),
                "payload", Map.of("type", 3999, "searchableContent", "paid", "persistFlag", 3)));
        assertThat(sent.path("code").asInt()).as("%s", sent).isZero();
    }

    private static SendMessageRequest typed(String target, int type) {
        return SendMessageRequest.newBuilder(Fixtures.text(target, "t"))
                .setContent(MessageContent.newBuilder().setType(type).setSearchableContent("t").setPersistFlag(3))
                .build();
    }
}
