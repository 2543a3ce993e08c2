package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.protocol.Methods;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, the connection flood: connections that never send CONNECT can hold at most
 * {@code mqtt.max_pending_connections} descriptors (the oldest is closed for each new one), and a real client
 * still logs in and sends while the flood goes on.
 */
class PendingConnectionsIT {

    private static final int MAX_PENDING = 5;

    @Test
    void idleConnectionsBeyondTheLimitAreClosedOldestFirstAndLoginsGetThrough() throws Exception {
        try (TestNode node = TestNode.start(Map.of("mqtt.max_pending_connections", MAX_PENDING,
                "netty.channel_timeout.seconds", 600))) {
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 4 * MAX_PENDING; i++) {
                    flood.add(new Socket(node.host(), node.mqttPort()));
                }
                // all but the newest 5 are closed by the node (no CONNECT timer: it is 600 s here); the event loops
                // set connections up in parallel, so "newest" is by the node's clock, not exactly by socket order
                await().atMost(Duration.ofSeconds(10)).until(() -> closedCount(flood) == 3 * MAX_PENDING);
                assertThat(closedCount(flood.subList(0, MAX_PENDING))).as("the oldest").isEqualTo(MAX_PENDING);

                Login alice = newUser(node, "alice");
                Login bob = newUser(node, "bob");
                try (Mqtt5Peer a = Fixtures.online(node, alice)) {
                    assertThat(a.call(Methods.MESSAGE_SEND, Fixtures.text(bob.userId(), "through the flood"))
                            .getCode()).isZero();
                }
                // the login pushed out one more idle connection
                assertThat(closedCount(flood)).isEqualTo(3 * MAX_PENDING + 1);
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }

    /** How many of the sockets the server has closed (their read returns end of stream). */
    private static int closedCount(List<Socket> sockets) throws IOException {
        int closed = 0;
        for (Socket s : sockets) {
            s.setSoTimeout(50);
            InputStream in = s.getInputStream();
            try {
                if (in.read() < 0) {
                    closed++;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                closed++; // reset
            }
        }
        return closed;
    }
}
