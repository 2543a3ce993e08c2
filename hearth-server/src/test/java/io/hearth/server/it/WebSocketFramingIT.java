package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.testing.TestNode;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames a browser never sends, written raw after a good handshake: each is refused when it arrives, with the
 * RFC 6455 close code, not by a timer. The CONNECT timer ({@code netty.channel_timeout.seconds}) is set to an hour
 * so that it cannot be what closes the connection.
 */
class WebSocketFramingIT {

    private static TestNode node;

    @BeforeAll
    static void startNode() {
        node = TestNode.start(Map.of("netty.channel_timeout.seconds", 3600, "mqtt.max_packet_size", 65536));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolError1002() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(node.host(), node.wsPort())) {
            ws.send(new byte[] {(byte) 0x82, 0x05, 'h', 'e', 'l', 'l', 'o'});

            assertThat(ws.awaitServerClose()).isEqualTo(new RawWebSocket.Outcome(1002, true));
        }
        assertStillServing();
    }

    @Test
    void aFrameClaimingTwoToTheSixtyThreeBytesIsAProtocolError1002() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(node.host(), node.wsPort())) {
            // masked, 64-bit length with the top bit set: 2^63, not a valid length (RFC 6455 5.2)
            ws.send(head(0x8000_0000_0000_0000L));

            assertThat(ws.awaitServerClose()).isEqualTo(new RawWebSocket.Outcome(1002, true));
        }
        assertStillServing();
    }

    @Test
    void aFrameLongerThanTheLargestPacketIsTooBig1009BeforeItsPayloadArrives() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(node.host(), node.wsPort())) {
            ws.send(head(1L << 40)); // a terabyte announced, none of it sent

            assertThat(ws.awaitServerClose()).isEqualTo(new RawWebSocket.Outcome(1009, true));
        }
        assertStillServing();
    }

    @Test
    void badFramesWrittenTogetherWithTheUpgradeRequestAreRefusedAsWell() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(node.host(), node.wsPort(),
                new byte[] {(byte) 0x82, 0x05, 'h', 'e', 'l', 'l', 'o'})) {
            assertThat(ws.awaitServerClose()).isEqualTo(new RawWebSocket.Outcome(1002, true));
        }
        try (RawWebSocket ws = RawWebSocket.open(node.host(), node.wsPort(), head(0x8000_0000_0000_0000L))) {
            assertThat(ws.awaitServerClose()).isEqualTo(new RawWebSocket.Outcome(1002, true));
        }
        assertStillServing();
    }

    @Test
    void aGoodFrameWrittenTogetherWithTheUpgradeRequestIsDecodedAsUsual() throws Exception {
        // MQTT 3.1.1 CONNECT, client id "c", no credentials: answered with a CONNACK refusal, in a binary frame
        byte[] connect = {0x10, 0x0d, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 1, 'c'};
        try (RawWebSocket ws = RawWebSocket.open(node.host(), node.wsPort(), RawWebSocket.maskedBinary(connect))) {
            byte[] connack = ws.nextFramePayload();

            assertThat(connack).hasSize(4);
            assertThat(connack[0]).isEqualTo((byte) 0x20);
            assertThat(connack[3]).isNotZero();
        }
    }

    /** A masked binary frame header with a 64-bit length and its mask key; no payload. */
    private static byte[] head(long length) {
        return ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127)).putLong(length)
                .put(new byte[] {1, 2, 3, 4}).array();
    }

    private static void assertStillServing() throws Exception {
        try (RawWebSocket again = RawWebSocket.open(node.host(), node.wsPort())) {
            assertThat(again).isNotNull();
        }
    }
}
