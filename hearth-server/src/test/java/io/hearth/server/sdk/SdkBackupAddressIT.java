package io.hearth.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.client.Transport;
import io.hearth.protocol.Platforms;
import io.hearth.server.sdk.SdkMessagingIT.Inbox;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.TestNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dual network: the node advertises a main address nobody can reach (127.0.0.9, where nothing listens) and its real
 * address as {@code server.backup_address}. The SDK, refused at the main address, falls back to the backup at once
 * and works normally there.
 */
class SdkBackupAddressIT {

    @RegisterExtension
    final Closer closing = new Closer();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnreachableMainAddressFallsBackToTheBackupAddress(Transport transport) {
        int mqtt = Ports.free();
        int ws = Ports.free();
        int http = Ports.free();
        TestNode node = TestNode.start(Map.of("server.ip", "127.0.0.9", "port", mqtt, "websocket_port", ws,
                "local_port", http, "http_port", http,
                "server.backup_address", "127.0.0.1:" + http + ":" + mqtt + ":" + ws));
        closing.keep(node);
        node.admin().createUser("alice");
        node.admin().createUser("bob");

        Inbox bob = new Inbox();
        HearthClient bobClient = client(node, "bob", transport, bob);
        bobClient.connect().orTimeout(15, TimeUnit.SECONDS).join();
        Inbox alice = new Inbox();
        HearthClient aliceClient = client(node, "alice", transport, alice);
        aliceClient.connect().orTimeout(15, TimeUnit.SECONDS).join();

        aliceClient.sendText("bob", "via the backup network").join();
        await().atMost(10, TimeUnit.SECONDS).until(() -> bob.messages.size() == 1);
        assertThat(bob.messages.get(0).getContent().getSearchableContent()).isEqualTo("via the backup network");
    }

    private HearthClient client(TestNode node, String user, Transport transport, Inbox inbox) {
        String clientId = user + "-" + transport;
        HearthClient c = HearthClient.builder()
                .routeUrl(URI.create(node.httpUrl()))
                .userId(user).clientId(clientId).token(node.admin().token(user, clientId, Platforms.ANDROID))
                .platform(Platforms.ANDROID).transport(transport)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .listener(inbox).build();
        closing.keep(c);
        inbox.client = c;
        return c;
    }

}
