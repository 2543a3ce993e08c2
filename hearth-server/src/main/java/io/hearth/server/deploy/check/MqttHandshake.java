package io.hearth.server.deploy.check;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MQTT part of every long-connection check: an MQTT 3.1.1 CONNECT without user name and password, and the
 * CONNACK that must come back. A refusal ("bad user name or password", "not authorized") proves the whole path to
 * a node's MQTT pipeline; a timeout, a close or anything that is not a CONNACK does not.
 */
final class MqttHandshake {

    static final int CONNACK = 0x20;

    private MqttHandshake() {
    }

    /** CONNECT, protocol level 4 (3.1.1), clean session, keep alive 60 s, a random client id, no credentials. */
    static byte[] connectPacket() {
        String clientId = "hearth-check-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60});
        v.write(id.length >> 8);
        v.write(id.length & 0xff);
        v.writeBytes(id);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x10);
        p.write(v.size()); // < 128: one length byte
        p.writeBytes(v.toByteArray());
        return p.toByteArray();
    }

    /**
     * Reads the answer to CONNECT and returns the CONNACK return code. {@code path} names what was asked
     * ("MQTT over TCP"), {@code fix} what to check when the answer is not MQTT.
     */
    static int readConnAck(InputStream in, Target t, String fix) throws ProbeFailure {
        byte[] head = new byte[4];
        int n = 0;
        try {
            while (n < 4) {
                int r = in.read(head, n, 4 - n);
                if (r < 0) {
                    throw new EOFException();
                }
                n += r;
                if ((head[0] & 0xff) != CONNACK) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new ProbeFailure(n == 0 ? "no answer to CONNECT within the timeout"
                    : "a partial answer to CONNECT, then nothing", fix);
        } catch (WebSocketFrames.ClosedException e) {
            throw new ProbeFailure("the server closed the WebSocket (" + e.getMessage() + ") instead of a CONNACK",
                    fix);
        } catch (EOFException e) {
            throw new ProbeFailure("the connection was closed without a CONNACK", fix);
        } catch (SocketException e) {
            throw new ProbeFailure("the connection was reset without a CONNACK (" + e.getMessage() + ")", fix);
        } catch (IOException e) {
            throw new ProbeFailure("reading the CONNACK failed: " + e, fix);
        }
        if ((head[0] & 0xff) != CONNACK || head[1] != 2) {
            throw new ProbeFailure("the answer is not MQTT: " + describe(head, n, in), fix);
        }
        return head[3] & 0xff;
    }

    /** The result of a CONNACK return code: refusals of an anonymous client are the expected answer. */
    static CheckResult verdict(String what, int code) {
        return switch (code) {
            case 4, 5 -> CheckResult.ok(what, "MQTT answered (refused anonymous, as expected)");
            case 0 -> CheckResult.ok(what, "MQTT answered (CONNACK accepted an anonymous client)");
            case 2 -> CheckResult.ok(what, "MQTT answered (CONNACK 2, identifier rejected)");
            case 3 -> CheckResult.fail(what, "MQTT answered CONNACK 3 server unavailable",
                    "the node cannot log clients in: check its log and database (/admin/health)");
            case 1 -> CheckResult.fail(what, "the server refused MQTT 3.1.1 (CONNACK 1): it is not a Hearth node",
                    "point this address at a Hearth node");
            default -> CheckResult.fail(what, "CONNACK with an unknown return code " + code,
                    "point this address at a Hearth node");
        };
    }

    /** The rest of a text line already started, up to 60 characters; what could be read before a failure. */
    private static String restOfLine(InputStream in) {
        StringBuilder b = new StringBuilder();
        try {
            for (int c = in.read(); c >= 0 && c != '\r' && c != '\n' && b.length() < 60; c = in.read()) {
                b.append((char) c);
            }
        } catch (IOException e) {
            // keep what was read
        }
        return b.toString();
    }

    private static String describe(byte[] head, int n, InputStream in) {
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (text.startsWith("HTTP") || text.startsWith("<")) {
            return "it answered HTTP (" + HttpExchange.printable(text + restOfLine(in)) + ")";
        }
        if (n > 0 && (head[0] == 0x15 || head[0] == 0x16)) {
            return "it answered TLS";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(String.format("%02x", head[i] & 0xff));
        }
        return "it answered bytes 0x" + hex;
    }
}
