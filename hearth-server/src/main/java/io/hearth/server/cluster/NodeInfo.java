package io.hearth.server.cluster;

import io.hearth.server.route.Advertised;

/** A live node: its id, what the route tells clients about it, and whether it is being drained. */
public record NodeInfo(int nodeId, Advertised advertised, boolean draining) {
}
