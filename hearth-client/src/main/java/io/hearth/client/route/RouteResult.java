package io.hearth.client.route;

/**
 * The route answer: the node's host and ports. {@code wssPort} and {@code sslPort} are 0 when the server offers no
 * secure WebSocket or MQTT over TLS; {@code wsHost} is where web transports connect (a WebSocket proxy, or
 * {@code host}).
 */
public record RouteResult(String host, int longPort, int shortPort, int wsPort, int wssPort, int sslPort,
                          String wsHost) {

    public RouteResult(String host, int longPort, int shortPort, int wsPort, int wssPort) {
        this(host, longPort, shortPort, wsPort, wssPort, 0, host);
    }
}
