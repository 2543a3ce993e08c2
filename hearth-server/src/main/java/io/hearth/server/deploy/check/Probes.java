package io.hearth.server.deploy.check;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one probe per call over a fresh connection: MQTT over TCP or TLS, MQTT over WebSocket or WSS, and HTTP GET.
 * Each adds its verdict lines to {@code out}; a TLS connection first adds the certificate's verdict. Blocking, on
 * the calling thread (several may call at once), every step bounded by the {@link Dialer}'s timeout.
 */
final class Probes {

    static final String CERT_KEYS = "jks_path, or the proxy's ssl_certificate";
    static final String NGINX_UPGRADE = "add `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade;"
            + " proxy_set_header Connection \"upgrade\";` to the nginx location that proxies to websocket_port";

    private final Dialer dialer;
    private final Clock clock;
    /** host:port whose certificate was judged already: one TLS line per address, however many probes use it. */
    private final Set<String> certificatesSeen = ConcurrentHashMap.newKeySet();

    Probes(Dialer dialer, Clock clock) {
        this.dialer = dialer;
        this.clock = clock;
    }

    /** An open connection and its buffered input. */
    private record Conn(Socket socket, InputStream in, OutputStream out) implements AutoCloseable {
        @Override
        public void close() {
            Dialer.closeQuietly(socket);
        }
    }

    /** Opens {@code t}; with TLS adds the certificate line (once per address). Null (and a FAIL line) when no connection came up. */
    private Conn open(String who, String what, Target t, boolean tls, List<CheckResult> out) {
        try {
            Socket s;
            if (tls) {
                Dialer.TlsSocket ts = dialer.tls(t);
                if (certificatesSeen.add(t.hostPort())) {
                    out.add(TlsVerdict.of(who + " TLS " + t, t.host(), ts.seen(), clock.instant(), CERT_KEYS));
                }
                s = ts.socket();
            } else {
                s = dialer.plain(t);
            }
            return new Conn(s, new BufferedInputStream(s.getInputStream()), s.getOutputStream());
        } catch (ProbeFailure f) {
            out.add(CheckResult.fail(what, f));
            return null;
        } catch (IOException e) {
            out.add(CheckResult.fail(what, "cannot use the connection to " + t + ": " + e, "check " + t.keys()));
            return null;
        }
    }

    void mqtt(String who, String what, Target t, boolean tls, List<CheckResult> out) {
        Conn c = open(who, what, t, tls, out);
        if (c == null) {
            return;
        }
        try (c) {
            c.out().write(MqttHandshake.connectPacket());
            c.out().flush();
            out.add(MqttHandshake.verdict(what, MqttHandshake.readConnAck(c.in(), t, t + " must reach the node's "
                    + t.keys() + " (through nginx: a `stream` server with proxy_pass, not an http location)")));
        } catch (ProbeFailure f) {
            out.add(CheckResult.fail(what, f));
        } catch (IOException e) {
            out.add(CheckResult.fail(what, "sending CONNECT to " + t + " failed: " + e, "check " + t.keys()));
        }
    }

    void webSocket(String who, String what, Target t, boolean tls, String path, List<CheckResult> out) {
        Conn c = open(who, what, t, tls, out);
        if (c == null) {
            return;
        }
        try (c) {
            upgrade(c, t, tls, path);
            WebSocketFrames.writeBinary(c.out(), MqttHandshake.connectPacket());
            int code;
            try {
                code = MqttHandshake.readConnAck(WebSocketFrames.payloads(c.in(), c.out()), t,
                        "the WebSocket must reach a Hearth node's " + t.keys()
                        + " (check the proxy's upstream; proxy_read_timeout ≥ 600s)");
            } catch (ProbeFailure f) {
                throw new ProbeFailure("upgraded (101) but " + f.why(), f.fix());
            }
            out.add(MqttHandshake.verdict(what, code));
        } catch (ProbeFailure f) {
            out.add(CheckResult.fail(what, f));
        } catch (IOException e) {
            out.add(CheckResult.fail(what, "WebSocket to " + t + " failed: " + e, "check " + t.keys()));
        }
    }

    private static void upgrade(Conn c, Target t, boolean tls, String path) throws ProbeFailure, IOException {
        String key = WebSocketFrames.newKey();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", key);
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Sec-WebSocket-Protocol", "mqtt");
        HttpExchange.writeRequest(c.out(), "GET", hostHeader(t, tls), path, headers);
        HttpExchange.Head head = readHead(c.in(), t, t + " must be a WebSocket port: check " + t.keys()
                + " (it must not be the MQTT TCP port)");
        if (head.status() != 101) {
            String hint = head.status() == 404 ? " (or nothing serves " + path + " there: check " + t.keys() + ")"
                    : "";
            throw new ProbeFailure(head.statusLine() + head.fromServer()
                    + " instead of 101 Switching Protocols: the proxy does not upgrade to WebSocket", NGINX_UPGRADE
                    + hint);
        }
        if (!WebSocketFrames.acceptFor(key).equals(head.header("sec-websocket-accept"))) {
            throw new ProbeFailure("101 with a wrong Sec-WebSocket-Accept", "a proxy rewrites the handshake:"
                    + " pass it through unchanged (" + NGINX_UPGRADE + ")");
        }
        if (!head.header("sec-websocket-protocol").equalsIgnoreCase("mqtt")) {
            throw new ProbeFailure("101 without the subprotocol mqtt (browsers' MQTT clients then close)",
                    "let the proxy pass Sec-WebSocket-Protocol through unchanged");
        }
    }

    /** GET {@code path}; null and a FAIL line when no HTTP answer came back, else the answer for the caller. */
    HttpExchange.Response get(String who, String what, Target t, boolean tls, String path, List<CheckResult> out) {
        Conn c = open(who, what, t, tls, out);
        if (c == null) {
            return null;
        }
        try (c) {
            HttpExchange.writeRequest(c.out(), "GET", hostHeader(t, tls), path,
                    Map.of("Accept", "application/json", "Connection", "close"));
            HttpExchange.Head head = readHead(c.in(), t, t + " must be an HTTP port: check " + t.keys());
            return new HttpExchange.Response(head, HttpExchange.readBody(c.in(), head));
        } catch (ProbeFailure f) {
            out.add(CheckResult.fail(what, f));
        } catch (IOException e) {
            out.add(CheckResult.fail(what, "reading the answer from " + t + " failed: " + e, "check " + t.keys()));
        }
        return null;
    }

    /** {@code host[:port]} as a browser sends it: without the port when it is the scheme's default. */
    static String hostHeader(Target t, boolean tls) {
        return t.port() == (tls ? 443 : 80) ? t.hostPort().substring(0, t.hostPort().lastIndexOf(':')) : t.hostPort();
    }

    private static HttpExchange.Head readHead(InputStream in, Target t, String fix) throws ProbeFailure {
        try {
            return HttpExchange.readHead(in);
        } catch (HttpExchange.NotHttpException e) {
            throw new ProbeFailure(t + " does not answer HTTP (it sent \"" + e.getMessage() + "\")", fix);
        } catch (SocketTimeoutException e) {
            throw new ProbeFailure("no HTTP answer from " + t + " within the timeout", fix);
        } catch (EOFException e) {
            throw new ProbeFailure(t + " closed the connection without an HTTP answer", fix);
        } catch (SocketException e) {
            throw new ProbeFailure(t + " reset the connection without an HTTP answer", fix);
        } catch (IOException e) {
            throw new ProbeFailure("reading the HTTP answer from " + t + " failed: " + e, fix);
        }
    }
}
