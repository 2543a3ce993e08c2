package io.hearth.server.cluster;

/** A live node: its id, what the route tells clients about it, where it listens, and whether it is draining. */
public record NodeInfo(int nodeId, Advertised advertised, BoundPorts bound, boolean draining) {
}
