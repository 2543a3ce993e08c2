package io.hearth.client.transport;

import io.hearth.client.Transport;
import java.net.URI;

/** Where one connection goes: host, port (TCP or WebSocket, per transport) and transport. */
public record Endpoint(String host, int port, Transport transport) {

    /** {@code ws://host:port/mqtt}. */
    public URI webSocketUri() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("ws://" + h + ":" + port + "/mqtt");
    }
}
