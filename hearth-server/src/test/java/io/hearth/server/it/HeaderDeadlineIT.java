package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that trickles a request's headers (one header line every 200 ms, never the blank line that ends them)
 * is answered 408 and closed once {@code http.header_timeout_seconds} (1 s here) has passed, on the client HTTP
 * port, the admin port and the WebSocket upgrade; meanwhile a normal request on another connection is answered.
 * The trickle keeps reading the socket alive, so the 60 s idle timeout cannot be what closes it, and the CONNECT
 * timer of the WebSocket port is set to an hour.
 */
class HeaderDeadlineIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestNode node;

    @BeforeAll
    static void startNode() {
        node = TestNode.start(Map.of("http.header_timeout_seconds", 1, "netty.channel_timeout.seconds", 3600));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aTricklingRequestOnTheClientPortGets408WhileAnotherConnectionIsServed() throws Exception {
        String answer = trickleUntilClosed(node.httpPort(), "GET /api/version HTTP/1.1\r\nHost: x\r\n",
                () -> assertThat(get(node.httpUrl() + "/api/version")).isEqualTo(200));

        assertThat(answer).startsWith("HTTP/1.1 408");
    }

    @Test
    void aTricklingRequestOnTheAdminPortGets408() throws Exception {
        String answer = trickleUntilClosed(node.adminPort(), "POST /admin/user/get_info HTTP/1.1\r\nHost: x\r\n",
                () -> assertThat(get(node.adminUrl() + "/admin/health")).isEqualTo(200));

        assertThat(answer).startsWith("HTTP/1.1 408");
    }

    @Test
    void aTricklingWebSocketUpgradeGets408() throws Exception {
        String answer = trickleUntilClosed(node.wsPort(), "GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n",
                () -> RawWebSocket.open(node.host(), node.wsPort()).close());

        assertThat(answer).startsWith("HTTP/1.1 408");
    }

    @Test
    void aKeepAliveConnectionIdleBetweenRequestsStaysOpenAndItsNextRequestHasItsOwnDeadline() throws Exception {
        try (Socket s = new Socket(node.host(), node.httpPort())) {
            s.setSoTimeout(10_000);
            String request = "GET /api/version HTTP/1.1\r\nHost: x\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");

            Thread.sleep(2_500); // idle for more than twice the header deadline: not a request being sent
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");

            String answer = trickle(s, "GET /api/version HTTP/1.1\r\nHost: x\r\n", () -> { });
            assertThat(answer).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void anUpgradedWebSocketIsNoLongerUnderTheHeaderDeadline() throws Exception {
        byte[] connect = {0x10, 0x0d, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 1, 'c'};
        try (RawWebSocket ws = RawWebSocket.open(node.host(), node.wsPort())) {
            ws.send(RawWebSocket.maskedBinary(java.util.Arrays.copyOf(connect, 2))); // a packet begun, not finished

            Thread.sleep(2_500); // more than twice the header deadline
            ws.send(RawWebSocket.maskedBinary(java.util.Arrays.copyOfRange(connect, 2, connect.length)));

            byte[] connack = ws.nextFramePayload();
            assertThat(connack[0]).as("a CONNACK, not a 408").isEqualTo((byte) 0x20);
        }
    }

    /** Opens a connection, starts a request with {@code head} and trickles header lines until the server closes. */
    private static String trickleUntilClosed(int port, String head, Check meanwhile) throws Exception {
        try (Socket s = new Socket(node.host(), port)) {
            return trickle(s, head, meanwhile);
        }
    }

    private static String trickle(Socket s, String head, Check meanwhile) throws Exception {
        s.setSoTimeout(200);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        meanwhile.run();
        byte[] buf = new byte[4096];
        for (int i = 0; i < 150; i++) { // 30 s at most: far beyond the 1 s deadline, far below the idle timeout
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return got.toString(StandardCharsets.US_ASCII);
                }
                got.write(buf, 0, n);
                continue;
            } catch (SocketTimeoutException e) {
                // nothing yet: send one more header line
            } catch (IOException reset) {
                return got.toString(StandardCharsets.US_ASCII);
            }
            try {
                out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // closed by the server: what it said is still to be read
            }
        }
        throw new AssertionError("connection still open after 30 s of trickled headers; got: " + got);
    }

    /** The status line and headers of one response, and its body by Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return h;
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }
}
