package io.hearth.server.deploy.check;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of RFC 6455 that a check needs: the handshake key and its expected accept value, masked binary
 * frames out, and the payload of the server's data frames in as one stream (control frames handled on the way).
 */
final class WebSocketFrames {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final int MAX_FRAME = 1 << 20;

    private WebSocketFrames() {
    }

    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One final, masked binary frame. */
    static void writeBinary(OutputStream out, byte[] payload) throws IOException {
        writeFrame(out, 0x2, payload);
    }

    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        int n = payload.length;
        byte[] head;
        if (n < 126) {
            head = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | n)};
        } else if (n < 65536) {
            head = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (n >> 8), (byte) n};
        } else {
            throw new IOException("frame too large for a check: " + n);
        }
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(head);
        out.write(mask);
        out.write(masked);
        out.flush();
    }

    /** The server closed the WebSocket; the message is the close code and reason. */
    static final class ClosedException extends IOException {
        ClosedException(String codeAndReason) {
            super(codeAndReason, null);
        }
    }

    /**
     * The concatenated payloads of the server's binary (and text) frames. Pings are answered, pongs skipped, a close
     * frame ends the stream with a {@link ClosedException}.
     */
    static InputStream payloads(InputStream in, OutputStream out) {
        return new InputStream() {
            private byte[] frame = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos == frame.length) {
                    nextDataFrame();
                }
                int n = Math.min(len, frame.length - pos);
                System.arraycopy(frame, pos, b, off, n);
                pos += n;
                return n;
            }

            private void nextDataFrame() throws IOException {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    throw new EOFException("connection closed");
                }
                int opcode = b0 & 0x0f;
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (readByte() << 8) | readByte();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | readByte();
                    }
                }
                if (len > MAX_FRAME) {
                    throw new IOException("frame of " + len + " bytes");
                }
                byte[] mask = (b1 & 0x80) != 0 ? readExactly(4) : null;
                byte[] payload = readExactly((int) len);
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i & 3];
                    }
                }
                switch (opcode) {
                    case 0x0, 0x1, 0x2 -> {
                        frame = payload;
                        pos = 0;
                    }
                    case 0x8 -> throw new ClosedException(closeReason(payload));
                    case 0x9 -> writeFrame(out, 0xA, payload);
                    default -> {
                        // pong or reserved: skip
                    }
                }
            }

            private int readByte() throws IOException {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                return b;
            }

            private byte[] readExactly(int n) throws IOException {
                byte[] b = in.readNBytes(n);
                if (b.length < n) {
                    throw new EOFException("connection closed");
                }
                return b;
            }
        };
    }

    private static String closeReason(byte[] payload) {
        if (payload.length < 2) {
            return "close frame without a code";
        }
        int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        String reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        return "close code " + code + (reason.isEmpty() ? "" : " " + reason);
    }
}
