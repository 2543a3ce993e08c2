package io.hearth.server.deploy.nginx;

/** The two cluster deployments nginx can front (DESIGN.md §2). */
public enum Mode {
    /** nginx balances the client HTTP routes and proxies WebSocket per node; MQTT over TCP goes straight to nodes. */
    DIRECT("direct"),
    /** Clients see one address; nginx maps one port per node and listener (TCP, TLS, HTTP, WS, WSS) to that node. */
    SINGLE_ENTRY("single-entry");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Mode parse(String text) {
        for (Mode m : values()) {
            if (m.label.equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode '" + text + "' is neither direct nor single-entry");
    }
}
