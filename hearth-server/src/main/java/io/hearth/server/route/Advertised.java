package io.hearth.server.route;

/**
 * What the route tells clients about this node: the advertised host and the ports they should use. Built after
 * the listeners are bound, so a port configured as 0 is advertised as the port actually bound. -1 = not offered.
 */
public record Advertised(String host, int longPort, int shortPort, int wsPort, int wssPort) {
}
