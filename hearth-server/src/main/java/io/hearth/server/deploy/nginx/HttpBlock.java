package io.hearth.server.deploy.nginx;

import java.util.List;

/**
 * The {@code http} block: the entry server (port 80 and, with TLS, 443) balancing the client HTTP routes over every
 * node's {@code local_port}; in single-entry mode one short-HTTP server per node; and per node one WebSocket server
 * and, with TLS, one secure WebSocket server, both forwarding to that node's {@code websocket_port}. {@code /admin} is never proxied.
 */
final class HttpBlock {

    /** Client HTTP routes served on a node's local_port (/route exact, the others as prefixes). */
    static final List<String> CLIENT_ROUTES = List.of("= /route", "/api/", "/robot/", "/channel/", "/wstool");
    static final String UPSTREAM = "hearth_http";

    private HttpBlock() {
    }

    static void render(Deployment d, ConfText c) {
        c.open("http");
        c.line("server_tokens off;");
        if (d.accessLog() != null) {
            c.line("access_log " + d.accessLog() + ";");
        }
        if (d.tls() != null) {
            c.line("ssl_certificate " + d.tls().certificate() + ";");
            c.line("ssl_certificate_key " + d.tls().key() + ";");
            c.line("ssl_protocols TLSv1.2 TLSv1.3;");
            c.line("ssl_session_cache shared:hearth_tls:10m;");
            c.line("ssl_session_timeout 1h;");
        }
        c.line("# Every HTTP server below inherits these; the WebSocket servers set their own.");
        c.line("proxy_http_version 1.1;");
        c.line("proxy_set_header Connection \"\";");
        forwardedHeaders(c);
        c.line("");
        c.open("upstream " + UPSTREAM).line("least_conn;");
        for (Node n : d.nodes()) {
            c.line("server " + n.address(n.localPort()) + " max_fails=3 fail_timeout=10s;");
        }
        c.line("keepalive 32;").close();
        c.line("");
        c.line("# The entry: /route and the client HTTP API, balanced over every node.");
        c.open("server").line("listen " + d.listenOn(d.httpPort()) + ";");
        if (d.tls() != null) {
            c.line("listen " + d.listenOn(d.httpsPort()) + " ssl;");
        }
        c.line("server_name " + d.entry() + ";");
        clientRoutes(c, "http://" + UPSTREAM);
        c.close();
        for (Node n : d.nodes()) {
            EntryPorts p = d.portsOf(n);
            if (p.httpPort() != Node.DISABLED) {
                c.line("");
                c.line("# node " + n.nodeId() + ": short HTTP, http://" + d.entry() + ":" + p.httpPort());
                c.open("server").line("listen " + d.listenOn(p.httpPort()) + ";");
                clientRoutes(c, "http://" + n.address(n.localPort()));
                c.close();
            }
            if (p.wsPort() != Node.DISABLED) {
                c.line("");
                c.line("# node " + n.nodeId() + ": MQTT over WebSocket, ws://" + d.entry() + ":" + p.wsPort() + "/mqtt");
                webSocket(d, c, n, d.listenOn(p.wsPort()));
            }
            if (p.wssPort() != Node.DISABLED) {
                c.line("");
                c.line("# node " + n.nodeId() + ": MQTT over secure WebSocket, wss://" + d.entry() + ":" + p.wssPort()
                        + "/mqtt (TLS ends here)");
                webSocket(d, c, n, d.listenOn(p.wssPort()) + " ssl");
            }
        }
        c.close();
    }

    private static void clientRoutes(ConfText c, String target) {
        c.open("location ^~ /admin").line("return 404;").close();
        for (String route : CLIENT_ROUTES) {
            c.open("location " + route).line("proxy_pass " + target + ";").close();
        }
        c.open("location /").line("return 404;").close();
    }

    /** One server per port, so that a listener can be dropped from the file (or checked) on its own. */
    private static void webSocket(Deployment d, ConfText c, Node n, String listen) {
        c.open("server").line("listen " + listen + ";");
        c.line("# nginx does not inherit proxy_set_header into a level that sets its own: all are repeated.");
        c.line("proxy_http_version 1.1;");
        c.line("proxy_set_header Upgrade $http_upgrade;");
        c.line("proxy_set_header Connection \"upgrade\";");
        forwardedHeaders(c);
        c.line("proxy_read_timeout " + d.idleTimeoutSeconds() + "s;");
        c.line("proxy_send_timeout " + d.idleTimeoutSeconds() + "s;");
        c.open("location ^~ /admin").line("return 404;").close();
        c.open("location /").line("proxy_pass http://" + n.address(n.websocketPort()) + ";").close();
        c.close();
    }

    private static void forwardedHeaders(ConfText c) {
        c.line("proxy_set_header Host $host;");
        c.line("proxy_set_header X-Real-IP $remote_addr;");
        c.line("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        c.line("proxy_set_header X-Forwarded-Proto $scheme;");
    }
}
