package io.hearth.server.deploy.nginx;

/**
 * The {@code stream} block of single-entry mode: per node, the entry's unique MQTT-over-TCP port to the same port
 * on the node (the node binds it, because {@code port} is both bound and advertised) and, when the node runs
 * MQTT over TLS, its unique TLS port passed through unopened to the same port on the node.
 */
final class StreamBlock {

    private StreamBlock() {
    }

    static void render(Deployment d, ConfText c) {
        c.open("stream");
        boolean first = true;
        for (Node n : d.nodes()) {
            EntryPorts p = d.portsOf(n);
            if (p.longPort() != Node.DISABLED) {
                first = separate(c, first);
                c.line("# node " + n.nodeId() + ": MQTT over TCP, " + d.entry() + ":" + p.longPort());
                tcp(d, c, p.longPort(), n.address(p.longPort()));
            }
            if (p.sslPort() != Node.DISABLED) {
                first = separate(c, first);
                c.line("# node " + n.nodeId() + ": MQTT over TLS, " + d.entry() + ":" + p.sslPort()
                        + " (passed through; the node holds the certificate)");
                tcp(d, c, p.sslPort(), n.address(p.sslPort()));
            }
        }
        c.close();
    }

    private static boolean separate(ConfText c, boolean first) {
        if (!first) {
            c.line("");
        }
        return false;
    }

    private static void tcp(Deployment d, ConfText c, int port, String target) {
        c.open("server").line("listen " + d.listenOn(port) + ";");
        c.line("proxy_pass " + target + ";");
        c.line("proxy_connect_timeout 10s;");
        c.line("proxy_timeout " + d.idleTimeoutSeconds() + "s;");
        c.close();
    }
}
