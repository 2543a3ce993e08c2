package io.hearth.server.deploy.check;

import java.util.List;

/**
 * The long-connection checks of one advertised node, each with a real MQTT handshake: MQTT over TCP on
 * {@code longPort}, MQTT over TLS on {@code sslPort}, MQTT over WebSocket on {@code wsHost:wsPort/mqtt} and WSS on
 * {@code wssPort}, the short HTTP port, and the same for every backup address.
 */
final class NodeChecks {

    static final String WS_PATH = "/mqtt";

    private final Probes probes;

    NodeChecks(Probes probes) {
        this.probes = probes;
    }

    void run(AdvertisedNode n, List<CheckResult> out) {
        String who = "node " + n.nodeId();
        if (n.longPort() > 0) {
            Target t = new Target(n.host(), n.longPort(), "port (or the nginx stream listen for it)");
            probes.mqtt(who, who + " MQTT tcp " + t, t, false, out);
        }
        if (n.sslPort() > 0) {
            Target t = new Target(n.host(), n.sslPort(), "ssl_port");
            probes.mqtt(who, who + " MQTT/TLS " + t, t, true, out);
        }
        if (n.wsPort() > 0) {
            Target t = new Target(n.wsHost(), n.wsPort(), "websocket_port / websocket_proxy_port");
            probes.webSocket(who, who + " WS ws://" + t + WS_PATH, t, false, WS_PATH, out);
        }
        if (n.wssPort() > 0) {
            Target t = new Target(n.wsHost(), n.wssPort(),
                    "secure_websocket_port / websocket_proxy_secure_port");
            probes.webSocket(who, who + " WSS wss://" + t + WS_PATH, t, true, WS_PATH, out);
        }
        if (n.shortPort() > 0) {
            shortPort(who, n, new Target(n.host(), n.shortPort(), "http_port / local_port"), out);
        }
        for (AdvertisedNode.Backup b : n.backups()) {
            String via = who + " backup " + b.host();
            if (b.longPort() > 0) {
                Target t = new Target(b.host(), b.longPort(), "server.backup_address (long port)");
                probes.mqtt(who, via + " MQTT tcp " + t, t, false, out);
            }
            if (b.wsPort() > 0) {
                Target t = new Target(b.host(), b.wsPort(), "server.backup_address (ws port)");
                probes.webSocket(who, via + " WS ws://" + t + WS_PATH, t, false, WS_PATH, out);
            }
        }
    }

    /** The advertised short (HTTP) port must answer {@code /api/version}; a balanced port may answer another node. */
    private void shortPort(String who, AdvertisedNode n, Target t, List<CheckResult> out) {
        String what = who + " HTTP http://" + t + "/api/version";
        HttpExchange.Response r = probes.get(who, what, t, false, "/api/version", out);
        if (r == null) {
            return;
        }
        String fix = "http_port must be the port clients reach this node's local_port on";
        try {
            if (r.head().status() != 200) {
                throw new ProbeFailure(r.head().statusLine() + r.head().fromServer(), fix);
            }
            VersionInfo v = VersionInfo.parse(r.body(), fix);
            out.add(CheckResult.ok(what, v.nodeId() == n.nodeId() ? "answered as node " + v.nodeId()
                    : "answered as node " + v.nodeId() + " (a balanced port: fine for /route and /api)"));
        } catch (ProbeFailure f) {
            out.add(CheckResult.fail(what, f));
        }
    }
}
