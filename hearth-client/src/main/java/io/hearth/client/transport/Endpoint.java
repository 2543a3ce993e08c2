package io.hearth.client.transport;

import io.hearth.client.Transport;
import java.net.URI;

/**
 * Where one connection goes: host, port (TCP or WebSocket, per transport), transport, and whether it is wrapped in
 * TLS (MQTT over TLS, or WSS).
 */
public record Endpoint(String host, int port, Transport transport, boolean secure) {

    public Endpoint(String host, int port, Transport transport) {
        this(host, port, transport, false);
    }

    /** {@code ws://host:port/mqtt}, or {@code wss://} when secure. */
    public URI webSocketUri() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create((secure ? "wss://" : "ws://") + h + ":" + port + "/mqtt");
    }
}
