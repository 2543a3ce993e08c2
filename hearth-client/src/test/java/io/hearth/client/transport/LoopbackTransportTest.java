package io.hearth.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hearth.client.HearthClient;
import io.hearth.client.HearthException;
import io.hearth.client.Transport;
import io.hearth.protocol.Platforms;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real NIO opener and pipelines (TCP, WebSocket, route) against {@link LoopbackServer}. */
class LoopbackTransportTest {

    private static EventLoopGroup group;
    private static LoopbackServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new LoopbackServer(group);
    }

    @AfterAll
    static void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }


    private static void sendAndCheck(HearthClient client) throws Exception {
        client.connect().get(5, TimeUnit.SECONDS);
        assertThat(client.isConnected()).isTrue();
        long seq = client.sendText("bob", "hello").get(5, TimeUnit.SECONDS).getSeq();
        assertThat(seq).isPositive();
        assertThat(client.lastSeq()).isEqualTo(seq);
        client.close();
    }

    @Test
    void tcpWithItsOwnEventLoop() throws Exception {
        sendAndCheck(HearthClient.builder().directAddress("127.0.0.1", server.tcpPort())
                .userId("alice").clientId("tcp-1").token("good").platform(Platforms.ANDROID).build());
        assertThat(server.connects).contains("alice/tcp-1/v5");
    }

    @Test
    void webSocketOnASharedGroupWaitsForTheHandshake() throws Exception {
        sendAndCheck(HearthClient.builder().directAddress("127.0.0.1", server.wsPort()).transport(Transport.WEBSOCKET)
                .eventLoopGroup(group).userId("alice").clientId("ws-1").token("good").platform(Platforms.WEB).build());
        assertThat(server.connects).contains("alice/ws-1/v5");
        assertThat(group.isShuttingDown()).isFalse();
    }

    @Test
    void routeThenTcp() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/route", ex -> {
            byte[] out = ("{\"code\":0,\"msg\":\"success\",\"result\":{\"host\":\"127.0.0.1\",\"longPort\":"
                    + server.tcpPort() + ",\"shortPort\":80,\"wsPort\":" + server.wsPort() + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        http.start();
        try {
            sendAndCheck(HearthClient.builder()
                    .routeUrl(URI.create("http://127.0.0.1:" + http.getAddress().getPort()))
                    .userId("alice").clientId("routed-1").token("good").platform(Platforms.ANDROID).build());
            assertThat(server.connects).contains("alice/routed-1/v5");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void badTokenFailsConnectWithCode6() {
        HearthClient client = HearthClient.builder().directAddress("127.0.0.1", server.tcpPort())
                .userId("alice").clientId("bad-1").token("bad").platform(Platforms.ANDROID).build();
        assertThatThrownBy(() -> client.connect().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(6));
        client.close();
    }
}
