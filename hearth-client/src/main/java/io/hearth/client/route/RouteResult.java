package io.hearth.client.route;

/** The route answer: the node's host and ports; {@code wssPort} is 0 when the server has no secure WebSocket. */
public record RouteResult(String host, int longPort, int shortPort, int wsPort, int wssPort) {
}
