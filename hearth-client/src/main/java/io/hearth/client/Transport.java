package io.hearth.client;

/** How a {@link HearthClient} reaches the server. */
public enum Transport {
    /** MQTT over TCP, the route's {@code longPort}; route {@code clientKind} {@code native}. */
    TCP("native"),
    /** MQTT over WebSocket ({@code ws://host:wsPort/mqtt}, subprotocol {@code mqtt}); route {@code clientKind} {@code js}. */
    WEBSOCKET("js");

    private final String clientKind;

    Transport(String clientKind) {
        this.clientKind = clientKind;
    }

    /** The route request's {@code clientKind}. */
    public String clientKind() {
        return clientKind;
    }
}
