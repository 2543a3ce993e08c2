package io.hearth.server.deploy.nginx;

/**
 * One Hearth node as nginx sees it: the address nginx reaches it by ({@code host}, never 0.0.0.0), the address
 * clients reach it by in direct mode ({@code publicHost}) and the ports it binds. {@link #DISABLED} marks a
 * listener the node does not run.
 */
public record Node(int nodeId, String host, String publicHost, int port, int localPort, int websocketPort,
        int sslPort) {

    public static final int DISABLED = -1;

    public Node {
        if (nodeId < 0 || nodeId > 127) {
            throw new IllegalArgumentException("node_id " + nodeId + " is outside 0..127");
        }
        Names.checkHost("host", host);
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            throw new IllegalArgumentException("host " + host + " of node " + nodeId
                    + " is a wildcard; give the address nginx reaches the node by");
        }
        Names.checkHost("public address", publicHost);
        checkPort(nodeId, "port", port, true);
        checkPort(nodeId, "local_port", localPort, false);
        checkPort(nodeId, "websocket_port", websocketPort, true);
        checkPort(nodeId, "ssl_port", sslPort, true);
    }

    /** A node with the default ports (1883, 80, 8083, no TLS) reached and advertised at {@code host}. */
    public static Node of(int nodeId, String host) {
        return new Node(nodeId, host, host, 1883, 80, 8083, DISABLED);
    }

    public Node withPorts(int port, int localPort, int websocketPort, int sslPort) {
        return new Node(nodeId, host, publicHost, port, localPort, websocketPort, sslPort);
    }

    public Node withPublicHost(String publicHost) {
        return new Node(nodeId, host, publicHost, port, localPort, websocketPort, sslPort);
    }

    /** {@code host:port} as nginx writes it (IPv6 in brackets). */
    String address(int boundPort) {
        return Names.hostPort(host, boundPort);
    }

    private static void checkPort(int nodeId, String key, int value, boolean mayBeDisabled) {
        if (value == DISABLED && mayBeDisabled) {
            return;
        }
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(key + " " + value + " of node " + nodeId + " is outside 1..65535");
        }
    }
}
