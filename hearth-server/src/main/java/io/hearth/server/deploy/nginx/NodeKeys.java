package io.hearth.server.deploy.nginx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config keys one node must set so that its route advertises what nginx serves (the contract: wsHost =
 * websocket_proxy_host else server.ip, wsPort = websocket_proxy_port else websocket_port, wssPort =
 * websocket_proxy_secure_port else secure_websocket_port). Direct: {@code server.ip} = the node's public address,
 * the WebSocket proxy host = the entry and the node's proxy ports. Single entry: {@code server.ip} = the entry and
 * every advertised port the node's unique entry port; {@code port} and {@code ssl_port} are also bound, so the node
 * listens on its unique port itself and nginx forwards to that same port.
 */
public final class NodeKeys {

    private NodeKeys() {
    }

    /** Key to value, in the order a human reads them. */
    public static Map<String, String> of(Deployment d, Node n) {
        EntryPorts p = d.portsOf(n);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("server.ip", d.mode() == Mode.DIRECT ? n.publicHost() : d.entry());
        put(keys, "port", p.longPort());
        put(keys, "http_port", p.httpPort());
        put(keys, "ssl_port", p.sslPort());
        if (p.wsPort() != Node.DISABLED) {
            keys.put("websocket_proxy_host", d.entry());
        }
        put(keys, "websocket_proxy_port", p.wsPort());
        put(keys, "websocket_proxy_secure_port", p.wssPort());
        return keys;
    }

    /** The keys as {@code key value} lines under a comment naming the node, ready to append to its hearth.conf. */
    public static String text(Deployment d, Node n) {
        StringBuilder out = new StringBuilder("# node " + n.nodeId() + " (" + n.host() + "), for nginx mode "
                + d.mode().label() + " at " + d.entry() + "\n");
        of(d, n).forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        return out.toString();
    }

    private static void put(Map<String, String> keys, String key, int port) {
        if (port != Node.DISABLED) {
            keys.put(key, Integer.toString(port));
        }
    }
}
