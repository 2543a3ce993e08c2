package io.hearth.server.deploy.nginx;

/**
 * The ports nginx listens on for one node ({@link Node#DISABLED} when it has none for that listener): MQTT over
 * TCP, short HTTP, WebSocket, secure WebSocket and MQTT over TLS. Direct mode has only the two WebSocket ports.
 */
public record EntryPorts(int longPort, int httpPort, int wsPort, int wssPort, int sslPort) {

    static EntryPorts of(Mode mode, PortPlan p, boolean tls, Node n) {
        int id = n.nodeId();
        boolean single = mode == Mode.SINGLE_ENTRY;
        boolean ws = n.websocketPort() != Node.DISABLED;
        return new EntryPorts(
                single && n.port() != Node.DISABLED ? p.longBase() + id : Node.DISABLED,
                single ? p.httpBase() + id : Node.DISABLED,
                ws ? p.wsBase() + id : Node.DISABLED,
                ws && tls ? p.wssBase() + id : Node.DISABLED,
                single && n.sslPort() != Node.DISABLED ? p.sslBase() + id : Node.DISABLED);
    }
}
