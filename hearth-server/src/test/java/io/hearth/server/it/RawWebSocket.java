package io.hearth.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A WebSocket client on a plain {@link Socket} that writes whatever bytes a test chooses after the handshake: frames
 * a well-behaved client never sends (unmasked, absurd lengths). Reads what the server answers until it closes.
 */
final class RawWebSocket implements AutoCloseable {

    /** What the server did after the bad frame: the close code it sent (-1 if none) and whether the socket ended. */
    record Outcome(int closeCode, boolean socketClosed) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades {@code /mqtt} with subprotocol mqtt; fails unless the server answers 101. */
    static RawWebSocket open(String host, int port) {
        return open(host, port, new byte[0]);
    }

    /**
     * As {@link #open(String, int)}, with {@code firstBytes} written in the same write as the upgrade request (as a
     * client that does not wait for the 101 would).
     */
    static RawWebSocket open(String host, int port, byte[] firstBytes) {
        try {
            RawWebSocket ws = new RawWebSocket(new Socket(host, port));
            ws.socket.setSoTimeout(30_000);
            byte[] key = new byte[16];
            new java.util.Random().nextBytes(key);
            String k = Base64.getEncoder().encodeToString(key);
            ws.out.write(("GET /mqtt HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + k + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ws.out.write(firstBytes);
            ws.out.flush();
            String head = ws.readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("upgrade refused: " + head);
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((k + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            if (!head.contains(accept)) {
                throw new IllegalStateException("wrong Sec-WebSocket-Accept in " + head);
            }
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake after: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload of the next frame from the server (the server never masks). */
    byte[] nextFramePayload() {
        try {
            in.read();
            int len = in.read() & 0x7f;
            if (len >= 126) {
                throw new IllegalStateException("unexpectedly long frame");
            }
            return in.readNBytes(len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One final binary frame, masked as a client must. */
    static byte[] maskedBinary(byte[] payload) {
        if (payload.length >= 126) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] out = new byte[6 + payload.length];
        out[0] = (byte) 0x82;
        out[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, out, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            out[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return out;
    }

    /**
     * Reads server frames until the socket ends (or the 30 s read timeout, which a test reads as "not closed"):
     * the code of the first close frame, if any.
     */
    Outcome awaitServerClose() {
        int code = -1;
        try {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return new Outcome(code, true);
                }
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) Math.min(len, 1 << 16));
                if ((b0 & 0x0f) == 0x8 && code < 0) {
                    code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
            }
        } catch (SocketTimeoutException e) {
            return new Outcome(code, false);
        } catch (IOException e) {
            return new Outcome(code, true); // reset by the server: closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
